//! Conversations in SQL. Every function takes the person acting and checks
//! with `chat_member` that they may be in the conversation now; anything
//! else is answered like a missing conversation.

use super::rules::{self, Kind};
use super::{
    Attachment, ChatSummary, LastMessage, Message, OlderMessages, Picture, Quote, ReadMark, Thread,
    ThreadChanges,
};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Messages a thread opens with, and loads at a time when scrolling back.
pub const PAGE: i64 = 50;

/// What a conversation is about, as its row and joins tell.
struct Facts {
    kind: Kind,
    person_id: Option<Uuid>,
    peer_id: Option<Uuid>,
    person_name: Option<String>,
    peer_name: Option<String>,
    company_id: Option<Uuid>,
    company_name: Option<String>,
    logo_version: Option<i64>,
    vacancy_id: Option<Uuid>,
    vacancy_title: Option<String>,
    confidential: bool,
    application_id: Option<Uuid>,
    introduction_id: Option<Uuid>,
    /// The job seeker's main photo, to the team of an application they
    /// have not withdrawn (who may see it, as the pipeline does).
    person_photo: Option<Uuid>,
}

/// How a conversation looks to one viewer.
struct Described {
    viewer: Uuid,
    title: String,
    about: Option<String>,
    about_link: Option<String>,
    picture: Option<Picture>,
    /// The company's people are named "Hiring team" to this viewer (a
    /// candidate of a confidential vacancy).
    hide_team: bool,
}

impl Facts {
    fn describe(&self, viewer: Uuid) -> Described {
        let is_person = self.person_id == Some(viewer);
        let company = self.company_name.clone().unwrap_or_default();
        let person = self.person_name.clone().unwrap_or_default();
        let hide_team = is_person && self.confidential;
        let logo = match (self.company_id, self.logo_version) {
            (Some(id), Some(version)) if !hide_team => {
                Some(Picture::Logo(crate::companies::logo_url(id, version)))
            }
            _ => None,
        };
        let title = match self.kind {
            Kind::Application | Kind::Introduction if is_person => {
                if hide_team {
                    "Hiring team".to_string()
                } else {
                    company
                }
            }
            Kind::Application | Kind::Introduction => person,
            Kind::Direct if is_person => self.peer_name.clone().unwrap_or_default(),
            Kind::Direct => person,
            Kind::Support if is_person => "Hirewell support".to_string(),
            Kind::Support => person,
            Kind::Team => format!("{company} team"),
        };
        let about_link = match (self.kind, is_person) {
            (Kind::Application, true) => Some("/applications".to_string()),
            (Kind::Application, false) => match (self.vacancy_id, self.application_id) {
                (Some(vacancy), Some(application)) => Some(format!(
                    "/employer/vacancies/{vacancy}/pipeline?application={application}"
                )),
                _ => None,
            },
            (Kind::Introduction, true) => {
                self.introduction_id.map(|i| format!("/introductions/{i}"))
            }
            (Kind::Introduction, false) => self
                .introduction_id
                .map(|i| format!("/company/introductions#request-{i}")),
            _ => None,
        };
        Described {
            viewer,
            title,
            about: self.vacancy_title.clone(),
            about_link,
            picture: match self.kind {
                Kind::Team => logo,
                _ if is_person => logo,
                Kind::Application => self
                    .person_photo
                    .map(|id| Picture::Photo(crate::media::PhotoItem::thumbnail_url(id))),
                _ => None,
            },
            hide_team,
        }
    }

    /// How a message's sender is named to the viewer.
    fn sender_name(
        &self,
        described: &Described,
        sender: Option<Uuid>,
        name: Option<String>,
    ) -> String {
        let from_person_side =
            sender.is_some() && (sender == self.person_id || sender == self.peer_id);
        if described.hide_team && !from_person_side {
            return "Hiring team".into();
        }
        name.unwrap_or_else(|| "Deleted user".into())
    }
}

/// The `Facts` of a query row that selects them under their names (`None`
/// for a kind this code does not know).
macro_rules! facts_of {
    ($row:ident) => {
        Kind::parse(&$row.kind).map(|kind| Facts {
            kind,
            person_id: $row.person_id,
            peer_id: $row.peer_id,
            person_name: $row.person_name,
            peer_name: $row.peer_name,
            company_id: $row.company_id,
            company_name: $row.company_name,
            logo_version: $row.logo_version,
            vacancy_id: $row.vacancy_id,
            vacancy_title: $row.vacancy_title,
            confidential: $row.confidential,
            application_id: $row.application_id,
            introduction_id: $row.introduction_id,
            person_photo: $row.person_photo,
        })
    };
}

/// The header of one conversation, if the viewer is in it.
async fn facts(
    conn: &mut PgConnection,
    chat_id: Uuid,
    viewer: Uuid,
) -> sqlx::Result<Option<Facts>> {
    let row = sqlx::query!(
        r#"select c.kind, c.person_id, c.peer_id, chat_person_name(c.person_id) as person_name,
                  chat_person_name(c.peer_id) as peer_name, c.company_id, co.name as "company_name?",
                  case when co.logo_key is not null then extract(epoch from co.updated_at)::bigint end as logo_version,
                  v.id as "vacancy_id?", v.title as "vacancy_title?",
                  coalesce(v.is_confidential and i.id is null, false) as "confidential!",
                  c.application_id, c.introduction_id,
                  (select ph.id from profile_photos ph
                    where ph.user_id = c.person_id and ph.is_primary
                      and c.kind = 'application' and a.status <> 'withdrawn') as person_photo
             from chats c
             left join companies co on co.id = c.company_id
             left join applications a on a.id = c.application_id
             left join introduction_requests i on i.id = c.introduction_id
             left join vacancies v on v.id = coalesce(a.vacancy_id, i.vacancy_id)
            where c.id = $1 and chat_member($1, $2)"#,
        chat_id,
        viewer
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| facts_of!(r)))
}

/// Why the conversation takes no new messages from the viewer, if so.
async fn read_only(
    conn: &mut PgConnection,
    chat_id: Uuid,
    viewer: Uuid,
) -> sqlx::Result<Option<&'static str>> {
    let row = sqlx::query!(
        r#"select c.kind, a.status as "application_status?", i.outcome as "outcome?",
                  exists (select 1 from chat_blocks b
                           where c.kind = 'direct' and b.blocker_id = $2
                             and b.blocked_id in (c.person_id, c.peer_id)) as "by_viewer!",
                  exists (select 1 from chat_blocks b
                           where c.kind = 'direct' and b.blocked_id = $2
                             and b.blocker_id in (c.person_id, c.peer_id)) as "by_other!"
             from chats c
             left join applications a on a.id = c.application_id
             left join introduction_requests i on i.id = c.introduction_id
            where c.id = $1"#,
        chat_id,
        viewer
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        let blocked = match (r.by_viewer, r.by_other) {
            (true, _) => rules::Blocked::ByViewer,
            (false, true) => rules::Blocked::ByOther,
            (false, false) => rules::Blocked::No,
        };
        rules::read_only(
            Kind::parse(&r.kind)?,
            r.application_status.as_deref(),
            r.outcome.as_deref(),
            blocked,
        )
    }))
}

/// A page of the conversations the viewer is in, the most recently active
/// first, from after `before` (see `rules::list_cursor`); with a search,
/// those whose other side, vacancy or messages mention it. The page is
/// chosen first and only its rows are joined to what they show. Returns
/// where the next page starts, if there is one.
pub async fn list(
    pool: &PgPool,
    viewer: Uuid,
    search: &str,
    before: Option<(time::OffsetDateTime, Uuid)>,
) -> sqlx::Result<(Vec<ChatSummary>, Option<String>)> {
    let pattern = crate::admin::db::contains_pattern(search);
    let rows = sqlx::query!(
        r#"with mine as (
               select id from chats where person_id = $1
               union
               select id from chats where peer_id = $1
               union
               select c.id from chats c join company_members m on m.company_id = c.company_id
                where m.user_id = $1
               union
               select c.id from chats c join users u on u.id = $1 and u.account_type = 'admin'
                where c.kind = 'support'
           ),
           page as (
               select c.id, coalesce(c.last_message_at, c.created_at) as active_at
                 from chats c
                 join mine using (id)
                where ($3::timestamptz is null
                       or (coalesce(c.last_message_at, c.created_at), c.id) < ($3, $4::uuid))
                  and ($2 = '%%'
                       or exists (select 1 from applications a join vacancies v on v.id = a.vacancy_id
                                   where a.id = c.application_id and v.title ilike $2)
                       or exists (select 1 from introduction_requests i join vacancies v on v.id = i.vacancy_id
                                   where i.id = c.introduction_id and v.title ilike $2)
                       -- Not the company a confidential vacancy hides from its candidate.
                       or exists (select 1 from companies co
                                   where co.id = c.company_id and co.name ilike $2
                                     and not (c.person_id = $1 and exists (
                                         select 1 from applications a join vacancies v on v.id = a.vacancy_id
                                          where a.id = c.application_id and v.is_confidential)))
                       or chat_person_name(c.person_id) ilike $2
                       or chat_person_name(c.peer_id) ilike $2
                       or exists (select 1 from chat_messages s where s.chat_id = c.id and s.body ilike $2))
                order by 2 desc, c.id desc
                limit $5
           )
           select c.id, c.kind, c.person_id, c.peer_id, chat_person_name(c.person_id) as person_name,
                  chat_person_name(c.peer_id) as peer_name, c.company_id, co.name as "company_name?",
                  case when co.logo_key is not null then extract(epoch from co.updated_at)::bigint end as logo_version,
                  v.id as "vacancy_id?", v.title as "vacancy_title?",
                  coalesce(v.is_confidential and i.id is null, false) as "confidential!",
                  c.application_id, c.introduction_id,
                  (select ph.id from profile_photos ph
                    where ph.user_id = c.person_id and ph.is_primary
                      and c.kind = 'application' and a.status <> 'withdrawn') as person_photo,
                  c.last_seq, coalesce(p.last_read_seq, 0) as "read_seq!", coalesce(p.muted, false) as "muted!",
                  p.user_id is not null as "joined!",
                  m.body as "last_body?", m.sender_id as last_sender, m.deleted_at as last_deleted,
                  m.hidden_by_case is not null as "last_moderated?",
                  m.created_at as "last_at?", lf.file_name as "last_file?",
                  coalesce(lf.width is not null, false) as "last_image!",
                  page.active_at as "active_at!"
             from page
             join chats c using (id)
             left join chat_participants p on p.chat_id = c.id and p.user_id = $1
             left join companies co on co.id = c.company_id
             left join applications a on a.id = c.application_id
             left join introduction_requests i on i.id = c.introduction_id
             left join vacancies v on v.id = coalesce(a.vacancy_id, i.vacancy_id)
             left join chat_messages m on m.chat_id = c.id and m.seq = c.last_seq
             left join chat_attachments lf on lf.message_id = m.id and m.deleted_at is null
            order by page.active_at desc, c.id desc"#,
        viewer,
        pattern,
        before.map(|(at, _)| at),
        before.map(|(_, id)| id),
        rules::LIST_PAGE as i64 + 1
    )
    .fetch_all(pool)
    .await?;
    let older = rows
        .get(rules::LIST_PAGE)
        .and(rows.get(rules::LIST_PAGE - 1))
        .map(|last| rules::list_cursor(last.active_at, last.id));
    let items = rows
        .into_iter()
        .take(rules::LIST_PAGE)
        .filter_map(|r| {
            let facts = facts_of!(r)?;
            let described = facts.describe(viewer);
            Some(ChatSummary {
                id: r.id,
                kind: facts.kind,
                title: described.title,
                about: described.about,
                picture: described.picture,
                last: r.last_at.map(|at| LastMessage {
                    snippet: rules::last_snippet(
                        r.last_body.as_deref().unwrap_or_default(),
                        r.last_file.as_deref(),
                        r.last_image,
                    ),
                    from_me: r.last_sender == Some(viewer),
                    deleted: r.last_deleted.is_some(),
                    moderated: r.last_moderated.unwrap_or(false),
                    at,
                }),
                // Someone of a team who never opened it is not expected to
                // have read it; a person's call for support waits for
                // every admin until one of them opens it.
                unread: if r.joined {
                    (r.last_seq - r.read_seq).max(0)
                } else if facts.kind == Kind::Support {
                    r.last_seq
                } else {
                    0
                },
                muted: r.muted,
            })
        })
        .collect();
    Ok((items, older))
}

/// How many conversations have messages the person has not seen (muted
/// ones aside): the header's badge.
pub async fn unread_count(db: impl sqlx::PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select unread_conversations($1) as "n!""#, user_id)
        .fetch_one(db)
        .await
}

/// Messages of a conversation, as the viewer sees them: those after
/// revision `since` (new and changed), or the page before `before_seq`.
async fn messages(
    conn: &mut PgConnection,
    chat_id: Uuid,
    facts: &Facts,
    described: &Described,
    since_revision: Option<i64>,
    before_seq: i64,
    limit: i64,
) -> sqlx::Result<Vec<Message>> {
    let rows = sqlx::query!(
        r#"select m.id, m.seq, m.sender_id, chat_person_name(m.sender_id) as sender_name, m.body,
                  m.edited_at, m.deleted_at, m.hidden_by_case is not null as "moderated!", m.created_at,
                  r.seq as "reply_seq?", r.sender_id as reply_sender,
                  chat_person_name(r.sender_id) as reply_name, r.body as "reply_body?",
                  r.deleted_at as reply_deleted,
                  f.file_name as "file_name?", f.byte_size as "file_size?", f.width, f.height,
                  exists (select 1 from chat_reports cr
                           where cr.message_id = m.id and cr.reporter_id = $5 and cr.status = 'open') as "reported!"
             from chat_messages m
             left join chat_messages r on r.id = m.reply_to
             left join chat_attachments f on f.message_id = m.id and m.deleted_at is null
            where m.chat_id = $1
              and ($2::bigint is null or m.revision > $2)
              and m.seq < $3
            order by m.seq desc
            limit $4"#,
        chat_id,
        since_revision,
        before_seq,
        limit,
        described.viewer
    )
    .fetch_all(conn)
    .await?;
    let mut out: Vec<Message> = rows
        .into_iter()
        .map(|r| Message {
            id: r.id,
            seq: r.seq,
            sender: r.sender_id,
            sender_name: facts.sender_name(described, r.sender_id, r.sender_name),
            body: r.body,
            reply: r.reply_seq.map(|seq| Quote {
                seq,
                sender_name: facts.sender_name(described, r.reply_sender, r.reply_name),
                snippet: rules::snippet(r.reply_body.as_deref().unwrap_or_default(), 120),
                deleted: r.reply_deleted.is_some(),
            }),
            attachment: r.file_name.map(|file_name| Attachment {
                file_name,
                byte_size: r.file_size.unwrap_or_default(),
                image_size: r.width.zip(r.height),
            }),
            sent_at: r.created_at,
            edited: r.edited_at.is_some(),
            deleted: r.deleted_at.is_some(),
            moderated: r.moderated,
            reported: r.reported,
        })
        .collect();
    out.reverse();
    Ok(out)
}

/// A page of messages before `before_seq`, oldest first, and whether
/// older ones exist.
async fn page_before(
    conn: &mut PgConnection,
    chat_id: Uuid,
    facts: &Facts,
    described: &Described,
    before_seq: i64,
) -> sqlx::Result<(Vec<Message>, bool)> {
    let mut page = messages(conn, chat_id, facts, described, None, before_seq, PAGE + 1).await?;
    let has_older = page.len() as i64 > PAGE;
    if has_older {
        page.remove(0);
    }
    Ok((page, has_older))
}

/// The message numbered `seq`.
async fn message_at(
    conn: &mut PgConnection,
    chat_id: Uuid,
    facts: &Facts,
    described: &Described,
    seq: i64,
) -> sqlx::Result<Option<Message>> {
    Ok(messages(conn, chat_id, facts, described, None, seq + 1, 1)
        .await?
        .pop())
}

/// Where everyone else in the conversation has read up to.
async fn reads(
    conn: &mut PgConnection,
    chat_id: Uuid,
    viewer: Uuid,
    facts: &Facts,
    described: &Described,
) -> sqlx::Result<Vec<ReadMark>> {
    let rows = sqlx::query!(
        r#"select user_id, chat_person_name(user_id) as name, last_read_seq
             from chat_participants
            where chat_id = $1 and user_id <> $2 and last_read_seq > 0
              and chat_member(chat_id, user_id)
            order by user_id"#,
        chat_id,
        viewer
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReadMark {
            user: r.user_id,
            name: facts.sender_name(described, Some(r.user_id), r.name),
            seq: r.last_read_seq,
        })
        .collect())
}

/// Marks the conversation read up to `seq` for the viewer (joining them to
/// it); a read position never moves back.
async fn mark_read_in(
    conn: &mut PgConnection,
    chat_id: Uuid,
    viewer: Uuid,
    seq: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into chat_participants (chat_id, user_id, last_read_seq, last_read_at)
         select c.id, $2, least(greatest($3::bigint, 0), c.last_seq), now()
           from chats c
          where c.id = $1 and chat_member(c.id, $2)
         on conflict (chat_id, user_id) do update
            set last_read_seq = excluded.last_read_seq, last_read_at = now()
          where chat_participants.last_read_seq < excluded.last_read_seq",
        chat_id,
        viewer,
        seq
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether someone may be in the conversation now.
pub async fn is_member(
    db: impl sqlx::PgExecutor<'_>,
    chat_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select chat_member($1, $2) as "member!""#,
        chat_id,
        user_id
    )
    .fetch_one(db)
    .await
}

/// Marks the conversation read up to `seq`; `false` when the viewer is not
/// in it.
pub async fn mark_read(pool: &PgPool, chat_id: Uuid, viewer: Uuid, seq: i64) -> sqlx::Result<bool> {
    let mut conn = pool.acquire().await?;
    if !is_member(&mut *conn, chat_id, viewer).await? {
        return Ok(false);
    }
    mark_read_in(&mut conn, chat_id, viewer, seq).await?;
    Ok(true)
}

/// A conversation with its newest messages, marked read for the viewer.
pub async fn thread(pool: &PgPool, chat_id: Uuid, viewer: Uuid) -> sqlx::Result<Option<Thread>> {
    let mut tx = pool.begin().await?;
    let Some(facts) = facts(&mut tx, chat_id, viewer).await? else {
        return Ok(None);
    };
    let described = facts.describe(viewer);
    let state = sqlx::query!(
        r#"select c.last_seq, c.revision, now() as "now!",
                  coalesce(p.last_read_seq, 0) as "read_seq!",
                  coalesce(p.muted, false) as "muted!", coalesce(p.starred, false) as "starred!"
             from chats c
             left join chat_participants p on p.chat_id = c.id and p.user_id = $2
            where c.id = $1"#,
        chat_id,
        viewer
    )
    .fetch_one(&mut *tx)
    .await?;
    let (messages, has_older) = page_before(&mut tx, chat_id, &facts, &described, i64::MAX).await?;
    let reads = reads(&mut tx, chat_id, viewer, &facts, &described).await?;
    let read_only = read_only(&mut tx, chat_id, viewer).await?;
    let blocking = sqlx::query_scalar!(
        r#"select exists (select 1 from chat_blocks b join chats c on c.id = $1
                           where c.kind = 'direct' and b.blocker_id = $2
                             and b.blocked_id in (c.person_id, c.peer_id)) as "e!""#,
        chat_id,
        viewer
    )
    .fetch_one(&mut *tx)
    .await?;
    mark_read_in(&mut tx, chat_id, viewer, state.last_seq).await?;
    tx.commit().await?;
    Ok(Some(Thread {
        id: chat_id,
        kind: facts.kind,
        title: described.title,
        about: described.about,
        about_link: described.about_link,
        picture: described.picture,
        read_only: read_only.map(str::to_string),
        me: viewer,
        messages,
        has_older,
        revision: state.revision,
        read_before: state.read_seq,
        reads,
        muted: state.muted,
        starred: state.starred,
        blocking,
        send_key: Uuid::now_v7(),
        file_key: Uuid::now_v7(),
        now: state.now,
    }))
}

/// The messages before `before_seq`, for scrolling back.
pub async fn older(
    pool: &PgPool,
    chat_id: Uuid,
    viewer: Uuid,
    before_seq: i64,
) -> sqlx::Result<Option<OlderMessages>> {
    let mut conn = pool.acquire().await?;
    let Some(facts) = facts(&mut conn, chat_id, viewer).await? else {
        return Ok(None);
    };
    let described = facts.describe(viewer);
    let (messages, has_older) =
        page_before(&mut conn, chat_id, &facts, &described, before_seq).await?;
    Ok(Some(OlderMessages {
        messages,
        has_older,
    }))
}

/// What changed since revision `since`: new, edited and deleted messages
/// and everyone's read positions.
pub async fn changes(
    pool: &PgPool,
    chat_id: Uuid,
    viewer: Uuid,
    since: i64,
) -> sqlx::Result<Option<ThreadChanges>> {
    let mut tx = pool.begin().await?;
    let Some(facts) = facts(&mut tx, chat_id, viewer).await? else {
        return Ok(None);
    };
    let described = facts.describe(viewer);
    // Read first: messages committed after it are for the next call.
    let revision = sqlx::query_scalar!("select revision from chats where id = $1", chat_id)
        .fetch_one(&mut *tx)
        .await?;
    let messages = messages(
        &mut tx,
        chat_id,
        &facts,
        &described,
        Some(since),
        i64::MAX,
        500,
    )
    .await?;
    let reads = reads(&mut tx, chat_id, viewer, &facts, &described).await?;
    tx.commit().await?;
    Ok(Some(ThreadChanges {
        messages,
        reads,
        revision,
    }))
}

/// Why a message was not stored.
#[derive(Debug, PartialEq, Eq)]
pub enum SendRefusal {
    NotFound,
    ReadOnly(&'static str),
    TooFast(String),
}

/// A file stored for a message about to be sent.
pub struct NewAttachment<'a> {
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub byte_size: i64,
    pub image_size: Option<(i32, i32)>,
}

/// What a message holds: its text (empty only with a file), what it
/// answers and its file.
pub struct Outgoing<'a> {
    pub body: &'a str,
    pub reply_to: Option<Uuid>,
    pub attachment: Option<NewAttachment<'a>>,
}

impl<'a> Outgoing<'a> {
    /// A message of text alone.
    pub fn text(body: &'a str) -> Self {
        Self {
            body,
            reply_to: None,
            attachment: None,
        }
    }
}

/// Stores a message and announces it at commit. A key the sender already
/// used in this conversation returns the message it stored (the browser
/// retried after a lost answer).
pub async fn send(
    pool: &PgPool,
    chat_id: Uuid,
    sender: Uuid,
    outgoing: &Outgoing<'_>,
    key: Uuid,
) -> sqlx::Result<Result<Message, SendRefusal>> {
    let mut tx = pool.begin().await?;
    // One send at a time per person: the limit's count and the key's check
    // below see every earlier send.
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1::uuid::text, 7))",
        sender
    )
    .execute(&mut *tx)
    .await?;
    let Some(facts) = facts(&mut tx, chat_id, sender).await? else {
        return Ok(Err(SendRefusal::NotFound));
    };
    let stored = sqlx::query_scalar!(
        "select seq from chat_messages where sender_id = $1 and client_key = $2 and chat_id = $3",
        sender,
        key,
        chat_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(seq) = stored {
        let described = facts.describe(sender);
        let message = message_at(&mut tx, chat_id, &facts, &described, seq).await?;
        tx.commit().await?;
        return Ok(message.ok_or(SendRefusal::NotFound));
    }
    if let Some(why) = read_only(&mut tx, chat_id, sender).await? {
        return Ok(Err(SendRefusal::ReadOnly(why)));
    }
    let recent = sqlx::query!(
        r#"select now() as "now!",
                  (select created_at from chat_messages
                    where sender_id = $1
                    order by created_at desc
                   offset $2::bigint - 1 limit 1) as oldest_of_limit"#,
        sender,
        rules::SEND_LIMIT
    )
    .fetch_one(&mut *tx)
    .await?;
    if let Err(why) = rules::within_send_limit(recent.oldest_of_limit, recent.now) {
        return Ok(Err(SendRefusal::TooFast(why)));
    }
    // A reply quotes a message of the same conversation, or nothing.
    let reply_to = match outgoing.reply_to {
        Some(id) => {
            sqlx::query_scalar!(
                "select id from chat_messages where id = $1 and chat_id = $2",
                id,
                chat_id
            )
            .fetch_optional(&mut *tx)
            .await?
        }
        None => None,
    };
    let numbered = sqlx::query!(
        "update chats set last_seq = last_seq + 1, revision = revision + 1, last_message_at = now()
          where id = $1
      returning last_seq, revision",
        chat_id
    )
    .fetch_one(&mut *tx)
    .await?;
    // The sender has read what they wrote (and joins, so their other tabs
    // hear of it too).
    sqlx::query!(
        "insert into chat_participants (chat_id, user_id, last_read_seq, last_read_at)
         values ($1, $2, $3, now())
         on conflict (chat_id, user_id) do update
            set last_read_seq = greatest(chat_participants.last_read_seq, excluded.last_read_seq),
                last_read_at = now()",
        chat_id,
        sender,
        numbered.last_seq
    )
    .execute(&mut *tx)
    .await?;
    let message_id = Uuid::now_v7();
    sqlx::query!(
        "insert into chat_messages (id, chat_id, seq, revision, sender_id, body, reply_to, client_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        message_id,
        chat_id,
        numbered.last_seq,
        numbered.revision,
        sender,
        outgoing.body,
        reply_to,
        key
    )
    .execute(&mut *tx)
    .await?;
    if let Some(file) = &outgoing.attachment {
        sqlx::query!(
            "insert into chat_attachments
                 (message_id, storage_key, file_name, content_type, byte_size, width, height)
             values ($1, $2, $3, $4, $5, $6, $7)",
            message_id,
            file.storage_key,
            file.file_name,
            file.content_type,
            file.byte_size,
            file.image_size.map(|(w, _)| w),
            file.image_size.map(|(_, h)| h)
        )
        .execute(&mut *tx)
        .await?;
    }
    // Everyone else hears of it in ten minutes if it is still unread then
    // (one reminder waiting per person covers every message until it runs).
    sqlx::query!(
        "insert into jobs (id, kind, payload, run_at)
         select gen_random_uuid(), $3, jsonb_build_object('chat_id', $1::uuid, 'user_id', p.user_id),
                now() + make_interval(mins => $4)
           from chat_participants p
          where p.chat_id = $1 and p.user_id <> $2 and not p.muted
            and not exists (
                select 1 from jobs j
                 where j.kind = $3 and j.done_at is null and j.failed_at is null
                   and j.payload ->> 'chat_id' = $1::text and j.payload ->> 'user_id' = p.user_id::text)",
        chat_id,
        sender,
        crate::jobs::CHAT_REMINDER,
        rules::REMINDER_AFTER_MINUTES
    )
    .execute(&mut *tx)
    .await?;
    let described = facts.describe(sender);
    let message = message_at(&mut tx, chat_id, &facts, &described, numbered.last_seq).await?;
    tx.commit().await?;
    Ok(message.ok_or(SendRefusal::NotFound))
}

/// A message's stored file, as served.
pub struct AttachmentFile {
    pub storage_key: String,
    pub content_type: String,
    pub file_name: String,
}

/// The file of message `message_id`, if `viewer` is in its conversation now
/// and the message is not deleted.
pub async fn attachment_file(
    pool: &PgPool,
    message_id: Uuid,
    viewer: Uuid,
) -> sqlx::Result<Option<AttachmentFile>> {
    sqlx::query_as!(
        AttachmentFile,
        "select f.storage_key, f.content_type, f.file_name
           from chat_attachments f
           join chat_messages m on m.id = f.message_id
          where f.message_id = $1 and m.deleted_at is null and chat_member(m.chat_id, $2)",
        message_id,
        viewer
    )
    .fetch_optional(pool)
    .await
}

/// Why a message was not changed.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeRefusal {
    NotFound,
    ReadOnly(&'static str),
    TooLate,
}

/// A message after a change, and the stored file it no longer needs.
pub struct Changed {
    pub message: Message,
    pub removed_file: Option<String>,
}

/// Changes the text of one's own message within the edit window (`Some`
/// body), or deletes it (`None`) with its file, leaving "message deleted"
/// in its place.
pub async fn change(
    pool: &PgPool,
    message_id: Uuid,
    sender: Uuid,
    body: Option<&str>,
) -> sqlx::Result<Result<Changed, ChangeRefusal>> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query!(
        r#"select m.chat_id, m.seq, m.created_at, m.deleted_at, now() as "now!"
             from chat_messages m
            where m.id = $1 and m.sender_id = $2 and chat_member(m.chat_id, $2)
            for update"#,
        message_id,
        sender
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Err(ChangeRefusal::NotFound));
    };
    if row.deleted_at.is_some() {
        return Ok(Err(ChangeRefusal::NotFound));
    }
    if let Some(why) = read_only(&mut tx, row.chat_id, sender).await? {
        return Ok(Err(ChangeRefusal::ReadOnly(why)));
    }
    if body.is_some() && !rules::can_edit(row.created_at, row.now) {
        return Ok(Err(ChangeRefusal::TooLate));
    }
    let revision = sqlx::query_scalar!(
        "update chats set revision = revision + 1 where id = $1 returning revision",
        row.chat_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let removed_file = match body {
        Some(body) => {
            sqlx::query!(
                "update chat_messages set body = $2, edited_at = now(), revision = $3 where id = $1",
                message_id,
                body,
                revision
            )
            .execute(&mut *tx)
            .await?;
            None
        }
        None => {
            sqlx::query!(
                "update chat_messages set body = '', deleted_at = now(), revision = $2 where id = $1",
                message_id,
                revision
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query_scalar!(
                "delete from chat_attachments where message_id = $1 returning storage_key",
                message_id
            )
            .fetch_optional(&mut *tx)
            .await?
        }
    };
    let Some(facts) = facts(&mut tx, row.chat_id, sender).await? else {
        return Ok(Err(ChangeRefusal::NotFound));
    };
    let described = facts.describe(sender);
    let message = message_at(&mut tx, row.chat_id, &facts, &described, row.seq).await?;
    tx.commit().await?;
    Ok(message
        .map(|message| Changed {
            message,
            removed_file,
        })
        .ok_or(ChangeRefusal::NotFound))
}

/// Mutes or stars a conversation for the viewer, or takes either back
/// (`None` leaves a flag as it is). `false` when they are not in it.
pub async fn set_flags(
    pool: &PgPool,
    chat_id: Uuid,
    viewer: Uuid,
    muted: Option<bool>,
    starred: Option<bool>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into chat_participants (chat_id, user_id, muted, starred)
         select c.id, $2, coalesce($3, false), coalesce($4, false)
           from chats c where c.id = $1 and chat_member(c.id, $2)
         on conflict (chat_id, user_id) do update
            set muted = coalesce($3, chat_participants.muted),
                starred = coalesce($4, chat_participants.starred)",
        chat_id,
        viewer,
        muted,
        starred
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Erases the conversations of applications that closed, and of
/// introductions whose outcome was recorded, more than `KEEP_CLOSED_DAYS`
/// before `now`, unless someone in them starred it. Returns how many, and
/// the stored files to delete now that they have gone.
pub async fn erase_closed(
    pool: &PgPool,
    now: time::OffsetDateTime,
) -> sqlx::Result<(u64, Vec<String>)> {
    let done = sqlx::query!(
        r#"with doomed as (
             select c.id from chats c
              where c.kind in ('application', 'introduction')
            and not exists (select 1 from chat_participants p where p.chat_id = c.id and p.starred)
            and coalesce(
                    (select coalesce(
                                (select max(e.created_at) from application_events e
                                  where e.application_id = a.id
                                    and e.to_status in ('hired', 'rejected', 'withdrawn')),
                                a.updated_at)
                       from applications a
                      where a.id = c.application_id and a.status in ('hired', 'rejected', 'withdrawn')),
                    (select i.outcome_at from introduction_requests i
                      where i.id = c.introduction_id and i.outcome is not null)
                ) < $1
           ),
           files as (
             select f.storage_key from chat_attachments f
               join chat_messages m on m.id = f.message_id
              where m.chat_id in (select id from doomed)
           ),
           gone as (delete from chats where id in (select id from doomed) returning id)
           select (select count(*) from gone) as "erased!",
                  array(select storage_key from files) as "files!""#,
        now - time::Duration::days(rules::KEEP_CLOSED_DAYS)
    )
    .fetch_one(pool)
    .await?;
    Ok((u64::try_from(done.erased).unwrap_or_default(), done.files))
}

/// Why a conversation could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenRefusal {
    NotFound,
    /// The candidate writes once the team has moved the application on.
    NotYet,
}

/// The conversation of an application, opened by the candidate (once the
/// application has left "submitted") or by a member of the hiring team.
pub async fn open_for_application(
    pool: &PgPool,
    application_id: Uuid,
    opener: Uuid,
) -> sqlx::Result<Result<Uuid, OpenRefusal>> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query!(
        "select a.candidate_id, a.status, v.company_id,
                exists (select 1 from company_members m
                         where m.user_id = $2 and m.company_id = v.company_id) as \"is_member!\"
           from applications a
           join vacancies v on v.id = a.vacancy_id
          where a.id = $1",
        application_id,
        opener
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Err(OpenRefusal::NotFound));
    };
    let is_candidate = row.candidate_id == opener;
    if !is_candidate && !row.is_member {
        return Ok(Err(OpenRefusal::NotFound));
    }
    let existing = sqlx::query_scalar!(
        "select id from chats where application_id = $1",
        application_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if existing.is_none() && is_candidate && row.status == "submitted" {
        return Ok(Err(OpenRefusal::NotYet));
    }
    let chat_id = match existing {
        Some(id) => id,
        None => {
            sqlx::query_scalar!(
                "insert into chats (id, kind, person_id, company_id, application_id)
                 values ($1, 'application', $2, $3, $4)
                 on conflict (application_id) do update set application_id = excluded.application_id
                 returning id",
                Uuid::now_v7(),
                row.candidate_id,
                row.company_id,
                application_id
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    join(&mut tx, chat_id, &[row.candidate_id, opener]).await?;
    tx.commit().await?;
    Ok(Ok(chat_id))
}

/// The conversation of an accepted introduction, between the professional
/// and the member who asked: opened inside the acceptance's transaction.
pub async fn open_for_introduction(
    conn: &mut PgConnection,
    introduction_id: Uuid,
) -> sqlx::Result<Uuid> {
    let row = sqlx::query!(
        "select professional_id, company_id, sender_id from introduction_requests where id = $1",
        introduction_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let chat_id = sqlx::query_scalar!(
        "insert into chats (id, kind, person_id, company_id, introduction_id)
         values ($1, 'introduction', $2, $3, $4)
         on conflict (introduction_id) do update set introduction_id = excluded.introduction_id
         returning id",
        Uuid::now_v7(),
        row.professional_id,
        row.company_id,
        introduction_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let people: Vec<Uuid> = [Some(row.professional_id), row.sender_id]
        .into_iter()
        .flatten()
        .collect();
    join(conn, chat_id, &people).await?;
    Ok(chat_id)
}

/// The conversation of an accepted introduction, opened by the
/// professional or a member of the company that asked.
pub async fn open_for_introduction_by(
    pool: &PgPool,
    introduction_id: Uuid,
    opener: Uuid,
) -> sqlx::Result<Result<Uuid, OpenRefusal>> {
    let mut tx = pool.begin().await?;
    let allowed = sqlx::query_scalar!(
        r#"select r.status = 'accepted'
                  and (r.professional_id = $2
                       or exists (select 1 from company_members m
                                   where m.user_id = $2 and m.company_id = r.company_id)) as "allowed!"
             from introduction_requests r
            where r.id = $1"#,
        introduction_id,
        opener
    )
    .fetch_optional(&mut *tx)
    .await?;
    if allowed != Some(true) {
        return Ok(Err(OpenRefusal::NotFound));
    }
    let chat_id = open_for_introduction(&mut tx, introduction_id).await?;
    join(&mut tx, chat_id, &[opener]).await?;
    tx.commit().await?;
    Ok(Ok(chat_id))
}

/// The team conversation of the member's company, opened on first use.
pub async fn open_team(
    pool: &PgPool,
    member: Uuid,
) -> sqlx::Result<Option<Result<Uuid, OpenRefusal>>> {
    let mut tx = pool.begin().await?;
    let Some(company_id) = sqlx::query_scalar!(
        "select company_id from company_members where user_id = $1",
        member
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let chat_id = sqlx::query_scalar!(
        "insert into chats (id, kind, company_id) values ($1, 'team', $2)
         on conflict (company_id) where kind = 'team' do update set company_id = excluded.company_id
         returning id",
        Uuid::now_v7(),
        company_id
    )
    .fetch_one(&mut *tx)
    .await?;
    join(&mut tx, chat_id, &[member]).await?;
    tx.commit().await?;
    Ok(Some(Ok(chat_id)))
}

/// The support conversation of a person (anyone but an admin), opened on
/// first use.
pub async fn open_support(pool: &PgPool, person: Uuid) -> sqlx::Result<Result<Uuid, OpenRefusal>> {
    let mut tx = pool.begin().await?;
    let allowed = sqlx::query_scalar!(
        r#"select account_type <> 'admin' and deleted_at is null as "allowed!" from users where id = $1"#,
        person
    )
    .fetch_optional(&mut *tx)
    .await?;
    if allowed != Some(true) {
        return Ok(Err(OpenRefusal::NotFound));
    }
    let chat_id = sqlx::query_scalar!(
        "insert into chats (id, kind, person_id) values ($1, 'support', $2)
         on conflict (person_id) where kind = 'support' do update set person_id = excluded.person_id
         returning id",
        Uuid::now_v7(),
        person
    )
    .fetch_one(&mut *tx)
    .await?;
    join(&mut tx, chat_id, &[person]).await?;
    tx.commit().await?;
    Ok(Ok(chat_id))
}

/// The direct conversation of two people who already share an application,
/// an accepted introduction or a team (`chat_may_direct`), opened on first
/// use; one that exists is found even while either blocks the other.
pub async fn open_direct(
    pool: &PgPool,
    opener: Uuid,
    other: Uuid,
) -> sqlx::Result<Result<Uuid, OpenRefusal>> {
    let (person, peer) = (opener.min(other), opener.max(other));
    let mut tx = pool.begin().await?;
    let existing = sqlx::query_scalar!(
        "select id from chats where kind = 'direct' and person_id = $1 and peer_id = $2",
        person,
        peer
    )
    .fetch_optional(&mut *tx)
    .await?;
    let chat_id = match existing {
        Some(id) => id,
        None => {
            let allowed = sqlx::query_scalar!(
                r#"select chat_may_direct($1, $2) as "allowed!""#,
                opener,
                other
            )
            .fetch_one(&mut *tx)
            .await?;
            if !allowed {
                return Ok(Err(OpenRefusal::NotFound));
            }
            sqlx::query_scalar!(
                "insert into chats (id, kind, person_id, peer_id) values ($1, 'direct', $2, $3)
                 on conflict (person_id, peer_id) where kind = 'direct'
                 do update set person_id = excluded.person_id
                 returning id",
                Uuid::now_v7(),
                person,
                peer
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    join(&mut tx, chat_id, &[person, peer]).await?;
    tx.commit().await?;
    Ok(Ok(chat_id))
}

/// Blocks (or unblocks) the other person of a direct conversation. `false`
/// when the viewer is not one of its two people.
pub async fn set_blocked(
    pool: &PgPool,
    chat_id: Uuid,
    viewer: Uuid,
    blocked: bool,
) -> sqlx::Result<bool> {
    let Some(other) = sqlx::query_scalar!(
        r#"select case when person_id = $2 then peer_id else person_id end as "other!"
             from chats where id = $1 and kind = 'direct' and $2 in (person_id, peer_id)"#,
        chat_id,
        viewer
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(false);
    };
    if blocked {
        sqlx::query!(
            "insert into chat_blocks (blocker_id, blocked_id) values ($1, $2) on conflict do nothing",
            viewer,
            other
        )
        .execute(pool)
        .await?;
    } else {
        sqlx::query!(
            "delete from chat_blocks where blocker_id = $1 and blocked_id = $2",
            viewer,
            other
        )
        .execute(pool)
        .await?;
    }
    Ok(true)
}

/// Why a report was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum ReportRefusal {
    NotFound,
    AlreadyReported,
}

/// Reports someone else's message for moderation, keeping what it says
/// now; the report joins the message's case in the moderation queue.
pub async fn report(
    pool: &PgPool,
    message_id: Uuid,
    reporter: Uuid,
    reason: rules::ReportReason,
    details: &str,
) -> sqlx::Result<Result<Uuid, ReportRefusal>> {
    let mut tx = pool.begin().await?;
    let taken = sqlx::query_scalar!(
        "insert into chat_reports
             (id, message_id, chat_id, reporter_id, reported_user_id, reason, details,
              message_body, message_file, message_sent_at)
         select $1, m.id, m.chat_id, $3, m.sender_id, $4, $5, m.body, f.file_name, m.created_at
           from chat_messages m
           left join chat_attachments f on f.message_id = m.id
          where m.id = $2 and m.deleted_at is null and m.sender_id is distinct from $3
            and chat_member(m.chat_id, $3)
         on conflict (message_id, reporter_id) where status = 'open' do nothing
         returning id",
        Uuid::now_v7(),
        message_id,
        reporter,
        reason.as_str(),
        details
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(report_id) = taken {
        let case_id =
            crate::moderation::db::file_message_report(&mut tx, report_id, message_id).await?;
        tx.commit().await?;
        return Ok(Ok(case_id));
    }
    drop(tx);
    // Nothing taken: a message they may not report, or one they already did.
    let reported = sqlx::query_scalar!(
        r#"select exists (select 1 from chat_reports
                           where message_id = $1 and reporter_id = $2 and status = 'open') as "e!""#,
        message_id,
        reporter
    )
    .fetch_one(pool)
    .await?;
    Ok(Err(if reported {
        ReportRefusal::AlreadyReported
    } else {
        ReportRefusal::NotFound
    }))
}

/// Makes people participants (a read position, live announcements).
async fn join(conn: &mut PgConnection, chat_id: Uuid, people: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into chat_participants (chat_id, user_id)
         select $1, unnest($2::uuid[])
         on conflict do nothing",
        chat_id,
        people
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `from` writing in `chat` is worth passing on now: at most once
/// every three seconds per person and conversation, whatever a client
/// sends. Typing is never stored, so this is kept in the instance: each
/// instance passes on at most that many, which bounds the noise.
fn typing_due(chat_id: Uuid, from: Uuid) -> bool {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex, PoisonError};
    use std::time::{Duration, Instant};
    const EVERY: Duration = Duration::from_secs(3);
    static TOLD: LazyLock<Mutex<HashMap<(Uuid, Uuid), Instant>>> = LazyLock::new(Default::default);
    let mut told = TOLD.lock().unwrap_or_else(PoisonError::into_inner);
    let now = Instant::now();
    if told.len() > 10_000 {
        told.retain(|_, at| now.duration_since(*at) < EVERY);
    }
    match told.get(&(chat_id, from)) {
        Some(at) if now.duration_since(*at) < EVERY => false,
        _ => {
            told.insert((chat_id, from), now);
            true
        }
    }
}

/// Tells the others in the conversation, through the live channel only,
/// that `from` is writing (see `typing_due`); `false` when they are not in
/// it.
pub async fn typing(pool: &PgPool, chat_id: Uuid, from: Uuid) -> sqlx::Result<bool> {
    if !is_member(pool, chat_id, from).await? {
        return Ok(false);
    }
    if !typing_due(chat_id, from) {
        return Ok(true);
    }
    sqlx::query_scalar!(
        r#"with told as (
               select pg_notify('live', json_build_object(
                          'user', p.user_id, 'event', 'typing', 'id', p.chat_id, 'from', $2::uuid)::text)
                 from chat_participants p
                where p.chat_id = $1 and p.user_id <> $2 and chat_member($1, p.user_id)
           )
           select count(*) as "n!" from told"#,
        chat_id,
        from
    )
    .fetch_one(pool)
    .await?;
    Ok(true)
}

/// Erases what an erased account wrote: each message stays in its thread
/// as "message deleted" from "Deleted user", so the other side's
/// conversation keeps its shape. Returns the stored files to delete once
/// this has committed.
pub async fn erase_messages_of(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> sqlx::Result<Vec<String>> {
    let files = sqlx::query_scalar!(
        "delete from chat_attachments f using chat_messages m
          where m.id = f.message_id and m.sender_id = $1
      returning f.storage_key",
        user_id
    )
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query!(
        "update chat_messages
            set body = '', deleted_at = coalesce(deleted_at, now()), edited_at = null,
                hidden_by_case = null, hidden_body = null
          where sender_id = $1 and (body <> '' or deleted_at is null or hidden_body is not null)",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(files)
}

/// The messages a person wrote and has not deleted (those a moderator hid
/// included), oldest first, for their data export; files as links under
/// `site`.
pub async fn export(
    pool: &PgPool,
    user_id: Uuid,
    site: &str,
) -> sqlx::Result<Vec<super::ExportedMessage>> {
    let rows = sqlx::query!(
        r#"select m.id, m.chat_id, c.kind, m.created_at, coalesce(m.hidden_body, m.body) as "body!",
                  m.edited_at, f.message_id as "file?"
             from chat_messages m
             join chats c on c.id = m.chat_id
             left join chat_attachments f on f.message_id = m.id and m.deleted_at is null
            where m.sender_id = $1 and (m.deleted_at is null or m.hidden_body is not null)
            order by m.created_at, m.id"#,
        user_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(super::ExportedMessage {
                conversation: r.chat_id,
                kind: Kind::parse(&r.kind)?,
                sent_at: r.created_at,
                text: r.body,
                file: r.file.map(|id| format!("{site}{}", Attachment::url(id))),
                edited: r.edited_at.is_some(),
            })
        })
        .collect())
}

/// Tells a person of the messages others wrote in a conversation that are
/// still unread, once per batch, the way they chose for unread messages:
/// who wrote and where, never what.
pub async fn remind(conn: &mut PgConnection, chat_id: Uuid, user_id: Uuid) -> sqlx::Result<()> {
    let Some(batch) = sqlx::query!(
        "with before as (
             select last_read_seq, reminded_seq from chat_participants
              where chat_id = $1 and user_id = $2 for update)
         update chat_participants p set reminded_seq = c.last_seq
           from chats c, before b
          where p.chat_id = $1 and p.user_id = $2 and c.id = p.chat_id and not p.muted
            and c.last_seq > greatest(p.last_read_seq, p.reminded_seq)
            and chat_member($1, $2)
      returning greatest(b.last_read_seq, b.reminded_seq) as \"from_seq!\"",
        chat_id,
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(());
    };
    let unread = sqlx::query!(
        r#"select count(*) as "count!", (array_agg(sender_id order by seq desc))[1] as newest_sender
             from chat_messages
            where chat_id = $1 and seq > $3 and sender_id is distinct from $2
              and deleted_at is null"#,
        chat_id,
        user_id,
        batch.from_seq
    )
    .fetch_one(&mut *conn)
    .await?;
    if unread.count == 0 {
        return Ok(());
    }
    let Some(facts) = facts(&mut *conn, chat_id, user_id).await? else {
        return Ok(());
    };
    let described = facts.describe(user_id);
    let name = sqlx::query_scalar!("select chat_person_name($1)", unread.newest_sender)
        .fetch_one(&mut *conn)
        .await?;
    let notice = crate::notifications::Notice {
        kind: crate::notifications::rules::Kind::NewMessage,
        title: rules::reminder_title(
            &facts.sender_name(&described, unread.newest_sender, name),
            unread.count,
        ),
        body: match &described.about {
            Some(about) => format!("About {about}. Open the conversation to read and reply."),
            None => "Open the conversation to read and reply.".to_string(),
        },
        link: format!("/messages/{chat_id}"),
    };
    crate::notifications::notify(conn, user_id, &notice).await
}
