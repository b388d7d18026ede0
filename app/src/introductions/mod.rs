//! Introductions (theNexus's core): a company member asks a job seeker to
//! be introduced for one of the company's open vacancies, paying with a
//! credit held in escrow; the job seeker accepts (the credit is spent) or
//! declines, or the request expires or is withdrawn (the credit comes
//! back). The credits are a ledger of transfers between a company's
//! accounts, never a counter that code changes.

pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
