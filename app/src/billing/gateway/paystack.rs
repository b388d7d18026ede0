//! Paystack: a transaction initialised for the buyer to pay on Paystack's
//! page, and webhooks signed in `x-paystack-signature` (the hex
//! HMAC-SHA512 of the raw body under the secret key). Paystack's events
//! carry no id of their own: the event's name and the transaction's id
//! make one. A transaction's status is asked by its reference
//! (`/transaction/verify`), before granting and before charging a renewal
//! again (Paystack refuses a reference twice rather than answering with
//! the first charge). Refunds name the transaction by our reference too.

use super::{
    Card, Charge, Checkout, Event, GatewayError, Outcome, PaymentGateway, Refund, WebhookError,
    answer, client, header, parse, reply,
};
use hmac::{Hmac, Mac};
use http::HeaderMap;
use serde::Deserialize;
use time::OffsetDateTime;

pub struct Paystack {
    secret_key: String,
}

impl Paystack {
    pub fn new(secret_key: &str) -> Self {
        Self {
            secret_key: secret_key.to_string(),
        }
    }
}

fn mac(secret_key: &str, body: &[u8]) -> Hmac<sha2::Sha512> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<sha2::Sha512> as Mac>::new_from_slice(secret_key.as_bytes())
        .unwrap_or_else(|_| unreachable!());
    mac.update(body);
    mac
}

/// The header value that signs `body`.
pub fn sign(secret_key: &str, body: &[u8]) -> String {
    hex::encode(mac(secret_key, body).finalize().into_bytes())
}

/// Whether `signature` signs `body` under `secret_key`.
pub fn verify(signature: &str, body: &[u8], secret_key: &str) -> Result<(), WebhookError> {
    let tag = hex::decode(signature.trim()).map_err(|_| WebhookError::Signature)?;
    mac(secret_key, body)
        .verify_slice(&tag)
        .map_err(|_| WebhookError::Signature)
}

#[derive(Deserialize)]
struct Envelope {
    event: String,
    data: serde_json::Value,
}

/// The event in a body whose signature was checked.
pub fn event(body: &[u8]) -> Result<Event, WebhookError> {
    let envelope: Envelope = parse(body)?;
    let data = &envelope.data;
    let transaction = match &data["id"] {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        _ => return Err(WebhookError::Unreadable("no transaction id".into())),
    };
    let reference = data["reference"].as_str().map(str::to_string);
    let payment = match (envelope.event.as_str(), reference) {
        ("charge.success", Some(reference)) if data["status"] == "success" => {
            Some((reference, paid(data)))
        }
        _ => None,
    };
    Ok(Event {
        id: format!("{}:{transaction}", envelope.event),
        kind: envelope.event,
        payment,
        object: None,
    })
}

/// A successful transaction as paid, with its card when it is reusable
/// (only a reusable authorization can be charged again).
fn paid(transaction: &serde_json::Value) -> Outcome {
    let text = |value: &serde_json::Value| value.as_str().map(str::to_string);
    let authorization = &transaction["authorization"];
    let card = text(&authorization["authorization_code"])
        .filter(|_| authorization["reusable"] == true)
        .map(|token| Card {
            token,
            brand: text(&authorization["brand"]),
            last4: text(&authorization["last4"]),
        });
    Outcome::Paid {
        amount: transaction["amount"].as_i64().unwrap_or_default(),
        currency: transaction["currency"]
            .as_str()
            .unwrap_or_default()
            .to_uppercase(),
        card,
        transaction: None,
    }
}

/// What became of a transaction, from Paystack's answer to
/// `/transaction/verify/{reference}` (`status` the HTTP status): paid or
/// failed once settled; `None` while it waits for the buyer (Paystack's
/// "abandoned" is a checkout not finished yet) or when Paystack knows no
/// such reference.
pub fn verify_outcome(
    status: u16,
    answer: &serde_json::Value,
) -> Result<Option<Outcome>, GatewayError> {
    if answer["status"] == false
        && answer["message"]
            .as_str()
            .is_some_and(|m| m.to_lowercase().contains("not found"))
    {
        return Ok(None);
    }
    let data = &answer["data"];
    match (status, data["status"].as_str()) {
        (200, Some("success")) => Ok(Some(paid(data))),
        (200, Some("failed" | "reversed")) => Ok(Some(Outcome::Declined {
            reason: data["gateway_response"]
                .as_str()
                .filter(|r| !r.is_empty())
                .unwrap_or("The payment failed.")
                .to_string(),
        })),
        (200, Some(_)) => Ok(None),
        _ => Err(GatewayError(format!(
            "transaction not verified ({status}): {answer}"
        ))),
    }
}

/// The body that initialises a transaction for `checkout`.
pub fn initialize_body(checkout: &Checkout<'_>) -> serde_json::Value {
    serde_json::json!({
        "email": checkout.email,
        "amount": checkout.amount.minor,
        "currency": checkout.amount.currency.code(),
        "reference": checkout.reference,
        "callback_url": checkout.return_url,
        "metadata": { "description": checkout.description },
    })
}

/// The page to send the buyer to, from Paystack's answer.
pub fn authorization_url(answer: &serde_json::Value) -> Result<String, GatewayError> {
    match (
        answer["status"].as_bool(),
        answer["data"]["authorization_url"].as_str(),
    ) {
        (Some(true), Some(url)) => Ok(url.to_string()),
        _ => Err(GatewayError(format!("no authorization url: {answer}"))),
    }
}

/// What a charge of a kept authorization came to, from Paystack's answer
/// (`data.status` "success" or "failed"; anything else waits for the card
/// holder, which a renewal cannot).
pub fn charge_outcome(answer: &serde_json::Value) -> Result<Outcome, GatewayError> {
    let data = &answer["data"];
    match data["status"].as_str() {
        Some("success") => Ok(Outcome::Paid {
            amount: data["amount"].as_i64().unwrap_or_default(),
            currency: data["currency"].as_str().unwrap_or_default().to_uppercase(),
            card: None,
            transaction: None,
        }),
        Some(_) => Ok(Outcome::Declined {
            reason: data["gateway_response"]
                .as_str()
                .filter(|r| !r.is_empty())
                .unwrap_or("The card could not be charged.")
                .to_string(),
        }),
        None => Err(GatewayError(format!("no charge status: {answer}"))),
    }
}

/// The body of `POST /refund`: Paystack finds the transaction by our
/// reference.
pub fn refund_body(refund: &Refund<'_>) -> serde_json::Value {
    serde_json::json!({
        "transaction": refund.reference,
        "amount": refund.amount.minor,
        "currency": refund.amount.currency.code(),
    })
}

/// Whether Paystack took the refund: queued or processed; a refund it
/// marks failed is refused.
pub fn refund_outcome(answer: &serde_json::Value) -> Result<(), GatewayError> {
    match (
        answer["status"].as_bool(),
        answer["data"]["status"].as_str(),
    ) {
        (Some(true), Some("failed")) | (Some(false), _) | (None, _) => Err(GatewayError(
            answer["message"]
                .as_str()
                .unwrap_or("Paystack did not take the refund.")
                .to_string(),
        )),
        (Some(true), _) => Ok(()),
    }
}

#[async_trait::async_trait]
impl PaymentGateway for Paystack {
    fn name(&self) -> &'static str {
        "paystack"
    }

    async fn checkout(&self, checkout: &Checkout<'_>) -> Result<String, GatewayError> {
        let response = client()?
            .post("https://api.paystack.co/transaction/initialize")
            .bearer_auth(&self.secret_key)
            .json(&initialize_body(checkout))
            .send()
            .await;
        authorization_url(&answer(response).await?)
    }

    async fn charge(&self, charge: &Charge<'_>) -> Result<Outcome, GatewayError> {
        if let Some(outcome) = self.status(charge.reference, None).await? {
            return Ok(outcome);
        }
        let response = client()?
            .post("https://api.paystack.co/transaction/charge_authorization")
            .bearer_auth(&self.secret_key)
            .json(&serde_json::json!({
                "authorization_code": charge.token,
                "email": charge.email,
                "amount": charge.amount.minor,
                "currency": charge.amount.currency.code(),
                "reference": charge.reference,
            }))
            .send()
            .await;
        charge_outcome(&answer(response).await?)
    }

    async fn status(
        &self,
        reference: &str,
        _object: Option<&str>,
    ) -> Result<Option<Outcome>, GatewayError> {
        let response = client()?
            .get(format!(
                "https://api.paystack.co/transaction/verify/{reference}"
            ))
            .bearer_auth(&self.secret_key)
            .send()
            .await;
        let (status, answer) = reply(response).await?;
        verify_outcome(status.as_u16(), &answer)
    }

    async fn refund(&self, refund: &Refund<'_>) -> Result<(), GatewayError> {
        let response = client()?
            .post("https://api.paystack.co/refund")
            .bearer_auth(&self.secret_key)
            .json(&refund_body(refund))
            .send()
            .await;
        refund_outcome(&answer(response).await?)
    }

    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        _now: OffsetDateTime,
    ) -> Result<Event, WebhookError> {
        let signature = header(headers, "x-paystack-signature").ok_or(WebhookError::Signature)?;
        verify(signature, body, &self.secret_key)?;
        event(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "sk_test_0123456789abcdef";

    /// A `charge.success` as Paystack sends it (trimmed).
    const CHARGE_SUCCESS: &str = r#"{
  "event": "charge.success",
  "data": {
    "id": 302961,
    "domain": "test",
    "status": "success",
    "reference": "hw_0193f7a0000070008000000000000001",
    "amount": 16125000,
    "message": null,
    "gateway_response": "Approved",
    "paid_at": "2026-12-02T10:30:00.000Z",
    "channel": "card",
    "currency": "NGN",
    "authorization": {
      "authorization_code": "AUTH_8dfhjjdt",
      "bin": "408408",
      "last4": "4081",
      "exp_month": "12",
      "exp_year": "2030",
      "card_type": "visa DEBIT",
      "bank": "Test Bank",
      "country_code": "NG",
      "brand": "visa",
      "reusable": true
    },
    "customer": { "id": 84312, "email": "owner@example.com", "customer_code": "CUS_hdhye17yj8qd2tx" }
  }
}"#;

    #[test]
    fn signatures_are_the_hmac_sha512_of_the_raw_body() {
        let body = CHARGE_SUCCESS.as_bytes();
        let signature = sign(SECRET, body);
        assert_eq!(signature.len(), 128);
        assert_eq!(verify(&signature, body, SECRET), Ok(()));
        assert_eq!(verify(&signature.to_uppercase(), body, SECRET), Ok(()));
        let tampered = CHARGE_SUCCESS.replace("16125000", "100");
        assert_eq!(
            verify(&signature, tampered.as_bytes(), SECRET),
            Err(WebhookError::Signature)
        );
        assert_eq!(
            verify(&signature, body, "sk_test_other"),
            Err(WebhookError::Signature)
        );
        assert_eq!(
            verify("not hex", body, SECRET),
            Err(WebhookError::Signature)
        );
        assert_eq!(verify("", body, SECRET), Err(WebhookError::Signature));
    }

    #[test]
    fn a_successful_charge_pays_with_a_reusable_card() {
        let paid = event(CHARGE_SUCCESS.as_bytes()).unwrap();
        assert_eq!(paid.id, "charge.success:302961");
        assert_eq!(
            paid.payment,
            Some((
                "hw_0193f7a0000070008000000000000001".into(),
                Outcome::Paid {
                    amount: 16_125_000,
                    currency: "NGN".into(),
                    card: Some(Card {
                        token: "AUTH_8dfhjjdt".into(),
                        brand: Some("visa".into()),
                        last4: Some("4081".into())
                    }),
                    transaction: None
                }
            ))
        );
        // A card that cannot be charged again is not kept.
        let once = CHARGE_SUCCESS.replace(r#""reusable": true"#, r#""reusable": false"#);
        assert!(matches!(
            event(once.as_bytes()).unwrap().payment,
            Some((_, Outcome::Paid { card: None, .. }))
        ));
        // Other events are recorded but settle nothing.
        let other = CHARGE_SUCCESS.replace("charge.success", "transfer.success");
        assert_eq!(event(other.as_bytes()).unwrap().payment, None);
        assert!(event(b"{\"event\":\"charge.success\",\"data\":{}}").is_err());
    }

    #[test]
    fn a_kept_authorization_is_charged_or_declined() {
        let success = serde_json::json!({
            "status": true,
            "message": "Charge attempted",
            "data": {
                "amount": 5375000, "currency": "NGN", "status": "success",
                "reference": "hw_2", "gateway_response": "Approved"
            }
        });
        assert_eq!(
            charge_outcome(&success),
            Ok(Outcome::Paid {
                amount: 5_375_000,
                currency: "NGN".into(),
                card: None,
                transaction: None
            })
        );
        let failed = serde_json::json!({
            "status": true,
            "message": "Charge attempted",
            "data": { "status": "failed", "gateway_response": "Insufficient Funds" }
        });
        assert_eq!(
            charge_outcome(&failed),
            Ok(Outcome::Declined {
                reason: "Insufficient Funds".into()
            })
        );
        assert!(charge_outcome(&serde_json::json!({"status": false})).is_err());
    }

    /// `/transaction/verify` answering for a paid transaction (trimmed).
    const VERIFIED: &str = r#"{
  "status": true,
  "message": "Verification successful",
  "data": {
    "id": 302961,
    "domain": "test",
    "status": "success",
    "reference": "hw_0193f7a0000070008000000000000001",
    "amount": 16125000,
    "gateway_response": "Successful",
    "paid_at": "2026-12-02T10:30:00.000Z",
    "channel": "card",
    "currency": "NGN",
    "authorization": {
      "authorization_code": "AUTH_8dfhjjdt",
      "last4": "4081",
      "card_type": "visa DEBIT",
      "brand": "visa",
      "reusable": true
    }
  }
}"#;

    #[test]
    fn a_verified_transaction_is_paid_failed_or_not_settled_yet() {
        let verified: serde_json::Value = serde_json::from_str(VERIFIED).unwrap();
        assert_eq!(
            verify_outcome(200, &verified),
            Ok(Some(Outcome::Paid {
                amount: 16_125_000,
                currency: "NGN".into(),
                card: Some(Card {
                    token: "AUTH_8dfhjjdt".into(),
                    brand: Some("visa".into()),
                    last4: Some("4081".into())
                }),
                transaction: None
            }))
        );
        let with = |status: &str, response: &str| {
            let mut answer = verified.clone();
            answer["data"]["status"] = status.into();
            answer["data"]["gateway_response"] = response.into();
            answer
        };
        assert_eq!(
            verify_outcome(200, &with("failed", "Declined")),
            Ok(Some(Outcome::Declined {
                reason: "Declined".into()
            }))
        );
        // A checkout not finished yet, or still under way, settles nothing.
        assert_eq!(verify_outcome(200, &with("abandoned", "")), Ok(None));
        assert_eq!(verify_outcome(200, &with("ongoing", "")), Ok(None));
        let unknown = serde_json::json!({
            "status": false,
            "message": "Transaction reference not found"
        });
        assert_eq!(verify_outcome(400, &unknown), Ok(None));
        let refused = serde_json::json!({"status": false, "message": "Invalid key"});
        assert!(verify_outcome(401, &refused).is_err());
    }

    #[test]
    fn a_transaction_is_initialised_for_the_amount_in_kobo() {
        let checkout = Checkout {
            reference: "hw_1",
            amount: crate::money::Money::new(16_125_000, crate::money::Currency::Ngn),
            email: "owner@example.com",
            description: "Professional plan, one month",
            return_url: "https://hirewell.example/company/billing?payment=1",
        };
        let body = initialize_body(&checkout);
        assert_eq!(body["amount"], 16_125_000);
        assert_eq!(body["currency"], "NGN");
        assert_eq!(body["reference"], "hw_1");
        let answer = serde_json::json!({
            "status": true,
            "message": "Authorization URL created",
            "data": {
                "authorization_url": "https://checkout.paystack.com/0peioxfhpn",
                "access_code": "0peioxfhpn",
                "reference": "hw_1"
            }
        });
        assert_eq!(
            authorization_url(&answer).as_deref(),
            Ok("https://checkout.paystack.com/0peioxfhpn")
        );
        let refused = serde_json::json!({"status": false, "message": "Invalid key"});
        assert!(authorization_url(&refused).is_err());
    }

    #[test]
    fn a_refund_names_the_transaction_by_reference_and_is_taken_or_refused() {
        use crate::money::{Currency, Money};
        let refund = Refund {
            reference: "hw_0193f7a0000070008000000000000001",
            transaction: None,
            amount: Money::new(2_687_500, Currency::Ngn),
            key: "0193f7a0-0000-7000-8000-000000000009",
        };
        assert_eq!(
            refund_body(&refund),
            serde_json::json!({
                "transaction": "hw_0193f7a0000070008000000000000001",
                "amount": 2_687_500,
                "currency": "NGN",
            })
        );
        // Paystack's answer to `POST /refund` (trimmed).
        let queued = serde_json::json!({
            "status": true,
            "message": "Refund has been queued for processing",
            "data": {
                "transaction": { "id": 302961, "reference": "hw_0193f7a0000070008000000000000001" },
                "amount": 2_687_500, "currency": "NGN", "status": "pending"
            }
        });
        assert_eq!(refund_outcome(&queued), Ok(()));
        let mut failed = queued.clone();
        failed["data"]["status"] = "failed".into();
        assert!(refund_outcome(&failed).is_err());
        let refused = serde_json::json!({
            "status": false,
            "message": "Refund amount cannot be greater than transaction amount"
        });
        assert_eq!(
            refund_outcome(&refused),
            Err(GatewayError(
                "Refund amount cannot be greater than transaction amount".into()
            ))
        );
    }
}
