-- local_auth.sign_in_failures: definition, indexes, row-level security, privileges, policies and triggers.

-- Failed sign-ins, counted per email and per client address to throttle guessing.
create table local_auth.sign_in_failures (
  id bigint generated always as identity primary key,
  email text not null,
  client_address text,
  failed_at timestamptz not null default now()
);

create index sign_in_failures_address_idx on local_auth.sign_in_failures (client_address, failed_at);

create index sign_in_failures_email_idx on local_auth.sign_in_failures (email, failed_at);

alter table local_auth.sign_in_failures enable row level security;

grant select,insert,delete,update on table local_auth.sign_in_failures to service_role;
