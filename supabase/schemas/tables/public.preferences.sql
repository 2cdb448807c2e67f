-- public.preferences: definition, indexes, row-level security, privileges, policies and triggers.

-- Subject-level preferences. channels: {"*": [...], "<purposeId>": [...]}: the contact channels
-- allowed for every purpose or for one; a purpose without an entry is not restricted.
create table public.preferences (
  subject_id uuid primary key references public.subjects (id),
  workspace_id uuid not null references public.workspaces (id),
  channels jsonb not null default '{}'::jsonb check (jsonb_typeof(channels) = 'object'),
  topics uuid[] not null default '{}' check (cardinality(topics) <= 100),
  frequency_cap_max integer check (frequency_cap_max between 1 and 1000),
  frequency_cap_period text check (frequency_cap_period in ('week', 'month')),
  quiet_hours_start time,
  quiet_hours_end time,
  quiet_hours_time_zone text check (char_length(quiet_hours_time_zone) <= 64),
  updated_at timestamptz not null,
  last_event_id uuid not null references public.consent_events (id),
  check ((frequency_cap_max is null) = (frequency_cap_period is null)),
  check ((quiet_hours_start is null) = (quiet_hours_end is null) and (quiet_hours_start is null) = (quiet_hours_time_zone is null))
);

create index preferences_workspace_idx on public.preferences (workspace_id);

alter table public.preferences enable row level security;

revoke all on table public.preferences from anon, authenticated, service_role;
grant select on table public.preferences to authenticated, service_role;

create policy "preferences: members read" on public.preferences
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
