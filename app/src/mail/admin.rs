//! `/admin/emails`: what the site sent and how it went, and the editor of
//! the mail templates with a preview and a test send.

use super::templates::{Source, Template};
use crate::error::AppError;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, DataTable, ErrorNotice, FormError, PageHeading, SMALL_BUTTON,
    SubmitButton, TextArea, TextField, action_errors, format_time,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[cfg(feature = "ssr")]
use {
    crate::audit::{self, AuditEvent},
    crate::auth::session::require_admin,
    crate::state::{RequestContext, app_state, respond},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSummary {
    pub name: String,
    pub label: String,
    /// Changed by an admin (else the text in the code is used).
    pub updated_at: Option<OffsetDateTime>,
}

/// One row of the email log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedEmail {
    pub created_at: OffsetDateTime,
    pub to_address: String,
    pub template: String,
    pub subject: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailsOverview {
    pub templates: Vec<TemplateSummary>,
    pub recent: Vec<LoggedEmail>,
    /// Addresses no mail goes to (bounced, complained, unsubscribed).
    pub suppressed: i64,
}

/// A template as the editor shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateEditor {
    pub name: String,
    pub variables: Vec<(String, String)>,
    pub source: Source,
    pub edited: bool,
    /// The current text written out with the example values.
    pub preview: Preview,
    /// Where a test goes: the admin's own address.
    pub admin_email: String,
}

/// A template written out with the example values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// How many log rows the page shows.
const RECENT_EMAILS: i64 = 50;

#[cfg(feature = "ssr")]
fn template_named(name: &str) -> Result<Template, AppError> {
    Template::parse(name).ok_or(AppError::NotFound)
}

/// Writes `source` out with the example values; field errors say what is
/// wrong where.
#[cfg(feature = "ssr")]
fn preview_of(template: Template, source: &Source) -> Result<Preview, AppError> {
    let problems = super::templates::problems(template, source);
    if !problems.is_empty() {
        let mut v = crate::error::Validator::new();
        for (field, message) in problems {
            v.add(field, message);
        }
        v.finish()?;
    }
    let rendered = super::templates::render(
        source,
        &super::templates::sample_variables(template),
        Some("https://hirewell.example/unsubscribe?token=example"),
    )
    .map_err(|error| AppError::Refused(format!("The template does not render: {error}")))?;
    Ok(Preview {
        subject: rendered.subject,
        body_text: rendered.body_text,
        body_html: rendered.body_html,
    })
}

#[server(endpoint = "admin/emails")]
pub async fn admin_emails() -> Result<EmailsOverview, AppError> {
    respond(async {
        require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let pool = app_state()?.pool;
        let edited = sqlx::query!("select name, updated_at from email_templates")
            .fetch_all(&pool)
            .await?;
        let templates = Template::ALL
            .into_iter()
            .map(|t| TemplateSummary {
                name: t.name().into(),
                label: t.label().into(),
                updated_at: edited
                    .iter()
                    .find(|e| e.name == t.name())
                    .map(|e| e.updated_at),
            })
            .collect();
        let recent = sqlx::query_as!(
            LoggedEmail,
            "select created_at, to_address, template, subject, status, attempts, error
               from email_logs order by created_at desc limit $1",
            RECENT_EMAILS
        )
        .fetch_all(&pool)
        .await?;
        let suppressed = sqlx::query_scalar!(r#"select count(*) as "n!" from email_suppressions"#)
            .fetch_one(&pool)
            .await?;
        Ok(EmailsOverview {
            templates,
            recent,
            suppressed,
        })
    })
    .await
}

#[server(endpoint = "admin/emails/template")]
pub async fn admin_email_template(name: String) -> Result<TemplateEditor, AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let template = template_named(&name)?;
        let pool = app_state()?.pool;
        let stored = super::outbox::edited_template(&pool, template)
            .await
            .map_err(|error| {
                tracing::error!(%error, "template not read");
                AppError::Internal
            })?;
        let edited = stored.is_some();
        let source = stored.unwrap_or_else(|| template.default_source());
        // A stored text that no longer renders is still shown, to be fixed.
        let preview = preview_of(template, &source)
            .or_else(|_| preview_of(template, &template.default_source()))?;
        Ok(TemplateEditor {
            name: template.name().into(),
            variables: template
                .variables()
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            source,
            edited,
            preview,
            admin_email: admin.email,
        })
    })
    .await
}

#[server(endpoint = "admin/emails/template/preview")]
pub async fn preview_email_template(
    name: String,
    subject: String,
    body_text: String,
    body_html: String,
) -> Result<Preview, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let template = template_named(&name)?;
        preview_of(
            template,
            &Source {
                subject,
                body_text,
                body_html,
            },
        )
    })
    .await
}

#[server(endpoint = "admin/emails/template/save")]
pub async fn save_email_template(
    name: String,
    subject: String,
    body_text: String,
    body_html: String,
) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let template = template_named(&name)?;
        let source = Source {
            subject,
            body_text,
            body_html,
        };
        let mut v = crate::error::Validator::new();
        if source.subject.chars().count() > 255 {
            v.add("subject", "Keep the subject under 255 characters.");
        }
        for (field, text) in [
            ("body_text", &source.body_text),
            ("body_html", &source.body_html),
        ] {
            if text.len() > 50_000 {
                v.add(field, "Keep this part under 50,000 characters.");
            }
        }
        v.finish()?;
        preview_of(template, &source)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        sqlx::query!(
            "insert into email_templates (name, subject, body_text, body_html, updated_by)
             values ($1, $2, $3, $4, $5)
             on conflict (name) do update
                set subject = excluded.subject, body_text = excluded.body_text,
                    body_html = excluded.body_html, updated_by = excluded.updated_by,
                    updated_at = now()",
            template.name(),
            source.subject,
            source.body_text,
            source.body_html,
            admin.id
        )
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            template_event(admin.id, "email_template.changed", template),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/admin/emails/{}?notice=template_saved",
            template.name()
        ));
        Ok(())
    })
    .await
}

#[server(endpoint = "admin/emails/template/reset")]
pub async fn reset_email_template(name: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let template = template_named(&name)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        sqlx::query!(
            "delete from email_templates where name = $1",
            template.name()
        )
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            template_event(admin.id, "email_template.reset", template),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/admin/emails/{}?notice=template_reset",
            template.name()
        ));
        Ok(())
    })
    .await
}

/// Sends the saved version, with the example values, to the admin.
#[server(endpoint = "admin/emails/template/test")]
pub async fn send_test_email(name: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Emails).await?;
        let template = template_named(&name)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let mail = super::outbox::Email {
            to: admin.email.clone(),
            user_id: Some(admin.id),
            template,
            variables: super::templates::sample_variables(template),
            unsubscribe: None,
        };
        super::outbox::queue(&mut tx, &mail).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/admin/emails/{}?notice=test_email_sent",
            template.name()
        ));
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn template_event(
    admin: uuid::Uuid,
    action: &'static str,
    template: Template,
) -> AuditEvent<'static> {
    AuditEvent {
        actor: Some(admin),
        action,
        target_type: "email_template",
        target_id: Some(template.name().into()),
        metadata: serde_json::json!({}),
    }
}

/// The words and colours of a log status.
fn status_badge(status: &str) -> (&'static str, &'static str) {
    match status {
        "sent" => ("Sent", "bg-emerald-50 text-emerald-800"),
        "queued" | "sending" => ("Waiting", "bg-slate-100 text-slate-700"),
        "suppressed" => (
            "Not sent (address suppressed)",
            "bg-amber-50 text-amber-800",
        ),
        "bounced" => ("Bounced", "bg-red-50 text-red-800"),
        "complained" => ("Marked as spam", "bg-red-50 text-red-800"),
        _ => ("Failed", "bg-red-50 text-red-800"),
    }
}

#[component]
pub fn AdminEmailsPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| admin_emails());
    view! {
        <Title text="Emails · Admin"/>
        <PageHeading title="Emails"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(o) => view! {
                        <section aria-labelledby="templates-heading">
                            <h2 id="templates-heading" class="mb-3 text-lg font-semibold">"Templates"</h2>
                            <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
                                {o.templates.into_iter().map(|t| view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 p-4">
                                        <div>
                                            <a class="font-medium text-indigo-700 underline-offset-2 hover:underline" href=format!("/admin/emails/{}", t.name)>
                                                {t.label}
                                            </a>
                                            <p class="text-sm text-slate-600">
                                                {match t.updated_at {
                                                    Some(at) => format!("Edited {}", format_time(at)),
                                                    None => "The default text".into(),
                                                }}
                                            </p>
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="log-heading" class="mt-8">
                            <h2 id="log-heading" class="mb-1 text-lg font-semibold">"Recent email"</h2>
                            <p class="mb-3 text-sm text-slate-600">
                                {format!(
                                    "The newest {RECENT_EMAILS}. {} no longer get mail (bounced, marked as spam, or asked for no invitations).",
                                    crate::ui::count(o.suppressed, "address", "addresses"),
                                )}
                            </p>
                            {if o.recent.is_empty() {
                                view! { <p class="text-slate-600">"No email has been sent yet."</p> }.into_any()
                            } else {
                                view! { <EmailLog rows=o.recent/> }.into_any()
                            }}
                        </section>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn EmailLog(rows: Vec<LoggedEmail>) -> impl IntoView {
    view! {
        <DataTable headers=&["When", "To", "Email", "Status", "Attempts"]>
            {rows
                .into_iter()
                .map(|row| {
                    let (label, colours) = status_badge(&row.status);
                    let what = Template::parse(&row.template).map(Template::label).unwrap_or("Unknown");
                    view! {
                        <tr>
                            <td class="whitespace-nowrap px-4 py-2">{format_time(row.created_at)}</td>
                            <td class="whitespace-nowrap px-4 py-2">{row.to_address}</td>
                            <td class="px-4 py-2">
                                <span class="block">{row.subject.unwrap_or_else(|| what.to_string())}</span>
                                <span class="block text-xs text-slate-600">{what}</span>
                            </td>
                            <td class="px-4 py-2">
                                <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {colours}")>{label}</span>
                                {row.error.map(|e| view! { <span class="mt-1 block max-w-xs text-xs text-slate-600">{e}</span> })}
                            </td>
                            <td class="px-4 py-2">{row.attempts}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

#[component]
pub fn AdminEmailTemplatePage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let name = move || params.read().get("name").unwrap_or_default();
    let save = ServerAction::<SaveEmailTemplate>::new();
    // Read again after a save, which stays on this page.
    let editor = Resource::new(
        move || (name(), save.version().get()),
        |(name, _)| admin_email_template(name),
    );
    view! {
        <Title text="Email template · Admin"/>
        <p class="mb-4">
            <a class="text-indigo-700 underline" href="/admin/emails">"← All emails"</a>
        </p>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match editor.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(editor) => view! { <TemplateForm editor save/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn TemplateForm(editor: TemplateEditor, save: ServerAction<SaveEmailTemplate>) -> impl IntoView {
    let preview = ServerAction::<PreviewEmailTemplate>::new();
    let test = ServerAction::<SendTestEmail>::new();
    let (save_field, save_error) = action_errors(save.value());
    let (preview_field, preview_error) = action_errors(preview.value());
    // A field's error from whichever was pressed last.
    let field = move |name: &'static str| {
        Signal::derive(move || preview_field(name).get().or_else(|| save_field(name).get()))
    };
    let form = NodeRef::<leptos::html::Form>::new();
    let name = editor.name.clone();
    let show_preview = move |_| {
        let Some(form) = form.get() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let text = |field: &str| data.get(field).as_string().unwrap_or_default();
        preview.dispatch(PreviewEmailTemplate {
            name: name.clone(),
            subject: text("subject"),
            body_text: text("body_text"),
            body_html: text("body_html"),
        });
    };
    let first_preview = editor.preview.clone();
    let shown = Signal::derive(move || match preview.value().get() {
        Some(Ok(p)) => p,
        _ => first_preview.clone(),
    });
    let variables = editor
        .variables
        .iter()
        .map(|(n, _)| format!("{{{{ {n} }}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (reset_name, test_name) = (editor.name.clone(), editor.name.clone());
    view! {
        <PageHeading title=Template::parse(&editor.name).map(Template::label).unwrap_or("Email template")/>
        <p class="-mt-2 mb-6 text-slate-600">
            {if editor.edited { "Edited by an administrator." } else { "The default text; saving makes it yours." }}
            " Variables: " <code class="text-sm">{variables}</code>
            ". They are escaped in the HTML; a template that fails is replaced by the default."
        </p>
        <div class="grid gap-8 lg:grid-cols-2">
            <ActionForm action=save node_ref=form attr:class="space-y-4" attr:novalidate=true>
                <input type="hidden" name="name" value=editor.name.clone()/>
                <TextField label="Subject" name="subject" value=editor.source.subject.clone() error=field("subject")/>
                <TextArea label="Plain-text body" name="body_text" rows=10 value=editor.source.body_text.clone() error=field("body_text")/>
                <TextArea label="HTML body" name="body_html" rows=12 value=editor.source.body_html.clone()
                    hint="The part inside the site's mail frame (logo, footer, unsubscribe link)."
                    error=field("body_html")/>
                <FormError error=save_error/>
                <FormError error=preview_error/>
                <div class="flex flex-wrap items-center gap-3">
                    <SubmitButton label="Save template" pending=save.pending()/>
                    <button type="button" class=SMALL_BUTTON on:click=show_preview>"Preview"</button>
                </div>
            </ActionForm>
            <section aria-labelledby="preview-heading" class="space-y-3">
                <h2 id="preview-heading" class="text-lg font-semibold">"Preview"</h2>
                <p class="text-sm text-slate-600">"With the example values."</p>
                <p class="rounded-md bg-slate-100 px-3 py-2 text-sm">
                    <span class="font-medium">"Subject: "</span>
                    {move || shown.get().subject}
                </p>
                // Scripts may run only in a frame of no origin (reaching
                // nothing of this site), and the page's policy, which the
                // frame inherits, refuses inline ones anyway.
                <iframe
                    title="HTML version of the email"
                    sandbox="allow-scripts"
                    class="h-[28rem] w-full rounded-lg border border-slate-200 bg-white"
                    srcdoc=move || shown.get().body_html
                ></iframe>
                <details class="rounded-lg border border-slate-200 bg-white p-3">
                    <summary class="cursor-pointer text-sm font-medium">"Plain-text version"</summary>
                    <pre class="mt-2 whitespace-pre-wrap break-words text-sm">{move || shown.get().body_text}</pre>
                </details>
                <div class="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
                    <ActionForm action=test>
                        <input type="hidden" name="name" value=test_name/>
                        <button type="submit" class=SMALL_BUTTON>"Send a test to me"</button>
                    </ActionForm>
                    <p class="text-sm text-slate-600">{format!("The saved version, to {}.", editor.admin_email)}</p>
                    {editor.edited.then(|| view! {
                        <ConfirmDialog
                            id="reset-template".to_string()
                            button="Go back to the default"
                            title="Go back to the default text?"
                            consequence="Your changes to this template are deleted; the text in the code is used again. The change is recorded in the audit log."
                        >
                            // A plain post: the page comes back whole, its
                            // boxes holding the default again.
                            <form method="post" action=ResetEmailTemplate::PATH>
                                <input type="hidden" name="name" value=reset_name.clone()/>
                                <button type="submit" class=DANGER_BUTTON>"Use the default"</button>
                            </form>
                        </ConfirmDialog>
                    })}
                </div>
            </section>
        </div>
    }
}
