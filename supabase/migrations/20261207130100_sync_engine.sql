-- Sync engine (issue 14), what the workers of lib/sync read through the service role.
--
-- public.sync_messages(delivery ids): for each delivery, everything its message carries except
-- identifiers in the clear (those are opened in Node, by the destination's identifier policy):
-- the delivered events as the outbox announced them, the person's FULL current state (every
-- purpose's projection row, limited to the destination's purpose filter, and their
-- preferences) with `stateSeq`, the person's chain length when read, so a receiver that missed
-- or reordered messages converges by applying the state with the highest stateSeq; the person's
-- identifiers as (kind, encrypted value or null when only the keyed hash was ever kept).
--
-- Identifier values (B). The ledger keeps keyed hashes only; delivery needs the values (a CRM's
-- member id, an ad platform's hashed phone), so each identifier's normalised value is ALSO kept,
-- encrypted in Node with the workspace's data key (AES-256-GCM, lib/sync/identifiers.ts), in
-- private.subject_identifier_values, one row per identifier, reachable only through the functions
-- here. The value is bound to its identifier (additional data: workspace, kind and keyed hash),
-- so a blob moved to another identifier does not open. Erasure is crypto-shredding: deleting the
-- row leaves the ledger as de-identified proof. Identifiers recorded before this migration, or
-- through paths that never see a value (the anonymous browser path), have no row and stay
-- hash-only; a message says so (`available: false`).
--
-- public.changes_after(workspace, after, limit): the pull feed of GET /api/v1/changes. Outbox
-- rows in commit order, safely: a row is only handed out once every transaction that could still
-- commit a row before it has ended, i.e. its transaction id is below the oldest one still running
-- (pg_snapshot_xmin of the current snapshot). The cursor is (transaction id, row id), so a later
-- commit of an earlier-started transaction is never skipped and nothing is handed out twice.

create table private.subject_identifier_values (
  identifier_id uuid primary key references public.subject_identifiers (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id),
  -- iv || tag || ciphertext of the normalised value (lib/sync/crypto/envelope.ts).
  ciphertext bytea not null check (length(ciphertext) between 29 and 2048),
  created_at timestamptz not null default now()
);
alter table private.subject_identifier_values enable row level security;
revoke all on private.subject_identifier_values from public, anon, authenticated, service_role;

-- Stores the sealed value of an identifier the caller just recorded (same transaction as the
-- recording): the service only. Returns the keyed hash it was filed under (null when the value is
-- not a valid identifier of its kind). A value already kept is left alone.
create function public.store_identifier_value(workspace_id uuid, kind public.identifier_kind, identifier_hash text, ciphertext bytea)
returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  made integer;
begin
  perform private.assert_workspace_access(workspace_id);
  insert into private.subject_identifier_values (identifier_id, workspace_id, ciphertext)
  select i.id, i.workspace_id, store_identifier_value.ciphertext from public.subject_identifiers i
  where i.workspace_id = store_identifier_value.workspace_id and i.kind = store_identifier_value.kind
    and i.identifier_hash = store_identifier_value.identifier_hash
  on conflict (identifier_id) do nothing;
  get diagnostics made = row_count;
  return made > 0;
end
$$;

-- A value as the ledger normalises and hashes it (the service, before sealing the normalised
-- value and binding it to its identifier); no row when the value is not valid for its kind.
create function public.identifier_normalised(workspace_id uuid, kind public.identifier_kind, value text)
returns table (normalised text, identifier_hash text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  return query select n.v, private.try_identifier_hash(identifier_normalised.workspace_id, kind, n.v)
    from (select private.try_normalise_identifier(kind, value) as v) n where n.v is not null;
end
$$;

revoke execute on function public.store_identifier_value(uuid, public.identifier_kind, text, bytea) from public, anon, authenticated;
grant execute on function public.store_identifier_value(uuid, public.identifier_kind, text, bytea) to service_role;
revoke execute on function public.identifier_normalised(uuid, public.identifier_kind, text) from public, anon, authenticated;
grant execute on function public.identifier_normalised(uuid, public.identifier_kind, text) to service_role;

create function public.sync_messages(delivery_ids uuid[])
returns table (delivery_id uuid, message jsonb)
language sql stable security definer set search_path = ''
as $$
  select d.id,
    jsonb_build_object(
      'type', o.topic,
      'id', d.id,
      'workspace', d.workspace_id,
      'subject', jsonb_build_object('id', d.subject_id, 'seq', d.seq),
      'events', (select coalesce(jsonb_agg(e order by (e ->> 'seq')::bigint), '[]'::jsonb)
                 from jsonb_array_elements(o.payload -> 'events') e where (e ->> 'id')::uuid = any (d.event_ids)),
      'state', (select coalesce(jsonb_object_agg(p.key, jsonb_strip_nulls(jsonb_build_object(
                   'purposeId', p.id, 'state', s.state, 'separatelyGiven', s.separately_given, 'method', s.method,
                   'expiresAt', private.utc_text(s.expires_at), 'since', private.utc_text(s.updated_at), 'eventId', s.last_event_id))),
                 '{}'::jsonb)
                from public.consent_state s join public.purposes p on p.id = s.purpose_id
                where s.subject_id = d.subject_id
                  and (not t.filters ? 'purposes' or (t.filters -> 'purposes') ? p.key or (t.filters -> 'purposes') ? p.id::text)),
      'preferences', (select jsonb_strip_nulls(jsonb_build_object('channels', pr.channels, 'topics', to_jsonb(pr.topics),
                        'frequencyCapMax', pr.frequency_cap_max, 'frequencyCapPeriod', pr.frequency_cap_period,
                        'quietHoursStart', to_char(pr.quiet_hours_start, 'HH24:MI'), 'quietHoursEnd', to_char(pr.quiet_hours_end, 'HH24:MI'),
                        'quietHoursTimeZone', pr.quiet_hours_time_zone))
                      from public.preferences pr where pr.subject_id = d.subject_id),
      'stateSeq', (select sj.chain_length from public.subjects sj where sj.id = d.subject_id),
      'committedAt', private.utc_text(o.created_at),
      'identifiers', (select coalesce(jsonb_agg(jsonb_build_object('kind', i.kind, 'hash', i.identifier_hash,
                         'sealed', encode(v.ciphertext, 'base64')) order by i.kind, i.created_at), '[]'::jsonb)
                      from public.subject_identifiers i left join private.subject_identifier_values v on v.identifier_id = i.id
                      where i.subject_id = d.subject_id and t.identifier_policy ? i.kind::text)
    )
  from public.deliveries d
  join public.outbox o on o.id = d.outbox_id
  join public.destinations t on t.id = d.destination_id
  where d.id = any (delivery_ids)
$$;

revoke execute on function public.sync_messages(uuid[]) from public, anon, authenticated;
grant execute on function public.sync_messages(uuid[]) to service_role;

-- The pull feed. `after_xid` / `after_id`: the cursor (0, 0 from the start). Returns at most
-- `max_rows` rows and the new cursor with each row.
create function public.changes_after(workspace_id uuid, after_xid xid8, after_id bigint, max_rows integer)
returns table (id bigint, transaction_id xid8, subject_id uuid, topic text, payload jsonb, created_at timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  return query
  select o.id, o.transaction_id, o.subject_id, o.topic, o.payload, o.created_at
  from public.outbox o
  where o.workspace_id = changes_after.workspace_id
    and (o.transaction_id, o.id) > (after_xid, after_id)
    and o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by o.transaction_id, o.id
  limit least(greatest(max_rows, 1), 1000);
end
$$;

create index outbox_feed_idx on public.outbox (workspace_id, transaction_id, id);

revoke execute on function public.changes_after(uuid, xid8, bigint, integer) from public, anon, authenticated;
grant execute on function public.changes_after(uuid, xid8, bigint, integer) to service_role;
