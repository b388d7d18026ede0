//! Pure rules of conversations: what a message may hold, how long it can be
//! edited, how fast a person may send, and how its text becomes safe links.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// What a conversation is about, and so who is in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// A candidate and the hiring team of the vacancy they applied to.
    Application,
    /// A professional and the team that asked for the introduction.
    Introduction,
    /// Two people who already share an application or introduction.
    Direct,
    /// A person and the site's admins.
    Support,
    /// Everyone in a company's team.
    Team,
}

impl Kind {
    pub const ALL: [Self; 5] = [
        Self::Application,
        Self::Introduction,
        Self::Direct,
        Self::Support,
        Self::Team,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::Introduction => "introduction",
            Self::Direct => "direct",
            Self::Support => "support",
            Self::Team => "team",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// Whether one of the two people of a direct conversation blocks the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    No,
    /// The viewer blocks the other person.
    ByViewer,
    /// The other person blocks the viewer.
    ByOther,
}

/// Why no one can write in a conversation any more, if so: an application
/// conversation closes with the application (hired, rejected, withdrawn),
/// an introduction's once its outcome is recorded, a direct one while
/// either person blocks the other.
pub fn read_only(
    kind: Kind,
    application_status: Option<&str>,
    introduction_outcome: Option<&str>,
    blocked: Blocked,
) -> Option<&'static str> {
    match blocked {
        Blocked::ByViewer => {
            return Some("You have blocked this person. Unblock them to write again.");
        }
        Blocked::ByOther => return Some("This person is not taking messages from you."),
        Blocked::No => {}
    }
    match kind {
        Kind::Application
            if matches!(application_status, Some("hired" | "rejected" | "withdrawn")) =>
        {
            Some("This application has closed, so the conversation is read-only.")
        }
        Kind::Introduction if introduction_outcome.is_some() => {
            Some("This introduction has ended, so the conversation is read-only.")
        }
        _ => None,
    }
}

/// How long the conversation of a closed application or an ended
/// introduction is kept, unless someone in it starred it.
pub const KEEP_CLOSED_DAYS: i64 = 180;

/// What happens to a conversation over time, as its side panel says.
pub fn retention(kind: Kind) -> String {
    let erased =
        format!("It is erased {KEEP_CLOSED_DAYS} days later, unless someone in it has starred it.");
    match kind {
        Kind::Application => format!(
            "It becomes read-only when the application closes (hired, rejected or withdrawn). {erased}"
        ),
        Kind::Introduction => {
            format!("It becomes read-only once the introduction's outcome is recorded. {erased}")
        }
        _ => "It is kept for as long as the accounts in it exist.".to_string(),
    }
}

/// How the list of conversations shows a message: its text, or what it
/// sent when it has none.
pub fn last_snippet(body: &str, file_name: Option<&str>, is_image: bool) -> String {
    match file_name {
        Some(_) if body.is_empty() && is_image => "Sent a photo".to_string(),
        Some(name) if body.is_empty() => format!("Sent a file: {}", snippet(name, 70)),
        _ => snippet(body, 90),
    }
}

/// Why someone reports a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportReason {
    Spam,
    Harassment,
    Scam,
    Inappropriate,
    Other,
}

impl ReportReason {
    pub const ALL: [Self; 5] = [
        Self::Spam,
        Self::Harassment,
        Self::Scam,
        Self::Inappropriate,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spam => "spam",
            Self::Harassment => "harassment",
            Self::Scam => "scam",
            Self::Inappropriate => "inappropriate",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Spam => "Spam or advertising",
            Self::Harassment => "Harassment or abuse",
            Self::Scam => "A scam, or asks for money or personal details",
            Self::Inappropriate => "Inappropriate or offensive",
            Self::Other => "Something else",
        }
    }
}

/// What a reporter may add for the moderators.
pub const MAX_REPORT_DETAILS_CHARS: usize = 1000;

/// A report's reason and details, checked.
pub fn report(
    reason: &str,
    details: &str,
) -> Result<(ReportReason, String), (&'static str, String)> {
    let reason = ReportReason::parse(reason).ok_or((
        "reason",
        "Choose why you are reporting this message.".to_string(),
    ))?;
    let details = details.trim();
    if details.chars().count() > MAX_REPORT_DETAILS_CHARS {
        return Err((
            "details",
            format!("Keep it to {MAX_REPORT_DETAILS_CHARS} characters."),
        ));
    }
    if reason == ReportReason::Other && details.is_empty() {
        return Err(("details", "Tell the moderators what is wrong.".to_string()));
    }
    Ok((reason, details.to_string()))
}

/// Conversations the list shows at a time.
pub const LIST_PAGE: usize = 50;

/// Where the next page of the list starts: after the conversation last
/// active at `at` (microseconds, as the database keeps time) with `id`.
pub fn list_cursor(at: OffsetDateTime, id: uuid::Uuid) -> String {
    format!("{}_{id}", at.unix_timestamp_nanos() / 1000)
}

/// The reverse of `list_cursor`; `None` for anything else.
pub fn parse_list_cursor(text: &str) -> Option<(OffsetDateTime, uuid::Uuid)> {
    let (micros, id) = text.trim().split_once('_')?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(micros.parse::<i128>().ok()? * 1000).ok()?;
    Some((at, id.parse().ok()?))
}

pub const MAX_BODY_CHARS: usize = 4000;

/// A message's text, trimmed: between 1 and 4,000 characters.
pub fn body(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Write a message first.".into());
    }
    let chars = text.chars().count();
    if chars > MAX_BODY_CHARS {
        return Err(format!(
            "A message can be up to {MAX_BODY_CHARS} characters; this one has {chars}."
        ));
    }
    Ok(text.to_string())
}

/// How long after sending a message its author may still change it.
pub const EDIT_WINDOW: Duration = Duration::minutes(15);

/// Whether a message sent at `sent_at` may still be edited at `now`.
pub fn can_edit(sent_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now >= sent_at && now - sent_at <= EDIT_WINDOW
}

/// At most this many messages per person…
pub const SEND_LIMIT: i64 = 20;
/// …in this long, across all their conversations.
pub const SEND_WINDOW: Duration = Duration::seconds(10);

/// Whether one more message may be sent at `now`, given when the person
/// sent the `SEND_LIMIT`-th most recent of their messages (`None` when they
/// sent fewer). Refused with the wait in the message.
pub fn within_send_limit(
    oldest_of_limit: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), String> {
    let Some(oldest) = oldest_of_limit else {
        return Ok(());
    };
    let free_at = oldest + SEND_WINDOW;
    if free_at <= now {
        return Ok(());
    }
    let wait = (free_at - now).whole_seconds().max(0) + 1;
    Err(format!(
        "You are sending messages very quickly. Wait {wait} second{} and send again.",
        if wait == 1 { "" } else { "s" }
    ))
}

/// How long a message waits unread before its reader is told.
pub const REMINDER_AFTER_MINUTES: i32 = 10;

/// The reminder's title: who wrote and how much, never what.
pub fn reminder_title(newest_sender: &str, unread: i64) -> String {
    match unread {
        1 => format!("{newest_sender} sent you a message"),
        n => format!("{n} unread messages, the latest from {newest_sender}"),
    }
}

/// A piece of a message's text as it is shown: plain text, or a link the
/// text spelled out. Both are written as text, never as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link { href: String, text: &'a str },
}

/// Splits a message into text and the web addresses in it. Only `http`
/// and `https` addresses (and `www.` ones, as https) become links, so no
/// `javascript:` or other scheme can be smuggled in; punctuation that ends
/// a sentence stays out of the link.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let starts_word = at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric());
        let scheme = ["https://", "http://", "www."]
            .into_iter()
            .find(|s| starts_word && starts_with_ignore_case(rest, s));
        let Some(scheme) = scheme else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(rest.len());
        let link = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
        if link.len() <= scheme.len() {
            at += scheme.len();
            continue;
        }
        if plain_from < at {
            out.push(Segment::Text(&text[plain_from..at]));
        }
        let href = if scheme == "www." {
            format!("https://{link}")
        } else {
            link.to_string()
        };
        out.push(Segment::Link { href, text: link });
        at += link.len();
        plain_from = at;
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// A short, one-line extract of a message for lists and quotes.
pub fn snippet(body: &str, max_chars: usize) -> String {
    let line = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max_chars {
        return line;
    }
    let cut: String = line.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_cursor_reads_back_and_nothing_else_does() {
        let id = uuid::Uuid::from_u128(7);
        let at = OffsetDateTime::from_unix_timestamp_nanos(1_800_000_000_123_456_000).unwrap();
        assert_eq!(parse_list_cursor(&list_cursor(at, id)), Some((at, id)));
        for bad in [
            "",
            "_",
            "12_x",
            "x_00000000-0000-0000-0000-000000000007",
            "1",
        ] {
            assert_eq!(parse_list_cursor(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_report_needs_a_known_reason_and_words_for_something_else() {
        assert_eq!(
            report("spam", "  "),
            Ok((ReportReason::Spam, String::new()))
        );
        assert_eq!(report("rude", "").unwrap_err().0, "reason");
        assert_eq!(report("other", " ").unwrap_err().0, "details");
        assert_eq!(
            report("other", "Asked for my bank PIN"),
            Ok((ReportReason::Other, "Asked for my bank PIN".to_string()))
        );
        assert_eq!(report("scam", &"x".repeat(1001)).unwrap_err().0, "details");
        for reason in ReportReason::ALL {
            assert_eq!(ReportReason::parse(reason.as_str()), Some(reason));
        }
    }

    fn at(seconds: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::seconds(1_800_000_000 + seconds)
    }

    #[test]
    fn kinds_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("group"), None);
    }

    #[test]
    fn conversations_close_with_what_they_are_about() {
        assert_eq!(
            read_only(Kind::Application, Some("interview"), None, Blocked::No),
            None
        );
        for closed in ["hired", "rejected", "withdrawn"] {
            assert!(read_only(Kind::Application, Some(closed), None, Blocked::No).is_some());
        }
        assert_eq!(read_only(Kind::Introduction, None, None, Blocked::No), None);
        assert!(read_only(Kind::Introduction, None, Some("hired"), Blocked::No).is_some());
        assert_eq!(read_only(Kind::Team, None, None, Blocked::No), None);
        assert!(
            read_only(Kind::Direct, None, None, Blocked::ByViewer)
                .unwrap()
                .contains("Unblock")
        );
        assert!(read_only(Kind::Direct, None, None, Blocked::ByOther).is_some());
    }

    #[test]
    fn body_is_trimmed_and_bounded() {
        assert_eq!(body("  hello \n").unwrap(), "hello");
        assert!(body(" \n\t ").is_err());
        assert!(body(&"é".repeat(4000)).is_ok());
        let long = body(&"a".repeat(4001)).unwrap_err();
        assert!(long.contains("4001"), "{long}");
    }

    #[test]
    fn edits_are_allowed_for_fifteen_minutes() {
        assert!(can_edit(at(0), at(0)));
        assert!(can_edit(at(0), at(15 * 60)));
        assert!(!can_edit(at(0), at(15 * 60 + 1)));
        // A clock behind the message is not an open door.
        assert!(!can_edit(at(10), at(0)));
    }

    #[test]
    fn the_twenty_first_message_in_ten_seconds_waits() {
        assert!(within_send_limit(None, at(0)).is_ok());
        // The 20th most recent was sent 10 s ago or more: free again.
        assert!(within_send_limit(Some(at(0)), at(10)).is_ok());
        let refused = within_send_limit(Some(at(0)), at(3)).unwrap_err();
        assert!(refused.contains("Wait 8 seconds"), "{refused}");
        let last = within_send_limit(Some(at(0)), at(9)).unwrap_err();
        assert!(last.contains("Wait 2 seconds"), "{last}");
    }

    #[test]
    fn addresses_become_links_and_nothing_else_does() {
        assert_eq!(
            segments("See https://example.com/jobs?id=1, then call."),
            vec![
                Segment::Text("See "),
                Segment::Link {
                    href: "https://example.com/jobs?id=1".into(),
                    text: "https://example.com/jobs?id=1"
                },
                Segment::Text(", then call."),
            ]
        );
        assert_eq!(
            segments("www.hirewell.test."),
            vec![
                Segment::Link {
                    href: "https://www.hirewell.test".into(),
                    text: "www.hirewell.test"
                },
                Segment::Text("."),
            ]
        );
        // Other schemes, and schemes inside words, stay text.
        assert_eq!(
            segments("javascript:alert(1) xhttps://a.b"),
            vec![Segment::Text("javascript:alert(1) xhttps://a.b")]
        );
        assert_eq!(
            segments("https:// alone"),
            vec![Segment::Text("https:// alone")]
        );
    }

    #[test]
    fn markup_never_enters_a_link() {
        assert_eq!(
            segments("<b>hi</b> http://a.test/\"><script>x</script>"),
            vec![
                Segment::Text("<b>hi</b> "),
                Segment::Link {
                    href: "http://a.test/".into(),
                    text: "http://a.test/"
                },
                Segment::Text("\"><script>x</script>"),
            ]
        );
        assert_eq!(segments("Ünïcode ok"), vec![Segment::Text("Ünïcode ok")]);
    }

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snippet("a\n\nb   c", 20), "a b c");
        assert_eq!(snippet("abcdefghij", 5), "abcd…");
    }
}
