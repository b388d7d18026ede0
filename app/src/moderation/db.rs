//! SQL of moderation: cases, reports, hiding and giving back.

use super::rules::{self, Action, Entity, Reason};
use super::{Appeal, Case, Decision, Item, OwnerCase, Queue, QueueRow, Report};
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// An item with the people who answer for it (told of decisions, may
/// appeal) and its own words.
pub struct Found {
    pub item: Item,
    pub owners: Vec<Uuid>,
    /// The account suspended by a `Suspend` decision, if the item has one.
    pub account: Option<Uuid>,
    pub excerpt: String,
    pub hidden: bool,
}

/// The item, whatever its state; none when it does not exist.
pub async fn find(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
) -> Result<Option<Found>, sqlx::Error> {
    let found = match entity {
        Entity::Vacancy => sqlx::query!(
            r#"select v.title, v.slug, v.status, v.description, v.company_id, v.created_by,
                      c.name as company
                 from vacancies v join companies c on c.id = v.company_id
                where v.id = $1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|v| {
            let shown = !matches!(v.status.as_str(), "draft" | "hidden");
            (
                Item {
                    entity,
                    id,
                    title: v.title,
                    owner: v.company,
                    link: v.slug.filter(|_| shown).map(|s| format!("/jobs/{s}")),
                },
                Some(v.company_id),
                v.created_by,
                v.description,
                v.status == "hidden",
            )
        }),
        Entity::Profile => sqlx::query!(
            r#"select trim(p.first_name || ' ' || p.last_name) as "name!",
                      coalesce(p.headline, '') as "headline!", coalesce(p.summary, '') as "summary!",
                      coalesce(p.linkedin_url, '') as "linkedin!", coalesce(p.portfolio_url, '') as "portfolio!",
                      p.hidden_by_case is not null as "hidden!", u.status
                 from candidate_profiles p join users u on u.id = p.user_id
                where p.user_id = $1 and u.deleted_at is null"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|p| {
            let shown = !p.hidden && p.status != "suspended";
            let name = if p.name.is_empty() {
                "A job seeker".to_string()
            } else {
                p.name
            };
            (
                Item {
                    entity,
                    id,
                    title: name.clone(),
                    owner: name,
                    link: shown.then(|| format!("/p/{id}")),
                },
                None,
                Some(id),
                [p.headline, p.summary, p.linkedin, p.portfolio]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                p.hidden,
            )
        }),
        Entity::Company => sqlx::query!(
            r#"select name, slug, status, coalesce(description, '') as "description!",
                      hidden_by_case is not null as "hidden!"
                 from companies where id = $1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|c| {
            (
                Item {
                    entity,
                    id,
                    title: c.name.clone(),
                    owner: c.name,
                    link: (c.status == "active").then(|| format!("/companies/{}", c.slug)),
                },
                Some(id),
                None,
                c.description,
                c.hidden,
            )
        }),
        // Private to its conversation, so it has no public link; the words
        // are what it says now, or what it said when last reported once the
        // sender deleted it.
        Entity::Message => sqlx::query!(
            r#"select m.sender_id, coalesce(chat_person_name(m.sender_id), 'A removed account') as "sender!",
                      coalesce(m.hidden_body, nullif(m.body, ''),
                               (select r.message_body from chat_reports r
                                 where r.message_id = m.id order by r.created_at desc limit 1),
                               '') as "words!",
                      m.hidden_by_case is not null as "hidden!"
                 from chat_messages m where m.id = $1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|m| {
            (
                Item {
                    entity,
                    id,
                    title: format!("A message from {}", m.sender),
                    owner: m.sender,
                    link: None,
                },
                None,
                m.sender_id,
                m.words,
                m.hidden,
            )
        }),
    };
    let Some((item, company, account, excerpt, hidden)) = found else {
        return Ok(None);
    };
    // A company's owners and admins answer for its page and vacancies; a
    // vacancy's author too.
    let owners = match company {
        Some(company_id) => {
            sqlx::query_scalar!(
                "select user_id from company_members
              where company_id = $1 and (role in ('owner', 'admin') or user_id = $2)",
                company_id,
                account
            )
            .fetch_all(&mut *conn)
            .await?
        }
        None => account.into_iter().collect(),
    };
    Ok(Some(Found {
        item,
        owners,
        account,
        excerpt,
        hidden,
    }))
}

/// When `reporter` already has an open report about the item.
pub async fn open_report_at(
    conn: &mut PgConnection,
    reporter: Uuid,
    entity: Entity,
    id: Uuid,
) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    sqlx::query_scalar!(
        "select created_at from content_reports
          where reporter_id = $1 and entity_type = $2 and entity_id = $3 and open",
        reporter,
        entity.as_str(),
        id
    )
    .fetch_optional(conn)
    .await
}

/// The open case of the item, made if there is none.
async fn open_case(conn: &mut PgConnection, entity: Entity, id: Uuid) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into moderation_cases (id, entity_type, entity_id) values ($1, $2, $3)
         on conflict (entity_type, entity_id) where status in ('pending', 'appealed')
         do update set updated_at = now()
         returning id",
        Uuid::now_v7(),
        entity.as_str(),
        id
    )
    .fetch_one(conn)
    .await
}

/// Files a report in the item's open case; none when the reporter has an
/// open one about it already.
pub async fn report(
    conn: &mut PgConnection,
    reporter: Uuid,
    entity: Entity,
    id: Uuid,
    reason: Reason,
    details: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    let case_id = open_case(&mut *conn, entity, id).await?;
    let filed = sqlx::query_scalar!(
        "insert into content_reports (id, case_id, reporter_id, entity_type, entity_id, reason, details)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (reporter_id, entity_type, entity_id) where open do nothing
         returning id",
        Uuid::now_v7(),
        case_id,
        reporter,
        entity.as_str(),
        id,
        reason.as_str(),
        details
    )
    .fetch_optional(&mut *conn)
    .await?;
    if filed.is_none() {
        return Ok(None);
    }
    rate(&mut *conn, case_id).await?;
    Ok(Some(case_id))
}

/// Puts a report of a message (filed in `chat_reports`, with the message's
/// words as they were) in the message's open case.
pub async fn file_message_report(
    conn: &mut PgConnection,
    report_id: Uuid,
    message_id: Uuid,
) -> Result<Uuid, sqlx::Error> {
    let case_id = open_case(&mut *conn, Entity::Message, message_id).await?;
    sqlx::query!(
        "update chat_reports set case_id = $2 where id = $1",
        report_id,
        case_id
    )
    .execute(&mut *conn)
    .await?;
    rate(&mut *conn, case_id).await?;
    Ok(case_id)
}

/// Puts the item in the queue for an automatic check's reason.
pub async fn flag(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
    reason: &str,
) -> Result<Uuid, sqlx::Error> {
    let case_id = open_case(&mut *conn, entity, id).await?;
    sqlx::query!(
        "update moderation_cases set flagged_by_system = true, system_reason = $2 where id = $1",
        case_id,
        reason
    )
    .execute(&mut *conn)
    .await?;
    rate(&mut *conn, case_id).await?;
    Ok(case_id)
}

/// Sets the case's severity from its reports and flags.
async fn rate(conn: &mut PgConnection, case_id: Uuid) -> Result<(), sqlx::Error> {
    let counts = sqlx::query!(
        r#"select count(r.case_id) as "reports!", count(r.case_id) filter (where r.reason = 'scam') as "scams!",
                  m.flagged_by_system
             from moderation_cases m
             left join (select case_id, reason from content_reports
                        union all select case_id, reason from chat_reports) r on r.case_id = m.id
            where m.id = $1 group by m.id"#,
        case_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let severity = rules::severity(counts.reports, counts.scams, counts.flagged_by_system);
    sqlx::query!(
        "update moderation_cases set severity = $2 where id = $1",
        case_id,
        severity
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Cases, open or decided (`open`), or every case about the things one
/// account answers for (`about`): their profile, the vacancies they wrote
/// and the companies they own. Open ones most urgent first, decided ones
/// latest first; `limit` of them after the first `offset`.
async fn case_rows(
    conn: &mut PgConnection,
    open: Option<bool>,
    about: Option<Uuid>,
    (limit, offset): (i64, i64),
) -> Result<Vec<QueueRow>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select m.id, m.entity_type, m.status, m.severity, m.flagged_by_system, m.created_at,
                  a.email as "claimed_by?",
                  (select count(*) from content_reports r where r.case_id = m.id)
                  + (select count(*) from chat_reports r where r.case_id = m.id) as "reports!",
                  coalesce(v.title, nullif(trim(p.first_name || ' ' || p.last_name), ''), c.name,
                           'A message from ' || coalesce(chat_person_name(cm.sender_id), 'a removed account'),
                           'Removed since') as "title!"
             from moderation_cases m
             left join vacancies v on m.entity_type = 'vacancy' and v.id = m.entity_id
             left join candidate_profiles p on m.entity_type = 'profile' and p.user_id = m.entity_id
             left join companies c on m.entity_type = 'company' and c.id = m.entity_id
             left join chat_messages cm on m.entity_type = 'message' and cm.id = m.entity_id
             left join users a on a.id = m.claimed_by
            where ($1::bool is null or (m.status in ('pending', 'appealed')) = $1)
              and ($2::uuid is null or p.user_id = $2 or v.created_by = $2 or cm.sender_id = $2
                   or exists (select 1 from company_members o
                               where o.company_id = c.id and o.user_id = $2 and o.role = 'owner'))
            order by case when $1 then case m.severity when 'critical' then 0 when 'high' then 1
                                                   when 'medium' then 2 else 3 end end,
                     case when $1 then m.created_at end,
                     coalesce(m.appeal_decided_at, m.decided_at, m.created_at) desc, m.id
            limit $3 offset $4"#,
        open,
        about,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|r| {
        Some(QueueRow {
            id: r.id,
            entity: Entity::parse(&r.entity_type)?,
            title: r.title,
            status: r.status,
            severity: r.severity,
            reports: r.reports,
            flagged_by_system: r.flagged_by_system,
            claimed_by: r.claimed_by,
            created_at: r.created_at,
        })
    })
    .collect())
}

/// How many of the cases about one person their page lists.
const PERSON_CASES: i64 = 100;

/// Every case about what `user` answers for, latest first, and how many
/// reports they have filed themselves.
pub async fn person_cases(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<(Vec<QueueRow>, i64), sqlx::Error> {
    let rows = case_rows(&mut *conn, None, Some(user), (PERSON_CASES, 0)).await?;
    let filed = sqlx::query_scalar!(
        r#"select (select count(*) from content_reports where reporter_id = $1)
                  + (select count(*) from chat_reports where reporter_id = $1) as "n!""#,
        user
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((rows, filed))
}

/// The queue: open cases (waiting for a decision or an appeal's) most
/// urgent first, or the latest decided ones; page `page` of them.
pub async fn queue(conn: &mut PgConnection, open: bool, page: i64) -> Result<Queue, sqlx::Error> {
    let per_page = super::QUEUE_PER_PAGE;
    let rows = case_rows(
        &mut *conn,
        Some(open),
        None,
        (per_page, (page - 1) * per_page),
    )
    .await?;
    let counts = sqlx::query!(
        r#"select count(*) filter (where status in ('pending', 'appealed')) as "open!",
                  count(*) filter (where status not in ('pending', 'appealed')) as "decided!",
                  (select count(*) from companies
                    where verification_status = 'pending' and status = 'active') as "awaiting!"
             from moderation_cases"#
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Queue {
        rows,
        view: if open { "open" } else { "decided" }.into(),
        open: counts.open,
        decided: counts.decided,
        page,
        companies_awaiting: counts.awaiting,
    })
}

/// A case's own row.
pub struct CaseRow {
    pub id: Uuid,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub status: String,
    pub severity: String,
    pub system_reason: Option<String>,
    pub claimed_by: Option<Uuid>,
    pub claimed_by_email: Option<String>,
    pub decision: Option<Decision>,
    pub appeal: Option<Appeal>,
}

/// The case's row, locked for a change when `lock`.
pub async fn case_row(
    conn: &mut PgConnection,
    id: Uuid,
    lock: bool,
) -> Result<Option<CaseRow>, sqlx::Error> {
    if lock {
        sqlx::query!(
            "select id from moderation_cases where id = $1 for update",
            id
        )
        .fetch_optional(&mut *conn)
        .await?;
    }
    let Some(r) = sqlx::query!(
        r#"select m.id, m.entity_type, m.entity_id, m.status, m.severity, m.system_reason,
                  m.claimed_by, a.email as "claimed_by_email?",
                  m.action_taken, m.decision_reason, d.email as "decided_by?", m.decided_at,
                  m.appeal_text, m.appealed_at, m.appeal_outcome, m.appeal_reason
             from moderation_cases m
             left join users a on a.id = m.claimed_by
             left join users d on d.id = m.decided_by
            where m.id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let Some(entity) = Entity::parse(&r.entity_type) else {
        return Ok(None);
    };
    let decision = match (
        r.action_taken.as_deref().and_then(Action::parse),
        r.decided_at,
    ) {
        (Some(action), Some(at)) => Some(Decision {
            action,
            reason: r.decision_reason.unwrap_or_default(),
            by: r.decided_by,
            at,
        }),
        _ => None,
    };
    let appeal = match (r.appeal_text, r.appealed_at) {
        (Some(text), Some(at)) => Some(Appeal {
            text,
            at,
            outcome: r.appeal_outcome,
            reason: r.appeal_reason,
        }),
        _ => None,
    };
    Ok(Some(CaseRow {
        id: r.id,
        entity,
        entity_id: r.entity_id,
        status: r.status,
        severity: r.severity,
        system_reason: r.system_reason,
        claimed_by: r.claimed_by,
        claimed_by_email: r.claimed_by_email,
        decision,
        appeal,
    }))
}

/// Everything a moderator reads about a case.
pub async fn case(
    conn: &mut PgConnection,
    id: Uuid,
    viewer: Uuid,
) -> Result<Option<Case>, sqlx::Error> {
    let Some(row) = case_row(&mut *conn, id, false).await? else {
        return Ok(None);
    };
    let Some(found) = find(&mut *conn, row.entity, row.entity_id).await? else {
        return Ok(None);
    };
    let reports = sqlx::query!(
        r#"select r.about_message as "about_message!", r.reason as "reason!", r.details as "details!",
                  u.email as "reporter?", r.created_at as "created_at!"
             from (select false as about_message, reason, details, reporter_id, created_at
                     from content_reports where case_id = $1
                   union all
                   select true, reason, details, reporter_id, created_at
                     from chat_reports where case_id = $1) r
             left join users u on u.id = r.reporter_id
            order by r.created_at"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|r| {
        // Messages are reported with the conversation's own reasons.
        let reason = if r.about_message {
            crate::chat::rules::ReportReason::parse(&r.reason)?.label()
        } else {
            Reason::parse(&r.reason)?.label()
        };
        Some(Report {
            reason: reason.to_string(),
            details: r.details,
            reporter: r.reporter.unwrap_or_else(|| "A removed account".into()),
            created_at: r.created_at,
        })
    })
    .collect();
    Ok(Some(Case {
        id,
        item: found.item,
        excerpt: found.excerpt,
        status: row.status,
        severity: row.severity,
        system_reason: row.system_reason,
        claimed_by_me: row.claimed_by == Some(viewer),
        claimed_by: row.claimed_by_email,
        reports,
        decision: row.decision,
        appeal: row.appeal,
        hidden: found.hidden,
    }))
}

/// Claims an open case for `admin`: not while another moderator's claim
/// is fresh (half an hour). False when that is so or the case is closed.
pub async fn claim(conn: &mut PgConnection, id: Uuid, admin: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update moderation_cases set claimed_by = $2, claimed_at = now(), updated_at = now()
          where id = $1 and status in ('pending', 'appealed')
            and (claimed_by is null or claimed_by = $2 or claimed_at < now() - interval '30 minutes')",
        id,
        admin
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a claimed case back to the queue.
pub async fn release(conn: &mut PgConnection, id: Uuid, admin: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update moderation_cases set claimed_by = null, claimed_at = null, updated_at = now()
          where id = $1 and claimed_by = $2",
        id,
        admin
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the decision on a pending case and closes its reports.
pub async fn record_decision(
    conn: &mut PgConnection,
    id: Uuid,
    action: Action,
    reason: &str,
    admin: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update moderation_cases
            set status = case when $2 = 'approve' then 'closed' else 'decided' end,
                action_taken = $2, decision_reason = $3, decided_by = $4, decided_at = now(),
                claimed_by = null, claimed_at = null, updated_at = now()
          where id = $1",
        id,
        action.as_str(),
        reason,
        admin
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update content_reports set open = false where case_id = $1",
        id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update chat_reports
            set status = case when $2 = 'approve' then 'dismissed' else 'resolved' end
          where case_id = $1 and status = 'open'",
        id,
        action.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Hides the item for case `case_id`: a vacancy (closed as well when
/// `close`), a profile, or a company page with its listed vacancies.
pub async fn hide(
    conn: &mut PgConnection,
    case_id: Uuid,
    entity: Entity,
    id: Uuid,
    close: bool,
    admin: Uuid,
) -> Result<(), sqlx::Error> {
    match entity {
        Entity::Vacancy | Entity::Company => {
            if entity == Entity::Company {
                sqlx::query!(
                    "update companies set status = 'suspended', hidden_by_case = $2, updated_at = now()
                      where id = $1 and status = 'active'",
                    id,
                    case_id
                )
                .execute(&mut *conn)
                .await?;
            }
            sqlx::query!(
                "with hidden as (
                     update vacancies
                        set hidden_from_status = case when $4 then 'closed' else status end,
                            closed_at = case when $4 then now() else closed_at end,
                            status = 'hidden', hidden_by_case = $2, updated_at = now()
                      where status in ('active', 'paused', 'filled', 'closed')
                        and case when $3 then company_id = $1 and status in ('active', 'paused')
                                 else id = $1 end
                      returning id, hidden_from_status)
                 insert into vacancy_status_history (id, vacancy_id, from_status, to_status, changed_by)
                 select gen_random_uuid(), id, hidden_from_status, 'hidden', $5 from hidden",
                id,
                case_id,
                entity == Entity::Company,
                close,
                admin
            )
            .execute(&mut *conn)
            .await?;
        }
        Entity::Profile => {
            sqlx::query!(
                "update candidate_profiles set hidden_by_case = $2
                  where user_id = $1 and hidden_by_case is null",
                id,
                case_id
            )
            .execute(&mut *conn)
            .await?;
        }
        // Blanked like a deletion, at the conversation's next revision so
        // that everyone in it sees the change live; its words (and file)
        // are kept for an appeal.
        Entity::Message => {
            sqlx::query!(
                "with bumped as (
                     update chats c set revision = c.revision + 1
                       from chat_messages m
                      where m.id = $1 and c.id = m.chat_id and m.deleted_at is null
                      returning c.revision)
                 update chat_messages
                    set hidden_by_case = $2, hidden_body = body, body = '', deleted_at = now(),
                        revision = (select revision from bumped)
                  where id = $1 and deleted_at is null",
                id,
                case_id
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Gives back everything case `case_id` hid.
pub async fn reinstate(
    conn: &mut PgConnection,
    case_id: Uuid,
    admin: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with shown as (
             update vacancies
                set status = hidden_from_status, hidden_from_status = null, hidden_by_case = null,
                    updated_at = now()
              where hidden_by_case = $1
              returning id, status)
         insert into vacancy_status_history (id, vacancy_id, from_status, to_status, changed_by)
         select gen_random_uuid(), id, 'hidden', status, $2 from shown",
        case_id,
        admin
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "with bumped as (
             update chats c set revision = c.revision + 1
               from chat_messages m
              where m.hidden_by_case = $1 and c.id = m.chat_id
              returning c.id, c.revision)
         update chat_messages m
            set body = m.hidden_body, hidden_body = null, hidden_by_case = null, deleted_at = null,
                revision = b.revision
           from bumped b
          where m.hidden_by_case = $1 and m.chat_id = b.id",
        case_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update candidate_profiles set hidden_by_case = null where hidden_by_case = $1",
        case_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update companies set status = 'active', hidden_by_case = null, updated_at = now()
          where hidden_by_case = $1",
        case_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Files the owner's appeal; false when the case takes none (not decided
/// against them, or appealed once already).
pub async fn appeal(conn: &mut PgConnection, id: Uuid, text: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update moderation_cases
            set status = 'appealed', appeal_text = $2, appealed_at = now(), updated_at = now()
          where id = $1 and status = 'decided' and appeal_text is null",
        id,
        text
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes an appealed case with its outcome.
pub async fn record_appeal_decision(
    conn: &mut PgConnection,
    id: Uuid,
    reinstated: bool,
    reason: &str,
    admin: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update moderation_cases
            set status = 'closed', appeal_outcome = case when $2 then 'reinstated' else 'upheld' end,
                appeal_reason = $3, appeal_decided_by = $4, appeal_decided_at = now(),
                claimed_by = null, claimed_at = null, updated_at = now()
          where id = $1",
        id,
        reinstated,
        reason,
        admin
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The decision as `user` reads it, when they answer for the item and it
/// went against them.
pub async fn owner_case(
    conn: &mut PgConnection,
    id: Uuid,
    user: Uuid,
) -> Result<Option<OwnerCase>, sqlx::Error> {
    let Some(row) = case_row(&mut *conn, id, false).await? else {
        return Ok(None);
    };
    let Some(decision) = row.decision.filter(|d| d.action.against_owner()) else {
        return Ok(None);
    };
    let Some(found) = find(&mut *conn, row.entity, row.entity_id).await? else {
        return Ok(None);
    };
    if !found.owners.contains(&user) {
        return Ok(None);
    }
    let mut item = found.item;
    if row.entity == Entity::Message {
        // Its only owner is its sender, who reads it as theirs.
        item.title = "Your message".into();
    }
    Ok(Some(OwnerCase {
        id,
        words: (row.entity == Entity::Message).then_some(found.excerpt),
        item,
        decision: Decision {
            by: None,
            ..decision
        },
        appeal: row.appeal,
        hidden: found.hidden,
    }))
}

/// Whether a moderator has hidden the company's page (and so its vacancies).
pub async fn company_hidden(
    conn: &mut PgConnection,
    company_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select hidden_by_case is not null as "hidden!" from companies where id = $1"#,
        company_id
    )
    .fetch_one(conn)
    .await
}
