use super::db;
use super::rules::{self, Kind};
use crate::mail::outbox::{self, Email};
use crate::mail::templates::Template;
use crate::mail::unsubscribe::Subscription;
use sqlx::PgConnection;
use uuid::Uuid;

/// What happened, in words, and where to look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: Kind,
    pub title: String,
    pub body: String,
    /// A path on this site, such as `/applications`.
    pub link: String,
}

impl Notice {
    /// To the members who manage billing: the renewal was declined; on
    /// which try, and until when the plan stays.
    pub fn renewal_failed(
        plan: &str,
        reason: &str,
        attempt: usize,
        until: &str,
        billing_page: &str,
    ) -> Self {
        let title = match attempt {
            0 => format!("We could not renew your {plan} plan"),
            _ => format!("We still could not renew your {plan} plan"),
        };
        Self {
            kind: Kind::Billing,
            title,
            body: format!("{reason} Pay by {until} to keep the plan."),
            link: billing_page.into(),
        }
    }

    /// To the members who manage billing: the trial or the plan is over,
    /// and `paused` vacancies beyond the trial's limit are paused.
    pub fn plan_ended(plan: &str, paused: usize) -> Self {
        let paused = match paused {
            0 => String::new(),
            n => format!(
                " {} beyond its limit {} paused, not deleted: {} again when you pay.",
                crate::ui::count(n as i64, "vacancy", "vacancies"),
                if n == 1 { "is" } else { "are" },
                if n == 1 { "it opens" } else { "they open" },
            ),
        };
        Self {
            kind: Kind::Billing,
            title: format!("Your {plan} plan has ended"),
            body: format!(
                "Your company has the trial's limits and cannot publish until it chooses a plan.{paused}"
            ),
            link: "/pricing".into(),
        }
    }

    /// To a job seeker whose Plus ended (cancelled, or not paid).
    pub fn seeker_plan_ended(plan: &str) -> Self {
        Self {
            kind: Kind::Billing,
            title: format!("Your {plan} plan has ended"),
            body: "You have the free plan's super-likes and auto-apply limit again. Take it again whenever you like.".into(),
            link: "/plus".into(),
        }
    }

    /// To whoever pays: a renewal went through.
    pub fn renewed(plan: &str, total: &str, billing_page: &str) -> Self {
        Self {
            kind: Kind::Billing,
            title: format!("Your {plan} plan is renewed"),
            body: format!("We charged {total}; the invoice is on your billing page."),
            link: billing_page.into(),
        }
    }

    /// To whoever pays: an admin gave back `amount` of an invoice.
    pub fn refunded(amount: &str, invoice_number: &str, invoice_page: &str) -> Self {
        Self {
            kind: Kind::Billing,
            title: format!("We refunded {amount}"),
            body: format!(
                "{amount} of invoice {invoice_number} goes back to the card you paid with; the credit note is with the invoice."
            ),
            link: invoice_page.into(),
        }
    }

    /// To each member of the hiring team.
    pub fn application_received(
        vacancy_title: &str,
        candidate_name: &str,
        vacancy_id: Uuid,
        application_id: Uuid,
    ) -> Self {
        Self {
            kind: Kind::ApplicationReceived,
            title: format!("New applicant for {vacancy_title}"),
            body: format!("{candidate_name} applied."),
            link: format!("/employer/vacancies/{vacancy_id}/pipeline?application={application_id}"),
        }
    }

    /// To the job seeker, when the team moves the application.
    pub fn stage_changed(vacancy_title: &str, stage_label: &str, company: &str) -> Self {
        Self {
            kind: Kind::StageChanged,
            title: format!("Your application for {vacancy_title} moved to {stage_label}"),
            body: company.to_string(),
            link: "/applications".into(),
        }
    }

    /// To the job seeker; the time is on the application, shown on their
    /// own clock.
    pub fn interview_scheduled(vacancy_title: &str, company: &str) -> Self {
        Self {
            kind: Kind::InterviewScheduled,
            title: format!("Interview scheduled for {vacancy_title}"),
            body: format!("{company} scheduled an interview with you."),
            link: "/applications".into(),
        }
    }

    /// To each member of the team, a few days before the listing ends.
    pub fn vacancy_expiring(vacancy_title: &str, vacancy_id: Uuid, days_left: i64) -> Self {
        let when = match days_left {
            ..=1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        };
        Self {
            kind: Kind::VacancyExpiring,
            title: format!("Your listing for {vacancy_title} ends {when}"),
            body: "It stops taking applications then. Extend the listing to keep it open.".into(),
            link: format!("/employer/vacancies/{vacancy_id}/edit"),
        }
    }

    /// To an existing employer account invited to a team.
    pub fn team_invitation(company: &str, role_label: &str) -> Self {
        Self {
            kind: Kind::TeamInvitation,
            title: format!("{company} invited you to their hiring team"),
            body: format!(
                "As {}. Accept it on the join page.",
                role_label.to_lowercase()
            ),
            link: "/company/join".into(),
        }
    }

    /// To the job seeker, when a company's member opens their profile.
    pub fn profile_viewed(company: &str) -> Self {
        Self {
            kind: Kind::ProfileViewed,
            title: format!("{company} viewed your profile"),
            body: String::new(),
            link: "/profile#views".into(),
        }
    }

    /// After a password change, by the person or through a reset link.
    pub fn password_changed() -> Self {
        Self {
            kind: Kind::AccountSecurity,
            title: "Your password was changed".into(),
            body: "If this was not you, reset your password at once from the login page.".into(),
            link: "/settings#password".into(),
        }
    }

    /// After a sign-in from a browser the account had not used before.
    pub fn new_sign_in(device: &str, ip: Option<std::net::IpAddr>) -> Self {
        let from = ip.map(|ip| format!(" (from {ip})")).unwrap_or_default();
        Self {
            kind: Kind::AccountSecurity,
            title: "New sign-in to your account".into(),
            body: format!(
                "{device}{from}. If this was not you, change your password at once: it signs \
                 out every other device."
            ),
            link: "/account".into(),
        }
    }

    /// After the account's address changed (the old one gets its own email).
    pub fn email_changed(new_address: &str) -> Self {
        Self {
            kind: Kind::AccountSecurity,
            title: "Your email address was changed".into(),
            body: format!("Your account's email address is now {new_address}."),
            link: "/settings#email".into(),
        }
    }
}

/// Longest title and body kept (the table's limits).
const TITLE_CHARS: usize = 200;
const BODY_CHARS: usize = 1000;

/// Tells `user_id` of `notice` the way they chose for its kind. Call it in
/// the transaction of the change itself: the notification and its email
/// exist exactly when the change does (the email is sent by the job queue
/// once that transaction has committed; browsers hear of it at commit).
pub async fn notify(
    conn: &mut PgConnection,
    user_id: Uuid,
    notice: &Notice,
) -> Result<(), sqlx::Error> {
    let chosen = db::chosen_delivery(&mut *conn, user_id, notice.kind).await?;
    let delivery = rules::delivery(notice.kind, chosen);
    let title = cut(&notice.title, TITLE_CHARS);
    let body = cut(&notice.body, BODY_CHARS);
    if delivery.in_app() {
        db::insert(
            &mut *conn,
            user_id,
            notice.kind,
            &title,
            &body,
            &notice.link,
            delivery == rules::Delivery::Digest,
        )
        .await?;
    }
    if delivery.email()
        && let Some(to) = db::email_address(&mut *conn, user_id).await?
    {
        let email = Email {
            to,
            user_id: Some(user_id),
            template: Template::Notification,
            variables: serde_json::json!({
                "title": title,
                "body": body,
                "link": notice.link,
                "settings_link": "/settings#notifications",
            }),
            // Security notices cannot be turned off.
            unsubscribe: (!notice.kind.is_fixed()).then_some(Subscription::Notifications {
                user_id,
                kind: notice.kind,
            }),
        };
        outbox::queue(&mut *conn, &email).await?;
    }
    Ok(())
}

/// At most `limit` characters of `text`, ending in "…" when cut.
fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit.saturating_sub(1)) {
        Some((end, _)) if text[end..].chars().count() > 1 => format!("{}…", &text[..end]),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn long_texts_are_cut_to_the_limit() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("exactly10!", 10), "exactly10!");
        assert_eq!(cut("eleven char", 10), "eleven ch…");
        assert_eq!(cut("éééééééééééé", 5).chars().count(), 5);
    }
}
