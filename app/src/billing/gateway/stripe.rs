//! Stripe: a Checkout Session to pay, and webhooks signed in the
//! `Stripe-Signature` header (`t=` a Unix time, `v1=` the hex HMAC-SHA256
//! of "t.body" under the endpoint's secret), refused when older than five
//! minutes. The test gateway signs the same way.

use super::{
    Card, Checkout, Event, GatewayError, Outcome, PaymentGateway, WebhookError, answer, client,
    header, parse,
};
use hmac::{Hmac, Mac};
use http::HeaderMap;
use serde::Deserialize;
use time::OffsetDateTime;

/// How old a signature may be (Stripe's own libraries' default).
pub const TOLERANCE_SECONDS: i64 = 300;

pub struct Stripe {
    secret_key: String,
    webhook_secret: String,
}

impl Stripe {
    pub fn new(secret_key: &str, webhook_secret: &str) -> Self {
        Self {
            secret_key: secret_key.to_string(),
            webhook_secret: webhook_secret.to_string(),
        }
    }
}

fn mac(secret: &str, timestamp: &str, body: &[u8]) -> Hmac<sha2::Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!());
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value that signs `body` at `at`.
pub fn sign(secret: &str, body: &[u8], at: OffsetDateTime) -> String {
    let timestamp = at.unix_timestamp().to_string();
    let tag = hex::encode(mac(secret, &timestamp, body).finalize().into_bytes());
    format!("t={timestamp},v1={tag}")
}

/// Whether `signature` (the header's value) signs `body` under `secret`
/// recently enough. Any of several `v1` tags may match (Stripe sends two
/// while a secret is being rolled).
pub fn verify(
    signature: &str,
    body: &[u8],
    secret: &str,
    now: OffsetDateTime,
) -> Result<(), WebhookError> {
    let mut timestamp = None;
    let mut tags = Vec::new();
    for part in signature.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = Some(value),
            Some(("v1", value)) => tags.push(value),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(WebhookError::Signature)?;
    let signed_at: i64 = timestamp.parse().map_err(|_| WebhookError::Signature)?;
    let matches = tags.iter().any(|tag| {
        hex::decode(tag).is_ok_and(|tag| mac(secret, timestamp, body).verify_slice(&tag).is_ok())
    });
    if !matches {
        return Err(WebhookError::Signature);
    }
    if (now.unix_timestamp() - signed_at).abs() > TOLERANCE_SECONDS {
        return Err(WebhookError::Stale);
    }
    Ok(())
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
    object: serde_json::Value,
}

/// The event in a body whose signature was checked.
pub fn event(body: &[u8]) -> Result<Event, WebhookError> {
    let envelope: Envelope = parse(body)?;
    let object = &envelope.data.object;
    let text = |value: &serde_json::Value| value.as_str().map(str::to_string);
    let payment = match envelope.kind.as_str() {
        // Paid by card at once; a session whose payment is still on its way
        // settles with a later event.
        "checkout.session.completed" if object["payment_status"] == "paid" => {
            let reference = text(&object["client_reference_id"])
                .ok_or_else(|| WebhookError::Unreadable("no client_reference_id".into()))?;
            let card = text(&object["customer"]).map(|token| Card {
                token,
                brand: None,
                last4: None,
            });
            Some((
                reference,
                Outcome::Paid {
                    amount: object["amount_total"].as_i64().unwrap_or_default(),
                    currency: object["currency"]
                        .as_str()
                        .unwrap_or_default()
                        .to_uppercase(),
                    card,
                },
            ))
        }
        "payment_intent.payment_failed" => {
            text(&object["metadata"]["reference"]).map(|reference| {
                let reason = text(&object["last_payment_error"]["message"])
                    .unwrap_or_else(|| "The payment failed.".into());
                (reference, Outcome::Declined { reason })
            })
        }
        _ => None,
    };
    Ok(Event {
        id: envelope.id,
        kind: envelope.kind,
        payment,
    })
}

/// The address of the session Stripe made, from its answer.
pub fn session_url(answer: &serde_json::Value) -> Result<String, GatewayError> {
    answer["url"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| GatewayError(format!("no url in the session: {answer}")))
}

/// The form that creates a Checkout Session for `checkout`: one line, the
/// card kept for renewals.
pub fn session_form(checkout: &Checkout<'_>) -> Vec<(&'static str, String)> {
    vec![
        ("mode", "payment".into()),
        ("success_url", checkout.return_url.into()),
        ("cancel_url", checkout.return_url.into()),
        ("client_reference_id", checkout.reference.into()),
        ("customer_email", checkout.email.into()),
        ("customer_creation", "always".into()),
        (
            "line_items[0][price_data][currency]",
            checkout.amount.currency.code().to_lowercase(),
        ),
        (
            "line_items[0][price_data][unit_amount]",
            checkout.amount.minor.to_string(),
        ),
        (
            "line_items[0][price_data][product_data][name]",
            checkout.description.into(),
        ),
        ("line_items[0][quantity]", "1".into()),
        (
            "payment_intent_data[setup_future_usage]",
            "off_session".into(),
        ),
        (
            "payment_intent_data[metadata][reference]",
            checkout.reference.into(),
        ),
    ]
}

#[async_trait::async_trait]
impl PaymentGateway for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    async fn checkout(&self, checkout: &Checkout<'_>) -> Result<String, GatewayError> {
        let response = client()?
            .post("https://api.stripe.com/v1/checkout/sessions")
            .bearer_auth(&self.secret_key)
            .form(&session_form(checkout))
            .send()
            .await;
        session_url(&answer(response).await?)
    }

    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<Event, WebhookError> {
        let signature = header(headers, "stripe-signature").ok_or(WebhookError::Signature)?;
        verify(signature, body, &self.webhook_secret, now)?;
        event(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    const SECRET: &str = "whsec_test_secret";

    /// A `checkout.session.completed` as Stripe sends it (trimmed).
    const COMPLETED: &str = r#"{
  "id": "evt_1QKx2bLkdIwHu7ix5mCe7wQm",
  "object": "event",
  "api_version": "2024-06-20",
  "created": 1733120000,
  "type": "checkout.session.completed",
  "livemode": false,
  "data": {
    "object": {
      "id": "cs_test_a1b2c3",
      "object": "checkout.session",
      "amount_subtotal": 16125000,
      "amount_total": 16125000,
      "client_reference_id": "hw_0193f7a0000070008000000000000001",
      "currency": "ngn",
      "customer": "cus_R4nd0m",
      "mode": "payment",
      "payment_intent": "pi_3QKx2b",
      "payment_status": "paid",
      "status": "complete"
    }
  }
}"#;

    const FAILED: &str = r#"{
  "id": "evt_3QKx9z",
  "object": "event",
  "type": "payment_intent.payment_failed",
  "data": {
    "object": {
      "id": "pi_3QKx9z",
      "object": "payment_intent",
      "amount": 16125000,
      "currency": "ngn",
      "last_payment_error": {
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "message": "Your card has insufficient funds."
      },
      "metadata": { "reference": "hw_0193f7a0000070008000000000000001" },
      "status": "requires_payment_method"
    }
  }
}"#;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_733_120_000).unwrap()
    }

    #[test]
    fn signatures_are_checked_on_the_raw_body_with_a_timestamp() {
        let body = COMPLETED.as_bytes();
        let signature = sign(SECRET, body, now());
        assert_eq!(verify(&signature, body, SECRET, now()), Ok(()));
        // Within the tolerance either way (clocks differ a little).
        assert_eq!(
            verify(&signature, body, SECRET, now() + Duration::seconds(299)),
            Ok(())
        );
        // A tampered body, the wrong secret, an old or missing signature.
        let tampered = COMPLETED.replace("16125000", "100");
        assert_eq!(
            verify(&signature, tampered.as_bytes(), SECRET, now()),
            Err(WebhookError::Signature)
        );
        assert_eq!(
            verify(&signature, body, "whsec_other", now()),
            Err(WebhookError::Signature)
        );
        assert_eq!(
            verify(&signature, body, SECRET, now() + Duration::minutes(6)),
            Err(WebhookError::Stale)
        );
        assert_eq!(
            verify("", body, SECRET, now()),
            Err(WebhookError::Signature)
        );
        // The timestamp is signed too: moving it breaks the signature.
        let moved = signature.replace("t=1733120000", "t=1733120100");
        assert_eq!(
            verify(&moved, body, SECRET, now()),
            Err(WebhookError::Signature)
        );
        // Any one of several v1 tags (a secret being rolled).
        let tag = signature.split_once(",v1=").unwrap().1;
        let rolled = format!("{},v1={tag}", sign("whsec_old", body, now()));
        assert_eq!(verify(&rolled, body, SECRET, now()), Ok(()));
    }

    #[test]
    fn a_completed_session_pays_and_a_failed_intent_declines() {
        let paid = event(COMPLETED.as_bytes()).unwrap();
        assert_eq!(paid.id, "evt_1QKx2bLkdIwHu7ix5mCe7wQm");
        assert_eq!(
            paid.payment,
            Some((
                "hw_0193f7a0000070008000000000000001".into(),
                Outcome::Paid {
                    amount: 16_125_000,
                    currency: "NGN".into(),
                    card: Some(Card {
                        token: "cus_R4nd0m".into(),
                        brand: None,
                        last4: None
                    })
                }
            ))
        );
        let failed = event(FAILED.as_bytes()).unwrap();
        assert_eq!(
            failed.payment,
            Some((
                "hw_0193f7a0000070008000000000000001".into(),
                Outcome::Declined {
                    reason: "Your card has insufficient funds.".into()
                }
            ))
        );
        // A session still waiting for its money settles nothing yet.
        let waiting = COMPLETED.replace(
            r#""payment_status": "paid""#,
            r#""payment_status": "unpaid""#,
        );
        assert_eq!(event(waiting.as_bytes()).unwrap().payment, None);
        assert!(matches!(event(b"{}"), Err(WebhookError::Unreadable(_))));
    }

    #[test]
    fn the_session_asks_for_the_amount_and_keeps_the_card() {
        let checkout = Checkout {
            reference: "hw_1",
            amount: crate::money::Money::new(16_125_000, crate::money::Currency::Ngn),
            email: "owner@example.com",
            description: "Professional plan, one month",
            return_url: "https://hirewell.example/company/billing?payment=1",
        };
        let form = session_form(&checkout);
        let value = |name: &str| {
            form.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            value("line_items[0][price_data][unit_amount]"),
            Some("16125000")
        );
        assert_eq!(value("line_items[0][price_data][currency]"), Some("ngn"));
        assert_eq!(value("client_reference_id"), Some("hw_1"));
        assert_eq!(
            value("payment_intent_data[setup_future_usage]"),
            Some("off_session")
        );
        let answer = serde_json::json!({"id": "cs_test_1", "url": "https://checkout.stripe.com/c/pay/cs_test_1"});
        assert_eq!(
            session_url(&answer).as_deref(),
            Ok("https://checkout.stripe.com/c/pay/cs_test_1")
        );
        assert!(session_url(&serde_json::json!({"error": {}})).is_err());
    }
}
