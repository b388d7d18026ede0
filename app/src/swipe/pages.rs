//! `/swipe`: one card at a time with pass, like and super-like, undo, and
//! the filter chips. Every control is a form, so the deck works without
//! script; once the page is live a swipe takes the card away at once, the
//! next one is already here, and more are fetched before the deck runs out.

use super::api::{
    ChangeQueued, SaveAutoApply, SaveDeckFilters, Swipe, UndoSwipe, get_deck, get_queue,
};
use super::rules::AutoApply;
use super::rules::DECK_REMOTE_OPTIONS;
use super::{Card, Deck, DeckFilters, QueueEntry, SwipeStats};
use crate::board::pages::MatchCard;
use crate::profiles::rules::{CURRENCIES, EMPLOYMENT_TYPES};
use crate::ui::ActionForm;
use crate::ui::{
    ErrorNotice, FormError, PageVersion, SMALL_BUTTON, SelectField, Sheet, TextField,
    action_errors, choices, press_on_keys, reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Fetch more cards when fewer than this are left.
const REFILL_BELOW: usize = 2;
/// How far (px) a card must be dragged to count as a swipe.
const DRAG_THRESHOLD: f64 = 110.0;
/// How long a swiped card takes to fly off before the swipe is sent.
const FLY_OFF_MS: u64 = 180;

#[component]
pub fn SwipePage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let deck = Resource::new(move || version.get(), |_| get_deck(Vec::new()));
    // The swipe action outlives the deck it reloads, so a refusal stays on
    // screen after the deck has started afresh.
    let swipe = ServerAction::<Swipe>::new();
    let bump = PageVersion::bumper();
    Effect::new(move |_| {
        if matches!(swipe.value().get(), Some(Err(_))) {
            bump();
        }
    });
    view! {
        <Title text="Discover jobs"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match deck.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(deck) => view! { <DeckView deck=deck swipe=swipe/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// Milliseconds since 1970 on this side: when a card is put on top.
fn now_ms() -> i64 {
    #[cfg(feature = "ssr")]
    {
        (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
    }
    #[cfg(not(feature = "ssr"))]
    {
        js_sys::Date::now() as i64
    }
}

/// A refused swipe (the job closed, no super-likes left) reloads the deck
/// (see `SwipePage`); its message stays.
#[component]
fn DeckView(deck: Deck, swipe: ServerAction<Swipe>) -> impl IntoView {
    let cards = RwSignal::new(deck.cards);
    let undo = ServerAction::<UndoSwipe>::new();
    reload_on_success(undo.value());
    let (_, swipe_error) = action_errors(swipe.value());
    let (_, undo_error) = action_errors(undo.value());
    let refilling = RwSignal::new(false);
    // The server had nothing more the last time it was asked.
    let exhausted = RwSignal::new(false);
    // Swiped here: never shown again, even if a refill raced the swipe.
    let swiped = RwSignal::new(Vec::<String>::new());
    // Counts down with each super-like sent from this page.
    let super_left = RwSignal::new(deck.super_likes_left);

    // The card leaves as soon as it is swiped; the server answers later.
    Effect::new(move |_| {
        if let Some(input) = swipe.input().get() {
            cards.update(|c| c.retain(|card| card.vacancy_id.to_string() != input.vacancy_id));
            swiped.update(|s| s.push(input.vacancy_id.clone()));
            if input.direction == "super" {
                super_left.update(|n| *n = n.saturating_sub(1));
            }
        }
    });
    // Top up before the deck runs dry, leaving out the cards still here and
    // those swiped; once the server has no more, stop asking.
    Effect::new(move |_| {
        let held = cards.with(|c| c.len());
        if held >= REFILL_BELOW || refilling.get_untracked() || exhausted.get_untracked() {
            return;
        }
        refilling.set(true);
        let mut exclude: Vec<String> =
            cards.with_untracked(|c| c.iter().map(|card| card.vacancy_id.to_string()).collect());
        exclude.extend(swiped.get_untracked());
        leptos::task::spawn_local(async move {
            let fresh: Vec<Card> = match get_deck(exclude.clone()).await {
                Ok(more) => more
                    .cards
                    .into_iter()
                    .filter(|card| !exclude.contains(&card.vacancy_id.to_string()))
                    .collect(),
                Err(_) => Vec::new(),
            };
            if fresh.is_empty() {
                exhausted.set(true);
            } else {
                cards.update(|c| c.extend(fresh));
            }
            refilling.set(false);
        });
    });
    // Arrow keys and Backspace press the buttons they are printed on.
    press_on_keys(|key| match key {
        "ArrowLeft" => Some("swipe-left"),
        "ArrowRight" => Some("swipe-right"),
        "ArrowUp" => Some("swipe-super"),
        "Backspace" => Some("swipe-undo"),
        _ => None,
    });

    let per_day = deck.super_likes_per_day;
    view! {
        <div class="mx-auto max-w-xl">
            // Compact, so the card has the screen: settings open as sheets.
            // The buttons go under the title when their labels are long.
            <header class="mb-2 flex flex-wrap items-center justify-between gap-2">
                <h1 class="text-xl font-semibold tracking-tight text-slate-900 sm:text-3xl">"Discover jobs"</h1>
                <div class="flex flex-wrap gap-2">
                    <FiltersForm filters=deck.filters/>
                    <AutoApplyForm settings=deck.auto_apply resumes=deck.resumes queued=deck.queued
                        cap=deck.auto_apply_cap plus=deck.plus/>
                </div>
            </header>
            <p class="mb-3 flex flex-wrap gap-x-3 text-xs text-slate-700">
                <StatsLine stats=deck.stats/>
                <span>{move || super::rules::super_likes_line(per_day, super_left.get())}</span>
                {if deck.plus {
                    view! { <span class="font-semibold text-indigo-800">"Plus"</span> }.into_any()
                } else {
                    view! { <a class="font-medium text-indigo-700 underline" href="/plus">"More with Plus"</a> }.into_any()
                }}
            </p>
            {(!deck.has_profile).then(|| view! {
                <p class="mb-3 rounded-lg border border-indigo-200 bg-indigo-50 p-2 text-sm text-indigo-900">
                    "Fill in your "<a class="font-medium underline" href="/profile">"profile"</a>" so the cards can be ordered by how well you match."
                </p>
            })}
            // Read out when a swipe brings the next card.
            <p class="sr-only" aria-live="polite">
                {move || cards.with(|c| c.first().map(|card| format!(
                    "Next: {} at {}",
                    card.title,
                    card.company.as_deref().unwrap_or("a confidential company"),
                )))}
            </p>
            <FormError error=swipe_error/>
            <FormError error=undo_error/>
            {move || match cards.with(|c| c.first().cloned()) {
                Some(card) => view! { <CardView card=card swipe=swipe super_left=super_left/> }.into_any(),
                None => view! { <EmptyDeck/> }.into_any(),
            }}
            <ActionForm action=undo attr:class="mt-3 flex justify-center">
                <button id="swipe-undo" type="submit" class="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 underline hover:bg-indigo-50">
                    "Undo last swipe"
                </button>
            </ActionForm>
        </div>
    }
}

#[component]
fn StatsLine(stats: SwipeStats) -> impl IntoView {
    (stats.last_7_days > 0).then(|| {
        let rate = stats
            .like_rate
            .map(|r| format!(" · you liked {r}%"))
            .unwrap_or_default();
        view! {
            <span>
                {format!("{} today · {} this week{rate}", crate::ui::count(stats.today, "swipe", "swipes"), stats.last_7_days)}
            </span>
        }
    })
}

#[component]
fn CardView(card: Card, swipe: ServerAction<Swipe>, super_left: RwSignal<u32>) -> impl IntoView {
    let id = card.vacancy_id.to_string();
    let facts = [
        Some(card.place.clone()),
        Some(card.remote_option.clone()),
        Some(card.employment_type.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|f| !f.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let button = "flex flex-1 flex-col items-center gap-1 rounded-xl border px-3 py-3 text-sm font-semibold focus:outline-none focus:ring-2 focus:ring-indigo-600";
    let drag = Drag::new();
    view! {
        <article
            aria-labelledby="card-title"
            class="flex min-h-[calc(100dvh-15rem)] touch-pan-y select-none flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:min-h-0"
            style:transform=move || drag.transform()
            style:transition=move || drag.transition()
            on:pointerdown=move |ev| drag.start(&ev)
            on:pointermove=move |ev| drag.follow(&ev)
            on:pointerup=move |_| drag.release()
            on:pointercancel=move |_| drag.cancel()
        >
            <h2 id="card-title" class="text-xl font-semibold text-slate-900 break-words">
                <a class="hover:underline" href=crate::vacancies::vacancy_url(&card.slug)>{card.title.clone()}</a>
            </h2>
            <p class="mt-1 text-slate-700">{card.company.clone().unwrap_or_else(|| "Confidential company".into())}</p>
            <p class="mt-1 text-sm text-slate-700">{facts}</p>
            {card.salary.clone().map(|s| view! { <p class="mt-2 font-medium text-slate-900">{s}</p> })}
            <ul class="mt-3 flex flex-wrap gap-1.5 text-xs" aria-label="Skills">
                {card.skills.iter().map(|s| view! { <li class="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800">{s.clone()}</li> }).collect_view()}
            </ul>
            <p class="mt-3 text-sm text-slate-800">{card.summary.clone()}</p>
            <div class="mt-4"><MatchCard m=card.matching.clone() nested=true/></div>
            // The card fills a phone's screen, its buttons at the bottom; they
            // stay in reach (above the tabs) while a long card scrolls.
            <div class="min-h-4 flex-1"></div>
            <ActionForm action=swipe attr:class="sticky bottom-16 z-10 sm:bottom-0 -mx-5 flex gap-2 rounded-b-2xl bg-white/95 px-5 py-3">
                <input type="hidden" name="vacancy_id" value=id/>
                <input type="hidden" name="shown_at" value=now_ms().to_string()/>
                <button id="swipe-left" type="submit" name="direction" value="left" class=format!("{button} border-slate-300 bg-white text-slate-900 hover:bg-slate-50")>
                    <span>"Pass"</span><kbd class="text-xs font-normal text-slate-600" aria-hidden="true">"←"</kbd>
                </button>
                <button id="swipe-super" type="submit" name="direction" value="super" disabled=move || super_left.get() == 0 class=format!("{button} border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 disabled:opacity-60")>
                    <span>"Super-like"</span><kbd class="text-xs font-normal text-amber-900" aria-hidden="true">"↑"</kbd>
                </button>
                <button id="swipe-right" type="submit" name="direction" value="right" class=format!("{button} border-indigo-700 bg-indigo-700 text-white hover:bg-indigo-800")>
                    <span>"Like"</span><kbd class="text-xs font-normal text-indigo-100" aria-hidden="true">"→"</kbd>
                </button>
            </ActionForm>
            <p class="hidden text-center text-xs text-slate-600 sm:block">"Keys: ← pass, → like, ↑ super-like, Backspace undo"</p>
        </article>
    }
}

/// A card following the pointer: dragged far enough left, right or up it
/// flies off and presses the matching button; otherwise it springs back.
/// Controls inside the card keep their clicks, vertical touch still
/// scrolls the page, and with reduced motion the card does not fly.
#[derive(Clone, Copy)]
struct Drag {
    from: RwSignal<Option<(f64, f64)>>,
    offset: RwSignal<(f64, f64)>,
}

impl Drag {
    fn new() -> Self {
        Self {
            from: RwSignal::new(None),
            offset: RwSignal::new((0.0, 0.0)),
        }
    }

    fn transform(self) -> String {
        let (dx, dy) = self.offset.get();
        format!("translate({dx}px, {dy}px) rotate({}deg)", dx / 20.0)
    }

    fn transition(self) -> &'static str {
        if self.from.get().is_some() || reduced_motion() {
            "none"
        } else {
            "transform 180ms ease-out"
        }
    }

    fn start(self, ev: &leptos::ev::PointerEvent) {
        use wasm_bindgen::JsCast;
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| {
                el.closest("a, button, input, select, textarea, label, summary")
                    .ok()
            })
            .flatten()
            .is_some();
        if on_control || ev.button() != 0 {
            return;
        }
        if let Some(card) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = card.set_pointer_capture(ev.pointer_id());
        }
        self.from
            .set(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
    }

    fn follow(self, ev: &leptos::ev::PointerEvent) {
        if let Some((x, y)) = self.from.get_untracked() {
            self.offset
                .set((f64::from(ev.client_x()) - x, f64::from(ev.client_y()) - y));
        }
    }

    fn release(self) {
        if self.from.get_untracked().is_none() {
            return;
        }
        self.from.set(None);
        let (dx, dy) = self.offset.get_untracked();
        let button = if dx > DRAG_THRESHOLD {
            "swipe-right"
        } else if dx < -DRAG_THRESHOLD {
            "swipe-left"
        } else if dy < -DRAG_THRESHOLD && dx.abs() < DRAG_THRESHOLD {
            "swipe-super"
        } else {
            return self.cancel();
        };
        let Some(button) = document()
            .get_element_by_id(button)
            .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlButtonElement>(b).ok())
            .filter(|b| !b.disabled())
        else {
            return self.cancel();
        };
        if reduced_motion() {
            button.click();
            return;
        }
        // Off the screen in the direction it was going, then the swipe.
        let (fx, fy) = if dy < -DRAG_THRESHOLD && dx.abs() < DRAG_THRESHOLD {
            (dx, -1500.0)
        } else {
            (dx.signum() * 1500.0, dy)
        };
        self.offset.set((fx, fy));
        set_timeout(
            move || button.click(),
            std::time::Duration::from_millis(FLY_OFF_MS),
        );
    }

    fn cancel(self) {
        self.from.set(None);
        self.offset.set((0.0, 0.0));
    }
}

/// The reader asked their system for less motion.
fn reduced_motion() -> bool {
    #[cfg(feature = "ssr")]
    {
        false
    }
    #[cfg(not(feature = "ssr"))]
    {
        window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }
}

#[component]
fn EmptyDeck() -> impl IntoView {
    view! {
        <section class="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-800">
            <h2 class="text-lg font-semibold text-slate-900">"You have seen every job that fits your filters"</h2>
            <p class="mt-2">"Widen the filters above, look through your "<a class="font-medium text-indigo-700 underline" href="/saved">"saved jobs"</a>", or come back later: new jobs arrive every day."</p>
        </section>
    }
}

#[component]
fn AutoApplyForm(
    settings: AutoApply,
    resumes: Vec<crate::applications::ResumeChoice>,
    queued: i64,
    /// The most a day the plan allows.
    cap: u32,
    plus: bool,
) -> impl IntoView {
    let save = ServerAction::<SaveAutoApply>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let resume_choices: Vec<(String, String)> = resumes
        .iter()
        .map(|r| (r.id.to_string(), r.file_name.clone()))
        .collect();
    let summary = if settings.enabled {
        format!("Auto-apply: on, from {}% match", settings.min_score)
    } else {
        "Auto-apply: off".to_string()
    };
    view! {
        <button type="button" popovertarget="deck-auto-apply" class=SMALL_BUTTON>{summary}</button>
        <Sheet id="deck-auto-apply" title="Auto-apply">
            <p class="text-sm text-slate-700">
                "When it is on, liking a card that matches well enough queues an application with your résumé. It waits 15 minutes, so you can cancel it, and it is sent only within your limits."
            </p>
            <p class="mt-1 text-sm">
                <a class="font-medium text-indigo-700 underline" href="/swipe/queue">{format!("Your queue ({queued} waiting)")}</a>
            </p>
            <ActionForm action=save attr:class="mt-3 space-y-3" attr:novalidate=true>
                <FormError error=error/>
                <label class="flex items-center gap-2 text-sm text-slate-800">
                    <input type="checkbox" name="enabled" checked=settings.enabled class="h-4 w-4 accent-indigo-700"/>
                    "Apply for me when I like a good match"
                </label>
                <crate::ui::FieldErrorText id="auto-enabled-error".to_string() error=field("enabled")/>
                <div class="grid gap-3 sm:grid-cols-3">
                    <TextField label="Lowest match (%)" name="min_score" id="auto-min-score"
                        value=settings.min_score.to_string() error=field("min_score")/>
                    <TextField label="At most per day" name="max_per_day" id="auto-per-day"
                        value=settings.max_per_day.to_string() error=field("max_per_day")
                        hint=format!("Up to {cap} on your plan.")/>
                    <TextField label="At most per company a week" name="max_per_company_per_week" id="auto-per-company"
                        value=settings.max_per_company_per_week.to_string() error=field("max_per_company_per_week")/>
                </div>
                {(!plus).then(|| view! {
                    <p class="text-sm text-slate-700">
                        <a class="font-medium text-indigo-700 underline" href="/plus">"Plus"</a>
                        " raises the daily limit to 50."
                    </p>
                })}
                <SelectField label="Résumé to send" name="resume_id" id="auto-resume" options=resume_choices
                    selected=settings.resume_id.map(|id| id.to_string()).unwrap_or_default()
                    empty="My primary résumé" error=field("resume_id")/>
                <button type="submit" class="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800">"Save auto-apply"</button>
            </ActionForm>
        </Sheet>
    }
}

/// `/swipe/queue`: the auto-applications waiting and what became of the
/// others.
#[component]
pub fn QueuePage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let queue = Resource::new(move || version.get(), |_| get_queue());
    let change = ServerAction::<ChangeQueued>::new();
    reload_on_success(change.value());
    let (_, error) = action_errors(change.value());
    view! {
        <Title text="Auto-apply queue"/>
        <crate::ui::PageHeading title="Auto-apply queue" subtitle=Some("Applications your likes queued. Each waits 15 minutes before it is sent.")/>
        <p class="mb-4 text-sm"><a class="font-medium text-indigo-700 underline" href="/swipe">"Back to the deck"</a></p>
        <FormError error=error/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(entries) if entries.is_empty() => view! {
                        <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                            "Nothing queued. Turn auto-apply on in the deck, then like a job that matches you well."
                        </p>
                    }.into_any(),
                    Ok(entries) => view! {
                        <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
                            {entries.into_iter().map(|e| view! { <QueueRow e=e change=change/> }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn QueueRow(e: QueueEntry, change: ServerAction<ChangeQueued>) -> impl IntoView {
    let state = match e.status.as_str() {
        "pending" => format!("Sends at {}", crate::ui::format_time(e.scheduled_at)),
        "sent" => "Sent: find it under Applications".to_string(),
        "cancelled" => "Cancelled".to_string(),
        _ => e.reason.clone(),
    };
    let title = e.title.clone();
    let company = e
        .company
        .clone()
        .unwrap_or_else(|| "Confidential company".into());
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div class="min-w-0">
                {match e.slug.clone() {
                    Some(slug) => view! { <a class="font-medium text-indigo-700 underline" href=crate::vacancies::vacancy_url(&slug)>{title.clone()}</a> }.into_any(),
                    None => view! { <span class="font-medium">{title.clone()}</span> }.into_any(),
                }}
                <p class="text-sm text-slate-700">{format!("{company} · {}% match", e.match_score)}</p>
                <p class="text-sm text-slate-800">{state}</p>
            </div>
            {(e.status == "pending").then(|| view! {
                <ActionForm action=change attr:class="flex gap-2">
                    <input type="hidden" name="id" value=e.id.to_string()/>
                    <button type="submit" name="send" value="now" aria-label=format!("Send now: {title}")
                        class="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-800">"Send now"</button>
                    <button type="submit" aria-label=format!("Cancel: {title}")
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50">"Cancel"</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn FiltersForm(filters: DeckFilters) -> impl IntoView {
    let save = ServerAction::<SaveDeckFilters>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let active = filters.remote_options.len()
        + filters.employment_types.len()
        + filters.locations.len()
        + usize::from(filters.min_salary_yearly.is_some());
    // Lists travel as name[0], name[1]…: the index only keeps them apart.
    let chip = |name: &'static str,
                index: usize,
                value: &'static str,
                label: &'static str,
                on: bool| {
        view! {
            <label class="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50 has-[:checked]:text-indigo-900 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600">
                <input type="checkbox" name=format!("{name}[{index}]") value=value checked=on class="h-3.5 w-3.5 accent-indigo-700"/>
                {label}
            </label>
        }
    };
    let remote = DECK_REMOTE_OPTIONS
        .iter()
        .enumerate()
        .map(|(i, (v, l))| {
            chip(
                "remote_options",
                i,
                v,
                l,
                filters.remote_options.iter().any(|x| x == v),
            )
        })
        .collect_view();
    let kinds = EMPLOYMENT_TYPES
        .iter()
        .enumerate()
        .map(|(i, (v, l))| {
            chip(
                "employment_types",
                i,
                v,
                l,
                filters.employment_types.iter().any(|x| x == v),
            )
        })
        .collect_view();
    view! {
        <button type="button" popovertarget="deck-filters" class=SMALL_BUTTON>
            {if active == 0 { "Filters".to_string() } else { format!("Filters ({active} on)") }}
        </button>
        <Sheet id="deck-filters" title="Filter the deck">
            <ActionForm action=save attr:class="space-y-3" attr:novalidate=true>
                <FormError error=error/>
                <fieldset>
                    <legend class="text-sm font-medium text-slate-800">"Way of working"</legend>
                    <div class="mt-1 flex flex-wrap gap-2">{remote}</div>
                </fieldset>
                <fieldset>
                    <legend class="text-sm font-medium text-slate-800">"Kind of work"</legend>
                    <div class="mt-1 flex flex-wrap gap-2">{kinds}</div>
                </fieldset>
                <TextField label="Places (separated by commas; remote jobs always show)" name="locations" id="deck-locations"
                    value=filters.locations.join(", ") error=field("locations")/>
                <div class="flex flex-wrap gap-3">
                    <div class="min-w-[10rem] flex-1">
                        <TextField label="Lowest yearly pay" name="min_salary" id="deck-min-salary"
                            value=filters.min_salary_yearly.map(|m| m.to_string()).unwrap_or_default() error=field("min_salary")/>
                    </div>
                    <SelectField label="Currency" name="currency" id="deck-currency" options=choices(&CURRENCIES.map(|c| (c, c)))
                        selected=filters.min_salary_currency.clone().unwrap_or_default() error=field("currency")/>
                </div>
                <button type="submit" class="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800">"Apply filters"</button>
            </ActionForm>
        </Sheet>
    }
}
