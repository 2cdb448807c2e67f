-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Committed rows never change: only the transaction that wrote a row may still append to it.
create or replace function private.outbox_append_only()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.transaction_id <> pg_current_xact_id() or new.id <> old.id or new.workspace_id <> old.workspace_id
     or new.topic <> old.topic or new.subject_id <> old.subject_id or new.transaction_id <> old.transaction_id
     or new.created_at <> old.created_at then
    raise exception 'consentry.append_only' using errcode = '42501', detail = 'public.outbox rejects UPDATE';
  end if;
  return new;
end
$$;
revoke all on function private.outbox_append_only() from public;

-- The events of one INSERT statement on consent_events, per subject, into the outbox.
create or replace function private.outbox_consent_changed()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.outbox as o (workspace_id, topic, subject_id, event_ids, payload)
  select e.workspace_id, 'consent.changed', e.subject_id, array_agg(e.id order by e.seq),
    jsonb_build_object(
      'type', 'consent.changed',
      'workspaceId', e.workspace_id,
      'subjectId', e.subject_id,
      'events', jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'id', e.id, 'seq', e.seq, 'purposeId', e.purpose_id, 'purposeKey', e.purpose ->> 'key', 'state', e.state,
        'method', e.method, 'channel', e.channel, 'contactChannel', e.contact_channel, 'consentType', e.consent_type,
        'expressedBy', e.expressed_by, 'separatelyGiven', e.separately_given, 'experienceVersionId', e.experience_version_id,
        'language', e.language, 'regionCode', e.region_code, 'occurredAt', private.utc_text(e.occurred_at),
        'receivedAt', private.utc_text(e.received_at), 'expiresAt', private.utc_text(e.expires_at), 'hash', e.hash
      )) order by e.seq),
      'preferences', (array_agg(e.preferences order by e.seq desc) filter (where e.preferences is not null))[1])
  from inserted e
  group by e.workspace_id, e.subject_id
  on conflict (transaction_id, subject_id, topic) do update set
    event_ids = o.event_ids || excluded.event_ids,
    payload = o.payload || jsonb_build_object(
      'events', (o.payload -> 'events') || (excluded.payload -> 'events'),
      'preferences', coalesce(excluded.payload -> 'preferences', o.payload -> 'preferences'));
  return null;
end
$$;
revoke all on function private.outbox_consent_changed() from public;
