-- Billing, part seven: a plan's monthly introduction credits come each
-- month, also in a paid year, and what is left of them at the month's end
-- lapses, by a transfer to its own account so the books still balance.

alter table credit_transfers drop constraint credit_transfers_to_account_check;
alter table credit_transfers add constraint credit_transfers_to_account_check
    check (to_account in ('available', 'held', 'spent', 'lapsed'));
alter table credit_transfers drop constraint credit_transfers_reason_check;
alter table credit_transfers add constraint credit_transfers_reason_check
    check (reason in ('grant', 'hold', 'settle', 'release', 'lapse'));
