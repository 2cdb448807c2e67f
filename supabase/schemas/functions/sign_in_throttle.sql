-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Decides whether a sign-in attempt for `email` from `client` (an address, or null when unknown)
-- may be evaluated, and if so counts it as a failure until local_auth.sign_in_result says
-- otherwise. verdict: 'go', 'client_locked' or 'account_slowed'; retry_after in seconds.
create or replace function local_auth.sign_in_gate(email text, client text)
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
revoke all on function local_auth.sign_in_gate(email text, client text) from public;
grant execute on function local_auth.sign_in_gate(email text, client text) to service_role;

-- The outcome of an attempt the gate let through: a success takes back its count and clears the
-- account's slow-down; a failure stays counted and is logged.
create or replace function local_auth.sign_in_result(email text, client text, succeeded boolean)
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
revoke all on function local_auth.sign_in_result(email text, client text, succeeded boolean) from public;
grant execute on function local_auth.sign_in_result(email text, client text, succeeded boolean) to service_role;

-- Counts one sign-up from `client`; false once it made `max_per_hour` accounts within the hour.
create or replace function local_auth.sign_up_gate(client text, max_per_hour integer)
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
revoke all on function local_auth.sign_up_gate(client text, max_per_hour integer) from public;
grant execute on function local_auth.sign_up_gate(client text, max_per_hour integer) to service_role;

-- Locks (creating when missing) the counter `counter_key` and returns it, started afresh when it has been
-- quiet for `quiet`.
create or replace function local_auth.throttle_row(counter_key text, quiet interval)
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
revoke all on function local_auth.throttle_row(counter_key text, quiet interval) from public;
grant execute on function local_auth.throttle_row(counter_key text, quiet interval) to service_role;
