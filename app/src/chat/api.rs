//! The server functions of conversations. Each starts from the signed-in
//! person and lets `db` check that they are in the conversation now; a
//! conversation they are not in is answered like a missing one.

use super::{ChatList, Message, OlderMessages, Sent, Thread, ThreadChanges};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::db::{
        self, ChangeRefusal, NewAttachment, OpenRefusal, Outgoing, ReportRefusal, SendRefusal,
    },
    super::rules,
    crate::auth::session::require_user,
    crate::error::Validator,
    crate::state::{app_state, is_plain_form_post, respond},
    uuid::Uuid,
};

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.trim().parse().map_err(|_| AppError::NotFound)
}

/// The signed-in person's conversations, or those matching a search.
#[server(endpoint = "chats")]
pub async fn get_chats(
    #[server(default)] q: String,
    #[server(default)] before: String,
) -> Result<ChatList, AppError> {
    respond(async move {
        let user = require_user().await?;
        let query = q.trim().chars().take(100).collect::<String>();
        let pool = app_state()?.pool;
        let (items, older) =
            db::list(&pool, user.id, &query, rules::parse_list_cursor(&before)).await?;
        let in_team = crate::companies::db::membership(&pool, user.id)
            .await?
            .is_some();
        Ok(ChatList {
            items,
            query,
            older,
            in_team,
            can_contact_support: user.account_type != crate::auth::rules::AccountType::Admin,
            now: time::OffsetDateTime::now_utc(),
        })
    })
    .await
}

/// One conversation with its newest messages; opening it marks it read.
#[server(endpoint = "chats/thread")]
pub async fn get_thread(id: String) -> Result<Thread, AppError> {
    respond(async move {
        let user = require_user().await?;
        db::thread(&app_state()?.pool, parse_id(&id)?, user.id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server(endpoint = "chats/older")]
pub async fn get_older_messages(id: String, before: i64) -> Result<OlderMessages, AppError> {
    respond(async move {
        let user = require_user().await?;
        db::older(&app_state()?.pool, parse_id(&id)?, user.id, before)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// What changed in a conversation since the revision the page has.
#[server(endpoint = "chats/changes")]
pub async fn get_chat_changes(id: String, since: i64) -> Result<ThreadChanges, AppError> {
    respond(async move {
        let user = require_user().await?;
        db::changes(&app_state()?.pool, parse_id(&id)?, user.id, since)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Marks a conversation read up to a message the page has shown.
#[server(endpoint = "chats/read")]
pub async fn mark_chat_read(id: String, seq: i64) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        if !db::mark_read(&app_state()?.pool, parse_id(&id)?, user.id, seq).await? {
            return Err(AppError::NotFound);
        }
        Ok(())
    })
    .await
}

/// Sends a message. `key` comes with the page and changes after each
/// message, so a send retried after a lost answer stores one message.
/// Without script, the thread is shown again with the message in it.
#[server(endpoint = "chats/send")]
pub async fn send_message(
    chat: String,
    body: String,
    key: String,
    #[server(default)] reply_to: String,
) -> Result<Sent, AppError> {
    respond(async move {
        let user = require_user().await?;
        let mut v = Validator::new();
        let body = v.check("body", rules::body(&body));
        v.finish()?;
        let body = body.unwrap_or_default();
        let outgoing = Outgoing {
            reply_to: reply_to.trim().parse().ok(),
            ..Outgoing::text(&body)
        };
        deliver(user.id, &chat, &key, &outgoing).await
    })
    .await
}

/// Sends a file (an image or a PDF up to 10 MB) with an optional caption:
/// a multipart form with the fields of `send_message` and the file in
/// `file`.
#[server(endpoint = "chats/attach", input = MultipartFormData)]
pub async fn send_attachment(data: MultipartData) -> Result<Sent, AppError> {
    respond(async move {
        let user = require_user().await?;
        let (fields, file_name, bytes) = super::files::read_form(data).await?;
        let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();
        let caption = match field("body").trim() {
            "" => String::new(),
            text => rules::body(text).map_err(|e| AppError::field("body", e))?,
        };
        let chat_id = parse_id(field("chat"))?;
        // Answered like a missing conversation before anything is stored.
        if !db::is_member(&app_state()?.pool, chat_id, user.id).await? {
            return Err(AppError::NotFound);
        }
        let checked = crate::media::api::check("file", move || super::files::check(bytes)).await?;
        let key = field("key")
            .trim()
            .parse::<Uuid>()
            .map_err(|_| stale_key())?;
        // One name per sent message: a retried send writes the same file.
        let storage_key = format!("chats/{chat_id}/{}-{key}.{}", user.id, checked.extension);
        let file_name =
            crate::media::api::clean_file_name(&file_name, &format!("file.{}", checked.extension));
        let storage = app_state()?.storage;
        if let Err(error) = storage.put(&storage_key, &checked.bytes).await {
            tracing::error!(%error, "could not store a file sent in a conversation");
            return Err(AppError::Internal);
        }
        let outgoing = Outgoing {
            body: &caption,
            reply_to: field("reply_to").trim().parse().ok(),
            attachment: Some(NewAttachment {
                storage_key: &storage_key,
                file_name: &file_name,
                content_type: checked.content_type,
                byte_size: checked.bytes.len() as i64,
                image_size: checked.image_size,
            }),
        };
        let sent = deliver(user.id, field("chat"), field("key"), &outgoing).await;
        if sent.is_err() {
            crate::media::storage::remove_orphans(storage.as_ref(), [storage_key]).await;
        }
        sent
    })
    .await
}

#[cfg(feature = "ssr")]
fn stale_key() -> AppError {
    AppError::field("body", "Reload the page and send again.")
}

/// Stores a message (see `db::send`) and answers with it; a plain form post
/// goes back to the thread.
#[cfg(feature = "ssr")]
async fn deliver(
    sender: Uuid,
    chat: &str,
    key: &str,
    outgoing: &Outgoing<'_>,
) -> Result<Sent, AppError> {
    let chat_id = parse_id(chat)?;
    let key: Uuid = key.trim().parse().map_err(|_| stale_key())?;
    let pool = app_state()?.pool;
    match db::send(&pool, chat_id, sender, outgoing, key).await? {
        Ok(message) => {
            if is_plain_form_post() {
                leptos_axum::redirect(&format!("/messages/{chat_id}#message-{}", message.seq));
            }
            Ok(Sent {
                message,
                next_key: Uuid::now_v7(),
            })
        }
        Err(SendRefusal::NotFound) => Err(AppError::NotFound),
        Err(SendRefusal::ReadOnly(why)) => Err(AppError::Refused(why.into())),
        Err(SendRefusal::TooFast(why)) => Err(AppError::RateLimited(why)),
    }
}

#[cfg(feature = "ssr")]
async fn change_message(id: &str, body: Option<&str>) -> Result<Message, AppError> {
    let user = require_user().await?;
    let pool = app_state()?.pool;
    match db::change(&pool, parse_id(id)?, user.id, body).await? {
        Ok(changed) => {
            let storage = app_state()?.storage;
            crate::media::storage::remove_orphans(storage.as_ref(), changed.removed_file).await;
            Ok(changed.message)
        }
        Err(ChangeRefusal::NotFound) => Err(AppError::NotFound),
        Err(ChangeRefusal::ReadOnly(why)) => Err(AppError::Refused(why.into())),
        Err(ChangeRefusal::TooLate) => Err(AppError::Refused(
            "A message can be edited for 15 minutes after it was sent.".into(),
        )),
    }
}

/// Changes the text of one's own message, within 15 minutes of sending it.
#[server(endpoint = "chats/edit")]
pub async fn edit_message(id: String, body: String) -> Result<Message, AppError> {
    respond(async move {
        let mut v = Validator::new();
        let body = v.check("body", rules::body(&body));
        v.finish()?;
        change_message(&id, body.as_deref()).await
    })
    .await
}

/// Deletes one's own message; "Message deleted" stays in its place.
#[server(endpoint = "chats/delete")]
pub async fn delete_message(id: String) -> Result<Message, AppError> {
    respond(change_message(&id, None)).await
}

#[cfg(feature = "ssr")]
async fn set_flags(id: &str, muted: Option<bool>, starred: Option<bool>) -> Result<(), AppError> {
    let user = require_user().await?;
    let chat_id = parse_id(id)?;
    if !db::set_flags(&app_state()?.pool, chat_id, user.id, muted, starred).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("/messages/{chat_id}"));
    Ok(())
}

/// Mutes a conversation (no unread badge for it) or unmutes it.
#[server(endpoint = "chats/mute")]
pub async fn set_chat_muted(id: String, muted: bool) -> Result<(), AppError> {
    respond(set_flags(&id, Some(muted), None)).await
}

/// Stars a conversation (kept after its application or introduction ends)
/// or takes the star back.
#[server(endpoint = "chats/star")]
pub async fn set_chat_starred(id: String, starred: bool) -> Result<(), AppError> {
    respond(set_flags(&id, None, Some(starred))).await
}

/// Blocks the other person of a direct conversation (it turns read-only
/// for both, and they cannot start another) or unblocks them.
#[server(endpoint = "chats/block")]
pub async fn set_chat_blocked(id: String, blocked: bool) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let chat_id = parse_id(&id)?;
        if !db::set_blocked(&app_state()?.pool, chat_id, user.id, blocked).await? {
            return Err(AppError::NotFound);
        }
        leptos_axum::redirect(&format!("/messages/{chat_id}"));
        Ok(())
    })
    .await
}

/// Reports someone else's message to the site's moderators, with a reason
/// from the list and optional details (required for "something else").
#[server(endpoint = "chats/report")]
pub async fn report_message(
    id: String,
    reason: String,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let (reason, details) =
            rules::report(&reason, &details).map_err(|(field, why)| AppError::field(field, why))?;
        match db::report(
            &app_state()?.pool,
            parse_id(&id)?,
            user.id,
            reason,
            &details,
        )
        .await?
        {
            Ok(_case) => Ok(()),
            Err(ReportRefusal::NotFound) => Err(AppError::NotFound),
            Err(ReportRefusal::AlreadyReported) => Err(AppError::Refused(
                "You have reported this message already; a moderator will look at it.".into(),
            )),
        }
    })
    .await
}

/// Tells the others in a conversation that the person is writing. The
/// page calls it at most every few seconds while they type.
#[server(endpoint = "chats/typing")]
pub async fn chat_typing(id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        if !db::typing(&app_state()?.pool, parse_id(&id)?, user.id).await? {
            return Err(AppError::NotFound);
        }
        Ok(())
    })
    .await
}

/// Opens (or finds) a conversation and goes there: about an application
/// or an accepted introduction (`id`), or the company's team chat.
#[server(endpoint = "chats/open")]
pub async fn open_chat(about: String, #[server(default)] id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let pool = app_state()?.pool;
        let opened = match about.as_str() {
            "application" => db::open_for_application(&pool, parse_id(&id)?, user.id).await?,
            "introduction" => db::open_for_introduction_by(&pool, parse_id(&id)?, user.id).await?,
            "team" => db::open_team(&pool, user.id)
                .await?
                .ok_or(AppError::NoCompany)?,
            "support" => db::open_support(&pool, user.id).await?,
            "direct" => db::open_direct(&pool, user.id, parse_id(&id)?).await?,
            _ => Err(OpenRefusal::NotFound),
        };
        match opened {
            Ok(chat_id) => {
                leptos_axum::redirect(&format!("/messages/{chat_id}"));
                Ok(())
            }
            Err(OpenRefusal::NotFound) => Err(AppError::NotFound),
            Err(OpenRefusal::NotYet) => Err(AppError::Refused(
                "You can write to the hiring team once they have started reviewing your application."
                    .into(),
            )),
        }
    })
    .await
}
