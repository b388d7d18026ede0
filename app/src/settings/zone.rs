//! The viewer's time zone on the server: the clock cookie the pages read
//! (`ui::Clock`), written from the zone's rules, and the zone a browser
//! reports at sign-up matched to one the settings offer.

use super::rules::TIME_ZONES;
use crate::error::AppError;
use crate::ui::{CLOCK_COOKIE, Clock};
use jiff::tz::TimeZone;
use time::OffsetDateTime;
use uuid::Uuid;

const DAY: i64 = 24 * 60 * 60;
/// The clock covers this far back (older times are dated, not timed) …
const WINDOW_BEFORE: i64 = 400 * DAY;
/// … and ahead (interviews, listing ends).
const WINDOW_AFTER: i64 = 800 * DAY;
/// A clock this close to its end is written again.
const RENEW_BEFORE: i64 = 30 * DAY;
/// The cookie outlives any session.
const COOKIE_MAX_AGE: i64 = 400 * DAY;

/// The offsets of `zone` around `now` (UTC for a name the rules lack).
pub fn clock_of(zone: &str, now: OffsetDateTime) -> Clock {
    let Ok(tz) = TimeZone::get(zone) else {
        return Clock::utc();
    };
    let now = now.unix_timestamp();
    let (start, end) = (now - WINDOW_BEFORE, now + WINDOW_AFTER);
    let Ok(from) = jiff::Timestamp::from_second(start) else {
        return Clock::utc();
    };
    let changes = tz
        .following(from)
        .map(|change| (change.timestamp().as_second(), change.offset().seconds()))
        .take_while(|(at, _)| *at < end)
        .take(12)
        .collect();
    Clock::new(zone, end, tz.to_offset(from).seconds(), changes)
}

/// Whether the request's clock is missing, for another zone, or near its end.
pub fn needs_clock(zone: Option<&str>, now: OffsetDateTime) -> bool {
    let clock = crate::ui::viewer_clock();
    let missing = clock.zone == "UTC" && clock.until == i64::MAX;
    missing
        || zone.is_some_and(|z| z != clock.zone)
        || clock.until - now.unix_timestamp() < RENEW_BEFORE
}

/// Sends the clock of `user_id`'s time zone with this response.
pub async fn send_clock(db: impl sqlx::PgExecutor<'_>, user_id: Uuid) -> Result<(), AppError> {
    let zone = sqlx::query_scalar!(
        "select timezone from user_settings where user_id = $1",
        user_id
    )
    .fetch_optional(db)
    .await?
    .unwrap_or_else(|| "UTC".into());
    set_cookie(
        &clock_of(&zone, OffsetDateTime::now_utc()).to_cookie_value(),
        COOKIE_MAX_AGE,
    );
    Ok(())
}

/// Removes the clock (signing out): visitors see UTC.
pub fn clear_clock() {
    set_cookie("", 0);
}

fn set_cookie(value: &str, max_age: i64) {
    // Outside a page or a server function (the live stream ends a void
    // session too) there is no response to set it on, nor the site's state.
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let secure = crate::state::app_state().is_ok_and(|s| s.config.secure_cookies());
    let cookie = format!(
        "{CLOCK_COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    );
    if let Ok(header) = http::HeaderValue::from_str(&cookie) {
        response.append_header(http::header::SET_COOKIE, header);
    }
}

/// The zone the settings offer for what a browser reports: the same one, or
/// the first whose offsets agree through the year (so "Europe/Kiev" becomes
/// "Europe/Kyiv", not Cairo with its later summer time), else UTC.
pub fn listed_zone_for(reported: &str) -> &'static str {
    if let Some(zone) = TIME_ZONES.iter().find(|z| **z == reported) {
        return zone;
    }
    let Ok(tz) = TimeZone::get(reported) else {
        return "UTC";
    };
    // Twice a month through this year.
    let now = OffsetDateTime::now_utc();
    let new_year = time::Date::from_ordinal_date(now.year(), 1)
        .map_or(now, |day| day.midnight().assume_utc())
        .unix_timestamp();
    let samples: Vec<jiff::Timestamp> = (0..24)
        .filter_map(|n| jiff::Timestamp::from_second(new_year + n * 15 * DAY).ok())
        .collect();
    let offsets = |tz: &TimeZone| -> Vec<i32> {
        samples
            .iter()
            .map(|at| tz.to_offset(*at).seconds())
            .collect()
    };
    let wanted = offsets(&tz);
    TIME_ZONES
        .iter()
        .find(|zone| TimeZone::get(zone).is_ok_and(|listed| offsets(&listed) == wanted))
        .copied()
        .unwrap_or("UTC")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_clock_carries_the_changes_of_its_window() {
        let now = datetime!(2026-11-30 12:00 UTC);
        let berlin = clock_of("Europe/Berlin", now);
        assert_eq!(berlin.zone, "Europe/Berlin");
        assert_eq!(berlin.local(now).hour(), 13);
        assert_eq!(berlin.local(datetime!(2027-07-01 12:00 UTC)).hour(), 14);
        assert_eq!(berlin.local(datetime!(2026-07-01 12:00 UTC)).hour(), 14);
        assert_eq!(clock_of("Africa/Lagos", now).local(now).hour(), 13);
        assert_eq!(clock_of("Nowhere/Atlantis", now), Clock::utc());
        let parsed = Clock::parse(&berlin.to_cookie_value());
        assert_eq!(parsed, Some(berlin));
    }

    #[test]
    fn browsers_zones_map_to_listed_ones() {
        assert_eq!(listed_zone_for("Africa/Lagos"), "Africa/Lagos");
        assert_eq!(listed_zone_for("Europe/Kiev"), "Europe/Kyiv");
        assert_eq!(listed_zone_for("Asia/Calcutta"), "Asia/Kolkata");
        assert_eq!(listed_zone_for("Africa/Kinshasa"), "Africa/Lagos");
        assert_eq!(listed_zone_for("not a zone"), "UTC");
        assert_eq!(listed_zone_for(""), "UTC");
    }
}
