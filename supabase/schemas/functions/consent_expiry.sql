-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Records `expired` for consents (and double opt-in requests) whose time has passed.
create or replace function public.expire_consents(workspace_id uuid, at timestamptz default now(), max_rows integer default 1000)
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
revoke all on function public.expire_consents(workspace_id uuid, at timestamp with time zone, max_rows integer) from public, anon, authenticated, service_role;
grant execute on function public.expire_consents(workspace_id uuid, at timestamp with time zone, max_rows integer) to service_role;

-- Records `expired` for everything due at `at` in every workspace, at most `max_rows` in all;
-- one row per workspace that had something due. `at` is a parameter so that tests (and a
-- catching-up worker) pass the time instead of waiting for it.
create or replace function public.expire_due_consents(at timestamptz default now(), max_rows integer default 1000)
returns table (workspace_id uuid, expired integer)
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid;
  left_over integer := greatest(coalesce(max_rows, 1000), 0);
  n integer;
begin
  perform private.assert_workspace_access(null, '{owner}');
  for ws in
    select distinct s.workspace_id from public.consent_state s
    where s.state in ('given', 'renewed_given', 'requested') and s.expires_at <= expire_due_consents.at
    order by s.workspace_id
  loop
    exit when left_over = 0;
    n := public.expire_consents(ws, expire_due_consents.at, left_over);
    left_over := left_over - n;
    workspace_id := ws;
    expired := n;
    return next;
  end loop;
end
$$;
revoke all on function public.expire_due_consents(at timestamp with time zone, max_rows integer) from public, anon, authenticated, service_role;
grant execute on function public.expire_due_consents(at timestamp with time zone, max_rows integer) to service_role;
