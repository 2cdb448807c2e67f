-- Issue 15 (security), items 3 and 7: no stranger can block anyone, and no function answers about
-- a workspace the caller does not belong to.
--
-- 1. Sign-in throttling (local accounts). Until now five wrong passwords locked an account for 15
--    minutes, whoever typed them (so anyone knowing an email locked its owner out), and the check
--    counted failures before the password was verified, so concurrent attempts all passed it.
--    Now one call, local_auth.sign_in_gate, decides and reserves an attempt under row locks:
--    * per CLIENT (its address): 30 failures, on any accounts, lock that client out until 15
--      minutes after its last failure. Only the guesser is locked.
--    * per ACCOUNT: the first 5 failures are free; after that each attempt must wait
--      5 s, 10 s, 20 s, then 30 s at most since the previous one. An attacker spread over many
--      addresses gets one guess per 30 s; the owner is slowed, never locked out.
--    An attempt counts as a failure from the moment it is let through (so 20 concurrent attempts
--    get 5 evaluations, not 13); local_auth.sign_in_result takes it back on success, which also
--    clears the account's slow-down. A client quiet for 15 minutes starts afresh.
--    Sign-up is counted per client too (local_auth.sign_up_gate; the limit comes from the app).
-- 2. One-time-code challenges: the per-network count (20 an hour) is taken under a lock per
--    network, so concurrent starts for many addresses from one client cannot slip past it.
-- 3. Read oracles: public.is_sms_opt_out_keyword and private.notice_has_history answer only about
--    the caller's own workspaces (lib/db/function-guards.db.test.ts checks every function anon or
--    authenticated may call).

create table local_auth.sign_in_throttle (
  key text primary key check (key ~ '^(account|client|signup):.' and char_length(key) <= 400),
  -- Failures (sign-in) or accounts made (sign-up) since the counter last started afresh.
  attempts integer not null default 0 check (attempts >= 0),
  last_attempt_at timestamptz not null default now(),
  -- Accounts: no attempt is let through before this.
  next_attempt_at timestamptz not null default now()
);
create index sign_in_throttle_last_attempt_idx on local_auth.sign_in_throttle (last_attempt_at);
alter table local_auth.sign_in_throttle enable row level security;
revoke all on local_auth.sign_in_throttle from public, anon, authenticated;
grant select, insert, update, delete on local_auth.sign_in_throttle to service_role;

-- Locks (creating when missing) the counter `counter_key` and returns it, started afresh when it has been
-- quiet for `quiet`.
create function local_auth.throttle_row(counter_key text, quiet interval)
returns local_auth.sign_in_throttle
language plpgsql set search_path = ''
as $$
declare
  row_value local_auth.sign_in_throttle;
begin
  insert into local_auth.sign_in_throttle (key) values (counter_key) on conflict on constraint sign_in_throttle_pkey do nothing;
  select * into row_value from local_auth.sign_in_throttle t where t.key = counter_key for update;
  if row_value.last_attempt_at < now() - quiet then
    row_value.attempts := 0;
    row_value.next_attempt_at := now();
  end if;
  return row_value;
end
$$;

-- Decides whether a sign-in attempt for `email` from `client` (an address, or null when unknown)
-- may be evaluated, and if so counts it as a failure until local_auth.sign_in_result says
-- otherwise. verdict: 'go', 'client_locked' or 'account_slowed'; retry_after in seconds.
create function local_auth.sign_in_gate(email text, client text)
returns table (verdict text, retry_after integer)
language plpgsql set search_path = ''
as $$
declare
  quiet constant interval := interval '15 minutes';
  per_client constant integer := 30;
  free_per_account constant integer := 5;
  account_key text := 'account:' || lower(btrim(email));
  client_key text := case when nullif(btrim(client), '') is null then null else 'client:' || left(btrim(client), 100) end;
  account_row local_auth.sign_in_throttle;
  client_row local_auth.sign_in_throttle;
begin
  -- Always in key order ('account:' < 'client:'), so two gates never wait on each other in a circle.
  account_row := local_auth.throttle_row(account_key, quiet);
  if client_key is not null then
    client_row := local_auth.throttle_row(client_key, quiet);
    if client_row.attempts >= per_client then
      return query select 'client_locked'::text, greatest(1, ceil(extract(epoch from client_row.last_attempt_at + quiet - now())))::integer;
      return;
    end if;
  end if;
  if account_row.next_attempt_at > now() then
    return query select 'account_slowed'::text, greatest(1, ceil(extract(epoch from account_row.next_attempt_at - now())))::integer;
    return;
  end if;
  update local_auth.sign_in_throttle t
  set attempts = account_row.attempts + 1, last_attempt_at = now(),
      next_attempt_at = now() + case when account_row.attempts + 1 < free_per_account then interval '0'
        else make_interval(secs => least(30, 5 * power(2, account_row.attempts + 1 - free_per_account))) end
  where t.key = account_key;
  if client_key is not null then
    update local_auth.sign_in_throttle t set attempts = client_row.attempts + 1, last_attempt_at = now() where t.key = client_key;
  end if;
  return query select 'go'::text, 0;
end
$$;

-- The outcome of an attempt the gate let through: a success takes back its count and clears the
-- account's slow-down; a failure stays counted and is logged.
create function local_auth.sign_in_result(email text, client text, succeeded boolean)
returns void
language plpgsql set search_path = ''
as $$
declare
  account_key text := 'account:' || lower(btrim(email));
  client_key text := 'client:' || left(btrim(coalesce(client, '')), 100);
begin
  if succeeded then
    update local_auth.sign_in_throttle t set attempts = 0, next_attempt_at = now() where t.key = account_key;
    update local_auth.sign_in_throttle t set attempts = greatest(t.attempts - 1, 0) where t.key = client_key;
  else
    insert into local_auth.sign_in_failures (email, client_address) values (lower(btrim(email)), nullif(btrim(client), ''));
  end if;
  -- Counters quiet for a day are no longer needed by anyone.
  delete from local_auth.sign_in_throttle t
  where t.key in (select t2.key from local_auth.sign_in_throttle t2 where t2.last_attempt_at < now() - interval '1 day' limit 100);
end
$$;

-- Counts one sign-up from `client`; false once it made `max_per_hour` accounts within the hour.
create function local_auth.sign_up_gate(client text, max_per_hour integer)
returns boolean
language plpgsql set search_path = ''
as $$
declare
  client_row local_auth.sign_in_throttle;
begin
  if nullif(btrim(client), '') is null then
    return true;
  end if;
  client_row := local_auth.throttle_row('signup:' || left(btrim(client), 100), interval '1 hour');
  if client_row.attempts >= max_per_hour then
    return false;
  end if;
  update local_auth.sign_in_throttle t set attempts = client_row.attempts + 1, last_attempt_at = now()
  where t.key = 'signup:' || left(btrim(client), 100);
  return true;
end
$$;

revoke execute on function local_auth.throttle_row(text, interval) from public, anon, authenticated;
revoke execute on function local_auth.sign_in_gate(text, text) from public, anon, authenticated;
revoke execute on function local_auth.sign_in_result(text, text, boolean) from public, anon, authenticated;
revoke execute on function local_auth.sign_up_gate(text, integer) from public, anon, authenticated;
grant execute on function local_auth.throttle_row(text, interval) to service_role;
grant execute on function local_auth.sign_in_gate(text, text) to service_role;
grant execute on function local_auth.sign_in_result(text, text, boolean) to service_role;
grant execute on function local_auth.sign_up_gate(text, integer) to service_role;

-- ---------------------------------------------------------------------------------------------
-- 2. One-time-code challenges: as before, with the per-network count under its own lock.

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


-- ---------------------------------------------------------------------------------------------
-- 3. Read oracles.

-- SMS opt-out keywords of the caller's own workspace only (the service, which takes inbound SMS
-- for a workspace named by its key, is let through by private.assert_workspace_access).
create or replace function public.is_sms_opt_out_keyword(workspace_id uuid, message text)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(is_sms_opt_out_keyword.workspace_id);
  return private.normalise_keyword(message) = any (array['td', '退订', 'stop'])
      or exists (select 1 from public.sms_opt_out_keywords k
                 where k.workspace_id = is_sms_opt_out_keyword.workspace_id and k.keyword = private.normalise_keyword(message));
end
$$;

-- Used by the notices' delete policy; callable by any signed-in user, so it answers only about
-- notices of the caller's own workspaces (false for anyone else's, as for a notice that does not exist).
create or replace function private.notice_has_history(notice_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.notice_versions v
    where v.notice_id = notice_has_history.notice_id and v.status <> 'draft'
      and (coalesce(nullif(current_setting('role', true), ''), 'none') in ('service_role', 'none')
           or v.workspace_id in (select private.my_workspace_ids()))
  )
$$;
