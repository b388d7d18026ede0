//! Payment gateways behind one interface. The buyer pays on the gateway's
//! page (card data never reaches this site), and the gateway says how it
//! went in a signed webhook (`billing::webhooks`). Three implementations:
//! the built-in test gateway (development only), Paystack and Stripe,
//! chosen by configuration.

pub mod paystack;
pub mod stripe;
pub mod testing;

use crate::money::Money;
use http::HeaderMap;
use std::sync::Arc;
use time::OffsetDateTime;

/// What the site asks a gateway to collect.
pub struct Checkout<'a> {
    /// Ours; the gateway sends it back with its events.
    pub reference: &'a str,
    pub amount: Money,
    /// The buyer's address, for the gateway's receipt.
    pub email: &'a str,
    pub description: &'a str,
    /// Where the buyer comes back to once done (an absolute address).
    pub return_url: &'a str,
}

/// A renewal to charge to a kept card.
pub struct Charge<'a> {
    /// The card's token, as the gateway gave it.
    pub token: &'a str,
    pub reference: &'a str,
    pub amount: Money,
    pub email: &'a str,
}

/// Money given back on a paid payment.
pub struct Refund<'a> {
    /// The payment's reference, and the gateway's own id for it where it
    /// has one.
    pub reference: &'a str,
    pub transaction: Option<&'a str>,
    pub amount: Money,
    /// Ours, one per refund: asking again with it gives nothing more back.
    pub key: &'a str,
}

/// A card as a gateway describes it: its token for charging again, never
/// its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub token: String,
    pub brand: Option<String>,
    pub last4: Option<String>,
}

/// What became of a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Paid {
        /// Minor units, in `currency` (upper case).
        amount: i64,
        currency: String,
        card: Option<Card>,
        /// The gateway's own id for the payment, which refunds name
        /// (Stripe's payment intent); `None` where our reference does.
        transaction: Option<String>,
    },
    Declined {
        reason: String,
    },
}

/// A webhook delivery whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The gateway's id for the event: a replay carries the same.
    pub id: String,
    pub kind: String,
    /// Our payment's reference and its outcome, for events that settle one.
    pub payment: Option<(String, Outcome)>,
    /// The gateway's own id for that payment, where it looks payments up
    /// by it (Stripe's payment intent).
    pub object: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("the signature is missing or does not match")]
    Signature,
    #[error("the signature is too old")]
    Stale,
    #[error("the event could not be read: {0}")]
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GatewayError(pub String);

#[async_trait::async_trait]
pub trait PaymentGateway: Send + Sync {
    /// Its name in the webhook's path and in stored payments.
    fn name(&self) -> &'static str;

    /// Where to send the buyer to pay.
    async fn checkout(&self, checkout: &Checkout<'_>) -> Result<String, GatewayError>;

    /// Charges a kept card without the buyer (a renewal): paid or
    /// declined; an error when the gateway could not be asked. Charging a
    /// reference again never charges twice: the gateway answers with what
    /// became of the first charge.
    async fn charge(&self, charge: &Charge<'_>) -> Result<Outcome, GatewayError>;

    /// What the gateway's own records say became of the payment
    /// `reference` (`object`: the gateway's id for it, from an event):
    /// paid or declined once settled; `None` while it is not, or when the
    /// gateway knows no such payment. Asked before anything is granted, so
    /// that a signed event alone never grants a plan.
    async fn status(
        &self,
        reference: &str,
        object: Option<&str>,
    ) -> Result<Option<Outcome>, GatewayError>;

    /// Gives back `refund.amount` of a paid payment, to the card it was
    /// paid with. An error when the gateway refuses (more than is left,
    /// an unknown payment) or cannot be asked.
    async fn refund(&self, refund: &Refund<'_>) -> Result<(), GatewayError>;

    /// The event in a webhook delivery, if the gateway signed this body.
    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<Event, WebhookError>;
}

/// Which gateway takes payments, with its keys (from configuration).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum GatewaySettings {
    /// Payments are not taken.
    #[default]
    None,
    /// The built-in test gateway (development only).
    Test,
    Paystack {
        secret_key: String,
    },
    Stripe {
        secret_key: String,
        webhook_secret: String,
    },
}

impl GatewaySettings {
    /// The gateway these settings describe. The test gateway signs with a
    /// key derived from the site's own, and keeps its books in `pool`.
    pub fn gateway(
        &self,
        signer: &crate::crypto::Signer,
        pool: &sqlx::PgPool,
    ) -> Option<Arc<dyn PaymentGateway>> {
        match self {
            Self::None => None,
            Self::Test => Some(Arc::new(testing::TestGateway::new(signer, pool.clone()))),
            Self::Paystack { secret_key } => Some(Arc::new(paystack::Paystack::new(secret_key))),
            Self::Stripe {
                secret_key,
                webhook_secret,
            } => Some(Arc::new(stripe::Stripe::new(secret_key, webhook_secret))),
        }
    }
}

/// A header's value as text.
fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The body as JSON of type `T`.
fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    serde_json::from_slice(body).map_err(|e| WebhookError::Unreadable(e.to_string()))
}

/// The HTTP client for gateways' APIs: a short timeout, so a slow gateway
/// fails a checkout rather than holding the request.
fn client() -> Result<reqwest::Client, GatewayError> {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| GatewayError(e.to_string()))
}

/// A gateway API's answer: its status and JSON body.
async fn reply(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<(reqwest::StatusCode, serde_json::Value), GatewayError> {
    let response = response.map_err(|e| GatewayError(format!("unreachable: {e}")))?;
    let status = response.status();
    let body = response
        .json()
        .await
        .map_err(|e| GatewayError(format!("unreadable answer ({status}): {e}")))?;
    Ok((status, body))
}

/// A gateway API's answer as JSON, or what went wrong.
async fn answer(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<serde_json::Value, GatewayError> {
    match reply(response).await? {
        (status, body) if status.is_success() => Ok(body),
        (status, body) => Err(GatewayError(format!("refused ({status}): {body}"))),
    }
}
