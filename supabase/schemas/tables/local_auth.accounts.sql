-- local_auth.accounts: definition, indexes, row-level security, privileges, policies and triggers.

create table local_auth.accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and char_length(email) between 3 and 320),
  -- scrypt$<log2 N>$<r>$<p>$<salt b64>$<key b64>
  password_hash text not null check (password_hash like 'scrypt$%'),
  created_at timestamptz not null default now(),
  unique (email)
);

alter table local_auth.accounts enable row level security;

grant select,insert,delete,update on table local_auth.accounts to service_role;
