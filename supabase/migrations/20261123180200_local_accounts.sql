-- Local accounts for the embedded and Postgres profiles (on Supabase, Supabase Auth holds the
-- accounts and these tables stay empty). Only the service role reaches them, through the
-- named uses in lib/auth/local/: nothing here is exposed to anon or authenticated.

create schema if not exists local_auth;
revoke all on schema local_auth from public;
grant usage on schema local_auth to service_role;

create table local_auth.accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and char_length(email) between 3 and 320),
  -- scrypt$<log2 N>$<r>$<p>$<salt b64>$<key b64>
  password_hash text not null check (password_hash like 'scrypt$%'),
  created_at timestamptz not null default now(),
  unique (email)
);

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

-- Failed sign-ins, counted per email and per client address to throttle guessing.
create table local_auth.sign_in_failures (
  id bigint generated always as identity primary key,
  email text not null,
  client_address text,
  failed_at timestamptz not null default now()
);
create index sign_in_failures_email_idx on local_auth.sign_in_failures (email, failed_at);
create index sign_in_failures_address_idx on local_auth.sign_in_failures (client_address, failed_at);

alter table local_auth.accounts enable row level security;
alter table local_auth.sessions enable row level security;
alter table local_auth.sign_in_failures enable row level security;

revoke all on all tables in schema local_auth from public, anon, authenticated;
grant select, insert, update, delete on all tables in schema local_auth to service_role;
