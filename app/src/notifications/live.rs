//! The site's live channel: one server-sent event stream per signed-in tab
//! (`/api/live`), fed by PostgreSQL's `LISTEN/NOTIFY` on the `live` channel,
//! so that an event raised through one server instance reaches a browser
//! connected to another. Each instance holds one listening connection and
//! passes what it hears to its streams; a stream keeps what is its person's.

use super::{UnreadUpdate, db};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use serde::Deserialize;
use sqlx::PgPool;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast;
use tower_sessions::Session;
use uuid::Uuid;

/// The channel events are announced on (by triggers, at commit).
pub const CHANNEL: &str = "live";

/// Shorter than the idle timeout of the proxies in front (60 s is common).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One announcement on the channel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LiveEvent {
    pub user: Uuid,
    /// "notification" (with the new one's id), "read", "chat" (something
    /// changed in the conversation `id`) or "typing" (`from` writes in `id`).
    pub event: String,
    pub id: Option<Uuid>,
    #[serde(default)]
    pub from: Option<Uuid>,
}

/// This instance's listeners: events heard on the channel, for every stream
/// (`None`: the channel was lost for a while, and events may be missed).
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<Option<LiveEvent>>,
}

impl Default for Live {
    fn default() -> Self {
        // Room for a burst; a stream that falls behind re-reads its count.
        Self {
            sender: broadcast::channel(256).0,
        }
    }
}

impl Live {
    /// Listens on the channel for as long as the server runs, connecting
    /// again when the connection is lost (streams then re-read their count).
    pub async fn listen(self, pool: PgPool) {
        let mut reconnecting = false;
        loop {
            if let Err(error) = self.listen_once(&pool, reconnecting).await {
                tracing::warn!(%error, "live channel interrupted; listening again shortly");
            }
            reconnecting = true;
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &PgPool, reconnecting: bool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.ignore_pool_close_event(true);
        listener.listen(CHANNEL).await?;
        // Events sent while the channel was lost are missed: streams are
        // told to read everything afresh. (No stream listening is not an
        // error, here and below.)
        if reconnecting {
            drop(self.sender.send(None));
        }
        loop {
            // `try_recv` says when the connection was lost.
            match listener.try_recv().await? {
                Some(notification) => {
                    match serde_json::from_str::<LiveEvent>(notification.payload()) {
                        Ok(event) => drop(self.sender.send(Some(event))),
                        Err(error) => tracing::warn!(%error, "unreadable live event"),
                    }
                }
                None => return Ok(()),
            }
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Option<LiveEvent>> {
        self.sender.subscribe()
    }
}

/// `GET /api/live`: the signed-in person's event stream.
pub async fn events(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let pool = state.pool.clone();
    let Ok(Some(user)) = crate::auth::session::user_of_session(&session, &pool).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // Subscribed before the first count is read, so nothing falls between.
    let receiver = state.live.subscribe();
    // A tab coming back after a break is told of what arrived meanwhile.
    let resumed = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<Uuid>().ok());
    let first = match first_update(&pool, user.id, resumed).await {
        Ok(first) => first,
        Err(error) => {
            tracing::warn!(%error, "live stream could not start");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let updates = stream::unfold(
        (receiver, pool, session, user.id),
        |(mut receiver, pool, session, user_id)| async move {
            loop {
                let heard = match receiver.recv().await {
                    Ok(Some(event)) if event.user != user_id => continue,
                    Ok(heard) => heard,
                    // Fallen behind: everything is read afresh.
                    Err(broadcast::error::RecvError::Lagged(_)) => None,
                    Err(broadcast::error::RecvError::Closed) => return None,
                };
                // Signed out (here or everywhere): the stream ends.
                match crate::auth::session::user_of_session(&session, &pool).await {
                    Ok(Some(user)) if user.id == user_id => {}
                    _ => return None,
                }
                match updates(&pool, user_id, heard).await {
                    Ok(events) => return Some((events, (receiver, pool, session, user_id))),
                    Err(error) => tracing::warn!(%error, "live update not sent"),
                }
            }
        },
    );
    let mut response = Sse::new(
        stream::iter([first])
            .chain(updates)
            .flat_map(stream::iter)
            .map(Ok::<_, Infallible>),
    )
    .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
    .into_response();
    // Tells nginx not to hold events back in its buffer.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// The counts when a stream opens; with the title of the newest
/// notification when a resumed tab missed some. The conversations' event
/// names none, so an open thread asks what it missed.
async fn first_update(
    pool: &PgPool,
    user_id: Uuid,
    resumed: Option<Uuid>,
) -> Result<Vec<Event>, sqlx::Error> {
    let newest = db::page(pool, user_id, None, 1).await?.into_iter().next();
    let missed = newest.filter(|n| resumed.is_some_and(|last| n.id > last) && !n.read);
    let unread = db::unread_count(pool, user_id).await?;
    Ok(vec![
        event(
            UnreadUpdate {
                unread,
                title: missed.as_ref().map(|n| n.title.clone()),
            },
            missed.map(|n| n.id).or(resumed),
        ),
        chat_event(pool, user_id, None).await?,
    ])
}

/// What to tell a tab of an event (`None`: events were missed).
async fn updates(
    pool: &PgPool,
    user_id: Uuid,
    heard: Option<LiveEvent>,
) -> Result<Vec<Event>, sqlx::Error> {
    let Some(heard) = heard else {
        let first = notification_event(pool, user_id, None).await?;
        return Ok(vec![first, chat_event(pool, user_id, None).await?]);
    };
    let event = match (heard.event.as_str(), heard.id) {
        ("chat", Some(chat)) => chat_event(pool, user_id, Some(chat)).await?,
        ("typing", Some(chat)) => Event::default().event("typing").data(
            serde_json::to_string(&crate::chat::Typing {
                chat,
                from: heard.from,
            })
            .unwrap_or_default(),
        ),
        ("notification", newest) => notification_event(pool, user_id, newest).await?,
        _ => notification_event(pool, user_id, None).await?,
    };
    Ok(vec![event])
}

/// The count after an event, with the new notification's title if there is one.
async fn notification_event(
    pool: &PgPool,
    user_id: Uuid,
    newest: Option<Uuid>,
) -> Result<Event, sqlx::Error> {
    let title = match newest {
        Some(id) => db::title(pool, user_id, id).await?,
        None => None,
    };
    let unread = db::unread_count(pool, user_id).await?;
    Ok(event(UnreadUpdate { unread, title }, newest))
}

/// A conversation changed (or, `None`, any may have): with the count of
/// conversations with unread messages.
async fn chat_event(
    pool: &PgPool,
    user_id: Uuid,
    chat: Option<Uuid>,
) -> Result<Event, sqlx::Error> {
    let update = crate::chat::ChatUpdate {
        chat,
        unread: crate::chat::db::unread_count(pool, user_id).await?,
    };
    Ok(Event::default()
        .event("chat")
        .data(serde_json::to_string(&update).unwrap_or_default()))
}

fn event(update: UnreadUpdate, id: Option<Uuid>) -> Event {
    let event = Event::default()
        .event("unread")
        .data(serde_json::to_string(&update).unwrap_or_default());
    match id {
        Some(id) => event.id(id.to_string()),
        None => event,
    }
}
