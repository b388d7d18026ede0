//! `/account`: the logged-in user's own details and recent security events.

use crate::error::AppError;
use crate::ui::{ErrorNotice, PageHeading, format_time};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub email: String,
    pub account_type_label: String,
    pub email_verified_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub last_login_at: Option<OffsetDateTime>,
    pub events: Vec<SecurityEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityEvent {
    pub action: String,
    pub ip: Option<String>,
    pub created_at: OffsetDateTime,
}

/// Describes an audited action about one's own account.
pub fn describe_action(action: &str) -> &'static str {
    match action {
        "account.registered" => "Account created",
        "login.succeeded" => "Logged in",
        "login.failed" => "Failed login attempt",
        "account.locked" => "Account locked after failed attempts",
        "logout" => "Logged out",
        "password.reset_requested" => "Password reset requested",
        "password.changed" => "Password changed",
        "email.verified" => "Email address confirmed",
        "role.changed" => "Account type changed by an administrator",
        "account.suspended" => "Account suspended by an administrator",
        "account.reinstated" => "Account reinstated by an administrator",
        "sessions.ended_by_admin" => "Signed out everywhere by an administrator",
        "second_factor.reset" => "Two-step sign-in reset by an administrator",
        "admin.viewed_person" => "Account details read by an administrator",
        "setting.changed" => "Site setting changed",
        "email.changed" => "Email address changed",
        "account.deleted" => "Account deleted",
        "password.confirm_failed" => "Wrong password when changing settings",
        "account.erased" => "Personal data erased",
        "company.created" => "Company set up",
        "company.updated" => "Company page changed",
        "company.logo_changed" => "Company logo changed",
        "company.logo_removed" => "Company logo removed",
        "company.member_invited" => "Team member invited",
        "company.invite_revoked" => "Invitation revoked",
        "company.member_joined" => "Team member joined",
        "company.member_left" => "Team member left",
        "company.member_removed" => "Team member removed",
        "company.role_changed" => "Team role changed",
        "company.ownership_transferred" => "Company ownership handed over",
        "company.verified" => "Company verified by an administrator",
        "email_template.changed" => "Email template changed",
        "email_template.reset" => "Email template back to the default",
        "company.unverified" => "Company verification withdrawn by an administrator",
        "vacancy.created" => "Vacancy created",
        "vacancy.status_changed" => "Vacancy status changed",
        "vacancy.expired" => "Vacancy closed when its listing ended",
        "vacancy.featured" => "Vacancy featured by an administrator",
        "vacancy.unfeatured" => "Vacancy no longer featured by an administrator",
        "vacancy.auto_apply_changed" => "Auto-applications switched for a vacancy",
        "application.submitted" => "Applied to a vacancy",
        "application.withdrawn" => "Withdrew an application",
        "application.stage_changed" => "Moved an application to another stage",
        _ => "Account activity",
    }
}

#[server(endpoint = "account")]
pub async fn get_account_overview() -> Result<AccountOverview, AppError> {
    crate::state::respond(async {
        let user = super::session::require_user().await?;
        let state = crate::state::app_state()?;
        let row = sqlx::query!(
            "select email, email_verified_at, created_at, last_login_at from users where id = $1",
            user.id
        )
        .fetch_one(&state.pool)
        .await?;
        let events = sqlx::query!(
            r#"select action as "action!", host(ip) as ip, created_at as "created_at!"
                 from user_security_events
                where user_id = $1
                order by created_at desc limit 20"#,
            user.id.to_string()
        )
        .fetch_all(&state.pool)
        .await?
        .into_iter()
        .map(|e| SecurityEvent {
            action: e.action,
            ip: e.ip,
            created_at: e.created_at,
        })
        .collect();
        Ok(AccountOverview {
            email: row.email,
            account_type_label: user.account_type.label().to_string(),
            email_verified_at: row.email_verified_at,
            created_at: row.created_at,
            last_login_at: row.last_login_at,
            events,
        })
    })
    .await
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_account_overview());
    view! {
        <Title text="Your account"/>
        <PageHeading title="Your account"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(a) => view! { <AccountDetails account=a/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn AccountDetails(account: AccountOverview) -> impl IntoView {
    let verified = match account.email_verified_at {
        Some(t) => format!("Confirmed on {}", format_time(t)),
        None => "Not confirmed yet".to_string(),
    };
    view! {
        <div class="grid gap-6 lg:grid-cols-3">
            <section aria-labelledby="details-heading" class="rounded-xl border border-slate-200 bg-white p-6">
                <h2 id="details-heading" class="text-lg font-semibold">"Details"</h2>
                <dl class="mt-4 space-y-3 text-sm">
                    <div><dt class="text-slate-600">"Email"</dt><dd class="font-medium break-all">{account.email}</dd></div>
                    <div><dt class="text-slate-600">"Account type"</dt><dd class="font-medium">{account.account_type_label}</dd></div>
                    <div><dt class="text-slate-600">"Email address"</dt><dd class="font-medium">{verified}</dd></div>
                    <div><dt class="text-slate-600">"Member since"</dt><dd class="font-medium">{format_time(account.created_at)}</dd></div>
                    <div>
                        <dt class="text-slate-600">"Last login"</dt>
                        <dd class="font-medium">{account.last_login_at.map(format_time).unwrap_or_else(|| "—".into())}</dd>
                    </div>
                </dl>
            </section>
            <section aria-labelledby="activity-heading" class="rounded-xl border border-slate-200 bg-white p-6 lg:col-span-2">
                <h2 id="activity-heading" class="text-lg font-semibold">"Recent security activity"</h2>
                <ul class="mt-4 divide-y divide-slate-100 text-sm">
                    {account
                        .events
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li class="flex flex-wrap justify-between gap-2 py-2">
                                    <span>{describe_action(&e.action)}</span>
                                    <span class="text-slate-600">
                                        {format_time(e.created_at)}
                                        {e.ip.map(|ip| format!(" · {ip}"))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}
