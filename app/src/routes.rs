//! Every page route of the site, in one place. (Plain HTTP routes such as
//! health checks live in the server crate's `routes.rs`.)

use crate::admin::pages::{AdminCompaniesPage, AdminOverviewPage, AdminUsersPage};
use crate::applications::pages::{ApplicationsPage, SavedPage};
use crate::applications::pipeline_pages::PipelinePage;
use crate::auth::account::AccountPage;
use crate::auth::pages::{
    ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, SignInLinkPage, VerifyEmailPage,
};
use crate::board::pages::{JobPage, JobsPage};
use crate::companies::pages::{CompanyPage, PublicCompanyPage};
use crate::companies::team::pages::{JoinCompanyPage, TeamPage};
use crate::home::HomePage;
use crate::mail::mailbox::{MailboxMessagePage, MailboxPage};
use crate::profiles::pages::{ProfilePage, PublicProfilePage};
use crate::settings::pages::SettingsPage;
use crate::swipe::pages::{QueuePage, SwipePage};
use crate::ui::{Layout, NotFound};
use crate::vacancies::pages::{EditVacancyPage, NewVacancyPage, VacanciesPage};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The server functions that take a file (`multipart/form-data`). Their
/// decoder cannot read anything else, so the server turns other requests
/// away before they reach it.
pub fn upload_endpoints() -> [&'static str; 5] {
    use leptos::server_fn::ServerFn;
    [
        crate::media::api::UploadPhoto::PATH,
        crate::media::api::UploadResume::PATH,
        crate::media::video::api::UploadVideo::PATH,
        crate::companies::api::UploadLogo::PATH,
        crate::companies::api::UploadMemberPhoto::PATH,
    ]
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <meta name="description" content="Hirewell connects job seekers and senior professionals with companies."/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A strict policy: scripts only from this site or carrying this response's
/// nonce (the hydration script), plus the WebAssembly the bundle compiles.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::use_nonce;
    let Some(nonce) = use_nonce() else { return };
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser, after hydration: tests wait for this.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/hirewell.css"/>
        <Title formatter=page_title/>
        <Router>
            <Layout>
                // Async rendering sends complete HTML (so pages read and forms
                // work without JavaScript) with the right status code.
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:id") view=PublicProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/company") view=CompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/company/team") view=TeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/company/join") view=JoinCompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/companies/:slug") view=PublicCompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/jobs") view=JobsPage ssr=SsrMode::Async/>
                    <Route path=path!("/jobs/:slug") view=JobPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications") view=ApplicationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/saved") view=SavedPage ssr=SsrMode::Async/>
                    <Route path=path!("/swipe") view=SwipePage ssr=SsrMode::Async/>
                    <Route path=path!("/swipe/queue") view=QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/:id/pipeline") view=PipelinePage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies") view=VacanciesPage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/new") view=NewVacancyPage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/:id/edit") view=EditVacancyPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminOverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/companies") view=AdminCompaniesPage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/mailbox") view=MailboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/mailbox/:id") view=MailboxMessagePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
