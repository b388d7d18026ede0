//! `/admin/users/{id}`.

use super::api::{ResetSecondFactor, SetIdentity, SetStanding, SignOutEverywhere, admin_person};
use super::{IdentityCheck, Person, SecurityEvent, TwoStep};
use crate::auth::account::describe_action;
use crate::auth::rules::Access;
use crate::moderation::pages::CaseTable;
use crate::ui::ActionForm;
use crate::ui::{
    CancelButton, ConfirmDialog, DANGER_BUTTON, DataTable, DialogBox, ErrorNotice, FormError,
    SMALL_BUTTON, SubmitButton, TextArea, action_errors, format_time, uuid_param,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPersonPage() -> impl IntoView {
    let id = uuid_param("id");
    let standing = ServerAction::<SetStanding>::new();
    let sign_out = ServerAction::<SignOutEverywhere>::new();
    let reset = ServerAction::<ResetSecondFactor>::new();
    let identity = ServerAction::<SetIdentity>::new();
    let person = Resource::new(
        move || {
            (
                id(),
                standing.version().get(),
                sign_out.version().get(),
                reset.version().get(),
                identity.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => admin_person(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Person · Admin"/>
        <a class="text-sm font-medium text-indigo-700 underline" href="/admin/users">"← All users"</a>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match person.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <PersonView person=p standing sign_out reset identity/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn PersonView(
    person: Person,
    standing: ServerAction<SetStanding>,
    sign_out: ServerAction<SignOutEverywhere>,
    reset: ServerAction<ResetSecondFactor>,
    identity: ServerAction<SetIdentity>,
) -> impl IntoView {
    let access = match &person.admin_role {
        Some(role) => format!("admin:{role}"),
        None => person.account_type.clone(),
    };
    let access = Access::parse(&access).map_or(access, Access::label);
    let suspended = person.suspension.is_some();
    let status = if suspended {
        "Suspended"
    } else if person.status == "pending" {
        "Email not confirmed"
    } else {
        "Active"
    };
    let companies = person
        .companies
        .iter()
        .map(|(name, role)| format!("{name} ({role})"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <header class="mb-6 mt-3">
            <h1 class="break-all text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{person.email.clone()}</h1>
            <p class="mt-2 flex flex-wrap gap-2 text-sm">
                <span class="rounded-full bg-slate-100 px-2.5 py-0.5 font-medium text-slate-800">{access}</span>
                <span class=match (suspended, person.status.as_str()) {
                    (true, _) => "rounded-full bg-red-100 px-2.5 py-0.5 font-medium text-red-800",
                    (false, "pending") => "rounded-full bg-amber-100 px-2.5 py-0.5 font-medium text-amber-900",
                    _ => "rounded-full bg-emerald-100 px-2.5 py-0.5 font-medium text-emerald-800",
                }>{status}</span>
            </p>
        </header>
        {person.suspension.clone().map(|s| view! {
            <section aria-labelledby="suspension-heading" class="mb-6 rounded-xl border border-red-200 bg-red-50 p-4 text-red-950">
                <h2 id="suspension-heading" class="font-semibold">"Suspended"</h2>
                <p class="mt-1 text-sm">
                    {format!("Since {}, by {}. ", format_time(s.at), s.by.unwrap_or_else(|| "an administrator".into()))}
                    "They cannot log in and their profile is hidden. The reason they were given:"
                </p>
                <blockquote class="mt-2 border-l-4 border-red-300 pl-3 text-sm">{s.reason}</blockquote>
            </section>
        })}
        <dl class="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 sm:p-6">
            <div><dt class="text-slate-600">"Joined"</dt><dd class="font-medium">{format_time(person.created_at)}</dd></div>
            <div><dt class="text-slate-600">"Last logged in"</dt><dd class="font-medium">{person.last_login_at.map_or_else(|| "Never".to_string(), format_time)}</dd></div>
            <div><dt class="text-slate-600">"Email address"</dt><dd class="font-medium">{if person.email_verified { "Confirmed" } else { "Not confirmed" }}</dd></div>
            <div><dt class="text-slate-600">"Applications"</dt><dd class="font-medium">{person.applications}</dd></div>
            <div><dt class="text-slate-600">"Reports filed about others"</dt><dd class="font-medium">{person.reports_filed}</dd></div>
            <div class="sm:col-span-2"><dt class="text-slate-600">"Companies"</dt><dd class="font-medium">{if companies.is_empty() { "None".to_string() } else { companies }}</dd></div>
        </dl>
        {person.two_step.clone().map(|two_step| view! {
            <TwoStepSignIn two_step person_id=person.id email=person.email.clone() may_reset=person.may_act reset/>
        })}
        {person.identity.clone().map(|check| view! {
            <Identity check person_id=person.id may_act=person.may_act identity/>
        })}
        {person.may_act.then(|| view! { <Actions person_id=person.id email=person.email.clone() suspended standing sign_out/> })}
        <section aria-labelledby="cases-heading" class="mt-8">
            <h2 id="cases-heading" class="mb-3 text-lg font-semibold">"Reports and checks about them"</h2>
            {if person.cases.is_empty() {
                view! { <p class="text-sm text-slate-600">"Nothing about their profile, vacancies or companies."</p> }.into_any()
            } else {
                view! { <CaseTable rows=person.cases.clone() show_claims=false link=person.may_open_cases/> }.into_any()
            }}
        </section>
        <section aria-labelledby="events-heading" class="mt-8">
            <h2 id="events-heading" class="mb-3 text-lg font-semibold">"Recent security events"</h2>
            <Events events=person.events/>
        </section>
    }
}

#[component]
fn Events(events: Vec<SecurityEvent>) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="text-sm text-slate-600">"Nothing recorded yet."</p> }.into_any();
    }
    view! {
        <DataTable headers=&["When", "What", "Address"]>
            {events
                .into_iter()
                .map(|e| view! {
                    <tr>
                        <td class="whitespace-nowrap px-4 py-2">{format_time(e.created_at)}</td>
                        <td class="px-4 py-2">{describe_action(&e.action)}</td>
                        <td class="px-4 py-2">{e.ip.unwrap_or_else(|| "—".into())}</td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}

/// An administrator's authenticator, and resetting it for a lost phone.
#[component]
fn TwoStepSignIn(
    two_step: TwoStep,
    person_id: uuid::Uuid,
    email: String,
    may_reset: bool,
    reset: ServerAction<ResetSecondFactor>,
) -> impl IntoView {
    let (_, reset_error) = action_errors(reset.value());
    let set_up = two_step.set_up_at.is_some();
    let standing = match two_step.set_up_at {
        Some(at) => format!(
            "On since {}; {} of 10 recovery codes left.",
            format_time(at),
            two_step.recovery_codes_left
        ),
        None => "Not set up yet: they set up an authenticator app when they next log in.".into(),
    };
    view! {
        <section aria-labelledby="two-step-heading" class="mt-6 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:p-6">
            <h2 id="two-step-heading" class="font-semibold text-slate-900">"Two-step sign-in"</h2>
            <p class="mt-1 text-slate-700">{standing}</p>
            {(may_reset && set_up).then(|| view! {
                <div class="mt-3">
                    <ConfirmDialog
                        id="reset-two-step-dialog".to_string()
                        button="Reset two-step sign-in…"
                        title=format!("Reset two-step sign-in for {email}?")
                        consequence="Their authenticator and recovery codes stop working and they are signed out everywhere. They set up a new authenticator with their password at their next sign-in; do this only when you are sure it is them asking."
                    >
                        <ActionForm action=reset>
                            <input type="hidden" name="user_id" value=person_id.to_string()/>
                            <button type="submit" class=DANGER_BUTTON>"Reset two-step sign-in"</button>
                        </ActionForm>
                    </ConfirmDialog>
                    <FormError error=reset_error/>
                </div>
            })}
        </section>
    }
}

/// A job seeker's identity check: verify it with a note of how, or
/// withdraw it.
#[component]
fn Identity(
    check: IdentityCheck,
    person_id: uuid::Uuid,
    may_act: bool,
    identity: ServerAction<SetIdentity>,
) -> impl IntoView {
    let (field, form_error) = action_errors(identity.value());
    let dialog = "identity-dialog".to_string();
    let verified = check.verified.is_some();
    let standing = match check.verified {
        Some((at, by, note)) => format!(
            "Verified on {} by {}: {note}",
            format_time(at),
            by.unwrap_or_else(|| "a former administrator".into())
        ),
        None => "Not verified. Verify only after checking an official document against the person, on a video call or in person.".into(),
    };
    view! {
        <section aria-labelledby="identity-heading" class="mt-6 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:p-6">
            <h2 id="identity-heading" class="font-semibold text-slate-900">"Identity"</h2>
            <p class="mt-1 text-slate-700 [overflow-wrap:anywhere]">{standing}</p>
            {may_act.then(|| if verified {
                view! {
                    <div class="mt-3">
                        <ConfirmDialog
                            id="withdraw-identity-dialog".to_string()
                            button="Withdraw verification…"
                            title="Withdraw the identity verification?"
                            consequence="The verified badge leaves their profile and talent search at once."
                        >
                            <ActionForm action=identity>
                                <input type="hidden" name="user_id" value=person_id.to_string()/>
                                <input type="hidden" name="verified" value="false"/>
                                <input type="hidden" name="note" value=""/>
                                <button type="submit" class=DANGER_BUTTON>"Withdraw verification"</button>
                            </ActionForm>
                        </ConfirmDialog>
                        <FormError error=form_error/>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class=format!("mt-3 {SMALL_BUTTON}") commandfor=dialog.clone() command="show-modal">
                        "Verify identity…"
                    </button>
                    <DialogBox id=dialog.clone() title="Verify their identity" consequence="Companies see a verified badge on their profile and in talent search. Say how you checked; it stays in the audit log." stays_open=true>
                        <ActionForm action=identity attr:class="mt-4 space-y-4" attr:novalidate=true>
                            <FormError error=form_error/>
                            <input type="hidden" name="user_id" value=person_id.to_string()/>
                            <input type="hidden" name="verified" value="true"/>
                            <TextArea label="How you checked" name="note" id="identity-note" value=String::new() rows=2 error=field("note")/>
                            <div class="flex flex-wrap-reverse items-center justify-end gap-3">
                                <CancelButton dialog=dialog.clone()/>
                                <SubmitButton label="Verify identity" pending=identity.pending()/>
                            </div>
                        </ActionForm>
                    </DialogBox>
                }
                .into_any()
            })}
        </section>
    }
}

/// Suspend or reinstate (with the reason the person reads) and sign out.
#[component]
fn Actions(
    person_id: uuid::Uuid,
    email: String,
    suspended: bool,
    standing: ServerAction<SetStanding>,
    sign_out: ServerAction<SignOutEverywhere>,
) -> impl IntoView {
    let (field, form_error) = action_errors(standing.value());
    // The page keeps its elements when it shows the new standing: the
    // dialog is closed by hand once it is done.
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(open)) = (standing.value().get(), dialog_ref.get_untracked()) {
            open.close();
        }
    });
    let (_, sign_out_error) = action_errors(sign_out.value());
    let dialog = "standing-dialog".to_string();
    let (button, title, consequence, submit, next) = if suspended {
        (
            "Reinstate…",
            format!("Reinstate {email}?"),
            "They can log in again and their profile shows as their settings allow. They are told by email, with what you write.",
            "Reinstate the account",
            "active",
        )
    } else {
        (
            "Suspend…",
            format!("Suspend {email}?"),
            "They are signed out everywhere at once, cannot log in, and their profile and applications are hidden until the account is reinstated. They are told by email, with what you write.",
            "Suspend the account",
            "suspended",
        )
    };
    view! {
        <section aria-label="Actions" class="mt-6 flex flex-wrap items-center gap-3">
            <button
                type="button"
                class=if suspended { SMALL_BUTTON } else { DANGER_BUTTON }
                commandfor=dialog.clone()
                command="show-modal"
            >
                {button}
            </button>
            {(!suspended).then(|| view! {
                <ConfirmDialog
                    id="sign-out-dialog".to_string()
                    button="Sign out everywhere"
                    title=format!("Sign {email} out everywhere?")
                    consequence="Every browser where they are logged in is logged out at once; they can log in again."
                >
                    <ActionForm action=sign_out>
                        <input type="hidden" name="user_id" value=person_id.to_string()/>
                        <button type="submit" class=DANGER_BUTTON>"Sign out everywhere"</button>
                    </ActionForm>
                </ConfirmDialog>
            })}
            <FormError error=sign_out_error/>
        </section>
        <DialogBox id=dialog.clone() title=title consequence=consequence node_ref=dialog_ref stays_open=true>
            <ActionForm action=standing attr:class="mt-4 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="user_id" value=person_id.to_string()/>
                <input type="hidden" name="standing" value=next/>
                <TextArea label="Reason" name="reason" id="standing-reason" value=String::new() rows=3 hint="Sent to them as you write it." error=field("reason")/>
                <div class="flex flex-wrap-reverse items-center justify-end gap-3">
                    <CancelButton dialog=dialog/>
                    <SubmitButton label=submit pending=standing.pending()/>
                </div>
            </ActionForm>
        </DialogBox>
    }
}
