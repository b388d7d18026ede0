//! Short confirmations after an action. A server function redirects to a
//! page with `?notice=CODE`; only known codes are shown, so no text can be
//! injected through the address.
//!
//! Without script the browser follows that redirect, and its `#anchor`
//! brings the reader back to what they acted on. With script, a redirect to
//! the page already shown updates it in place instead: no jump to the top
//! or to the anchor, no new history entry, and the notice shows again even
//! when its code is the one already in the address.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub fn notice_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "registered" => "Welcome! We have sent a link to confirm your email address.",
        "logged_out" => "You have been logged out.",
        "email_verified" => "Your email address is confirmed.",
        "verification_sent" => "We have sent a new confirmation link. Check your inbox.",
        "reset_sent" => {
            "If an account exists for that address, we have sent it a link to reset the \
             password. The link is valid for 15 minutes."
        }
        "password_reset" => "Your password has been changed. Log in with your new password.",
        "role_changed" => "The account type has been changed.",
        "standing_changed" => "The account's standing is changed, and the person is told why.",
        "signed_out" => "Every session of this account has ended.",
        "identity_changed" => "The identity check is saved; the profile shows it at once.",
        "report_sent" => "Thank you: our team will look at your report.",
        "case_decided" => "The decision is made, and the owner is told why.",
        "appeal_decided" => "The appeal is answered, and the owner is told.",
        "appeal_sent" => "Your appeal is sent: a moderator will answer it.",
        "second_factor_reset" => {
            "Two-step sign-in is reset: they set it up again when they next log in."
        }
        "company_verification_changed" => "The company's verification is changed.",
        "credits_adjusted" => "The credits are adjusted; the entry is in the ledger below.",
        "refunded" => {
            "The money is on its way back; the credit note is below and the buyer is told."
        }
        "plan_saved" => "The plan is saved as a new version: new buyers get it from now on.",
        "template_saved" => "The template is saved; the next emails use it.",
        "template_reset" => "The template is back to the default text.",
        "test_email_sent" => "A test email is on its way to you.",
        "settings_saved" => "Your settings are saved.",
        "notifications_read" => "All your notifications are marked read.",
        "profile_saved" => "Your profile is saved.",
        "entry_saved" => "Saved to your profile.",
        "entry_deleted" => "Removed from your profile.",
        "entry_moved" => "The new order is saved.",
        "photo_uploaded" => "Your photo is uploaded.",
        "video_uploaded" => "Your video is uploaded. We are preparing it for others to watch.",
        "resume_uploaded" => "Your résumé is uploaded. Its suggestions appear below in a moment.",
        "primary_changed" => "Your main file is changed.",
        "file_deleted" => "The file is deleted.",
        "suggestion_added" => "Added to your profile.",
        "company_created" => "Your company is set up. Invite your team when you are ready.",
        "company_saved" => "The company page is saved.",
        "billing_details_saved" => "Your invoice details are saved. New invoices carry them.",
        "plan_cancelled" => {
            "Your plan will not renew. It stays until the end of the period you paid for."
        }
        "plan_resumed" => "Your plan will renew as before.",
        "plan_change_scheduled" => {
            "Your new plan starts when the period you paid for ends. Nothing is charged now."
        }
        "logo_uploaded" => "The logo is uploaded.",
        "logo_removed" => "The logo is removed.",
        "member_saved" => "Your details are saved.",
        "member_photo_uploaded" => "Your photo is uploaded.",
        "member_photo_removed" => "Your photo is removed.",
        "invite_sent" => "The invitation is on its way. The link works for 7 days.",
        "invite_revoked" => "The invitation is revoked; its link no longer works.",
        "team_role_changed" => "The role is changed.",
        "member_removed" => "They are no longer on the team.",
        "ownership_transferred" => "Ownership is handed over. You are now an admin.",
        "left_company" => "You have left the company.",
        "joined_company" => "Welcome to the team!",
        "company_blocked" => "Added to the companies that cannot see you.",
        "company_unblocked" => "Removed from the companies that cannot see you.",
        "vacancy_saved" => "The vacancy is saved.",
        "vacancy_active" => "The vacancy is open: candidates can find it and apply.",
        "vacancy_paused" => {
            "The vacancy is paused: it is hidden from search and takes no applications."
        }
        "vacancy_filled" => "The vacancy is marked as filled. Congratulations!",
        "vacancy_closed" => "The vacancy is closed and takes no more applications.",
        "vacancy_archived" => "The vacancy is archived.",
        "vacancy_duplicated" => "A copy is ready as a new draft.",
        "vacancy_featured" => "The vacancy is featured: it carries the Featured badge.",
        "vacancy_unfeatured" => "The vacancy is no longer featured.",
        "applied" => "Your application is sent. Follow it under Applications.",
        "vacancy_saved_for_later" => "Saved. Find it under Saved jobs.",
        "vacancy_unsaved" => "Removed from your saved jobs.",
        "application_withdrawn" => "Your application is withdrawn.",
        "applicants_moved" => "Moved.",
        "introduction_sent" => "Your request is sent. One credit is held until they answer.",
        "introduction_withdrawn" => "The request is withdrawn and its credit is back.",
        "outcome_saved" => "The outcome is saved.",
        "professional_saved" => "Saved. Your team sees them under Talent, Saved.",
        "professional_unsaved" => "Removed from your saved people.",
        "search_saved" => "The search is saved. Find it under Talent, Saved.",
        "search_saved_alert" => {
            "The search is saved. Once a day we tell you of people who newly match it."
        }
        "alert_on" => "The daily alert is on.",
        "alert_off" => "The daily alert is off.",
        "search_deleted" => "The saved search is deleted.",
        "introduction_accepted" => "You accepted. You can now reach each other directly.",
        "introduction_declined" => "You declined. They will not see your contact details.",
        "interaction_added" => "Added to the timeline.",
        "account_deleted" => "Your account has been deleted. We are sorry to see you go.",
        "password_changed" => "Your password has been changed. Other devices have been logged out.",
        "email_changed" => {
            "Your email address has been changed. Confirm it with the link we sent to it."
        }
        _ => return None,
    })
}

/// How long a notice stays unless dismissed sooner.
const NOTICE_SECONDS: u64 = 8;

/// The address to stay on when an action's redirect `target` leads to the
/// page already shown at `here` (the same path and query, `notice` aside):
/// `target` without its fragment. `None` when it leads elsewhere.
#[cfg(any(feature = "hydrate", test))]
fn in_place_address(target: &str, here: &str) -> Option<String> {
    fn without_notice(address: &str) -> (&str, Vec<&str>) {
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("notice="))
            .collect();
        (path, pairs)
    }
    let target = target.split_once('#').map_or(target, |(before, _)| before);
    let here = here.split_once('#').map_or(here, |(before, _)| before);
    (target.starts_with('/') && without_notice(target) == without_notice(here))
        .then(|| target.to_string())
}

/// Makes server functions' redirects to the page already shown update it in
/// place. Called before the router sets its own hook (the first one set
/// wins); the router's navigation is handed over by [`NoticeToast`].
pub fn handle_redirects_in_place() {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::server_fn::redirect::set_redirect_hook(in_place::follow);
    }
}

#[cfg(feature = "hydrate")]
mod in_place {
    use leptos::prelude::*;
    use leptos_router::NavigateOptions;
    use std::cell::RefCell;
    use std::rc::Rc;

    type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

    thread_local! {
        static ROUTER: RefCell<Option<(Navigate, RwSignal<u32>)>> = const { RefCell::new(None) };
    }

    /// Hands the router's navigation and the toast's generation to the hook.
    pub fn register(navigate: impl Fn(&str, NavigateOptions) + 'static, shown: RwSignal<u32>) {
        ROUTER.with(|router| *router.borrow_mut() = Some((Rc::new(navigate), shown)));
    }

    pub fn follow(target: &str) {
        let location = window().location();
        let Some((navigate, shown)) = ROUTER.with(|router| router.borrow().clone()) else {
            let _ = location.set_href(target);
            return;
        };
        if !target.starts_with('/') {
            let _ = location.set_href(target);
            return;
        }
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let (address, options) = match super::in_place_address(target, &here) {
            Some(address) => (
                address,
                NavigateOptions {
                    scroll: false,
                    replace: true,
                    ..NavigateOptions::default()
                },
            ),
            None => (target.to_string(), NavigateOptions::default()),
        };
        let in_place = options.replace;
        // A frame later, so the action's value is set before the page moves.
        request_animation_frame(move || {
            navigate(&address, options);
            if in_place {
                shown.update(|n| *n += 1);
            }
        });
    }
}

#[component]
pub fn NoticeToast() -> impl IntoView {
    let query = use_query_map();
    // Bumped each time an action's notice is shown in place, so the same
    // code twice in a row is shown twice.
    let shown = RwSignal::new(0_u32);
    #[cfg(feature = "hydrate")]
    in_place::register(leptos_router::hooks::use_navigate(), shown);
    let (dismissed, set_dismissed) = signal(None::<(u32, String)>);
    let message = move || {
        let code = query.read().get("notice")?;
        let generation = shown.get();
        if dismissed.read().as_ref() == Some(&(generation, code.clone())) {
            return None;
        }
        notice_message(&code).map(|m| ((generation, code), m))
    };
    // Anchored at the bottom, clear of the phone's tab bar, it steps aside
    // by itself after a while, so it never sits over the page for long.
    Effect::new(move |_| {
        if let Some((code, _)) = message() {
            set_timeout(
                move || set_dismissed.set(Some(code)),
                std::time::Duration::from_secs(NOTICE_SECONDS),
            );
        }
    });
    view! {
        <div role="status" aria-live="polite" class="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex justify-center px-4 sm:bottom-6">
            {move || {
                message()
                    .map(|(code, text)| {
                        view! {
                            <div class="pointer-events-auto flex max-w-xl items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900 shadow-lg">
                                <p class="text-sm">{text}</p>
                                <button
                                    type="button"
                                    class="text-sm font-semibold text-emerald-900 underline"
                                    on:click=move |_| set_dismissed.set(Some(code.clone()))
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{in_place_address, notice_message};

    #[test]
    fn a_redirect_to_the_page_shown_stays_in_place() {
        assert_eq!(
            in_place_address("/profile?notice=entry_saved#skills", "/profile"),
            Some("/profile?notice=entry_saved".to_string())
        );
        assert_eq!(
            in_place_address(
                "/jobs?q=data&notice=vacancy_unsaved#job-a",
                "/jobs?q=data&notice=vacancy_saved_for_later"
            ),
            Some("/jobs?q=data&notice=vacancy_unsaved".to_string())
        );
        // Another page, another query or another step of a flow moves on.
        assert_eq!(in_place_address("/applications?notice=x", "/jobs/a"), None);
        assert_eq!(in_place_address("/jobs?q=b&notice=x", "/jobs?q=a"), None);
        assert_eq!(
            in_place_address("/welcome?step=2&notice=x", "/welcome?step=1"),
            None
        );
        assert_eq!(in_place_address("https://elsewhere.test/", "/"), None);
    }

    #[test]
    fn unknown_codes_show_nothing() {
        assert!(notice_message("<script>").is_none());
        assert!(notice_message("logged_out").is_some());
    }
}
