-- local_auth.sessions: definition, indexes, row-level security, privileges, policies and triggers.

-- Sessions are opaque random tokens in an httpOnly cookie; only their SHA-256 is stored, so
-- signing out (or revoking) takes effect on every instance at once.
create table local_auth.sessions (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  account_id uuid not null references local_auth.accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text
);

create index sessions_account_id_idx on local_auth.sessions (account_id);

create index sessions_expires_at_idx on local_auth.sessions (expires_at);

alter table local_auth.sessions enable row level security;

grant select,insert,delete,update on table local_auth.sessions to service_role;
