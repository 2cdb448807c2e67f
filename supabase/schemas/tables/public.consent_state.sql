-- public.consent_state: definition, indexes, row-level security, privileges, policies and triggers.

-- The current state of each subject × purpose: a projection of the ledger, kept in step by the
-- recording functions in the same transaction.
create table public.consent_state (
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  purpose_id uuid not null references public.purposes (id),
  state public.consent_status not null,
  separately_given boolean not null,
  method public.consent_method not null,
  expires_at timestamptz,
  last_event_id uuid not null references public.consent_events (id),
  updated_at timestamptz not null,
  -- SHA-256 of the double opt-in token while the state is `requested`.
  confirmation_token_hash text check (confirmation_token_hash ~ '^[0-9a-f]{64}$'),
  primary key (subject_id, purpose_id)
);

create index consent_state_confirmation_idx on public.consent_state (confirmation_token_hash) where confirmation_token_hash is not null;

create index consent_state_expiry_idx on public.consent_state (workspace_id, expires_at) where expires_at is not null;

create index consent_state_workspace_idx on public.consent_state (workspace_id, purpose_id);

alter table public.consent_state enable row level security;

revoke all on table public.consent_state from anon, authenticated, service_role;
grant select (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at, last_event_id, updated_at) on table public.consent_state to authenticated, service_role;

create policy "consent state: members read" on public.consent_state
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
