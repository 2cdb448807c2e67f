-- local_auth.sign_in_throttle: definition, indexes, row-level security, privileges, policies and triggers.

create table local_auth.sign_in_throttle (
  key text primary key check (key ~ '^(account|client|signup):.' and char_length(key) <= 400),
  -- Failures (sign-in) or accounts made (sign-up) since the counter last started afresh.
  attempts integer not null default 0 check (attempts >= 0),
  last_attempt_at timestamptz not null default now(),
  -- Accounts: no attempt is let through before this.
  next_attempt_at timestamptz not null default now()
);

create index sign_in_throttle_last_attempt_idx on local_auth.sign_in_throttle (last_attempt_at);

alter table local_auth.sign_in_throttle enable row level security;

grant select,insert,delete,update on table local_auth.sign_in_throttle to service_role;
