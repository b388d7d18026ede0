//! The built-in test gateway, for development and the end-to-end tests:
//! its checkout is a page of this site (`/dev/checkout/{reference}`, only
//! in development mode) where the buyer picks what the card does, and it
//! reports back through the same webhook path as a real gateway, signed as
//! Stripe signs, with a secret derived from the site's key. What became of
//! each payment it keeps in its own books (`test_gateway_payments`), which
//! the site asks before granting anything, as it asks a real gateway.

use super::{
    Card, Charge, Checkout, Event, GatewayError, Outcome, PaymentGateway, Refund, WebhookError,
    parse,
};
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;
use sqlx::PgPool;
use time::OffsetDateTime;

pub const SIGNATURE_HEADER: &str = "x-test-gateway-signature";

/// The card the test gateway pretends was used.
pub const CARD_LAST4: &str = "4242";

/// Kept cards whose token starts so are declined when charged again (the
/// demo's past-due company has one).
pub const DECLINING_TOKEN: &str = "test_declined_";

/// Kept cards whose token starts so are charged, but the answer is lost on
/// the way back: the caller sees an error, as after a network timeout.
pub const ANSWER_LOST_TOKEN: &str = "test_answer_lost_";

/// The card brand the test gateway reports.
const CARD_BRAND: &str = "Visa";

pub struct TestGateway {
    secret: String,
    books: PgPool,
}

impl TestGateway {
    pub fn new(signer: &crate::crypto::Signer, books: PgPool) -> Self {
        Self {
            secret: hex::encode(signer.sign("test payment gateway", b"webhook secret")),
            books,
        }
    }

    /// Enters in the books what became of the payment `reference` for
    /// `amount` (kobo) made with the card `card_token`: paid, or declined
    /// for `declined`'s reason. The first entry stands: the outcome as
    /// recorded.
    pub async fn record(
        &self,
        reference: &str,
        amount: i64,
        declined: Option<&str>,
        card_token: &str,
    ) -> Result<Outcome, GatewayError> {
        sqlx::query!(
            "insert into test_gateway_payments (reference, paid, amount, currency, reason, card_token)
             values ($1, $2, $3, 'NGN', $4, $5)
             on conflict (reference) do nothing",
            reference,
            declined.is_none(),
            amount,
            declined,
            card_token
        )
        .execute(&self.books)
        .await
        .map_err(books_error)?;
        self.status(reference, None)
            .await?
            .ok_or_else(|| GatewayError("the payment was not recorded".into()))
    }

    /// A new card's token, as the checkout hands one out.
    pub fn new_card() -> String {
        format!("test_card_{}", uuid::Uuid::now_v7().simple())
    }

    /// The signed delivery the gateway sends once the payment `reference`
    /// came to `outcome`.
    pub fn delivery(
        &self,
        reference: &str,
        outcome: &Outcome,
        now: OffsetDateTime,
    ) -> (HeaderMap, Vec<u8>) {
        let id = format!("evt_{}", uuid::Uuid::now_v7().simple());
        let event = match outcome {
            Outcome::Paid {
                amount,
                currency,
                card,
                ..
            } => serde_json::json!({
                "id": id,
                "type": "payment.succeeded",
                "data": {
                    "reference": reference,
                    "amount": amount,
                    "currency": currency,
                    "card": card.as_ref().map(|card| serde_json::json!({
                        "token": card.token,
                        "brand": CARD_BRAND,
                        "last4": CARD_LAST4,
                    })),
                },
            }),
            Outcome::Declined { reason } => serde_json::json!({
                "id": id,
                "type": "payment.declined",
                "data": { "reference": reference, "reason": reason },
            }),
        };
        let body = event.to_string().into_bytes();
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(&super::stripe::sign(&self.secret, &body, now)) {
            headers.insert(SIGNATURE_HEADER, value);
        }
        (headers, body)
    }
}

#[derive(Deserialize)]
struct Envelope {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: Data,
}

#[derive(Deserialize)]
struct Data {
    reference: String,
    #[serde(default)]
    amount: i64,
    #[serde(default)]
    currency: String,
    card: Option<CardData>,
    reason: Option<String>,
}

#[derive(Deserialize)]
struct CardData {
    token: String,
    brand: String,
    last4: String,
}

#[async_trait::async_trait]
impl PaymentGateway for TestGateway {
    fn name(&self) -> &'static str {
        "test"
    }

    async fn checkout(&self, checkout: &Checkout<'_>) -> Result<String, GatewayError> {
        Ok(format!("/dev/checkout/{}", checkout.reference))
    }

    async fn charge(&self, charge: &Charge<'_>) -> Result<Outcome, GatewayError> {
        if let Some(outcome) = self.status(charge.reference, None).await? {
            return Ok(outcome);
        }
        let declined = charge
            .token
            .starts_with(DECLINING_TOKEN)
            .then_some("Your card was declined by your bank.");
        let outcome = self
            .record(
                charge.reference,
                charge.amount.minor,
                declined,
                charge.token,
            )
            .await?;
        if charge.token.starts_with(ANSWER_LOST_TOKEN) {
            return Err(GatewayError("no answer in time".into()));
        }
        Ok(outcome)
    }

    async fn status(
        &self,
        reference: &str,
        _object: Option<&str>,
    ) -> Result<Option<Outcome>, GatewayError> {
        let row = sqlx::query!(
            "select paid, amount, currency, reason, card_token
               from test_gateway_payments where reference = $1",
            reference
        )
        .fetch_optional(&self.books)
        .await
        .map_err(books_error)?;
        Ok(row.map(|r| match r.reason {
            Some(reason) if !r.paid => Outcome::Declined { reason },
            _ => Outcome::Paid {
                amount: r.amount,
                currency: r.currency,
                card: Some(Card {
                    token: r.card_token,
                    brand: Some(CARD_BRAND.into()),
                    last4: Some(CARD_LAST4.into()),
                }),
                transaction: None,
            },
        }))
    }

    /// Gives back at most what the payment took, as a real gateway does;
    /// a refund asked again under its key gives nothing more.
    async fn refund(&self, refund: &Refund<'_>) -> Result<(), GatewayError> {
        let mut tx = self.books.begin().await.map_err(books_error)?;
        let paid = sqlx::query_scalar!(
            "select amount from test_gateway_payments
              where reference = $1 and paid for update",
            refund.reference
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(books_error)?
        .ok_or_else(|| GatewayError("no such paid payment".into()))?;
        sqlx::query!(
            "insert into test_gateway_refunds (key, reference, amount) values ($1, $2, $3)
             on conflict (key) do nothing",
            refund.key,
            refund.reference,
            refund.amount.minor
        )
        .execute(&mut *tx)
        .await
        .map_err(books_error)?;
        let refunded = sqlx::query_scalar!(
            r#"select coalesce(sum(amount), 0)::bigint as "sum!"
                 from test_gateway_refunds where reference = $1"#,
            refund.reference
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(books_error)?;
        if refunded > paid {
            return Err(GatewayError("more than the payment took".into()));
        }
        tx.commit().await.map_err(books_error)
    }

    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<Event, WebhookError> {
        let signature = super::header(headers, SIGNATURE_HEADER).ok_or(WebhookError::Signature)?;
        super::stripe::verify(signature, body, &self.secret, now)?;
        let envelope: Envelope = parse(body)?;
        let data = envelope.data;
        let outcome = match envelope.kind.as_str() {
            "payment.succeeded" => Outcome::Paid {
                amount: data.amount,
                currency: data.currency,
                card: data.card.map(|card| Card {
                    token: card.token,
                    brand: Some(card.brand),
                    last4: Some(card.last4),
                }),
                transaction: None,
            },
            "payment.declined" => Outcome::Declined {
                reason: data
                    .reason
                    .unwrap_or_else(|| "The card was declined.".into()),
            },
            other => return Err(WebhookError::Unreadable(format!("unknown event {other}"))),
        };
        Ok(Event {
            id: envelope.id,
            kind: envelope.kind,
            payment: Some((data.reference, outcome)),
            object: None,
        })
    }
}

fn books_error(error: sqlx::Error) -> GatewayError {
    GatewayError(format!("the test gateway's books: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_gateway() -> TestGateway {
        let cipher =
            crate::crypto::FieldCipher::from_base64(&crate::crypto::FieldCipher::generate_key())
                .unwrap();
        // Signing needs no books.
        let books = PgPool::connect_lazy("postgres://localhost/unused").unwrap();
        TestGateway::new(cipher.signer(), books)
    }

    #[tokio::test]
    async fn its_deliveries_read_back_only_with_its_signature() {
        let gateway = new_gateway();
        let now = OffsetDateTime::now_utc();
        let paid = Outcome::Paid {
            amount: 16_125_000,
            currency: "NGN".into(),
            card: Some(Card {
                token: "test_card_1".into(),
                brand: None,
                last4: None,
            }),
            transaction: None,
        };
        let (headers, body) = gateway.delivery("hw_1", &paid, now);
        let event = gateway.event(&headers, &body, now).unwrap();
        assert_eq!(event.kind, "payment.succeeded");
        assert!(matches!(
            event.payment,
            Some((ref reference, Outcome::Paid { amount: 16_125_000, .. })) if reference == "hw_1"
        ));
        let declined = Outcome::Declined {
            reason: "Insufficient funds".into(),
        };
        let (headers, body) = gateway.delivery("hw_1", &declined, now);
        assert_eq!(
            gateway.event(&headers, &body, now).unwrap().payment,
            Some(("hw_1".into(), declined))
        );
        // Another site's test gateway (another key) is not believed.
        assert_eq!(
            new_gateway().event(&headers, &body, now),
            Err(WebhookError::Signature)
        );
        assert_eq!(
            gateway.event(&HeaderMap::new(), &body, now),
            Err(WebhookError::Signature)
        );
    }
}
