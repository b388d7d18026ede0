//! `/company`, where an employer sets up or edits their company, and
//! `/companies/{slug}`, the company's public page.

use super::api::{
    CreateCompany, DeleteLogo, DeleteMemberPhoto, SaveCompany, SaveMemberDetails, UploadLogo,
    UploadMemberPhoto, get_my_company, get_public_company,
};
use super::rules::COMPANY_SIZES;
use super::{CompanyForm, MemberDetails, MyCompany, PublicCompany};
use crate::error::AppError;
use crate::media::pages::UploadForm;
use crate::profiles::rules::label_of;
use crate::ui::ActionForm;
use crate::ui::{
    ErrorNotice, FormError, PageHeading, PageVersion, Section, SelectField, SubmitButton, TextArea,
    TextField, action_errors, choices, reload_on_success,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// A small badge: verified companies are checked by our team.
/// The verified mark. A company's own people (`own`) also see that it is
/// still waiting; others see nothing until it is verified.
#[component]
pub fn VerifiedBadge(verified: bool, #[prop(optional)] own: bool) -> impl IntoView {
    if verified {
        view! {
            <span class="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-900">
                <span aria-hidden="true">"✓"</span>
                "Verified"
            </span>
        }
        .into_any()
    } else if own {
        view! {
            <span class="inline-flex items-center rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700">
                "Verification pending"
            </span>
        }
        .into_any()
    } else {
        ().into_any()
    }
}

/// The company's logo, or its initial on a coloured square.
#[component]
pub fn Logo(
    name: String,
    url: Option<String>,
    #[prop(default = "h-16 w-16")] size: &'static str,
) -> impl IntoView {
    match url {
        Some(src) => view! {
            <img src=src alt=format!("{name} logo") class=format!("{size} shrink-0 rounded-lg border border-slate-200 bg-white object-contain")/>
        }
        .into_any(),
        None => {
            let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
            view! {
                <div aria-hidden="true" class=format!("{size} flex shrink-0 items-center justify-center rounded-lg bg-indigo-100 text-2xl font-bold text-indigo-800")>
                    {initial}
                </div>
            }
            .into_any()
        }
    }
}

/// A team member's photo, or their initial on a coloured circle.
#[component]
pub fn Avatar(
    /// Their name (or email when they have not given one).
    name: String,
    url: Option<String>,
    #[prop(default = "h-12 w-12")] size: &'static str,
) -> impl IntoView {
    match url {
        Some(src) => view! {
            <img src=src alt=format!("Photo of {name}") class=format!("{size} shrink-0 rounded-full border border-slate-200 object-cover")/>
        }
        .into_any(),
        None => {
            let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
            view! {
                <div aria-hidden="true" class=format!("{size} flex shrink-0 items-center justify-center rounded-full bg-slate-200 text-lg font-semibold text-slate-700")>
                    {initial}
                </div>
            }
            .into_any()
        }
    }
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let data = Resource::new(move || version.get(), |_| get_my_company());
    view! {
        <Title text="Your company"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(d) => match d.company {
                        None => view! { <CreateCompanySection industries=d.industries/> }.into_any(),
                        Some(c) => view! { <CompanyEditor c=c industries=d.industries/> }.into_any(),
                    },
                }
            })}
        </crate::ui::PageData>
    }
}

/// The fields of the company form, shared by setting up and editing.
#[component]
fn CompanyFields(
    form: CompanyForm,
    industries: Vec<(Uuid, String)>,
    field: impl Fn(&'static str) -> Signal<Option<String>> + Copy + 'static,
) -> impl IntoView {
    let industries = industries
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <TextField label="Company name" name="name" autocomplete="organization" value=form.name error=field("name")/>
        <div class="grid gap-4 sm:grid-cols-2">
            <SelectField label="Industry" name="industry_id" options=industries selected=form.industry_id empty="Choose…" error=field("industry_id")/>
            <SelectField label="Company size" name="company_size" options=choices(&COMPANY_SIZES) selected=form.company_size empty="Choose…" error=field("company_size")/>
        </div>
        <TextField label="Headquarters" name="headquarters" hint="City and country, like Lagos, Nigeria." value=form.headquarters error=field("headquarters")/>
        <TextField label="Website (optional)" name="website" input_type="url" hint="Candidates can hide from everyone with an email address at this domain." value=form.website error=field("website")/>
        <TextField label="LinkedIn page (optional)" name="linkedin_url" input_type="url" value=form.linkedin_url error=field("linkedin_url")/>
        <TextArea label="About the company (optional)" name="description" rows=6 value=form.description error=field("description")/>
    }
}

#[component]
fn CreateCompanySection(industries: Vec<(Uuid, String)>) -> impl IntoView {
    let action = ServerAction::<CreateCompany>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    view! {
        <PageHeading
            title="Set up your company"
            subtitle=Some("Candidates see this on your company page. You become its owner and can invite your team.")
        />
        <div class="grid gap-6 lg:grid-cols-3">
            <div class="lg:col-span-2">
                <Section id="company" title="Company details">
                    <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                        <FormError error=form_error/>
                        <CompanyFields form=CompanyForm::default() industries=industries field=field/>
                        <SubmitButton label="Create company" pending=action.pending()/>
                    </ActionForm>
                </Section>
            </div>
            <aside class="rounded-xl border border-indigo-100 bg-indigo-50 p-6 text-sm text-indigo-950">
                <h2 class="font-semibold">"Joining a team?"</h2>
                <p class="mt-2">
                    "If your company is already on Hirewell, ask one of its admins to invite you, then open the link in the invitation email."
                </p>
            </aside>
        </div>
    }
}

#[component]
fn CompanyEditor(c: MyCompany, industries: Vec<(Uuid, String)>) -> impl IntoView {
    let manages = c.my_role.manages();
    view! {
        <header class="mb-6 flex flex-wrap items-center gap-4">
            <Logo name=c.form.name.clone() url=c.logo_url.clone()/>
            <div class="min-w-0">
                <h1 class="text-2xl font-semibold tracking-tight text-slate-900 break-words sm:text-3xl">{c.form.name.clone()}</h1>
                <div class="mt-1 flex flex-wrap items-center gap-3 text-sm">
                    <VerifiedBadge verified=c.verified own=true/>
                    <span class="text-slate-700">{format!("You are {}", c.my_role.label().to_lowercase())}</span>
                    <a class="font-medium text-indigo-700 underline" href=format!("/companies/{}", c.slug)>"See the public page"</a>
                    <a class="font-medium text-indigo-700 underline" href="/company/team">"Team"</a>
                    {c.manages_billing.then(|| view! {
                        <a class="font-medium text-indigo-700 underline" href="/company/billing">"Billing"</a>
                    })}
                </div>
            </div>
        </header>
        <div class="grid gap-6 lg:grid-cols-2">
            {if manages {
                view! { <EditCompanySection form=c.form.clone() industries=industries/> }.into_any()
            } else {
                view! {
                    <Section id="company" title="Company details">
                        <p class="text-sm text-slate-700">"Only owners and admins can change the company page."</p>
                    </Section>
                }
                .into_any()
            }}
            <div class="space-y-6">
                {manages.then(|| view! { <LogoSection has_logo=c.logo_url.is_some()/> })}
                <MemberDetailsSection me=c.me.clone() photo_url=c.my_photo_url.clone()/>
            </div>
        </div>
    }
}

#[component]
fn EditCompanySection(form: CompanyForm, industries: Vec<(Uuid, String)>) -> impl IntoView {
    let action = ServerAction::<SaveCompany>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="company" title="Company details">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <CompanyFields form=form industries=industries field=field/>
                <SubmitButton label="Save company" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn LogoSection(has_logo: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteLogo>::new();
    reload_on_success(delete.value());
    let bump = PageVersion::bumper();
    let (_, delete_error) = action_errors(delete.value());
    view! {
        <Section id="logo" title="Logo">
            {has_logo.then(|| view! {
                <ActionForm action=delete>
                    <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
                        "Remove the logo"
                    </button>
                </ActionForm>
                <FormError error=delete_error/>
            })}
            <UploadForm
                action=UploadLogo::PATH
                field="logo"
                label=if has_logo { "Replace the logo" } else { "Add a logo" }
                accept="image/jpeg,image/png,image/webp"
                hint="JPEG, PNG or WebP, up to 5 MB. A square image looks best."
                button="Upload logo"
                then="/company?notice=logo_uploaded#logo"
                on_uploaded=Callback::new(move |()| bump())
            />
        </Section>
    }
}

#[component]
fn MemberDetailsSection(me: MemberDetails, photo_url: Option<String>) -> impl IntoView {
    let action = ServerAction::<SaveMemberDetails>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let remove_photo = ServerAction::<DeleteMemberPhoto>::new();
    reload_on_success(remove_photo.value());
    let (_, remove_photo_error) = action_errors(remove_photo.value());
    let bump = PageVersion::bumper();
    let has_photo = photo_url.is_some();
    let name = format!("{} {}", me.first_name, me.last_name)
        .trim()
        .to_string();
    view! {
        <Section id="me" title="Your details">
            <p class="mb-4 text-sm text-slate-600">"How you appear to your team and, later, to candidates you contact."</p>
            <div class="mb-4 flex items-center gap-4">
                <Avatar name=if name.is_empty() { "You".to_string() } else { name } url=photo_url size="h-16 w-16"/>
                {has_photo.then(|| view! {
                    <ActionForm action=remove_photo>
                        <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
                            "Remove your photo"
                        </button>
                    </ActionForm>
                })}
            </div>
            <FormError error=remove_photo_error/>
            <UploadForm
                action=UploadMemberPhoto::PATH
                field="photo"
                label=if has_photo { "Replace your photo" } else { "Add your photo" }
                accept="image/jpeg,image/png,image/webp"
                hint="JPEG, PNG or WebP, up to 5 MB. Your team sees it next to your name."
                button="Upload photo"
                then="/company?notice=member_photo_uploaded#me"
                on_uploaded=Callback::new(move |()| bump())
            />
            <hr class="my-6 border-slate-200"/>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="First name" name="first_name" autocomplete="given-name" value=me.first_name error=field("first_name")/>
                    <TextField label="Last name" name="last_name" autocomplete="family-name" value=me.last_name error=field("last_name")/>
                </div>
                <TextField label="Job title" name="job_title" autocomplete="organization-title" value=me.job_title error=field("job_title")/>
                <TextField label="Department (optional)" name="department" value=me.department error=field("department")/>
                <SubmitButton label="Save your details" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
pub fn PublicCompanyPage() -> impl IntoView {
    let params = use_params_map();
    let page = crate::ui::page_in_address();
    let company = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), page()),
        |(slug, page)| get_public_company(slug, Some(page)),
    );
    view! {
        <Suspense fallback=|| view! { <crate::ui::PageSkeleton label="Loading…"/> }>
            {move || Suspend::new(async move {
                match company.await {
                    Err(AppError::NotFound) => view! { <crate::ui::NotFound/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) => view! { <CompanyProfile c=c/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompanyProfile(c: PublicCompany) -> impl IntoView {
    let facts = [
        ("Industry", c.industry.clone().unwrap_or_default()),
        (
            "Size",
            label_of(&c.company_size, &COMPANY_SIZES).to_string(),
        ),
        ("Headquarters", c.headquarters.clone()),
        (
            "Answers to introduction requests",
            c.responses.map(|r| r.summary()).unwrap_or_default(),
        ),
    ];
    view! {
        <Title text=c.name.clone()/>
        <article class="rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
            <header class="flex flex-wrap items-center gap-5 border-b border-slate-200 pb-6">
                <Logo name=c.name.clone() url=c.logo_url.clone() size="h-20 w-20"/>
                <div class="min-w-0">
                    <h1 class="text-3xl font-semibold tracking-tight break-words">{c.name.clone()}</h1>
                    <div class="mt-2 flex flex-wrap items-center gap-3">
                        <VerifiedBadge verified=c.verified own=c.can_edit/>
                        {c.can_edit.then(|| view! {
                            <a class="text-sm font-medium text-indigo-700 underline" href="/company">"Edit the company page"</a>
                        })}
                    </div>
                </div>
            </header>
            <div class="mt-6 grid gap-8 md:grid-cols-3">
                <section aria-labelledby="about-heading" class="md:col-span-2">
                    <h2 id="about-heading" class="text-lg font-semibold">"About"</h2>
                    <p class="mt-2 whitespace-pre-line text-slate-800">
                        {c.description.clone().unwrap_or_else(|| "This company has not written about itself yet.".into())}
                    </p>
                </section>
                <section aria-labelledby="facts-heading">
                    <h2 id="facts-heading" class="text-lg font-semibold">"Facts"</h2>
                    <dl class="mt-2 space-y-3 text-sm">
                        {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! {
                            <div>
                                <dt class="text-slate-600">{k}</dt>
                                <dd class="text-slate-900">{v}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                    <ul class="mt-4 space-y-2 text-sm">
                        {c.website.clone().map(|w| view! {
                            <li><a class="font-medium text-indigo-700 underline" href=w rel="nofollow noopener" target="_blank">"Website"</a></li>
                        })}
                        {c.linkedin_url.clone().map(|l| view! {
                            <li><a class="font-medium text-indigo-700 underline" href=l rel="nofollow noopener" target="_blank">"LinkedIn page"</a></li>
                        })}
                    </ul>
                    {(!c.can_edit).then(|| view! {
                        <p class="mt-6"><crate::moderation::pages::ReportLink entity=crate::moderation::rules::Entity::Company id=c.id/></p>
                    })}
                </section>
            </div>
        </article>
        <OpenRoles c=c/>
    }
}

/// The company's open roles, featured then newest, a page at a time, or
/// where to look instead.
#[component]
fn OpenRoles(c: PublicCompany) -> impl IntoView {
    let count = match c.open_roles {
        0 => None,
        1 => Some("1 open role".to_string()),
        n => Some(format!("{n} open roles")),
    };
    let slug = c.slug.clone();
    let address = move |page: i64| match page {
        1 => format!("/companies/{slug}"),
        page => format!("/companies/{slug}?page={page}"),
    };
    let pages = crate::ui::page_count(c.open_roles, super::ROLES_PER_PAGE);
    let pager = (pages > 1 && !c.roles.is_empty()).then(|| {
        let address = address.clone();
        let link = move |page: i64| format!("{}#roles-heading", address(page));
        view! { <crate::ui::Pager page=c.roles_page pages=pages link=link/> }
    });
    let empty = |text: String, next: &'static str, href: String| {
        view! { <div class="mt-3"><crate::ui::EmptyState text next href/></div> }.into_any()
    };
    let list = if c.roles.is_empty() && c.open_roles > 0 {
        // An address past the last page.
        let first = format!("{}#roles-heading", address(1));
        empty(
            "This page is past the last of its open roles.".into(),
            "See the first page",
            first,
        )
    } else if c.roles.is_empty() {
        let (next, href) = if c.can_edit {
            ("Post a vacancy", "/employer/vacancies/new")
        } else {
            ("Browse all jobs", "/jobs")
        };
        empty(
            format!("{} has no open roles right now.", c.name),
            next,
            href.into(),
        )
    } else {
        crate::board::pages::preload_save_buttons(&c.roles);
        let back = address(c.roles_page);
        let now = c.now;
        view! {
            <ol class="mt-3 space-y-3">
                {c.roles.into_iter().map(|hit| view! {
                    <li><crate::board::pages::HitCard hit=hit now=now back=back.clone() show_company=false/></li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="roles-heading" class="mt-8">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="roles-heading" class="text-xl font-semibold tracking-tight">"Open roles"</h2>
                {count.map(|count| view! { <p class="text-sm text-slate-700">{count}</p> })}
            </div>
            {list}
            {pager}
        </section>
    }
}
