-- public.consent_events: definition, indexes, row-level security, privileges, policies and triggers.

create table public.consent_events (
  id uuid primary key default gen_random_uuid(),
  schema_version smallint not null default 1 check (schema_version = 1),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  seq bigint not null check (seq > 0),
  -- The identifier the event was recorded under, as stored (keyed hash).
  identifier_kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  -- When the person chose (claimed by the client, bounded) and when the server received it.
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  expressed_by public.expressed_by not null,
  -- The controller at that time: {legal_entity_name, contact_address}.
  controller jsonb not null check (jsonb_typeof(controller) = 'object'),
  purpose_id uuid not null references public.purposes (id),
  -- The purpose at that time: key, data categories, sensitive, legal basis, recipients, transfers.
  purpose jsonb not null check (jsonb_typeof(purpose) = 'object'),
  -- Given through the purpose's own control, not bundled into "accept all" (PIPL separate consent).
  separately_given boolean not null,
  experience_version_id uuid references public.experience_versions (id),
  -- noticeId -> approved notice version pinned by that experience version.
  notice_versions jsonb not null default '{}'::jsonb check (jsonb_typeof(notice_versions) = 'object'),
  language text not null check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' and char_length(language) <= 35),
  region_code text not null check (region_code ~ '^[A-Za-z0-9_-]{1,32}$'),
  region_resolution jsonb not null check (jsonb_typeof(region_resolution) = 'object' and region_resolution ? 'method'),
  consent_type public.consent_type not null,
  method public.consent_method not null,
  channel public.collection_channel not null,
  -- Set when the decision applies to one contact channel only (an SMS opt-out keyword).
  contact_channel public.contact_channel,
  state public.consent_status not null,
  expires_at timestamptz,
  withdraw_url text check (char_length(withdraw_url) <= 2048),
  -- The preference changes submitted with this decision, if any.
  preferences jsonb check (preferences is null or jsonb_typeof(preferences) = 'object'),
  -- Truncated IP, user agent, page URL, idempotency key.
  context jsonb not null default '{}'::jsonb check (jsonb_typeof(context) = 'object'),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  unique (subject_id, seq)
);

create index consent_events_experience_version_idx on public.consent_events (experience_version_id) where experience_version_id is not null;

-- A purpose belongs to one workspace, so the purpose leads; this also serves the ledger's
-- "is this purpose used" check, which had its own (purpose_id) index.
create index consent_events_purpose_page_idx on public.consent_events (purpose_id, received_at desc, id desc);

create index consent_events_workspace_page_idx on public.consent_events (workspace_id, received_at desc, id desc);

create index consent_events_workspace_region_idx on public.consent_events (workspace_id, region_code, received_at desc, id desc);

alter table public.consent_events enable row level security;

revoke all on table public.consent_events from anon, authenticated, service_role;
grant select on table public.consent_events to authenticated, service_role;

create policy "consent events: members read" on public.consent_events
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create trigger consent_events_append_only before update or delete on public.consent_events
  for each row execute function private.refuse_change();

create trigger consent_events_no_truncate before truncate on public.consent_events
  for each statement execute function private.refuse_change();

create trigger consent_events_outbox after insert on public.consent_events
  referencing new table as inserted
  for each statement execute function private.outbox_consent_changed();
