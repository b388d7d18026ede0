//! Refunds: an admin gives back all or part of a paid invoice, through the
//! gateway that took the payment, with the reason the buyer reads. Each
//! refund is a credit note with its own numbers (CN-2026-000001, without
//! gaps like invoices'), VAT given back in proportion; the last one that
//! gives everything back marks the invoice refunded. Refunding a credit
//! pack takes its share of the pack's credits back from the company's
//! ledger, as far as they are still available. All of it is audited and
//! the buyer is told.
//!
//! The invoice's row stays locked from the check of what is left until
//! the credit note is written, the gateway's refund in between, so two
//! admins can never give back more than was paid; the database refuses
//! that too (`credit_notes_within_invoice`). A second refund of the same
//! invoice meanwhile is turned away at once rather than left waiting on
//! the lock with a connection held.

use super::gateway::Refund;
use super::rules::{Series, credit_note_split, credits_taken_back};
use super::{Payer, db};
use crate::audit::{self, AuditEvent};
use crate::error::AppError;
use crate::money::{Currency, Money};
use crate::notifications::Notice;
use crate::state::{AppState, RequestContext};
use time::OffsetDateTime;
use uuid::Uuid;

/// A refund an admin asks for: minor units with VAT, and why.
pub struct RefundRequest<'a> {
    pub invoice_id: Uuid,
    pub amount: i64,
    pub reason: &'a str,
}

/// The credit note a refund made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refunded {
    pub credit_note_id: Uuid,
    pub number: String,
    pub amount: Money,
    pub credits_taken_back: i64,
}

/// A refund of the same invoice under way holds its lock.
fn busy(error: sqlx::Error) -> AppError {
    const LOCK_NOT_AVAILABLE: &str = "55P03";
    match error.as_database_error().and_then(|e| e.code()) {
        Some(code) if code == LOCK_NOT_AVAILABLE => AppError::Refused(
            "Another refund of this invoice is being made; look again in a moment.".into(),
        ),
        _ => error.into(),
    }
}

/// Gives back `request.amount` of the invoice through its payment's
/// gateway, and issues the credit note. Refused, changing nothing, when
/// the invoice was not paid through a gateway, is refunded already, or
/// has less left than asked, and when the gateway says no.
pub async fn refund(
    state: &AppState,
    admin: Uuid,
    request: &RefundRequest<'_>,
    context: &RequestContext,
    now: OffsetDateTime,
) -> Result<Refunded, AppError> {
    let mut tx = state.pool.begin().await?;
    let Some(paid) = sqlx::query!(
        r#"select i.number as "number!", i.status, i.total, i.vat, i.company_id, i.user_id,
                  p.id as "payment_id?", p.gateway as "gateway?", p.reference as "reference?",
                  p.gateway_transaction, p.amount as "paid?", cp.credits as "pack_credits?",
                  (select coalesce(sum(n.total), 0) from credit_notes n
                    where n.invoice_id = i.id)::bigint as "credited!",
                  (select coalesce(sum(n.credits_taken_back), 0) from credit_notes n
                    where n.invoice_id = i.id)::bigint as "credits_taken!"
             from invoices i
             left join payments p on p.invoice_id = i.id and p.status = 'succeeded'
             left join credit_packs cp on cp.code = p.credit_pack_code
            where i.id = $1 and i.status <> 'draft'
              for update of i nowait"#,
        request.invoice_id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(busy)?
    else {
        return Err(AppError::NotFound);
    };
    let Some(payer) = Payer::of(paid.company_id, paid.user_id) else {
        return Err(AppError::NotFound);
    };
    let (Some(payment_id), Some(gateway_name), Some(reference)) =
        (paid.payment_id, paid.gateway, paid.reference)
    else {
        return Err(AppError::Refused(
            "This invoice was not paid through a payment gateway, so there is nothing to give back here.".into(),
        ));
    };
    let left = paid.total - paid.credited;
    if paid.status != "paid" || left <= 0 {
        return Err(AppError::Refused(
            "This invoice has been refunded in full.".into(),
        ));
    }
    if request.amount > left {
        return Err(AppError::field(
            "amount",
            format!(
                "At most {} is left to give back.",
                Money::new(left, Currency::Ngn).format()
            ),
        ));
    }
    let gateway = state
        .payments
        .as_ref()
        .filter(|g| g.name() == gateway_name)
        .ok_or_else(|| {
            AppError::Refused(format!(
                "The payment was taken by {gateway_name}, which this site is not set up to use now."
            ))
        })?;

    let id = Uuid::now_v7();
    let amount = Money::new(request.amount, Currency::Ngn);
    gateway
        .refund(&Refund {
            reference: &reference,
            transaction: paid.gateway_transaction.as_deref(),
            amount,
            key: &id.to_string(),
        })
        .await
        .map_err(|error| {
            tracing::warn!(invoice = %request.invoice_id, %error, "the gateway refused a refund");
            AppError::Refused(format!(
                "{gateway_name} did not give the money back: {error}"
            ))
        })?;

    // The money is back with the buyer: whatever fails now must be found
    // and recorded by hand, so it is logged loudly.
    let recorded: sqlx::Result<Refunded> = async {
        let year = now.to_offset(time::UtcOffset::UTC).year();
        let number = db::next_number(&mut tx, Series::CreditNote, year).await?;
        let (subtotal, vat) = credit_note_split(request.amount, paid.vat, paid.total);
        let credits = match (payer, paid.pack_credits) {
            (Payer::Company(company_id), Some(pack)) => {
                let available = crate::introductions::db::balance(&mut tx, company_id)
                    .await?
                    .available;
                let credits = credits_taken_back(
                    i64::from(pack),
                    paid.credited + request.amount,
                    paid.paid.unwrap_or(paid.total),
                    paid.credits_taken,
                    available,
                );
                if credits > 0 {
                    crate::introductions::db::adjust(
                        &mut tx,
                        company_id,
                        -credits,
                        &format!("Taken back with the refund {number}."),
                        admin,
                        context,
                    )
                    .await?;
                }
                credits
            }
            _ => 0,
        };
        sqlx::query!(
            "insert into credit_notes (id, number, invoice_id, payment_id, currency, subtotal, vat,
                                       total, reason, credits_taken_back, issued_by, issued_at)
             values ($1, $2, $3, $4, 'NGN', $5, $6, $7, $8, $9, $10, $11)",
            id,
            number,
            request.invoice_id,
            payment_id,
            subtotal,
            vat,
            request.amount,
            request.reason,
            i32::try_from(credits).unwrap_or(i32::MAX),
            admin,
            now
        )
        .execute(&mut *tx)
        .await?;
        let (target_type, target_id) = payer.audit_target();
        audit::record(
            &mut tx,
            AuditEvent {
                actor: Some(admin),
                action: "billing.refunded",
                target_type,
                target_id: Some(target_id),
                metadata: serde_json::json!({
                    "invoice": request.invoice_id,
                    "credit_note": id,
                    "number": number,
                    "amount": request.amount,
                    "credits_taken_back": credits,
                    "reason": request.reason,
                }),
            },
            context,
        )
        .await?;
        let link = format!("{}/invoices/{}", payer.billing_page(), request.invoice_id);
        super::lifecycle::tell(
            &mut tx,
            payer,
            &Notice::refunded(&amount.format(), &paid.number, &link),
        )
        .await?;
        tx.commit().await?;
        Ok(Refunded {
            credit_note_id: id,
            number,
            amount,
            credits_taken_back: credits,
        })
    }
    .await;
    recorded.map_err(|error| {
        tracing::error!(
            invoice = %request.invoice_id,
            refund = %id,
            amount = request.amount,
            %error,
            "the gateway gave the money back but the credit note could not be recorded"
        );
        error.into()
    })
}
