//! `/employer/vacancies/{id}/pipeline`: the applicants of one vacancy as a
//! board (a column per stage, cards dragged between them) or a list (one
//! stage, a page at a time, moved together), and the open applicant in a
//! side panel with one-click Advance and Not selected. Everything shown is
//! in the address (`PipelineAddress`); every control is a form or a link,
//! so it all works without script, and with it the keys j / k, a, r and
//! Escape and Shift + arrows on a card do the same as the buttons.

use super::pages::{AutoAppliedBadge, StageBadge, Timeline};
use super::pipeline::{
    AddInteraction, ApplicantDetail, ApplicantRow, MoveApplications, PIPELINE_PAGE_SIZE, Pipeline,
    PipelineAddress, get_applicant, get_pipeline,
};
use super::rules::{INTERACTIONS, Stage};
use crate::chat::pages::OpenChatButton;
use crate::ui::ActionForm;
use crate::ui::{
    CancelButton, DANGER_BUTTON, DialogBox, ErrorNotice, FormError, PRIMARY_BUTTON, PageVersion,
    Pager, SMALL_BUTTON, SelectField, SidePanel, SubmitButton, TextArea, TextField, action_errors,
    choices, format_day, page_count, press_on_keys, reload_on_success, uuid_param,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

fn stage_choices() -> Vec<(String, String)> {
    Stage::employer_targets()
        .into_iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect()
}

/// The board's columns: each stage an employer moves to, with its cards.
fn board_columns(p: &Pipeline) -> impl Iterator<Item = (Stage, Vec<&ApplicantRow>)> {
    Stage::employer_targets().into_iter().map(|stage| {
        (
            stage,
            p.applicants.iter().filter(|a| a.stage == stage).collect(),
        )
    })
}

/// The applicants in the order the page shows them: column by column on
/// the board, down the list otherwise. j and k walk this order.
fn shown_order(p: &Pipeline, board: bool) -> Vec<Uuid> {
    if board {
        board_columns(p)
            .flat_map(|(_, cards)| cards.into_iter().map(|a| a.id))
            .collect()
    } else {
        p.applicants.iter().map(|a| a.id).collect()
    }
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let id = uuid_param("id");
    let query = use_query_map();
    let address = Memo::new(move |_| {
        let query = query.read();
        PipelineAddress::read(|name| query.get(name))
    });
    let pipeline = Resource::new(
        move || {
            let a = address.get();
            (id(), a.stage, a.page, a.is_board(), version.get())
        },
        |(id, stage, page, board, _)| {
            get_pipeline(
                id.map(|i| i.to_string()).unwrap_or_default(),
                stage.map(|s| s.as_str().to_string()).unwrap_or_default(),
                Some(page),
                board,
            )
        },
    );
    let applicant = Resource::new(
        move || (address.get().application, version.get()),
        |(open, _)| async move {
            match open {
                None => Ok(None),
                Some(open) => get_applicant(open.to_string()).await.map(Some),
            }
        },
    );
    // The card moved from the keyboard keeps the focus in its new column.
    let refocus = StoredValue::new(None::<Uuid>);
    press_on_keys(|key| match key {
        "j" => Some("applicant-next"),
        "k" => Some("applicant-previous"),
        "a" => Some("applicant-advance"),
        "r" => Some("applicant-reject"),
        "Escape" => Some("panel-close"),
        _ => None,
    });
    view! {
        <Title text="Applicants"/>
        <crate::ui::PageData label="Loading the applicants…">
            {move || Suspend::new(async move {
                match pipeline.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <PipelineView p=p address=address.get_untracked() refocus=refocus/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
        <crate::swipe::employer::SuperLikers vacancy_id=Signal::derive(id)/>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let (p, a) = (pipeline.await, applicant.await);
                let address = address.get_untracked();
                match a {
                    Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                    Ok(None) => ().into_any(),
                    Ok(Some(a)) => {
                        let order = p.map(|p| shown_order(&p, address.is_board())).unwrap_or_default();
                        view! { <ApplicantPanel a=a address=address order=order/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn PipelineView(
    p: Pipeline,
    address: PipelineAddress,
    refocus: StoredValue<Option<Uuid>>,
) -> impl IntoView {
    let vacancy_id = p.vacancy_id;
    let total: i64 = p.counts.iter().map(|(_, n)| n).sum();
    let withdrawn = p
        .counts
        .iter()
        .find(|(s, _)| *s == Stage::Withdrawn)
        .map_or(0, |(_, n)| *n);
    let board = address.is_board();
    let view_link = |list: bool, label: &'static str| {
        let href = PipelineAddress {
            list,
            ..PipelineAddress::default()
        }
        .href(vacancy_id, None);
        let current = board != list;
        let class = if current {
            "rounded-md bg-white px-3 py-1 text-sm font-semibold text-slate-900 shadow-sm"
        } else {
            "rounded-md px-3 py-1 text-sm font-medium text-slate-700 hover:text-slate-900"
        };
        view! { <a href=href class=class aria-current=current.then_some("page")>{label}</a> }
    };
    // Beside the open panel on wide screens, the page makes room for it.
    let room = if address.application.is_some() {
        "lg:mr-[34rem]"
    } else {
        ""
    };
    view! {
        <div class=room>
            <header class="mb-4 flex flex-wrap items-end justify-between gap-3">
                <div class="min-w-0">
                    <p class="text-sm text-slate-600">"Applicants for"</p>
                    <h1 class="text-2xl font-semibold tracking-tight text-slate-900 break-words sm:text-3xl">{p.title.clone()}</h1>
                </div>
                <div class="flex flex-wrap items-center gap-3 text-sm">
                    <a class="font-medium text-indigo-700 underline" href=format!("/employer/vacancies/{vacancy_id}/edit")>"Edit vacancy"</a>
                    <crate::swipe::employer::AutoApplySwitch vacancy_id=vacancy_id accepts=p.accepts_auto_apply/>
                    {p.slug.clone().map(|slug| view! { <a class="font-medium text-indigo-700 underline" href=crate::vacancies::vacancy_url(&slug)>"Job page"</a> })}
                </div>
            </header>
            <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                <nav aria-label="View" class="inline-flex gap-1 rounded-lg bg-slate-100 p-1">
                    {view_link(false, "Board")}
                    {view_link(true, "List")}
                </nav>
                <p class="text-sm text-slate-700">
                    {crate::ui::count(total, "applicant", "applicants")}
                    {(withdrawn > 0).then(|| {
                        let href = PipelineAddress { list: true, stage: Some(Stage::Withdrawn), ..PipelineAddress::default() }.href(vacancy_id, None);
                        view! { " · " <a class="font-medium text-indigo-700 underline" href=href>{format!("{withdrawn} withdrawn")}</a> }
                    })}
                </p>
            </div>
            {if total == 0 {
                view! {
                    <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
                        <p class="font-semibold text-slate-900">"No applicants yet"</p>
                        <p class="mt-1 text-sm text-slate-700">"When people apply, they appear here by stage, best match first."</p>
                    </div>
                }
                .into_any()
            } else if board {
                view! { <BoardView p=p address=address refocus=refocus/> }.into_any()
            } else {
                view! { <ListView p=p address=address/> }.into_any()
            }}
        </div>
    }
}

/// A column per stage an employer moves to, best match first. Cards are
/// dragged between columns, or moved with Shift + arrow keys; dropping on
/// "Not selected" asks for the reason first. A laptop shows the six columns
/// side by side; a phone scrolls them sideways, a column at a time.
#[component]
fn BoardView(
    p: Pipeline,
    address: PipelineAddress,
    refocus: StoredValue<Option<Uuid>>,
) -> impl IntoView {
    let vacancy_id = p.vacancy_id;
    let back = address.query();
    let moving = ServerAction::<MoveApplications>::new();
    reload_on_success(moving.value());
    let (_, move_error) = action_errors(moving.value());
    let rejecting = RwSignal::new(String::new());
    let reject_dialog = NodeRef::<leptos::html::Dialog>::new();
    let over = RwSignal::new(None::<Stage>);
    let send = {
        let back = back.clone();
        move |id: Uuid, from: Stage, to: Stage| {
            if from == to {
                return;
            }
            if to == Stage::Rejected {
                rejecting.set(id.to_string());
                if let Some(dialog) = reject_dialog.get_untracked() {
                    let _ = dialog.show_modal();
                }
                return;
            }
            refocus.set_value(Some(id));
            moving.dispatch(MoveApplications {
                vacancy_id: vacancy_id.to_string(),
                ids: vec![id.to_string()],
                to: to.as_str().to_string(),
                reason: String::new(),
                back: back.clone(),
            });
        }
    };
    // Back in view after a move from the keyboard, focus follows the card
    // (once this board is in the document: on the next frame).
    Effect::new(move |_| {
        if let Some(id) = refocus.get_value() {
            refocus.set_value(None);
            request_animation_frame(move || {
                let card = document()
                    .get_element_by_id(&format!("card-{id}"))
                    .and_then(|card| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(card).ok()
                    });
                if let Some(card) = card {
                    let _ = card.focus();
                }
            });
        }
    });
    let columns = board_columns(&p)
        .enumerate()
        .map(|(index, (stage, cards))| {
            let count = p.counts.iter().find(|(s, _)| *s == stage).map_or(0, |(_, n)| *n);
            let shown = cards.len() as i64;
            let neighbours = {
                let targets = Stage::employer_targets();
                (index.checked_sub(1).map(|i| targets[i]), targets.get(index + 1).copied())
            };
            let send_drop = send.clone();
            let cards = cards
                .into_iter()
                .cloned()
                .map(|a| {
                    let href = address.opening(Some(a.id)).href(vacancy_id, None);
                    let open = address.application == Some(a.id);
                    let send = send.clone();
                    view! { <BoardCard a=a href=href open=open neighbours=neighbours send=send/> }
                })
                .collect_view();
            let more = (count > shown).then(|| {
                let href = PipelineAddress { list: true, stage: Some(stage), ..PipelineAddress::default() }.href(vacancy_id, None);
                view! { <a class="mt-2 block px-1 text-sm font-medium text-indigo-700 underline" href=href>{format!("All {count} in the list")}</a> }
            });
            let heading_id = format!("column-{}", stage.as_str());
            let labelled_by = heading_id.clone();
            view! {
                <li
                    aria-labelledby=labelled_by
                    data-stage=stage.as_str()
                    class=move || format!(
                        "flex w-[17rem] shrink-0 snap-start flex-col rounded-xl p-2 lg:w-auto lg:min-w-[10.5rem] lg:flex-1 lg:shrink {}",
                        if over.get() == Some(stage) { "bg-indigo-100 ring-2 ring-indigo-400" } else { "bg-slate-100" },
                    )
                    on:dragover=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        over.set(Some(stage));
                    }
                    on:dragleave=move |_| over.set(None)
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        over.set(None);
                        let dragged = ev
                            .data_transfer()
                            .and_then(|d| d.get_data("text/plain").ok())
                            .unwrap_or_default();
                        if let Some((id, from)) = dragged.split_once(' ')
                            && let (Ok(id), Some(from)) = (id.parse(), Stage::parse(from))
                        {
                            send_drop(id, from, stage);
                        }
                    }
                >
                    <h2 id=heading_id class="flex items-center justify-between px-1 py-1 text-sm font-semibold text-slate-900">
                        {stage.label()}
                        <span class="rounded-full bg-white px-2 text-xs font-semibold text-slate-700">{count}</span>
                    </h2>
                    <ul class="mt-1 min-h-[3rem] space-y-2" aria-label=format!("{}: {count}", stage.label())>{cards}</ul>
                    {more}
                </li>
            }
        })
        .collect_view();
    view! {
        <FormError error=move_error/>
        <p id="board-keys" class="mb-2 hidden text-xs text-slate-600 lg:block">
            "Drag a card to another stage, or focus it and press Shift + ← / →."
        </p>
        <div class="-mx-4 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0">
            <ol class="flex snap-x gap-3" aria-label="Stages">{columns}</ol>
        </div>
        <DialogBox
            id="board-reject".to_string()
            title="Mark as not selected?"
            consequence="The candidate sees “Not selected” on their application. The reason stays with your team."
            node_ref=reject_dialog
        >
            <RejectForm action=moving vacancy_id=vacancy_id application=rejecting back=back dialog="board-reject"/>
        </DialogBox>
    }
}

/// What every move of one applicant sends besides the stage: whose, and
/// the view to return to.
#[component]
fn MoveFields(
    vacancy_id: Uuid,
    #[prop(into)] application: Signal<String>,
    #[prop(into)] back: Signal<String>,
) -> impl IntoView {
    view! {
        <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
        <input type="hidden" name="ids[0]" value=move || application.get()/>
        <input type="hidden" name="back" value=back/>
    }
}

/// Inside the "not selected" dialog `dialog`: the reason, Cancel, and the
/// button that moves `application` there.
#[component]
fn RejectForm(
    action: ServerAction<MoveApplications>,
    vacancy_id: Uuid,
    #[prop(into)] application: Signal<String>,
    #[prop(into)] back: Signal<String>,
    dialog: &'static str,
) -> impl IntoView {
    let (field, _) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="mt-4 space-y-4" attr:novalidate=true>
            <MoveFields vacancy_id=vacancy_id application=application back=back/>
            <input type="hidden" name="to" value="rejected"/>
            <TextField label="Reason (only your team sees it)" name="reason" id=format!("{dialog}-reason") error=field("reason")/>
            <div class="flex justify-end gap-3">
                <CancelButton dialog=dialog.to_string()/>
                <button type="submit" class=DANGER_BUTTON>"Mark not selected"</button>
            </div>
        </ActionForm>
    }
}

/// One applicant on the board: their name opens the side panel; the card
/// is dragged, or moved with Shift + ← / → while the name has the focus.
#[component]
fn BoardCard<F>(
    a: ApplicantRow,
    href: String,
    open: bool,
    /// The stages left and right of this card's column.
    neighbours: (Option<Stage>, Option<Stage>),
    send: F,
) -> impl IntoView
where
    F: Fn(Uuid, Stage, Stage) + Clone + 'static,
{
    let (id, stage) = (a.id, a.stage);
    let keys = move |ev: web_sys::KeyboardEvent| {
        if !ev.shift_key() {
            return;
        }
        let to = match ev.key().as_str() {
            "ArrowLeft" => neighbours.0,
            "ArrowRight" => neighbours.1,
            _ => return,
        };
        if let Some(to) = to {
            ev.prevent_default();
            send(id, stage, to);
        }
    };
    let drag = move |ev: web_sys::DragEvent| {
        if let Some(data) = ev.data_transfer() {
            let _ = data.set_data("text/plain", &format!("{id} {}", stage.as_str()));
            data.set_effect_allowed("move");
        }
    };
    view! {
        <li
            draggable="true"
            on:dragstart=drag
            class=if open {
                "cursor-grab rounded-lg border border-indigo-400 bg-indigo-50 p-3 shadow-sm"
            } else {
                "cursor-grab rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-slate-300"
            }
        >
            <a
                id=format!("card-{id}")
                href=href
                data-applicant-link=""
                aria-current=open.then_some("true")
                aria-describedby="board-keys"
                on:keydown=keys
                class="font-semibold text-slate-900 break-words hover:text-indigo-700 hover:underline"
            >
                {a.name}
            </a>
            {(!a.headline.is_empty()).then(|| view! { <p class="mt-0.5 line-clamp-2 text-xs text-slate-600">{a.headline}</p> })}
            <p class="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
                <span class="rounded-full bg-indigo-100 px-2 py-0.5 font-semibold text-indigo-900">{format!("{}% match", a.match_score)}</span>
                {a.auto_applied.then(|| view! { <AutoAppliedBadge/> })}
                <span class="text-slate-600">{format_day(a.applied_at)}</span>
            </p>
        </li>
    }
}

/// One stage (or all) a page at a time, with check boxes to move several.
#[component]
fn ListView(p: Pipeline, address: PipelineAddress) -> impl IntoView {
    let vacancy_id = p.vacancy_id;
    let total: i64 = p.counts.iter().map(|(_, n)| n).sum();
    let listed = address
        .stage
        .and_then(|stage| p.counts.iter().find(|(s, _)| *s == stage))
        .map_or(total, |(_, n)| *n);
    let pages = page_count(listed, PIPELINE_PAGE_SIZE).max(p.page - 1 + i64::from(p.has_next));
    let page = p.page;
    let page_link = {
        let address = address.clone();
        move |n: i64| {
            PipelineAddress {
                page: n,
                application: None,
                ..address.clone()
            }
            .href(vacancy_id, None)
        }
    };
    let tab = |stage: Option<Stage>, label: String| {
        let current = address.stage == stage;
        let href = PipelineAddress {
            list: true,
            stage,
            ..PipelineAddress::default()
        }
        .href(vacancy_id, None);
        let class = if current {
            "rounded-full bg-indigo-700 px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100"
        };
        view! { <a href=href class=class aria-current=current.then_some("page")>{label}</a> }
    };
    let tabs = std::iter::once(tab(None, format!("All ({total})")))
        .chain(
            p.counts
                .iter()
                .map(|(s, n)| tab(Some(*s), format!("{} ({n})", s.label()))),
        )
        .collect_view();
    let bulk = ServerAction::<MoveApplications>::new();
    reload_on_success(bulk.value());
    let (field, error) = action_errors(bulk.value());
    let empty = p.applicants.is_empty();
    let rows = p
        .applicants
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let link = address.opening(Some(a.id)).href(vacancy_id, None);
            let open = address.application == Some(a.id);
            view! { <ApplicantRowView a=a index=i link=link open=open/> }
        })
        .collect_view();
    view! {
        <nav aria-label="Stages" class="mb-4 flex flex-wrap gap-2">{tabs}</nav>
        {if empty {
            view! {
                <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                    "No applicants at this stage."
                </p>
            }
            .into_any()
        } else {
            view! {
                <ActionForm action=bulk attr:class="space-y-3" attr:novalidate=true>
                    <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
                    <input type="hidden" name="back" value=address.query()/>
                    <FormError error=error/>
                    <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">{rows}</ul>
                    {(pages > 1).then(|| view! { <Pager page=page pages=pages link=page_link/> })}
                    <fieldset class="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
                        <legend class="sr-only">"Move the chosen applicants"</legend>
                        <div class="min-w-[12rem]">
                            <SelectField label="Move chosen to" name="to" id="bulk-to" options=stage_choices() selected=String::new() empty="Choose a stage…" error=field("to")/>
                        </div>
                        <div class="min-w-[16rem] flex-1">
                            <TextField label="Reason, if not selected (only your team sees it)" name="reason" id="bulk-reason" error=field("reason")/>
                        </div>
                        <SubmitButton label="Move" pending=bulk.pending()/>
                    </fieldset>
                </ActionForm>
            }
            .into_any()
        }}
    }
}

#[component]
fn ApplicantRowView(a: ApplicantRow, index: usize, link: String, open: bool) -> impl IntoView {
    let check_id = format!("pick-{}", a.id);
    view! {
        <li class=if open { "flex items-center gap-3 bg-indigo-50 px-4 py-3" } else { "flex items-center gap-3 px-4 py-3" }>
            <input id=check_id.clone() type="checkbox" name=format!("ids[{index}]") value=a.id.to_string() class="h-4 w-4 accent-indigo-700"/>
            <label for=check_id class="sr-only">{format!("Choose {}", a.name)}</label>
            <div class="min-w-0 flex-1">
                <a href=link data-applicant-link="" class="font-medium text-indigo-700 underline break-words" aria-current=open.then_some("true")>{a.name}</a>
                <p class="truncate text-sm text-slate-700">{a.headline}</p>
            </div>
            {a.auto_applied.then(|| view! { <AutoAppliedBadge/> })}
            <span class="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900">{format!("{}% match", a.match_score)}</span>
            <StageBadge stage=a.stage/>
            <span class="hidden text-xs text-slate-600 sm:inline">{format_day(a.applied_at)}</span>
        </li>
    }
}

/// The open applicant: stage and one-click moves first, then who they are,
/// their letter and the timeline. `order` is the page's order of
/// applicants, for Previous and Next.
#[component]
fn ApplicantPanel(a: ApplicantDetail, address: PipelineAddress, order: Vec<Uuid>) -> impl IntoView {
    let vacancy_id = a.vacancy_id;
    let back = address.query();
    let step = |by: isize| {
        let at = order.iter().position(|id| *id == a.id)?;
        let to = order.get(at.checked_add_signed(by)?)?;
        Some(address.opening(Some(*to)).href(vacancy_id, None))
    };
    let (previous, next) = (step(-1), step(1));
    let close = address.opening(None).href(vacancy_id, None);
    let tools = move || {
        view! {
            {previous.map(|href| view! { <a id="applicant-previous" href=href class=SMALL_BUTTON aria-label="Previous applicant" aria-keyshortcuts="k">"↑ Previous"</a> })}
            {next.map(|href| view! { <a id="applicant-next" href=href class=SMALL_BUTTON aria-label="Next applicant" aria-keyshortcuts="j">"↓ Next"</a> })}
        }
    };
    let moving = ServerAction::<MoveApplications>::new();
    reload_on_success(moving.value());
    let (move_field, move_error) = action_errors(moving.value());
    let note = ServerAction::<AddInteraction>::new();
    reload_on_success(note.value());
    let (note_field, note_error) = action_errors(note.value());
    let when_hint = format!(
        "For interviews and calls, in your time zone ({}).",
        crate::ui::viewer_clock().zone.replace('_', " ")
    );
    let id = a.id.to_string();
    let heading = format!("{} · {}% match", a.name, a.match_score);
    let moves = (!a.stage.is_final()).then(|| {
        // Copied into each of the move forms.
        let (application, back_to) = (Signal::stored(id.clone()), Signal::stored(back.clone()));
        let advance = a.stage.next_for_employer().map(|to| {
            view! {
                <ActionForm action=moving>
                    <MoveFields vacancy_id=vacancy_id application=application back=back_to/>
                    <input type="hidden" name="to" value=to.as_str()/>
                    <input type="hidden" name="reason" value=""/>
                    <button id="applicant-advance" type="submit" class=PRIMARY_BUTTON aria-keyshortcuts="a">
                        {format!("Advance to {}", to.label())}
                    </button>
                </ActionForm>
            }
        });
        view! {
            <div class="mt-4 space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
                <FormError error=move_error/>
                <div class="flex flex-wrap items-center gap-3">
                    {advance}
                    <button id="applicant-reject" type="button" class=SMALL_BUTTON commandfor="reject-applicant" command="show-modal" aria-keyshortcuts="r">
                        "Not selected"
                    </button>
                </div>
                <DialogBox
                    id="reject-applicant".to_string()
                    title=format!("Mark {} as not selected?", a.name)
                    consequence="They see “Not selected” on their application. The reason stays with your team."
                >
                    <RejectForm action=moving vacancy_id=vacancy_id application=application back=back_to dialog="reject-applicant"/>
                </DialogBox>
                <details class="text-sm">
                    <summary class="cursor-pointer font-medium text-slate-800">"Move to another stage"</summary>
                    <ActionForm action=moving attr:class="mt-3 space-y-3" attr:novalidate=true>
                        <MoveFields vacancy_id=vacancy_id application=application back=back_to/>
                        <input type="hidden" name="reason" value=""/>
                        <SelectField label="Stage" name="to" id="one-to" options=stage_choices() selected=String::new() empty="Choose a stage…" error=move_field("to")/>
                        <SubmitButton label="Move applicant" pending=moving.pending()/>
                    </ActionForm>
                </details>
            </div>
        }
    });
    view! {
        <SidePanel title=heading close=close tools=Box::new(move || tools().into_any())>
            <p class="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <StageBadge stage=a.stage/>
                {format!("Applied {}", format_day(a.applied_at))}
            </p>
            <div class="mt-3">
                <OpenChatButton about="application" id=a.id label=format!("Message {}", a.name)/>
            </div>
            {moves}
            <section class="mt-6 space-y-3" aria-label="About them">
                <p class="text-slate-800">{a.headline}</p>
                <p class="text-sm text-slate-700">{a.place}</p>
                <p class="text-sm"><a class="font-medium text-indigo-700 underline break-all" href=format!("mailto:{}", a.email)>{a.email.clone()}</a></p>
                {(!a.skills.is_empty()).then(|| view! {
                    <ul class="flex flex-wrap gap-1.5 text-xs" aria-label="Skills">
                        {a.skills.into_iter().map(|s| view! { <li class="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800">{s}</li> }).collect_view()}
                    </ul>
                })}
                <p class="flex flex-wrap gap-4 text-sm">
                    <a class="font-medium text-indigo-700 underline" href=format!("/p/{}", a.candidate_id)>"Full profile"</a>
                    {a.resume.map(|(url, name)| view! {
                        <a class="font-medium text-indigo-700 underline break-all" href=url>{format!("Download résumé ({name})")}</a>
                    })}
                </p>
                {(!a.cover_letter.is_empty()).then(|| view! {
                    <div>
                        <h3 class="font-semibold text-slate-900">"Cover letter"</h3>
                        <p class="mt-1 whitespace-pre-line text-sm text-slate-800">{a.cover_letter}</p>
                    </div>
                })}
                {(!a.rejection_reason.is_empty()).then(|| view! {
                    <p class="text-sm text-slate-700">{format!("Reason (your team only): {}", a.rejection_reason)}</p>
                })}
            </section>
            <section class="mt-6 space-y-3 border-t border-slate-100 pt-4" aria-labelledby="timeline-heading">
                <h3 id="timeline-heading" class="font-semibold text-slate-900">"Timeline"</h3>
                <Timeline entries=a.timeline/>
            </section>
            <section class="mt-6 space-y-3 border-t border-slate-100 pt-4" aria-labelledby="add-heading">
                <h3 id="add-heading" class="font-semibold text-slate-900">"Add to the timeline"</h3>
                <ActionForm action=note attr:class="space-y-3" attr:novalidate=true>
                    <input type="hidden" name="application_id" value=id/>
                    <input type="hidden" name="back" value=back/>
                    <FormError error=note_error/>
                    <SelectField label="What happened" name="kind" id="interaction-kind" options=choices(&INTERACTIONS) selected="interview".to_string() error=note_field("kind")/>
                    <div class="grid gap-3 sm:grid-cols-2">
                        <TextField label="Date and time" name="scheduled_at" id="interaction-when" input_type="datetime-local" hint=when_hint error=note_field("scheduled_at")/>
                        <TextField label="Place or video link" name="location" id="interaction-where" error=note_field("location")/>
                    </div>
                    <TextArea label="Details" name="body" id="interaction-body" rows=3 value=String::new() hint="Interviews are shared with the candidate; calls, notes and feedback stay with your team." error=note_field("body")/>
                    <SubmitButton label="Add" pending=note.pending()/>
                </ActionForm>
            </section>
            <p class="mt-6 hidden text-xs text-slate-600 lg:block">
                "Keys: " <kbd>"j"</kbd> " / " <kbd>"k"</kbd> " next or previous · " <kbd>"a"</kbd> " advance · "
                <kbd>"r"</kbd> " not selected · " <kbd>"Esc"</kbd> " close"
            </p>
        </SidePanel>
    }
}
