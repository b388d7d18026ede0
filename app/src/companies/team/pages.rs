//! `/company/team`, the team and its invitations, and `/company/join`,
//! where an invitation link is accepted (without a link, it lists the
//! invitations to the signed-in employer's address).

use super::api::{
    AcceptInvite, AcceptMyInvite, ChangeRole, InviteMember, RemoveMember, RevokeInvite,
    TransferOwnership, get_team, my_invites, preview_invite,
};
use super::{MyInvite, PendingInvite, Team, TeamMember};
use crate::companies::rules::TeamRole;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, Entry, ErrorNotice, FormError, PageHeading, PageVersion,
    SMALL_BUTTON, Section, SelectField, SubmitButton, TextField, action_errors, entry_error,
    reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn role_options(roles: &[TeamRole]) -> Vec<(String, String)> {
    roles
        .iter()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect()
}

#[component]
pub fn TeamPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let team = Resource::new(move || version.get(), |_| get_team());
    view! {
        <Title text="Team"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match team.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(t) => view! { <TeamView t=t/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn TeamView(t: Team) -> impl IntoView {
    let manages = t.my_role.manages();
    let my_role = t.my_role;
    view! {
        <PageHeading title="Team"/>
        <p class="-mt-4 mb-6 text-slate-600">
            {format!("The people hiring for {}. ", t.company_name)}
            <a class="font-medium text-indigo-700 underline" href="/company">"Company page settings"</a>
        </p>
        <div class="grid gap-6 lg:grid-cols-3">
            <section id="members" aria-labelledby="members-heading" class="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-6 lg:col-span-2">
                <h2 id="members-heading" class="mb-4 text-lg font-semibold">{format!("Members ({})", t.members.len())}</h2>
                <ul class="divide-y divide-slate-100">
                    {t.members.into_iter().map(|m| view! { <MemberRow m=m my_role=my_role/> }).collect_view()}
                </ul>
            </section>
            <div class="space-y-6">
                {manages.then(|| view! { <InviteSection/> })}
                {manages.then(|| view! { <InvitesSection invites=t.invites/> })}
                <RolesHelp/>
            </div>
        </div>
    }
}

#[component]
fn MemberRow(m: TeamMember, my_role: TeamRole) -> impl IntoView {
    let name = m.display_name().to_string();
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let transfer = ServerAction::<TransferOwnership>::new();
    reload_on_success(change.value());
    reload_on_success(remove.value());
    reload_on_success(transfer.value());
    let id = m.user_id.to_string();
    // Each row has these forms: a failed post without script is one row's.
    let entry = Entry::by("user_id", id.clone());
    let (change_field, _) = action_errors(change.value());
    let change_error = entry_error(change, entry.clone());
    let remove_error = entry_error(remove, entry.clone());
    let transfer_error = entry_error(transfer, entry.clone());
    // Owners may set any role; admins manage admins and members.
    let may_change =
        !m.is_me && my_role.manages() && (my_role == TeamRole::Owner || m.role != TeamRole::Owner);
    let roles: &[TeamRole] = if my_role == TeamRole::Owner {
        &TeamRole::ALL
    } else {
        &[TeamRole::Admin, TeamRole::Member]
    };
    let role_field = format!("role-{id}");
    let details = [m.job_title.clone(), m.department.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let change_form = may_change.then(|| {
        let (id, name, entry) = (id.clone(), name.clone(), entry.clone());
        view! {
            <ActionForm action=change entry=entry attr:class="flex items-end gap-2">
                <input type="hidden" name="user_id" value=id/>
                <SelectField
                    label="Role"
                    name="role"
                    id=role_field
                    options=role_options(roles)
                    selected=m.role.as_str().to_string()
                    error=change_field("role")
                />
                <button type="submit" class=SMALL_BUTTON aria-label=format!("Change the role of {name}")>"Change"</button>
            </ActionForm>
        }
    });
    let transfer_form = (my_role == TeamRole::Owner && !m.is_me && m.role != TeamRole::Owner).then(|| {
        let (id, name, entry) = (id.clone(), name.clone(), entry.clone());
        view! {
            <ConfirmDialog
                id=format!("transfer-{id}")
                button="Make owner"
                button_label=format!("Make {name} the owner")
                title=format!("Make {name} the owner?")
                consequence="They get every right over the company, billing included, and you become an admin. Only they can make you the owner again."
            >
                <ActionForm action=transfer entry=entry>
                    <input type="hidden" name="user_id" value=id/>
                    <button type="submit" class=DANGER_BUTTON>"Hand over ownership"</button>
                </ActionForm>
            </ConfirmDialog>
        }
    });
    let (remove_button, remove_label, remove_title, remove_consequence, remove_confirm) = if m.is_me
    {
        (
            "Leave the company",
            "Leave the company".to_string(),
            "Leave the company?".to_string(),
            "You lose access to its vacancies and applicants at once. To come back, someone on the team has to invite you again.",
            "Leave",
        )
    } else {
        (
            "Remove",
            format!("Remove {name}"),
            format!("Remove {name} from the team?"),
            "They lose access to the company's vacancies and applicants at once. What they wrote in timelines stays.",
            "Remove from team",
        )
    };
    let remove_form = (may_change || m.is_me).then(|| {
        view! {
            <ConfirmDialog
                id=format!("remove-{id}")
                button=remove_button
                button_label=remove_label
                title=remove_title
                consequence=remove_consequence
            >
                <ActionForm action=remove entry=entry.clone()>
                    <input type="hidden" name="user_id" value=id.clone()/>
                    <button type="submit" class=DANGER_BUTTON>{remove_confirm}</button>
                </ActionForm>
            </ConfirmDialog>
        }
    });
    view! {
        <li class="py-4">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="flex min-w-0 items-start gap-3">
                <crate::companies::pages::Avatar name=name.clone() url=m.photo_url.clone()/>
                <div class="min-w-0">
                    <p class="font-semibold break-words">
                        <span>{name.clone()}</span>
                        {m.is_me.then(|| view! { <span>" (you)"</span> })}
                    </p>
                    <p class="text-sm text-slate-600 break-all">{m.email.clone()}</p>
                    {(!details.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{details}</p> })}
                </div>
                </div>
                <span class="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800">{m.role.label()}</span>
            </div>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                {change_form}
                {transfer_form}
                {remove_form}
            </div>
            <FormError error=change_error/>
            <FormError error=transfer_error/>
            <FormError error=remove_error/>
        </li>
    }
}

#[component]
fn InviteSection() -> impl IntoView {
    let action = ServerAction::<InviteMember>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="invite" title="Invite someone">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Their work email" name="email" input_type="email" autocomplete="off" error=field("email")/>
                <SelectField
                    label="Role"
                    name="role"
                    id="invite-role"
                    options=role_options(&[TeamRole::Member, TeamRole::Admin])
                    selected="member".to_string()
                    error=field("role")
                />
                <SubmitButton label="Send invitation" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn InvitesSection(invites: Vec<PendingInvite>) -> impl IntoView {
    view! {
        <Section id="invites" title="Open invitations">
            {invites.is_empty().then(|| view! { <p class="text-sm text-slate-600">"None at the moment."</p> })}
            <ul class="space-y-3">
                {invites.into_iter().map(|i| view! { <InviteRow i=i/> }).collect_view()}
            </ul>
        </Section>
    }
}

#[component]
fn InviteRow(i: PendingInvite) -> impl IntoView {
    let revoke = ServerAction::<RevokeInvite>::new();
    reload_on_success(revoke.value());
    let error = entry_error(revoke, i.id.to_string());
    view! {
        <li class="rounded-lg border border-slate-200 p-3">
            <p class="text-sm font-medium break-all">{i.email.clone()}</p>
            <p class="text-xs text-slate-600">{format!("{} · link valid until {}", i.role.label(), i.expires)}</p>
            <div class="mt-2">
                <ConfirmDialog
                    id=format!("revoke-{}", i.id)
                    button="Revoke"
                    button_label=format!("Revoke the invitation to {}", i.email)
                    title=format!("Revoke the invitation to {}?", i.email)
                    consequence="The link in their email stops working. You can invite them again later."
                >
                    <ActionForm action=revoke entry=i.id.to_string()>
                        <input type="hidden" name="id" value=i.id.to_string()/>
                        <button type="submit" class=DANGER_BUTTON>"Revoke invitation"</button>
                    </ActionForm>
                </ConfirmDialog>
            </div>
            <FormError error=error/>
        </li>
    }
}

#[component]
fn RolesHelp() -> impl IntoView {
    view! {
        <section aria-labelledby="roles-heading" class="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700">
            <h2 id="roles-heading" class="mb-2 text-base font-semibold text-slate-900">"Who can do what"</h2>
            <dl class="space-y-2">
                <div><dt class="font-semibold text-slate-900">"Owner"</dt><dd>"Everything, including billing and making others owners. A company always keeps one."</dd></div>
                <div><dt class="font-semibold text-slate-900">"Admin"</dt><dd>"Edits the company page, invites and manages admins and members."</dd></div>
                <div><dt class="font-semibold text-slate-900">"Member"</dt><dd>"Posts roles and sends introductions."</dd></div>
            </dl>
        </section>
    }
}

#[component]
pub fn JoinCompanyPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let preview = Resource::new(token, |token| async move {
        match token.is_empty() {
            true => Err(crate::error::AppError::NotFound),
            false => preview_invite(token).await,
        }
    });
    let mine = Resource::new(token, |token| async move {
        match token.is_empty() {
            true => my_invites().await,
            false => Ok(Vec::new()),
        }
    });
    let accept = ServerAction::<AcceptInvite>::new();
    let (_, accept_error) = action_errors(accept.value());
    let auth = crate::auth::pages::Auth::get();
    view! {
        <Title text="Join a company"/>
        <div class="mx-auto max-w-lg">
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    let signed_in = auth.session.await.ok().and_then(|s| s.user);
                    if token().is_empty() {
                        return view! { <MyInvitations invites=mine.await signed_in=signed_in.is_some()/> }
                            .into_any();
                    }
                    match preview.await {
                        Err(e) => view! {
                            <PageHeading title="Join a company"/>
                            <ErrorNotice error=e/>
                        }
                        .into_any(),
                        Ok(p) => {
                            let next = format!("/company/join?token={}", token());
                            let login = format!("/login?next={}", crate::ui::urlencode(&next));
                            view! {
                                <section aria-labelledby="join-heading" class="rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
                                    <h1 id="join-heading" class="text-2xl font-semibold">{format!("Join {}", p.company_name)}</h1>
                                    <p class="mt-2 text-slate-700">
                                        {format!("You are invited as {} with the address ", p.role.label().to_lowercase())}
                                        <strong class="break-all">{p.email.clone()}</strong>"."
                                    </p>
                                    {match signed_in {
                                        Some(_) => view! {
                                            <ActionForm action=accept attr:class="mt-6 space-y-3">
                                                <FormError error=accept_error/>
                                                <input type="hidden" name="token" value=token()/>
                                                <SubmitButton label="Accept the invitation" pending=accept.pending()/>
                                            </ActionForm>
                                        }
                                        .into_any(),
                                        None => view! {
                                            <p class="mt-4 text-slate-700">"Log in with that address, or create an employer account with it, then come back to this link."</p>
                                            <div class="mt-6 flex flex-wrap gap-3">
                                                <a class="rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800" href=login>"Log in to accept"</a>
                                                <a class="rounded-md border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100" href="/register">"Create an account"</a>
                                            </div>
                                        }
                                        .into_any(),
                                    }}
                                </section>
                            }
                            .into_any()
                        }
                    }
                })}
            </crate::ui::PageData>
        </div>
    }
}

/// `/company/join` without a link: the invitations waiting for the
/// signed-in employer (a notification leads here).
#[component]
fn MyInvitations(
    invites: Result<Vec<MyInvite>, crate::error::AppError>,
    signed_in: bool,
) -> impl IntoView {
    let accept = ServerAction::<AcceptMyInvite>::new();
    let (_, accept_error) = action_errors(accept.value());
    let body = match invites {
        Err(_) if !signed_in => view! {
            <p class="text-slate-700">"Log in to see the invitations to your address, or open the link in the invitation email."</p>
            <a class="mt-4 inline-block font-medium text-indigo-700 underline" href="/login?next=%2Fcompany%2Fjoin">"Log in"</a>
        }
        .into_any(),
        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
        Ok(list) if list.is_empty() => view! {
            <p class="text-slate-700">
                "No invitations wait for your confirmed address. Ask your team to invite it, or open the link in the invitation email."
            </p>
        }
        .into_any(),
        Ok(list) => view! {
            <FormError error=accept_error/>
            <ul class="divide-y divide-slate-200">
                {list.into_iter().map(|invite| {
                    let label = format!("Accept the invitation of {}", invite.company_name);
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-3 py-3">
                            <div>
                                <p class="font-medium">{invite.company_name.clone()}</p>
                                <p class="text-sm text-slate-600">{format!("As {}", invite.role.label().to_lowercase())}</p>
                            </div>
                            <ActionForm action=accept>
                                <input type="hidden" name="id" value=invite.id.to_string()/>
                                <button type="submit" class=SMALL_BUTTON aria-label=label>"Accept"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="join-heading" class="rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
            <h1 id="join-heading" class="mb-4 text-2xl font-semibold">"Invitations for you"</h1>
            {body}
        </section>
    }
}
