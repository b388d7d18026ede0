//! Unsubscribing from a mail without logging in. Each mail a person can turn
//! off carries a signed link; opening it shows what it stops, and the
//! change happens on a POST (RFC 8058 one-click: mail clients POST to the
//! `List-Unsubscribe` address; scanners that follow links only GET).

use crate::error::AppError;
use crate::notifications::rules::Kind;
use crate::ui::{PRIMARY_BUTTON, PageHeading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What one unsubscribe link stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscription {
    /// Emails of one notification kind to an account (notifications stay
    /// in the app).
    Notifications { user_id: Uuid, kind: Kind },
    /// Invitations to hiring teams, to an address that may have no account.
    Invitations { address: String },
    /// The daily summary of notifications (they stay in the app).
    Digest { user_id: Uuid },
}

/// What the page shows about a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeLink {
    /// "emails about replies to your applications".
    pub stops: String,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::Subscription;
    use crate::crypto::Signer;
    use crate::notifications::rules::{Delivery, Kind};
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    const PURPOSE: &str = "unsubscribe";

    impl Subscription {
        pub fn message(&self) -> String {
            match self {
                Subscription::Notifications { user_id, kind } => {
                    format!("n:{user_id}:{}", kind.as_str())
                }
                Subscription::Invitations { address } => format!("i:{address}"),
                Subscription::Digest { user_id } => format!("d:{user_id}"),
            }
        }

        pub fn from_message(message: &str) -> Option<Self> {
            match message.split_once(':')? {
                ("n", rest) => {
                    let (user_id, kind) = rest.split_once(':')?;
                    Some(Subscription::Notifications {
                        user_id: user_id.parse().ok()?,
                        kind: Kind::parse(kind).filter(|kind| !kind.is_fixed())?,
                    })
                }
                ("i", address) => Some(Subscription::Invitations {
                    address: address.to_string(),
                }),
                ("d", user_id) => Some(Subscription::Digest {
                    user_id: user_id.parse().ok()?,
                }),
                _ => None,
            }
        }

        /// The signed token for the link.
        pub fn token(&self, signer: &Signer) -> String {
            let message = self.message();
            let tag = signer.sign(PURPOSE, message.as_bytes());
            format!(
                "{}.{}",
                URL_SAFE_NO_PAD.encode(message),
                URL_SAFE_NO_PAD.encode(tag)
            )
        }

        /// The subscription a token names, if its signature holds.
        pub fn from_token(signer: &Signer, token: &str) -> Option<Self> {
            let (message, tag) = token.split_once('.')?;
            let message = URL_SAFE_NO_PAD.decode(message).ok()?;
            let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
            if !signer.verify(PURPOSE, &message, &tag) {
                return None;
            }
            Self::from_message(std::str::from_utf8(&message).ok()?)
        }

        /// The address of the link for a mail.
        pub fn url(&self, site_url: &str, signer: &Signer) -> String {
            format!("{site_url}/unsubscribe?token={}", self.token(signer))
        }

        /// The words for the page.
        pub fn stops(&self) -> String {
            match self {
                Subscription::Notifications { kind, .. } => format!(
                    "emails about “{}” (you still see them in the app)",
                    kind.label().to_lowercase()
                ),
                Subscription::Invitations { .. } => {
                    "invitations to join hiring teams on Hirewell".into()
                }
                Subscription::Digest { .. } => {
                    "the daily summary email (you still see everything in the app)".into()
                }
            }
        }

        /// Carries it out; doing it twice changes nothing.
        pub async fn apply(&self, pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
            match self {
                Subscription::Notifications { user_id, kind } => {
                    // Only email stops: a kind the person turned off stays off.
                    sqlx::query!(
                        "insert into notification_preferences (user_id, kind, delivery)
                         select id, $2, $3 from users where id = $1
                         on conflict (user_id, kind) do update set delivery = excluded.delivery
                          where notification_preferences.delivery = $4",
                        user_id,
                        kind.as_str(),
                        Delivery::InApp.as_str(),
                        Delivery::Email.as_str(),
                    )
                    .execute(pool)
                    .await?;
                }
                Subscription::Digest { user_id } => {
                    sqlx::query!(
                        "update notification_preferences set delivery = $2
                          where user_id = $1 and delivery = $3",
                        user_id,
                        Delivery::InApp.as_str(),
                        Delivery::Digest.as_str(),
                    )
                    .execute(pool)
                    .await?;
                }
                Subscription::Invitations { address } => {
                    sqlx::query!(
                        "insert into email_suppressions (address, reason) values (lower($1), 'unsubscribed')
                         on conflict (address) do nothing",
                        address
                    )
                    .execute(pool)
                    .await?;
                }
            }
            Ok(())
        }
    }

    /// `POST /unsubscribe?token=…`: one-click from a mail client (answered
    /// with a short text), or the page's button (sent back to the page).
    pub async fn one_click(
        axum::extract::State(state): axum::extract::State<crate::state::AppState>,
        axum::extract::Query(query): axum::extract::Query<
            std::collections::HashMap<String, String>,
        >,
        body: String,
    ) -> axum::response::Response {
        use axum::http::StatusCode;
        use axum::response::{IntoResponse, Redirect};
        let token = query.get("token").map(String::as_str).unwrap_or_default();
        let Some(subscription) = Subscription::from_token(state.cipher.signer(), token) else {
            return (
                StatusCode::BAD_REQUEST,
                "This unsubscribe link is not valid.",
            )
                .into_response();
        };
        if let Err(error) = subscription.apply(&state.pool).await {
            tracing::error!(%error, "unsubscribe failed");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a minute.",
            )
                .into_response();
        }
        if body.contains("List-Unsubscribe=One-Click") {
            (StatusCode::OK, "Unsubscribed.").into_response()
        } else {
            Redirect::to(&format!("/unsubscribe?token={token}&done=1")).into_response()
        }
    }
}

#[server(endpoint = "email/unsubscribe/describe")]
pub async fn describe_unsubscribe_link(token: String) -> Result<UnsubscribeLink, AppError> {
    crate::state::respond(async move {
        let state = crate::state::app_state()?;
        let subscription =
            Subscription::from_token(state.cipher.signer(), &token).ok_or(AppError::NotFound)?;
        Ok(UnsubscribeLink {
            stops: subscription.stops(),
        })
    })
    .await
}

const CARD: &str = "rounded-xl border border-slate-200 bg-white p-6";

/// Where every choice about email can be changed.
#[component]
fn SettingsLink(label: &'static str) -> impl IntoView {
    view! {
        <a href="/settings#notifications" class="mt-4 inline-block font-medium text-indigo-700 underline">
            {label}
        </a>
    }
}

/// `/unsubscribe?token=…`: says what the link stops and asks for the click
/// that does it; works logged out and without script.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    let link = Resource::new(token, describe_unsubscribe_link);
    view! {
        <Title text="Unsubscribe"/>
        <div class="mx-auto max-w-lg">
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    match link.await {
                        Err(_) => view! {
                            <PageHeading title="This link does not work"/>
                            <div class=CARD>
                                <p class="text-slate-700">
                                    "The unsubscribe link is not valid. Copy the whole link from the email, or choose which emails you get in your settings."
                                </p>
                                <SettingsLink label="Email settings"/>
                            </div>
                        }
                        .into_any(),
                        Ok(link) if done() => view! {
                            <PageHeading title="You are unsubscribed"/>
                            <div class=CARD>
                                <p class="text-slate-700">
                                    {format!("You will no longer get {}.", link.stops)}
                                </p>
                                <SettingsLink label="Change your email settings"/>
                            </div>
                        }
                        .into_any(),
                        Ok(link) => view! {
                            <PageHeading title="Unsubscribe"/>
                            <div class=CARD>
                                <p class="text-slate-700">{format!("Stop {} to this address?", link.stops)}</p>
                                <form method="post" action=format!("/unsubscribe?token={}", token()) class="mt-5">
                                    <button type="submit" class=PRIMARY_BUTTON>"Unsubscribe"</button>
                                </form>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </crate::ui::PageData>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::crypto::FieldCipher;

    fn signer() -> crate::crypto::Signer {
        FieldCipher::from_base64(&FieldCipher::generate_key())
            .unwrap()
            .signer()
            .clone()
    }

    #[test]
    fn tokens_name_their_subscription_and_resist_tampering() {
        let signer = signer();
        for subscription in [
            Subscription::Notifications {
                user_id: Uuid::now_v7(),
                kind: Kind::StageChanged,
            },
            Subscription::Invitations {
                address: "someone@example.com".into(),
            },
            Subscription::Digest {
                user_id: Uuid::now_v7(),
            },
        ] {
            let token = subscription.token(&signer);
            assert_eq!(
                Subscription::from_token(&signer, &token),
                Some(subscription)
            );
            let mut forged = token.clone();
            forged.replace_range(0..1, if token.starts_with('a') { "b" } else { "a" });
            assert_eq!(Subscription::from_token(&signer, &forged), None);
            assert_eq!(
                Subscription::from_token(&crate::mail::unsubscribe::tests::signer(), &token),
                None
            );
        }
        assert_eq!(Subscription::from_token(&signer, "garbage"), None);
        assert_eq!(Subscription::from_token(&signer, ""), None);
    }

    #[test]
    fn security_notices_have_no_unsubscribe() {
        let signer = signer();
        let token = Subscription::Notifications {
            user_id: Uuid::now_v7(),
            kind: Kind::AccountSecurity,
        }
        .token(&signer);
        assert_eq!(Subscription::from_token(&signer, &token), None);
    }
}
