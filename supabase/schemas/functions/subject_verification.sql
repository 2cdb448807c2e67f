-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- What operators see of a recipient: a***@example.com, +86*******5678.
create or replace function private.mask_recipient(kind public.identifier_kind, value text)
returns text
language sql immutable set search_path = ''
as $$
  select case
    when kind = 'email' then left(value, 1) || '***@' || split_part(value, '@', 2)
    else left(value, 3) || repeat('*', greatest(char_length(value) - 7, 2)) || right(value, 4)
  end
$$;
revoke all on function private.mask_recipient(kind public.identifier_kind, value text) from public;

-- 6 random digits from 32 random bits of a v4 UUID (the modulo bias is below 1 in 4,000).
create or replace function private.new_verification_code()
returns text
language sql volatile set search_path = ''
as $$ select lpad(((('x' || substr(gen_random_uuid()::text, 1, 8))::bit(32)::bigint) % 1000000)::text, 6, '0') $$;
revoke all on function private.new_verification_code() from public;

-- A verified challenge → a session for its subject (created when the person is new).
create or replace function private.open_session_for(challenge public.verification_challenges, device_id text)
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
revoke all on function private.open_session_for(challenge public.verification_challenges, device_id text) from public;

-- The open session behind a token, for the live experience `public_id` of the same workspace,
-- with its subject followed through merges; consentry.session_invalid otherwise.
create or replace function private.open_subject_session(session_token text, public_id text)
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
revoke all on function private.open_subject_session(session_token text, public_id text) from public;

create or replace function private.verification_code_hash(workspace_id uuid, challenge_id uuid, code text)
returns text
language sql security definer set search_path = ''
as $$
  select encode(private.hmac_sha256(private.workspace_secret(workspace_id), convert_to(challenge_id::text || ':' || code, 'UTF8')), 'hex')
$$;
revoke all on function private.verification_code_hash(workspace_id uuid, challenge_id uuid, code text) from public;

create or replace function public.end_subject_session(session_token text)
returns void
language sql security definer set search_path = ''
as $$
  update public.subject_sessions s set ended_at = now()
  where s.token_hash = private.sha256_hex(session_token) and s.ended_at is null
$$;
revoke all on function public.end_subject_session(session_token text) from public, anon, authenticated, service_role;
grant execute on function public.end_subject_session(session_token text) to anon, authenticated;

create or replace function public.start_subject_verification(public_id text, kind text, value text, locale text, network text default null)
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

  -- One start per client network at a time, then one verification of an identifier at a time
  -- (always in this order): concurrent starts, for one address or for many, cannot slip past
  -- either count.
  if net is not null then
    perform pg_advisory_xact_lock(hashtextextended('network:' || net, 727013));
  end if;
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
revoke all on function public.start_subject_verification(public_id text, kind text, value text, locale text, network text) from public, anon, authenticated, service_role;
grant execute on function public.start_subject_verification(public_id text, kind text, value text, locale text, network text) to anon, authenticated;

-- {status: verified, sessionToken, expiresAt} | {status: invalid, attemptsLeft} | {status: locked} | {status: expired}.
create or replace function public.verify_subject_code(challenge_id uuid, code text, device_id text default null)
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
revoke all on function public.verify_subject_code(challenge_id uuid, code text, device_id text) from public, anon, authenticated, service_role;
grant execute on function public.verify_subject_code(challenge_id uuid, code text, device_id text) to anon, authenticated;

create or replace function public.verify_subject_link(token text, device_id text default null)
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
revoke all on function public.verify_subject_link(token text, device_id text) from public, anon, authenticated, service_role;
grant execute on function public.verify_subject_link(token text, device_id text) to anon, authenticated;
