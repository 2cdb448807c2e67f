-- The records explorer, streamed exports and consent recorded by an operator on a person's
-- behalf (lib/records, the console's Records pages).
--
-- Reading records needs nothing new: members of a workspace (viewer and up) already read its
-- ledger under RLS ("consent events: members read"), and public.find_subject already turns an
-- identifier into a subject by its keyed hash inside a security-definer function, so the plain
-- value is never stored, indexed or written to a log. The explorer reuses both.
--
-- Indexes. The explorer lists a workspace's events newest first, keyset-paged on
-- (received_at, id), filtered by purpose, state, collection channel, region, method and a date
-- range. One index per filter that can be selective, each ending in (received_at, id) so that a
-- page is an index range read that stops after LIMIT rows; the non-selective filters (state,
-- channel, method) ride on the workspace index and are checked on the rows it yields. Checked
-- with EXPLAIN ANALYZE on 100,000 events under `set local role authenticated` with claims
-- (lib/records/records-volume.db.test.ts asserts an index scan and prints the times).
--
-- Exports: public.log_records_export appends records.export_started / _completed / _cancelled
-- to the audit log, with the filters (never an identifier: a person is filtered by subject id),
-- the format and the row count. Owners, admins and legal may export (the roles that read the
-- audit log): an export takes personal data out of the product, so it is kept to the roles
-- accountable for it. The export itself is a read under the caller's RLS in its own
-- transaction; the entries are appended in short transactions before and after it, so a long
-- export never holds the audit chain's head lock and a cancelled one is still on record.
--
-- Operator entry: public.record_operator_consent(payload) records what a person said in a store
-- or on a call. Owners, admins and legal may record (not editors: the marketers who design the
-- experiences have a stake in the answer; not viewers). It appends through the ledger's own
-- primitives (lock_subject, append_consent_event, apply_consent_state) with expressed_by
-- 'operator', method 'operator_entry', the operator's user id and email in the event context,
-- and one audit entry `consent.operator_entry` in the same transaction. A purpose with double
-- opt-in cannot be given this way while the person is known by email or phone: only the person
-- can prove control of the address (consentry.operator_double_opt_in).

-- ---------------------------------------------------------------------------------------------
-- Indexes for the explorer's filters and the timeline's audit entries.

create index consent_events_workspace_page_idx on public.consent_events (workspace_id, received_at desc, id desc);
-- A purpose belongs to one workspace, so the purpose leads; this also serves the ledger's
-- "is this purpose used" check, which had its own (purpose_id) index.
create index consent_events_purpose_page_idx on public.consent_events (purpose_id, received_at desc, id desc);
create index consent_events_workspace_region_idx on public.consent_events (workspace_id, region_code, received_at desc, id desc);
-- Superseded by the two above: one index fewer to maintain on every consent write.
drop index if exists public.consent_events_workspace_received_idx;
drop index if exists public.consent_events_purpose_idx;

create index audit_log_workspace_target_idx on public.audit_log (workspace_id, target_type, target_id);

-- ---------------------------------------------------------------------------------------------
-- Export audit entries.

create function public.log_records_export(workspace_id uuid, phase text, export_id uuid, format text, filters jsonb,
                                          row_count bigint default null)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin,legal}');
  if phase is null or phase not in ('started', 'completed', 'cancelled') or export_id is null
     or format is null or format not in ('csv', 'ndjson')
     or jsonb_typeof(filters) is distinct from 'object' or octet_length(filters::text) > 4000
     or (row_count is not null and row_count < 0) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'export';
  end if;
  perform private.append_audit(log_records_export.workspace_id, 'records.export_' || phase, 'records_export', export_id::text, null,
    jsonb_strip_nulls(jsonb_build_object('format', format, 'filters', filters, 'row_count', row_count)));
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Operator entry.

-- payload: workspaceId, subjectId, identifierKind (one the subject has), channel (store |
-- call_centre), locale, regionCode, decisions [{purposeId, state: given|refused|withdrawn}],
-- experienceVersionId? (the published script or page read to the person: pins its notices),
-- reference? (a ticket or receipt number, ≤ 200 characters), userAgent?
create function public.record_operator_consent(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  received timestamptz := clock_timestamp();
  ws uuid;
  subject public.subjects;
  id_kind public.identifier_kind;
  id_hash text;
  version public.experience_versions;
  allowed_purposes text[];
  channel_value public.collection_channel;
  language_value text := payload ->> 'locale';
  region_value text := payload ->> 'regionCode';
  reference text := nullif(btrim(coalesce(payload ->> 'reference', '')), '');
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  new_state public.consent_status;
  event public.consent_events;
  context_value jsonb;
  event_ids jsonb := '[]'::jsonb;
  states jsonb := '[]'::jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' or not private.is_uuid(payload ->> 'workspaceId')
     or not private.is_uuid(payload ->> 'subjectId') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'workspaceId, subjectId';
  end if;
  ws := (payload ->> 'workspaceId')::uuid;
  perform private.assert_workspace_access(ws, '{owner,admin,legal}');

  if coalesce(payload ->> 'channel', '') not in ('store', 'call_centre') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'channel';
  end if;
  channel_value := payload ->> 'channel';
  if language_value is null or language_value !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(language_value) > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if region_value is null or region_value !~ '^[A-Za-z0-9_-]{1,32}$' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'regionCode';
  end if;
  if char_length(reference) > 200 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'reference';
  end if;
  if coalesce(payload ->> 'identifierKind', '') <> all (enum_range(null::public.identifier_kind)::text[]) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'identifierKind';
  end if;
  id_kind := payload ->> 'identifierKind';

  if nullif(payload ->> 'experienceVersionId', '') is not null then
    if private.is_uuid(payload ->> 'experienceVersionId') then
      select * into version from public.experience_versions v
      where v.id = (payload ->> 'experienceVersionId')::uuid and v.workspace_id = ws;
    end if;
    if version.id is null then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
    where jsonb_typeof(x) = 'string';
  end if;

  if jsonb_typeof(payload -> 'decisions') is distinct from 'array' or jsonb_array_length(payload -> 'decisions') not between 1 and 50
     or (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(payload -> 'decisions') d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = (decision ->> 'purposeId')::uuid)
       or (version.id is not null and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
    if coalesce(decision ->> 'state', '') not in ('given', 'refused', 'withdrawn') then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.state';
    end if;
  end loop;

  -- The person, locked like every recording locks them; a subject merged into another records there.
  select * into subject from public.subjects s
  where s.id = (payload ->> 'subjectId')::uuid and s.workspace_id = ws for update;
  if not found then
    raise exception 'consentry.unknown_subject' using errcode = 'P0001';
  end if;
  if subject.merged_into is not null then
    raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = 'subject was merged';
  end if;
  -- Under the identifier the person gave the operator (the newest of that kind).
  select i.identifier_hash into id_hash from public.subject_identifiers i
  where i.subject_id = subject.id and i.kind = id_kind
  order by i.created_at desc, i.id limit 1;
  if id_hash is null then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = id_kind::text;
  end if;

  context_value := jsonb_strip_nulls(jsonb_build_object(
    'operator_id', (select auth.uid()),
    'operator_email', (select auth.jwt()) ->> 'email',
    'reference', reference,
    'user_agent', left(payload ->> 'userAgent', 512)));

  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject.id and s.purpose_id = purpose.id;
    new_state := (decision ->> 'state')::public.consent_status;
    if new_state = 'given' then
      if purpose.double_opt_in and id_kind in ('email', 'phone') then
        raise exception 'consentry.operator_double_opt_in' using errcode = 'P0001', detail = purpose.key;
      end if;
      if current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > received) then
        new_state := 'renewed_given';
      end if;
    end if;

    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := id_kind;
    event.identifier_hash := id_hash;
    event.occurred_at := received;
    event.received_at := received;
    event.expressed_by := 'operator';
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := purpose.id;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := true;
    event.experience_version_id := version.id;
    event.notice_versions := coalesce(version.notice_versions, '{}'::jsonb);
    event.language := language_value;
    event.region_code := region_value;
    event.region_resolution := jsonb_build_object('method', 'operator');
    event.consent_type := 'explicit';
    event.method := 'operator_entry';
    event.channel := channel_value;
    event.state := new_state;
    event.expires_at := case when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
      then received + make_interval(days => purpose.consent_valid_days) end;
    event.context := context_value;
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, null);
    event_ids := event_ids || to_jsonb(event.id::text);
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end loop;

  perform private.append_audit(ws, 'consent.operator_entry', 'subject', subject.id::text, null,
    jsonb_strip_nulls(jsonb_build_object('event_ids', event_ids, 'states', states, 'channel', channel_value,
      'experience_version_id', version.id, 'reference', reference)));
  return jsonb_build_object('subjectId', subject.id, 'eventIds', event_ids, 'states', states,
    'receivedAt', private.utc_text(received));
end
$$;

revoke execute on function public.log_records_export(uuid, text, uuid, text, jsonb, bigint) from public, anon, authenticated, service_role;
revoke execute on function public.record_operator_consent(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.log_records_export(uuid, text, uuid, text, jsonb, bigint) to authenticated;
grant execute on function public.record_operator_consent(jsonb) to authenticated;
