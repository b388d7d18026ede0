//! The platform's daily figures (seed 001 platform_metrics) for the admin
//! dashboard: a worker fills one row per UTC day; `/admin` charts them for
//! 7, 30 or 90 days with two funnels, and exports them as CSV.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod serve;

use serde::{Deserialize, Serialize};
use time::Date;

/// The periods the dashboard offers, in days; the first visit shows 30.
pub const PERIODS: [i64; 3] = [7, 30, 90];
const DEFAULT_PERIOD: i64 = 30;

/// A period the dashboard offers, from the address's `days`.
pub fn period(days: Option<i64>) -> i64 {
    days.filter(|d| PERIODS.contains(d))
        .unwrap_or(DEFAULT_PERIOD)
}

/// One UTC day's figures. Counts are of things that happened that day,
/// except `vacancies_open` (open at the day's end); revenue is paid
/// invoices less refunds, in kobo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    pub day: Date,
    pub new_candidates: i64,
    pub new_employers: i64,
    pub new_companies: i64,
    pub active_users: i64,
    pub vacancies_posted: i64,
    pub vacancies_open: i64,
    pub applications: i64,
    pub swipes: i64,
    pub likes: i64,
    pub introductions_sent: i64,
    pub introductions_accepted: i64,
    pub messages: i64,
    pub revenue: i64,
}

/// One step of a funnel and how many reached it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub label: String,
    pub count: i64,
}

/// What the dashboard shows for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metrics {
    pub days: i64,
    /// Oldest first, one per day of the period (today's so far last).
    pub rows: Vec<DayFigures>,
    /// Viewed a vacancy → created an account → built a profile → applied.
    pub job_seekers: Vec<FunnelStep>,
    /// Vacancies published → with an application → with a hire.
    pub hiring: Vec<FunnelStep>,
    /// The viewer's role reads billing: revenue is shown.
    pub with_revenue: bool,
    /// When today's figures were last counted.
    pub counted_at: Option<time::OffsetDateTime>,
}

/// A column of the daily figures: its heading and its value.
pub struct Column {
    pub heading: &'static str,
    pub value: fn(&DayFigures) -> i64,
    pub money: bool,
}

/// The daily figures' columns, in the table's and the CSV's order.
pub const COLUMNS: [Column; 13] = [
    Column {
        heading: "New job seekers",
        value: |d| d.new_candidates,
        money: false,
    },
    Column {
        heading: "New employers",
        value: |d| d.new_employers,
        money: false,
    },
    Column {
        heading: "New companies",
        value: |d| d.new_companies,
        money: false,
    },
    Column {
        heading: "Active people",
        value: |d| d.active_users,
        money: false,
    },
    Column {
        heading: "Vacancies posted",
        value: |d| d.vacancies_posted,
        money: false,
    },
    Column {
        heading: "Vacancies open",
        value: |d| d.vacancies_open,
        money: false,
    },
    Column {
        heading: "Applications",
        value: |d| d.applications,
        money: false,
    },
    Column {
        heading: "Swipes",
        value: |d| d.swipes,
        money: false,
    },
    Column {
        heading: "Likes",
        value: |d| d.likes,
        money: false,
    },
    Column {
        heading: "Introductions sent",
        value: |d| d.introductions_sent,
        money: false,
    },
    Column {
        heading: "Introductions accepted",
        value: |d| d.introductions_accepted,
        money: false,
    },
    Column {
        heading: "Messages",
        value: |d| d.messages,
        money: false,
    },
    Column {
        heading: "Revenue (NGN)",
        value: |d| d.revenue,
        money: true,
    },
];

/// The columns a viewer sees: revenue only for those who read billing.
pub fn columns(with_revenue: bool) -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter().filter(move |c| with_revenue || !c.money)
}

/// A period's totals, for the figures above the charts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub sign_ups: i64,
    pub applications: i64,
    pub swipes: i64,
    pub likes: i64,
    pub introductions_sent: i64,
    pub introductions_accepted: i64,
    pub revenue: i64,
    /// The last day's count of open vacancies (a level, not a sum).
    pub vacancies_open: i64,
}

impl Totals {
    pub fn of(rows: &[DayFigures]) -> Self {
        let mut t = rows.iter().fold(Self::default(), |t, d| Self {
            sign_ups: t.sign_ups + d.new_candidates + d.new_employers,
            applications: t.applications + d.applications,
            swipes: t.swipes + d.swipes,
            likes: t.likes + d.likes,
            introductions_sent: t.introductions_sent + d.introductions_sent,
            introductions_accepted: t.introductions_accepted + d.introductions_accepted,
            revenue: t.revenue + d.revenue,
            vacancies_open: 0,
        });
        t.vacancies_open = rows.last().map_or(0, |d| d.vacancies_open);
        t
    }
}

/// `part` of `whole` as a percentage with one decimal, rounded half up
/// ("42.9%"); a dash when there is no whole.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "—".into();
    }
    let tenths = (i128::from(part) * 2000 + i128::from(whole)) / (i128::from(whole) * 2);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// Naira from kobo with two decimals, as the CSV carries money.
fn naira(kobo: i64) -> String {
    let sign = if kobo < 0 { "-" } else { "" };
    let kobo = kobo.unsigned_abs();
    format!("{sign}{}.{:02}", kobo / 100, kobo % 100)
}

/// The daily figures as CSV: a heading line, then one line per day.
pub fn to_csv(rows: &[DayFigures], with_revenue: bool) -> String {
    let mut out = String::from("Date");
    for column in columns(with_revenue) {
        out.push(',');
        out.push_str(column.heading);
    }
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.day.to_string());
        for column in columns(with_revenue) {
            let value = (column.value)(row);
            out.push(',');
            out.push_str(&if column.money {
                naira(value)
            } else {
                value.to_string()
            });
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn day(d: Date, f: impl FnOnce(&mut DayFigures)) -> DayFigures {
        let mut figures = DayFigures {
            day: d,
            new_candidates: 0,
            new_employers: 0,
            new_companies: 0,
            active_users: 0,
            vacancies_posted: 0,
            vacancies_open: 0,
            applications: 0,
            swipes: 0,
            likes: 0,
            introductions_sent: 0,
            introductions_accepted: 0,
            messages: 0,
            revenue: 0,
        };
        f(&mut figures);
        figures
    }

    #[test]
    fn a_period_is_one_the_dashboard_offers() {
        assert_eq!(period(Some(7)), 7);
        assert_eq!(period(Some(90)), 90);
        assert_eq!(period(Some(31)), 30);
        assert_eq!(period(None), 30);
    }

    #[test]
    fn totals_add_up_the_days_and_take_the_last_level() {
        let rows = [
            day(date!(2026 - 11 - 01), |d| {
                d.new_candidates = 3;
                d.new_employers = 1;
                d.swipes = 10;
                d.likes = 4;
                d.vacancies_open = 7;
                d.revenue = 15_000;
            }),
            day(date!(2026 - 11 - 02), |d| {
                d.new_candidates = 2;
                d.applications = 5;
                d.swipes = 4;
                d.likes = 3;
                d.vacancies_open = 9;
                d.revenue = -5_000;
            }),
        ];
        let t = Totals::of(&rows);
        assert_eq!(t.sign_ups, 6);
        assert_eq!(t.applications, 5);
        assert_eq!((t.swipes, t.likes), (14, 7));
        assert_eq!(t.vacancies_open, 9);
        assert_eq!(t.revenue, 10_000);
        assert_eq!(Totals::of(&[]), Totals::default());
    }

    #[test]
    fn percentages_round_half_up_and_need_a_whole() {
        assert_eq!(percent(7, 14), "50.0%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(1, 8), "12.5%");
        assert_eq!(percent(0, 5), "0.0%");
        assert_eq!(percent(3, 0), "—");
    }

    #[test]
    fn the_csv_has_a_line_per_day_and_revenue_only_for_billing() {
        let rows = [day(date!(2026 - 11 - 01), |d| {
            d.new_candidates = 3;
            d.revenue = 123_456;
        })];
        let csv = to_csv(&rows, true);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("Date,New job seekers,New employers,"));
        assert!(lines[0].ends_with(",Revenue (NGN)"));
        assert!(lines[1].starts_with("2026-11-01,3,0,"));
        assert!(lines[1].ends_with(",1234.56"));
        let without = to_csv(&rows, false);
        assert!(!without.contains("Revenue"));
        assert!(!without.contains("1234.56"));
        assert_eq!(naira(-5), "-0.05");
    }
}
