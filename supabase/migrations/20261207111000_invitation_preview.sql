-- What an invitation link shows before anyone signs in (issue 12, item 9). A person opening an
-- invitation while signed out used to land on a bare sign-in page; now the link itself says who
-- invited whom, to which workspace and role, and offers to create the account first.
--
-- public.invitation_preview replaces public.peek_invitation (signed-in only) and is open to anon:
-- the token is the secret (256 random bits, only its SHA-256 is stored), and whoever holds it was
-- sent exactly this: the invited address, the workspace, the role, the inviter (name and address:
-- a display name alone is whatever the inviter typed). Once the
-- invitation is revoked, accepted or expired, the link says only that: a revoked link (perhaps
-- sent to the wrong person) no longer names the workspace, the address or the inviter.

create function public.invitation_preview(token text)
returns table (workspace_name text, role public.workspace_role, email text, invited_by_name text, invited_by_email text,
               expires_at timestamptz, status text)
language sql stable security definer set search_path = ''
as $$
  with found as (
    select i.*, w.name as workspace_name, nullif(btrim(p.display_name), '') as inviter_name, p.email as inviter_email,
           case when i.revoked_at is not null then 'revoked'
                when i.accepted_at is not null then 'accepted'
                when i.expires_at < now() then 'expired'
                else 'pending' end as status
    from public.invitations i
    join public.workspaces w on w.id = i.workspace_id
    left join public.profiles p on p.id = i.invited_by
    where char_length(invitation_preview.token) between 16 and 100
      and i.token_hash = encode(sha256(convert_to(invitation_preview.token, 'UTF8')), 'hex')
  )
  select case when f.status = 'pending' then f.workspace_name end,
         case when f.status = 'pending' then f.role end,
         case when f.status = 'pending' then f.email end,
         case when f.status = 'pending' then f.inviter_name end,
         case when f.status = 'pending' then f.inviter_email end,
         case when f.status = 'pending' then f.expires_at end,
         f.status
  from found f
$$;
revoke execute on function public.invitation_preview(text) from public;
grant execute on function public.invitation_preview(text) to anon, authenticated;

drop function public.peek_invitation(text);
