-- public.outbox: definition, indexes, row-level security, privileges, policies and triggers.

create table public.outbox (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id),
  topic text not null check (topic ~ '^[a-z]+(\.[a-z_]+)+$'),
  subject_id uuid not null references public.subjects (id),
  event_ids uuid[] not null check (cardinality(event_ids) >= 1 and array_position(event_ids, null) is null),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  -- The writing transaction: one row per transaction, subject and topic.
  transaction_id xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  unique (transaction_id, subject_id, topic)
);

create index outbox_feed_idx on public.outbox (workspace_id, transaction_id, id);

create index outbox_workspace_idx on public.outbox (workspace_id, id);

alter table public.outbox enable row level security;

revoke all on table public.outbox from anon, authenticated, service_role;
revoke all on sequence public.outbox_id_seq from anon, authenticated, service_role;
grant select on table public.outbox to authenticated;
grant all on sequence public.outbox_id_seq to anon, authenticated, service_role;

create policy "outbox: owners and admins read" on public.outbox
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create trigger outbox_append_only before update on public.outbox
  for each row execute function private.outbox_append_only();

create constraint trigger outbox_fan_out after insert or update on public.outbox
  deferrable initially deferred
  for each row execute function private.outbox_fan_out();

create trigger outbox_no_delete before delete on public.outbox
  for each row execute function private.refuse_change();

create trigger outbox_no_truncate before truncate on public.outbox
  for each statement execute function private.refuse_change();
