-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.guard_purpose_ledger_rules()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.double_opt_in is distinct from old.double_opt_in or new.consent_valid_days is distinct from old.consent_valid_days then
    perform private.assert_workspace_access(new.workspace_id, '{owner,admin}');
  end if;
  return new;
end
$$;
revoke all on function private.guard_purpose_ledger_rules() from public;

-- A purpose with ledger events is proof that must stay: refused with the catalog's own code.
create or replace function private.keep_ledger_purposes()
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
revoke all on function private.keep_ledger_purposes() from public;

-- A revoked key stays revoked, at the time it was revoked.
create or replace function private.revoke_once()
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
revoke all on function private.revoke_once() from public;
