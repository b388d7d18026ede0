//! Admin server functions; each starts with `require_admin`.

use super::{CompanyPage, Overview, UserPage};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    crate::audit::{self, AuditEvent},
    crate::auth::rules::{Access, AccountType, AdminArea},
    crate::auth::session::require_admin,
    crate::state::{RequestContext, app_state, respond},
};

pub const USERS_PER_PAGE: i64 = 25;
pub const COMPANIES_PER_PAGE: i64 = 25;
/// The latest audit entries on the dashboard (the rest at /admin/audit).
pub const RECENT_AUDIT_ENTRIES: i64 = 10;

#[server(endpoint = "admin/overview")]
pub async fn admin_overview() -> Result<Overview, AppError> {
    respond(async {
        let admin = require_admin(AdminArea::Dashboard).await?;
        let role = admin.admin_role.ok_or(AppError::Forbidden)?;
        let state = app_state()?;
        let c = super::db::counts(&state.pool).await?;
        // The log names people's addresses: for those who may read it.
        let recent_audit = if role.may(AdminArea::Audit) {
            Some(
                crate::audit::db::entries(
                    &state.pool,
                    &crate::audit::db::Filter::default(),
                    None,
                    RECENT_AUDIT_ENTRIES,
                )
                .await?,
            )
        } else {
            None
        };
        Ok(Overview {
            candidates: c.candidates,
            employers: c.employers,
            admins: c.admins,
            unverified: c.unverified,
            locked: c.locked,
            recent_audit,
            role,
        })
    })
    .await
}

#[server(endpoint = "admin/users")]
pub async fn admin_list_users(search: String, page: i64) -> Result<UserPage, AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let state = app_state()?;
        let search: String = search.trim().chars().take(254).collect();
        let page = page.clamp(1, 100_000);
        let (users, total) = super::db::users_page(
            &state.pool,
            &search,
            USERS_PER_PAGE,
            (page - 1) * USERS_PER_PAGE,
        )
        .await?;
        Ok(UserPage {
            users,
            may_manage_admins: admin
                .admin_role
                .is_some_and(|role| role.may(AdminArea::Admins)),
            total,
            page,
            per_page: USERS_PER_PAGE,
        })
    })
    .await
}

#[server(endpoint = "admin/change-account-type")]
pub async fn change_account_type(user_id: Uuid, account_type: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let state = app_state()?;
        let new = Access::parse(&account_type)
            .ok_or_else(|| AppError::field("account_type", "Choose an account type."))?;
        if user_id == admin.id {
            return Err(AppError::Refused(
                "You cannot change your own account type; ask another administrator.".into(),
            ));
        }
        let mut tx = state.pool.begin().await?;
        let old = sqlx::query!(
            "select account_type, admin_role from users where id = $1 and deleted_at is null for update",
            user_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let old_value = match &old.admin_role {
            Some(role) => format!("admin:{role}"),
            None => old.account_type.clone(),
        };
        // Only a super admin makes, changes or ends an administrator.
        let touches_admins =
            new.account_type == AccountType::Admin || old.account_type == AccountType::Admin.as_str();
        if touches_admins
            && !admin
                .admin_role
                .is_some_and(|role| role.may(AdminArea::Admins))
        {
            return Err(AppError::Forbidden);
        }
        if old_value != new.value() {
            sqlx::query!(
                "update users set account_type = $2, admin_role = $3 where id = $1",
                user_id,
                new.account_type.as_str(),
                new.admin_role.map(|role| role.as_str())
            )
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                AuditEvent::on_user(Some(admin.id), "role.changed", user_id).with_metadata(
                    serde_json::json!({ "from": old_value, "to": new.value() }),
                ),
                &RequestContext::current(&state.config),
            )
            .await?;
        }
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/users?notice=role_changed#user-{user_id}"));
        Ok(())
    })
    .await
}

#[server(endpoint = "admin/companies")]
pub async fn admin_list_companies(search: String, page: i64) -> Result<CompanyPage, AppError> {
    respond(async move {
        require_admin(AdminArea::Companies).await?;
        let state = app_state()?;
        let search: String = search.trim().chars().take(200).collect();
        let page = page.clamp(1, 100_000);
        let (companies, total) = super::db::companies_page(
            &state.pool,
            &search,
            COMPANIES_PER_PAGE,
            (page - 1) * COMPANIES_PER_PAGE,
        )
        .await?;
        Ok(CompanyPage {
            companies,
            total,
            page,
            per_page: COMPANIES_PER_PAGE,
        })
    })
    .await
}

/// Marks a company verified (its badge shows on its page) or back to
/// pending; audited.
#[server(endpoint = "admin/company/verification")]
pub async fn set_company_verification(company_id: Uuid, verified: bool) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Companies).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let changed = sqlx::query!(
            "update companies
                set verification_status = case when $2 then 'verified' else 'pending' end,
                    verified_at = case when $2 then now() end, updated_at = now()
              where id = $1 and (verification_status = 'verified') <> $2",
            company_id,
            verified
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            audit::record(
                &mut tx,
                crate::companies::api::company_event(
                    admin.id,
                    if verified {
                        "company.verified"
                    } else {
                        "company.unverified"
                    },
                    company_id,
                ),
                &RequestContext::current(&state.config),
            )
            .await?;
        } else if !crate::companies::db::exists(&mut *tx, company_id).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/admin/companies?notice=company_verification_changed#company-{company_id}"
        ));
        Ok(())
    })
    .await
}

/// Features a published vacancy (its badge shows in search and on its page)
/// or stops featuring it; audited.
#[server(endpoint = "admin/vacancy/featured")]
pub async fn set_vacancy_featured(vacancy_id: Uuid, featured: bool) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Companies).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        // Drafts have no page to feature them on.
        let slug = sqlx::query_scalar!(
            r#"select slug as "slug!" from vacancies where id = $1 and slug is not null for update"#,
            vacancy_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let changed = sqlx::query!(
            "update vacancies set is_featured = $2, updated_at = now()
              where id = $1 and is_featured <> $2",
            vacancy_id,
            featured
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            audit::record(
                &mut tx,
                crate::vacancies::api::vacancy_event(
                    admin.id,
                    if featured {
                        "vacancy.featured"
                    } else {
                        "vacancy.unfeatured"
                    },
                    vacancy_id,
                ),
                &RequestContext::current(&state.config),
            )
            .await?;
        }
        tx.commit().await?;
        let notice = if featured {
            "vacancy_featured"
        } else {
            "vacancy_unfeatured"
        };
        leptos_axum::redirect(&format!("/jobs/{slug}?notice={notice}"));
        Ok(())
    })
    .await
}
