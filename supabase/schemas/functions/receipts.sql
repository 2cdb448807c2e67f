-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- → {receiptId, receiptToken}. Every event must belong to one subject, in the experience's
-- workspace, recorded under one version of that experience in the last ten minutes: the server
-- calls this only with the ids the ledger has just answered, and nothing older can be wrapped.
create or replace function private.new_decision_receipt(public_key text, event_ids uuid[])
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  experience public.experiences;
  matched integer;
  subject_ids uuid[];
  version_ids uuid[];
  token text := private.new_token('rct_');
  receipt_id uuid;
begin
  select * into experience from public.experiences e where e.public_key = new_decision_receipt.public_key;
  if not found then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'public key';
  end if;
  if event_ids is null or cardinality(event_ids) not between 1 and 100 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'event_ids';
  end if;
  select count(*), array_agg(distinct ev.subject_id), array_agg(distinct ev.experience_version_id)
    into matched, subject_ids, version_ids
  from public.consent_events ev
  join public.experience_versions v on v.id = ev.experience_version_id and v.experience_id = experience.id
  where ev.id = any (new_decision_receipt.event_ids)
    and ev.workspace_id = experience.workspace_id
    and ev.received_at > now() - interval '10 minutes';
  if matched <> cardinality(event_ids) or cardinality(subject_ids) <> 1 or cardinality(version_ids) <> 1 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'event_ids';
  end if;
  insert into public.consent_receipts (workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, token_hash)
  values (experience.workspace_id, subject_ids[1], experience.id, version_ids[1], 'decision', event_ids, private.sha256_hex(token))
  returning id into receipt_id;
  return jsonb_build_object('receiptId', receipt_id, 'receiptToken', token);
end
$$;
revoke all on function private.new_decision_receipt(public_key text, event_ids uuid[]) from public;
grant execute on function private.new_decision_receipt(public_key text, event_ids uuid[]) to service_role;

create or replace function private.new_receipt(subject_session public.subject_sessions, version public.experience_versions, action text, event_ids uuid[])
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
revoke all on function private.new_receipt(subject_session public.subject_sessions, version public.experience_versions, action text, event_ids uuid[]) from public;

-- As before, with the pinned notice versions named ('notices': [{noticeId, versionId, name, number}]).
create or replace function public.read_consent_receipt(receipt_id uuid, receipt_token text default null, session_token text default null)
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
      where e.id = any (receipt.event_ids)), '[]'::jsonb),
    -- The notice versions the events pin, by name and number (the page shows words, not ids).
    'notices', coalesce((
      select jsonb_agg(jsonb_build_object('noticeId', n.id, 'versionId', nv.id, 'name', n.name, 'number', nv.number) order by n.name, nv.number)
      from public.notice_versions nv join public.notices n on n.id = nv.notice_id and n.workspace_id = nv.workspace_id
      where nv.workspace_id = receipt.workspace_id
        and nv.id::text in (select pinned.value from public.consent_events e, jsonb_each_text(e.notice_versions) pinned
                            where e.id = any (receipt.event_ids))), '[]'::jsonb));
end
$$;
revoke all on function public.read_consent_receipt(receipt_id uuid, receipt_token text, session_token text) from public, anon, authenticated, service_role;
grant execute on function public.read_consent_receipt(receipt_id uuid, receipt_token text, session_token text) to anon, authenticated;
