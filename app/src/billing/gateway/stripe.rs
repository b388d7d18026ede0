//! Stripe: a Checkout Session to pay (the card kept for renewals, which
//! are off-session payment intents), and webhooks signed in the
//! `Stripe-Signature` header (`t=` a Unix time, `v1=` the hex HMAC-SHA256
//! of "t.body" under the endpoint's secret), refused when older than five
//! minutes. The test gateway signs the same way. An event's payment
//! intent is fetched again before anything is granted, and a renewal is
//! created under its reference as Stripe's idempotency key, so a retry
//! after a lost answer gets the first charge's outcome, not a second one.
//! Refunds name the payment intent, under the refund's own key.

use super::{
    Card, Charge, Checkout, Event, GatewayError, Outcome, PaymentGateway, Refund, WebhookError,
    answer, client, header, parse, reply,
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

    /// The request making an off-session payment intent for `charge`,
    /// keyed by its reference: Stripe makes it once.
    pub fn charge_request(
        &self,
        client: &reqwest::Client,
        charge: &Charge<'_>,
    ) -> Result<reqwest::RequestBuilder, GatewayError> {
        Ok(client
            .post("https://api.stripe.com/v1/payment_intents")
            .bearer_auth(&self.secret_key)
            .header("Idempotency-Key", charge.reference)
            .form(&charge_form(charge)?))
    }
}

/// The form of `POST /v1/refunds`: the payment intent and the amount;
/// without the intent there is nothing Stripe could refund.
pub fn refund_form(refund: &Refund<'_>) -> Result<Vec<(&'static str, String)>, GatewayError> {
    let intent = refund
        .transaction
        .ok_or_else(|| GatewayError("the payment has no Stripe payment intent".into()))?;
    Ok(vec![
        ("payment_intent", intent.to_string()),
        ("amount", refund.amount.minor.to_string()),
        ("metadata[reference]", refund.reference.to_string()),
    ])
}

/// Whether Stripe took the refund: succeeded, or pending on the bank.
pub fn refund_outcome(answer: &serde_json::Value) -> Result<(), GatewayError> {
    match answer["status"].as_str() {
        Some("succeeded" | "pending" | "requires_action") => Ok(()),
        _ => Err(GatewayError(format!(
            "Stripe did not refund: {}",
            answer["failure_reason"]
                .as_str()
                .unwrap_or("no reason given")
        ))),
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
    let reference = text(&object["metadata"]["reference"]);
    let payment = match (envelope.kind.as_str(), reference) {
        ("payment_intent.succeeded", Some(reference)) => Some((reference, paid(object))),
        ("payment_intent.payment_failed", Some(reference)) => Some((reference, declined(object))),
        _ => None,
    };
    Ok(Event {
        id: envelope.id,
        kind: envelope.kind,
        payment,
        object: text(&object["id"]),
    })
}

/// A succeeded payment intent as paid. The card is kept as the customer
/// and the payment method, the two an off-session renewal needs.
fn paid(intent: &serde_json::Value) -> Outcome {
    let card = match (
        intent["customer"].as_str(),
        intent["payment_method"].as_str(),
    ) {
        (Some(customer), Some(method)) => Some(Card {
            token: format!("{customer}|{method}"),
            brand: None,
            last4: None,
        }),
        _ => None,
    };
    Outcome::Paid {
        amount: intent["amount_received"].as_i64().unwrap_or_default(),
        currency: intent["currency"]
            .as_str()
            .unwrap_or_default()
            .to_uppercase(),
        card,
        transaction: intent["id"].as_str().map(str::to_string),
    }
}

/// What became of the payment `reference`, from Stripe's answer to
/// fetching its payment intent (`status` the HTTP status): paid, failed
/// or cancelled once settled; `None` while it waits (processing, or on the
/// buyer). An intent made for another payment is an error.
pub fn intent_outcome(
    reference: &str,
    status: u16,
    intent: &serde_json::Value,
) -> Result<Option<Outcome>, GatewayError> {
    if status != 200 {
        return Err(GatewayError(format!(
            "payment intent not read ({status}): {intent}"
        )));
    }
    if intent["metadata"]["reference"].as_str() != Some(reference) {
        return Err(GatewayError(format!(
            "the payment intent {} is not for {reference}",
            intent["id"]
        )));
    }
    Ok(match intent["status"].as_str() {
        Some("succeeded") => Some(paid(intent)),
        Some("canceled") => Some(Outcome::Declined {
            reason: "The payment was cancelled.".into(),
        }),
        Some("requires_payment_method") if intent["last_payment_error"].is_object() => {
            Some(declined(intent))
        }
        _ => None,
    })
}

/// A failed payment intent, with Stripe's reason.
fn declined(intent: &serde_json::Value) -> Outcome {
    Outcome::Declined {
        reason: intent["last_payment_error"]["message"]
            .as_str()
            .unwrap_or("The payment failed.")
            .to_string(),
    }
}

/// What an off-session payment intent came to, from Stripe's answer: a
/// 402 is a decline (its error says why), another failure an error.
pub fn charge_outcome(status: u16, answer: &serde_json::Value) -> Result<Outcome, GatewayError> {
    match (status, answer["status"].as_str()) {
        (200, Some("succeeded")) => Ok(Outcome::Paid {
            amount: answer["amount_received"].as_i64().unwrap_or_default(),
            currency: answer["currency"]
                .as_str()
                .unwrap_or_default()
                .to_uppercase(),
            card: None,
            transaction: answer["id"].as_str().map(str::to_string),
        }),
        (402, _) => Ok(Outcome::Declined {
            reason: answer["error"]["message"]
                .as_str()
                .unwrap_or("The card was declined.")
                .to_string(),
        }),
        (200, Some(_)) => Ok(declined(answer)),
        _ => Err(GatewayError(format!(
            "payment intent not made ({status}): {answer}"
        ))),
    }
}

/// The form of an off-session payment intent charging the kept card.
pub fn charge_form(charge: &Charge<'_>) -> Result<Vec<(&'static str, String)>, GatewayError> {
    let (customer, method) = charge
        .token
        .split_once('|')
        .ok_or_else(|| GatewayError("the kept card has no payment method".into()))?;
    Ok(vec![
        ("amount", charge.amount.minor.to_string()),
        ("currency", charge.amount.currency.code().to_lowercase()),
        ("customer", customer.into()),
        ("payment_method", method.into()),
        ("off_session", "true".into()),
        ("confirm", "true".into()),
        ("metadata[reference]", charge.reference.into()),
    ])
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

    async fn charge(&self, charge: &Charge<'_>) -> Result<Outcome, GatewayError> {
        let response = self.charge_request(&client()?, charge)?.send().await;
        let (status, answer) = reply(response).await?;
        charge_outcome(status.as_u16(), &answer)
    }

    /// Stripe is asked by the payment intent an event names; a renewal
    /// whose answer was lost is asked by charging it again under the same
    /// idempotency key, which answers with the first charge.
    async fn status(
        &self,
        reference: &str,
        object: Option<&str>,
    ) -> Result<Option<Outcome>, GatewayError> {
        let Some(intent) = object else {
            return Ok(None);
        };
        let response = client()?
            .get(format!(
                "https://api.stripe.com/v1/payment_intents/{intent}"
            ))
            .bearer_auth(&self.secret_key)
            .send()
            .await;
        let (status, answer) = reply(response).await?;
        intent_outcome(reference, status.as_u16(), &answer)
    }

    async fn refund(&self, refund: &Refund<'_>) -> Result<(), GatewayError> {
        let response = client()?
            .post("https://api.stripe.com/v1/refunds")
            .bearer_auth(&self.secret_key)
            .header("Idempotency-Key", refund.key)
            .form(&refund_form(refund)?)
            .send()
            .await;
        refund_outcome(&answer(response).await?)
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

    /// A `payment_intent.succeeded` as Stripe sends it (trimmed).
    const SUCCEEDED: &str = r#"{
  "id": "evt_3QKx2bLkdIwHu7ix1mCe7wQm",
  "object": "event",
  "api_version": "2024-06-20",
  "created": 1733120000,
  "type": "payment_intent.succeeded",
  "livemode": false,
  "data": {
    "object": {
      "id": "pi_3QKx2b",
      "object": "payment_intent",
      "amount": 16125000,
      "amount_received": 16125000,
      "currency": "ngn",
      "customer": "cus_R4nd0m",
      "metadata": { "reference": "hw_0193f7a0000070008000000000000001" },
      "payment_method": "pm_1QKx2a",
      "setup_future_usage": "off_session",
      "status": "succeeded"
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
        let body = SUCCEEDED.as_bytes();
        let signature = sign(SECRET, body, now());
        assert_eq!(verify(&signature, body, SECRET, now()), Ok(()));
        // Within the tolerance either way (clocks differ a little).
        assert_eq!(
            verify(&signature, body, SECRET, now() + Duration::seconds(299)),
            Ok(())
        );
        // A tampered body, the wrong secret, an old or missing signature.
        let tampered = SUCCEEDED.replace("16125000", "100");
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
    fn a_succeeded_intent_pays_and_a_failed_one_declines() {
        let paid = event(SUCCEEDED.as_bytes()).unwrap();
        assert_eq!(paid.id, "evt_3QKx2bLkdIwHu7ix1mCe7wQm");
        assert_eq!(
            paid.payment,
            Some((
                "hw_0193f7a0000070008000000000000001".into(),
                Outcome::Paid {
                    amount: 16_125_000,
                    currency: "NGN".into(),
                    card: Some(Card {
                        token: "cus_R4nd0m|pm_1QKx2a".into(),
                        brand: None,
                        last4: None
                    }),
                    transaction: Some("pi_3QKx2b".into())
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
        // A completed session is recorded, but the intent's event settles.
        let session = SUCCEEDED.replace("payment_intent.succeeded", "checkout.session.completed");
        assert_eq!(event(session.as_bytes()).unwrap().payment, None);
        assert!(matches!(event(b"{}"), Err(WebhookError::Unreadable(_))));
        // The intent is what Stripe is asked about before anything is granted.
        assert_eq!(paid.object.as_deref(), Some("pi_3QKx2b"));
    }

    #[test]
    fn an_intent_fetched_again_says_what_became_of_the_payment() {
        let reference = "hw_0193f7a0000070008000000000000001";
        let envelope: serde_json::Value = serde_json::from_str(SUCCEEDED).unwrap();
        let intent = &envelope["data"]["object"];
        assert_eq!(
            intent_outcome(reference, 200, intent),
            Ok(Some(paid(intent)))
        );
        let with_status = |status: &str| {
            let mut intent = intent.clone();
            intent["status"] = status.into();
            intent
        };
        assert_eq!(
            intent_outcome(reference, 200, &with_status("processing")),
            Ok(None)
        );
        assert_eq!(
            intent_outcome(reference, 200, &with_status("requires_payment_method")),
            Ok(None)
        );
        assert!(matches!(
            intent_outcome(reference, 200, &with_status("canceled")),
            Ok(Some(Outcome::Declined { .. }))
        ));
        let failed: serde_json::Value = serde_json::from_str(FAILED).unwrap();
        assert_eq!(
            intent_outcome(reference, 200, &failed["data"]["object"]),
            Ok(Some(Outcome::Declined {
                reason: "Your card has insufficient funds.".into()
            }))
        );
        // An event naming another payment's intent is not believed.
        assert!(intent_outcome("hw_other", 200, intent).is_err());
        assert!(intent_outcome(reference, 404, &serde_json::json!({})).is_err());
    }

    #[test]
    fn renewals_charge_the_kept_card_off_session() {
        let charge = Charge {
            token: "cus_R4nd0m|pm_1QKx2a",
            reference: "hw_2",
            amount: crate::money::Money::new(5_375_000, crate::money::Currency::Ngn),
            email: "owner@example.com",
        };
        let form = charge_form(&charge).unwrap();
        let value = |name: &str| {
            form.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("customer"), Some("cus_R4nd0m"));
        assert_eq!(value("payment_method"), Some("pm_1QKx2a"));
        assert_eq!(value("off_session"), Some("true"));
        // Made once, however often it is sent.
        let request = Stripe::new("sk_test", SECRET)
            .charge_request(&reqwest::Client::new(), &charge)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(request.headers()["idempotency-key"], "hw_2");
        assert!(
            charge_form(&Charge {
                token: "cus_only",
                ..charge
            })
            .is_err()
        );
        let paid = serde_json::json!({
            "id": "pi_1", "status": "succeeded", "amount_received": 5375000, "currency": "ngn"
        });
        assert!(matches!(
            charge_outcome(200, &paid),
            Ok(Outcome::Paid {
                amount: 5_375_000,
                transaction: Some(ref id),
                ..
            }) if id == "pi_1"
        ));
        let declined = serde_json::json!({
            "error": {
                "code": "card_declined", "decline_code": "insufficient_funds",
                "message": "Your card has insufficient funds.", "type": "card_error"
            }
        });
        assert_eq!(
            charge_outcome(402, &declined),
            Ok(Outcome::Declined {
                reason: "Your card has insufficient funds.".into()
            })
        );
        assert!(charge_outcome(500, &serde_json::json!({})).is_err());
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

    #[test]
    fn a_refund_names_the_payment_intent() {
        use crate::money::{Currency, Money};
        let refund = Refund {
            reference: "hw_0193f7a0000070008000000000000001",
            transaction: Some("pi_3QKx2b"),
            amount: Money::new(2_687_500, Currency::Ngn),
            key: "0193f7a0-0000-7000-8000-000000000009",
        };
        let form = refund_form(&refund).unwrap();
        assert!(form.contains(&("payment_intent", "pi_3QKx2b".into())));
        assert!(form.contains(&("amount", "2687500".into())));
        // Without the intent there is nothing to refund.
        let unknown = Refund {
            transaction: None,
            ..refund
        };
        assert!(refund_form(&unknown).is_err());
        // Stripe's refund object (trimmed).
        let refunded = serde_json::json!({
            "id": "re_3QKx2b", "object": "refund", "amount": 2_687_500,
            "currency": "ngn", "payment_intent": "pi_3QKx2b", "status": "succeeded"
        });
        assert_eq!(refund_outcome(&refunded), Ok(()));
        let mut failed = refunded.clone();
        failed["status"] = "failed".into();
        failed["failure_reason"] = "expired_or_canceled_card".into();
        assert_eq!(
            refund_outcome(&failed),
            Err(GatewayError(
                "Stripe did not refund: expired_or_canceled_card".into()
            ))
        );
    }
}
