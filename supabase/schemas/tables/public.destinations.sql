-- public.destinations: definition, indexes, row-level security, privileges, policies and triggers.

create table public.destinations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  kind public.destination_kind not null,
  -- webhook: {url}; nats: {servers: [url…], subject}. Never a secret.
  config jsonb not null check (jsonb_typeof(config) = 'object'),
  filters jsonb not null default '{}'::jsonb check (jsonb_typeof(filters) = 'object'),
  identifier_policy jsonb not null default '{}'::jsonb check (jsonb_typeof(identifier_policy) = 'object'),
  -- AES-256-GCM with the workspace data key, made in Node: iv || tag || ciphertext of a JSON object.
  secrets bytea not null check (length(secrets) between 29 and 65536),
  -- What the console shows of the signing secret (`whsec_Ab3d…`), and the Ed25519 public key
  -- (base64 SPKI DER) that `v1a` signatures verify with, served at /api/v1/destinations/<id>/signing-key.
  secret_hint text check (char_length(secret_hint) <= 40),
  signing_public_key text check (char_length(signing_public_key) <= 200),
  -- The replaced signing secret is still sent alongside (and in the blob) until then.
  previous_secret_expires_at timestamptz,
  paused boolean not null default false,
  -- Set by the engine (a 410 Gone, failures for days); cleared by an owner or admin resuming it.
  disabled_at timestamptz,
  disabled_reason text check (char_length(disabled_reason) <= 500),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (kind <> 'webhook' or (jsonb_typeof(config -> 'url') = 'string' and config ->> 'url' ~ '^https?://')),
  check (kind <> 'nats' or (jsonb_typeof(config -> 'servers') = 'array' and jsonb_typeof(config -> 'subject') = 'string'))
);

create index destinations_created_by_idx on public.destinations (created_by);

create index destinations_workspace_idx on public.destinations (workspace_id) where deleted_at is null;

alter table public.destinations enable row level security;

revoke all on table public.destinations from anon, authenticated, service_role;
grant select,update on table public.destinations to service_role;
grant select (id, workspace_id, name, kind, config, filters, identifier_policy, secret_hint, signing_public_key, previous_secret_expires_at, paused, disabled_at, disabled_reason, created_by, created_at, updated_at, deleted_at) on table public.destinations to authenticated;
grant insert (id, workspace_id, name, kind, config, filters, identifier_policy, secrets, secret_hint, signing_public_key, created_by) on table public.destinations to authenticated, service_role;
grant update (name, config, filters, identifier_policy, secrets, secret_hint, signing_public_key, previous_secret_expires_at, paused, disabled_at, disabled_reason, deleted_at) on table public.destinations to authenticated;

create policy "destinations: members read" on public.destinations
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "destinations: owners and admins change" on public.destinations
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "destinations: owners and admins create" on public.destinations
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));

create trigger destinations_audit after insert or update or delete on public.destinations
  for each row execute function private.audit_row_change('destination', 'workspace_id', 'id', 'secrets');

create trigger destinations_check before insert or update on public.destinations
  for each row execute function private.check_destination();

create trigger destinations_touch before update on public.destinations
  for each row execute function private.touch_updated_at();
