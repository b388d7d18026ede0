//! The deck's pure rules: what a swipe means, how it is ordered and
//! filtered, how long it can be undone, the daily super-like allowance, and
//! the caps and retries of auto-apply.

use super::DeckFilters;
use crate::error::{AppError, Validator};
use crate::profiles::rules::{CURRENCIES, EMPLOYMENT_TYPES};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Which way a card went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Left: not interested.
    Pass,
    /// Right: saved, and queued for auto-apply when that is on.
    Like,
    /// Up: a like the employer sees highlighted.
    SuperLike,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Pass, Direction::Like, Direction::SuperLike];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Pass => "left",
            Direction::Like => "right",
            Direction::SuperLike => "super",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == value)
    }

    /// Likes and super-likes save the vacancy.
    pub fn is_like(self) -> bool {
        self != Direction::Pass
    }
}

/// Deck order: best match first, then the newest, then by id so the order
/// never wavers. `key` gives (score, published, id) of an item.
pub fn rank<T, D: Ord>(items: &mut [T], key: impl Fn(&T) -> (u8, D, Uuid)) {
    items.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
    });
}

/// Longer on one card is counted as this much (the tab was left open).
pub const MAX_TIME_ON_CARD_MS: i64 = 30 * 60 * 1000;

/// Ways of working a deck can be narrowed to.
pub const DECK_REMOTE_OPTIONS: [(&str, &str); 3] = [
    ("on_site", "On site"),
    ("hybrid", "Hybrid"),
    ("remote", "Remote"),
];

/// At most this many places in the location filter.
const MAX_LOCATIONS: usize = 5;

/// Reads the filter form: chosen chips, places separated by commas, and a
/// minimum yearly salary with its currency.
pub fn read_filters(
    remote_options: &[String],
    employment_types: &[String],
    locations: &str,
    min_salary: &str,
    currency: &str,
) -> Result<DeckFilters, AppError> {
    let mut v = Validator::new();
    let known =
        |list: &[String], allowed: &[&str]| list.iter().all(|x| allowed.contains(&x.as_str()));
    if !known(remote_options, &DECK_REMOTE_OPTIONS.map(|(k, _)| k)) {
        v.add("remote_options", "Choose on site, hybrid or remote.");
    }
    if !known(employment_types, &EMPLOYMENT_TYPES.map(|(k, _)| k)) {
        v.add("employment_types", "Choose from the listed kinds of work.");
    }
    let places: Vec<String> = locations
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if places.len() > MAX_LOCATIONS {
        v.add("locations", format!("Give at most {MAX_LOCATIONS} places."));
    } else if places.iter().any(|p| p.chars().count() > 80) {
        v.add("locations", "Keep each place under 80 characters.");
    }
    let min_salary = min_salary.trim().replace([',', ' '], "");
    let min_salary_yearly = if min_salary.is_empty() {
        None
    } else {
        match min_salary.parse::<i64>() {
            Ok(n) if (1..=1_000_000_000_000).contains(&n) => Some(n),
            _ => {
                v.add(
                    "min_salary",
                    "Enter the lowest yearly pay as a whole number.",
                );
                None
            }
        }
    };
    let currency = currency.trim().to_uppercase();
    if min_salary_yearly.is_some() && !CURRENCIES.contains(&currency.as_str()) {
        v.add("currency", "Choose the currency of that pay.");
    }
    v.finish()?;
    let dedup = |list: &[String]| {
        let mut list = list.to_vec();
        list.sort();
        list.dedup();
        list
    };
    Ok(DeckFilters {
        remote_options: dedup(remote_options),
        employment_types: dedup(employment_types),
        locations: places,
        min_salary_currency: min_salary_yearly.map(|_| currency),
        min_salary_yearly,
    })
}

/// How long the last swipe can be taken back.
pub const UNDO_WINDOW: Duration = Duration::seconds(10);

/// Whether a swipe made at `swiped_at` can still be undone at `now`.
pub fn can_undo(swiped_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now >= swiped_at && now - swiped_at <= UNDO_WINDOW
}

/// The share of swipes that were likes (super-likes included), in percent;
/// `None` before the first swipe.
pub fn like_rate(likes: i64, swipes: i64) -> Option<u8> {
    (swipes > 0).then(|| ((likes.clamp(0, swipes) * 100 + swipes / 2) / swipes) as u8)
}

/// Super-likes left today under a plan allowing `per_day`.
pub fn super_likes_left(per_day: u32, used_today: u32) -> u32 {
    per_day.saturating_sub(used_today)
}

/// What a plan without a limit allows a day (the database's largest
/// integer stands for it).
pub const NO_DAILY_LIMIT: u32 = i32::MAX as u32;

/// The deck's line about super-likes: how many are left of the day's, or
/// that the plan sets no limit.
pub fn super_likes_line(per_day: u32, left: u32) -> String {
    if per_day >= NO_DAILY_LIMIT {
        "Unlimited super-likes".into()
    } else {
        format!("{left} of {per_day} super-likes left today")
    }
}

/// A candidate's auto-apply choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoApply {
    pub enabled: bool,
    /// Only cards scoring at least this are queued.
    pub min_score: u8,
    pub max_per_day: u32,
    pub max_per_company_per_week: u32,
    /// The résumé to send; their primary one when `None`.
    pub resume_id: Option<Uuid>,
}

impl Default for AutoApply {
    fn default() -> Self {
        Self {
            enabled: false,
            min_score: 70,
            max_per_day: 5,
            max_per_company_per_week: 2,
            resume_id: None,
        }
    }
}

/// Reads the auto-apply form; `resumes` are the candidate's own, and
/// `daily_cap` the most a day their plan allows.
pub fn read_auto_apply(
    enabled: bool,
    min_score: &str,
    max_per_day: &str,
    max_per_company_per_week: &str,
    resume_id: &str,
    resumes: &[Uuid],
    daily_cap: u32,
) -> Result<AutoApply, AppError> {
    let mut v = Validator::new();
    let mut number = |field: &str, text: &str, range: std::ops::RangeInclusive<u32>| {
        let read = text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| range.contains(n));
        if read.is_none() {
            v.add(
                field,
                format!(
                    "Enter a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            );
        }
        read.unwrap_or(*range.start())
    };
    let min_score = number("min_score", min_score, 0..=100) as u8;
    let max_per_day = number("max_per_day", max_per_day, 1..=daily_cap.max(1));
    let max_per_company_per_week =
        number("max_per_company_per_week", max_per_company_per_week, 1..=20);
    let resume_id = match resume_id.trim() {
        "" => None,
        id => match id.parse::<Uuid>() {
            Ok(id) if resumes.contains(&id) => Some(id),
            _ => {
                v.add("resume_id", "Choose one of your résumés.");
                None
            }
        },
    };
    if enabled && resumes.is_empty() {
        v.add(
            "enabled",
            "Upload a résumé on your profile first: auto-apply sends it.",
        );
    }
    v.finish()?;
    Ok(AutoApply {
        enabled,
        min_score,
        max_per_day,
        max_per_company_per_week,
        resume_id,
    })
}

/// The most auto-applications a day anyone may set, whatever the plan
/// (a plan without a daily limit allows this many).
pub const AUTO_APPLIES_MOST: u32 = 100;

/// How long a queued application waits, so the candidate can change
/// their mind.
pub const QUEUE_DELAY: Duration = Duration::minutes(15);

/// Whether a like on a card scoring `score` goes into the queue.
pub fn queues_application(settings: &AutoApply, score: u8) -> bool {
    settings.enabled && score >= settings.min_score
}

/// Auto-applications already sent, counted when the next one is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sent {
    /// In the last 24 hours.
    pub today: u32,
    /// To the same company in the last 7 days.
    pub company_this_week: u32,
}

/// What the worker does with a due entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapCheck {
    Send,
    DailyCapReached,
    CompanyCapReached,
}

impl CapCheck {
    /// Why the entry ends unsent, in words for the candidate.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            CapCheck::Send => None,
            CapCheck::DailyCapReached => Some("Your daily auto-apply limit was reached."),
            CapCheck::CompanyCapReached => {
                Some("Your weekly auto-apply limit for this company was reached.")
            }
        }
    }
}

/// Whether one more auto-application fits the caps.
pub fn check_caps(settings: &AutoApply, sent: Sent) -> CapCheck {
    if sent.today >= settings.max_per_day {
        CapCheck::DailyCapReached
    } else if sent.company_this_week >= settings.max_per_company_per_week {
        CapCheck::CompanyCapReached
    } else {
        CapCheck::Send
    }
}

/// Tries a queued application gets before it fails for good.
pub const MAX_ATTEMPTS: u32 = 3;

/// The wait before retry number `attempt` (1 after the first failure), or
/// `None` when the attempts are used up: 1, then 4 minutes.
pub fn retry_delay(attempt: u32) -> Option<Duration> {
    (attempt < MAX_ATTEMPTS).then(|| Duration::minutes(4_i64.pow(attempt - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn directions_round_trip_and_likes_save() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
        }
        assert_eq!(Direction::parse("down"), None);
        assert!(!Direction::Pass.is_like());
        assert!(Direction::Like.is_like() && Direction::SuperLike.is_like());
    }

    #[test]
    fn the_deck_puts_the_best_match_first_then_the_newest() {
        let old = datetime!(2026-11-01 10:00:00 UTC);
        let new = datetime!(2026-11-20 10:00:00 UTC);
        let id = |n: u128| Uuid::from_u128(n);
        let mut cards = vec![
            (40, new, id(1)),
            (90, old, id(2)),
            (90, new, id(3)),
            (90, new, id(4)),
        ];
        rank(&mut cards, |c| *c);
        let order: Vec<u128> = cards.iter().map(|c| c.2.as_u128()).collect();
        assert_eq!(order, vec![4, 3, 2, 1]);
    }

    #[test]
    fn filters_are_read_checked_and_tidied() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let f = read_filters(
            &s(&["remote", "hybrid", "remote"]),
            &s(&["full_time"]),
            " Lagos, , Nairobi ",
            "1,200,000",
            "ngn",
        )
        .unwrap();
        assert_eq!(f.remote_options, s(&["hybrid", "remote"]));
        assert_eq!(f.locations, s(&["Lagos", "Nairobi"]));
        assert_eq!(f.min_salary_yearly, Some(1_200_000));
        assert_eq!(f.min_salary_currency.as_deref(), Some("NGN"));
        let none = read_filters(&[], &[], "", "", "").unwrap();
        assert_eq!(none, DeckFilters::default());

        let AppError::Validation(errors) =
            read_filters(&s(&["moon"]), &s(&["gig"]), "a,b,c,d,e,f", "lots", "").unwrap_err()
        else {
            panic!("a validation error");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "remote_options",
                "employment_types",
                "locations",
                "min_salary"
            ]
        );
        assert!(read_filters(&[], &[], "", "5000", "XXX").is_err());
    }

    #[test]
    fn undo_lasts_ten_seconds() {
        let at = datetime!(2026-11-23 10:00:00 UTC);
        assert!(can_undo(at, at));
        assert!(can_undo(at, at + Duration::seconds(10)));
        assert!(!can_undo(at, at + Duration::milliseconds(10_001)));
        // A clock that went backwards never opens the window.
        assert!(!can_undo(at, at - Duration::seconds(1)));
    }

    #[test]
    fn like_rates_round_to_whole_percents() {
        assert_eq!(like_rate(0, 0), None);
        assert_eq!(like_rate(1, 3), Some(33));
        assert_eq!(like_rate(2, 3), Some(67));
        assert_eq!(like_rate(5, 5), Some(100));
        assert_eq!(like_rate(9, 5), Some(100));
    }

    #[test]
    fn super_likes_run_out_at_the_plan_limit() {
        assert_eq!(super_likes_left(3, 0), 3);
        assert_eq!(super_likes_left(3, 2), 1);
        assert_eq!(super_likes_left(3, 3), 0);
        assert_eq!(super_likes_left(3, 7), 0);
        assert_eq!(super_likes_left(10, 3), 7);
        assert_eq!(super_likes_line(10, 7), "7 of 10 super-likes left today");
        assert_eq!(
            super_likes_line(NO_DAILY_LIMIT, NO_DAILY_LIMIT - 2),
            "Unlimited super-likes"
        );
    }

    #[test]
    fn only_enabled_auto_apply_above_the_minimum_queues() {
        let mut s = AutoApply::default();
        assert!(!queues_application(&s, 100));
        s.enabled = true;
        assert!(queues_application(&s, 70));
        assert!(!queues_application(&s, 69));
    }

    #[test]
    fn caps_check_the_day_before_the_company() {
        let s = AutoApply::default();
        let sent = |today, company_this_week| Sent {
            today,
            company_this_week,
        };
        assert_eq!(check_caps(&s, sent(0, 0)), CapCheck::Send);
        assert_eq!(check_caps(&s, sent(4, 1)), CapCheck::Send);
        assert_eq!(check_caps(&s, sent(5, 0)), CapCheck::DailyCapReached);
        assert_eq!(check_caps(&s, sent(1, 2)), CapCheck::CompanyCapReached);
        assert_eq!(check_caps(&s, sent(5, 2)), CapCheck::DailyCapReached);
        assert!(CapCheck::Send.reason().is_none());
        assert!(CapCheck::CompanyCapReached.reason().is_some());
    }

    #[test]
    fn auto_apply_settings_are_checked() {
        let mine = Uuid::from_u128(7);
        let read = read_auto_apply(true, "80", "5", "2", &mine.to_string(), &[mine], 10).unwrap();
        assert_eq!(read.min_score, 80);
        assert_eq!(read.resume_id, Some(mine));
        let AppError::Validation(errors) = read_auto_apply(
            true,
            "101",
            "0",
            "x",
            &Uuid::from_u128(8).to_string(),
            &[],
            10,
        )
        .unwrap_err() else {
            panic!("a validation error");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "min_score",
                "max_per_day",
                "max_per_company_per_week",
                "resume_id",
                "enabled"
            ]
        );
        // Off needs no résumé.
        assert!(read_auto_apply(false, "70", "5", "2", "", &[], 10).is_ok());
    }

    #[test]
    fn the_daily_auto_apply_cap_follows_the_plan() {
        let at = |per_day: &str, cap| read_auto_apply(false, "70", per_day, "2", "", &[], cap);
        assert_eq!(at("10", 10).unwrap().max_per_day, 10);
        assert!(at("11", 10).is_err());
        assert_eq!(at("50", 50).unwrap().max_per_day, 50);
        assert!(at("51", 50).is_err());
    }

    #[test]
    fn retries_back_off_then_stop() {
        assert_eq!(retry_delay(1), Some(Duration::minutes(1)));
        assert_eq!(retry_delay(2), Some(Duration::minutes(4)));
        assert_eq!(retry_delay(3), None);
    }
}
