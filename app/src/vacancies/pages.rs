//! The employer's vacancy pages: the list at `/employer/vacancies` and the
//! editor with its live preview at `/employer/vacancies/new` and
//! `/employer/vacancies/{id}/edit`.

use super::api::{
    ChangeVacancyStatus, DuplicateVacancy, SaveVacancy, get_company_name, get_vacancies,
    get_vacancy,
};
use super::rules::{PublishCheck, VacancyStatus, publish_problems};
use super::{
    StatusChange, VacancyDisplay, VacancyEditor, VacancyForm, VacancyList, VacancySummary,
};
use crate::profiles::rules::{
    CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SALARY_PERIODS, SENIORITIES, money_to_minor,
};
use crate::ui::ActionForm;
use crate::ui::{
    DataTable, ErrorNotice, FormError, PageVersion, Section, SelectField, TextArea, TextField,
    Toggle, action_errors, choices, format_time, reload_on_success, uuid_param,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

const BUTTON: &str = "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:opacity-60";
const PRIMARY: &str = "bg-indigo-700 text-white shadow-sm hover:bg-indigo-800";
const SECONDARY: &str = "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50";

/// A vacancy's status as a coloured label.
#[component]
pub fn StatusBadge(status: VacancyStatus) -> impl IntoView {
    let colours = match status {
        VacancyStatus::Draft => "bg-slate-100 text-slate-800",
        VacancyStatus::Active => "bg-emerald-100 text-emerald-900",
        VacancyStatus::Paused => "bg-amber-100 text-amber-900",
        VacancyStatus::Filled => "bg-indigo-100 text-indigo-900",
        VacancyStatus::Closed => "bg-rose-100 text-rose-900",
        VacancyStatus::Archived => "bg-slate-200 text-slate-700",
        VacancyStatus::Hidden => "bg-red-100 text-red-800",
    };
    view! {
        <span class=format!("inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>
            {status.label()}
        </span>
    }
}

#[component]
pub fn VacanciesPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let data = Resource::new(status, get_vacancies);
    view! {
        <Title text="Vacancies"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! { <VacancyListView list=list status=status()/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn VacancyListView(list: VacancyList, status: String) -> impl IntoView {
    let total: i64 = list
        .counts
        .iter()
        .filter(|(s, _)| *s != VacancyStatus::Archived)
        .map(|(_, n)| n)
        .sum();
    let tab = |href: String, label: String, current: bool| {
        let class = if current {
            "rounded-full bg-indigo-700 px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100"
        };
        view! {
            <a href=href class=class aria-current=current.then_some("page")>{label}</a>
        }
    };
    let tabs = std::iter::once(tab(
        "/employer/vacancies".into(),
        format!("All ({total})"),
        status.is_empty(),
    ))
    .chain(list.counts.iter().map(|(s, n)| {
        tab(
            format!("/employer/vacancies?status={}", s.as_str()),
            format!("{} ({n})", s.label()),
            status == s.as_str(),
        )
    }))
    .collect_view();
    let may_create = list.may_create;
    let empty = list.vacancies.is_empty();
    let cards = list
        .vacancies
        .iter()
        .map(|v| view! { <VacancyCard v=v.clone() may_create/> })
        .collect_view();
    let rows = list
        .vacancies
        .into_iter()
        .map(|v| {
            let title = vacancy_title(&v, may_create);
            let public = v.slug.clone().filter(|_| v.status != VacancyStatus::Draft).map(|slug| {
                view! {
                    <a class="mr-3 text-xs text-slate-600 underline" href=super::vacancy_url(&slug)>"Job page"</a>
                }
            });
            let pipeline = view! {
                <a class="text-xs text-slate-600 underline" href=format!("/employer/vacancies/{}/pipeline", v.id)>"Applicants"</a>
            };
            view! {
                <tr>
                    <td class="px-4 py-3">{title}<div>{public}{pipeline}</div></td>
                    <td class="px-4 py-3"><StatusBadge status=v.status/></td>
                    <td class="px-4 py-3 text-slate-700">{v.place}</td>
                    <td class="whitespace-nowrap px-4 py-3 text-slate-700">
                        {v.expires_at.map(format_time).unwrap_or_else(|| "—".into())}
                    </td>
                    <td class="px-4 py-3 text-right tabular-nums">{v.views_count}</td>
                    <td class="px-4 py-3 text-right tabular-nums">{v.applications_count}</td>
                    <td class="px-4 py-3 text-right tabular-nums">{v.saves_count}</td>
                    <td class="px-4 py-3 text-right tabular-nums">
                        {v.likes_count}
                        {(v.super_likes_count > 0).then(|| view! { <span class="block text-xs text-amber-900">{format!("{} super", v.super_likes_count)}</span> })}
                        {v.like_rate.map(|r| view! { <span class="block text-xs text-slate-600">{format!("{r}% liked")}</span> })}
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <header class="mb-6 flex flex-wrap items-end justify-between gap-4">
            <div>
                <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">"Vacancies"</h1>
                <p class="mt-1 text-slate-600">{format!("Roles at {}", list.company_name)}</p>
            </div>
            {may_create.then(|| view! {
                <a href="/employer/vacancies/new" class=format!("{BUTTON} {PRIMARY}")>"New vacancy"</a>
            })}
        </header>
        <nav aria-label="Filter by status" class="mb-4 flex flex-wrap gap-2">{tabs}</nav>
        {if empty {
            view! {
                <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                    {if may_create {
                        "No vacancies here yet. Write one with “New vacancy”."
                    } else {
                        "No vacancies here yet. A colleague who may create roles can write one."
                    }}
                </p>
            }
            .into_any()
        } else {
            // Cards on phones, where eight columns would scroll sideways.
            view! {
                <ul class="space-y-3 sm:hidden">{cards}</ul>
                <div class="hidden sm:block">
                    <DataTable headers=&["Title", "Status", "Place", "Listed until", "Views", "Applications", "Saves", "Likes"]>
                        {rows}
                    </DataTable>
                </div>
            }
            .into_any()
        }}
    }
}

/// A vacancy's title: a link to its editor for those who may change it.
fn vacancy_title(v: &VacancySummary, may_create: bool) -> AnyView {
    if may_create {
        view! {
            <a class="font-medium text-indigo-700 underline" href=format!("/employer/vacancies/{}/edit", v.id)>
                {v.title.clone()}
            </a>
        }
        .into_any()
    } else {
        view! { <span class="font-medium">{v.title.clone()}</span> }.into_any()
    }
}

/// A vacancy on a phone: its applicants are the main way in.
#[component]
fn VacancyCard(v: VacancySummary, may_create: bool) -> impl IntoView {
    let title = vacancy_title(&v, may_create);
    let until = v.expires_at.map(|e| format!(" · until {}", format_time(e)));
    let public = v.slug.clone().filter(|_| v.status != VacancyStatus::Draft);
    view! {
        <li class="rounded-xl border border-slate-200 bg-white p-4">
            <div class="flex items-start justify-between gap-3">
                <h2 class="min-w-0 break-words">{title}</h2>
                <StatusBadge status=v.status/>
            </div>
            <p class="mt-1 text-sm text-slate-700">{v.place.clone()}{until}</p>
            <p class="mt-1 text-sm text-slate-600">
                {format!("{} views · {} saves · {} likes", v.views_count, v.saves_count, v.likes_count)}
            </p>
            <div class="mt-3 flex flex-wrap items-center gap-3">
                <a class=crate::ui::PRIMARY_BUTTON href=format!("/employer/vacancies/{}/pipeline", v.id)>
                    {crate::ui::count(v.applications_count.into(), "applicant", "applicants")}
                </a>
                {public.map(|slug| view! {
                    <a class="text-sm font-medium text-indigo-700 underline" href=super::vacancy_url(&slug)>"Job page"</a>
                })}
            </div>
        </li>
    }
}

#[component]
pub fn NewVacancyPage() -> impl IntoView {
    let company = Resource::new(|| (), |_| get_company_name());
    view! {
        <Title text="New vacancy"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match company.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(name) => {
                        let form = VacancyForm {
                            employment_type: "full_time".into(),
                            remote_option: "on_site".into(),
                            salary_period: "year".into(),
                            ..VacancyForm::default()
                        };
                        view! { <Editor id=None status=VacancyStatus::Draft company_name=name form=form/> }
                            .into_any()
                    }
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
pub fn EditVacancyPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let id = uuid_param("id");
    let data = Resource::new(
        move || (id(), version.get()),
        |(id, _)| get_vacancy(id.map(|id| id.to_string()).unwrap_or_default()),
    );
    view! {
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <Title text="Vacancy"/><ErrorNotice error=e/> }.into_any(),
                    Ok(v) => view! { <EditorWithStatus v=v/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn EditorWithStatus(v: VacancyEditor) -> impl IntoView {
    let for_status = v.clone();
    view! {
        <Title text=format!("Edit: {}", v.form.title)/>
        <Editor id=Some(v.id) status=v.status company_name=v.company_name.clone() form=v.form.clone()>
            <StatusSection v=for_status/>
        </Editor>
        <div class="mt-6">
            <HistorySection history=v.history/>
        </div>
    }
}

/// The form and, beside it, the vacancy as candidates will read it,
/// updated as the employer types.
#[component]
fn Editor(
    id: Option<Uuid>,
    status: VacancyStatus,
    company_name: String,
    form: VacancyForm,
    /// Shown between the heading and the form (the status of a saved one).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let action = ServerAction::<SaveVacancy>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let company = (!form.is_confidential).then(|| company_name.clone());
    let preview = RwSignal::new(VacancyDisplay::from_form(&form, company));
    let draft = RwSignal::new(form.clone());
    let read_form = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(element) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&element) else {
            return;
        };
        let form = form_from_data(&data);
        let company = (!form.is_confidential).then(|| company_name.clone());
        preview.set(VacancyDisplay::from_form(&form, company));
        draft.set(form);
    };
    let read_change = read_form.clone();
    let heading = if id.is_some() {
        "Edit vacancy"
    } else {
        "New vacancy"
    };
    let is_draft = status == VacancyStatus::Draft;
    let problems = move || {
        draft.with(|f| {
            publish_problems(&PublishCheck {
                description: &f.description,
                has_salary: money_to_minor(&f.salary_min).ok().flatten().is_some()
                    && money_to_minor(&f.salary_max).ok().flatten().is_some()
                    && !f.salary_currency.is_empty()
                    && !f.salary_period.is_empty(),
                remote_option: &f.remote_option,
                city: &f.city,
                // A day gone by is the server's to say, by its own clock.
                apply_by_passed: false,
            })
            .into_iter()
            .map(|(_, message)| message)
            .collect::<Vec<_>>()
        })
    };
    let currencies = CURRENCIES
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect::<Vec<_>>();
    view! {
        <header class="mb-6 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{heading}</h1>
            <StatusBadge status=status/>
            <a class="ml-auto text-sm font-medium text-indigo-700 underline" href="/employer/vacancies">"All vacancies"</a>
        </header>
        {children.map(|c| view! { <div class="mb-6">{c()}</div> })}
        <div class="grid gap-6 lg:grid-cols-2">
            <div on:input=read_form on:change=read_change>
                <ActionForm action=action attr:class="space-y-6" attr:novalidate=true>
                    <input type="hidden" name="id" value=id.map(|id| id.to_string()).unwrap_or_default()/>
                    <FormError error=form_error/>
                    <Section id="role" title="The role">
                        <div class="space-y-4">
                            <TextField label="Job title" name="title" required=true value=form.title error=field("title")/>
                            <div class="grid gap-4 sm:grid-cols-2">
                                <SelectField label="Seniority" name="seniority" options=choices(&SENIORITIES) selected=form.seniority empty="Not set" error=field("seniority")/>
                                <TextField label="Department (optional)" name="department" value=form.department error=field("department")/>
                                <SelectField label="Kind of work" name="employment_type" options=choices(&EMPLOYMENT_TYPES) selected=form.employment_type error=field("employment_type")/>
                                <TextField label="Work schedule (optional)" name="work_schedule" hint="Like Monday to Friday, 9 to 5." value=form.work_schedule error=field("work_schedule")/>
                            </div>
                            <TextArea label="Description" name="description" rows=6 value=form.description hint="What the role is about, in a few sentences." error=field("description")/>
                            <TextArea label="Responsibilities" name="responsibilities" rows=4 value=form.responsibilities hint="One per line." error=field("responsibilities")/>
                            <TextArea label="Requirements" name="requirements" rows=4 value=form.requirements hint="One per line." error=field("requirements")/>
                            <TextArea label="Preferred qualifications (optional)" name="preferred_qualifications" rows=3 value=form.preferred_qualifications error=field("preferred_qualifications")/>
                            <TextArea label="Benefits (optional)" name="benefits" rows=3 value=form.benefits hint="One per line." error=field("benefits")/>
                        </div>
                    </Section>
                    <Section id="fit" title="Who fits">
                        <div class="space-y-4">
                            <TextField label="Required skills" name="required_skills" value=form.required_skills hint="Separated by commas, like SQL, Python. New skills are added for review." error=field("required_skills")/>
                            <TextField label="Preferred skills (optional)" name="preferred_skills" value=form.preferred_skills hint="Separated by commas." error=field("preferred_skills")/>
                            <div class="grid gap-4 sm:grid-cols-2">
                                <TextField label="Years of experience, from" name="years_min" input_type="number" value=form.years_min error=field("years_min")/>
                                <TextField label="Years of experience, to" name="years_max" input_type="number" value=form.years_max error=field("years_max")/>
                            </div>
                            <TextField label="Education required (optional)" name="education_required" value=form.education_required error=field("education_required")/>
                        </div>
                    </Section>
                    <Section id="place" title="Place and pay">
                        <div class="space-y-4">
                            <SelectField label="Where the work happens" name="remote_option" options=choices(&REMOTE_PREFERENCES[1..]) selected=form.remote_option error=field("remote_option")/>
                            <div class="grid gap-4 sm:grid-cols-3">
                                <TextField label="City" name="city" value=form.city error=field("city")/>
                                <TextField label="State or region" name="region" value=form.region error=field("region")/>
                                <TextField label="Country" name="country" value=form.country error=field("country")/>
                            </div>
                            <TextField label="Address (optional)" name="address" value=form.address error=field("address")/>
                            <div class="grid gap-4 sm:grid-cols-2">
                                <TextField label="Salary from" name="salary_min" input_type="text" hint="Required to publish: every listing shows its pay." value=form.salary_min error=field("salary_min")/>
                                <TextField label="Salary to" name="salary_max" input_type="text" value=form.salary_max error=field("salary_max")/>
                                <SelectField label="Currency" name="salary_currency" options=currencies selected=form.salary_currency empty="Choose…" error=field("salary_currency")/>
                                <SelectField label="Salary period" name="salary_period" options=choices(&SALARY_PERIODS) selected=form.salary_period error=field("salary_period")/>
                            </div>
                        </div>
                    </Section>
                    <Section id="dates" title="Dates and visibility">
                        <div class="space-y-4">
                            <div class="grid gap-4 sm:grid-cols-2">
                                <TextField label="Apply by (optional)" name="application_deadline" input_type="date" hint="The listing closes once this day is over." value=form.application_deadline error=field("application_deadline")/>
                                <TextField label="Expected start (optional)" name="expected_start_date" input_type="date" value=form.expected_start_date error=field("expected_start_date")/>
                            </div>
                            <Toggle name="is_confidential" label="Confidential: hide the company's name until a candidate applies or accepts an introduction" checked=form.is_confidential/>
                        </div>
                    </Section>
                    <div class="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 px-1 py-3">
                        <button type="submit" class=format!("{BUTTON} {}", if is_draft { SECONDARY } else { PRIMARY }) disabled=move || action.pending().get()>
                            {if is_draft { "Save draft" } else { "Save changes" }}
                        </button>
                        {is_draft.then(|| view! {
                            <button type="submit" name="publish" value="1" class=format!("{BUTTON} {PRIMARY}") disabled=move || action.pending().get()>
                                "Publish"
                            </button>
                        })}
                    </div>
                </ActionForm>
            </div>
            <aside aria-labelledby="preview-heading" class="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
                <h2 id="preview-heading" class="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">"Preview"</h2>
                {is_draft.then(|| view! {
                    <div class="mb-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-live="polite">
                        {move || {
                            let missing = problems();
                            if missing.is_empty() {
                                view! { <p class="font-medium text-emerald-800">"Ready to publish."</p> }.into_any()
                            } else {
                                view! {
                                    <p class="font-medium text-slate-800">"Before publishing:"</p>
                                    <ul class="mt-1 list-disc pl-5 text-slate-700">
                                        {missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }
                        }}
                    </div>
                })}
                <div class="rounded-xl border border-slate-200 bg-white p-6">
                    {move || view! { <VacancyDetails d=preview.get()/> }}
                </div>
            </aside>
        </div>
    }
}

/// The editor's fields as the browser's form holds them right now.
fn form_from_data(data: &web_sys::FormData) -> VacancyForm {
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    VacancyForm {
        title: text("title"),
        description: text("description"),
        responsibilities: text("responsibilities"),
        requirements: text("requirements"),
        benefits: text("benefits"),
        preferred_qualifications: text("preferred_qualifications"),
        seniority: text("seniority"),
        department: text("department"),
        employment_type: text("employment_type"),
        work_schedule: text("work_schedule"),
        remote_option: text("remote_option"),
        country: text("country"),
        region: text("region"),
        city: text("city"),
        address: text("address"),
        salary_min: text("salary_min"),
        salary_max: text("salary_max"),
        salary_currency: text("salary_currency"),
        salary_period: text("salary_period"),
        years_min: text("years_min"),
        years_max: text("years_max"),
        education_required: text("education_required"),
        required_skills: text("required_skills"),
        preferred_skills: text("preferred_skills"),
        is_confidential: data.has("is_confidential"),
        application_deadline: text("application_deadline"),
        expected_start_date: text("expected_start_date"),
    }
}

/// A heading of the given level (1 to 4).
#[component]
fn Heading(level: u8, class: &'static str, children: Children) -> impl IntoView {
    match level {
        1 => view! { <h1 class=class>{children()}</h1> }.into_any(),
        2 => view! { <h2 class=class>{children()}</h2> }.into_any(),
        3 => view! { <h3 class=class>{children()}</h3> }.into_any(),
        _ => view! { <h4 class=class>{children()}</h4> }.into_any(),
    }
}

/// A vacancy as candidates read it. On its own page the title is the
/// page's heading; in the editor's preview it sits under "Preview".
#[component]
pub fn VacancyDetails(d: VacancyDisplay, #[prop(default = 3)] title_level: u8) -> impl IntoView {
    let part = title_level + 1;
    let facts = [
        Some(d.employment_type.clone()),
        Some(d.remote.clone()),
        d.seniority.clone(),
        d.experience.clone(),
        (!d.department.is_empty()).then(|| d.department.clone()),
        (!d.work_schedule.is_empty()).then(|| d.work_schedule.clone()),
    ]
    .into_iter()
    .flatten()
    .map(|f| view! { <li class="rounded-full bg-slate-100 px-2.5 py-0.5 text-slate-800">{f}</li> })
    .collect_view();
    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <Heading level=part class="mt-5 font-semibold text-slate-900">{title}</Heading>
                <ul class="mt-2 list-disc space-y-1 pl-5 text-slate-800">
                    {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let skills = |title: &'static str, names: Vec<String>, colours: &'static str| {
        (!names.is_empty()).then(|| {
            view! {
                <Heading level=part class="mt-5 font-semibold text-slate-900">{title}</Heading>
                <ul class="mt-2 flex flex-wrap gap-2 text-sm">
                    {names
                        .into_iter()
                        .map(|n| view! { <li class=format!("rounded-md px-2 py-0.5 {colours}")>{n}</li> })
                        .collect_view()}
                </ul>
            }
        })
    };
    let dates = [
        d.application_deadline.map(|day| format!("Apply by {day}")),
        d.expected_start_date
            .map(|day| format!("Starts around {day}")),
        (!d.education_required.is_empty()).then(|| format!("Education: {}", d.education_required)),
    ]
    .into_iter()
    .flatten()
    .map(|line| view! { <p>{line}</p> })
    .collect_view();
    view! {
        <article class="text-sm sm:text-base">
            <Heading level=title_level class="text-xl font-semibold text-slate-900 break-words sm:text-2xl">
                {if d.title.is_empty() { "Job title".to_string() } else { d.title }}
            </Heading>
            <p class="mt-1 text-slate-700">
                {d.company.unwrap_or_else(|| "A confidential company".into())}
                {(!d.place.is_empty()).then(|| format!(" · {}", d.place))}
            </p>
            <p class="mt-3 text-lg font-semibold text-emerald-900">
                {d.salary.unwrap_or_else(|| "Salary not given yet".into())}
            </p>
            <ul class="mt-3 flex flex-wrap gap-2 text-sm">{facts}</ul>
            {(!d.description.is_empty()).then(|| view! {
                <p class="mt-5 whitespace-pre-line text-slate-800">{d.description}</p>
            })}
            {list("Responsibilities", d.responsibilities)}
            {list("Requirements", d.requirements)}
            {(!d.preferred_qualifications.is_empty()).then(|| view! {
                <Heading level=part class="mt-5 font-semibold text-slate-900">"Nice to have"</Heading>
                <p class="mt-2 whitespace-pre-line text-slate-800">{d.preferred_qualifications}</p>
            })}
            {skills("Required skills", d.required_skills, "bg-indigo-100 text-indigo-900")}
            {skills("Preferred skills", d.preferred_skills, "bg-slate-100 text-slate-800")}
            {list("Benefits", d.benefits)}
            <div class="mt-5 space-y-1 text-sm text-slate-700">{dates}</div>
        </article>
    }
}

/// The buttons that move the vacancy through its lifecycle, and duplicating.
#[component]
fn StatusSection(v: VacancyEditor) -> impl IntoView {
    let change = ServerAction::<ChangeVacancyStatus>::new();
    reload_on_success(change.value());
    let (_, change_error) = action_errors(change.value());
    let duplicate = ServerAction::<DuplicateVacancy>::new();
    let (_, duplicate_error) = action_errors(duplicate.value());
    let id = v.id.to_string();
    let buttons = v
        .actions
        .into_iter()
        .filter(|a| *a != super::rules::StatusAction::Publish)
        .map(|a| {
            let id = id.clone();
            view! {
                <ActionForm action=change>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value=a.as_str()/>
                    <button type="submit" class=format!("{BUTTON} {SECONDARY}") disabled=move || change.pending().get()>
                        {a.label()}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    let listing = match (v.status, v.slug.clone(), v.expires_at) {
        (VacancyStatus::Draft, _, _) | (_, None, _) => None,
        (status, Some(slug), expires) => Some(view! {
            <p class="text-sm text-slate-700">
                <a class="font-medium text-indigo-700 underline" href=format!("/employer/vacancies/{}/pipeline", v.id)>"Applicants"</a>
                " · "
                <a class="font-medium text-indigo-700 underline" href=super::vacancy_url(&slug)>"See the job page"</a>
                {(status == VacancyStatus::Active || status == VacancyStatus::Paused)
                    .then(|| expires.map(|e| format!(" · listed until {}", format_time(e))))
                    .flatten()}
            </p>
        }),
    };
    view! {
        <Section id="status" title="Status">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <div class="space-y-1">
                    <p class="flex items-center gap-2 text-sm text-slate-800">"Now: " <StatusBadge status=v.status/></p>
                    {listing}
                </div>
                <div class="flex flex-wrap gap-2">
                    {buttons}
                    <ActionForm action=duplicate>
                        <input type="hidden" name="id" value=id.clone()/>
                        <button type="submit" class=format!("{BUTTON} {SECONDARY}") disabled=move || duplicate.pending().get()>
                            "Duplicate as new draft"
                        </button>
                    </ActionForm>
                </div>
            </div>
            <div class="mt-3 space-y-2">
                <FormError error=change_error/>
                <FormError error=duplicate_error/>
            </div>
        </Section>
    }
}

#[component]
fn HistorySection(history: Vec<StatusChange>) -> impl IntoView {
    let empty = history.is_empty();
    view! {
        <Section id="history" title="History">
            {if empty {
                view! { <p class="text-sm text-slate-700">"Not published yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="space-y-2 text-sm">
                        {history
                            .into_iter()
                            .rev()
                            .map(|h| {
                                let what = match h.from {
                                    Some(from) => format!("{} → {}", from.label(), h.to.label()),
                                    None => h.to.label().to_string(),
                                };
                                let who = h.by.unwrap_or_else(|| "automatically, when the listing ended".into());
                                view! {
                                    <li class="flex flex-wrap justify-between gap-x-4 border-b border-slate-100 pb-2">
                                        <span class="font-medium text-slate-900">{what}</span>
                                        <span class="text-slate-600">{format!("{} · {}", format_time(h.at), who)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </Section>
    }
}
