-- public.verification_challenges: definition, indexes, row-level security, privileges, policies and triggers.

create table public.verification_challenges (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  experience_id uuid not null references public.experiences (id),
  identifier_kind public.identifier_kind not null check (identifier_kind in ('email', 'phone')),
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  link_token_hash text not null unique check (link_token_hash ~ '^[0-9a-f]{64}$'),
  network text check (char_length(network) <= 64),
  attempts smallint not null default 0 check (attempts between 0 and 5),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  consumed_at timestamptz,
  locked_at timestamptz,
  identifier_value_sealed bytea check (length(identifier_value_sealed) between 29 and 2048)
);

create index verification_challenges_identifier_idx on public.verification_challenges (workspace_id, identifier_kind, identifier_hash, created_at desc);

create index verification_challenges_network_idx on public.verification_challenges (network, created_at desc) where network is not null;

create index verification_challenges_sealed_idx on public.verification_challenges (workspace_id, expires_at)
  where identifier_value_sealed is not null;

alter table public.verification_challenges enable row level security;

revoke all on table public.verification_challenges from anon, authenticated, service_role;
