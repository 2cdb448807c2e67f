-- Enumerations shared by tables and functions.

create type public.collection_channel as enum ('web', 'app', 'mini_program', 'store', 'call_centre', 'api', 'import', 'sms');

create type public.consent_method as enum ('click_accept', 'click_reject', 'save', 'toggle', 'gpc_signal', 'sms_keyword',
  'api_import', 'operator_entry', 'double_opt_in_confirm', 'expiry');

-- The DPV consent states.
create type public.consent_status as enum ('given', 'renewed_given', 'refused', 'withdrawn', 'expired', 'requested', 'invalidated');

create type public.consent_type as enum ('explicit', 'opt_out', 'notice_only');

create type public.contact_channel as enum ('sms', 'email', 'phone', 'wechat', 'push');

create type public.delivery_status as enum ('pending', 'in_flight', 'delivered', 'retrying', 'dead');

create type public.destination_kind as enum ('webhook', 'nats');

create type public.experience_kind as enum ('banner', 'popup', 'preference_page');

create type public.expressed_by as enum ('subject', 'guardian', 'operator');

create type public.identifier_kind as enum ('email', 'phone', 'member_id', 'device_id', 'wechat_openid', 'wechat_unionid');

create type public.workspace_role as enum ('owner', 'admin', 'editor', 'legal', 'viewer');
