//! A bar chart drawn on the server as SVG: readable without JavaScript and
//! with no chart library in the browser. Its numbers are in a table under
//! it, for screen readers and for reading exact values.

use leptos::prelude::*;

/// One bar: its label on the axis, its value, and the value as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub shown: String,
}

/// The drawing's size for the bars, in its own units: however many bars,
/// they share the width, so text keeps its proportions.
const PLOT_HEIGHT: i64 = 120;
const PLOT_WIDTH: f64 = 480.0;
/// The share of each bar's slot the bar fills.
const BAR_FILL: f64 = 0.7;
/// At most this many labels on the axis; the others are skipped.
const MAX_LABELS: usize = 12;

/// Every how many bars the axis has a label.
fn label_every(bars: usize) -> usize {
    bars.div_ceil(MAX_LABELS).max(1)
}

/// Each value's bar height out of `full`, the largest value reaching it;
/// nothing below zero is drawn, and a value above zero shows at least a
/// sliver.
pub fn bar_heights(values: &[i64], full: i64) -> Vec<i64> {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| match v {
            _ if v <= 0 || max <= 0 => 0,
            // Rounded half up, in integers (values are money in kobo).
            _ => ((i128::from(v) * i128::from(full) * 2 + i128::from(max)) / (i128::from(max) * 2))
                .max(1) as i64,
        })
        .collect()
}

#[component]
pub fn BarChart(
    /// What the chart shows, also its caption.
    title: String,
    /// The table's heading for the labels and for the values.
    headers: (&'static str, &'static str),
    bars: Vec<Bar>,
    /// Said instead of a chart of nothing.
    empty: &'static str,
    /// The table elsewhere on the page that has the numbers, instead of
    /// one under the chart.
    #[prop(optional)]
    numbers_in: Option<&'static str>,
) -> impl IntoView {
    if bars.iter().all(|b| b.value <= 0) {
        return view! {
            <figure class="rounded-xl border border-slate-200 bg-white p-4">
                <figcaption class="font-semibold text-slate-900">{title}</figcaption>
                <p class="mt-2 text-sm text-slate-600">{empty}</p>
            </figure>
        }
        .into_any();
    }
    let values: Vec<i64> = bars.iter().map(|b| b.value).collect();
    let heights = bar_heights(&values, PLOT_HEIGHT);
    let pitch = PLOT_WIDTH / bars.len() as f64;
    let every = label_every(bars.len());
    let height = PLOT_HEIGHT + 20;
    let drawn = bars
        .iter()
        .zip(heights)
        .enumerate()
        .map(|(i, (bar, h))| {
            let x = i as f64 * pitch + pitch * (1.0 - BAR_FILL) / 2.0;
            view! {
                <g>
                    <title>{format!("{}: {}", bar.label, bar.shown)}</title>
                    <rect x=format!("{x:.2}") y=PLOT_HEIGHT - h width=format!("{:.2}", pitch * BAR_FILL) height=h rx="2" class="fill-indigo-600"/>
                </g>
            }
        })
        .collect_view();
    // The labels apart from the bars, so that a bar without one holds no
    // empty slot in the drawing.
    let labels = bars
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, bar)| {
            view! {
                <text x=format!("{:.2}", i as f64 * pitch + pitch / 2.0) y=height - 4 text-anchor="middle" class="fill-slate-600 text-[10px]">
                    {bar.label.clone()}
                </text>
            }
        })
        .collect_view();
    let described = match numbers_in {
        Some(table) => format!("{title}: the numbers are in the table “{table}” below"),
        None => format!("{title}: the numbers are in the table below"),
    };
    let caption = title.clone();
    let table = numbers_in.is_none().then(|| {
        view! {
            <table class="mt-3 w-full text-left text-sm">
                <caption class="sr-only">{caption}</caption>
                <thead class="text-slate-600">
                    <tr>
                        <th scope="col" class="py-1 font-medium">{headers.0}</th>
                        <th scope="col" class="py-1 text-right font-medium">{headers.1}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {bars
                        .into_iter()
                        .map(|bar| view! {
                            <tr>
                                <th scope="row" class="py-1 font-normal">{bar.label}</th>
                                <td class="py-1 text-right tabular-nums">{bar.shown}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <figure class="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
            <figcaption class="font-semibold text-slate-900">{title}</figcaption>
            <svg
                viewBox=format!("0 0 {PLOT_WIDTH} {height}")
                class="mt-3 h-40 w-full"
                preserveAspectRatio="none"
                role="img"
                aria-label=described
            >
                <line x1="0" y1=PLOT_HEIGHT x2=PLOT_WIDTH y2=PLOT_HEIGHT class="stroke-slate-300"/>
                {drawn}
                {labels}
            </svg>
            {table}
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_value_fills_the_height_and_the_rest_scale_to_it() {
        assert_eq!(bar_heights(&[0, 50, 100, 25], 120), [0, 60, 120, 30]);
        // Rounded half up; a small value still shows.
        assert_eq!(bar_heights(&[1, 3], 120), [40, 120]);
        assert_eq!(bar_heights(&[1, 1_000_000], 120), [1, 120]);
        // Money in kobo does not overflow.
        assert_eq!(bar_heights(&[i64::MAX / 2, i64::MAX], 120), [60, 120]);
        // Nothing to draw.
        assert_eq!(bar_heights(&[0, 0], 120), [0, 0]);
        assert_eq!(bar_heights(&[-5, 10], 120), [0, 120]);
        assert!(bar_heights(&[], 120).is_empty());
    }

    #[test]
    fn a_long_axis_is_labelled_at_intervals() {
        assert_eq!(label_every(7), 1);
        assert_eq!(label_every(12), 1);
        assert_eq!(label_every(30), 3);
        assert_eq!(label_every(90), 8);
        assert_eq!(label_every(0), 1);
    }
}
