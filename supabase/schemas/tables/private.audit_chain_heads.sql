-- private.audit_chain_heads: definition, indexes, row-level security, privileges, policies and triggers.

-- The last link of each workspace's chain. Its row lock orders the appends of one workspace;
-- workspaces do not wait for each other.
create table private.audit_chain_heads (
  workspace_id uuid primary key references public.workspaces (id),
  seq bigint not null,
  hash text not null
);

alter table private.audit_chain_heads enable row level security;
