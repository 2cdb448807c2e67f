-- private.api_rate_limit_overrides: definition, indexes, row-level security, privileges, policies and triggers.

-- Per-caller limits other than the route's default (a large customer, the benchmark's key).
create table private.api_rate_limit_overrides (
  subject text primary key check (length(subject) between 1 and 200),
  max_hits integer not null check (max_hits > 0),
  note text
);

alter table private.api_rate_limit_overrides enable row level security;
