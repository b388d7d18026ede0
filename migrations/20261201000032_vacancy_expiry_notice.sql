-- The end date a vacancy's team was last told of (three days before it):
-- a listing extended and ending again is told again.
alter table vacancies add column expiry_warned_for timestamptz;
