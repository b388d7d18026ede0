//! The repeatable sections of `/profile`: a list of entries, each with its
//! own edit form (folded away), move and delete buttons, and a form to add
//! one more. Every form also works as a plain post without JavaScript.

use super::api::{
    DeleteEntry, MoveEntry, SaveCertification, SaveEducation, SaveReference, SaveSkill, SaveWork,
    get_my_sections, suggest_skills,
};
use super::rules::{
    DEGREE_TYPES, PROFICIENCIES, RELATIONSHIPS, VERIFICATION_STATUSES, period_label,
};
use super::*;
use crate::profiles::rules::{EMPLOYMENT_TYPES, label_of};
use crate::ui::ActionForm;
use crate::ui::choices;
use crate::ui::reload_on_success;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, ErrorNotice, FormError, SelectField, SubmitButton, TextArea,
    TextField, Toggle, action_errors, entry_error, posted_from,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

/// "work-new" for the add form, "work-<id>" for an entry's edit form: keeps
/// field ids unique when one page holds many forms.
fn form_prefix(kind: SectionKind, id: Uuid) -> String {
    if id.is_nil() {
        format!("{}-new", kind.as_str())
    } else {
        format!("{}-{id}", kind.as_str())
    }
}

/// The address of the server function that saves an entry of `kind`.
fn save_url(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Work => SaveWork::url(),
        SectionKind::Education => SaveEducation::url(),
        SectionKind::Certification => SaveCertification::url(),
        SectionKind::Skill => SaveSkill::url(),
        SectionKind::Reference => SaveReference::url(),
    }
}

/// An entry's `id` field: empty for a new one.
fn entry_field(id: Uuid) -> String {
    if id.is_nil() {
        String::new()
    } else {
        id.to_string()
    }
}

#[component]
pub fn ProfileSectionsEditor() -> impl IntoView {
    let version = crate::ui::PageVersion::get();
    let sections = Resource::new(move || version.get(), |_| get_my_sections());
    view! {
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match sections.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(s) => view! {
                        <div class="mt-6 grid gap-6">
                            <WorkSection entries=s.work/>
                            <EducationSection entries=s.education/>
                            <CertificationSection entries=s.certifications/>
                            <SkillSection entries=s.skills/>
                            <ReferenceSection entries=s.references/>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// A section card: its entries and, folded below, the form to add one.
#[component]
fn EntriesSection(
    kind: SectionKind,
    title: &'static str,
    /// Shown when there are no entries yet.
    empty: &'static str,
    add_label: &'static str,
    count: usize,
    entries: AnyView,
    /// Drawn afresh once the entry is added: a form patched in place kept
    /// what was typed (and Chromium then lost its checkbox's layout).
    #[prop(into)]
    add_form: ViewFn,
) -> impl IntoView {
    let status = match count {
        0 => "None yet".to_string(),
        n => format!("{n} added"),
    };
    view! {
        <crate::ui::FoldingSection id=kind.anchor() title status>
            {(count == 0).then(|| view! { <p class="mb-4 text-sm text-slate-600">{empty}</p> })}
            <ul class="space-y-3">{entries}</ul>
            // Open when empty, or to show a failed post's errors without script.
            <details class="mt-4 group" open=count == 0 || posted_from(save_url(kind), String::new())>
                <summary class="inline-flex cursor-pointer items-center rounded-md border border-indigo-700 px-3 py-1.5 text-sm font-semibold text-indigo-700 hover:bg-indigo-50">
                    {add_label}
                </summary>
                <div class="mt-4 rounded-lg border border-slate-200 p-4">
                    <For each=move || [count] key=|count| *count let:_count>{add_form.run()}</For>
                </div>
            </details>
        </crate::ui::FoldingSection>
    }
}

/// One entry: what it says, buttons to move or delete it, and its edit form.
#[component]
fn EntryCard(
    kind: SectionKind,
    id: Uuid,
    /// Names the entry in button labels ("Delete Analyst at Acme").
    title: String,
    #[prop(optional)] details: Vec<String>,
    #[prop(default = None)] badge: Option<String>,
    position: usize,
    count: usize,
    children: Children,
) -> impl IntoView {
    let delete = ServerAction::<DeleteEntry>::new();
    reload_on_success(delete.value());
    let delete_error = entry_error(delete, id.to_string());
    let delete_label = format!("Delete {title}");
    let edit_label = format!("Edit {title}");
    let button = "rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-40";
    let move_button = |direction: &'static str, enabled: bool| {
        let action = ServerAction::<MoveEntry>::new();
        reload_on_success(action.value());
        let label = format!("Move {title} {direction}");
        view! {
            <ActionForm action=action entry=id.to_string()>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class=button aria-label=label.clone() title=label disabled=!enabled>
                    {if direction == "up" { "↑" } else { "↓" }}
                </button>
            </ActionForm>
        }
    };
    view! {
        <li class="rounded-lg border border-slate-200 p-4">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="min-w-0">
                    <p class="font-semibold break-words">
                        // Elements, not bare text: two text nodes side by side
                        // become one in the server's HTML and break hydration.
                        <span>{title.clone()}</span>
                        // The space keeps "Python Primary" two words for screen readers.
                        {badge.map(|b| view! {
                            " "
                            <span class="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{b}</span>
                        })}
                    </p>
                    {details
                        .into_iter()
                        .filter(|d| !d.is_empty())
                        .map(|d| view! { <p class="text-sm text-slate-700 break-words whitespace-pre-line">{d}</p> })
                        .collect_view()}
                </div>
                <div class="flex items-center gap-1">
                    {move_button("up", position > 0)}
                    {move_button("down", position + 1 < count)}
                    <ConfirmDialog
                        id=format!("delete-{id}")
                        button="Delete"
                        button_label=delete_label
                        button_class=button
                        title=format!("Delete {title}?")
                        consequence="It is removed from your profile for good."
                    >
                        <ActionForm action=delete entry=id.to_string()>
                            <input type="hidden" name="kind" value=kind.as_str()/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <button type="submit" class=DANGER_BUTTON>"Delete"</button>
                        </ActionForm>
                    </ConfirmDialog>
                </div>
            </div>
            <FormError error=delete_error/>
            <details class="mt-2" open=posted_from(save_url(kind), id.to_string())>
                <summary class="cursor-pointer text-sm font-medium text-indigo-700 underline">
                    {edit_label}
                </summary>
                <div class="mt-3">{children()}</div>
            </details>
        </li>
    }
}

fn work_title(e: &WorkEntry) -> String {
    format!("{} at {}", e.job_title, e.company_name)
}

#[component]
fn WorkSection(entries: Vec<WorkEntry>) -> impl IntoView {
    let count = entries.len();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let details = vec![
                [
                    label_of(&e.employment_type, &EMPLOYMENT_TYPES).to_string(),
                    period_label(&e.start, &e.end, e.is_current),
                    e.location.clone(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
                e.description.clone(),
                e.achievements
                    .iter()
                    .map(|a| format!("• {a}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ];
            view! {
                <EntryCard kind=SectionKind::Work id=e.id title=work_title(&e) details=details position=position count=count>
                    <WorkForm entry=e.clone()/>
                </EntryCard>
            }
        })
        .collect_view()
        .into_any();
    view! {
        <EntriesSection
            kind=SectionKind::Work
            title="Work history"
            empty="Add the jobs you have held, most recent first."
            add_label="Add a job"
            count=count
            entries=items
            add_form=|| view! { <WorkForm entry=WorkEntry { employment_type: "full_time".into(), ..Default::default() }/> }
        />
    }
}

#[component]
fn WorkForm(entry: WorkEntry) -> impl IntoView {
    let action = ServerAction::<SaveWork>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let p = form_prefix(SectionKind::Work, entry.id);
    let is_new = entry.id.is_nil();
    let form_label = if is_new {
        "New job".to_string()
    } else {
        format!("Edit {}", work_title(&entry))
    };
    view! {
        <ActionForm action=action entry=entry_field(entry.id) attr:class="space-y-4" attr:novalidate=true attr:aria-label=form_label>
            <FormError error=form_error/>
            <input type="hidden" name="id" value=entry_field(entry.id)/>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField label="Job title" name="job_title" id=format!("{p}-job_title") value=entry.job_title error=field("job_title")/>
                <TextField label="Company" name="company_name" id=format!("{p}-company_name") value=entry.company_name error=field("company_name")/>
                <SelectField label="Kind of work" name="employment_type" id=format!("{p}-employment_type") options=choices(&EMPLOYMENT_TYPES) selected=entry.employment_type error=field("employment_type")/>
                <TextField label="Location (optional)" name="location" id=format!("{p}-location") value=entry.location error=field("location")/>
                <TextField label="Started" name="start" id=format!("{p}-start") input_type="month" hint="Month and year, like 2019-03." value=entry.start error=field("start")/>
                <TextField label="Ended" name="end" id=format!("{p}-end") input_type="month" hint="Leave empty for your current job." value=entry.end error=field("end")/>
            </div>
            <Toggle name="is_current" label="I work here now" checked=entry.is_current/>
            <TextArea label="What you did" name="description" id=format!("{p}-description") rows=4 value=entry.description error=field("description")/>
            <TextArea
                label="Key achievements"
                name="achievements"
                id=format!("{p}-achievements")
                rows=3
                hint="One per line, up to ten."
                value=entry.achievements.join("\n")
                error=field("achievements")
            />
            <TextField label="Team size you led (optional)" name="team_size" id=format!("{p}-team_size") input_type="number" value=entry.team_size error=field("team_size")/>
            <SubmitButton label=if is_new { "Add job" } else { "Save job" } pending=action.pending()/>
        </ActionForm>
    }
}

fn education_title(e: &EducationEntry) -> String {
    format!(
        "{} in {}",
        label_of(&e.degree_type, &DEGREE_TYPES),
        e.field_of_study
    )
}

#[component]
fn EducationSection(entries: Vec<EducationEntry>) -> impl IntoView {
    let count = entries.len();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let years = match e.end_year.as_str() {
                "" => format!("{} – ongoing", e.start_year),
                end => format!("{} – {end}", e.start_year),
            };
            let details = vec![
                e.institution.clone(),
                [years, e.grade.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
            ];
            view! {
                <EntryCard kind=SectionKind::Education id=e.id title=education_title(&e) details=details position=position count=count>
                    <EducationForm entry=e.clone()/>
                </EntryCard>
            }
        })
        .collect_view()
        .into_any();
    view! {
        <EntriesSection
            kind=SectionKind::Education
            title="Education"
            empty="Add your degrees and qualifications."
            add_label="Add education"
            count=count
            entries=items
            add_form=|| view! { <EducationForm entry=EducationEntry { degree_type: "bachelor".into(), ..Default::default() }/> }
        />
    }
}

#[component]
fn EducationForm(entry: EducationEntry) -> impl IntoView {
    let action = ServerAction::<SaveEducation>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let p = form_prefix(SectionKind::Education, entry.id);
    let is_new = entry.id.is_nil();
    let form_label = if is_new {
        "New education".to_string()
    } else {
        format!("Edit {}", education_title(&entry))
    };
    view! {
        <ActionForm action=action entry=entry_field(entry.id) attr:class="space-y-4" attr:novalidate=true attr:aria-label=form_label>
            <FormError error=form_error/>
            <input type="hidden" name="id" value=entry_field(entry.id)/>
            <TextField label="School or university" name="institution" id=format!("{p}-institution") value=entry.institution error=field("institution")/>
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Qualification" name="degree_type" id=format!("{p}-degree_type") options=choices(&DEGREE_TYPES) selected=entry.degree_type error=field("degree_type")/>
                <TextField label="Field of study" name="field_of_study" id=format!("{p}-field_of_study") value=entry.field_of_study error=field("field_of_study")/>
                <TextField label="Start year" name="start_year" id=format!("{p}-start_year") input_type="number" value=entry.start_year error=field("start_year")/>
                <TextField label="End year" name="end_year" id=format!("{p}-end_year") input_type="number" hint="Leave empty if ongoing." value=entry.end_year error=field("end_year")/>
            </div>
            <TextField label="Grade (optional)" name="grade" id=format!("{p}-grade") hint="For example: First class, 3.8 GPA, Distinction." value=entry.grade error=field("grade")/>
            <SubmitButton label=if is_new { "Add education" } else { "Save education" } pending=action.pending()/>
        </ActionForm>
    }
}

fn certification_title(e: &CertificationEntry) -> String {
    e.name.clone()
}

#[component]
fn CertificationSection(entries: Vec<CertificationEntry>) -> impl IntoView {
    let count = entries.len();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let dates = match e.expires.as_str() {
                "" => format!("Issued {}", rules::month_label(&e.issued)),
                expires => format!(
                    "Issued {} · expires {}",
                    rules::month_label(&e.issued),
                    rules::month_label(expires)
                ),
            };
            let credential = match (e.credential_id.as_str(), e.credential_url.as_str()) {
                ("", "") => String::new(),
                (id, "") => format!("Credential {id}"),
                ("", url) => url.to_string(),
                (id, url) => format!("Credential {id} · {url}"),
            };
            let details = vec![e.issuer.clone(), dates, credential];
            view! {
                <EntryCard kind=SectionKind::Certification id=e.id title=certification_title(&e) details=details position=position count=count>
                    <CertificationForm entry=e.clone()/>
                </EntryCard>
            }
        })
        .collect_view()
        .into_any();
    view! {
        <EntriesSection
            kind=SectionKind::Certification
            title="Certifications"
            empty="Add professional certifications and licences."
            add_label="Add a certification"
            count=count
            entries=items
            add_form=|| view! { <CertificationForm entry=CertificationEntry::default()/> }
        />
    }
}

#[component]
fn CertificationForm(entry: CertificationEntry) -> impl IntoView {
    let action = ServerAction::<SaveCertification>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let p = form_prefix(SectionKind::Certification, entry.id);
    let is_new = entry.id.is_nil();
    let form_label = if is_new {
        "New certification".to_string()
    } else {
        format!("Edit {}", certification_title(&entry))
    };
    view! {
        <ActionForm action=action entry=entry_field(entry.id) attr:class="space-y-4" attr:novalidate=true attr:aria-label=form_label>
            <FormError error=form_error/>
            <input type="hidden" name="id" value=entry_field(entry.id)/>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField label="Certification" name="name" id=format!("{p}-name") value=entry.name error=field("name")/>
                <TextField label="Issued by" name="issuer" id=format!("{p}-issuer") value=entry.issuer error=field("issuer")/>
                <TextField label="Issued" name="issued" id=format!("{p}-issued") input_type="month" value=entry.issued error=field("issued")/>
                <TextField label="Expires (optional)" name="expires" id=format!("{p}-expires") input_type="month" value=entry.expires error=field("expires")/>
                <TextField label="Credential ID (optional)" name="credential_id" id=format!("{p}-credential_id") value=entry.credential_id error=field("credential_id")/>
                <TextField label="Verification link (optional)" name="credential_url" id=format!("{p}-credential_url") input_type="url" value=entry.credential_url error=field("credential_url")/>
            </div>
            <SubmitButton label=if is_new { "Add certification" } else { "Save certification" } pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn SkillSection(entries: Vec<SkillEntry>) -> impl IntoView {
    let count = entries.len();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let years = match e.years.as_str() {
                "" => String::new(),
                "1" => "1 year".to_string(),
                y => format!("{y} years"),
            };
            let details = vec![
                [
                    label_of(&e.proficiency, &PROFICIENCIES).to_string(),
                    years,
                    e.category.clone(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            ];
            view! {
                <EntryCard
                    kind=SectionKind::Skill
                    id=e.id
                    title=e.name.clone()
                    details=details
                    badge=e.is_primary.then(|| "Primary".to_string())
                    position=position
                    count=count
                >
                    <SkillForm entry=e.clone()/>
                </EntryCard>
            }
        })
        .collect_view()
        .into_any();
    view! {
        <EntriesSection
            kind=SectionKind::Skill
            title="Skills"
            empty="Add the skills employers should find you by."
            add_label="Add a skill"
            count=count
            entries=items
            add_form=|| view! { <SkillForm entry=SkillEntry { proficiency: "intermediate".into(), ..Default::default() }/> }
        />
    }
}

#[component]
fn SkillForm(entry: SkillEntry) -> impl IntoView {
    let action = ServerAction::<SaveSkill>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let p = form_prefix(SectionKind::Skill, entry.id);
    let is_new = entry.id.is_nil();
    let form_label = if is_new {
        "New skill".to_string()
    } else {
        format!("Edit {}", entry.name)
    };
    // Suggestions from the taxonomy as the name is typed.
    let suggestions = RwSignal::new(Vec::<String>::new());
    let list_id = format!("{p}-suggestions");
    let suggest = Callback::new(move |typed: String| {
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest_skills(typed).await {
                suggestions.set(found);
            }
        });
    });
    view! {
        <ActionForm action=action entry=entry_field(entry.id) attr:class="space-y-4" attr:novalidate=true attr:aria-label=form_label>
            <FormError error=form_error/>
            <input type="hidden" name="id" value=entry_field(entry.id)/>
            {is_new.then(|| view! {
                <TextField
                    label="Skill"
                    name="skill_name"
                    id=format!("{p}-skill_name")
                    hint="Start typing to pick from the list; a skill that is not listed is added as you write it."
                    list=list_id.clone()
                    on_input=suggest
                    error=field("skill_name")
                />
                <datalist id=list_id.clone()>
                    <For each=move || suggestions.get() key=|s| s.clone() let:name>
                        <option value=name></option>
                    </For>
                </datalist>
            })}
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Level" name="proficiency" id=format!("{p}-proficiency") options=choices(&PROFICIENCIES) selected=entry.proficiency error=field("proficiency")/>
                <TextField label="Years (optional)" name="years" id=format!("{p}-years") input_type="number" value=entry.years error=field("years")/>
            </div>
            <Toggle name="is_primary" label="One of my main skills" checked=entry.is_primary/>
            <SubmitButton label=if is_new { "Add skill" } else { "Save skill" } pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn ReferenceSection(entries: Vec<ReferenceEntry>) -> impl IntoView {
    let count = entries.len();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let role = match (e.job_title.as_str(), e.company.as_str()) {
                ("", "") => String::new(),
                (t, "") => t.to_string(),
                ("", c) => c.to_string(),
                (t, c) => format!("{t} at {c}"),
            };
            let details = vec![
                [label_of(&e.relationship, &RELATIONSHIPS).to_string(), role]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                [e.email.clone(), e.phone.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                if e.permission_to_contact {
                    "May be contacted".to_string()
                } else {
                    "Not to be contacted yet".to_string()
                },
            ];
            let status = label_of(&e.verification_status, &VERIFICATION_STATUSES).to_string();
            view! {
                <EntryCard kind=SectionKind::Reference id=e.id title=e.name.clone() details=details badge=Some(status) position=position count=count>
                    <ReferenceForm entry=e.clone()/>
                </EntryCard>
            }
        })
        .collect_view()
        .into_any();
    view! {
        <EntriesSection
            kind=SectionKind::Reference
            title="References"
            empty="Add people who can vouch for your work. Their email and phone are stored encrypted and never shown on your public profile."
            add_label="Add a reference"
            count=count
            entries=items
            add_form=|| view! { <ReferenceForm entry=ReferenceEntry { relationship: "manager".into(), ..Default::default() }/> }
        />
    }
}

#[component]
fn ReferenceForm(entry: ReferenceEntry) -> impl IntoView {
    let action = ServerAction::<SaveReference>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let p = form_prefix(SectionKind::Reference, entry.id);
    let is_new = entry.id.is_nil();
    let form_label = if is_new {
        "New reference".to_string()
    } else {
        format!("Edit {}", entry.name)
    };
    view! {
        <ActionForm action=action entry=entry_field(entry.id) attr:class="space-y-4" attr:novalidate=true attr:aria-label=form_label>
            <FormError error=form_error/>
            <input type="hidden" name="id" value=entry_field(entry.id)/>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField label="Name" name="name" id=format!("{p}-name") value=entry.name error=field("name")/>
                <SelectField label="How you know them" name="relationship" id=format!("{p}-relationship") options=choices(&RELATIONSHIPS) selected=entry.relationship error=field("relationship")/>
                <TextField label="Email" name="email" id=format!("{p}-email") input_type="email" value=entry.email error=field("email")/>
                <TextField label="Phone (optional)" name="phone" id=format!("{p}-phone") input_type="tel" value=entry.phone error=field("phone")/>
                <TextField label="Their job title (optional)" name="job_title" id=format!("{p}-job_title") value=entry.job_title error=field("job_title")/>
                <TextField label="Their company (optional)" name="company" id=format!("{p}-company") value=entry.company error=field("company")/>
            </div>
            <Toggle name="permission_to_contact" label="Employers may contact this reference" checked=entry.permission_to_contact/>
            <SubmitButton label=if is_new { "Add reference" } else { "Save reference" } pending=action.pending()/>
        </ActionForm>
    }
}

/// Work history, education, certifications and skills on the public profile.
#[component]
pub fn PublicSections(sections: ProfileSections) -> impl IntoView {
    let heading = "text-lg font-semibold";
    let work = (!sections.work.is_empty()).then(|| {
        view! {
            <section aria-labelledby="experience-heading">
                <h2 id="experience-heading" class=heading>"Experience"</h2>
                <ol class="mt-3 space-y-4 border-l-2 border-slate-200 pl-4">
                    {sections.work.into_iter().map(|e| view! {
                        <li>
                            <p class="font-semibold">{work_title(&e)}</p>
                            <p class="text-sm text-slate-600">
                                {period_label(&e.start, &e.end, e.is_current)}
                                {(!e.location.is_empty()).then(|| format!(" · {}", e.location))}
                            </p>
                            {(!e.description.is_empty()).then(|| view! {
                                <p class="mt-1 whitespace-pre-line text-slate-800">{e.description.clone()}</p>
                            })}
                            {(!e.achievements.is_empty()).then(|| view! {
                                <ul class="mt-1 list-disc pl-5 text-slate-800">
                                    {e.achievements.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        }
    });
    let education = (!sections.education.is_empty()).then(|| {
        view! {
            <section aria-labelledby="education-heading">
                <h2 id="education-heading" class=heading>"Education"</h2>
                <ul class="mt-3 space-y-3">
                    {sections.education.into_iter().map(|e| view! {
                        <li>
                            <p class="font-semibold">{education_title(&e)}</p>
                            <p class="text-sm text-slate-600">
                                {format!("{} · {}", e.institution, match e.end_year.as_str() {
                                    "" => format!("{} – ongoing", e.start_year),
                                    end => format!("{} – {end}", e.start_year),
                                })}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let certifications = (!sections.certifications.is_empty()).then(|| {
        view! {
            <section aria-labelledby="certifications-heading">
                <h2 id="certifications-heading" class=heading>"Certifications"</h2>
                <ul class="mt-3 space-y-2">
                    {sections.certifications.into_iter().map(|c| view! {
                        <li>
                            <p class="font-semibold">{c.name.clone()}</p>
                            <p class="text-sm text-slate-600">
                                {format!("{} · {}", c.issuer, rules::month_label(&c.issued))}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let skills = (!sections.skills.is_empty()).then(|| {
        view! {
            <section aria-labelledby="skills-heading">
                <h2 id="skills-heading" class=heading>"Skills"</h2>
                <ul class="mt-3 flex flex-wrap gap-2">
                    {sections.skills.into_iter().map(|s| {
                        let style = if s.is_primary {
                            "rounded-full bg-indigo-100 px-3 py-1 text-sm font-medium text-indigo-900"
                        } else {
                            "rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800"
                        };
                        view! {
                            <li class=style>
                                {s.name.clone()}
                                <span class="sr-only">{format!(", {}", label_of(&s.proficiency, &PROFICIENCIES))}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    view! { {work} {education} {certifications} {skills} }
}
