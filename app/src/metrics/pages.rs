//! The dashboard's activity section: figures, daily charts, two funnels
//! and the numbers day by day, for 7, 30 or 90 days.

use super::{DayFigures, FunnelStep, Metrics, PERIODS, Totals, columns, percent};
use crate::money::{Currency, Money};
use crate::ui::chart::{Bar, BarChart};
use crate::ui::{DataTable, Figure, Figures, format_date, format_time};
use leptos::prelude::*;

const DAILY_TABLE: &str = "Day by day";

/// The daily table's headings: the day, then `COLUMNS`' (a test keeps them
/// the same).
const DAY_HEADERS: [&str; 14] = [
    "Day",
    "New job seekers",
    "New employers",
    "New companies",
    "Active people",
    "Vacancies posted",
    "Vacancies open",
    "Applications",
    "Swipes",
    "Likes",
    "Introductions sent",
    "Introductions accepted",
    "Messages",
    "Revenue (NGN)",
];

#[component]
pub fn Activity(metrics: Metrics) -> impl IntoView {
    let totals = Totals::of(&metrics.rows);
    let days = metrics.days;
    let money = |kobo| Money::new(kobo, Currency::Ngn).format();
    let mut figures = vec![
        Figure {
            label: "New accounts",
            value: totals.sign_ups.to_string(),
            note: None,
        },
        Figure {
            label: "Applications",
            value: totals.applications.to_string(),
            note: None,
        },
        Figure {
            label: "Like rate",
            value: percent(totals.likes, totals.swipes),
            note: Some(format!(
                "{} likes of {} swipes",
                totals.likes, totals.swipes
            )),
        },
        Figure {
            label: "Introductions accepted",
            value: percent(totals.introductions_accepted, totals.introductions_sent),
            note: Some(format!(
                "{} accepted, {} sent",
                totals.introductions_accepted, totals.introductions_sent
            )),
        },
        Figure {
            label: "Open vacancies",
            value: totals.vacancies_open.to_string(),
            note: Some("Today".into()),
        },
    ];
    if metrics.with_revenue {
        figures.push(Figure {
            label: "Revenue",
            value: money(totals.revenue),
            note: Some("Paid less refunds".into()),
        });
    }
    let chart = |title: &'static str, value: fn(&DayFigures) -> i64, show: fn(i64) -> String| {
        let bars = metrics
            .rows
            .iter()
            .map(|day| Bar {
                label: short_day(day.day),
                value: value(day),
                shown: show(value(day)),
            })
            .collect();
        view! {
            <BarChart
                title=title.to_string()
                headers=("Day", title)
                bars
                empty="Nothing in this period."
                numbers_in=DAILY_TABLE
            />
        }
    };
    let plain = |n: i64| n.to_string();
    let charts = view! {
        {chart("New accounts", |d| d.new_candidates + d.new_employers, plain)}
        {chart("Active people", |d| d.active_users, plain)}
        {chart("Applications", |d| d.applications, plain)}
        {chart("Swipes", |d| d.swipes, plain)}
        {chart("Introductions sent", |d| d.introductions_sent, plain)}
        {chart("Messages", |d| d.messages, plain)}
        {chart("Vacancies posted", |d| d.vacancies_posted, plain)}
        {metrics.with_revenue.then(|| chart("Revenue", |d| d.revenue, |kobo| Money::new(kobo, Currency::Ngn).format()))}
    };
    view! {
        <section aria-labelledby="activity-heading" class="mt-8">
            <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                <h2 id="activity-heading" class="text-lg font-semibold">{format!("The last {days} days")}</h2>
                <nav aria-label="Period" class="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
                    {PERIODS.into_iter().map(|period| {
                        let current = period == days;
                        view! {
                            <a
                                href=format!("/admin?days={period}")
                                aria-current=current.then_some("page")
                                class=if current {
                                    "bg-indigo-700 px-3 py-1.5 font-medium text-white"
                                } else {
                                    "bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
                                }
                            >
                                {format!("{period} days")}
                            </a>
                        }
                    }).collect_view()}
                </nav>
            </div>
            <p class="-mt-2 mb-4 text-sm text-slate-600">
                {match metrics.counted_at {
                    Some(at) => format!("Counted every hour, last at {}.", format_time(at)),
                    None => "Counted every hour; today's figures are not counted yet.".to_string(),
                }}
            </p>
            <Figures figures label="Totals for the period" columns="grid-cols-2 sm:grid-cols-3 lg:grid-cols-6"/>
            <div class="mt-6 grid gap-4 md:grid-cols-2">{charts}</div>
            <div class="mt-6 grid gap-4 md:grid-cols-2">
                <Funnel title="Job seekers" steps=metrics.job_seekers/>
                <Funnel title="Hiring" steps=metrics.hiring/>
            </div>
            <details class="mt-6 rounded-xl border border-slate-200 bg-white p-4">
                <summary class="cursor-pointer font-semibold text-slate-900">{DAILY_TABLE}</summary>
                <p class="mt-3 text-sm">
                    <a class="font-medium text-indigo-700 underline" href=format!("/admin/metrics.csv?days={days}") download>
                        "Download as CSV"
                    </a>
                </p>
                <DailyTable rows=metrics.rows with_revenue=metrics.with_revenue/>
            </details>
        </section>
    }
}

/// "3 Nov": a day on a chart's axis.
fn short_day(day: time::Date) -> String {
    let full = format_date(day);
    full.rsplit_once(' ')
        .map_or(full.clone(), |(day_month, _)| day_month.to_string())
}

#[component]
fn DailyTable(rows: Vec<DayFigures>, with_revenue: bool) -> impl IntoView {
    // Revenue is the last column.
    let headers = if with_revenue {
        &DAY_HEADERS[..]
    } else {
        &DAY_HEADERS[..DAY_HEADERS.len() - 1]
    };
    view! {
        <div class="mt-3">
            <DataTable headers>
                {rows
                    .into_iter()
                    .rev()
                    .map(|row| view! {
                        <tr>
                            <th scope="row" class="whitespace-nowrap px-4 py-2 font-normal">{format_date(row.day)}</th>
                            {columns(with_revenue)
                                .map(|column| {
                                    let value = (column.value)(&row);
                                    let shown = if column.money {
                                        Money::new(value, Currency::Ngn).format()
                                    } else {
                                        value.to_string()
                                    };
                                    view! { <td class="px-4 py-2 text-right tabular-nums">{shown}</td> }
                                })
                                .collect_view()}
                        </tr>
                    })
                    .collect_view()}
            </DataTable>
        </div>
    }
}

/// A funnel: each step's count as a bar against the first step, with the
/// share of the step before.
#[component]
fn Funnel(title: &'static str, steps: Vec<FunnelStep>) -> impl IntoView {
    let first = steps.first().map_or(0, |s| s.count);
    let mut before: Option<i64> = None;
    let items = steps
        .into_iter()
        .map(|step| {
            let width = if first > 0 { (step.count * 100 / first).clamp(0, 100) } else { 0 };
            let share = before.map(|b| format!("{} of the step before", percent(step.count, b)));
            before = Some(step.count);
            view! {
                <li>
                    <div class="flex items-baseline justify-between gap-3 text-sm">
                        <span class="text-slate-800">{step.label}</span>
                        <span class="font-semibold tabular-nums text-slate-900">{step.count}</span>
                    </div>
                    <div class="mt-1 h-2 rounded-full bg-slate-100" aria-hidden="true">
                        <div class="h-2 rounded-full bg-indigo-600" style=format!("width: {width}%")></div>
                    </div>
                    {share.map(|share| view! { <p class="mt-1 text-xs text-slate-600">{share}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="rounded-xl border border-slate-200 bg-white p-4">
            <figcaption class="font-semibold text-slate-900">{title}</figcaption>
            <ol class="mt-3 space-y-3">{items}</ol>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::COLUMNS;

    #[test]
    fn an_axis_label_is_the_day_and_month() {
        assert_eq!(short_day(time::macros::date!(2026 - 11 - 03)), "3 Nov");
        let headings: Vec<_> = COLUMNS.iter().map(|c| c.heading).collect();
        assert_eq!(DAY_HEADERS[1..], headings[..]);
        assert!(COLUMNS.last().is_some_and(|c| c.money));
        assert_eq!(COLUMNS.len() - 1, columns(false).count());
    }
}
