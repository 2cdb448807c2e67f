-- private.api_rate_limits: definition, indexes, row-level security, privileges, policies and triggers.

create table private.api_rate_limits (
  bucket text not null check (length(bucket) between 1 and 300),
  window_start timestamptz not null,
  hits integer not null default 1 check (hits > 0),
  primary key (bucket, window_start)
);

alter table private.api_rate_limits enable row level security;
