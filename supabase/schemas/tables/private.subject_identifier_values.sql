-- private.subject_identifier_values: definition, indexes, row-level security, privileges, policies and triggers.

create table private.subject_identifier_values (
  identifier_id uuid primary key references public.subject_identifiers (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id),
  -- iv || tag || ciphertext of the normalised value (lib/sync/crypto/envelope.ts).
  ciphertext bytea not null check (length(ciphertext) between 29 and 2048),
  created_at timestamptz not null default now()
);

alter table private.subject_identifier_values enable row level security;
