//! The built-in test gateway, for development and the end-to-end tests:
//! its checkout is a page of this site (`/dev/checkout/{reference}`, only
//! in development mode) where the buyer picks what the card does, and it
//! reports back through the same webhook path as a real gateway, signed as
//! Stripe signs, with a secret derived from the site's key.

use super::{
    Card, Charge, Checkout, Event, GatewayError, Outcome, PaymentGateway, WebhookError, parse,
};
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;
use time::OffsetDateTime;

pub const SIGNATURE_HEADER: &str = "x-test-gateway-signature";

/// The card the test gateway pretends was used.
pub const CARD_LAST4: &str = "4242";

/// Kept cards whose token starts so are declined when charged again (the
/// demo's past-due company has one).
pub const DECLINING_TOKEN: &str = "test_declined_";

pub struct TestGateway {
    secret: String,
}

impl TestGateway {
    pub fn new(signer: &crate::crypto::Signer) -> Self {
        Self {
            secret: hex::encode(signer.sign("test payment gateway", b"webhook secret")),
        }
    }

    /// The signed delivery the gateway sends when the payment `reference`
    /// for `amount` (kobo) is paid, or declined for `declined`'s reason.
    pub fn delivery(
        &self,
        reference: &str,
        amount: i64,
        declined: Option<&str>,
        now: OffsetDateTime,
    ) -> (HeaderMap, Vec<u8>) {
        let id = format!("evt_{}", uuid::Uuid::now_v7().simple());
        let event = match declined {
            None => serde_json::json!({
                "id": id,
                "type": "payment.succeeded",
                "data": {
                    "reference": reference,
                    "amount": amount,
                    "currency": "NGN",
                    "card": {
                        "token": format!("test_card_{}", uuid::Uuid::now_v7().simple()),
                        "brand": "Visa",
                        "last4": CARD_LAST4,
                    },
                },
            }),
            Some(reason) => serde_json::json!({
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
        Ok(if charge.token.starts_with(DECLINING_TOKEN) {
            Outcome::Declined {
                reason: "Your card was declined by your bank.".into(),
            }
        } else {
            Outcome::Paid {
                amount: charge.amount.minor,
                currency: charge.amount.currency.code().into(),
                card: None,
            }
        })
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
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_gateway() -> TestGateway {
        let cipher =
            crate::crypto::FieldCipher::from_base64(&crate::crypto::FieldCipher::generate_key())
                .unwrap();
        TestGateway::new(cipher.signer())
    }

    #[test]
    fn its_deliveries_read_back_only_with_its_signature() {
        let gateway = new_gateway();
        let now = OffsetDateTime::now_utc();
        let (headers, body) = gateway.delivery("hw_1", 16_125_000, None, now);
        let event = gateway.event(&headers, &body, now).unwrap();
        assert_eq!(event.kind, "payment.succeeded");
        assert!(matches!(
            event.payment,
            Some((ref reference, Outcome::Paid { amount: 16_125_000, .. })) if reference == "hw_1"
        ));
        let (headers, body) = gateway.delivery("hw_1", 16_125_000, Some("Insufficient funds"), now);
        assert_eq!(
            gateway.event(&headers, &body, now).unwrap().payment,
            Some((
                "hw_1".into(),
                Outcome::Declined {
                    reason: "Insufficient funds".into()
                }
            ))
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
