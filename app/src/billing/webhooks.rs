//! `POST /webhooks/{gateway}`: what a payment gateway tells us. Believed
//! only with the configured gateway's signature over the raw body; stored
//! under the gateway's event id in the transaction that applies it, so a
//! replay, or twenty deliveries at once, change nothing after the first.
//! An event that says a payment was paid is first checked with the
//! gateway's own records: the signature alone grants nothing.

use super::gateway::{Event, GatewayError, Outcome, PaymentGateway, WebhookError};
use crate::state::AppState;
use axum::http::{HeaderMap, StatusCode};
use time::OffsetDateTime;
use uuid::Uuid;

/// Whether an event was new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Applied; what it did.
    Applied(String),
    /// Seen before: nothing done.
    Replay,
}

/// Checks a delivery and applies its event: 200 once stored (new or
/// replayed), 401 for a bad signature, 400 for an unreadable event, 404
/// for a gateway this site does not use, 503 when the database failed or
/// the gateway does not (yet) confirm the payment (the gateway tries
/// again).
pub async fn receive(
    state: &AppState,
    gateway: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, &'static str) {
    let Some(payments) = state.payments.as_ref().filter(|g| g.name() == gateway) else {
        return (StatusCode::NOT_FOUND, "unknown gateway");
    };
    let now = OffsetDateTime::now_utc();
    let event = match payments.event(headers, body, now) {
        Ok(event) => event,
        Err(error @ (WebhookError::Signature | WebhookError::Stale)) => {
            tracing::warn!(gateway, %error, "webhook refused");
            return (StatusCode::UNAUTHORIZED, "bad signature");
        }
        Err(error) => {
            tracing::warn!(gateway, %error, "webhook unreadable");
            return (StatusCode::BAD_REQUEST, "unreadable event");
        }
    };
    let event = match confirmed(payments.as_ref(), event).await {
        Ok(Some(event)) => event,
        Ok(None) => {
            tracing::warn!(gateway, "webhook's payment not confirmed by the gateway");
            return (StatusCode::SERVICE_UNAVAILABLE, "not confirmed");
        }
        Err(error) => {
            tracing::warn!(gateway, %error, "webhook's payment could not be checked");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again");
        }
    };
    match apply(state, payments.name(), &event, body, now).await {
        Ok(received) => {
            tracing::info!(gateway, event = %event.id, ?received, "webhook received");
            (StatusCode::OK, "received")
        }
        Err(error) => {
            tracing::error!(gateway, event = %event.id, %error, "webhook not applied");
            (StatusCode::SERVICE_UNAVAILABLE, "try again")
        }
    }
}

/// `event` with its payment's outcome as the gateway's records give it,
/// when it says the payment was paid; `None` while the gateway does not
/// confirm that. Other events grant nothing and are taken as they are.
async fn confirmed(
    gateway: &dyn PaymentGateway,
    mut event: Event,
) -> Result<Option<Event>, GatewayError> {
    let Some((reference, Outcome::Paid { .. })) = &event.payment else {
        return Ok(Some(event));
    };
    let Some(outcome) = gateway.status(reference, event.object.as_deref()).await? else {
        return Ok(None);
    };
    event.payment = Some((reference.clone(), outcome));
    Ok(Some(event))
}

/// Stores `event` and applies it, in one transaction.
pub async fn apply(
    state: &AppState,
    gateway: &str,
    event: &Event,
    body: &[u8],
    now: OffsetDateTime,
) -> sqlx::Result<Received> {
    let payload: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let mut tx = state.pool.begin().await?;
    // A concurrent delivery of the same event waits here for this one's
    // transaction, then finds it stored.
    let stored = sqlx::query_scalar!(
        "insert into webhook_events (id, gateway, event_id, kind, payload, outcome)
         values ($1, $2, $3, $4, $5, 'received')
         on conflict (gateway, event_id) do nothing
         returning id",
        Uuid::now_v7(),
        gateway,
        event.id,
        event.kind,
        payload
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(stored) = stored else {
        tx.commit().await?;
        return Ok(Received::Replay);
    };
    let (payment, outcome) = match &event.payment {
        Some((reference, outcome)) => {
            super::payments::settle(
                &mut tx,
                gateway,
                reference,
                outcome,
                &state.config.seller,
                now,
            )
            .await?
        }
        None => (None, "ignored: not about a payment".into()),
    };
    sqlx::query!(
        "update webhook_events set payment_id = $2, outcome = $3 where id = $1",
        stored,
        payment,
        outcome
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Received::Applied(outcome))
}
