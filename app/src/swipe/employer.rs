//! The employer's side of the deck: who super-liked a vacancy. Only
//! candidates whose profile employers may see (public or network) and who
//! do not hide from this company in confidential mode are listed.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::state::{app_state, respond},
};

/// A candidate who super-liked a vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuperLiker {
    pub candidate_id: Uuid,
    pub name: String,
    pub headline: String,
    pub match_score: i16,
    pub at: OffsetDateTime,
}

/// How many super-likers one vacancy lists.
pub const SUPER_LIKERS_SHOWN: i64 = 50;

#[server(endpoint = "swipe/super-likers")]
pub async fn super_likers(vacancy_id: String) -> Result<Vec<SuperLiker>, AppError> {
    respond(async move {
        let user = require_role(AccountType::Employer).await?;
        let vacancy_id: Uuid = vacancy_id.parse().map_err(|_| AppError::NotFound)?;
        let pool = app_state()?.pool;
        let (company_id, _) = crate::vacancies::db::creator(&pool, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let owned = sqlx::query_scalar!(
            r#"select exists(select 1 from vacancies where id = $1 and company_id = $2) as "e!""#,
            vacancy_id,
            company_id
        )
        .fetch_one(&pool)
        .await?;
        if !owned {
            return Err(AppError::NotFound);
        }
        Ok(sqlx::query!(
            r#"select s.user_id, s.match_score, s.created_at,
                      coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                               'A candidate') as "name!",
                      coalesce(p.headline, '') as "headline!"
                 from vacancy_swipes s
                 join users u on u.id = s.user_id and u.status in ('pending', 'active')
                 join user_settings us on us.user_id = s.user_id
                 left join candidate_profiles p on p.user_id = s.user_id
                where s.vacancy_id = $1 and s.direction = 'super' and p.hidden_by_case is null
                  and us.profile_visibility in ('public', 'network')
                  and not candidate_hidden_from(s.user_id, $2)
                order by s.created_at desc
                limit $3"#,
            vacancy_id,
            user.id,
            SUPER_LIKERS_SHOWN
        )
        .fetch_all(&pool)
        .await?
        .into_iter()
        .map(|r| SuperLiker {
            candidate_id: r.user_id,
            name: r.name,
            headline: r.headline,
            match_score: r.match_score,
            at: r.created_at,
        })
        .collect())
    })
    .await
}

/// The super-likers of a vacancy, for its pipeline page.
#[component]
pub fn SuperLikers(vacancy_id: Signal<Option<Uuid>>) -> impl IntoView {
    let list = Resource::new(
        move || vacancy_id.get(),
        |id| super_likers(id.map(|i| i.to_string()).unwrap_or_default()),
    );
    view! {
        <section aria-labelledby="super-likers-heading" class="mt-8 rounded-xl border border-amber-200 bg-white p-4">
            <h2 id="super-likers-heading" class="font-semibold text-slate-900">"Super-liked by"</h2>
            <Suspense fallback=|| view! { <crate::ui::PageSkeleton label="Loading…" compact=true/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        // The pipeline above already says why.
                        Err(_) => ().into_any(),
                        Ok(people) if people.is_empty() => view! {
                            <p class="mt-2 text-sm text-slate-700">"Nobody has super-liked this vacancy yet, or they keep their profile private."</p>
                        }.into_any(),
                        Ok(people) => view! {
                            <ul class="mt-2 divide-y divide-slate-100 text-sm">
                                {people.into_iter().map(|p| view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                        <span class="min-w-0">
                                            <a class="font-medium text-indigo-700 underline" href=format!("/p/{}", p.candidate_id)>{p.name}</a>
                                            <span class="block truncate text-slate-700">{p.headline}</span>
                                        </span>
                                        <span class="text-slate-700">
                                            {format!("{}% match · {}", p.match_score, crate::ui::format_day(p.at))}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Whether a vacancy takes applications sent by auto-apply. Switching it
/// off ends the entries waiting for it, with that reason; audited.
#[server(endpoint = "swipe/auto-apply-accepted")]
pub async fn set_auto_apply_accepted(vacancy_id: String, accepted: bool) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Employer).await?;
        let vacancy_id: Uuid = vacancy_id.parse().map_err(|_| AppError::NotFound)?;
        let state = app_state()?;
        let (company_id, may_change) = crate::vacancies::db::creator(&state.pool, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut tx = state.pool.begin().await?;
        let changed = sqlx::query!(
            "update vacancies set accepts_auto_apply = $3
              where id = $1 and company_id = $2 and accepts_auto_apply <> $3",
            vacancy_id,
            company_id,
            accepted
        );
        let exists = sqlx::query_scalar!(
            r#"select exists(select 1 from vacancies where id = $1 and company_id = $2) as "e!""#,
            vacancy_id,
            company_id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !exists {
            return Err(AppError::NotFound);
        }
        if !may_change {
            return Err(AppError::Forbidden);
        }
        if changed.execute(&mut *tx).await?.rows_affected() == 1 {
            if !accepted {
                super::queue::end_for_vacancy(
                    &mut tx,
                    vacancy_id,
                    "The employer does not take auto-applications for this job.",
                )
                .await?;
            }
            crate::audit::record(
                &mut tx,
                crate::audit::AuditEvent {
                    actor: Some(user.id),
                    action: "vacancy.auto_apply_changed",
                    target_type: "vacancy",
                    target_id: Some(vacancy_id.to_string()),
                    metadata: serde_json::json!({ "accepted": accepted }),
                },
                &crate::state::RequestContext::current(&state.config),
            )
            .await?;
        }
        tx.commit().await?;
        if crate::state::is_plain_form_post() {
            leptos_axum::redirect(&format!("/employer/vacancies/{vacancy_id}/pipeline"));
        }
        Ok(())
    })
    .await
}

/// The employer's switch for auto-applications on one vacancy.
#[component]
pub fn AutoApplySwitch(vacancy_id: Uuid, accepts: bool) -> impl IntoView {
    let set = ServerAction::<SetAutoApplyAccepted>::new();
    crate::ui::reload_on_success(set.value());
    let (_, error) = crate::ui::action_errors(set.value());
    view! {
        <crate::ui::ActionForm action=set attr:class="flex items-center gap-2">
            <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
            <input type="hidden" name="accepted" value=(!accepts).to_string()/>
            <span class="text-slate-700">{if accepts { "Auto-applications: taken" } else { "Auto-applications: refused" }}</span>
            <button type="submit" class="font-medium text-indigo-700 underline">
                {if accepts { "Refuse them" } else { "Take them" }}
            </button>
            <crate::ui::FormError error=error/>
        </crate::ui::ActionForm>
    }
}
