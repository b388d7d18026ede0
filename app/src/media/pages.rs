//! The photo and résumé parts of `/profile` (the video has its own module). Uploads go by script with a
//! progress bar; without JavaScript the same forms post as plain multipart
//! forms and come back with a notice or an error.

use super::api::{
    AcceptSuggestion, DeleteMedia, MakePrimary, UploadPhoto, UploadResume, get_my_media,
};
use super::{PhotoItem, ResumeItem, size_label};
use crate::error::AppError;
use crate::ui::ActionForm;
use crate::ui::{ConfirmDialog, DANGER_BUTTON, ErrorNotice, FormError, SMALL_BUTTON, entry_error};
use crate::ui::{PageVersion, reload_on_success};
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;

#[component]
pub fn MediaEditor() -> impl IntoView {
    let version = PageVersion::get();
    let media = Resource::new(move || version.get(), |_| get_my_media());
    view! {
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match media.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(m) => view! {
                        <div class="mt-6 grid gap-6 lg:grid-cols-2">
                            <ResumesSection then="/profile?notice=resume_uploaded#resumes" resumes=m.resumes/>
                            <PhotosSection photos=m.photos/>
                            <super::video::pages::VideoSection video=m.video/>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

pub(crate) fn reload_profile() -> Callback<()> {
    let bump = PageVersion::bumper();
    Callback::new(move |()| bump())
}

/// The error a plain (no-script) post of server function `path` came back with.
pub(crate) fn plain_post_error(path: &str) -> Option<AppError> {
    use_context::<ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// A file picker that uploads with a progress bar, then goes to `then`.
#[component]
pub fn UploadForm(
    /// The server function's address.
    action: &'static str,
    field: &'static str,
    label: &'static str,
    accept: &'static str,
    hint: &'static str,
    button: &'static str,
    /// Where to go after a successful upload (with its `?notice=`).
    then: &'static str,
    /// Runs after a successful upload, before going to `then`.
    on_uploaded: Callback<()>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(plain_post_error(action));
    let message = move || {
        error
            .get()
            .map(|e| e.field_message(field).unwrap_or_else(|| e.to_string()))
    };
    // Not the bare field name: a section of the page may have that id.
    let input_id = format!("{field}-file");
    let hint_id = format!("{field}-upload-hint");
    let error_id = format!("{field}-upload-error");
    let described_by = format!("{hint_id} {error_id}");
    let navigate = leptos_router::hooks::use_navigate();
    // A page that sent the person here to upload (`?next=`) stays on offer.
    let next = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("next");
    let then = match next {
        Some(next) => crate::ui::add_query(then, &format!("next={}", crate::ui::urlencode(&next))),
        None => then.to_string(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
        else {
            return;
        };
        error.set(None);
        progress.set(Some(0.0));
        let (navigate, then) = (navigate.clone(), then.clone());
        let finished_form = form.clone();
        let sent = crate::ui::upload::send(&form, action, progress, move |result| {
            progress.set(None);
            match result {
                Ok(_) => {
                    finished_form.reset();
                    on_uploaded.run(());
                    navigate(&then, Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
        if sent.is_err() {
            progress.set(None);
            error.set(Some(AppError::Transport(
                "the upload could not start".into(),
            )));
        }
    };
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="mt-4 space-y-2" on:submit=on_submit>
            <label for=input_id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <input
                id=input_id
                name=field
                type="file"
                accept=accept
                aria-describedby=described_by
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                class="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium hover:file:bg-slate-200"
            />
            <p id=hint_id class="text-sm text-slate-600">{hint}</p>
            {move || progress.get().map(|p| view! {
                <div class="flex items-center gap-3">
                    <progress class="h-2 w-full" max="100" value=p aria-label=format!("{label}: upload progress")></progress>
                    <span class="text-sm tabular-nums text-slate-700">{format!("{p:.0}%")}</span>
                </div>
            })}
            <p id=error_id class="text-sm font-medium text-red-700" role="alert">{message}</p>
            <button
                type="submit"
                disabled=move || progress.with(Option::is_some)
                class="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
            >
                {button}
            </button>
        </form>
    }
}

/// Buttons to make a file the main one and to delete it.
#[component]
fn FileActions(
    kind: &'static str,
    id: uuid::Uuid,
    name: String,
    is_primary: bool,
) -> impl IntoView {
    let primary = ServerAction::<MakePrimary>::new();
    let delete = ServerAction::<DeleteMedia>::new();
    reload_on_success(primary.value());
    reload_on_success(delete.value());
    let primary_error = entry_error(primary, id.to_string());
    let delete_error = entry_error(delete, id.to_string());
    // Starts with the visible text, so speech users can say what they see.
    let main_label = format!("Make main: {name}");
    let delete_label = format!("Delete {name}");
    view! {
        <div class="flex flex-wrap items-center gap-2">
            {(!is_primary).then(|| view! {
                <ActionForm action=primary entry=id.to_string()>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class=SMALL_BUTTON aria-label=main_label>"Make main"</button>
                </ActionForm>
            })}
            <ConfirmDialog
                id=format!("delete-{id}")
                button="Delete"
                button_label=delete_label
                title=format!("Delete {name}?")
                consequence="The file is deleted for good. Companies you sent it to with an application can no longer open it."
            >
                <ActionForm action=delete entry=id.to_string()>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class=DANGER_BUTTON>"Delete file"</button>
                </ActionForm>
            </ConfirmDialog>
        </div>
        <FormError error=primary_error/>
        <FormError error=delete_error/>
    }
}

#[component]
fn PhotosSection(photos: Vec<PhotoItem>) -> impl IntoView {
    let count = photos.len();
    let status = match count {
        0 => "No photo yet".to_string(),
        n => crate::ui::count(n as i64, "photo", "photos"),
    };
    view! {
        <crate::ui::FoldingSection id="photos" title="Photos" status>
            {(count == 0).then(|| view! {
                <p class="text-sm text-slate-600">"A clear photo of your face helps employers remember you."</p>
            })}
            <ul class="grid grid-cols-2 gap-4 sm:grid-cols-3">
                {photos.into_iter().enumerate().map(|(i, p)| {
                    let name = if p.is_primary { "your main photo".to_string() } else { format!("photo {}", i + 1) };
                    view! {
                        <li class="space-y-2">
                            <img
                                src=PhotoItem::thumbnail_url(p.id)
                                alt=format!("Thumbnail of {name}")
                                width="256"
                                height="256"
                                class="aspect-square w-full rounded-lg border border-slate-200 object-cover"
                            />
                            {p.is_primary.then(|| view! {
                                <p class="text-xs font-semibold text-indigo-800">"Main photo"</p>
                            })}
                            <FileActions kind="photo" id=p.id name=name is_primary=p.is_primary/>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <UploadForm
                action=UploadPhoto::PATH
                field="photo"
                label="Add a photo"
                accept="image/jpeg,image/png,image/webp"
                hint="JPEG, PNG or WebP, up to 5 MB. We remove location and camera data."
                button="Upload photo"
                then="/profile?notice=photo_uploaded#photos"
                on_uploaded=reload_profile()
            />
        </crate::ui::FoldingSection>
    }
}

/// The résumés with what each suggests, and the upload; a plain upload
/// (without script) returns to `then`.
#[component]
pub(crate) fn ResumesSection(resumes: Vec<ResumeItem>, then: &'static str) -> impl IntoView {
    let count = resumes.len();
    let status = match count {
        0 => "Start here: we suggest details from it".to_string(),
        n => crate::ui::count(n as i64, "résumé", "résumés"),
    };
    view! {
        <crate::ui::FoldingSection id="resumes" title="Résumés" status>
            {(count == 0).then(|| view! {
                <p class="text-sm text-slate-600">"Upload your résumé and we will suggest skills and details for your profile."</p>
            })}
            <ul class="space-y-4">
                {resumes.into_iter().map(|r| view! { <ResumeCard r=r/> }).collect_view()}
            </ul>
            <UploadForm
                action=UploadResume::PATH
                field="resume"
                label="Add a résumé"
                accept="application/pdf,.pdf"
                hint="PDF, up to 10 MB. Only you can download it."
                button="Upload résumé"
                then=then
                on_uploaded=reload_profile()
            />
        </crate::ui::FoldingSection>
    }
}

#[component]
fn ResumeCard(r: ResumeItem) -> impl IntoView {
    let status = match r.parsing_status.as_str() {
        "completed" => None,
        "failed" => Some(r.parse_problem.clone().unwrap_or_else(|| {
            "We could not read this file, so there are no suggestions.".to_string()
        })),
        _ => {
            // Read by a background job: look again in a moment.
            let reload = PageVersion::bumper();
            Effect::new(move |_| {
                let reload = reload.clone();
                set_timeout(reload, std::time::Duration::from_secs(2));
            });
            Some("Reading your résumé for suggestions… they appear here in a moment.".to_string())
        }
    };
    let downloads = match r.download_count {
        1 => "downloaded once".to_string(),
        n => format!("downloaded {n} times"),
    };
    view! {
        <li class="rounded-lg border border-slate-200 p-4">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="min-w-0">
                    <a class="font-semibold text-indigo-700 underline break-all" href=ResumeItem::url(r.id)>{r.file_name.clone()}</a>
                    {r.is_primary.then(|| view! {
                        <span class="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900">"Main"</span>
                    })}
                    <p class="text-sm text-slate-600">{format!("{} · {downloads}", size_label(r.byte_size))}</p>
                </div>
                <FileActions kind="resume" id=r.id name=r.file_name.clone() is_primary=r.is_primary/>
            </div>
            {status.map(|s| view! { <p class="mt-2 text-sm text-slate-700">{s}</p> })}
            {r.suggestions.map(|s| view! { <Suggestions id=r.id s=s/> })}
        </li>
    }
}

/// What the résumé suggests, each with a button to add it to the profile.
#[component]
fn Suggestions(id: uuid::Uuid, s: super::ResumeSuggestions) -> impl IntoView {
    let accept = move |kind: &'static str, value: String, label: String| {
        let action = ServerAction::<AcceptSuggestion>::new();
        reload_on_success(action.value());
        view! {
            <ActionForm action=action>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="value" value=value/>
                <button type="submit" class=SMALL_BUTTON>{label}</button>
            </ActionForm>
        }
    };
    let has_any =
        !s.skills.is_empty() || !s.job_titles.is_empty() || s.years_of_experience.is_some();
    view! {
        <div class="mt-3 space-y-3 rounded-md bg-slate-50 p-3">
            <h3 class="text-sm font-semibold">"Found in your résumé"</h3>
            {(!has_any).then(|| view! { <p class="text-sm text-slate-700">"Nothing new to add."</p> })}
            {(!s.skills.is_empty()).then(|| view! {
                <div>
                    <p class="text-sm text-slate-700">"Skills"</p>
                    <div class="mt-1 flex flex-wrap gap-2">
                        {s.skills.iter().map(|skill| accept("skill", skill.clone(), format!("Add {skill}"))).collect_view()}
                        {(s.skills.len() > 1).then(|| accept("all_skills", String::new(), "Add all skills".into()))}
                    </div>
                </div>
            })}
            {(!s.job_titles.is_empty()).then(|| view! {
                <div>
                    <p class="text-sm text-slate-700">"Job titles"</p>
                    <div class="mt-1 flex flex-wrap gap-2">
                        {s.job_titles.iter().map(|t| accept("title", t.clone(), format!("Use “{t}” as current title"))).collect_view()}
                    </div>
                </div>
            })}
            {s.years_of_experience.map(|y| view! {
                <div class="flex flex-wrap items-center gap-2">
                    <p class="text-sm text-slate-700">{format!("About {y} years of experience")}</p>
                    {accept("years", y.to_string(), format!("Set {y} years of experience"))}
                </div>
            })}
            {(!s.emails.is_empty() || !s.phones.is_empty()).then(|| view! {
                <p class="text-xs text-slate-600">
                    {format!("Contact details in the file: {}", [s.emails.join(", "), s.phones.join(", ")].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" · "))}
                </p>
            })}
        </div>
    }
}
