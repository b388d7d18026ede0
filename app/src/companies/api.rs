//! Company server functions. Every one checks the caller's account and their
//! place in the company; no function takes a company id from the browser
//! except the public page, which shows only what is public.

#![cfg_attr(
    feature = "ssr",
    expect(
        clippy::too_many_arguments,
        reason = "validation takes the pool and one argument per form field"
    )
)]

use super::{CompanyPageData, PublicCompany};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::MemberDetails,
    super::db::{self, CompanyDetails, Membership, Permission},
    super::rules::{self, COMPANY_SIZES},
    crate::audit::{self, AuditEvent},
    crate::auth::CurrentUser,
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::error::Validator,
    crate::media::storage::remove_orphans,
    crate::profiles::rules::{one_of, optional_text, required_text, web_address},
    crate::state::{RequestContext, app_state, respond},
    uuid::Uuid,
};

/// The signed-in employer and their membership, if any.
#[cfg(feature = "ssr")]
pub async fn employer() -> Result<(CurrentUser, Option<Membership>), AppError> {
    let user = require_role(AccountType::Employer).await?;
    let membership = db::membership(&app_state()?.pool, user.id).await?;
    Ok((user, membership))
}

/// The signed-in employer's membership; refused without a company.
#[cfg(feature = "ssr")]
pub async fn member() -> Result<(CurrentUser, Membership), AppError> {
    match employer().await? {
        (user, Some(membership)) => Ok((user, membership)),
        (_, None) => Err(AppError::NoCompany),
    }
}

/// The signed-in member and their company, if their team gave them
/// `permission`; a refusal that says whom to ask otherwise.
#[cfg(feature = "ssr")]
pub async fn permitted(permission: Permission) -> Result<(CurrentUser, Uuid), AppError> {
    let user = require_role(AccountType::Employer).await?;
    let rights = db::member_rights(&app_state()?.pool, user.id)
        .await?
        .ok_or(AppError::NoCompany)?;
    if !rights.allows(permission) {
        let refusal = match permission {
            Permission::SendIntroductions => {
                "Your team has not given you introductions. Ask an admin of your company."
            }
            Permission::ManageBilling => {
                "Billing is for your company's owner and the members they allow. Ask your owner."
            }
        };
        return Err(AppError::Refused(refusal.into()));
    }
    Ok((user, rights.company_id))
}

/// The signed-in owner or admin of a company.
#[cfg(feature = "ssr")]
pub async fn manager() -> Result<(CurrentUser, Membership), AppError> {
    let (user, membership) = member().await?;
    if !membership.role.manages() {
        return Err(AppError::Forbidden);
    }
    Ok((user, membership))
}

#[cfg(feature = "ssr")]
pub(crate) fn company_event(
    actor: uuid::Uuid,
    action: &'static str,
    company_id: uuid::Uuid,
) -> AuditEvent<'static> {
    AuditEvent {
        actor: Some(actor),
        action,
        target_type: "company",
        target_id: Some(company_id.to_string()),
        metadata: serde_json::json!({}),
    }
}

#[cfg(feature = "ssr")]
async fn validate(
    pool: &sqlx::PgPool,
    name: &str,
    industry_id: &str,
    company_size: &str,
    headquarters: &str,
    website: &str,
    description: &str,
    linkedin_url: &str,
) -> Result<CompanyDetails, AppError> {
    let mut v = Validator::new();
    let name = v
        .check("name", required_text(name, 200, "Company name"))
        .unwrap_or_default();
    if !name.is_empty() && (name.chars().count() < 2 || rules::slugify(&name).is_empty()) {
        v.add("name", "Enter a company name with letters or digits.");
    }
    let industry_id = match industry_id.trim().parse::<Uuid>() {
        Ok(id) if crate::profiles::db::industry_exists(pool, id).await? => Some(id),
        _ => {
            v.add("industry_id", "Choose an industry from the list.");
            None
        }
    };
    let company_size = v
        .check(
            "company_size",
            one_of(
                company_size,
                &COMPANY_SIZES,
                "Choose the size of the company.",
            ),
        )
        .unwrap_or_default();
    let headquarters = v
        .check(
            "headquarters",
            required_text(headquarters, 100, "Headquarters"),
        )
        .unwrap_or_default();
    let website = v
        .check(
            "website",
            web_address(
                &rules::website_with_scheme(website),
                None,
                "A website address",
            ),
        )
        .flatten();
    let description = v
        .check(
            "description",
            optional_text(description, 5000, "The description"),
        )
        .flatten();
    let linkedin_url = v
        .check(
            "linkedin_url",
            web_address(linkedin_url, Some("linkedin.com"), "A LinkedIn address"),
        )
        .flatten();
    v.finish()?;
    Ok(CompanyDetails {
        email_domain: website.as_deref().and_then(rules::email_domain),
        name,
        industry_id,
        company_size,
        headquarters,
        website,
        description,
        linkedin_url,
    })
}

#[cfg(feature = "ssr")]
const NAME_TAKEN: &str =
    "A company with this name is already on Hirewell. Ask one of its admins to invite you.";

#[server(endpoint = "company/mine")]
pub async fn get_my_company() -> Result<CompanyPageData, AppError> {
    respond(async {
        let (user, _) = employer().await?;
        let state = app_state()?;
        Ok(CompanyPageData {
            company: db::my_company(&state.pool, user.id).await?,
            industries: state.industries.get(&state.pool).await?,
        })
    })
    .await
}

#[server(endpoint = "company/create")]
pub async fn create_company(
    name: String,
    industry_id: String,
    company_size: String,
    headquarters: String,
    website: String,
    description: String,
    linkedin_url: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, membership) = employer().await?;
        if membership.is_some() {
            return Err(AppError::Refused("You already belong to a company.".into()));
        }
        let state = app_state()?;
        let details = validate(
            &state.pool,
            &name,
            &industry_id,
            &company_size,
            &headquarters,
            &website,
            &description,
            &linkedin_url,
        )
        .await?;
        let request = RequestContext::current(&state.config);
        let mut tx = state.pool.begin().await?;
        let id = Uuid::now_v7();
        let slug = db::free_slug(&mut tx, &rules::slugify(&details.name)).await?;
        db::insert_company(&mut tx, id, &slug, &details, user.id)
            .await
            .map_err(|e| AppError::on_constraint(e, db::NAME_UNIQUE, "name", NAME_TAKEN))?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.created", id)
                .with_metadata(serde_json::json!({ "name": details.name })),
            &request,
        )
        .await?;
        crate::introductions::db::grant_trial(&mut tx, id, user.id, &request).await?;
        tx.commit().await?;
        leptos_axum::redirect("/company?notice=company_created");
        Ok(())
    })
    .await
}

#[server(endpoint = "company/save")]
pub async fn save_company(
    name: String,
    industry_id: String,
    company_size: String,
    headquarters: String,
    website: String,
    description: String,
    linkedin_url: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, membership) = manager().await?;
        let state = app_state()?;
        let details = validate(
            &state.pool,
            &name,
            &industry_id,
            &company_size,
            &headquarters,
            &website,
            &description,
            &linkedin_url,
        )
        .await?;
        let mut tx = state.pool.begin().await?;
        db::update_company(&mut *tx, membership.company_id, &details)
            .await
            .map_err(|e| {
                AppError::on_constraint(
                    e,
                    db::NAME_UNIQUE,
                    "name",
                    "Another company on Hirewell has this name.",
                )
            })?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.updated", membership.company_id),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect("/company?notice=company_saved#company");
        Ok(())
    })
    .await
}

/// Reads and cleans an uploaded image and stores it at thumbnail size under
/// `folder`; `record` saves the new key and content type and returns the
/// replaced file's key, which is removed once the change has committed.
#[cfg(feature = "ssr")]
async fn replace_small_image(
    data: MultipartData,
    field: &'static str,
    folder: String,
    record: impl for<'c> FnOnce(
        &'c mut sqlx::PgConnection,
        String,
        &'static str,
    ) -> std::pin::Pin<
        Box<dyn Future<Output = Result<Option<String>, AppError>> + Send + 'c>,
    >,
) -> Result<(), AppError> {
    use crate::media::{api, files};
    let state = app_state()?;
    let (_, bytes) = api::read_upload(
        data,
        field,
        files::MAX_PHOTO_BYTES,
        "The image is larger than 5 MB. Choose a smaller one.",
    )
    .await?;
    let clean = api::check(field, move || {
        files::clean_image(&bytes, files::MAX_PHOTO_BYTES)
    })
    .await?;
    let key = format!("{folder}/{}.{}", Uuid::now_v7(), clean.extension);
    let mut replaced = None;
    api::store_then_record(
        state.storage.as_ref(),
        &[(&key, &clean.thumbnail)],
        async |conn| {
            replaced = record(conn, key.clone(), clean.content_type).await?;
            Ok(true)
        },
        &state.pool,
    )
    .await?;
    remove_orphans(state.storage.as_ref(), replaced).await;
    Ok(())
}

#[server(endpoint = "company/logo", input = MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<(), AppError> {
    respond(async move {
        let (user, membership) = manager().await?;
        let company_id = membership.company_id;
        let request = RequestContext::current(&app_state()?.config);
        replace_small_image(
            data,
            "logo",
            format!("logos/{company_id}"),
            move |conn, key, content_type| {
                Box::pin(async move {
                    let replaced =
                        db::set_logo(conn, company_id, Some(&key), Some(content_type)).await?;
                    audit::record(
                        conn,
                        company_event(user.id, "company.logo_changed", company_id),
                        &request,
                    )
                    .await?;
                    Ok(replaced)
                })
            },
        )
        .await?;
        if crate::state::is_plain_form_post() {
            leptos_axum::redirect("/company?notice=logo_uploaded#logo");
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "company/logo/delete")]
pub async fn delete_logo() -> Result<(), AppError> {
    respond(async move {
        let (user, membership) = manager().await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let old = db::set_logo(&mut tx, membership.company_id, None, None).await?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.logo_removed", membership.company_id),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        remove_orphans(state.storage.as_ref(), old).await;
        leptos_axum::redirect("/company?notice=logo_removed#logo");
        Ok(())
    })
    .await
}

/// A member's own photo, shown to their team.
#[server(endpoint = "company/me/photo", input = MultipartFormData)]
pub async fn upload_member_photo(data: MultipartData) -> Result<(), AppError> {
    respond(async move {
        let (user, membership) = member().await?;
        replace_small_image(
            data,
            "photo",
            format!("members/{}/{}", membership.company_id, user.id),
            move |conn, key, content_type| {
                Box::pin(async move {
                    Ok(db::set_member_photo(conn, user.id, Some(&key), Some(content_type)).await?)
                })
            },
        )
        .await?;
        if crate::state::is_plain_form_post() {
            leptos_axum::redirect("/company?notice=member_photo_uploaded#me");
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "company/me/photo/delete")]
pub async fn delete_member_photo() -> Result<(), AppError> {
    respond(async move {
        let (user, _) = member().await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let old = db::set_member_photo(&mut tx, user.id, None, None).await?;
        tx.commit().await?;
        remove_orphans(state.storage.as_ref(), old).await;
        leptos_axum::redirect("/company?notice=member_photo_removed#me");
        Ok(())
    })
    .await
}

#[server(endpoint = "company/me")]
pub async fn save_member_details(
    first_name: String,
    last_name: String,
    job_title: String,
    department: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, _) = member().await?;
        let mut v = Validator::new();
        let details = MemberDetails {
            first_name: v
                .check("first_name", required_text(&first_name, 100, "First name"))
                .unwrap_or_default(),
            last_name: v
                .check("last_name", required_text(&last_name, 100, "Last name"))
                .unwrap_or_default(),
            job_title: v
                .check("job_title", required_text(&job_title, 150, "Job title"))
                .unwrap_or_default(),
            department: v
                .check(
                    "department",
                    optional_text(&department, 100, "The department"),
                )
                .flatten()
                .unwrap_or_default(),
        };
        v.finish()?;
        db::save_member_details(&app_state()?.pool, user.id, &details).await?;
        leptos_axum::redirect("/company?notice=member_saved#me");
        Ok(())
    })
    .await
}

/// A company's public page with a `page` (from 1) of its open roles;
/// suspended and unknown companies are not found.
#[server(endpoint = "companies/public")]
pub async fn get_public_company(
    slug: String,
    #[server(default)] page: Option<i64>,
) -> Result<PublicCompany, AppError> {
    respond(async move {
        let pool = app_state()?.pool;
        let (id, mut company) = db::public_company(&pool, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        company.responses = crate::introductions::db::response_figures(&pool, &[id])
            .await?
            .remove(&id);
        let user = crate::auth::session::current_user().await?;
        if let Some(user) = &user {
            company.can_edit = db::membership(&pool, user.id)
                .await?
                .is_some_and(|m| m.company_id == id && m.role.manages());
        }
        let mut conn = pool.acquire().await?;
        company.roles_page = page.unwrap_or(1).max(1);
        (company.roles, company.open_roles) =
            crate::board::api::company_roles(&mut conn, user.as_ref(), id, company.roles_page)
                .await?;
        Ok(company)
    })
    .await
}
