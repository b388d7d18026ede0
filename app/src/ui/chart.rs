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

/// The drawing's height for the bars, in its own units.
const PLOT_HEIGHT: i64 = 120;
const BAR_PITCH: i64 = 40;
const BAR_WIDTH: i64 = 28;

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
    let width = BAR_PITCH * bars.len() as i64;
    let height = PLOT_HEIGHT + 20;
    let drawn = bars
        .iter()
        .zip(heights)
        .enumerate()
        .map(|(i, (bar, h))| {
            let x = i as i64 * BAR_PITCH + (BAR_PITCH - BAR_WIDTH) / 2;
            view! {
                <g>
                    <title>{format!("{}: {}", bar.label, bar.shown)}</title>
                    <rect x=x y=PLOT_HEIGHT - h width=BAR_WIDTH height=h rx="3" class="fill-indigo-600"/>
                    <text x=x + BAR_WIDTH / 2 y=height - 4 text-anchor="middle" class="fill-slate-600 text-[10px]">
                        {bar.label.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
            <figcaption class="font-semibold text-slate-900">{title.clone()}</figcaption>
            <svg
                viewBox=format!("0 0 {width} {height}")
                class="mt-3 h-40 w-full"
                preserveAspectRatio="none"
                role="img"
                aria-label=format!("{title}: the numbers are in the table below")
            >
                <line x1="0" y1=PLOT_HEIGHT x2=width y2=PLOT_HEIGHT class="stroke-slate-300"/>
                {drawn}
            </svg>
            <table class="mt-3 w-full text-left text-sm">
                <caption class="sr-only">{title}</caption>
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
}
