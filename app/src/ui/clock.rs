//! Times in the viewer's own time zone. When someone signs in or changes
//! their time zone, the server writes the zone's UTC offsets for a window
//! around now into a cookie; pages read that cookie on both sides (the
//! request's header on the server, `document.cookie` in the browser), so the
//! server's HTML and the hydrated page show the same local time and the
//! browser needs no time zone database. Visitors see UTC.

use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The cookie's name. Not `HttpOnly`: the page's script reads it.
pub const COOKIE: &str = "hw_clock";

/// A time zone's offsets from UTC over a window of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// The zone's name, as chosen in the settings ("Europe/Berlin").
    pub zone: String,
    /// Unix time after which the offsets are not known: the server writes
    /// the cookie again before then.
    pub until: i64,
    /// The offset (seconds east of UTC) before the first change.
    base: i32,
    /// (unix time, offset from then on), in time order.
    changes: Vec<(i64, i32)>,
}

/// At most this many changes are read from a cookie (two a year for
/// three years, with room to spare).
const MAX_CHANGES: usize = 16;

impl Clock {
    pub fn utc() -> Self {
        Self::new("UTC", i64::MAX, 0, Vec::new())
    }

    pub fn new(zone: &str, until: i64, base: i32, changes: Vec<(i64, i32)>) -> Self {
        Self {
            zone: zone.to_string(),
            until,
            base,
            changes,
        }
    }

    /// Reads a cookie's value: `zone|until|base|time:offset|…`. Anything
    /// malformed is `None` (the page then shows UTC).
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.split('|');
        let zone = parts.next().filter(|z| !z.is_empty() && z.len() <= 64)?;
        let until = parts.next()?.parse().ok()?;
        let base = offset_seconds(parts.next()?)?;
        let mut changes = Vec::new();
        for part in parts.take(MAX_CHANGES) {
            let (at, offset) = part.split_once(':')?;
            changes.push((at.parse().ok()?, offset_seconds(offset)?));
        }
        changes.sort_unstable();
        Some(Self::new(zone, until, base, changes))
    }

    /// The cookie's value (only characters a cookie value may hold).
    pub fn to_cookie_value(&self) -> String {
        let mut value = format!("{}|{}|{}", self.zone, self.until, self.base);
        for (at, offset) in &self.changes {
            value.push_str(&format!("|{at}:{offset}"));
        }
        value
    }

    /// The zone's offset at `moment` (the nearest known one outside the window).
    pub fn offset_at(&self, moment: OffsetDateTime) -> UtcOffset {
        let at = moment.unix_timestamp();
        let seconds = self
            .changes
            .iter()
            .take_while(|(from, _)| *from <= at)
            .last()
            .map_or(self.base, |(_, offset)| *offset);
        UtcOffset::from_whole_seconds(seconds).unwrap_or(UtcOffset::UTC)
    }

    /// `moment` as the zone's wall clock shows it.
    pub fn local(&self, moment: OffsetDateTime) -> OffsetDateTime {
        moment.to_offset(self.offset_at(moment))
    }

    /// A wall-clock time in this zone as a moment. A time the clocks skip
    /// when they go forward is read with the offset from before.
    pub fn from_local(&self, wall: PrimitiveDateTime) -> OffsetDateTime {
        let guess = self.offset_at(wall.assume_utc());
        let moment = wall.assume_offset(guess);
        let offset = self.offset_at(moment);
        if offset == guess {
            moment
        } else {
            wall.assume_offset(offset)
        }
    }
}

/// An offset in seconds, within the ±18 hours `UtcOffset` allows.
fn offset_seconds(text: &str) -> Option<i32> {
    text.parse()
        .ok()
        .filter(|s: &i32| UtcOffset::from_whole_seconds(*s).is_ok())
}

/// "UTC", "UTC+1", "UTC−5", "UTC+5:30".
pub fn offset_label(offset: UtcOffset) -> String {
    let (hours, minutes, _) = offset.as_hms();
    if offset.is_utc() {
        return "UTC".into();
    }
    let sign = if offset.is_negative() { '−' } else { '+' };
    match minutes.unsigned_abs() {
        0 => format!("UTC{sign}{}", hours.unsigned_abs()),
        m => format!("UTC{sign}{}:{m:02}", hours.unsigned_abs()),
    }
}

/// The clock of whoever is looking: from the cookie, else UTC.
pub fn viewer_clock() -> Clock {
    cookie(COOKIE)
        .and_then(|value| Clock::parse(&value))
        .unwrap_or_else(Clock::utc)
}

/// A cookie of the request being rendered or served.
#[cfg(feature = "ssr")]
fn cookie(name: &str) -> Option<String> {
    // Read in place: `use_context` would copy the request's headers, and
    // every date on a page asks.
    leptos::prelude::with_context(|parts: &http::request::Parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(|header| find_cookie(header, name))
    })?
}

/// A cookie of this page.
#[cfg(all(not(feature = "ssr"), target_arch = "wasm32"))]
fn cookie(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let header = document
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()?;
    find_cookie(&header, name)
}

/// Outside a server or browser (unit tests) there are no cookies.
#[cfg(all(not(feature = "ssr"), not(target_arch = "wasm32")))]
fn cookie(_name: &str) -> Option<String> {
    None
}

/// The time zone the browser runs in ("Europe/Berlin"), for sign-up's
/// default; empty outside a browser.
pub fn browser_time_zone() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// The value of cookie `name` in a `Cookie` header ("a=1; b=2").
fn find_cookie(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// Berlin around the spring change of 2027 (28 March, 01:00 UTC).
    fn berlin() -> Clock {
        Clock::new(
            "Europe/Berlin",
            1_900_000_000,
            3600,
            vec![(1_806_195_600, 7200), (1_824_944_400, 3600)],
        )
    }

    #[test]
    fn a_cookie_round_trips_and_nonsense_is_refused() {
        let clock = berlin();
        assert_eq!(Clock::parse(&clock.to_cookie_value()), Some(clock));
        assert_eq!(
            Clock::parse("UTC|9|0"),
            Some(Clock::new("UTC", 9, 0, vec![]))
        );
        for bad in ["", "|1|0", "Europe/Berlin|x|0", "Z|1|99999999", "Z|1|0|12"] {
            assert_eq!(Clock::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn moments_take_the_offset_in_force_at_the_time() {
        let clock = berlin();
        let winter = datetime!(2027-03-27 12:00 UTC);
        let summer = datetime!(2027-04-02 12:00 UTC);
        assert_eq!(clock.local(winter).hour(), 13);
        assert_eq!(clock.local(summer).hour(), 14);
        assert_eq!(offset_label(clock.offset_at(summer)), "UTC+2");
        assert_eq!(offset_label(UtcOffset::UTC), "UTC");
        let india = UtcOffset::from_hms(5, 30, 0).unwrap();
        assert_eq!(offset_label(india), "UTC+5:30");
        let chicago = UtcOffset::from_hms(-6, 0, 0).unwrap();
        assert_eq!(offset_label(chicago), "UTC−6");
    }

    #[test]
    fn wall_clock_times_are_read_in_the_zone() {
        let clock = berlin();
        let wall = |at: OffsetDateTime| PrimitiveDateTime::new(at.date(), at.time());
        assert_eq!(
            clock.from_local(wall(datetime!(2027-04-02 14:00 UTC))),
            datetime!(2027-04-02 12:00 UTC)
        );
        assert_eq!(
            clock.from_local(wall(datetime!(2027-03-27 14:00 UTC))),
            datetime!(2027-03-27 13:00 UTC)
        );
        assert_eq!(
            Clock::utc().from_local(wall(datetime!(2027-03-28 14:00 UTC))),
            datetime!(2027-03-28 14:00 UTC)
        );
    }

    #[test]
    fn cookies_are_found_by_name() {
        let header = "session=abc; hw_clock=UTC|1|0; other=x";
        assert_eq!(find_cookie(header, COOKIE).as_deref(), Some("UTC|1|0"));
        assert_eq!(find_cookie(header, "missing"), None);
    }
}
