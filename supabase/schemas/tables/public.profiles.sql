-- public.profiles: definition, indexes, row-level security, privileges, policies and triggers.

-- Accounts as seen by the console. `id` is auth.uid() of the account (local or Supabase Auth).
create table public.profiles (
  id uuid primary key,
  email text not null check (char_length(email) between 3 and 320),
  display_name text check (char_length(display_name) <= 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  locale text check (locale in ('en', 'zh-CN', 'zh-TW'))
);

alter table public.profiles enable row level security;

revoke all on table public.profiles from anon, authenticated, service_role;
grant all on table public.profiles to service_role;
grant select,insert,update on table public.profiles to authenticated;

create policy "profiles: create own" on public.profiles
  for insert to authenticated
  with check (id = (select auth.uid()));

create policy "profiles: read own and co-workers" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or id in (select private.my_coworker_ids()));

create policy "profiles: update own" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();

comment on column public.profiles.locale is 'The console language the person last signed in with: the language of messages to them (dead-letter alerts).';
