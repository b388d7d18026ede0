-- Billing, part ten: an admin can add introduction credits to a company,
-- or take back credits it has available, each time saying why. An
-- adjustment is a ledger transfer like any other: added ones come from
-- 'grant', taken ones go back there.

alter table credit_transfers add column note text check (length(note) between 1 and 500);
alter table credit_transfers drop constraint credit_transfers_to_account_check;
alter table credit_transfers add constraint credit_transfers_to_account_check
    check (to_account in ('available', 'held', 'spent', 'lapsed', 'grant'));
alter table credit_transfers drop constraint credit_transfers_reason_check;
alter table credit_transfers add constraint credit_transfers_reason_check
    check (reason in ('grant', 'hold', 'settle', 'release', 'lapse', 'adjustment'));
alter table credit_transfers add constraint credit_adjustments_say_why
    check ((reason = 'adjustment') = (note is not null));
