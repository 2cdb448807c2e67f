-- The end-user preference centre: a returning person proves control of an email address or a
-- phone number (a one-time code or a magic link), gets a short-lived session bound to their
-- workspace and subject, reads their state, changes it, withdraws everything in one step, reads
-- a receipt of each change and asks for a copy or deletion of their data.
--
-- Who may call what. Every table here has RLS on; anon holds no table privilege and reaches them
-- only through the narrow security-definer functions below, each of which checks what it is
-- given: start_subject_verification, verify_subject_code, verify_subject_link,
-- subject_centre_state, record_subject_choices, withdraw_all_subject_consent,
-- request_subject_data, read_consent_receipt, end_subject_session. A session token (and a
-- receipt token) is the only thing that ever names a subject to anon: subject ids are never
-- accepted from the caller.
--
-- Verification challenges. A code is 6 digits, kept as HMAC-SHA256(workspace secret,
--   "<challenge id>:<code>") (a plain SHA-256 of a 6-digit number is reversed in a millisecond);
--   it expires after 10 minutes and locks after 5 wrong attempts. The magic link carries a random
--   token (244 bits), kept as its SHA-256, with the same expiry; it leads to a page whose button
--   POSTs (mail scanners that follow links must not use it up). A challenge is used once.
--   Throttled in the database (instances are stateless): 5 challenges per identifier per hour
--   and 20 per network per hour (the network is the caller's truncated address, passed by the
--   server; blank when unknown). Starting a verification answers the same whether or not the
--   person is known: the subject is looked up (or created) only once control is proven.
--   Verification answers a status instead of raising, so a wrong attempt is counted even though
--   the caller learns it failed (an exception would roll the count back).
--
-- The outbox. Every code goes out as a row of public.outbound_messages (email or SMS). The plain
--   code and link are in its body, so only owners and admins of that workspace may read it
--   (policy + column grants; the plain recipient is not readable by any member, only a masked
--   form). Why they may read it at all: in the embedded profile without SMTP (and for SMS until a
--   gateway exists) the outbox is the only way a code reaches anyone — a development and
--   demonstration set-up in which the operator stands in for the person's mailbox. With SMTP
--   configured the server sends the message as soon as it is queued and the body is redacted
--   (code and link masked, plain recipient dropped) the moment it is sent, so in production no
--   operator ever reads a usable code. Bodies are also redacted when their challenge is used, and
--   lazily once it expires; an expired or used code opens nothing anyway. The message texts live
--   here, not in the app, because anon starts verifications: a caller must never choose the text
--   that is sent to somebody else's address. A link in a body is a path on its own line; the
--   mailer prefixes the public base URL when it sends.
--
-- The device. A hosted page records an anonymous visitor under a random device id kept in a
--   first-party cookie. When the person proves control of an identifier in the same browser, the
--   device's subject is linked to theirs as public.link_subjects links (identifiers re-pointed,
--   merged_into set, projection moved with the newer state winning, `subject.linked` audited), so a
--   returning person finds what they chose before they were known. Only an anonymous device
--   subject (device ids alone) is merged; a device that belongs to a known person is left alone.
--
-- Sessions. A random token (pcs_…), only its SHA-256 stored; 30 minutes; bound to the workspace
--   and the subject; every function that takes one also takes the public id of the live
--   experience being shown and refuses a session of another workspace. A subject later merged
--   into another is followed to it.
--
-- Recording. Built on the ledger's primitives (lock_subject, append_consent_event,
--   apply_consent_state, controller and purpose snapshots): channel web, expressed by the subject,
--   method save / toggle / click_accept (withdraw all: click_reject), the live version and its
--   pinned notices. One event per purpose whose state changes: on → given (unless given and
--   unexpired), off → withdrawn when it was given or requested, refused when never answered.
--   Giving a purpose requires that the version shown offers it; withdrawing does not (a person may
--   withdraw anything they ever gave). A change of preferences only is carried by an event that
--   restates a purpose's state (given → renewed_given). Double opt-in purposes are given at once:
--   the person has just proven control of the identifier. Withdraw all records `withdrawn` for
--   every purpose given or requested (necessary purposes excepted) and empties the topics; the
--   withdrawal already refuses every channel (decide.ts), so channel preferences are kept for a
--   later consent.
--
-- Receipts. Each change makes a public.consent_receipts row listing its events, with a random
--   token (rct_…, hashed) for reading it without a session. Members read receipts (they are part
--   of the record); they are append-only.
--
-- Data subject requests (PIPL art. 44-47, GDPR art. 15-17): access, deletion, correction,
--   recorded by session, at most 5 a day per subject. Owners, admins and legal read them and
--   change their status and response note; handled_by / handled_at are set by the database and
--   every change is in the audit log.

-- ---------------------------------------------------------------------------------------------
-- Tables.

create table public.verification_challenges (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  experience_id uuid not null references public.experiences (id),
  identifier_kind public.identifier_kind not null check (identifier_kind in ('email', 'phone')),
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  link_token_hash text not null unique check (link_token_hash ~ '^[0-9a-f]{64}$'),
  network text check (char_length(network) <= 64),
  attempts smallint not null default 0 check (attempts between 0 and 5),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  consumed_at timestamptz,
  locked_at timestamptz
);
create index verification_challenges_identifier_idx on public.verification_challenges (workspace_id, identifier_kind, identifier_hash, created_at desc);
create index verification_challenges_network_idx on public.verification_challenges (network, created_at desc) where network is not null;

create table public.subject_sessions (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  identifier_kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  challenge_id uuid not null references public.verification_challenges (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index subject_sessions_subject_idx on public.subject_sessions (subject_id);

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
create index outbound_messages_workspace_idx on public.outbound_messages (workspace_id, created_at desc);
create index outbound_messages_challenge_idx on public.outbound_messages (challenge_id) where challenge_id is not null;
create index outbound_messages_unredacted_idx on public.outbound_messages (workspace_id, created_at) where redacted_at is null;

create table public.consent_receipts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  experience_id uuid not null references public.experiences (id),
  experience_version_id uuid not null references public.experience_versions (id),
  action text not null check (action in ('change', 'withdraw_all')),
  event_ids uuid[] not null check (cardinality(event_ids) between 1 and 100),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
create index consent_receipts_workspace_idx on public.consent_receipts (workspace_id, created_at desc);
create index consent_receipts_subject_idx on public.consent_receipts (subject_id, created_at desc);
create trigger consent_receipts_append_only before update or delete on public.consent_receipts
  for each row execute function private.refuse_change();
create trigger consent_receipts_no_truncate before truncate on public.consent_receipts
  for each statement execute function private.refuse_change();

create table public.data_subject_requests (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  -- How the person proved who they are (the identifier they verified).
  identifier_kind public.identifier_kind not null,
  kind text not null check (kind in ('access', 'deletion', 'correction')),
  status text not null default 'received' check (status in ('received', 'in_progress', 'completed', 'rejected')),
  note text check (char_length(note) <= 2000),
  response_note text check (char_length(response_note) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  handled_by uuid references public.profiles (id),
  handled_at timestamptz
);
create index data_subject_requests_workspace_idx on public.data_subject_requests (workspace_id, created_at desc);
create index data_subject_requests_subject_idx on public.data_subject_requests (subject_id, created_at desc);

-- Who handled a request and when: set by the database, never by the caller.
create function private.stamp_data_subject_request()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.workspace_id <> old.workspace_id or new.subject_id <> old.subject_id or new.kind <> old.kind
     or new.note is distinct from old.note or new.created_at <> old.created_at then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'only status and response_note change';
  end if;
  new.updated_at := now();
  if new.status is distinct from old.status or new.response_note is distinct from old.response_note then
    new.handled_by := (select auth.uid());
    new.handled_at := case when new.status in ('completed', 'rejected') then now() else old.handled_at end;
  end if;
  return new;
end
$$;
create trigger data_subject_requests_stamp before update on public.data_subject_requests
  for each row execute function private.stamp_data_subject_request();
create trigger data_subject_requests_audit after insert or update or delete on public.data_subject_requests
  for each row execute function private.audit_row_change('data_subject_request', 'workspace_id', 'id', 'note', 'response_note', 'handled_at');

-- ---------------------------------------------------------------------------------------------
-- Helpers.

create function private.sha256_hex(value text)
returns text
language sql immutable set search_path = ''
as $$ select encode(sha256(convert_to(coalesce(value, ''), 'UTF8')), 'hex') $$;

-- 6 random digits from 32 random bits of a v4 UUID (the modulo bias is below 1 in 4,000).
create function private.new_verification_code()
returns text
language sql volatile set search_path = ''
as $$ select lpad(((('x' || substr(gen_random_uuid()::text, 1, 8))::bit(32)::bigint) % 1000000)::text, 6, '0') $$;

create function private.verification_code_hash(workspace_id uuid, challenge_id uuid, code text)
returns text
language sql security definer set search_path = ''
as $$
  select encode(private.hmac_sha256(private.workspace_secret(workspace_id), convert_to(challenge_id::text || ':' || code, 'UTF8')), 'hex')
$$;

-- What operators see of a recipient: a***@example.com, +86*******5678.
create function private.mask_recipient(kind public.identifier_kind, value text)
returns text
language sql immutable set search_path = ''
as $$
  select case
    when kind = 'email' then left(value, 1) || '***@' || split_part(value, '@', 2)
    else left(value, 3) || repeat('*', greatest(char_length(value) - 7, 2)) || right(value, 4)
  end
$$;

-- The live experience behind a public id: (experience id, workspace, live version), or nothing.
create function private.live_experience_of(public_id text)
returns table (experience_id uuid, workspace_id uuid, version_id uuid)
language sql stable security definer set search_path = ''
as $$
  select e.id, e.workspace_id, e.live_version_id from public.experiences e
  where e.public_id = live_experience_of.public_id and e.live_version_id is not null
$$;

-- The open session behind a token, for the live experience `public_id` of the same workspace,
-- with its subject followed through merges; consentry.session_invalid otherwise.
create function private.open_subject_session(session_token text, public_id text)
returns public.subject_sessions
language plpgsql stable security definer set search_path = ''
as $$
declare
  found_session public.subject_sessions;
  next_id uuid;
begin
  select * into found_session from public.subject_sessions s
  where s.token_hash = private.sha256_hex(session_token) and s.ended_at is null and s.expires_at > clock_timestamp();
  if not found or (public_id is not null and not exists (
    select 1 from private.live_experience_of(public_id) x where x.workspace_id = found_session.workspace_id
  )) then
    raise exception 'consentry.session_invalid' using errcode = 'P0001';
  end if;
  for hop in 1..10 loop
    select s.merged_into into next_id from public.subjects s where s.id = found_session.subject_id;
    exit when next_id is null;
    found_session.subject_id := next_id;
  end loop;
  return found_session;
end
$$;

-- A subject and every subject merged into it (their receipts are the person's too).
create function private.subject_family(subject_id uuid)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive family(id) as (
    select subject_family.subject_id
    union
    select s.id from public.subjects s join family f on s.merged_into = f.id
  )
  select id from family
$$;

-- The context recorded on an event: truncated IP (as the ledger truncates it), user agent, page.
create function private.centre_event_context(context jsonb)
returns jsonb
language plpgsql immutable set search_path = ''
as $$
declare
  result jsonb := '{}'::jsonb;
  ip inet;
begin
  if jsonb_typeof(context) is distinct from 'object' then
    return result;
  end if;
  if context ->> 'ipTruncated' is not null then
    begin
      ip := (context ->> 'ipTruncated')::inet;
      result := result || jsonb_build_object('ip_truncated', host(set_masklen(ip, case when family(ip) = 4 then 24 else 48 end)::cidr));
    exception when others then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'context.ipTruncated';
    end;
  end if;
  if context ->> 'userAgent' is not null then
    result := result || jsonb_build_object('user_agent', left(context ->> 'userAgent', 512));
  end if;
  if context ->> 'pageUrl' is not null then
    result := result || jsonb_build_object('page_url', left(context ->> 'pageUrl', 2048));
  end if;
  return result || jsonb_build_object('preference_centre', true);
end
$$;

-- Redacts the messages of used or expired challenges of a workspace (a few at a time).
create function private.redact_spent_messages(workspace_id uuid)
returns void
language sql security definer set search_path = ''
as $$
  update public.outbound_messages m set body = m.body_redacted, recipient = null, redacted_at = now()
  where m.id in (
    select m2.id from public.outbound_messages m2
    join public.verification_challenges c on c.id = m2.challenge_id
    where m2.workspace_id = redact_spent_messages.workspace_id and m2.redacted_at is null
      and (c.consumed_at is not null or c.locked_at is not null or c.expires_at <= now())
    limit 100
  )
$$;

-- ---------------------------------------------------------------------------------------------
-- Verification.

create function public.start_subject_verification(public_id text, kind text, value text, locale text, network text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  live record;
  id_kind public.identifier_kind;
  normalised text;
  id_hash text;
  net text := nullif(left(btrim(coalesce(network, '')), 64), '');
  lang text := case when locale in ('en', 'zh-CN', 'zh-TW') then locale else 'en' end;
  challenge_id uuid := gen_random_uuid();
  code text := private.new_verification_code();
  link_token text := private.new_token('mlk_');
  link_path text;
  entity text;
  subject_line text;
  body text;
  body_redacted text;
  expires timestamptz := now() + interval '10 minutes';
  message_id uuid;
begin
  select * into live from private.live_experience_of(public_id);
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0001', detail = 'experience';
  end if;
  if kind is null or kind not in ('email', 'phone') then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = coalesce(kind, 'null');
  end if;
  id_kind := kind::public.identifier_kind;
  normalised := private.try_normalise_identifier(id_kind, value);
  if normalised is null then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = kind;
  end if;
  id_hash := private.try_identifier_hash(live.workspace_id, id_kind, normalised);

  -- One verification of an identifier at a time: concurrent starts cannot slip past the count.
  perform pg_advisory_xact_lock(hashtextextended(live.workspace_id::text || ':' || id_hash, 727012));
  if (select count(*) from public.verification_challenges c
      where c.workspace_id = live.workspace_id and c.identifier_kind = id_kind and c.identifier_hash = id_hash
        and c.created_at > now() - interval '1 hour') >= 5
     or (net is not null and (select count(*) from public.verification_challenges c
      where c.network = net and c.created_at > now() - interval '1 hour') >= 20) then
    raise exception 'consentry.too_many_attempts' using errcode = 'P0001';
  end if;

  insert into public.verification_challenges (id, workspace_id, experience_id, identifier_kind, identifier_hash, code_hash,
    link_token_hash, network, expires_at)
  values (challenge_id, live.workspace_id, live.experience_id, id_kind, id_hash,
    private.verification_code_hash(live.workspace_id, challenge_id, code), private.sha256_hex(link_token), net, expires);

  select w.legal_entity_name into entity from public.workspaces w where w.id = live.workspace_id;
  link_path := '/' || lang || '/p/' || public_id || '/manage/link?token=' || link_token;
  if id_kind = 'email' then
    subject_line := case lang when 'zh-CN' then '您的验证码' when 'zh-TW' then '您的驗證碼' else 'Your verification code' end;
    body := case lang
      when 'zh-CN' then format(E'您在%s管理隐私选择的验证码是 %s，10 分钟内有效。\n\n也可以打开此链接：\n%s\n\n如果这不是您本人的操作，请忽略此消息。', entity, code, link_path)
      when 'zh-TW' then format(E'您在%s管理隱私選擇的驗證碼是 %s，10 分鐘內有效。\n\n也可以開啟此連結：\n%s\n\n如果這不是您本人的操作，請忽略此訊息。', entity, code, link_path)
      else format(E'Your code to manage your privacy choices with %s is %s. It expires in 10 minutes.\n\nOr open this link:\n%s\n\nIf you did not ask for this, ignore this message.', entity, code, link_path)
    end;
  else
    subject_line := case lang when 'zh-CN' then '验证码' when 'zh-TW' then '驗證碼' else 'Verification code' end;
    body := case lang
      when 'zh-CN' then format('【%s】您的验证码是 %s，10 分钟内有效。', entity, code)
      when 'zh-TW' then format('【%s】您的驗證碼是 %s，10 分鐘內有效。', entity, code)
      else format('%s: your verification code is %s (valid for 10 minutes).', entity, code)
    end;
  end if;
  body_redacted := replace(replace(body, code, '······'), link_path, '/' || lang || '/p/' || public_id || '/manage/link?token=…');

  insert into public.outbound_messages (workspace_id, challenge_id, channel, recipient, recipient_masked, locale, subject_line,
    body, body_redacted)
  values (live.workspace_id, challenge_id, case when id_kind = 'email' then 'email' else 'sms' end, normalised, private.mask_recipient(id_kind, normalised), lang, left(subject_line, 200),
    body, body_redacted)
  returning id into message_id;

  perform private.redact_spent_messages(live.workspace_id);
  -- Nothing here depends on whether the person is known: the same answer either way.
  return jsonb_build_object('challengeId', challenge_id, 'messageId', message_id, 'channel', case when id_kind = 'email' then 'email' else 'sms' end,
    'recipientMasked', private.mask_recipient(id_kind, normalised), 'expiresAt', private.utc_text(expires));
end
$$;

-- Links the anonymous subject behind a device id to the verified subject (see the header).
create function private.merge_device_subject(workspace_id uuid, device_id text, into_subject uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := merge_device_subject.workspace_id;
  device_hash text := private.try_identifier_hash(ws, 'device_id', device_id);
  from_subject uuid;
  moved record;
begin
  if device_hash is null then
    return;
  end if;
  from_subject := (private.lock_subject(ws, 'device_id', device_hash, false)).id;
  if from_subject is null or from_subject = into_subject
     or exists (select 1 from public.subject_identifiers i where i.subject_id = from_subject and i.kind <> 'device_id') then
    return;
  end if;
  update public.subject_identifiers i set subject_id = into_subject, linked_at = now() where i.subject_id = from_subject;
  update public.subjects s set merged_into = into_subject, merged_at = now() where s.id = from_subject;
  update public.subjects s set merged_into = into_subject where s.merged_into = from_subject;
  for moved in select * from public.consent_state s where s.subject_id = from_subject loop
    insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
      last_event_id, updated_at, confirmation_token_hash)
    values (ws, into_subject, moved.purpose_id, moved.state, moved.separately_given, moved.method, moved.expires_at,
      moved.last_event_id, moved.updated_at, moved.confirmation_token_hash)
    on conflict (subject_id, purpose_id) do update set
      state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
      expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
      confirmation_token_hash = excluded.confirmation_token_hash
    where public.consent_state.updated_at < excluded.updated_at;
  end loop;
  delete from public.consent_state s where s.subject_id = from_subject;
  if not exists (select 1 from public.preferences p where p.subject_id = into_subject) then
    update public.preferences p set subject_id = into_subject where p.subject_id = from_subject;
  else
    update public.preferences t set channels = f.channels, topics = f.topics, frequency_cap_max = f.frequency_cap_max,
      frequency_cap_period = f.frequency_cap_period, quiet_hours_start = f.quiet_hours_start, quiet_hours_end = f.quiet_hours_end,
      quiet_hours_time_zone = f.quiet_hours_time_zone, updated_at = f.updated_at, last_event_id = f.last_event_id
    from public.preferences f
    where t.subject_id = into_subject and f.subject_id = from_subject and f.updated_at > t.updated_at;
    delete from public.preferences p where p.subject_id = from_subject;
  end if;
  update public.contact_log c set subject_id = into_subject where c.subject_id = from_subject;
  perform private.append_audit(ws, 'subject.linked', 'subject', into_subject::text, jsonb_build_object('subject_id', from_subject),
    jsonb_build_object('subject_id', into_subject, 'from_kind', 'device_id', 'merged', true, 'by', 'preference_centre'));
end
$$;

-- A verified challenge → a session for its subject (created when the person is new).
create function private.open_session_for(challenge public.verification_challenges, device_id text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  subject public.subjects;
  token text := private.new_token('pcs_');
  expires timestamptz := now() + interval '30 minutes';
begin
  update public.verification_challenges c set consumed_at = now() where c.id = challenge.id;
  update public.outbound_messages m set body = m.body_redacted, recipient = null, redacted_at = now()
  where m.challenge_id = challenge.id and m.redacted_at is null;
  subject := private.lock_subject(challenge.workspace_id, challenge.identifier_kind, challenge.identifier_hash, true);
  if device_id is not null then
    perform private.merge_device_subject(challenge.workspace_id, device_id, subject.id);
  end if;
  insert into public.subject_sessions (token_hash, workspace_id, subject_id, identifier_kind, identifier_hash, challenge_id, expires_at)
  values (private.sha256_hex(token), challenge.workspace_id, subject.id, challenge.identifier_kind, challenge.identifier_hash,
    challenge.id, expires);
  return jsonb_build_object('status', 'verified', 'sessionToken', token, 'expiresAt', private.utc_text(expires));
end
$$;

-- {status: verified, sessionToken, expiresAt} | {status: invalid, attemptsLeft} | {status: locked} | {status: expired}.
create function public.verify_subject_code(challenge_id uuid, code text, device_id text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  challenge public.verification_challenges;
begin
  select * into challenge from public.verification_challenges c where c.id = verify_subject_code.challenge_id for update;
  if not found or challenge.consumed_at is not null or challenge.expires_at <= now() then
    return jsonb_build_object('status', 'expired');
  end if;
  if challenge.locked_at is not null or challenge.attempts >= 5 then
    return jsonb_build_object('status', 'locked');
  end if;
  if coalesce(code, '') !~ '^[0-9]{6}$'
     or private.verification_code_hash(challenge.workspace_id, challenge.id, code) <> challenge.code_hash then
    update public.verification_challenges c set attempts = c.attempts + 1,
      locked_at = case when c.attempts + 1 >= 5 then now() end
    where c.id = challenge.id;
    if challenge.attempts + 1 >= 5 then
      return jsonb_build_object('status', 'locked');
    end if;
    return jsonb_build_object('status', 'invalid', 'attemptsLeft', 5 - (challenge.attempts + 1));
  end if;
  return private.open_session_for(challenge, device_id);
end
$$;

create function public.verify_subject_link(token text, device_id text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  challenge public.verification_challenges;
begin
  select * into challenge from public.verification_challenges c where c.link_token_hash = private.sha256_hex(token) for update;
  if not found or challenge.consumed_at is not null or challenge.expires_at <= now() or challenge.locked_at is not null then
    return jsonb_build_object('status', 'expired');
  end if;
  return private.open_session_for(challenge, device_id);
end
$$;

create function public.end_subject_session(session_token text)
returns void
language sql security definer set search_path = ''
as $$
  update public.subject_sessions s set ended_at = now()
  where s.token_hash = private.sha256_hex(session_token) and s.ended_at is null
$$;

-- ---------------------------------------------------------------------------------------------
-- Reading one's own state.

create function public.subject_centre_state(session_token text, public_id text)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
begin
  return jsonb_build_object(
    'identifierKind', subject_session.identifier_kind,
    'sessionExpiresAt', private.utc_text(subject_session.expires_at),
    'states', coalesce((
      select jsonb_agg(jsonb_build_object(
        'purposeId', s.purpose_id, 'purposeKey', p.key, 'purposeName', p.name, 'necessary', p.necessary,
        'state', s.state, 'method', s.method, 'channel', e.channel, 'separatelyGiven', s.separately_given,
        'updatedAt', private.utc_text(s.updated_at), 'occurredAt', private.utc_text(e.occurred_at),
        'expiresAt', private.utc_text(s.expires_at), 'eventId', s.last_event_id) order by p.key)
      from public.consent_state s
      join public.purposes p on p.id = s.purpose_id
      join public.consent_events e on e.id = s.last_event_id
      where s.subject_id = subject_session.subject_id), '[]'::jsonb),
    'preferences', (
      select jsonb_build_object('channels', p.channels, 'topics', to_jsonb(p.topics),
        'frequencyCap', case when p.frequency_cap_max is not null then jsonb_build_object('max', p.frequency_cap_max, 'period', p.frequency_cap_period) end,
        'quietHours', case when p.quiet_hours_start is not null then jsonb_build_object(
          'start', to_char(p.quiet_hours_start, 'HH24:MI'), 'end', to_char(p.quiet_hours_end, 'HH24:MI'), 'timeZone', p.quiet_hours_time_zone) end,
        'updatedAt', private.utc_text(p.updated_at))
      from public.preferences p where p.subject_id = subject_session.subject_id),
    'receipts', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'action', r.action, 'createdAt', private.utc_text(r.created_at)) order by r.created_at desc)
      from (select * from public.consent_receipts r
            where r.subject_id in (select private.subject_family(subject_session.subject_id))
            order by r.created_at desc limit 20) r), '[]'::jsonb),
    'requests', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'status', d.status, 'createdAt', private.utc_text(d.created_at)) order by d.created_at desc)
      from (select * from public.data_subject_requests d
            where d.subject_id in (select private.subject_family(subject_session.subject_id))
            order by d.created_at desc limit 20) d), '[]'::jsonb));
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Recording by session.

-- One event of the centre for `subject`, appended and projected.
create function private.append_centre_event(subject_session public.subject_sessions, version public.experience_versions,
  purpose public.purposes, new_state public.consent_status, method public.consent_method, separately boolean,
  locale text, region_code text, region_resolution jsonb, prefs jsonb, context jsonb, received timestamptz)
returns public.consent_events
language plpgsql security definer set search_path = ''
as $$
declare
  event public.consent_events;
begin
  event.workspace_id := subject_session.workspace_id;
  event.subject_id := subject_session.subject_id;
  event.identifier_kind := subject_session.identifier_kind;
  event.identifier_hash := subject_session.identifier_hash;
  event.occurred_at := received;
  event.received_at := received;
  event.expressed_by := 'subject';
  event.controller := private.controller_snapshot(subject_session.workspace_id);
  event.purpose_id := purpose.id;
  event.purpose := private.purpose_snapshot(purpose);
  event.separately_given := separately;
  event.experience_version_id := version.id;
  event.notice_versions := version.notice_versions;
  event.language := locale;
  event.region_code := region_code;
  event.region_resolution := region_resolution;
  event.consent_type := 'explicit';
  event.method := method;
  event.channel := 'web';
  event.state := new_state;
  event.expires_at := case when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
    then received + make_interval(days => purpose.consent_valid_days) end;
  event.withdraw_url := null;
  event.preferences := prefs;
  event.context := context;
  event := private.append_consent_event(event);
  perform private.apply_consent_state(event, null);
  return event;
end
$$;

-- Locale and region of a centre payload, checked as the ledger checks them.
create function private.centre_locale_region(payload jsonb)
returns table (locale text, region_code text, region_resolution jsonb)
language plpgsql immutable set search_path = ''
as $$
begin
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'payload';
  end if;
  if coalesce(payload ->> 'locale', '') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(payload ->> 'locale') > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if jsonb_typeof(payload -> 'region') is distinct from 'object' or coalesce(payload #>> '{region,code}', '') !~ '^[A-Za-z0-9_-]{1,32}$'
     or coalesce(payload #>> '{region,resolvedBy}', '') !~ '^[a-z_]{1,32}$' or octet_length((payload -> 'region')::text) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'region';
  end if;
  return query select payload ->> 'locale', payload #>> '{region,code}',
    jsonb_build_object('method', payload #>> '{region,resolvedBy}') || ((payload -> 'region') - 'code' - 'resolvedBy');
end
$$;

create function private.new_receipt(subject_session public.subject_sessions, version public.experience_versions, action text, event_ids uuid[])
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  token text := private.new_token('rct_');
  receipt_id uuid;
begin
  insert into public.consent_receipts (workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, token_hash)
  values (subject_session.workspace_id, subject_session.subject_id, version.experience_id, version.id, action, event_ids, private.sha256_hex(token))
  returning id into receipt_id;
  return jsonb_build_object('receiptId', receipt_id, 'receiptToken', token);
end
$$;

-- payload: locale, region {code, resolvedBy, …}, method (save | toggle | click_accept),
-- decisions [{purposeId, given}], preferences? {channels?, topics?, frequencyCap?, quietHours?},
-- context {ipTruncated?, userAgent?, pageUrl?}.
-- → {changed, receiptId?, receiptToken?, eventIds, states [{purposeId, state}]}
create function public.record_subject_choices(session_token text, public_id text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
  received timestamptz := clock_timestamp();
  live record;
  version public.experience_versions;
  where_from record;
  method_value public.consent_method;
  allowed_purposes text[];
  allowed_channels text[];
  allowed_topics text[];
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  new_state public.consent_status;
  prefs jsonb := payload -> 'preferences';
  pref_key text;
  pref_value jsonb;
  item jsonb;
  stored public.preferences;
  next_channels jsonb;
  next_topics uuid[];
  prefs_changed boolean := false;
  context_value jsonb;
  event public.consent_events;
  event_ids uuid[] := '{}';
  states jsonb := '[]'::jsonb;
  carrier uuid;
  result jsonb;
begin
  select * into where_from from private.centre_locale_region(payload);
  select * into live from private.live_experience_of(public_id);
  select * into version from public.experience_versions v where v.id = live.version_id;
  if coalesce(payload ->> 'method', '') not in ('save', 'toggle', 'click_accept') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  method_value := (payload ->> 'method')::public.consent_method;
  context_value := private.centre_event_context(payload -> 'context');

  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
  where jsonb_typeof(x) = 'string';
  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_channels
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "channel_preferences").channels[*]', '{}', true) x;
  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_topics
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]', '{}', true) x;

  if jsonb_typeof(coalesce(payload -> 'decisions', '[]'::jsonb)) <> 'array' or jsonb_array_length(coalesce(payload -> 'decisions', '[]'::jsonb)) > 50
     or (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  for decision in select d from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d loop
    if jsonb_typeof(decision -> 'given') is distinct from 'boolean' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.given';
    end if;
    -- Giving needs the version shown to offer the purpose; withdrawing needs only that it is the workspace's.
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = subject_session.workspace_id and p.id = (decision ->> 'purposeId')::uuid)
       or ((decision -> 'given')::boolean and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
  end loop;

  -- Preferences: every purpose, channel and topic must be one the version offers.
  if prefs is not null and jsonb_typeof(prefs) <> 'null' then
    if jsonb_typeof(prefs) <> 'object' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences';
    end if;
    if prefs ? 'channels' then
      if jsonb_typeof(prefs -> 'channels') <> 'object' then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
      end if;
      for pref_key, pref_value in select e.key, e.value from jsonb_each(prefs -> 'channels') e loop
        if pref_key <> '*' and not pref_key = any (allowed_purposes) then
          raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = pref_key;
        end if;
        if jsonb_typeof(pref_value) <> 'array' then
          raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
        end if;
        for item in select x from jsonb_array_elements(pref_value) x loop
          if jsonb_typeof(item) <> 'string' or not (item #>> '{}') = any (allowed_channels) then
            raise exception 'consentry.unknown_channel' using errcode = 'P0001', detail = item #>> '{}';
          end if;
        end loop;
      end loop;
    end if;
    if prefs ? 'topics' then
      if jsonb_typeof(prefs -> 'topics') <> 'array' or jsonb_array_length(prefs -> 'topics') > 100 then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.topics';
      end if;
      for item in select x from jsonb_array_elements(prefs -> 'topics') x loop
        if jsonb_typeof(item) <> 'string' or not (item #>> '{}') = any (allowed_topics) then
          raise exception 'consentry.unknown_topic' using errcode = 'P0001', detail = item #>> '{}';
        end if;
      end loop;
    end if;
    if prefs ? 'frequencyCap' and jsonb_typeof(prefs -> 'frequencyCap') <> 'null' and (
         jsonb_typeof(prefs -> 'frequencyCap') <> 'object'
         or coalesce(prefs #>> '{frequencyCap,max}', '') !~ '^[0-9]{1,4}$'
         or (prefs #>> '{frequencyCap,max}')::int not between 1 and 1000
         or coalesce(prefs #>> '{frequencyCap,period}', '') not in ('week', 'month')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.frequencyCap';
    end if;
    if prefs ? 'quietHours' and jsonb_typeof(prefs -> 'quietHours') <> 'null' and (
         jsonb_typeof(prefs -> 'quietHours') <> 'object'
         or coalesce(prefs #>> '{quietHours,start}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or coalesce(prefs #>> '{quietHours,end}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or not private.is_time_zone(prefs #>> '{quietHours,timeZone}')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.quietHours';
    end if;
    prefs := prefs - array(select k from jsonb_object_keys(prefs) k where k not in ('channels', 'topics', 'frequencyCap', 'quietHours'));
  else
    prefs := null;
  end if;

  -- The subject's row orders this against every other write for the same person.
  perform 1 from public.subjects s where s.id = subject_session.subject_id for update;

  if prefs is not null then
    select * into stored from public.preferences p where p.subject_id = subject_session.subject_id;
    next_channels := coalesce(stored.channels, '{}'::jsonb) || coalesce(prefs -> 'channels', '{}'::jsonb);
    next_topics := case when prefs ? 'topics'
      then coalesce((select array_agg(distinct (x #>> '{}')::uuid order by (x #>> '{}')::uuid) from jsonb_array_elements(prefs -> 'topics') x), '{}')
      else coalesce(stored.topics, '{}') end;
    prefs_changed := stored.subject_id is null
      or next_channels is distinct from stored.channels
      or (select coalesce(array_agg(t order by t), '{}') from unnest(next_topics) t) is distinct from (select coalesce(array_agg(t order by t), '{}') from unnest(stored.topics) t)
      or (prefs ? 'frequencyCap' and ((prefs #>> '{frequencyCap,max}')::int is distinct from stored.frequency_cap_max
                                      or prefs #>> '{frequencyCap,period}' is distinct from stored.frequency_cap_period))
      or (prefs ? 'quietHours' and ((prefs #>> '{quietHours,start}')::time is distinct from stored.quiet_hours_start
                                    or (prefs #>> '{quietHours,end}')::time is distinct from stored.quiet_hours_end
                                    or prefs #>> '{quietHours,timeZone}' is distinct from stored.quiet_hours_time_zone));
  end if;

  for decision in select d from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject_session.subject_id and s.purpose_id = purpose.id;
    new_state := null;
    if (decision -> 'given')::boolean then
      if not coalesce(current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > received), false) then
        new_state := 'given';
      end if;
    elsif current_row.state in ('given', 'renewed_given', 'requested') then
      new_state := 'withdrawn';
    elsif current_row.state is null then
      new_state := 'refused';
    end if;
    continue when new_state is null;
    event := private.append_centre_event(subject_session, version, purpose, new_state, method_value, method_value <> 'click_accept',
      where_from.locale, where_from.region_code, where_from.region_resolution, case when prefs_changed then prefs end, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end loop;

  if prefs_changed and cardinality(event_ids) = 0 then
    -- Preferences alone: an event restating a purpose's state carries them (a channel's own purpose first).
    select s.purpose_id into carrier from public.consent_state s
    where s.subject_id = subject_session.subject_id
    order by (s.purpose_id::text in (select k from jsonb_object_keys(coalesce(prefs -> 'channels', '{}'::jsonb)) k)) desc,
             (s.state in ('given', 'renewed_given')) desc, s.updated_at desc
    limit 1;
    if carrier is null then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences without any consent';
    end if;
    select * into purpose from public.purposes p where p.id = carrier;
    select * into current_row from public.consent_state s where s.subject_id = subject_session.subject_id and s.purpose_id = carrier;
    new_state := case when current_row.state in ('given', 'renewed_given') then 'renewed_given' else current_row.state end;
    event := private.append_centre_event(subject_session, version, purpose, new_state, method_value, current_row.separately_given,
      where_from.locale, where_from.region_code, where_from.region_resolution, prefs, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end if;

  if prefs_changed then
    insert into public.preferences as p (subject_id, workspace_id, channels, topics, frequency_cap_max, frequency_cap_period,
      quiet_hours_start, quiet_hours_end, quiet_hours_time_zone, updated_at, last_event_id)
    values (subject_session.subject_id, subject_session.workspace_id, next_channels, next_topics,
      (prefs #>> '{frequencyCap,max}')::int, prefs #>> '{frequencyCap,period}',
      (prefs #>> '{quietHours,start}')::time, (prefs #>> '{quietHours,end}')::time, prefs #>> '{quietHours,timeZone}',
      received, event.id)
    on conflict (subject_id) do update set
      channels = excluded.channels, topics = excluded.topics,
      frequency_cap_max = case when prefs ? 'frequencyCap' then excluded.frequency_cap_max else p.frequency_cap_max end,
      frequency_cap_period = case when prefs ? 'frequencyCap' then excluded.frequency_cap_period else p.frequency_cap_period end,
      quiet_hours_start = case when prefs ? 'quietHours' then excluded.quiet_hours_start else p.quiet_hours_start end,
      quiet_hours_end = case when prefs ? 'quietHours' then excluded.quiet_hours_end else p.quiet_hours_end end,
      quiet_hours_time_zone = case when prefs ? 'quietHours' then excluded.quiet_hours_time_zone else p.quiet_hours_time_zone end,
      updated_at = excluded.updated_at, last_event_id = excluded.last_event_id;
  end if;

  result := jsonb_build_object('changed', cardinality(event_ids) > 0, 'eventIds', to_jsonb(event_ids), 'states', states);
  if cardinality(event_ids) > 0 then
    result := result || private.new_receipt(subject_session, version, 'change', event_ids);
  end if;
  return result;
end
$$;

-- payload: locale, region, context (as above). Withdraws every consent given or requested.
create function public.withdraw_all_subject_consent(session_token text, public_id text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
  received timestamptz := clock_timestamp();
  live record;
  version public.experience_versions;
  where_from record;
  context_value jsonb;
  target record;
  purpose public.purposes;
  event public.consent_events;
  event_ids uuid[] := '{}';
  states jsonb := '[]'::jsonb;
  topics_cleared jsonb;
  result jsonb;
begin
  select * into where_from from private.centre_locale_region(payload);
  select * into live from private.live_experience_of(public_id);
  select * into version from public.experience_versions v where v.id = live.version_id;
  context_value := private.centre_event_context(payload -> 'context');
  perform 1 from public.subjects s where s.id = subject_session.subject_id for update;
  topics_cleared := case when exists (select 1 from public.preferences p where p.subject_id = subject_session.subject_id and cardinality(p.topics) > 0)
    then jsonb_build_object('topics', '[]'::jsonb) end;
  for target in
    select s.purpose_id from public.consent_state s join public.purposes p on p.id = s.purpose_id
    where s.subject_id = subject_session.subject_id and s.state in ('given', 'renewed_given', 'requested') and not p.necessary
    order by p.key
  loop
    select * into purpose from public.purposes p where p.id = target.purpose_id;
    event := private.append_centre_event(subject_session, version, purpose, 'withdrawn', 'click_reject', true,
      where_from.locale, where_from.region_code, where_from.region_resolution, topics_cleared, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', 'withdrawn');
  end loop;
  if cardinality(event_ids) > 0 and topics_cleared is not null then
    update public.preferences p set topics = '{}', updated_at = received, last_event_id = event.id where p.subject_id = subject_session.subject_id;
  end if;
  result := jsonb_build_object('changed', cardinality(event_ids) > 0, 'eventIds', to_jsonb(event_ids), 'states', states);
  if cardinality(event_ids) > 0 then
    result := result || private.new_receipt(subject_session, version, 'withdraw_all', event_ids);
  end if;
  return result;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Receipts and requests.

-- A receipt by its token, or by a session of the person it belongs to; not_found otherwise
-- (the same answer for a receipt that does not exist and one that is somebody else's).
create function public.read_consent_receipt(receipt_id uuid, receipt_token text default null, session_token text default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  receipt public.consent_receipts;
  subject_session public.subject_sessions;
  allowed boolean := false;
begin
  select * into receipt from public.consent_receipts r where r.id = read_consent_receipt.receipt_id;
  if found and receipt_token is not null and private.sha256_hex(receipt_token) = receipt.token_hash then
    allowed := true;
  elsif found and session_token is not null then
    begin
      subject_session := private.open_subject_session(session_token, null);
      allowed := subject_session.workspace_id = receipt.workspace_id
        and receipt.subject_id in (select private.subject_family(subject_session.subject_id));
    exception when raise_exception then
      allowed := false;
    end;
  end if;
  if not allowed then
    raise exception 'consentry.not_found' using errcode = 'P0001', detail = 'receipt';
  end if;
  return jsonb_build_object(
    'id', receipt.id, 'action', receipt.action, 'createdAt', private.utc_text(receipt.created_at),
    'publicId', (select e.public_id from public.experiences e where e.id = receipt.experience_id),
    'experienceVersion', (select jsonb_build_object('id', v.id, 'number', v.number, 'contentHash', v.content_hash)
                          from public.experience_versions v where v.id = receipt.experience_version_id),
    'events', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', e.id, 'schemaVersion', e.schema_version, 'seq', e.seq,
        'occurredAt', private.utc_text(e.occurred_at), 'receivedAt', private.utc_text(e.received_at),
        'identifierKind', e.identifier_kind, 'identifierHash', e.identifier_hash, 'expressedBy', e.expressed_by,
        'controller', e.controller, 'purposeId', e.purpose_id, 'purpose', e.purpose, 'purposeName', p.name,
        'separatelyGiven', e.separately_given, 'experienceVersionId', e.experience_version_id,
        'noticeVersions', e.notice_versions, 'language', e.language, 'regionCode', e.region_code,
        'regionResolution', e.region_resolution, 'consentType', e.consent_type, 'method', e.method, 'channel', e.channel,
        'state', e.state, 'expiresAt', private.utc_text(e.expires_at), 'preferences', e.preferences,
        'context', e.context, 'prevHash', e.prev_hash, 'hash', e.hash) order by e.seq)
      from public.consent_events e join public.purposes p on p.id = e.purpose_id
      where e.id = any (receipt.event_ids)), '[]'::jsonb));
end
$$;

create function public.request_subject_data(session_token text, public_id text, kind text, note text default null)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
  request_id uuid;
begin
  if kind is null or kind not in ('access', 'deletion', 'correction') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'kind';
  end if;
  if char_length(note) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'note';
  end if;
  perform 1 from public.subjects s where s.id = subject_session.subject_id for update;
  if (select count(*) from public.data_subject_requests d
      where d.subject_id = subject_session.subject_id and d.created_at > now() - interval '1 day') >= 5 then
    raise exception 'consentry.too_many_attempts' using errcode = 'P0001';
  end if;
  insert into public.data_subject_requests (workspace_id, subject_id, identifier_kind, kind, note)
  values (subject_session.workspace_id, subject_session.subject_id, subject_session.identifier_kind, kind, nullif(btrim(coalesce(note, '')), ''))
  returning id into request_id;
  return request_id;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The mailer (service role, lib/db/caller.ts purpose "preference-centre-mail").

-- Takes a queued message younger than its challenge for sending: recipient and body, once.
create function public.claim_outbound_message(message_id uuid)
returns table (id uuid, channel text, recipient text, subject_line text, body text, locale text)
language sql security definer set search_path = ''
as $$
  update public.outbound_messages m set attempts = m.attempts + 1
  where m.id = (
    select m2.id from public.outbound_messages m2
    where m2.id = claim_outbound_message.message_id and m2.status = 'queued' and m2.redacted_at is null
      and m2.recipient is not null and m2.attempts < 10 and m2.created_at > now() - interval '10 minutes'
    for update skip locked
  )
  returning m.id, m.channel, m.recipient, m.subject_line, m.body, m.locale
$$;

-- Sent: redacted at once. Failed: kept queued-no-more with the error.
create function public.finish_outbound_message(message_id uuid, sent boolean, error text default null)
returns void
language sql security definer set search_path = ''
as $$
  update public.outbound_messages m set
    status = case when sent then 'sent' else 'failed' end,
    sent_at = case when sent then now() end,
    last_error = case when sent then null else left(error, 500) end,
    body = case when sent then m.body_redacted else m.body end,
    recipient = case when sent then null else m.recipient end,
    redacted_at = case when sent then now() else m.redacted_at end
  where m.id = finish_outbound_message.message_id and m.status = 'queued'
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges and row-level security.

revoke execute on function private.stamp_data_subject_request() from public, anon, authenticated;
revoke execute on function private.sha256_hex(text) from public, anon, authenticated;
revoke execute on function private.new_verification_code() from public, anon, authenticated;
revoke execute on function private.verification_code_hash(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function private.mask_recipient(public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.live_experience_of(text) from public, anon, authenticated;
revoke execute on function private.open_subject_session(text, text) from public, anon, authenticated;
revoke execute on function private.subject_family(uuid) from public, anon, authenticated;
revoke execute on function private.centre_event_context(jsonb) from public, anon, authenticated;
revoke execute on function private.redact_spent_messages(uuid) from public, anon, authenticated;
revoke execute on function private.open_session_for(public.verification_challenges, text) from public, anon, authenticated;
revoke execute on function private.merge_device_subject(uuid, text, uuid) from public, anon, authenticated;
revoke execute on function private.append_centre_event(public.subject_sessions, public.experience_versions, public.purposes,
  public.consent_status, public.consent_method, boolean, text, text, jsonb, jsonb, jsonb, timestamptz) from public, anon, authenticated;
revoke execute on function private.centre_locale_region(jsonb) from public, anon, authenticated;
revoke execute on function private.new_receipt(public.subject_sessions, public.experience_versions, text, uuid[]) from public, anon, authenticated;

revoke execute on function public.start_subject_verification(text, text, text, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.verify_subject_code(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.verify_subject_link(text, text) from public, anon, authenticated, service_role;
revoke execute on function public.end_subject_session(text) from public, anon, authenticated, service_role;
revoke execute on function public.subject_centre_state(text, text) from public, anon, authenticated, service_role;
revoke execute on function public.record_subject_choices(text, text, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.withdraw_all_subject_consent(text, text, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.read_consent_receipt(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.request_subject_data(text, text, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.claim_outbound_message(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.finish_outbound_message(uuid, boolean, text) from public, anon, authenticated, service_role;

-- The person (anon, or a signed-in operator's browser visiting a hosted page).
grant execute on function public.start_subject_verification(text, text, text, text, text) to anon, authenticated;
grant execute on function public.verify_subject_code(uuid, text, text) to anon, authenticated;
grant execute on function public.verify_subject_link(text, text) to anon, authenticated;
grant execute on function public.end_subject_session(text) to anon, authenticated;
grant execute on function public.subject_centre_state(text, text) to anon, authenticated;
grant execute on function public.record_subject_choices(text, text, jsonb) to anon, authenticated;
grant execute on function public.withdraw_all_subject_consent(text, text, jsonb) to anon, authenticated;
grant execute on function public.read_consent_receipt(uuid, text, text) to anon, authenticated;
grant execute on function public.request_subject_data(text, text, text, text) to anon, authenticated;
-- The mailer.
grant execute on function public.claim_outbound_message(uuid) to service_role;
grant execute on function public.finish_outbound_message(uuid, boolean, text) to service_role;

alter table public.verification_challenges enable row level security;
alter table public.subject_sessions enable row level security;
alter table public.outbound_messages enable row level security;
alter table public.consent_receipts enable row level security;
alter table public.data_subject_requests enable row level security;

revoke all on public.verification_challenges, public.subject_sessions, public.outbound_messages, public.consent_receipts,
  public.data_subject_requests from anon, authenticated, service_role;

-- Never the plain recipient nor the redacted twin.
grant select (id, workspace_id, channel, recipient_masked, locale, subject_line, body, status, attempts, last_error, created_at,
  sent_at, redacted_at) on public.outbound_messages to authenticated;
-- Never the receipt's token hash.
grant select (id, workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, created_at)
  on public.consent_receipts to authenticated;
grant select on public.data_subject_requests to authenticated;
grant update (status, response_note) on public.data_subject_requests to authenticated;

create policy "outbound messages: owners and admins read" on public.outbound_messages
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
create policy "consent receipts: members read" on public.consent_receipts
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "data subject requests: owners, admins and legal read" on public.data_subject_requests
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));
create policy "data subject requests: owners, admins and legal handle" on public.data_subject_requests
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));
