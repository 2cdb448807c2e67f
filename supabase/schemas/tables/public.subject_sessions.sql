-- public.subject_sessions: definition, indexes, row-level security, privileges, policies and triggers.

create table public.subject_sessions (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  identifier_kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  challenge_id uuid not null references public.verification_challenges (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);

create index subject_sessions_subject_idx on public.subject_sessions (subject_id);

alter table public.subject_sessions enable row level security;

revoke all on table public.subject_sessions from anon, authenticated, service_role;

create trigger subject_sessions_keep_identifier_value after insert on public.subject_sessions
  for each row execute function private.keep_proven_identifier_value();
