//! Companies and HR teams: setting up, editing, the public page, logos,
//! invitations and the roles of seed 001, with the last-owner rule.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use server::demo_files::portrait_jpeg;
use sqlx::PgPool;

async fn industry(app: &TestApp) -> String {
    let id: uuid::Uuid = sqlx::query_scalar("select id from industries where name = 'Technology'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id.to_string()
}

fn company_form<'a>(name: &'a str, industry: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("industry_id", industry),
        ("company_size", "51-200"),
        ("headquarters", "Lagos, Nigeria"),
        ("website", "www.paystack.example.com/about"),
        ("description", "Payments for Africa."),
        ("linkedin_url", ""),
    ]
}

/// An employer who owns a new company.
async fn owner(app: &TestApp, email: &str, company: &str) -> Client {
    app.employer_of(email, company, "www.paystack.example.com/about")
        .await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_employer_sets_up_a_company_with_a_unique_name(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app
        .fresh_employer_of(
            "ada@paystack.example.com",
            "Paystack",
            "www.paystack.example.com/about",
        )
        .await;
    let mine = ada.call("company/mine", &[]).await.json();
    assert_eq!(mine["company"]["slug"], "paystack");
    assert_eq!(mine["company"]["my_role"], "Owner");
    assert_eq!(mine["company"]["verified"], false);
    assert_eq!(
        mine["company"]["form"]["website"],
        "https://www.paystack.example.com/about"
    );
    let domain: String = sqlx::query_scalar("select email_domain from companies")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(domain, "paystack.example.com");
    assert_eq!(app.audit_count("company.created").await, 1);

    // The same name in other capitals is taken; nothing is created.
    let industry = industry(&app).await;
    let mut ben = app.registered("ben@example.com", "employer").await;
    let reply = ben
        .call("company/create", &company_form("PAYSTACK", &industry))
        .await;
    assert!(
        reply
            .error()
            .field_message("name")
            .unwrap()
            .contains("already on Hirewell")
    );
    // Bad input: every field error at once.
    let reply = ben
        .call(
            "company/create",
            &[
                ("name", " "),
                ("industry_id", "nope"),
                ("company_size", "huge"),
                ("headquarters", ""),
                ("website", "not a site"),
                ("description", ""),
                ("linkedin_url", "https://example.com/x"),
            ],
        )
        .await;
    let error = reply.error();
    for field in [
        "name",
        "industry_id",
        "company_size",
        "headquarters",
        "website",
        "linkedin_url",
    ] {
        assert!(error.field_message(field).is_some(), "{field}");
    }
    let companies: i64 = sqlx::query_scalar("select count(*) from companies")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(companies, 1);

    // A name that differs only in punctuation is another company, with its own address.
    let reply = ben
        .call("company/create", &company_form("Paystack!", &industry))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        ben.call("company/mine", &[]).await.json()["company"]["slug"],
        "paystack-2"
    );
    // One company per employer.
    let reply = ben
        .call("company/create", &company_form("Another", &industry))
        .await;
    assert!(matches!(reply.error(), AppError::Refused(_)));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_employers_have_companies(pool: PgPool) {
    let app = TestApp::new(pool);
    let industry = industry(&app).await;
    let mut candidate = app.registered("cara@example.com", "candidate").await;
    let mut anonymous = app.client();
    assert_eq!(
        candidate
            .call("company/create", &company_form("Acme", &industry))
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(
        anonymous.call("company/mine", &[]).await.error(),
        AppError::Unauthenticated
    );
    let mut lone = app.registered("lone@example.com", "employer").await;
    assert_eq!(
        lone.call("company/team", &[]).await.error(),
        AppError::NoCompany
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_public_page_shows_active_companies_to_everyone(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Flutterwave").await;
    let mut anonymous = app.client();
    let page = anonymous
        .call("companies/public", &[("slug", "flutterwave")])
        .await
        .json();
    assert_eq!(page["name"], "Flutterwave");
    assert_eq!(page["industry"], "Technology");
    assert_eq!(page["can_edit"], false);
    let page = ada
        .call("companies/public", &[("slug", "flutterwave")])
        .await
        .json();
    assert_eq!(page["can_edit"], true);
    assert_eq!(
        anonymous.get("/companies/flutterwave").await.status,
        StatusCode::OK
    );
    assert_eq!(
        anonymous.get("/companies/nobody").await.status,
        StatusCode::NOT_FOUND
    );

    sqlx::query("update companies set status = 'suspended'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        anonymous
            .call("companies/public", &[("slug", "flutterwave")])
            .await
            .error(),
        AppError::NotFound
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn members_cannot_edit_and_outsiders_cannot_touch_the_company(pool: PgPool) {
    let app = TestApp::new(pool);
    let industry = industry(&app).await;
    let mut ada = owner(&app, "ada@example.com", "Kuda").await;
    let mut mo = app.join_company(&mut ada, "mo@example.com", "member").await;
    let mut other = owner(&app, "zed@example.com", "Other Co").await;

    assert_eq!(
        mo.call("company/save", &company_form("Kuda Bank", &industry))
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(
        mo.upload("company/logo", "logo", "logo.jpg", &portrait_jpeg(64, 1))
            .await
            .error(),
        AppError::Forbidden
    );
    // Another company's owner only ever changes their own company.
    let reply = other
        .call("company/save", &company_form("Other Company", &industry))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let names: Vec<String> = sqlx::query_scalar("select name from companies order by name")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(names, ["Kuda", "Other Company"]);
    let mo_id = app.user_id("mo@example.com").await.to_string();
    assert_eq!(
        other
            .call("company/member/remove", &[("user_id", &mo_id)])
            .await
            .error(),
        AppError::NotFound
    );
    let ada_team = ada.call("company/team", &[]).await.json();
    assert_eq!(ada_team["members"].as_array().unwrap().len(), 2);
    let other_team = other.call("company/team", &[]).await.json();
    assert_eq!(other_team["members"].as_array().unwrap().len(), 1);

    // A member edits their own details.
    let reply = mo
        .call(
            "company/me",
            &[
                ("first_name", "Mo"),
                ("last_name", "Salah"),
                ("job_title", "Recruiter"),
                ("department", "Talent"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let team = ada.call("company/team", &[]).await.json();
    assert!(
        team["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "Mo Salah")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_logo_replaces_the_last_and_a_refused_one_leaves_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Moniepoint").await;
    let reply = ada
        .upload(
            "company/logo",
            "logo",
            "logo.exe.jpg",
            b"MZ\x90\x00 not an image",
        )
        .await;
    assert!(reply.error().field_message("logo").is_some());
    assert!(app.stored_files().is_empty());

    for hue in [1, 2] {
        let reply = ada
            .upload("company/logo", "logo", "logo.jpg", &portrait_jpeg(300, hue))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(app.stored_files().len(), 1, "the old logo is removed");
    let url = ada.call("company/mine", &[]).await.json()["company"]["logo_url"]
        .as_str()
        .unwrap()
        .to_string();
    let logo = app.client().get(&url).await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.headers["content-type"], "image/jpeg");

    let reply = ada.call("company/logo/delete", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(app.stored_files().is_empty());
    assert_eq!(app.client().get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("company.logo_changed").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_invitation_works_once_for_its_address_and_expires(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Andela").await;
    let reply = ada
        .call(
            "company/invite",
            &[("email", "Bo@Example.com"), ("role", "admin")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let token = app
        .token_from_email("bo@example.com", "Join Andela on Hirewell")
        .await;
    // A second open invitation to the same address is refused.
    let reply = ada
        .call(
            "company/invite",
            &[("email", "bo@example.com"), ("role", "member")],
        )
        .await;
    assert!(reply.error().field_message("email").is_some());

    let preview = app
        .client()
        .call("company/invite/preview", &[("token", &token)])
        .await
        .json();
    assert_eq!(
        (preview["company_name"].as_str(), preview["role"].as_str()),
        (Some("Andela"), Some("Admin"))
    );

    // Someone else holding the link cannot use it.
    let mut eve = app.registered("eve@example.com", "employer").await;
    assert!(matches!(
        eve.call("company/invite/accept", &[("token", &token)])
            .await
            .error(),
        AppError::Refused(_)
    ));
    let mut bo = app.registered("bo@example.com", "employer").await;
    let reply = bo.call("company/invite/accept", &[("token", &token)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        bo.call("company/mine", &[]).await.json()["company"]["my_role"],
        "Admin"
    );
    // Single use.
    let reply = bo.call("company/invite/accept", &[("token", &token)]).await;
    assert!(matches!(reply.error(), AppError::Refused(_)));
    assert_eq!(app.audit_count("company.member_joined").await, 1);

    // An expired invitation does not work, and a new one may be sent.
    ada.call(
        "company/invite",
        &[("email", "cy@example.com"), ("role", "member")],
    )
    .await;
    let old = app
        .token_from_email("cy@example.com", "Join Andela on Hirewell")
        .await;
    sqlx::query("update company_invites set expires_at = now() - interval '1 minute' where email = 'cy@example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    let mut cy = app.registered("cy@example.com", "employer").await;
    assert!(matches!(
        cy.call("company/invite/accept", &[("token", &old)])
            .await
            .error(),
        AppError::Refused(_)
    ));
    let reply = ada
        .call(
            "company/invite",
            &[("email", "cy@example.com"), ("role", "member")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let fresh = app
        .token_from_email("cy@example.com", "Join Andela on Hirewell")
        .await;
    assert_ne!(old, fresh);

    // A revoked invitation does not work either.
    let id: uuid::Uuid = sqlx::query_scalar(
        "select id from company_invites where email = 'cy@example.com' and revoked_at is null",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let reply = ada
        .call("company/invite/revoke", &[("id", &id.to_string())])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(matches!(
        cy.call("company/invite/accept", &[("token", &fresh)])
            .await
            .error(),
        AppError::Refused(_)
    ));
    // Members cannot invite; nobody invites owners.
    let mut mo = app.join_company(&mut ada, "mo@example.com", "member").await;
    assert_eq!(
        mo.call(
            "company/invite",
            &[("email", "x@example.com"), ("role", "member")]
        )
        .await
        .error(),
        AppError::Forbidden
    );
    assert!(
        ada.call(
            "company/invite",
            &[("email", "x@example.com"), ("role", "owner")]
        )
        .await
        .error()
        .field_message("role")
        .is_some()
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_always_keeps_an_owner(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Interswitch").await;
    let ada_id = app.user_id("ada@example.com").await.to_string();
    let mut al = app.join_company(&mut ada, "al@example.com", "admin").await;
    let al_id = app.user_id("al@example.com").await.to_string();

    // The only owner can neither leave, be removed, nor step down.
    assert!(matches!(
        ada.call("company/member/remove", &[("user_id", &ada_id)])
            .await
            .error(),
        AppError::Refused(_)
    ));
    assert!(matches!(
        al.call("company/member/remove", &[("user_id", &ada_id)])
            .await
            .error(),
        AppError::Refused(_)
    ));
    assert!(matches!(
        ada.call(
            "company/member/role",
            &[("user_id", &ada_id), ("role", "admin")]
        )
        .await
        .error(),
        AppError::Refused(_)
    ));
    // An admin cannot make themselves owner.
    assert!(matches!(
        al.call(
            "company/member/role",
            &[("user_id", &al_id), ("role", "owner")]
        )
        .await
        .error(),
        AppError::Refused(_)
    ));

    // Handing over ownership: Al owns, Ada is an admin and may now leave.
    let reply = ada.call("company/transfer", &[("user_id", &al_id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let roles: Vec<(String, String)> = sqlx::query_as(
        "select u.email, m.role from company_members m join users u on u.id = m.user_id order by u.email",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        roles,
        [
            ("ada@example.com".into(), "admin".into()),
            ("al@example.com".into(), "owner".into())
        ]
    );
    let billing: bool =
        sqlx::query_scalar("select can_manage_billing from company_members where role = 'owner'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(billing, "owners manage billing");
    let reply = ada
        .call("company/member/remove", &[("user_id", &ada_id)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        ada.call("company/mine", &[]).await.json()["company"],
        serde_json::Value::Null
    );
    for action in [
        "company.ownership_transferred",
        "company.member_left",
        "company.member_invited",
    ] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_owners_stepping_down_at_once_leave_one(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Opay").await;
    let ada_id = app.user_id("ada@example.com").await.to_string();
    let mut bo = app.join_company(&mut ada, "bo@example.com", "admin").await;
    let bo_id = app.user_id("bo@example.com").await.to_string();
    let reply = ada
        .call(
            "company/member/role",
            &[("user_id", &bo_id), ("role", "owner")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Each demotes the other at the same moment: the company lock lets only one win.
    let demote_bo = [("user_id", bo_id.as_str()), ("role", "member")];
    let demote_ada = [("user_id", ada_id.as_str()), ("role", "member")];
    let (a, b) = tokio::join!(
        ada.call("company/member/role", &demote_bo),
        bo.call("company/member/role", &demote_ada),
    );
    let ok = [&a, &b]
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(ok, 1, "{} / {}", a.body, b.body);
    let owners: i64 =
        sqlx::query_scalar("select count(*) from company_members where role = 'owner'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(owners, 1);
    assert_eq!(app.audit_count("company.role_changed").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_export_holds_the_membership(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Paga").await;
    ada.call(
        "company/me",
        &[
            ("first_name", "Ada"),
            ("last_name", "Obi"),
            ("job_title", "CEO"),
            ("department", ""),
        ],
    )
    .await;
    let export = ada.get("/api/account/export").await.json();
    assert_eq!(export["company"]["form"]["name"], "Paga");
    assert_eq!(export["company"]["me"]["job_title"], "CEO");
    assert_eq!(export["company"]["my_role"], "Owner");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn deleting_an_account_leaves_the_team_but_never_without_an_owner(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Cowrywise").await;
    let mut mo = app.join_company(&mut ada, "mo@example.com", "member").await;
    let delete = [
        ("current_password", crate::common::PASSWORD),
        ("confirm", "on"),
    ];

    // The only owner of a team with others on it hands over first.
    let reply = ada.call("account/delete", &delete).await;
    assert!(
        matches!(reply.error(), AppError::Refused(_)),
        "{}",
        reply.body
    );
    assert_eq!(ada.whoami().await.as_deref(), Some("ada@example.com"));

    // A member who deletes their account is off the team at once.
    let reply = mo.call("account/delete", &delete).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let team = ada.call("company/team", &[]).await.json();
    assert_eq!(team["members"].as_array().unwrap().len(), 1);

    // The last person out: the company is no longer shown.
    let reply = ada.call("account/delete", &delete).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        app.client()
            .call("companies/public", &[("slug", "cowrywise")])
            .await
            .error(),
        AppError::NotFound
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn members_add_a_photo_their_team_sees_and_it_goes_when_they_leave(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Moniepoint").await;
    let mut ben = app
        .join_company(&mut ada, "ben@example.com", "member")
        .await;
    let reply = ben
        .upload(
            "company/me/photo",
            "photo",
            "me.exe.jpg",
            b"MZ\x90\x00 not an image",
        )
        .await;
    assert!(reply.error().field_message("photo").is_some());
    assert!(app.stored_files().is_empty());

    for hue in [1, 2] {
        let reply = ben
            .upload(
                "company/me/photo",
                "photo",
                "me.jpg",
                &portrait_jpeg(300, hue),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(app.stored_files().len(), 1, "the old photo is removed");
    let mine = ben.call("company/mine", &[]).await.json();
    let url = mine["company"]["my_photo_url"]
        .as_str()
        .unwrap()
        .to_string();
    let team = ada.call("company/team", &[]).await.json();
    let ben_row = team["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "ben@example.com")
        .unwrap()
        .clone();
    assert_eq!(ben_row["photo_url"], url.as_str());
    // Signed-in people see it; visitors do not.
    let photo = ada.get(&url).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.headers["content-type"], "image/jpeg");
    assert_eq!(app.client().get(&url).await.status, StatusCode::NOT_FOUND);

    // Removing ben from the team takes his photo with him.
    let ben_id = app.user_id("ben@example.com").await.to_string();
    let reply = ada
        .call("company/member/remove", &[("user_id", &ben_id)])
        .await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.body
    );
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());
    assert_eq!(ada.get(&url).await.status, StatusCode::NOT_FOUND);

    // Ada's own photo, then removed.
    ada.upload(
        "company/me/photo",
        "photo",
        "ada.jpg",
        &portrait_jpeg(200, 3),
    )
    .await;
    assert_eq!(app.stored_files().len(), 1);
    let reply = ada.call("company/me/photo/delete", &[]).await;
    assert!(reply.status.is_success() || reply.status.is_redirection());
    assert!(app.stored_files().is_empty());
    assert!(ada.call("company/mine", &[]).await.json()["company"]["my_photo_url"].is_null());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn administrators_verify_companies_and_nobody_else_can(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app
        .fresh_employer_of(
            "ada@example.com",
            "Moniepoint",
            "www.paystack.example.com/about",
        )
        .await;
    let mut admin = app.admin("root@example.com").await;
    let company = ada.call("company/mine", &[]).await.json()["company"].clone();
    let id = company["id"].as_str().unwrap();
    let slug = company["slug"].as_str().unwrap();
    assert_eq!(company["verified"], false);

    // Not the company's own owner, nor a candidate.
    let mut candidate = app.registered("cat@example.com", "candidate").await;
    for client in [&mut ada, &mut candidate] {
        assert_eq!(
            client
                .call(
                    "admin/company/verification",
                    &[("company_id", id), ("verified", "true")]
                )
                .await
                .error(),
            AppError::Forbidden
        );
        assert_eq!(
            client
                .call("admin/companies", &[("search", ""), ("page", "1")])
                .await
                .error(),
            AppError::Forbidden
        );
    }

    let list = admin
        .call("admin/companies", &[("search", "monie"), ("page", "1")])
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["companies"][0]["verified"], false);
    assert_eq!(list["companies"][0]["members"], 1);
    // By its website's domain too.
    let by_domain = admin
        .call(
            "admin/companies",
            &[("search", "paystack.example"), ("page", "1")],
        )
        .await
        .json();
    assert_eq!(by_domain["total"], 1);
    assert_eq!(by_domain["companies"][0]["name"], "Moniepoint");
    let reply = admin
        .call(
            "admin/company/verification",
            &[("company_id", id), ("verified", "true")],
        )
        .await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.body
    );
    let public = app
        .client()
        .call("companies/public", &[("slug", slug)])
        .await
        .json();
    assert_eq!(public["verified"], true);
    // Verifying twice changes nothing and is audited once.
    admin
        .call(
            "admin/company/verification",
            &[("company_id", id), ("verified", "true")],
        )
        .await;
    assert_eq!(app.audit_count("company.verified").await, 1);
    admin
        .call(
            "admin/company/verification",
            &[("company_id", id), ("verified", "false")],
        )
        .await;
    assert_eq!(app.audit_count("company.unverified").await, 1);
    assert_eq!(
        ada.call("company/mine", &[]).await.json()["company"]["verified"],
        false
    );

    let unknown = uuid::Uuid::now_v7().to_string();
    assert_eq!(
        admin
            .call(
                "admin/company/verification",
                &[("company_id", &unknown), ("verified", "true")]
            )
            .await
            .error(),
        AppError::NotFound
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_existing_employer_finds_the_invitation_in_the_app(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.employer_of("ada@acme.test", "Acme", "").await;
    let mut bo = app.registered("bo@example.com", "employer").await;
    let mut cy = app.registered("cy@example.com", "employer").await;
    sqlx::query("update users set email_verified_at = now() where email = 'bo@example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    for email in ["bo@example.com", "cy@example.com"] {
        app.invite(&mut ada, email, "member").await;
    }

    // Bo (confirmed address) is told and finds it on the join page.
    let told = bo.call("notifications", &[]).await.json();
    assert_eq!(
        told["items"][0]["title"],
        "Acme invited you to their hiring team"
    );
    let link: String = sqlx::query_scalar("select link from notifications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(link, "/company/join");
    let mine = bo.call("company/invites/mine", &[]).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let bo_invite = mine[0]["id"].as_str().unwrap().to_string();

    // Cy's address is not confirmed: no notice, no list, and Bo's id is no use.
    assert_eq!(
        cy.call("notifications", &[]).await.json()["items"],
        serde_json::json!([])
    );
    assert_eq!(
        cy.call("company/invites/mine", &[]).await.json(),
        serde_json::json!([])
    );
    let stolen = cy
        .call("company/invites/accept", &[("id", &bo_invite)])
        .await;
    assert_eq!(stolen.status, StatusCode::CONFLICT);

    let joined = bo
        .call("company/invites/accept", &[("id", &bo_invite)])
        .await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let team = ada.call("company/team", &[]).await.json();
    assert!(team.to_string().contains("bo@example.com"), "{team}");
    let again = bo
        .call("company/invites/accept", &[("id", &bo_invite)])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "used once");
}

/// Without script a refused change of one member's role comes back to the
/// team page with its error in that member's row only.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_failed_role_change_without_script_shows_in_its_own_row(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = owner(&app, "ada@example.com", "Kuda").await;
    app.join_company(&mut ada, "mo@example.com", "member").await;
    app.join_company(&mut ada, "al@example.com", "member").await;
    let mo = app.user_id("mo@example.com").await.to_string();
    let (back, page) = ada
        .call_plain_form_and_follow(
            "company/member/role",
            &[("user_id", &mo), ("role", "boss")],
            "http://localhost:3000/company/team",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("Choose a role.").count(), 1, "{back}");
}
