-- public.outbound_messages: definition, indexes, row-level security, privileges, policies and triggers.

create table public.outbound_messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  challenge_id uuid references public.verification_challenges (id),
  channel text not null check (channel in ('email', 'sms')),
  -- For the sender only (no member may read it); dropped once sent, used or expired.
  recipient text check (char_length(recipient) <= 320),
  recipient_masked text not null check (char_length(recipient_masked) <= 320),
  locale text not null check (locale in ('en', 'zh-CN', 'zh-TW')),
  subject_line text not null check (char_length(subject_line) <= 200),
  body text not null check (char_length(body) <= 4000),
  -- The body with the code and link masked; becomes `body` when the message is redacted.
  body_redacted text not null check (char_length(body_redacted) <= 4000),
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts smallint not null default 0 check (attempts between 0 and 10),
  last_error text check (char_length(last_error) <= 500),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  redacted_at timestamptz
);

create index outbound_messages_challenge_idx on public.outbound_messages (challenge_id) where challenge_id is not null;

create index outbound_messages_unredacted_idx on public.outbound_messages (workspace_id, created_at) where redacted_at is null;

create index outbound_messages_workspace_idx on public.outbound_messages (workspace_id, created_at desc);

alter table public.outbound_messages enable row level security;

revoke all on table public.outbound_messages from anon, authenticated, service_role;
grant select (id, workspace_id, channel, recipient_masked, locale, subject_line, body, status, attempts, last_error, created_at, sent_at, redacted_at) on table public.outbound_messages to authenticated;

create policy "outbound messages: owners and admins read" on public.outbound_messages
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
