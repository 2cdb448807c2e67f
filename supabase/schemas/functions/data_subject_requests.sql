-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Who handled a request and when: set by the database, never by the caller.
create or replace function private.stamp_data_subject_request()
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
revoke all on function private.stamp_data_subject_request() from public;

create or replace function public.request_subject_data(session_token text, public_id text, kind text, note text default null)
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
revoke all on function public.request_subject_data(session_token text, public_id text, kind text, note text) from public, anon, authenticated, service_role;
grant execute on function public.request_subject_data(session_token text, public_id text, kind text, note text) to anon, authenticated;
