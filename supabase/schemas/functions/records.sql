-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function public.log_records_export(workspace_id uuid, phase text, export_id uuid, format text, filters jsonb,
                                          row_count bigint default null)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin,legal}');
  if phase is null or phase not in ('started', 'completed', 'cancelled') or export_id is null
     or format is null or format not in ('csv', 'ndjson')
     or jsonb_typeof(filters) is distinct from 'object' or octet_length(filters::text) > 4000
     or (row_count is not null and row_count < 0) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'export';
  end if;
  perform private.append_audit(log_records_export.workspace_id, 'records.export_' || phase, 'records_export', export_id::text, null,
    jsonb_strip_nulls(jsonb_build_object('format', format, 'filters', filters, 'row_count', row_count)));
end
$$;
revoke all on function public.log_records_export(workspace_id uuid, phase text, export_id uuid, format text, filters jsonb, row_count bigint) from public, anon, authenticated, service_role;
grant execute on function public.log_records_export(workspace_id uuid, phase text, export_id uuid, format text, filters jsonb, row_count bigint) to authenticated;
