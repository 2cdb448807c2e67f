-- The `changes:read` API key scope (issue 14 §5): GET /api/v1/changes, the pull feed of consent
-- changes (public.changes_after, 20261207130100_sync_engine.sql) for systems that poll in batches.
alter table public.api_keys drop constraint api_keys_scopes_check;
alter table public.api_keys add constraint api_keys_scopes_check check (
  cardinality(scopes) between 1 and 5
  and scopes <@ array['consent:write', 'consent:read', 'decisions:read', 'contacts:write', 'changes:read']::text[]
  and array_position(scopes, null) is null);
