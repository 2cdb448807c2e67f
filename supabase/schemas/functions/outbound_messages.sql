-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- The outbox languages for a recording's BCP 47 locale.
create or replace function private.message_locale(locale text)
returns text
language sql immutable set search_path = ''
as $$
  select case
    when lower(coalesce(locale, '')) ~ '^zh-(tw|hk|mo|hant)' then 'zh-TW'
    when lower(coalesce(locale, '')) ~ '^zh' then 'zh-CN'
    else 'en'
  end
$$;
revoke all on function private.message_locale(locale text) from public;

-- Queues the message asking `value` to confirm under `token`; returns its id.
create or replace function private.queue_double_opt_in_message(workspace_id uuid, kind public.identifier_kind, value text, locale text, token text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  normalised text := private.try_normalise_identifier(kind, value);
  lang text := private.message_locale(locale);
  entity text;
  link_path text;
  subject_line text;
  body text;
  message_id uuid;
begin
  if normalised is null or kind not in ('email', 'phone') then
    return null;
  end if;
  select w.legal_entity_name into entity from public.workspaces w where w.id = queue_double_opt_in_message.workspace_id;
  link_path := '/' || lang || '/double-opt-in?token=' || token;
  if kind = 'email' then
    subject_line := case lang when 'zh-CN' then '请确认您的订阅' when 'zh-TW' then '請確認您的訂閱' else 'Please confirm your subscription' end;
    body := case lang
      when 'zh-CN' then format(E'您刚刚同意%s通过此地址与您联系。请在 7 天内打开此链接确认：\n%s\n\n确认之前，我们不会向您发送营销信息。如果这不是您本人的操作，请忽略此消息。', entity, link_path)
      when 'zh-TW' then format(E'您剛剛同意%s透過此地址與您聯絡。請在 7 天內開啟此連結確認：\n%s\n\n確認之前，我們不會向您傳送行銷訊息。如果這不是您本人的操作，請忽略此訊息。', entity, link_path)
      else format(E'You have just agreed that %s may contact you at this address. Please confirm within 7 days by opening this link:\n%s\n\nUntil you confirm, we will not contact you. If you did not ask for this, ignore this message.', entity, link_path)
    end;
  else
    subject_line := case lang when 'zh-CN' then '确认订阅' when 'zh-TW' then '確認訂閱' else 'Confirm your subscription' end;
    body := case lang
      when 'zh-CN' then format(E'【%s】请在 7 天内打开链接确认订阅：\n%s', entity, link_path)
      when 'zh-TW' then format(E'【%s】請在 7 天內開啟連結確認訂閱：\n%s', entity, link_path)
      else format(E'%s: confirm your subscription within 7 days:\n%s', entity, link_path)
    end;
  end if;
  insert into public.outbound_messages (workspace_id, channel, recipient, recipient_masked, locale, subject_line, body, body_redacted)
  values (queue_double_opt_in_message.workspace_id, case when kind = 'email' then 'email' else 'sms' end, normalised,
    private.mask_recipient(kind, normalised), lang, left(subject_line, 200), body,
    replace(body, link_path, '/' || lang || '/double-opt-in?token=…'))
  returning id into message_id;
  return message_id;
end
$$;
revoke all on function private.queue_double_opt_in_message(workspace_id uuid, kind public.identifier_kind, value text, locale text, token text) from public;

-- Redacts the messages of used or expired challenges of a workspace (a few at a time).
create or replace function private.redact_spent_messages(workspace_id uuid)
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
revoke all on function private.redact_spent_messages(workspace_id uuid) from public;

-- Takes a queued message younger than its challenge for sending: recipient and body, once.
create or replace function public.claim_outbound_message(message_id uuid)
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
revoke all on function public.claim_outbound_message(message_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.claim_outbound_message(message_id uuid) to service_role;

-- Confirms a double opt-in: every purpose requested under the token becomes `given`.
create or replace function public.confirm_double_opt_in(token text, context jsonb default '{}'::jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  token_digest text := encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex');
  pending public.consent_state;
  requested public.consent_events;
  subject public.subjects;
  purpose public.purposes;
  event public.consent_events;
  received timestamptz := clock_timestamp();
  event_ids jsonb := '[]'::jsonb;
  states jsonb := '[]'::jsonb;
  found_subject uuid;
begin
  select s.subject_id into found_subject from public.consent_state s
  where s.confirmation_token_hash = token_digest and s.state = 'requested' and s.expires_at > received
  limit 1;
  if found_subject is null then
    raise exception 'consentry.confirmation_invalid' using errcode = 'P0001';
  end if;
  select * into subject from public.subjects s where s.id = found_subject for update;
  for pending in
    select * from public.consent_state s
    where s.subject_id = subject.id and s.confirmation_token_hash = token_digest and s.state = 'requested'
    order by s.purpose_id
  loop
    select * into requested from public.consent_events e where e.id = pending.last_event_id;
    select * into purpose from public.purposes p where p.id = pending.purpose_id;
    event := requested;
    event.id := null;
    event.occurred_at := received;
    event.received_at := received;
    event.controller := private.controller_snapshot(subject.workspace_id);
    event.purpose := private.purpose_snapshot(purpose);
    event.method := 'double_opt_in_confirm';
    event.state := 'given';
    event.expires_at := case when purpose.consent_valid_days is not null then received + make_interval(days => purpose.consent_valid_days) end;
    event.preferences := null;
    event.context := jsonb_build_object('confirmation_of', requested.id)
      || case when jsonb_typeof(context) = 'object' then jsonb_strip_nulls(jsonb_build_object(
           'user_agent', left(context ->> 'userAgent', 512), 'page_url', left(context ->> 'pageUrl', 2048))) else '{}'::jsonb end;
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, null);
    event_ids := event_ids || to_jsonb(event.id::text);
    states := states || jsonb_build_object('purposeId', event.purpose_id, 'state', 'given');
  end loop;
  return jsonb_build_object('subjectId', subject.id, 'eventIds', event_ids, 'states', states, 'receivedAt', private.utc_text(received));
end
$$;
revoke all on function public.confirm_double_opt_in(token text, context jsonb) from public, anon, authenticated, service_role;
grant execute on function public.confirm_double_opt_in(token text, context jsonb) to anon, authenticated, service_role;

-- Sent: redacted at once. Failed: kept queued-no-more with the error.
create or replace function public.finish_outbound_message(message_id uuid, sent boolean, error text default null)
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
revoke all on function public.finish_outbound_message(message_id uuid, sent boolean, error text) from public, anon, authenticated, service_role;
grant execute on function public.finish_outbound_message(message_id uuid, sent boolean, error text) to service_role;

-- The server makes a just-queued message's link lines absolute (CONSENTRY_PUBLIC_URL or the
-- request's own origin). Service role only.
create or replace function public.set_outbound_link_base(message_id uuid, base_url text)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  base text := regexp_replace(coalesce(base_url, ''), '/+$', '');
begin
  if base !~ '^https?://[A-Za-z0-9.:\[\]-]{1,253}$' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'base_url';
  end if;
  update public.outbound_messages m set
    body = regexp_replace(m.body, '^(/\S*)$', base || '\1', 'gn'),
    body_redacted = regexp_replace(m.body_redacted, '^(/\S*)$', base || '\1', 'gn')
  where m.id = set_outbound_link_base.message_id and m.status = 'queued' and m.redacted_at is null
    and m.created_at > now() - interval '10 minutes';
end
$$;
revoke all on function public.set_outbound_link_base(message_id uuid, base_url text) from public, anon, authenticated, service_role;
grant execute on function public.set_outbound_link_base(message_id uuid, base_url text) to service_role;
