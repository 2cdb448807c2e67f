-- public.outbound_messages: definition, indexes, row-level security, privileges, policies and triggers.

create table public.outbound_messages (
  id uuid default gen_random_uuid() not null,
  workspace_id uuid not null,
  challenge_id uuid,
  channel text not null,
  recipient text,
  recipient_masked text not null,
  locale text not null,
  subject_line text not null,
  body text not null,
  body_redacted text not null,
  status text default 'queued'::text not null,
  attempts smallint default 0 not null,
  last_error text,
  created_at timestamp with time zone default now() not null,
  sent_at timestamp with time zone,
  redacted_at timestamp with time zone,
  destination_id uuid,
  constraint outbound_messages_attempts_check check (((attempts >= 0) and (attempts <= 10))),
  constraint outbound_messages_body_check check ((char_length(body) <= 4000)),
  constraint outbound_messages_body_redacted_check check ((char_length(body_redacted) <= 4000)),
  constraint outbound_messages_channel_check check ((channel = any (array['email'::text, 'sms'::text]))),
  constraint outbound_messages_last_error_check check ((char_length(last_error) <= 500)),
  constraint outbound_messages_locale_check check ((locale = any (array['en'::text, 'zh-CN'::text, 'zh-TW'::text]))),
  constraint outbound_messages_recipient_check check ((char_length(recipient) <= 320)),
  constraint outbound_messages_recipient_masked_check check ((char_length(recipient_masked) <= 320)),
  constraint outbound_messages_status_check check ((status = any (array['queued'::text, 'sent'::text, 'failed'::text]))),
  constraint outbound_messages_subject_line_check check ((char_length(subject_line) <= 200))
);

alter table public.outbound_messages
  add constraint outbound_messages_pkey primary key (id);

alter table public.outbound_messages
  add constraint outbound_messages_challenge_id_fkey foreign key (challenge_id) references public.verification_challenges(id);

alter table public.outbound_messages
  add constraint outbound_messages_destination_id_fkey foreign key (destination_id) references public.destinations(id);

alter table public.outbound_messages
  add constraint outbound_messages_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id);

create index outbound_messages_challenge_idx on public.outbound_messages using btree (challenge_id) where (challenge_id is not null);

create index outbound_messages_destination_idx on public.outbound_messages using btree (destination_id, created_at) where (destination_id is not null);

create index outbound_messages_unredacted_idx on public.outbound_messages using btree (workspace_id, created_at) where (redacted_at is null);

create index outbound_messages_workspace_idx on public.outbound_messages using btree (workspace_id, created_at desc);

alter table public.outbound_messages enable row level security;

revoke all on table public.outbound_messages from anon, authenticated, service_role;
grant select (id, workspace_id, channel, recipient_masked, locale, subject_line, body, status, attempts, last_error, created_at, sent_at, redacted_at, destination_id) on table public.outbound_messages to authenticated;

create policy "outbound messages: owners and admins read" on public.outbound_messages
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
