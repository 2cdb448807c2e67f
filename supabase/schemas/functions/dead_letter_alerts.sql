-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.alert_dead_delivery()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  dest public.destinations;
  workspace_name text;
  member record;
  lang text;
  link_path text;
  subject_line text;
  body text;
begin
  -- Serialises the deaths of one destination's deliveries (see above). NO KEY UPDATE, not
  -- UPDATE: each worker's transaction already holds KEY SHARE on this row (its attempt row's
  -- foreign key), which FOR UPDATE would wait on, both ways: a deadlock.
  select * into dest from public.destinations d where d.id = new.destination_id for no key update;
  if not found or dest.deleted_at is not null then
    return null;
  end if;
  if exists (select 1 from public.deliveries x where x.destination_id = new.destination_id and x.status = 'dead' and x.id <> new.id) then
    return null;
  end if;
  select w.name into workspace_name from public.workspaces w where w.id = dest.workspace_id;
  for member in
    select p.email, coalesce(p.locale, w.default_locale) as locale
    from public.memberships m
    join public.profiles p on p.id = m.user_id
    join public.workspaces w on w.id = m.workspace_id
    where m.workspace_id = dest.workspace_id and m.role in ('owner', 'admin') and p.email like '%_@_%'
    order by m.created_at
  loop
    lang := private.message_locale(member.locale);
    link_path := '/' || lang || '/w/' || dest.workspace_id || '/destinations/' || dest.id || '?status=dead';
    subject_line := case lang
      when 'zh-CN' then format('Consentry：发往「%s」的同步已彻底失败', dest.name)
      when 'zh-TW' then format('Consentry：傳送至「%s」的同步已徹底失敗', dest.name)
      else format('Consentry: deliveries to "%s" failed for good', dest.name)
    end;
    body := case lang
      when 'zh-CN' then format(E'工作区「%s」的同步目标「%s」在全部重试之后仍未收到一条同意变更。在有人重试或重放之前，该系统不知道这项变更，可能仍在使用已撤回的同意。\n\n打开投递日志查看失败的投递，然后重试或重放：\n%s\n\n此消息只在第一条投递彻底失败时发送一次；在所有失败的投递都重试之前，不会再次发送。',
        workspace_name, dest.name, link_path)
      when 'zh-TW' then format(E'工作區「%s」的同步目標「%s」在全部重試之後仍未收到一筆同意變更。在有人重試或重新投遞之前，該系統不知道這項變更，可能仍在使用已撤回的同意。\n\n開啟傳送記錄查看失敗的投遞，然後重試或重新投遞：\n%s\n\n此訊息只在第一筆投遞徹底失敗時寄出一次；在所有失敗的投遞都重試之前，不會再寄。',
        workspace_name, dest.name, link_path)
      else format(E'A consent change could not be delivered to the destination "%s" of %s after every retry. Until someone retries or replays it, that system does not know about the change and may still act on consent that was withdrawn.\n\nOpen the delivery log to see what failed, then retry or replay:\n%s\n\nThis message is sent once, when the first delivery fails for good; there will be no other until every failed delivery has been retried.',
        dest.name, workspace_name, link_path)
    end;
    insert into public.outbound_messages (workspace_id, destination_id, channel, recipient, recipient_masked, locale, subject_line, body, body_redacted)
    values (dest.workspace_id, dest.id, 'email', member.email, private.mask_recipient('email', member.email), lang, left(subject_line, 200), body, body);
  end loop;
  return null;
end
$$;
revoke all on function private.alert_dead_delivery() from public;

-- The alerts of a destination still waiting to be sent (the engine, right after the delivery
-- died; service role only): queued, not yet redacted, young enough to claim.
create or replace function public.queued_dead_letter_alerts(destination_id uuid)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id from public.outbound_messages m
  where m.destination_id = queued_dead_letter_alerts.destination_id and m.status = 'queued' and m.redacted_at is null
    and m.recipient is not null and m.created_at > now() - interval '10 minutes'
  order by m.created_at, m.id
$$;
revoke all on function public.queued_dead_letter_alerts(destination_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.queued_dead_letter_alerts(destination_id uuid) to service_role;
