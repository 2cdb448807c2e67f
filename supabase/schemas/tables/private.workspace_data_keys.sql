-- private.workspace_data_keys: definition, indexes, row-level security, privileges, policies and triggers.

create table private.workspace_data_keys (
  workspace_id uuid primary key references public.workspaces (id),
  -- iv (12 bytes) || tag (16) || ciphertext (32), made and opened in Node (lib/sync/crypto).
  wrapped_key bytea not null check (length(wrapped_key) = 60),
  -- SHA-256 prefix of the master key that wrapped it: rotation finds what to re-wrap.
  master_key_id text not null check (master_key_id ~ '^[0-9a-f]{16}$'),
  created_at timestamptz not null default now(),
  rewrapped_at timestamptz
);

alter table private.workspace_data_keys enable row level security;
