//! Every page route of the site, in one place. (Plain HTTP routes such as
//! health checks live in the server crate's `routes.rs`.)

use crate::admin::pages::{AdminCompaniesPage, AdminOverviewPage, AdminUsersPage};
use crate::admin::person::pages::AdminPersonPage;
use crate::applications::pages::{ApplicationsPage, SavedPage};
use crate::applications::pipeline_pages::PipelinePage;
use crate::audit::pages::AdminAuditPage;
use crate::auth::account::AccountPage;
use crate::auth::pages::{
    ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, SignInLinkPage, VerifyEmailPage,
};
use crate::auth::second_factor::pages::SecondFactorPage;
use crate::billing::admin::pages::{AdminBillingPage, AdminCompanyBillingPage, AdminInvoicePage};
use crate::billing::admin::plans::pages::{AdminPlanPage, AdminPlansPage};
use crate::billing::pages::{BillingPage, InvoicePage, PricingPage};
use crate::billing::plus::pages::PlusPage;
use crate::billing::test_checkout::TestCheckoutPage;
use crate::board::pages::{JobPage, JobsPage};
use crate::chat::pages::{MessagesPage, ThreadPage};
use crate::companies::pages::{CompanyPage, PublicCompanyPage};
use crate::companies::team::pages::{JoinCompanyPage, TeamPage};
use crate::home::pages::HomePage;
use crate::introductions::pages::{AskPage, ReceivedOnePage, ReceivedPage, SentPage};
use crate::mail::admin::{AdminEmailTemplatePage, AdminEmailsPage};
use crate::mail::mailbox::{MailboxMessagePage, MailboxPage};
use crate::mail::unsubscribe::UnsubscribePage;
use crate::moderation::pages::{AdminCasePage, AdminModerationPage, DecisionPage, ReportPage};
use crate::notifications::pages::NotificationsPage;
use crate::profiles::onboarding::WelcomePage;
use crate::profiles::pages::{ProfilePage, PublicProfilePage};
use crate::settings::pages::SettingsPage;
use crate::swipe::pages::{QueuePage, SwipePage};
use crate::system_settings::pages::AdminSettingsPage;
use crate::talent::pages::{SavedTalentPage, TalentPage};
use crate::ui::{Layout, NotFound};
use crate::vacancies::pages::{EditVacancyPage, NewVacancyPage, VacanciesPage};
use leptos::lazy;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute};
use leptos_router::{SsrMode, path};

/// The server functions that take a file (`multipart/form-data`). Their
/// decoder cannot read anything else, so the server turns other requests
/// away before they reach it.
pub fn upload_endpoints() -> [&'static str; 6] {
    use leptos::server_fn::ServerFn;
    [
        crate::media::api::UploadPhoto::PATH,
        crate::media::api::UploadResume::PATH,
        crate::media::video::api::UploadVideo::PATH,
        crate::companies::api::UploadLogo::PATH,
        crate::companies::api::UploadMemberPhoto::PATH,
        crate::chat::api::SendAttachment::PATH,
    ]
}

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <meta name="description" content="Hirewell connects job seekers and senior professionals with companies."/>
                // The stylesheet is in the page, so the first paint waits for
                // no other file (the bundle's files, asked for with the page,
                // had come first on slow networks). It goes in on the way
                // out (`site_files::insert_stylesheet`), not rendered each time.
                <style></style>
                <AutoReload options=options.clone()/>
                <BundleScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The script that starts the browser bundle once the page has painted
/// (`bundle_start.js`). Leptos's own `HydrationScripts` hints the bundle's
/// files in the head, so a fast network fetches them before the first paint
/// (which Lighthouse then counts as waiting for them), and it reads the
/// build's hash file on every page.
#[cfg(feature = "ssr")]
#[component]
fn BundleScripts(options: LeptosOptions) -> impl IntoView {
    // Written once: the file names change only with a new build (and server).
    static START: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let start = START.get_or_init(|| {
        let main = crate::site_files::main_module(&options);
        let quoted = |text: &str| serde_json::Value::from(text).to_string();
        format!(
            "{}({}, {});",
            include_str!("bundle_start.js"),
            quoted(&main.script),
            quoted(&main.wasm)
        )
    });
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{start.as_str()}</script> }
}

/// A strict policy: scripts only from this site or carrying this response's
/// nonce (the hydration script), plus the WebAssembly the bundle compiles.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::use_nonce;
    // Without it the security layer's `default-src 'none'` applies and the
    // page is unstyled: journeys have seen that a few times, cause unknown.
    let Some(nonce) = use_nonce() else {
        tracing::warn!("page rendered without a nonce: no content security policy set");
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&policy),
    ) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    } else {
        tracing::warn!("page rendered without response options: no content security policy set");
    }
}

/// The document title of a page. leptos_meta writes the server's `<title>`
/// as raw markup, so the text is escaped there; in the browser it is set as
/// plain text through `document.title`, which needs no escaping.
fn page_title(text: String) -> String {
    let title = if text.contains("Hirewell") {
        text
    } else {
        format!("{text} · Hirewell")
    };
    #[cfg(feature = "ssr")]
    let title = crate::ui::escape_html(&title);
    title
}

/// The pages, grouped in areas that are each a lazy route: the browser
/// downloads an area's code (its own wasm chunk, split by `cargo leptos build
/// --split`) the first time one of its pages is visited, so the first load
/// carries only the frame and that area. Few areas rather than one per page:
/// code two areas share becomes a chunk of its own, and many small chunks
/// cost a request each. (`#[lazy]` names an area's loader `__preload_<area>`.)
macro_rules! lazy_areas {
    ($($area:ident, $preload:ident: $pages:ident { $($route:ident => $page:ident),* $(,)? })*) => {
        $(
            // Variants are named after their routes ("…Route"), on purpose.
            #[allow(clippy::enum_variant_names)]
            #[derive(Clone, Copy)]
            enum $pages {
                $($route,)*
            }

            #[lazy]
            fn $area(page: $pages) -> AnyView {
                match page {
                    $($pages::$route => view! { <$page/> }.into_any(),)*
                }
            }

            $(
                pub struct $route;

                impl LazyRoute for $route {
                    fn data() -> Self {
                        Self
                    }

                    async fn view(_this: Self) -> AnyView {
                        #[cfg(feature = "ssr")]
                        crate::preload::preload_split(stringify!($area));
                        $area($pages::$route).await
                    }

                    // Hydration needs the area's code before it starts, and
                    // that of the lazy panels in the page.
                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        {
                            $preload().await;
                            crate::board::pages::preload_panels().await;
                        }
                    }
                }
            )*
        )*
    };
}

lazy_areas! {
    home_area, __preload_home_area: HomePages { HomeRoute => HomePage }
    jobs_area, __preload_jobs_area: JobsPages { JobsRoute => JobsPage }
    // A job page is where most visitors arrive: it carries only its own
    // code, apart from the company and profile pages.
    listing_area, __preload_listing_area: ListingPages { JobRoute => JobPage }
    public_area, __preload_public_area: PublicPages {
        PricingRoute => PricingPage,
        PublicCompanyRoute => PublicCompanyPage,
        PublicProfileRoute => PublicProfilePage,
    }
    sign_in_area, __preload_sign_in_area: SignInPages {
        RegisterRoute => RegisterPage,
        LoginRoute => LoginPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        VerifyEmailRoute => VerifyEmailPage,
        SignInLinkRoute => SignInLinkPage,
        UnsubscribeRoute => UnsubscribePage,
    }
    // Pages every role has (conversations too), and the admins' and the
    // development mailbox: apart, they made many more chunks of code shared
    // with the others (an area of its own for conversations took the
    // employer's pages from 90 chunks to 166).
    account_area, __preload_account_area: AccountPages {
        AccountRoute => AccountPage,
        SettingsRoute => SettingsPage,
        NotificationsRoute => NotificationsPage,
        MessagesRoute => MessagesPage,
        ThreadRoute => ThreadPage,
        AdminOverviewRoute => AdminOverviewPage,
        SecondFactorRoute => SecondFactorPage,
        AdminAuditRoute => AdminAuditPage,
        AdminSettingsRoute => AdminSettingsPage,
        AdminUsersRoute => AdminUsersPage,
        AdminPersonRoute => AdminPersonPage,
        AdminCompaniesRoute => AdminCompaniesPage,
        AdminModerationRoute => AdminModerationPage,
        AdminCaseRoute => AdminCasePage,
        ReportRoute => ReportPage,
        DecisionRoute => DecisionPage,
        AdminBillingRoute => AdminBillingPage,
        AdminCompanyBillingRoute => AdminCompanyBillingPage,
        AdminPlansRoute => AdminPlansPage,
        AdminPlanRoute => AdminPlanPage,
        AdminInvoiceRoute => AdminInvoicePage,
        AdminEmailsRoute => AdminEmailsPage,
        AdminEmailTemplateRoute => AdminEmailTemplatePage,
        MailboxRoute => MailboxPage,
        MailboxMessageRoute => MailboxMessagePage,
        // Job seekers and companies both pay.
        PlusRoute => PlusPage,
        InvoiceRoute => InvoicePage,
        PlusInvoiceRoute => InvoicePage,
        TestCheckoutRoute => TestCheckoutPage,
    }
    candidate_area, __preload_candidate_area: CandidatePages {
        ProfileRoute => ProfilePage,
        WelcomeRoute => WelcomePage,
        ApplicationsRoute => ApplicationsPage,
        SavedRoute => SavedPage,
        SwipeRoute => SwipePage,
        QueueRoute => QueuePage,
        ReceivedRoute => ReceivedPage,
        ReceivedOneRoute => ReceivedOnePage,
    }
    employer_area, __preload_employer_area: EmployerPages {
        CompanyRoute => CompanyPage,
        TeamRoute => TeamPage,
        BillingRoute => BillingPage,
        JoinCompanyRoute => JoinCompanyPage,
        VacanciesRoute => VacanciesPage,
        NewVacancyRoute => NewVacancyPage,
        EditVacancyRoute => EditVacancyPage,
        PipelineRoute => PipelinePage,
        SentRoute => SentPage,
        AskRoute => AskPage,
        TalentRoute => TalentPage,
        SavedTalentRoute => SavedTalentPage,
    }
}

/// Called by the browser bundle once the page is hydrated, the current
/// page's chunk included: forms stop showing what a failed post carried
/// back, and the body says so (`data-hydrated`, which tests wait for).
pub fn hydrated() {
    crate::ui::spend_echo();
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::ui::handle_redirects_in_place();
    view! {
        // "Hirewell" until a page's own title takes over: hydration sets the
        // document's title before the page's part has hydrated, and it would
        // be empty for that moment.
        <Title formatter=page_title text="Hirewell"/>
        <Router>
            <Layout>
                // Async rendering sends complete HTML (so pages read and forms
                // work without JavaScript) with the right status code.
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view={Lazy::<SignInLinkRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login/second-factor") view={Lazy::<SecondFactorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe") view={Lazy::<UnsubscribeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/welcome") view={Lazy::<WelcomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/p/:id") view={Lazy::<PublicProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company") view={Lazy::<CompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/team") view={Lazy::<TeamRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/billing") view={Lazy::<BillingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/billing/invoices/:id") view={Lazy::<InvoiceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/checkout/:reference") view={Lazy::<TestCheckoutRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/plus") view={Lazy::<PlusRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/plus/invoices/:id") view={Lazy::<PlusInvoiceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pricing") view={Lazy::<PricingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/introductions") view={Lazy::<SentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/introductions/new") view={Lazy::<AskRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/talent") view={Lazy::<TalentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/talent/saved") view={Lazy::<SavedTalentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/introductions") view={Lazy::<ReceivedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/introductions/:id") view={Lazy::<ReceivedOneRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/company/join") view={Lazy::<JoinCompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/companies/:slug") view={Lazy::<PublicCompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/jobs") view={Lazy::<JobsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/jobs/:slug") view={Lazy::<JobRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/applications") view={Lazy::<ApplicationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/saved") view={Lazy::<SavedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/swipe") view={Lazy::<SwipeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/swipe/queue") view={Lazy::<QueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/:id/pipeline") view={Lazy::<PipelineRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies") view={Lazy::<VacanciesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/new") view={Lazy::<NewVacancyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/:id/edit") view={Lazy::<EditVacancyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view={Lazy::<MessagesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view={Lazy::<ThreadRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<AdminOverviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view={Lazy::<AdminAuditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view={Lazy::<AdminSettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<AdminUsersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users/:id") view={Lazy::<AdminPersonRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/companies") view={Lazy::<AdminCompaniesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/moderation") view={Lazy::<AdminModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/moderation/:id") view={Lazy::<AdminCaseRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/report/:kind/:id") view={Lazy::<ReportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/:id") view={Lazy::<DecisionRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/companies/:id/billing") view={Lazy::<AdminCompanyBillingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/billing") view={Lazy::<AdminBillingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/billing/plans") view={Lazy::<AdminPlansRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/billing/plans/:code") view={Lazy::<AdminPlanRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/billing/invoices/:id") view={Lazy::<AdminInvoiceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/emails") view={Lazy::<AdminEmailsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/emails/:name") view={Lazy::<AdminEmailTemplateRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/mailbox") view={Lazy::<MailboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/mailbox/:id") view={Lazy::<MailboxMessageRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
