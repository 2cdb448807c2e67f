-- Schemas beside public, and who may use them.

create schema local_auth;

create schema private;

grant usage on schema local_auth to service_role;
grant usage on schema private to authenticated, service_role;
