//! Admin roles: each admin function opens to the roles whose part of the
//! dashboard it belongs to; only a super admin manages administrators.

use crate::common::{Client, PASSWORD, TestApp, authenticator_code};
use crate::hostile::{call, endpoints};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

const ROLES: [&str; 4] = ["super_admin", "moderator", "support", "finance"];

/// The roles that may call each admin function, written out here rather
/// than taken from the code, so that a function moving to another part of
/// the dashboard is noticed.
fn allowed(endpoint: &str) -> &'static [&'static str] {
    const EVERY_ADMIN: &[&str] = &["super_admin", "moderator", "support", "finance"];
    const PEOPLE_AND_COMPANIES: &[&str] = &["super_admin", "moderator", "support"];
    match endpoint {
        "admin/overview" | "admin/metrics" => EVERY_ADMIN,
        "admin/users"
        | "admin/change-account-type"
        | "admin/companies"
        | "admin/company/verification"
        | "admin/vacancy/featured"
        | "admin/person"
        | "admin/person/standing"
        | "admin/person/identity"
        | "admin/person/sign-out" => PEOPLE_AND_COMPANIES,
        // Only a super admin manages administrators.
        "admin/person/reset-second-factor" => &["super_admin"],
        e if e.starts_with("admin/moderation") => &["super_admin", "moderator"],
        e if e.starts_with("admin/billing/") => &["super_admin", "finance"],
        e if e.starts_with("admin/emails") => &["super_admin", "support"],
        e if e.starts_with("admin/audit/") || e.starts_with("admin/settings") => &["super_admin"],
        other => panic!("admin_roles.rs: which admin roles may call `{other}`?"),
    }
}

/// A value of the right shape for a field, so that a call reaches the
/// function's own checks.
fn value_for(field: &str) -> String {
    match field {
        "page" => "1".into(),
        "verified" | "featured" | "claim" => "false".into(),
        f if f == "id" || f.ends_with("_id") => uuid::Uuid::now_v7().to_string(),
        _ => "x".into(),
    }
}

/// A form the function accepts the shape of, found as its error says
/// which field is missing next.
async fn well_formed(client: &mut Client, endpoint: &str, get: bool) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    loop {
        let form: Vec<(&str, &str)> = values
            .iter()
            .map(|(f, v)| (f.as_str(), v.as_str()))
            .collect();
        let reply = call(client, endpoint, get, &form).await;
        let missing = match serde_json::from_str::<AppError>(&reply.body) {
            Ok(AppError::Transport(detail)) => detail
                .split("missing field `")
                .nth(1)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string),
            _ => None,
        };
        match missing {
            Some(field) if !values.iter().any(|(f, _)| *f == field) => {
                let value = value_for(&field);
                values.push((field, value));
            }
            _ => return values,
        }
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_admin_role_reaches_only_its_part_of_the_dashboard(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut admins = Vec::new();
    for role in ROLES {
        admins.push((
            role,
            app.admin_as(&format!("{role}@example.com"), role).await,
        ));
    }
    let admin_functions: Vec<_> = endpoints()
        .into_iter()
        .filter(|(name, _)| name.starts_with("admin/"))
        .collect();
    assert!(admin_functions.len() > 20);
    for (endpoint, get) in admin_functions {
        let values = well_formed(&mut admins[0].1, &endpoint, get).await;
        let form: Vec<(&str, &str)> = values
            .iter()
            .map(|(f, v)| (f.as_str(), v.as_str()))
            .collect();
        for (role, client) in &mut admins {
            let reply = call(client, &endpoint, get, &form).await;
            let refused =
                serde_json::from_str::<AppError>(&reply.body).ok() == Some(AppError::Forbidden);
            assert_eq!(
                refused,
                !allowed(&endpoint).contains(role),
                "{role} calling {endpoint}: {} {}",
                reply.status,
                reply.body
            );
        }
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_a_super_admin_makes_or_changes_an_administrator(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut support = app.admin_as("support@example.com", "support").await;
    let mut root = app.admin("root@example.com").await;
    let mut person = app.registered("person@example.com", "candidate").await;
    let person_id = app.user_id("person@example.com").await.to_string();
    let support_id = app.user_id("support@example.com").await.to_string();

    // Support moves people between job seeker and employer, no further.
    let to_employer = [
        ("user_id", person_id.as_str()),
        ("account_type", "employer"),
    ];
    let ok = support
        .call("admin/change-account-type", &to_employer)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let to_finance = [
        ("user_id", person_id.as_str()),
        ("account_type", "admin:finance"),
    ];
    assert_eq!(
        support
            .call("admin/change-account-type", &to_finance)
            .await
            .error(),
        AppError::Forbidden
    );
    let demote_support = [
        ("user_id", support_id.as_str()),
        ("account_type", "candidate"),
    ];
    assert_eq!(
        app.admin_as("other@example.com", "support")
            .await
            .call("admin/change-account-type", &demote_support)
            .await
            .error(),
        AppError::Forbidden
    );
    // A plain "admin" names no role.
    let no_role = [("user_id", person_id.as_str()), ("account_type", "admin")];
    assert!(
        root.call("admin/change-account-type", &no_role)
            .await
            .error()
            .field_message("account_type")
            .is_some()
    );

    // The super admin makes them finance: billing opens, people do not.
    let ok = root.call("admin/change-account-type", &to_finance).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    // Their job seeker's session does not carry over: they sign in again
    // and set up an authenticator.
    assert_eq!(person.whoami().await, None);
    person.login("person@example.com", PASSWORD).await;
    let key = person.second_step().await["SetUp"]["key"]
        .as_str()
        .unwrap()
        .replace(' ', "");
    let reply = person.second_factor(&authenticator_code(&key, 0)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let session = person.call("session", &[]).await.json();
    assert_eq!(session["user"]["admin_role"], "Finance");
    assert_eq!(person.get("/admin/billing").await.status, StatusCode::OK);
    assert_eq!(
        person.get("/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
    let overview = person.call("admin/overview", &[]).await.json();
    assert!(overview["recent_audit"].is_null(), "finance reads no log");
    let entry: serde_json::Value = sqlx::query_scalar(
        "select metadata from audit_log where action = 'role.changed' order by chain_seq desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        entry,
        serde_json::json!({ "from": "employer", "to": "admin:finance" })
    );

    // The users page offers support no administrator choices.
    let page = support
        .call("admin/users", &[("search", ""), ("page", "1")])
        .await
        .json();
    assert_eq!(page["may_manage_admins"], false);
    let page = root
        .call("admin/users", &[("search", ""), ("page", "1")])
        .await
        .json();
    assert_eq!(page["may_manage_admins"], true);

    // Ended by the super admin: the role goes with the type.
    let back = [
        ("user_id", person_id.as_str()),
        ("account_type", "candidate"),
    ];
    let ok = root.call("admin/change-account-type", &back).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let role: Option<String> =
        sqlx::query_scalar("select admin_role from users where email = 'person@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(role, None);
}
