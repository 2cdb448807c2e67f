-- One confirmation covers every purpose a recording put on hold: record_consent stores the same
-- token hash on each of them and confirm_double_opt_in gives them all. The unique index of
-- 20261123220000_consent_ledger.sql contradicted that, so a recording with two double opt-in
-- purposes failed with key_taken. The lookup stays indexed; the token itself is 256 random bits.
drop index public.consent_state_confirmation_idx;
create index consent_state_confirmation_idx on public.consent_state (confirmation_token_hash) where confirmation_token_hash is not null;
