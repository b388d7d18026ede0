//! The video introduction: its part of `/profile` and the player on the
//! public profile.

use super::VideoItem;
use super::api::{DeleteVideo, UploadVideo};
use crate::media::pages::{UploadForm, reload_profile};
use crate::media::size_label;
use crate::ui::ActionForm;
use crate::ui::{ConfirmDialog, DANGER_BUTTON};
use crate::ui::{FormError, PageVersion, action_errors, reload_on_success};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// How often the editor looks again while the server prepares a video.
const PROCESSING_POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[component]
pub fn VideoSection(video: Option<VideoItem>) -> impl IntoView {
    let processing = video
        .as_ref()
        .is_some_and(|v| v.processing_status == "processing");
    if processing {
        let bump = PageVersion::bumper();
        // Effects run only in the browser.
        Effect::new(move |_| set_timeout(bump.clone(), PROCESSING_POLL));
    }
    let has_video = video.is_some();
    let status = match &video {
        None => "None yet: a minute or two of you",
        Some(v) if v.processing_status == "processing" => "Being prepared",
        Some(_) => "Added",
    };
    view! {
        <div class="lg:col-span-2">
        <crate::ui::FoldingSection id="video" title="Video introduction" status=status>
            {match video {
                None => view! {
                    <p class="text-sm text-slate-600">
                        "A short video, a minute or two, lets employers meet you before the first call."
                    </p>
                }
                .into_any(),
                Some(v) => view! { <OwnVideo v=v/> }.into_any(),
            }}
            <UploadForm
                action=UploadVideo::PATH
                field="video"
                label=if has_video { "Replace your video" } else { "Add a video introduction" }
                accept="video/mp4,video/webm"
                hint="MP4 or WebM, up to 100 MB. Anyone who can see your profile can watch it."
                button="Upload video"
                then="/profile?notice=video_uploaded#video"
                on_uploaded=reload_profile()
            />
        </crate::ui::FoldingSection>
        </div>
    }
}

#[component]
fn OwnVideo(v: VideoItem) -> impl IntoView {
    let delete = ServerAction::<DeleteVideo>::new();
    reload_on_success(delete.value());
    let (_, delete_error) = action_errors(delete.value());
    let status = match v.processing_status.as_str() {
        "processing" => "Preparing your video… Others can watch it once this is done.".to_string(),
        "failed" => {
            "We could not read this video, so nobody else sees it. Delete it and try another file."
                .to_string()
        }
        _ => {
            let watched = match v.views_count {
                1 => "watched once".to_string(),
                n => format!("watched {n} times"),
            };
            [
                v.duration_label(),
                Some(size_label(v.byte_size)),
                Some(watched),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
        }
    };
    // Starts with the visible text, so speech users can say what they see.
    let delete_label = format!("Delete video {}", v.file_name);
    view! {
        <figure class="max-w-xl space-y-2">
            <video
                controls
                preload="metadata"
                poster=v.poster()
                src=VideoItem::url(v.id)
                aria-label="Your video introduction"
                class="aspect-video w-full rounded-lg bg-slate-900"
            ></video>
            <figcaption class="text-sm text-slate-700">
                <span class="font-medium break-all">{v.file_name.clone()}</span>
                <span class="block" data-testid="video-status">{status}</span>
            </figcaption>
        </figure>
        <div class="mt-2">
            <ConfirmDialog
                id=format!("delete-video-{}", v.id)
                button="Delete video"
                button_label=delete_label
                title="Delete your video introduction?"
                consequence="Companies will no longer see it on your profile. You can upload a new one at any time."
            >
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=v.id.to_string()/>
                    <button type="submit" class=DANGER_BUTTON>"Delete video"</button>
                </ActionForm>
            </ConfirmDialog>
        </div>
        <FormError error=delete_error/>
    }
}

/// The player on the public profile. Nothing loads until it is played, so
/// each play counts as one view.
#[component]
pub fn PublicVideo(v: VideoItem, name: String) -> impl IntoView {
    view! {
        <section aria-labelledby="video-heading">
            <h2 id="video-heading" class="text-lg font-semibold">"Video introduction"</h2>
            <video
                controls
                preload="none"
                poster=v.poster()
                src=VideoItem::url(v.id)
                aria-label=format!("Video introduction of {name}")
                class="mt-2 aspect-video w-full max-w-xl rounded-lg bg-slate-900"
            ></video>
            {v.duration_label().map(|d| view! { <p class="mt-1 text-sm text-slate-600">{format!("Length {d}")}</p> })}
        </section>
    }
}
