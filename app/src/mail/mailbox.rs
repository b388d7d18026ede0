//! `/dev/mailbox`: the captured outgoing email, readable in the browser in
//! development mode only, and only from this machine (the links in it log
//! people in). Anywhere else these answer "not found".

use crate::error::AppError;
use crate::ui::{ErrorNotice, PageHeading, format_time};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CapturedEmail {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// Where a mail client's "Unsubscribe" would go (`List-Unsubscribe`).
    pub list_unsubscribe: Option<String>,
    pub created_at: OffsetDateTime,
}

#[cfg(feature = "ssr")]
fn dev_pool() -> Result<sqlx::PgPool, AppError> {
    let state = crate::state::app_state()?;
    if state.config.dev_mailbox && crate::state::from_loopback() {
        Ok(state.pool)
    } else {
        Err(AppError::NotFound)
    }
}

/// The newest captured emails (at most 100).
#[server(endpoint = "dev/mailbox")]
pub async fn list_captured_emails() -> Result<Vec<CapturedEmail>, AppError> {
    crate::state::respond(async {
        let pool = dev_pool()?;
        Ok(sqlx::query_as!(
            CapturedEmail,
            "select id, to_address, subject, body_text, list_unsubscribe, created_at
               from captured_emails order by created_at desc, id desc limit 100"
        )
        .fetch_all(&pool)
        .await?)
    })
    .await
}

#[server(endpoint = "dev/mailbox/message")]
pub async fn get_captured_email(id: Uuid) -> Result<CapturedEmail, AppError> {
    crate::state::respond(async {
        let pool = dev_pool()?;
        sqlx::query_as!(
            CapturedEmail,
            "select id, to_address, subject, body_text, list_unsubscribe, created_at
               from captured_emails where id = $1",
            id
        )
        .fetch_optional(&pool)
        .await?
        .ok_or(AppError::NotFound)
    })
    .await
}

#[component]
pub fn MailboxPage() -> impl IntoView {
    let emails = Resource::new(|| (), |_| list_captured_emails());
    view! {
        <Title text="Mailbox (development)"/>
        <PageHeading title="Mailbox (development)"/>
        <p class="mb-6 text-slate-600">
            "Email the site would have sent. Only development mode captures mail here."
        </p>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match emails.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => {
                        view! { <p class="text-slate-600">"No email has been sent yet."</p> }
                            .into_any()
                    }
                    Ok(list) => {
                        view! {
                            <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                                {list
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <li class="p-4">
                                                <a
                                                    class="font-medium text-indigo-700 underline-offset-2 hover:underline"
                                                    href=format!("/dev/mailbox/{}", m.id)
                                                >
                                                    {m.subject}
                                                </a>
                                                <p class="text-sm text-slate-600">
                                                    "To " {m.to_address} " · " {format_time(m.created_at)}
                                                </p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
pub fn MailboxMessagePage() -> impl IntoView {
    let message = Resource::new(crate::ui::uuid_param("id"), |id| async move {
        match id {
            Some(id) => get_captured_email(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Email (development)"/>
        <p class="mb-4">
            <a class="text-indigo-700 underline" href="/dev/mailbox">"← All email"</a>
        </p>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match message.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(m) => {
                        view! {
                            <article class="rounded-lg border border-slate-200 bg-white p-6">
                                <h1 class="text-2xl font-semibold">{m.subject}</h1>
                                <p class="mt-1 text-sm text-slate-600">
                                    "To " {m.to_address} " · " {format_time(m.created_at)}
                                </p>
                                <p class="mt-3 flex flex-wrap gap-x-4 text-sm">
                                    <a class="text-indigo-700 underline" rel="external" href=format!("/dev/mailbox/{}/html", m.id)>
                                        "HTML version"
                                    </a>
                                    {m.list_unsubscribe.map(|url| view! {
                                        <a class="text-indigo-700 underline" rel="external" href=url>
                                            "Unsubscribe (as a mail client offers it)"
                                        </a>
                                    })}
                                </p>
                                <div class="mt-6 space-y-1 break-words">
                                    {m.body_text.lines().map(body_line).collect_view()}
                                </div>
                            </article>
                        }
                            .into_any()
                    }
                }
            })}
        </crate::ui::PageData>
    }
}

/// Shows a line of a plain-text email, with the link it ends in (if any)
/// made clickable.
fn body_line(line: &str) -> AnyView {
    let line = line.trim();
    if line.is_empty() {
        return view! { <br/> }.into_any();
    }
    let start = line.find("https://").or_else(|| line.find("http://"));
    match start {
        Some(start) if !line[start..].contains(' ') => {
            let (text, href) = line.split_at(start);
            let (text, href) = (text.to_string(), href.to_string());
            let shown = href.clone();
            view! {
                <p>
                    {text}
                    <a class="text-indigo-700 underline" href=href>
                        {shown}
                    </a>
                </p>
            }
            .into_any()
        }
        _ => view! { <p>{line.to_string()}</p> }.into_any(),
    }
}

/// `GET /dev/mailbox/{id}/html`: the HTML part on a page of its own, as a
/// mail client shows it: its own styles, no script, sandboxed. Development
/// mode and this machine only, like the mailbox.
#[cfg(feature = "ssr")]
pub async fn html_part(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    parts: http::request::Parts,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let local = crate::state::peer_of(&parts).is_some_and(|ip| ip.is_loopback());
    let Some(id) = id
        .parse::<Uuid>()
        .ok()
        .filter(|_| state.config.dev_mailbox && local)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let html = sqlx::query_scalar!("select body_html from captured_emails where id = $1", id)
        .fetch_optional(&state.pool)
        .await;
    match html {
        Ok(Some(Some(html))) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox allow-popups allow-top-navigation-by-user-activation",
                ),
            ],
            html,
        )
            .into_response(),
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "captured mail not read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
