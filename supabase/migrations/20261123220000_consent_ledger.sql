-- The consent ledger: subjects known by keyed hashes of their identifiers, an append-only event
-- per decision per purpose carrying every field of "What a consent record carries"
-- (regulations.md), the current-state projection and preferences changed in the same
-- transaction, a contact log for frequency caps, double opt-in, SMS opt-out keywords, API keys
-- and idempotency keys.
--
-- Identifiers. No identifier is stored or indexed in plain text: subject_identifiers holds
--   HMAC-SHA256(per-workspace secret, "<kind>:<normalised value>") in hex. The secret is 32 random
--   bytes in private.workspace_secrets, made with the workspace (or on first use) and read only by
--   security-definer functions. Normalisation: email lower-cased and trimmed; phone in E.164 (spaces, dots,
--   dashes, brackets dropped, 00 → +, an 11-digit mainland mobile number gets +86); other kinds
--   trimmed. Everything is NFKC-normalised first, so full-width input hashes like ASCII. HMAC is
--   built from the core sha256() (no pgcrypto: PGlite would need the extension passed in).
--
-- Linking. An anonymous subject (device ids only) linked to a known identifier is merged: its
--   identifiers are re-pointed to the known subject, subjects.merged_into records where it went,
--   its projection rows move across (newest wins) and `subject.linked` is written to the audit
--   log. Ledger rows are never rewritten: a subject's history is its own events plus those of the
--   subjects merged into it. A device id of a subject that is a known person is moved alone (a
--   shared device does not carry one person's history to another); two known people are never
--   merged (consentry.subject_conflict).
--
-- The hash chain is per SUBJECT, not per workspace (benchmarks.md P3): each event's prev_hash
--   is the hash of the same subject's previous event and `seq` counts that subject's events. The
--   recording function locks the subject's row (subjects.chain_length / chain_head are its head),
--   so writes for different people never wait for each other, while one person's events form one
--   ordered, tamper-evident chain. public.verify_subject_chain(subject) and
--   public.verify_consent_ledger(workspace) name the first row that breaks a chain: a gap
--   (missing_row), a wrong prev_hash (broken_link), fields that do not match the hash
--   (hash_mismatch), or a chain shorter than its head (truncated). Consent events are NOT copied
--   into the audit log, whose chain is per workspace and would serialise every write again; the
--   ledger is its own proof. What is hashed: private.consent_event_hash, SHA-256 of the text of a
--   jsonb array of every column in a fixed order, timestamps in UTC with microseconds.
--
-- Who may call what.
--   * anon: public.record_browser_consent (public key of an experience + the request's Origin,
--     checked against allowed_origins; web/app/mini-program channels and click/toggle/GPC methods
--     only; the version must belong to that experience) and public.confirm_double_opt_in (the
--     token is the secret). Nothing else; no table.
--   * service_role (the HTTP layer after verifying a workspace API key, lib/db/caller.ts purpose
--     "consent-api"; key lookup is purpose "api-keys"): public.record_consent and every other
--     entry point below.
--   * authenticated members: read their workspace's ledger tables (viewer and up), look up a
--     subject, ask for decisions and verify chains; owners and admins manage API keys and SMS
--     keywords. Nobody writes a ledger table directly; consent_events refuses UPDATE, DELETE and
--     TRUNCATE for every role including its owner.
--   Both write paths end in private.record_consent_core, which validates everything against the
--   published experience version (or, for API imports without a version, the workspace catalog):
--   an unknown purpose, channel or topic raises consentry.unknown_purpose / unknown_channel /
--   unknown_topic with the offending value in DETAIL.
--
-- Idempotency. A recording with an idempotency key takes a transaction-scoped advisory lock on
--   (workspace, key) with pg_try_advisory_xact_lock: if another transaction holds it, the request
--   is in flight (consentry.idempotency_in_flight, HTTP 409). Holding it, the function looks the
--   key up in public.idempotency_keys: the same request hash returns the stored first result, a
--   different one raises consentry.idempotency_mismatch (422). Otherwise it records and stores
--   the result (status done) in the SAME transaction, so the key and the events commit or vanish
--   together; the primary key on (workspace_id, key) backs this up. The request hash is an HMAC
--   with the workspace secret (the body holds an identifier). For other routes,
--   claim/finish/release_idempotency_key keep an in_flight row across transactions.
--
-- Double opt-in: per purpose (purposes.double_opt_in). Giving such a purpose while identified by
--   an email address or a phone number records `requested` and returns a one-time token (only its
--   SHA-256 is kept, on the projection row); public.confirm_double_opt_in records `given`.
--   Requests lapse after 7 days. Consents expire per purpose (purposes.consent_valid_days):
--   expires_at is set on the event; public.expire_consents records `expired` events.
--
-- SMS keywords: TD, 退订 and STOP always count (MIIT requires "回复TD退订" to work); a workspace
--   adds its own in public.sms_opt_out_keywords. Matching is on NFKC-normalised, trimmed, lower-case
--   text. A keyword records `withdrawn` events scoped to contact_channel = 'sms' for every purpose
--   whose channel preferences include SMS and for the `marketing` purpose, and takes SMS out of
--   those channel preferences; consent by other channels is untouched.

-- ---------------------------------------------------------------------------------------------
-- Types and purpose rules.

create type public.identifier_kind as enum ('email', 'phone', 'member_id', 'device_id', 'wechat_openid', 'wechat_unionid');
-- The DPV consent states.
create type public.consent_status as enum ('given', 'renewed_given', 'refused', 'withdrawn', 'expired', 'requested', 'invalidated');
create type public.consent_type as enum ('explicit', 'opt_out', 'notice_only');
create type public.consent_method as enum ('click_accept', 'click_reject', 'save', 'toggle', 'gpc_signal', 'sms_keyword',
  'api_import', 'operator_entry', 'double_opt_in_confirm', 'expiry');
create type public.collection_channel as enum ('web', 'app', 'mini_program', 'store', 'call_centre', 'api', 'import', 'sms');
create type public.expressed_by as enum ('subject', 'guardian', 'operator');

alter table public.purposes
  add column consent_valid_days integer check (consent_valid_days between 1 and 36500),
  add column double_opt_in boolean not null default false;
grant update (consent_valid_days, double_opt_in) on public.purposes to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Hashing helpers.

-- HMAC-SHA256 (RFC 2104) from the core sha256(): H((K ⊕ opad) || H((K ⊕ ipad) || m)), 64-byte blocks.
create function private.hmac_sha256(key bytea, message bytea)
returns bytea
language plpgsql immutable strict set search_path = ''
as $$
declare
  block bytea := case when length(key) > 64 then sha256(key) else key end;
  inner_pad bytea;
  outer_pad bytea;
begin
  block := block || decode(repeat('00', 64 - length(block)), 'hex');
  inner_pad := block;
  outer_pad := block;
  for i in 0..63 loop
    inner_pad := set_byte(inner_pad, i, get_byte(block, i) # 54);  -- 0x36
    outer_pad := set_byte(outer_pad, i, get_byte(block, i) # 92);  -- 0x5c
  end loop;
  return sha256(outer_pad || sha256(inner_pad || message));
end
$$;

-- The identifier as hashed, or null when it is not a valid identifier of its kind.
create function private.try_normalise_identifier(kind public.identifier_kind, value text)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  v text := regexp_replace(normalize(coalesce(value, ''), NFKC), '^\s+|\s+$', '', 'g');
begin
  if kind = 'email' then
    v := lower(v);
    if v !~ '^[^@\s]+@[^@\s]+$' or char_length(v) > 320 then return null; end if;
  elsif kind = 'phone' then
    v := regexp_replace(v, '[\s().-]', '', 'g');
    if v like '00%' then v := '+' || substr(v, 3); end if;
    if v ~ '^1[3-9][0-9]{9}$' then v := '+86' || v; end if;
    if v !~ '^\+[1-9][0-9]{5,14}$' then return null; end if;
  elsif char_length(v) = 0 or char_length(v) > 256 then
    return null;
  end if;
  return v;
end
$$;

create function private.normalise_identifier(kind public.identifier_kind, value text)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  v text := private.try_normalise_identifier(kind, value);
begin
  if v is null then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = kind::text;
  end if;
  return v;
end
$$;

create table private.workspace_secrets (
  workspace_id uuid primary key references public.workspaces (id),
  secret bytea not null check (length(secret) = 32),
  created_at timestamptz not null default now()
);

-- The workspace's identifier secret, made on first use: 32 bytes from gen_random_uuid(), which
-- draws on the server's strong random source (244 random bits; the version nibbles are fixed).
create function private.workspace_secret(workspace_id uuid)
returns bytea
language plpgsql security definer set search_path = ''
as $$
declare
  found_secret bytea;
begin
  select s.secret into found_secret from private.workspace_secrets s where s.workspace_id = workspace_secret.workspace_id;
  if found then
    return found_secret;
  end if;
  insert into private.workspace_secrets (workspace_id, secret)
  values (workspace_secret.workspace_id,
          decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'))
  on conflict do nothing;
  select s.secret into found_secret from private.workspace_secrets s where s.workspace_id = workspace_secret.workspace_id;
  return found_secret;
end
$$;

-- Made with each workspace (and for those that exist), so that the first recordings of a
-- workspace never wait for each other on creating it; workspace_secret() still makes one if missing.
create function private.create_workspace_secret()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.workspace_secret(new.id);
  return null;
end
$$;
create trigger workspaces_create_secret after insert on public.workspaces
  for each row execute function private.create_workspace_secret();
insert into private.workspace_secrets (workspace_id, secret)
select w.id, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex')
from public.workspaces w
on conflict do nothing;

-- The keyed hash stored for an identifier; null when the value is not valid for its kind.
create function private.try_identifier_hash(workspace_id uuid, kind public.identifier_kind, value text)
returns text
language sql security definer set search_path = ''
as $$
  select encode(private.hmac_sha256(private.workspace_secret(workspace_id),
                                    convert_to(kind::text || ':' || v, 'UTF8')), 'hex')
  from (select private.try_normalise_identifier(kind, value) as v) n
  where n.v is not null
$$;

create function private.identifier_hash(workspace_id uuid, kind public.identifier_kind, value text)
returns text
language sql security definer set search_path = ''
as $$
  select private.try_identifier_hash(workspace_id, kind, private.normalise_identifier(kind, value))
$$;

create function private.utc_text(value timestamptz)
returns text
language sql immutable set search_path = ''
as $$ select to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

-- Who is calling, as the API role set by runAsCaller / runAsService (unchanged inside security
-- definer functions). Anon is refused; members need one of `roles` (any role when null); the
-- service role and the database owner (no role set) are trusted.
create function private.assert_workspace_access(workspace_id uuid, roles public.workspace_role[] default null)
returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  api_role text := coalesce(nullif(current_setting('role', true), ''), 'none');
begin
  if api_role in ('service_role', 'none') then
    return;
  end if;
  if api_role = 'authenticated' and exists (
    select 1 from public.memberships m
    where m.workspace_id = assert_workspace_access.workspace_id and m.user_id = (select auth.uid())
      and (roles is null or m.role = any (roles))
  ) then
    return;
  end if;
  raise exception 'consentry.forbidden' using errcode = '42501';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Subjects and identifiers.

create table public.subjects (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  created_at timestamptz not null default now(),
  -- Set when this (anonymous) subject was linked to a known one; its events stay its own.
  merged_into uuid references public.subjects (id),
  merged_at timestamptz,
  -- The head of this subject's event chain; its row lock orders the subject's appends.
  chain_length bigint not null default 0 check (chain_length >= 0),
  chain_head text not null default repeat('0', 64) check (chain_head ~ '^[0-9a-f]{64}$'),
  check (merged_into is distinct from id),
  check ((merged_into is null) = (merged_at is null))
);
create index subjects_workspace_idx on public.subjects (workspace_id, created_at);
create index subjects_merged_into_idx on public.subjects (merged_into) where merged_into is not null;

create table public.subject_identifiers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  linked_at timestamptz,
  unique (workspace_id, kind, identifier_hash)
);
create index subject_identifiers_subject_idx on public.subject_identifiers (subject_id);

-- ---------------------------------------------------------------------------------------------
-- The ledger.

create table public.consent_events (
  id uuid primary key default gen_random_uuid(),
  schema_version smallint not null default 1 check (schema_version = 1),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  seq bigint not null check (seq > 0),
  -- The identifier the event was recorded under, as stored (keyed hash).
  identifier_kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  -- When the person chose (claimed by the client, bounded) and when the server received it.
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  expressed_by public.expressed_by not null,
  -- The controller at that time: {legal_entity_name, contact_address}.
  controller jsonb not null check (jsonb_typeof(controller) = 'object'),
  purpose_id uuid not null references public.purposes (id),
  -- The purpose at that time: key, data categories, sensitive, legal basis, recipients, transfers.
  purpose jsonb not null check (jsonb_typeof(purpose) = 'object'),
  -- Given through the purpose's own control, not bundled into "accept all" (PIPL separate consent).
  separately_given boolean not null,
  experience_version_id uuid references public.experience_versions (id),
  -- noticeId -> approved notice version pinned by that experience version.
  notice_versions jsonb not null default '{}'::jsonb check (jsonb_typeof(notice_versions) = 'object'),
  language text not null check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' and char_length(language) <= 35),
  region_code text not null check (region_code ~ '^[A-Za-z0-9_-]{1,32}$'),
  region_resolution jsonb not null check (jsonb_typeof(region_resolution) = 'object' and region_resolution ? 'method'),
  consent_type public.consent_type not null,
  method public.consent_method not null,
  channel public.collection_channel not null,
  -- Set when the decision applies to one contact channel only (an SMS opt-out keyword).
  contact_channel public.contact_channel,
  state public.consent_status not null,
  expires_at timestamptz,
  withdraw_url text check (char_length(withdraw_url) <= 2048),
  -- The preference changes submitted with this decision, if any.
  preferences jsonb check (preferences is null or jsonb_typeof(preferences) = 'object'),
  -- Truncated IP, user agent, page URL, idempotency key.
  context jsonb not null default '{}'::jsonb check (jsonb_typeof(context) = 'object'),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  unique (subject_id, seq)
);
create index consent_events_workspace_received_idx on public.consent_events (workspace_id, received_at desc);
create index consent_events_purpose_idx on public.consent_events (purpose_id);
create index consent_events_experience_version_idx on public.consent_events (experience_version_id) where experience_version_id is not null;

create trigger consent_events_append_only before update or delete on public.consent_events
  for each row execute function private.refuse_change();
create trigger consent_events_no_truncate before truncate on public.consent_events
  for each statement execute function private.refuse_change();

-- The current state of each subject × purpose: a projection of the ledger, kept in step by the
-- recording functions in the same transaction.
create table public.consent_state (
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  purpose_id uuid not null references public.purposes (id),
  state public.consent_status not null,
  separately_given boolean not null,
  method public.consent_method not null,
  expires_at timestamptz,
  last_event_id uuid not null references public.consent_events (id),
  updated_at timestamptz not null,
  -- SHA-256 of the double opt-in token while the state is `requested`.
  confirmation_token_hash text check (confirmation_token_hash ~ '^[0-9a-f]{64}$'),
  primary key (subject_id, purpose_id)
);
create index consent_state_workspace_idx on public.consent_state (workspace_id, purpose_id);
create unique index consent_state_confirmation_idx on public.consent_state (confirmation_token_hash) where confirmation_token_hash is not null;
create index consent_state_expiry_idx on public.consent_state (workspace_id, expires_at) where expires_at is not null;

-- Subject-level preferences. channels: {"*": [...], "<purposeId>": [...]}: the contact channels
-- allowed for every purpose or for one; a purpose without an entry is not restricted.
create table public.preferences (
  subject_id uuid primary key references public.subjects (id),
  workspace_id uuid not null references public.workspaces (id),
  channels jsonb not null default '{}'::jsonb check (jsonb_typeof(channels) = 'object'),
  topics uuid[] not null default '{}' check (cardinality(topics) <= 100),
  frequency_cap_max integer check (frequency_cap_max between 1 and 1000),
  frequency_cap_period text check (frequency_cap_period in ('week', 'month')),
  quiet_hours_start time,
  quiet_hours_end time,
  quiet_hours_time_zone text check (char_length(quiet_hours_time_zone) <= 64),
  updated_at timestamptz not null,
  last_event_id uuid not null references public.consent_events (id),
  check ((frequency_cap_max is null) = (frequency_cap_period is null)),
  check ((quiet_hours_start is null) = (quiet_hours_end is null) and (quiet_hours_start is null) = (quiet_hours_time_zone is null))
);
create index preferences_workspace_idx on public.preferences (workspace_id);

-- Contacts made, appended by the services that make them; counted for frequency caps.
create table public.contact_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  channel public.contact_channel not null,
  purpose_id uuid not null references public.purposes (id),
  contacted_at timestamptz not null,
  external_id text check (char_length(external_id) between 1 and 200),
  created_at timestamptz not null default now()
);
create index contact_log_subject_idx on public.contact_log (subject_id, contacted_at desc);
create index contact_log_workspace_idx on public.contact_log (workspace_id, contacted_at desc);
-- A retried append with the same message id counts once.
create unique index contact_log_external_idx on public.contact_log (workspace_id, external_id) where external_id is not null;

create function private.normalise_keyword(value text)
returns text
language sql immutable set search_path = ''
as $$ select lower(regexp_replace(normalize(coalesce(value, ''), NFKC), '^\s+|\s+$', '', 'g')) $$;

-- Opt-out keywords a workspace adds to the built-in TD, 退订, STOP.
create table public.sms_opt_out_keywords (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  keyword text not null check (char_length(keyword) between 1 and 32 and keyword = private.normalise_keyword(keyword)),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  primary key (workspace_id, keyword)
);

-- Secret workspace API keys for servers: "csk_<prefix>_<random>", only its SHA-256 stored.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  prefix text not null unique check (prefix ~ '^[0-9a-f]{8}$'),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] not null check (cardinality(scopes) between 1 and 4
    and scopes <@ array['consent:write', 'consent:read', 'decisions:read', 'contacts:write']::text[]
    and array_position(scopes, null) is null),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_workspace_idx on public.api_keys (workspace_id, created_at desc);

-- A revoked key stays revoked, at the time it was revoked.
create function private.revoke_once()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'api key already revoked';
  end if;
  return new;
end
$$;
create trigger api_keys_revoke_once before update on public.api_keys for each row execute function private.revoke_once();

create trigger api_keys_audit after insert or update or delete on public.api_keys
  for each row execute function private.audit_row_change('api_key', 'workspace_id', 'id', 'key_hash', 'last_used_at');
create trigger sms_opt_out_keywords_audit after insert or update or delete on public.sms_opt_out_keywords
  for each row execute function private.audit_row_change('sms_opt_out_keyword', 'workspace_id', 'keyword');

create table public.idempotency_keys (
  workspace_id uuid not null references public.workspaces (id),
  key text not null check (char_length(key) between 1 and 255),
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  status text not null check (status in ('in_flight', 'done')),
  response jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (workspace_id, key)
);
create index idempotency_keys_expiry_idx on public.idempotency_keys (expires_at);

-- A purpose with ledger events is proof that must stay: refused with the catalog's own code.
create function private.keep_ledger_purposes()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.consent_events e where e.purpose_id = old.id) then
    raise exception 'consentry.purpose_in_use' using errcode = 'P0001', detail = old.id::text;
  end if;
  return old;
end
$$;
create trigger purposes_keep_ledger_references before delete on public.purposes
  for each row execute function private.keep_ledger_purposes();

-- ---------------------------------------------------------------------------------------------
-- Chain and projection primitives (called only by the security-definer entry points).

create function private.consent_event_hash(e public.consent_events)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_array(
    'consentry.consent_event.v1', e.id::text, e.schema_version, e.workspace_id::text, e.subject_id::text, e.seq,
    e.identifier_kind::text, e.identifier_hash, private.utc_text(e.occurred_at), private.utc_text(e.received_at),
    e.expressed_by::text, e.controller, e.purpose_id::text, e.purpose, e.separately_given, e.experience_version_id::text,
    e.notice_versions, e.language, e.region_code, e.region_resolution, e.consent_type::text, e.method::text,
    e.channel::text, e.contact_channel::text, e.state::text, private.utc_text(e.expires_at), e.withdraw_url,
    e.preferences, e.context, e.prev_hash
  )::text, 'UTF8')), 'hex')
$$;

-- The subject behind an identifier hash, locked (following merges), created when asked to.
create function private.lock_subject(workspace_id uuid, kind public.identifier_kind, identifier_hash text, create_missing boolean)
returns public.subjects
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  found_id uuid;
  new_id uuid;
  subject public.subjects;
begin
  for attempt in 1..10 loop
    select i.subject_id into found_id from public.subject_identifiers i
    where i.workspace_id = lock_subject.workspace_id and i.kind = lock_subject.kind and i.identifier_hash = lock_subject.identifier_hash;
    if not found then
      if not create_missing then
        return null;
      end if;
      new_id := gen_random_uuid();
      insert into public.subjects (id, workspace_id) values (new_id, lock_subject.workspace_id);
      found_id := null;
      -- A concurrent first recording for the same identifier waits here, then finds it taken.
      insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash)
      values (lock_subject.workspace_id, new_id, lock_subject.kind, lock_subject.identifier_hash)
      on conflict (workspace_id, kind, identifier_hash) do nothing
      returning subject_id into found_id;
      if found_id is null then
        delete from public.subjects s where s.id = new_id;
        continue;
      end if;
    end if;
    select * into subject from public.subjects s where s.id = found_id for update;
    if subject.merged_into is null then
      return subject;
    end if;
    -- Linked meanwhile: the identifier has been re-pointed; look it up again.
  end loop;
  raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = 'identifier points at a merged subject';
end
$$;

-- Appends `event` to the chain of its (locked) subject: seq, prev_hash and hash filled in.
create function private.append_consent_event(event public.consent_events)
returns public.consent_events
language plpgsql security definer set search_path = ''
as $$
declare
  head_length bigint;
  head_hash text;
begin
  select s.chain_length, s.chain_head into head_length, head_hash from public.subjects s where s.id = event.subject_id;
  event.id := coalesce(event.id, gen_random_uuid());
  event.schema_version := 1;
  event.seq := head_length + 1;
  event.prev_hash := head_hash;
  event.context := coalesce(event.context, '{}'::jsonb);
  event.notice_versions := coalesce(event.notice_versions, '{}'::jsonb);
  event.hash := private.consent_event_hash(event);
  insert into public.consent_events select (event).*;
  update public.subjects s set chain_length = event.seq, chain_head = event.hash where s.id = event.subject_id;
  return event;
end
$$;

-- The projection after a purpose-wide event.
create function private.apply_consent_state(event public.consent_events, token_hash text)
returns void
language sql security definer set search_path = ''
as $$
  insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
    last_event_id, updated_at, confirmation_token_hash)
  values (event.workspace_id, event.subject_id, event.purpose_id, event.state, event.separately_given, event.method,
    event.expires_at, event.id, event.received_at, token_hash)
  on conflict (subject_id, purpose_id) do update set
    state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
    expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
    confirmation_token_hash = excluded.confirmation_token_hash
$$;

create function private.controller_snapshot(workspace_id uuid)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('legal_entity_name', w.legal_entity_name, 'contact_address', w.contact_address)
  from public.workspaces w where w.id = workspace_id
$$;

create function private.purpose_snapshot(p public.purposes)
returns jsonb
language sql immutable set search_path = ''
as $$
  select jsonb_build_object(
    'key', p.key, 'data_categories', to_jsonb(p.data_categories), 'sensitive', p.sensitive, 'legal_basis', p.legal_basis,
    'recipients', to_jsonb(p.recipients), 'third_party_recipient', p.third_party_recipient,
    'cross_border_recipient', p.cross_border_recipient, 'cross_border_country', p.cross_border_country,
    'separate_consent', (p.sensitive or p.separate_consent_sensitive or p.separate_consent_third_party
                         or p.separate_consent_cross_border or p.separate_consent_public_disclosure),
    'retention', p.retention, 'retention_days', p.retention_days, 'consent_valid_days', p.consent_valid_days,
    'dpv_purpose', p.dpv_purpose)
$$;

create function private.is_uuid(value text)
returns boolean
language sql immutable set search_path = ''
as $$ select coalesce(value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', false) $$;

create function private.is_time_zone(value text)
returns boolean
language plpgsql stable set search_path = ''
as $$
begin
  if value is null or value !~ '^[A-Za-z0-9_+/-]{1,64}$' then
    return false;
  end if;
  perform now() at time zone value;
  return true;
exception when others then
  return false;
end
$$;

-- A random one-time token (two v4 UUIDs: 244 random bits).
create function private.new_token(prefix text)
returns text
language sql volatile set search_path = ''
as $$ select prefix || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') $$;

-- ---------------------------------------------------------------------------------------------
-- Recording.

-- payload (camelCase, as lib/consent sends it): workspaceId, experienceVersionId?, subject
-- {kind, value}, channel, method, expressedBy, locale, region {code, resolvedBy, …}, decisions
-- [{purposeId, state: given|refused|withdrawn, separate?}], preferences? {channels?, topics?,
-- frequencyCap?, quietHours?}, occurredAt?, consentType?, withdrawUrl?, context {ipTruncated?,
-- userAgent?, pageUrl?}, idempotencyKey?
create function private.record_consent_core(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  received timestamptz := clock_timestamp();
  ws uuid;
  idem_key text := payload ->> 'idempotencyKey';
  body jsonb := payload - 'idempotencyKey';
  request_hash text;
  stored public.idempotency_keys;
  version public.experience_versions;
  allowed_purposes text[];
  allowed_channels text[];
  allowed_topics text[];
  kind public.identifier_kind;
  id_hash text;
  subject public.subjects;
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  channel_value public.collection_channel;
  method_value public.consent_method;
  expressed public.expressed_by;
  type_value public.consent_type;
  occurred timestamptz;
  language_value text := payload ->> 'locale';
  region_code text := payload #>> '{region,code}';
  region_resolution jsonb;
  context_value jsonb := '{}'::jsonb;
  ip inet;
  prefs jsonb := payload -> 'preferences';
  pref_key text;
  pref_value jsonb;
  item jsonb;
  new_state public.consent_status;
  token text;
  token_hash text;
  event public.consent_events;
  event_ids jsonb := '[]'::jsonb;
  states jsonb := '[]'::jsonb;
  last_event_id uuid;
  result jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' or not private.is_uuid(payload ->> 'workspaceId') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'workspaceId';
  end if;
  ws := (payload ->> 'workspaceId')::uuid;
  if not exists (select 1 from public.workspaces w where w.id = ws) then
    raise exception 'consentry.not_found' using errcode = 'P0001', detail = 'workspace';
  end if;

  -- Idempotency first: a replay must not depend on the catalog as it is now.
  if idem_key is not null then
    if char_length(idem_key) not between 1 and 255 then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'idempotencyKey';
    end if;
    -- Before anything that could wait on another transaction: an in-flight twin is refused at once.
    if not pg_try_advisory_xact_lock(hashtextextended(ws::text || ':' || idem_key, 727011)) then
      raise exception 'consentry.idempotency_in_flight' using errcode = 'P0001', detail = idem_key;
    end if;
    request_hash := encode(private.hmac_sha256(private.workspace_secret(ws), convert_to(body::text, 'UTF8')), 'hex');
    select * into stored from public.idempotency_keys k where k.workspace_id = ws and k.key = idem_key;
    if found and stored.expires_at > received then
      if stored.request_hash <> request_hash then
        raise exception 'consentry.idempotency_mismatch' using errcode = 'P0001', detail = idem_key;
      end if;
      if stored.status = 'in_flight' then
        raise exception 'consentry.idempotency_in_flight' using errcode = 'P0001', detail = idem_key;
      end if;
      return stored.response || jsonb_build_object('replayed', true);
    end if;
  end if;

  -- What the person was shown, and therefore what they may have chosen.
  if nullif(payload ->> 'experienceVersionId', '') is not null then
    if not private.is_uuid(payload ->> 'experienceVersionId') then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select * into version from public.experience_versions v
    where v.id = (payload ->> 'experienceVersionId')::uuid and v.workspace_id = ws;
    if not found then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
    where jsonb_typeof(x) = 'string';
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_channels
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "channel_preferences").channels[*]', '{}', true) x;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_topics
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]', '{}', true) x;
  end if;

  begin
    kind := payload #>> '{subject,kind}';
    channel_value := payload ->> 'channel';
    method_value := payload ->> 'method';
    expressed := payload ->> 'expressedBy';
    type_value := coalesce(payload ->> 'consentType', case when payload ->> 'method' = 'gpc_signal' then 'opt_out' else 'explicit' end);
  exception when invalid_text_representation or null_value_not_allowed then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'enum';
  end;
  if kind is null or channel_value is null or method_value is null or expressed is null then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'subject, channel, method, expressedBy';
  end if;
  if method_value in ('expiry', 'sms_keyword', 'double_opt_in_confirm') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  if language_value is null or language_value !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(language_value) > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if region_code is null or region_code !~ '^[A-Za-z0-9_-]{1,32}$' or jsonb_typeof(payload -> 'region') <> 'object'
     or coalesce(payload #>> '{region,resolvedBy}', '') !~ '^[a-z_]{1,32}$' or octet_length((payload -> 'region')::text) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'region';
  end if;
  region_resolution := jsonb_build_object('method', payload #>> '{region,resolvedBy}') || ((payload -> 'region') - 'code' - 'resolvedBy');

  -- Event time: the client's claim, within bounds (imports may carry old decisions).
  begin
    occurred := coalesce((payload ->> 'occurredAt')::timestamptz, received);
  exception when others then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001', detail = payload ->> 'occurredAt';
  end;
  if occurred > received + interval '5 minutes'
     or occurred < received - (case when method_value = 'api_import' then interval '20 years' else interval '1 day' end) then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001', detail = private.utc_text(occurred);
  end if;

  if jsonb_typeof(payload -> 'decisions') is distinct from 'array' or jsonb_array_length(payload -> 'decisions') not between 1 and 50 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  if (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(payload -> 'decisions') d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions: a purpose appears twice';
  end if;
  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = (decision ->> 'purposeId')::uuid)
       or (version.id is not null and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
    if coalesce(decision ->> 'state', '') not in ('given', 'refused', 'withdrawn')
       or (decision ? 'separate' and jsonb_typeof(decision -> 'separate') <> 'boolean') then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.state';
    end if;
  end loop;

  -- Preferences: every purpose, channel and topic must be one the person was offered.
  if prefs is not null and jsonb_typeof(prefs) <> 'null' then
    if jsonb_typeof(prefs) <> 'object' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences';
    end if;
    if prefs ? 'channels' then
      if jsonb_typeof(prefs -> 'channels') <> 'object' then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
      end if;
      for pref_key, pref_value in select e.key, e.value from jsonb_each(prefs -> 'channels') e loop
        if pref_key <> '*' and (not private.is_uuid(pref_key)
             or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = pref_key::uuid)
             or (version.id is not null and not pref_key = any (allowed_purposes))) then
          raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = pref_key;
        end if;
        if jsonb_typeof(pref_value) <> 'array' then
          raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
        end if;
        for item in select x from jsonb_array_elements(pref_value) x loop
          if jsonb_typeof(item) <> 'string'
             or not (item #>> '{}') = any (enum_range(null::public.contact_channel)::text[])
             or (version.id is not null and not (item #>> '{}') = any (allowed_channels)) then
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
        if not private.is_uuid(item #>> '{}')
           or not exists (select 1 from public.topics t where t.workspace_id = ws and t.id = (item #>> '{}')::uuid)
           or (version.id is not null and not (item #>> '{}') = any (allowed_topics)) then
          raise exception 'consentry.unknown_topic' using errcode = 'P0001', detail = item #>> '{}';
        end if;
      end loop;
    end if;
    if jsonb_typeof(prefs -> 'frequencyCap') = 'object' and (
         coalesce(prefs #>> '{frequencyCap,max}', '') !~ '^[0-9]{1,4}$'
         or (prefs #>> '{frequencyCap,max}')::int not between 1 and 1000
         or coalesce(prefs #>> '{frequencyCap,period}', '') not in ('week', 'month')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.frequencyCap';
    end if;
    if jsonb_typeof(prefs -> 'quietHours') = 'object' and (
         coalesce(prefs #>> '{quietHours,start}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or coalesce(prefs #>> '{quietHours,end}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or not private.is_time_zone(prefs #>> '{quietHours,timeZone}')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.quietHours';
    end if;
  else
    prefs := null;
  end if;

  -- Context: the IP is truncated here whatever the caller sent (/24 for IPv4, /48 for IPv6).
  if payload #>> '{context,ipTruncated}' is not null then
    begin
      ip := (payload #>> '{context,ipTruncated}')::inet;
    exception when others then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'context.ipTruncated';
    end;
    context_value := context_value || jsonb_build_object('ip_truncated',
      host(set_masklen(ip, case when family(ip) = 4 then 24 else 48 end)::cidr));
  end if;
  if payload #>> '{context,userAgent}' is not null then
    context_value := context_value || jsonb_build_object('user_agent', left(payload #>> '{context,userAgent}', 512));
  end if;
  if payload #>> '{context,pageUrl}' is not null then
    context_value := context_value || jsonb_build_object('page_url', left(payload #>> '{context,pageUrl}', 2048));
  end if;
  if idem_key is not null then
    context_value := context_value || jsonb_build_object('idempotency_key', idem_key);
  end if;
  if payload ->> 'withdrawUrl' is not null and (payload ->> 'withdrawUrl' !~ '^https?://' or char_length(payload ->> 'withdrawUrl') > 2048) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'withdrawUrl';
  end if;

  -- The subject, locked: this is the only lock that orders writes, and it is per person.
  id_hash := private.identifier_hash(ws, kind, payload #>> '{subject,value}');
  subject := private.lock_subject(ws, kind, id_hash, true);

  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject.id and s.purpose_id = purpose.id;
    new_state := (decision ->> 'state')::public.consent_status;
    token_hash := null;
    if new_state = 'given' then
      if current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > occurred) then
        new_state := 'renewed_given';
      elsif purpose.double_opt_in and kind in ('email', 'phone') then
        new_state := 'requested';
        token := coalesce(token, private.new_token('doi_'));
        token_hash := encode(sha256(convert_to(token, 'UTF8')), 'hex');
      end if;
    end if;

    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := kind;
    event.identifier_hash := id_hash;
    event.occurred_at := occurred;
    event.received_at := received;
    event.expressed_by := expressed;
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := purpose.id;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := coalesce((decision ->> 'separate')::boolean, method_value <> 'click_accept');
    event.experience_version_id := version.id;
    event.notice_versions := coalesce(version.notice_versions, '{}'::jsonb);
    event.language := language_value;
    event.region_code := region_code;
    event.region_resolution := region_resolution;
    event.consent_type := type_value;
    event.method := method_value;
    event.channel := channel_value;
    event.state := new_state;
    event.expires_at := case
      when new_state = 'requested' then received + interval '7 days'
      when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
        then occurred + make_interval(days => purpose.consent_valid_days)
    end;
    event.withdraw_url := payload ->> 'withdrawUrl';
    event.preferences := prefs;
    event.context := context_value;
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, token_hash);
    event_ids := event_ids || to_jsonb(event.id::text);
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
    last_event_id := event.id;
  end loop;

  if prefs is not null then
    insert into public.preferences as p (subject_id, workspace_id, channels, topics, frequency_cap_max, frequency_cap_period,
      quiet_hours_start, quiet_hours_end, quiet_hours_time_zone, updated_at, last_event_id)
    values (subject.id, ws, coalesce(prefs -> 'channels', '{}'::jsonb),
      coalesce((select array_agg((x #>> '{}')::uuid) from jsonb_array_elements(prefs -> 'topics') x), '{}'),
      (prefs #>> '{frequencyCap,max}')::int, prefs #>> '{frequencyCap,period}',
      (prefs #>> '{quietHours,start}')::time, (prefs #>> '{quietHours,end}')::time, prefs #>> '{quietHours,timeZone}',
      received, last_event_id)
    on conflict (subject_id) do update set
      channels = case when prefs ? 'channels' then p.channels || excluded.channels else p.channels end,
      topics = case when prefs ? 'topics' then excluded.topics else p.topics end,
      frequency_cap_max = case when prefs ? 'frequencyCap' then excluded.frequency_cap_max else p.frequency_cap_max end,
      frequency_cap_period = case when prefs ? 'frequencyCap' then excluded.frequency_cap_period else p.frequency_cap_period end,
      quiet_hours_start = case when prefs ? 'quietHours' then excluded.quiet_hours_start else p.quiet_hours_start end,
      quiet_hours_end = case when prefs ? 'quietHours' then excluded.quiet_hours_end else p.quiet_hours_end end,
      quiet_hours_time_zone = case when prefs ? 'quietHours' then excluded.quiet_hours_time_zone else p.quiet_hours_time_zone end,
      updated_at = excluded.updated_at, last_event_id = excluded.last_event_id;
  end if;

  result := jsonb_build_object('subjectId', subject.id, 'eventIds', event_ids, 'states', states,
    'receivedAt', private.utc_text(received), 'replayed', false);
  if idem_key is not null then
    -- The token is never stored: a replay does not return it.
    insert into public.idempotency_keys (workspace_id, key, request_hash, status, response, expires_at)
    values (ws, idem_key, request_hash, 'done', result, received + interval '24 hours')
    on conflict (workspace_id, key) do update set request_hash = excluded.request_hash, status = 'done',
      response = excluded.response, created_at = now(), expires_at = excluded.expires_at;
  end if;
  if token is not null then
    result := result || jsonb_build_object('confirmationToken', token);
  end if;
  return result;
end
$$;

-- The server path: the HTTP layer verified a workspace API key with scope consent:write.
create function public.record_consent(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  if private.is_uuid(payload ->> 'workspaceId') then
    perform private.assert_workspace_access((payload ->> 'workspaceId')::uuid, '{owner,admin}');
  end if;
  return private.record_consent_core(payload);
end
$$;

-- The browser path (anon): an experience's public key from an allowed origin. `origin` null means
-- the product's own hosted page, as established by the HTTP layer (same-origin request).
create function public.record_browser_consent(public_key text, origin text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  experience public.experiences;
  version_id uuid;
  result jsonb;
begin
  select * into experience from public.experiences e where e.public_key = record_browser_consent.public_key;
  if not found or experience.live_version_id is null then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'public key';
  end if;
  if origin is not null and not (origin = any (experience.allowed_origins)) then
    raise exception 'consentry.origin_not_allowed' using errcode = 'P0001', detail = origin;
  end if;
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'payload';
  end if;
  -- A page shown before a rollback or a new publication records the version it showed.
  if nullif(payload ->> 'experienceVersionId', '') is null then
    version_id := experience.live_version_id;
  elsif private.is_uuid(payload ->> 'experienceVersionId') then
    select v.id into version_id from public.experience_versions v
    where v.id = (payload ->> 'experienceVersionId')::uuid and v.experience_id = experience.id;
  end if;
  if version_id is null then
    raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
  end if;
  if coalesce(payload ->> 'channel', '') not in ('web', 'app', 'mini_program') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'channel';
  end if;
  if coalesce(payload ->> 'method', '') not in ('click_accept', 'click_reject', 'save', 'toggle', 'gpc_signal') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  if coalesce(payload ->> 'expressedBy', '') not in ('subject', 'guardian') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'expressedBy';
  end if;
  result := private.record_consent_core(payload || jsonb_build_object(
    'workspaceId', experience.workspace_id, 'experienceVersionId', version_id));
  -- The confirmation link goes to the address, never back to the browser that typed it.
  return result - 'confirmationToken';
end
$$;

-- Confirms a double opt-in: every purpose requested under the token becomes `given`.
create function public.confirm_double_opt_in(token text, context jsonb default '{}'::jsonb)
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

-- Records `expired` for consents (and double opt-in requests) whose time has passed.
create function public.expire_consents(workspace_id uuid, at timestamptz default now(), max_rows integer default 1000)
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  due record;
  subject public.subjects;
  last_event public.consent_events;
  current_row public.consent_state;
  event public.consent_events;
  received timestamptz := clock_timestamp();
  done integer := 0;
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  for due in
    select s.subject_id, s.purpose_id from public.consent_state s
    where s.workspace_id = expire_consents.workspace_id and s.state in ('given', 'renewed_given', 'requested')
      and s.expires_at <= at
    order by s.subject_id, s.purpose_id
    limit max_rows
  loop
    select * into subject from public.subjects s where s.id = due.subject_id for update;
    select * into current_row from public.consent_state s where s.subject_id = due.subject_id and s.purpose_id = due.purpose_id;
    continue when current_row.state not in ('given', 'renewed_given', 'requested') or current_row.expires_at > at;
    select * into last_event from public.consent_events e where e.id = current_row.last_event_id;
    event := last_event;
    event.id := null;
    event.occurred_at := current_row.expires_at;
    event.received_at := received;
    event.controller := private.controller_snapshot(subject.workspace_id);
    event.expressed_by := 'operator';
    event.method := 'expiry';
    event.channel := 'api';
    event.contact_channel := null;
    event.state := 'expired';
    event.expires_at := null;
    event.preferences := null;
    event.context := jsonb_build_object('expired_event', last_event.id);
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, null);
    done := done + 1;
  end loop;
  return done;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Subjects: look-up, linking, contacts, SMS keywords.

create function public.find_subject(workspace_id uuid, kind public.identifier_kind, value text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  hash text;
  found_id uuid;
begin
  perform private.assert_workspace_access(workspace_id);
  hash := private.try_identifier_hash(workspace_id, kind, value);
  select i.subject_id into found_id from public.subject_identifiers i
  where i.workspace_id = find_subject.workspace_id and i.kind = find_subject.kind and i.identifier_hash = hash;
  return found_id;
end
$$;

create function public.link_subjects(workspace_id uuid, from_kind public.identifier_kind, from_value text,
                                     to_kind public.identifier_kind, to_value text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := link_subjects.workspace_id;
  from_hash text;
  to_hash text;
  from_subject uuid;
  to_subject uuid;
  merged boolean := false;
  locked record;
begin
  perform private.assert_workspace_access(ws, '{owner,admin}');
  from_hash := private.identifier_hash(ws, from_kind, from_value);
  to_hash := private.identifier_hash(ws, to_kind, to_value);
  if from_kind = to_kind and from_hash = to_hash then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'an identifier cannot be linked to itself';
  end if;
  from_subject := (private.lock_subject(ws, from_kind, from_hash, false)).id;
  to_subject := (private.lock_subject(ws, to_kind, to_hash, false)).id;

  if from_subject is null and to_subject is null then
    to_subject := (private.lock_subject(ws, to_kind, to_hash, true)).id;
  end if;
  if from_subject is null then
    insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash, linked_at)
    values (ws, to_subject, from_kind, from_hash, now());
  elsif to_subject is null then
    insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash, linked_at)
    values (ws, from_subject, to_kind, to_hash, now());
    to_subject := from_subject;
  elsif from_subject <> to_subject then
    -- Both are locked (above). Two links locking the same pair in opposite orders deadlock, and
    -- PostgreSQL aborts one of them; linking is rare next to recording, which locks one subject.
    if exists (select 1 from public.subject_identifiers i where i.subject_id = from_subject and i.kind <> 'device_id') then
      if from_kind <> 'device_id' then
        raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = from_kind::text;
      end if;
      -- A shared device: only the device id moves; the known person keeps their history.
      update public.subject_identifiers i set subject_id = to_subject, linked_at = now()
      where i.workspace_id = ws and i.kind = from_kind and i.identifier_hash = from_hash;
    else
      merged := true;
      update public.subject_identifiers i set subject_id = to_subject, linked_at = now() where i.subject_id = from_subject;
      update public.subjects s set merged_into = to_subject, merged_at = now() where s.id = from_subject;
      update public.subjects s set merged_into = to_subject where s.merged_into = from_subject;
      -- The projection moves across: for each purpose the newer state wins.
      for locked in select * from public.consent_state s where s.subject_id = from_subject loop
        insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
          last_event_id, updated_at, confirmation_token_hash)
        values (ws, to_subject, locked.purpose_id, locked.state, locked.separately_given, locked.method, locked.expires_at,
          locked.last_event_id, locked.updated_at, locked.confirmation_token_hash)
        on conflict (subject_id, purpose_id) do update set
          state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
          expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
          confirmation_token_hash = excluded.confirmation_token_hash
        where public.consent_state.updated_at < excluded.updated_at;
      end loop;
      delete from public.consent_state s where s.subject_id = from_subject;
      if exists (select 1 from public.preferences p where p.subject_id = from_subject) then
        if not exists (select 1 from public.preferences p where p.subject_id = to_subject) then
          update public.preferences p set subject_id = to_subject where p.subject_id = from_subject;
        else
          update public.preferences t set channels = f.channels, topics = f.topics, frequency_cap_max = f.frequency_cap_max,
            frequency_cap_period = f.frequency_cap_period, quiet_hours_start = f.quiet_hours_start,
            quiet_hours_end = f.quiet_hours_end, quiet_hours_time_zone = f.quiet_hours_time_zone,
            updated_at = f.updated_at, last_event_id = f.last_event_id
          from public.preferences f
          where t.subject_id = to_subject and f.subject_id = from_subject and f.updated_at > t.updated_at;
          delete from public.preferences p where p.subject_id = from_subject;
        end if;
      end if;
      update public.contact_log c set subject_id = to_subject where c.subject_id = from_subject;
    end if;
  end if;
  perform private.append_audit(ws, 'subject.linked', 'subject', to_subject::text,
    case when from_subject is null then null else jsonb_build_object('subject_id', from_subject) end,
    jsonb_build_object('subject_id', to_subject, 'from_kind', from_kind, 'to_kind', to_kind, 'merged', merged));
  return to_subject;
end
$$;

create function public.append_contact(workspace_id uuid, kind public.identifier_kind, value text,
  channel public.contact_channel, purpose_id uuid, contacted_at timestamptz, external_id text default null)
returns bigint
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  found_id uuid;
  new_id bigint;
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  select i.subject_id into found_id from public.subject_identifiers i
  where i.workspace_id = append_contact.workspace_id and i.kind = append_contact.kind
    and i.identifier_hash = private.identifier_hash(append_contact.workspace_id, append_contact.kind, append_contact.value);
  if found_id is null then
    raise exception 'consentry.unknown_subject' using errcode = 'P0001';
  end if;
  if not exists (select 1 from public.purposes p where p.id = append_contact.purpose_id and p.workspace_id = append_contact.workspace_id) then
    raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = append_contact.purpose_id::text;
  end if;
  if contacted_at is null or contacted_at > now() + interval '5 minutes' then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001';
  end if;
  insert into public.contact_log (workspace_id, subject_id, channel, purpose_id, contacted_at, external_id)
  values (append_contact.workspace_id, found_id, append_contact.channel, append_contact.purpose_id,
          append_contact.contacted_at, append_contact.external_id)
  on conflict (workspace_id, external_id) where external_id is not null do nothing
  returning id into new_id;
  return new_id;
end
$$;

create function public.is_sms_opt_out_keyword(workspace_id uuid, message text)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.normalise_keyword(message) = any (array['td', '退订', 'stop'])
      or exists (select 1 from public.sms_opt_out_keywords k
                 where k.workspace_id = is_sms_opt_out_keyword.workspace_id and k.keyword = private.normalise_keyword(message))
$$;

-- An inbound SMS from the gateway: a keyword withdraws consent by SMS (and only by SMS).
create function public.record_sms_inbound(workspace_id uuid, phone text, message text, received_at timestamptz)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := record_sms_inbound.workspace_id;
  id_hash text;
  subject public.subjects;
  prefs public.preferences;
  marketing uuid;
  affected uuid[];
  purpose public.purposes;
  last_event public.consent_events;
  event public.consent_events;
  received timestamptz := clock_timestamp();
  occurred timestamptz;
  event_ids jsonb := '[]'::jsonb;
  all_channels jsonb := to_jsonb(enum_range(null::public.contact_channel)::text[]);
  channels jsonb;
  target uuid;
begin
  perform private.assert_workspace_access(ws, '{owner,admin}');
  if not public.is_sms_opt_out_keyword(ws, message) then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', null);
  end if;
  id_hash := private.identifier_hash(ws, 'phone', phone);
  subject := private.lock_subject(ws, 'phone', id_hash, false);
  if subject.id is null then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', null);
  end if;
  occurred := least(coalesce(record_sms_inbound.received_at, received), received);
  if occurred < received - interval '7 days' then
    occurred := received;
  end if;
  select * into prefs from public.preferences p where p.subject_id = subject.id;
  select p.id into marketing from public.purposes p where p.workspace_id = ws and p.key = 'marketing';
  select coalesce(array_agg(distinct x.purpose_id order by x.purpose_id), '{}') into affected from (
    select e.key::uuid as purpose_id from jsonb_each(coalesce(prefs.channels, '{}'::jsonb)) e
    where e.key <> '*' and e.value ? 'sms'
    union
    select s.purpose_id from public.consent_state s
    where s.subject_id = subject.id and s.state in ('given', 'renewed_given', 'requested')
      and (s.purpose_id = marketing or coalesce(prefs.channels -> '*', '[]'::jsonb) ? 'sms')
  ) x;
  if cardinality(affected) = 0 then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', subject.id);
  end if;
  channels := coalesce(prefs.channels, '{}'::jsonb);
  foreach target in array affected loop
    select * into purpose from public.purposes p where p.id = target;
    select * into last_event from public.consent_events e
    where e.subject_id = subject.id and e.purpose_id = target order by e.seq desc limit 1;
    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := 'phone';
    event.identifier_hash := id_hash;
    event.occurred_at := occurred;
    event.received_at := received;
    event.expressed_by := 'subject';
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := target;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := true;
    event.experience_version_id := null;
    event.notice_versions := '{}'::jsonb;
    event.language := coalesce(last_event.language, 'und');
    event.region_code := coalesce(last_event.region_code, 'unknown');
    event.region_resolution := jsonb_build_object('method', 'not_applicable');
    event.consent_type := 'explicit';
    event.method := 'sms_keyword';
    event.channel := 'sms';
    event.contact_channel := 'sms';
    event.state := 'withdrawn';
    event.context := jsonb_build_object('sms_keyword', private.normalise_keyword(message));
    event := private.append_consent_event(event);
    event_ids := event_ids || to_jsonb(event.id::text);
    channels := channels || jsonb_build_object(target::text,
      (select coalesce(jsonb_agg(c), '[]'::jsonb) from jsonb_array_elements(coalesce(channels -> target::text, all_channels)) c
       where c #>> '{}' <> 'sms'));
  end loop;
  if channels ? '*' then
    channels := channels || jsonb_build_object('*',
      (select coalesce(jsonb_agg(c), '[]'::jsonb) from jsonb_array_elements(channels -> '*') c where c #>> '{}' <> 'sms'));
  end if;
  insert into public.preferences as p (subject_id, workspace_id, channels, updated_at, last_event_id)
  values (subject.id, ws, channels, received, event.id)
  on conflict (subject_id) do update set channels = excluded.channels, updated_at = excluded.updated_at,
    last_event_id = excluded.last_event_id;
  return jsonb_build_object('withdrawn', true, 'eventIds', event_ids, 'subjectId', subject.id);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Decisions: everything lib/consent/decide.ts weighs, for a batch of requests, in one call.
-- requests: [{kind, value, purposeId | purposeKey, at?}] → one row per request, in order.
create function public.decision_inputs(workspace_id uuid, requests jsonb)
returns table (ordinal integer, subject_id uuid, purpose jsonb, state jsonb, preferences jsonb, contacts jsonb)
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  if jsonb_typeof(requests) is distinct from 'array' or jsonb_array_length(requests) > 1000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'requests';
  end if;
  return query
  with r as (
    select e.ord::integer as ord, e.req,
      coalesce((e.req ->> 'at')::timestamptz, now()) as at,
      case when e.req ->> 'kind' = any (enum_range(null::public.identifier_kind)::text[])
           then private.try_identifier_hash(decision_inputs.workspace_id, (e.req ->> 'kind')::public.identifier_kind, e.req ->> 'value') end as hash
    from jsonb_array_elements(requests) with ordinality e(req, ord)
  ), resolved as (
    select r.*, i.subject_id as sid,
      (select p from public.purposes p
       where p.workspace_id = decision_inputs.workspace_id
         and ((private.is_uuid(r.req ->> 'purposeId') and p.id = (r.req ->> 'purposeId')::uuid) or p.key = r.req ->> 'purposeKey')
       limit 1) as purpose_row
    from r
    left join public.subject_identifiers i
      on i.workspace_id = decision_inputs.workspace_id and i.kind::text = r.req ->> 'kind' and i.identifier_hash = r.hash
  )
  select x.ord, x.sid,
    case when (x.purpose_row).id is not null then jsonb_build_object(
      'id', (x.purpose_row).id, 'key', (x.purpose_row).key, 'legal_basis', (x.purpose_row).legal_basis,
      'separate_consent', ((x.purpose_row).sensitive or (x.purpose_row).separate_consent_sensitive
        or (x.purpose_row).separate_consent_third_party or (x.purpose_row).separate_consent_cross_border
        or (x.purpose_row).separate_consent_public_disclosure),
      'consent_valid_days', (x.purpose_row).consent_valid_days) end,
    (select jsonb_build_object('purpose_id', s.purpose_id, 'state', s.state, 'separately_given', s.separately_given,
       'expires_at', s.expires_at, 'last_event_id', s.last_event_id, 'updated_at', s.updated_at)
     from public.consent_state s where s.subject_id = x.sid and s.purpose_id = (x.purpose_row).id),
    (select jsonb_build_object('channels', p.channels, 'topics', to_jsonb(p.topics),
       'frequency_cap_max', p.frequency_cap_max, 'frequency_cap_period', p.frequency_cap_period,
       'quiet_hours_start', to_char(p.quiet_hours_start, 'HH24:MI'), 'quiet_hours_end', to_char(p.quiet_hours_end, 'HH24:MI'),
       'quiet_hours_time_zone', p.quiet_hours_time_zone, 'last_event_id', p.last_event_id)
     from public.preferences p where p.subject_id = x.sid),
    (select jsonb_build_object(
       'week_count', count(*) filter (where c.contacted_at > x.at - interval '7 days'),
       'week_oldest', min(c.contacted_at) filter (where c.contacted_at > x.at - interval '7 days'),
       'month_count', count(*),
       'month_oldest', min(c.contacted_at))
     from public.contact_log c
     where x.sid is not null and c.subject_id = x.sid and c.contacted_at > x.at - interval '1 month' and c.contacted_at <= x.at)
  from resolved x
  order by x.ord;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Verification.

create function private.check_subject_chain(subject_id uuid)
returns table (valid boolean, checked_rows bigint, first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  expected_seq bigint := 1;
  expected_prev text := repeat('0', 64);
  entry public.consent_events;
  head public.subjects;
begin
  select * into head from public.subjects s where s.id = check_subject_chain.subject_id;
  for entry in select * from public.consent_events e where e.subject_id = check_subject_chain.subject_id order by e.seq loop
    if entry.seq <> expected_seq then
      return query select false, expected_seq - 1, expected_seq, entry.id, 'missing_row'::text;
      return;
    end if;
    if entry.prev_hash <> expected_prev then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'broken_link'::text;
      return;
    end if;
    if entry.hash <> private.consent_event_hash(entry) or entry.workspace_id <> head.workspace_id then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'hash_mismatch'::text;
      return;
    end if;
    expected_prev := entry.hash;
    expected_seq := expected_seq + 1;
  end loop;
  if head.chain_length <> expected_seq - 1 or head.chain_head <> expected_prev then
    return query select false, expected_seq - 1, expected_seq, null::uuid, 'truncated'::text;
    return;
  end if;
  return query select true, expected_seq - 1, null::bigint, null::uuid, null::text;
end
$$;

create function public.verify_subject_chain(subject_id uuid)
returns table (valid boolean, checked_rows bigint, first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  ws uuid;
begin
  select s.workspace_id into ws from public.subjects s where s.id = verify_subject_chain.subject_id;
  if ws is null then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(ws);
  return query select * from private.check_subject_chain(verify_subject_chain.subject_id);
end
$$;

create function public.verify_consent_ledger(workspace_id uuid)
returns table (valid boolean, checked_subjects bigint, checked_rows bigint, first_invalid_subject_id uuid,
               first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  subject_row record;
  verdict record;
  subjects_seen bigint := 0;
  rows_seen bigint := 0;
begin
  perform private.assert_workspace_access(workspace_id);
  for subject_row in select s.id from public.subjects s where s.workspace_id = verify_consent_ledger.workspace_id order by s.created_at, s.id loop
    select * into verdict from private.check_subject_chain(subject_row.id);
    if not verdict.valid then
      return query select false, subjects_seen, rows_seen + verdict.checked_rows, subject_row.id, verdict.first_invalid_seq,
        verdict.first_invalid_id, verdict.reason;
      return;
    end if;
    subjects_seen := subjects_seen + 1;
    rows_seen := rows_seen + verdict.checked_rows;
  end loop;
  -- Events whose subject belongs to another workspace would escape the walk above.
  if exists (select 1 from public.consent_events e join public.subjects s on s.id = e.subject_id
             where e.workspace_id = verify_consent_ledger.workspace_id and s.workspace_id <> e.workspace_id) then
    return query select false, subjects_seen, rows_seen, null::uuid, null::bigint, null::uuid, 'foreign_subject'::text;
    return;
  end if;
  return query select true, subjects_seen, rows_seen, null::uuid, null::bigint, null::uuid, null::text;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Idempotency keys for routes other than recording (which claims its key itself, see header).

create function public.claim_idempotency_key(workspace_id uuid, key text, request_hash text)
returns table (outcome text, response jsonb)
language plpgsql security definer set search_path = ''
as $$
declare
  existing public.idempotency_keys;
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  insert into public.idempotency_keys (workspace_id, key, request_hash, status, expires_at)
  values (claim_idempotency_key.workspace_id, claim_idempotency_key.key, claim_idempotency_key.request_hash, 'in_flight',
          now() + interval '60 seconds')
  on conflict do nothing;
  if found then
    return query select 'claimed'::text, null::jsonb;
    return;
  end if;
  select * into existing from public.idempotency_keys k
  where k.workspace_id = claim_idempotency_key.workspace_id and k.key = claim_idempotency_key.key for update;
  if existing.expires_at <= now() then
    update public.idempotency_keys k set request_hash = claim_idempotency_key.request_hash, status = 'in_flight', response = null,
      created_at = now(), expires_at = now() + interval '60 seconds'
    where k.workspace_id = claim_idempotency_key.workspace_id and k.key = claim_idempotency_key.key;
    return query select 'claimed'::text, null::jsonb;
  elsif existing.request_hash <> claim_idempotency_key.request_hash then
    return query select 'mismatch'::text, null::jsonb;
  elsif existing.status = 'in_flight' then
    return query select 'in_flight'::text, null::jsonb;
  else
    return query select 'replay'::text, existing.response;
  end if;
end
$$;

create function public.finish_idempotency_key(workspace_id uuid, key text, response jsonb)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  update public.idempotency_keys k set status = 'done', response = finish_idempotency_key.response,
    expires_at = now() + interval '24 hours'
  where k.workspace_id = finish_idempotency_key.workspace_id and k.key = finish_idempotency_key.key and k.status = 'in_flight';
end
$$;

create function public.release_idempotency_key(workspace_id uuid, key text)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  delete from public.idempotency_keys k
  where k.workspace_id = release_idempotency_key.workspace_id and k.key = release_idempotency_key.key and k.status = 'in_flight';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges and row-level security.

revoke execute on function private.hmac_sha256(bytea, bytea) from public, anon, authenticated;
revoke execute on function private.try_normalise_identifier(public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.normalise_identifier(public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.workspace_secret(uuid) from public, anon, authenticated;
revoke execute on function private.create_workspace_secret() from public, anon, authenticated;
revoke execute on function private.try_identifier_hash(uuid, public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.identifier_hash(uuid, public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.utc_text(timestamptz) from public, anon, authenticated;
revoke execute on function private.assert_workspace_access(uuid, public.workspace_role[]) from public, anon, authenticated;
revoke execute on function private.revoke_once() from public, anon, authenticated;
revoke execute on function private.keep_ledger_purposes() from public, anon, authenticated;
revoke execute on function private.consent_event_hash(public.consent_events) from public, anon, authenticated;
revoke execute on function private.lock_subject(uuid, public.identifier_kind, text, boolean) from public, anon, authenticated;
revoke execute on function private.append_consent_event(public.consent_events) from public, anon, authenticated;
revoke execute on function private.apply_consent_state(public.consent_events, text) from public, anon, authenticated;
revoke execute on function private.controller_snapshot(uuid) from public, anon, authenticated;
revoke execute on function private.purpose_snapshot(public.purposes) from public, anon, authenticated;
revoke execute on function private.is_uuid(text) from public, anon, authenticated;
revoke execute on function private.is_time_zone(text) from public, anon, authenticated;
revoke execute on function private.new_token(text) from public, anon, authenticated;
revoke execute on function private.record_consent_core(jsonb) from public, anon, authenticated;
revoke execute on function private.check_subject_chain(uuid) from public, anon, authenticated;
-- Evaluated as the inserting role by the keyword CHECK.
revoke execute on function private.normalise_keyword(text) from public;
grant execute on function private.normalise_keyword(text) to authenticated, service_role;

-- Entry points: revoked from everyone first (Supabase grants new functions to the API roles).
revoke execute on function public.record_consent(jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.record_browser_consent(text, text, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.confirm_double_opt_in(text, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.expire_consents(uuid, timestamptz, integer) from public, anon, authenticated, service_role;
revoke execute on function public.find_subject(uuid, public.identifier_kind, text) from public, anon, authenticated, service_role;
revoke execute on function public.link_subjects(uuid, public.identifier_kind, text, public.identifier_kind, text) from public, anon, authenticated, service_role;
revoke execute on function public.append_contact(uuid, public.identifier_kind, text, public.contact_channel, uuid, timestamptz, text) from public, anon, authenticated, service_role;
revoke execute on function public.is_sms_opt_out_keyword(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.record_sms_inbound(uuid, text, text, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function public.decision_inputs(uuid, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.verify_subject_chain(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.verify_consent_ledger(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.claim_idempotency_key(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.finish_idempotency_key(uuid, text, jsonb) from public, anon, authenticated, service_role;
revoke execute on function public.release_idempotency_key(uuid, text) from public, anon, authenticated, service_role;

grant execute on function public.record_browser_consent(text, text, jsonb) to anon, authenticated, service_role;
grant execute on function public.confirm_double_opt_in(text, jsonb) to anon, authenticated, service_role;
grant execute on function public.record_consent(jsonb) to service_role;
grant execute on function public.expire_consents(uuid, timestamptz, integer) to service_role;
grant execute on function public.link_subjects(uuid, public.identifier_kind, text, public.identifier_kind, text) to service_role;
grant execute on function public.append_contact(uuid, public.identifier_kind, text, public.contact_channel, uuid, timestamptz, text) to service_role;
grant execute on function public.record_sms_inbound(uuid, text, text, timestamptz) to service_role;
grant execute on function public.claim_idempotency_key(uuid, text, text) to service_role;
grant execute on function public.finish_idempotency_key(uuid, text, jsonb) to service_role;
grant execute on function public.release_idempotency_key(uuid, text) to service_role;
-- Reads: members of the workspace (checked inside) and the service.
grant execute on function public.find_subject(uuid, public.identifier_kind, text) to authenticated, service_role;
grant execute on function public.is_sms_opt_out_keyword(uuid, text) to authenticated, service_role;
grant execute on function public.decision_inputs(uuid, jsonb) to authenticated, service_role;
grant execute on function public.verify_subject_chain(uuid) to authenticated, service_role;
grant execute on function public.verify_consent_ledger(uuid) to authenticated, service_role;

alter table private.workspace_secrets enable row level security;
alter table public.subjects enable row level security;
alter table public.subject_identifiers enable row level security;
alter table public.consent_events enable row level security;
alter table public.consent_state enable row level security;
alter table public.preferences enable row level security;
alter table public.contact_log enable row level security;
alter table public.sms_opt_out_keywords enable row level security;
alter table public.api_keys enable row level security;
alter table public.idempotency_keys enable row level security;

revoke all on private.workspace_secrets, public.subjects, public.subject_identifiers, public.consent_events, public.consent_state,
  public.preferences, public.contact_log, public.sms_opt_out_keywords, public.api_keys, public.idempotency_keys
  from anon, authenticated, service_role;

grant select on public.subjects, public.subject_identifiers, public.consent_events, public.preferences, public.contact_log,
  public.sms_opt_out_keywords to authenticated, service_role;
-- Not the confirmation token hash.
grant select (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at, last_event_id, updated_at)
  on public.consent_state to authenticated, service_role;
grant insert (workspace_id, keyword, created_by), delete on public.sms_opt_out_keywords to authenticated;
-- Never the key hash to operators; the service looks keys up by it.
grant select (id, workspace_id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at) on public.api_keys to authenticated;
grant insert (workspace_id, name, prefix, key_hash, scopes, created_by) on public.api_keys to authenticated;
grant update (revoked_at) on public.api_keys to authenticated;
grant select (id, workspace_id, scopes, key_hash, revoked_at, last_used_at) on public.api_keys to service_role;
grant update (last_used_at) on public.api_keys to service_role;

create policy "subjects: members read" on public.subjects
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "subject identifiers: members read" on public.subject_identifiers
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "consent events: members read" on public.consent_events
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "consent state: members read" on public.consent_state
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "preferences: members read" on public.preferences
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "contact log: members read" on public.contact_log
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "sms keywords: members read" on public.sms_opt_out_keywords
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "sms keywords: owners and admins add" on public.sms_opt_out_keywords
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));
create policy "sms keywords: owners and admins remove" on public.sms_opt_out_keywords
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "api keys: owners and admins read" on public.api_keys
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
create policy "api keys: owners and admins create" on public.api_keys
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));
create policy "api keys: owners and admins revoke" on public.api_keys
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
