//! Hostile callers and hostile text against every server function and every
//! page. The functions come from the server's own registry and the pages
//! from its route list, so a new one is walked without editing this file
//! (a function must only be given its audience in `audience`).
//!
//! Each function is called anonymously, by every role that may not call it,
//! by a second account of the role that may (with the first account's ids,
//! where it takes ids), and by its own audience with hostile text in every
//! argument it asks for. Every answer is a success or a 4xx that carries a
//! message; none is a 500.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// Who a server function is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Anyone,
    SignedIn,
    Candidate,
    Employer,
    Admin,
}

/// The audience of each function, by name. A function missing here fails
/// the walk until someone decides who may call it.
fn audience(endpoint: &str) -> Audience {
    use Audience::*;
    const ANYONE: &[&str] = &[
        "session",
        "home",
        "login",
        "logout",
        "register",
        "forgot-password",
        "reset-password",
        "verify-email",
        "sign-in-link",
        // The second step of an administrator's sign-in, before it is done.
        "second-factor",
        "second-factor/verify",
        "jobs/search",
        "jobs/posting",
        "companies/public",
        "profile/public",
        "company/invite/preview",
        "dev/mailbox",
        "dev/mailbox/message",
        "email/unsubscribe/describe",
        "pricing",
    ];
    const SIGNED_IN: &[&str] = &[
        "account",
        "account/delete",
        "account/export",
        "resend-verification",
        "privacy/confidential",
        "skills/suggest",
        "company/invite/accept",
        // Job seekers and companies both pay.
        "dev/checkout",
        "dev/checkout/pay",
        // Anyone signed in reports; the owner of an item reads a decision.
        "report",
        "report/target",
        "moderation/decision",
        "moderation/appeal",
    ];
    const EMPLOYER: &[&str] = &["swipe/super-likers", "swipe/auto-apply-accepted"];
    const CANDIDATE_PREFIXES: &[&str] = &[
        "applications/",
        "introductions/",
        "media",
        "profile",
        "privacy/",
        "saved",
        "swipe/",
        "companies/suggest",
        "plus",
    ];
    const EMPLOYER_PREFIXES: &[&str] = &["company/", "company", "employer/", "pipeline"];
    if ANYONE.contains(&endpoint) {
        Anyone
    } else if SIGNED_IN.contains(&endpoint)
        || endpoint.starts_with("settings")
        || endpoint.starts_with("notifications")
        || endpoint.starts_with("chats")
        || endpoint.starts_with("billing/")
    {
        SignedIn
    } else if endpoint.starts_with("admin/") {
        Admin
    } else if EMPLOYER.contains(&endpoint) {
        Employer
    } else if CANDIDATE_PREFIXES.iter().any(|p| endpoint.starts_with(p)) {
        Candidate
    } else if EMPLOYER_PREFIXES.iter().any(|p| endpoint.starts_with(p)) {
        Employer
    } else {
        panic!("hostile.rs: who may call the server function `{endpoint}`? Add it to `audience`.")
    }
}

/// Every registered server function: (name without `/api/`, is it a GET).
pub(crate) fn endpoints() -> Vec<(String, bool)> {
    let mut all: Vec<(String, bool)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            (
                path.trim_start_matches("/api/").to_string(),
                method == axum::http::Method::GET,
            )
        })
        .collect();
    all.sort();
    // Logging out ends the session every clone of a client shares: last.
    all.sort_by_key(|(name, _)| name == "logout");
    all
}

/// Text no function should choke on. The first two never get past the
/// server's input rule; the rest reach the functions themselves.
fn hostile_values() -> Vec<String> {
    vec![
        "a\0b".to_string(),
        "x".repeat(200 * 1024),
        "Ω≈ç√ 👩🏽‍💻 \u{202E}txet \u{FEFF}\u{200B}ñ".to_string(),
        "y".repeat(10_000),
        "-99999999999999999999".to_string(),
        "9999-12-31T25:61".to_string(),
        "' OR 1=1 --".to_string(),
        "../../etc/passwd".to_string(),
        "<script>alert(1)</script>".to_string(),
        "00000000-0000-0000-0000-000000000000".to_string(),
        "1e309".to_string(),
        String::new(),
    ]
}

/// Is this answer acceptable: a success or redirect, or a 4xx that carries
/// an `AppError` (so the page can show its message)?
fn acceptable(reply: &crate::common::Reply) -> bool {
    let status = reply.status;
    if status.is_success() || status.is_redirection() {
        return true;
    }
    status.is_client_error() && serde_json::from_str::<AppError>(&reply.body).is_ok()
}

/// The fields a function needs, found the way a person reading its error
/// would: call it, read "missing field `x`", add `x`, again.
async fn required_fields(client: &mut Client, endpoint: &str, get: bool) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for _ in 0..20 {
        let form: Vec<(&str, &str)> = fields.iter().map(|f| (f.as_str(), "1")).collect();
        let reply = call(client, endpoint, get, &form).await;
        let Ok(AppError::Transport(detail)) = serde_json::from_str::<AppError>(&reply.body) else {
            break;
        };
        let Some(rest) = detail.split("missing field `").nth(1) else {
            break;
        };
        let Some(name) = rest.split('`').next() else {
            break;
        };
        if fields.iter().any(|f| f == name) {
            break;
        }
        fields.push(name.to_string());
    }
    fields
}

pub(crate) async fn call(
    client: &mut Client,
    endpoint: &str,
    get: bool,
    form: &[(&str, &str)],
) -> crate::common::Reply {
    if is_upload(endpoint) {
        // A file under the field the function reads (its last word).
        let field = endpoint.rsplit('/').next().unwrap_or(endpoint);
        let name = form.first().map_or("file.bin", |(_, value)| value);
        return client.upload(endpoint, field, name, name.as_bytes()).await;
    }
    if get {
        let query = serde_urlencoded::to_string(form).unwrap();
        client.get(&format!("/api/{endpoint}?{query}")).await
    } else {
        client.call(endpoint, form).await
    }
}

fn is_upload(endpoint: &str) -> bool {
    app::routes::upload_endpoints().contains(&format!("/api/{endpoint}").as_str())
}

/// Everyone the walk calls as: the first account of each role owns things
/// (an application, a résumé, a vacancy...), the second owns nothing.
struct Cast {
    app: TestApp,
    candidate: Client,
    other_candidate: Client,
    employer: Client,
    other_employer: Client,
    admin: Client,
    /// Ids of the first candidate's and first employer's things.
    owned_ids: Vec<String>,
}

impl Cast {
    async fn new(pool: PgPool) -> Self {
        let app = TestApp::new(pool);
        let (mut hr, vacancy) =
            crate::applications::open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
        let draft = crate::vacancies::create(
            &app,
            &mut hr,
            &crate::vacancies::vacancy_form("Secret draft"),
        )
        .await;
        hr.call(
            "company/invite",
            &[("email", "new@acme.example.com"), ("role", "member")],
        )
        .await;
        let (mut ada, resume) = crate::applications::candidate(&app, "ada@example.com").await;
        crate::applications::apply(&mut ada, &vacancy, &resume).await;
        let work = ada
            .call(
                "profile/work",
                &[
                    ("id", ""),
                    ("company_name", "Lagos Bank"),
                    ("job_title", "Analyst"),
                    ("employment_type", "full_time"),
                    ("location", ""),
                    ("start", "2020-01"),
                    ("end", ""),
                    ("is_current", "on"),
                    ("description", ""),
                    ("achievements", ""),
                    ("team_size", ""),
                ],
            )
            .await;
        assert_eq!(work.status, StatusCode::OK, "{}", work.body);
        ada.call("privacy/block", &[("company", "Other Ltd")]).await;
        let (other_candidate, _) = crate::applications::candidate(&app, "ben@example.com").await;
        let other_employer = app
            .employer_of("hr@other.example.com", "Other Ltd", "")
            .await;
        let admin = app.admin("root@example.com").await;
        let mut owned_ids: Vec<String> = Vec::new();
        for sql in [
            "select id::text from applications",
            "select id::text from resumes where user_id = (select id from users where email = 'ada@example.com')",
            "select id::text from work_history",
            "select id::text from candidate_blocked_companies",
            "select id::text from company_invites",
            "select id::text from users where email in ('ada@example.com', 'hr@acme.example.com')",
        ] {
            owned_ids.extend(
                sqlx::query_scalar::<_, String>(sql)
                    .fetch_all(&app.pool)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}")),
            );
        }
        // The open vacancy is everyone's to read and apply to; the draft is not.
        let _ = vacancy;
        owned_ids.push(draft);
        Self {
            app,
            candidate: ada,
            other_candidate,
            employer: hr,
            other_employer,
            admin,
            owned_ids,
        }
    }

    /// The clients of the audience, and of everyone outside it.
    fn split(&self, audience: Audience) -> (Vec<Client>, Vec<Client>) {
        let everyone = [
            (Some(Audience::Candidate), &self.candidate),
            (Some(Audience::Candidate), &self.other_candidate),
            (Some(Audience::Employer), &self.employer),
            (Some(Audience::Employer), &self.other_employer),
            (Some(Audience::Admin), &self.admin),
        ];
        let (mut inside, mut outside) = (Vec::new(), vec![]);
        for (role, client) in everyone {
            let belongs = match audience {
                Audience::Anyone | Audience::SignedIn => true,
                wanted => role == Some(wanted),
            };
            if belongs { &mut inside } else { &mut outside }.push(client.clone());
        }
        if audience == Audience::Anyone {
            inside.push(self.app.client());
        } else {
            outside.push(self.app.client());
        }
        (inside, outside)
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_server_function_answers_hostile_callers_and_text_without_a_server_error(
    pool: PgPool,
) {
    let cast = Cast::new(pool).await;
    let all = endpoints();
    assert!(
        all.len() > 100,
        "the registry lists the functions: {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (endpoint, get) in &all {
        let audience = audience(endpoint);
        let (mut inside, outside) = cast.split(audience);

        // Outsiders are turned away.
        for mut client in outside {
            let reply = call(&mut client, endpoint, *get, &[]).await;
            let turned_away = matches!(
                reply.status,
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ) || (reply.status == StatusCode::BAD_REQUEST && acceptable(&reply));
            if !turned_away {
                failures.push(format!(
                    "{endpoint}: an outsider got {} {}",
                    reply.status, reply.body
                ));
            }
        }

        // The audience, with hostile text in every field.
        for client in inside.iter_mut() {
            // An upload's "field" is the file's name (and its bytes).
            let fields = if is_upload(endpoint) {
                vec!["file".to_string()]
            } else {
                required_fields(client, endpoint, *get).await
            };
            for value in hostile_values() {
                let form: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|f| (f.as_str(), value.as_str()))
                    .collect();
                let reply = call(client, endpoint, *get, &form).await;
                if !acceptable(&reply) {
                    failures.push(format!(
                        "{endpoint} {fields:?} = {:?}: {} {}",
                        value.chars().take(20).collect::<String>(),
                        reply.status,
                        reply.body.chars().take(300).collect::<String>()
                    ));
                }
            }
            // Invalid UTF-8 in the body itself.
            if !*get && !fields.is_empty() && !is_upload(endpoint) {
                let reply = client
                    .call_raw(endpoint, format!("{}=%FF%FE%00", fields[0]))
                    .await;
                if !acceptable(&reply) {
                    failures.push(format!("{endpoint}: invalid UTF-8 got {}", reply.status));
                }
            }

            // A second account of the same role, with the first one's ids.
            let ids: Vec<String> = fields
                .iter()
                .filter(|f| f.as_str() == "id" || f.ends_with("_id") || f.starts_with("ids"))
                .cloned()
                .collect();
            let takes_anyones_ids = matches!(audience, Audience::Anyone | Audience::Admin);
            if ids.is_empty() || takes_anyones_ids {
                continue;
            }
            let mut second = match audience {
                Audience::Candidate => cast.other_candidate.clone(),
                Audience::Employer => cast.other_employer.clone(),
                _ => cast.other_candidate.clone(),
            };
            for owned in &cast.owned_ids {
                let form: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|f| {
                        let value = if ids.contains(f) { owned.as_str() } else { "1" };
                        (f.as_str(), value)
                    })
                    .collect();
                let reply = call(&mut second, endpoint, *get, &form).await;
                if reply.status.is_success() || !acceptable(&reply) {
                    failures.push(format!(
                        "{endpoint}: someone else's id {owned} got {} {}",
                        reply.status,
                        reply.body.chars().take(200).collect::<String>()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_page_answers_hostile_addresses_without_a_server_error(pool: PgPool) {
    let cast = Cast::new(pool).await;
    let values = [
        "%00",
        "x%0Ay",
        "%FF%FE",
        "..%2F..%2Fetc",
        "%3Cscript%3E",
        "00000000-0000-0000-0000-000000000000",
        "%E2%80%AEtxet",
    ];
    let mut failures = Vec::new();
    let mut paths: Vec<String> = crate::common::page_routes()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    let (clients, _) = cast.split(Audience::Anyone);
    for path in &paths {
        for value in values {
            let with_params = path
                .split('/')
                .map(|part| if part.starts_with(':') { value } else { part })
                .collect::<Vec<_>>()
                .join("/");
            let address =
                format!("{with_params}?q={value}&page={value}&token={value}&next={value}");
            for mut client in clients.clone() {
                let reply = client.get(&address).await;
                if reply.status.is_server_error() {
                    failures.push(format!("{address}: {}", reply.status));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
