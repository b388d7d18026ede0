//! The emails the site sends. Each has a subject, a plain-text body and an
//! HTML body written in a small template language (`{{ link }}`); the text
//! here is the default, and an admin can replace it (the `email_templates`
//! table). Variables are escaped in the HTML body; a template that fails to
//! render falls back to this default, so no mail ever goes out empty.

use serde::{Deserialize, Serialize};

/// Which email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Template {
    EmailVerification,
    PasswordReset,
    SignInLink,
    EmailChanged,
    CompanyInvite,
    Notification,
    Digest,
}

/// A template's three parts, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

impl Template {
    pub const ALL: [Template; 7] = [
        Template::EmailVerification,
        Template::PasswordReset,
        Template::SignInLink,
        Template::EmailChanged,
        Template::CompanyInvite,
        Template::Notification,
        Template::Digest,
    ];

    /// The stored name (seed 001 email_templates.template_name).
    pub fn name(self) -> &'static str {
        match self {
            Template::EmailVerification => "email_verification",
            Template::PasswordReset => "password_reset",
            Template::SignInLink => "sign_in_link",
            Template::EmailChanged => "email_changed",
            Template::CompanyInvite => "company_invite",
            Template::Notification => "notification",
            Template::Digest => "daily_summary",
        }
    }

    pub fn parse(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What it is, for the admin's list.
    pub fn label(self) -> &'static str {
        match self {
            Template::EmailVerification => "Confirm email address",
            Template::PasswordReset => "Password reset",
            Template::SignInLink => "Sign-in link after suspicious logins",
            Template::EmailChanged => "Email address changed (to the old address)",
            Template::CompanyInvite => "Invitation to a hiring team",
            Template::Notification => "Notification by email",
            Template::Digest => "Daily summary of notifications",
        }
    }

    /// The variables a template can use, each with an example value for
    /// the preview (numbers and lists written as JSON).
    pub fn variables(self) -> &'static [(&'static str, &'static str)] {
        const SITE: (&str, &str) = ("site_url", "https://hirewell.example");
        match self {
            Template::EmailVerification => &[
                SITE,
                (
                    "link",
                    "https://hirewell.example/verify-email?token=example",
                ),
            ],
            Template::PasswordReset => &[
                SITE,
                (
                    "link",
                    "https://hirewell.example/reset-password?token=example",
                ),
            ],
            Template::SignInLink => &[
                SITE,
                ("link", "https://hirewell.example/sign-in?token=example"),
                ("reset_link", "https://hirewell.example/forgot-password"),
            ],
            Template::EmailChanged => &[
                SITE,
                ("new_address", "new.address@example.com"),
                ("reset_link", "https://hirewell.example/forgot-password"),
            ],
            Template::CompanyInvite => &[
                SITE,
                ("company", "Acme & Sons"),
                ("role", "recruiter"),
                (
                    "link",
                    "https://hirewell.example/company/join?token=example",
                ),
            ],
            Template::Notification => &[
                SITE,
                (
                    "title",
                    "Your application for Head of Data moved to Interview",
                ),
                ("body", "Acme & Sons"),
                ("link", "https://hirewell.example/applications"),
                (
                    "settings_link",
                    "https://hirewell.example/settings#notifications",
                ),
            ],
            Template::Digest => &[
                SITE,
                ("count", "2"),
                (
                    "items",
                    r#"[{"title": "New applicant for Head of Data", "body": "Ada Obi applied.", "link": "/notifications"},
                        {"title": "New applicant for Head of Data", "body": "Bola Ade applied.", "link": "/notifications"}]"#,
                ),
                ("more", "0"),
                ("link", "https://hirewell.example/notifications"),
                (
                    "settings_link",
                    "https://hirewell.example/settings#notifications",
                ),
            ],
        }
    }

    /// The text in the code.
    pub fn default_source(self) -> Source {
        let (subject, body_text, body_html) = match self {
            Template::EmailVerification => (
                "Confirm your email address",
                "Welcome to Hirewell!\n\n\
                 Please confirm that this is your email address by opening the link below:\n\n\
                 {{ link }}\n\n\
                 The link is valid for 48 hours. If you did not create an account, ignore this \
                 email.\n",
                "<h1>Confirm your email address</h1>\n\
                 <p>Welcome to Hirewell! Please confirm that this is your email address.</p>\n\
                 <p><a class=\"button\" href=\"{{ link }}\">Confirm email address</a></p>\n\
                 <p class=\"small\">The link is valid for 48 hours. If you did not create an \
                 account, ignore this email.</p>\n",
            ),
            Template::PasswordReset => (
                "Reset your password",
                "Someone asked to reset the password of your Hirewell account.\n\n\
                 To choose a new password, open the link below:\n\n\
                 {{ link }}\n\n\
                 The link is valid for 15 minutes and works once. If it was not you, ignore \
                 this email: your password stays as it is.\n",
                "<h1>Reset your password</h1>\n\
                 <p>Someone asked to reset the password of your Hirewell account.</p>\n\
                 <p><a class=\"button\" href=\"{{ link }}\">Choose a new password</a></p>\n\
                 <p class=\"small\">The link is valid for 15 minutes and works once. If it was \
                 not you, ignore this email: your password stays as it is.</p>\n",
            ),
            Template::SignInLink => (
                "Your sign-in link",
                "Someone logged in to your Hirewell account with the right password from a \
                 network that had many failed logins, so we ask you to confirm it was you.\n\n\
                 To log in, open the link below:\n\n\
                 {{ link }}\n\n\
                 The link is valid for 15 minutes and works once. If it was not you, change \
                 your password at once: {{ reset_link }}\n",
                "<h1>Confirm it was you</h1>\n\
                 <p>Someone logged in to your Hirewell account with the right password from a \
                 network that had many failed logins, so we ask you to confirm it was you.</p>\n\
                 <p><a class=\"button\" href=\"{{ link }}\">Log in</a></p>\n\
                 <p class=\"small\">The link is valid for 15 minutes and works once. If it was \
                 not you, <a href=\"{{ reset_link }}\">change your password</a> at once.</p>\n",
            ),
            Template::EmailChanged => (
                "Your email address was changed",
                "The email address of your Hirewell account was changed to {{ new_address }}.\n\n\
                 If you did this, there is nothing more to do. If you did not, reset your \
                 password at once and contact support:\n\n\
                 {{ reset_link }}\n",
                "<h1>Your email address was changed</h1>\n\
                 <p>The email address of your Hirewell account was changed to \
                 <strong>{{ new_address }}</strong>.</p>\n\
                 <p>If you did this, there is nothing more to do. If you did not, reset your \
                 password at once and contact support.</p>\n\
                 <p><a class=\"button\" href=\"{{ reset_link }}\">Reset password</a></p>\n",
            ),
            Template::CompanyInvite => (
                "Join {{ company }} on Hirewell",
                "You are invited to join the hiring team of {{ company }} on Hirewell as \
                 {{ role }}.\n\n\
                 To accept, open the link below and log in (or create an employer account) \
                 with this email address:\n\n\
                 {{ link }}\n\n\
                 The link is valid for 7 days and works once. If you did not expect this, \
                 ignore this email.\n",
                "<h1>Join {{ company }} on Hirewell</h1>\n\
                 <p>You are invited to join the hiring team of <strong>{{ company }}</strong> \
                 as {{ role }}.</p>\n\
                 <p><a class=\"button\" href=\"{{ link }}\">Accept the invitation</a></p>\n\
                 <p class=\"small\">Log in (or create an employer account) with this email \
                 address. The link is valid for 7 days and works once. If you did not expect \
                 this, ignore this email.</p>\n",
            ),
            Template::Notification => (
                "{{ title }}",
                "{{ title }}\n\n\
                 {% if body %}{{ body }}\n\n{% endif %}\
                 See it on Hirewell:\n\n\
                 {{ link }}\n\n\
                 You get this email because of your notification settings; choose which \
                 emails you get at {{ settings_link }}\n",
                "<h1>{{ title }}</h1>\n\
                 {% if body %}<p>{{ body }}</p>\n{% endif %}\
                 <p><a class=\"button\" href=\"{{ link }}\">See it on Hirewell</a></p>\n\
                 <p class=\"small\">You get this email because of your \
                 <a href=\"{{ settings_link }}\">notification settings</a>.</p>\n",
            ),
            Template::Digest => (
                "{{ count }} new on Hirewell since yesterday",
                "Here is what happened since your last summary:\n\n\
                 {% for item in items %}- {{ item.title }}{% if item.body %}: {{ item.body }}{% endif %}\n  \
                 {{ site_url }}{{ item.link }}\n{% endfor %}\
                 {% if more %}\nAnd {{ more }} more.\n{% endif %}\n\
                 See everything on Hirewell: {{ link }}\n\n\
                 You get one summary a day because of your notification settings: \
                 {{ settings_link }}\n",
                "<h1>{{ count }} new since yesterday</h1>\n<ul>\n\
                 {% for item in items %}<li><a href=\"{{ site_url }}{{ item.link }}\">{{ item.title }}</a>\
                 {% if item.body %}<br><span class=\"small\">{{ item.body }}</span>{% endif %}</li>\n\
                 {% endfor %}</ul>\n\
                 {% if more %}<p>And {{ more }} more.</p>\n{% endif %}\
                 <p><a class=\"button\" href=\"{{ link }}\">See all notifications</a></p>\n\
                 <p class=\"small\">You get one summary a day because of your \
                 <a href=\"{{ settings_link }}\">notification settings</a>.</p>\n",
            ),
        };
        Source {
            subject: subject.into(),
            body_text: body_text.into(),
            body_html: body_html.into(),
        }
    }
}

#[cfg(feature = "ssr")]
pub use render::*;

#[cfg(feature = "ssr")]
mod render {
    use super::{Source, Template};
    use minijinja::{Environment, UndefinedBehavior};

    /// A template written out for one mail.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Rendered {
        pub subject: String,
        pub body_text: String,
        /// The whole HTML document, in the site's mail layout.
        pub body_html: String,
    }

    /// Longest subject kept (RFC 5322's line limit, in characters).
    const SUBJECT_CHARS: usize = 250;

    fn environment() -> Environment<'static> {
        let mut env = Environment::new();
        // A misspelt variable is an error (and the default is used), not a
        // silent gap in the mail.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env
    }

    /// Writes out `source` with `variables`. The HTML body is escaped (the
    /// `.html` name turns auto-escaping on); the subject becomes one line.
    pub fn render(
        source: &Source,
        variables: &serde_json::Value,
        unsubscribe_url: Option<&str>,
    ) -> Result<Rendered, minijinja::Error> {
        let env = environment();
        let context = minijinja::Value::from(minijinja::value::Serde(variables));
        let subject = env.render_named_str("subject.txt", &source.subject, &context)?;
        let body_text = env.render_named_str("body.txt", &source.body_text, &context)?;
        let body_html = env.render_named_str("body.html", &source.body_html, &context)?;
        let subject: String = subject
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(SUBJECT_CHARS)
            .collect();
        if subject.is_empty() || body_text.trim().is_empty() || body_html.trim().is_empty() {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "the subject or a body is empty",
            ));
        }
        let site_url = variables["site_url"].as_str().unwrap_or_default();
        Ok(Rendered {
            body_html: layout(&env, &subject, &body_html, site_url, unsubscribe_url)?,
            body_text: text_footer(body_text, site_url, unsubscribe_url),
            subject,
        })
    }

    /// Renders the admin's version of `template` when there is one, and the
    /// default when there is none or it fails; the failure is returned so
    /// it can be reported.
    pub fn render_or_default(
        template: Template,
        stored: Option<&Source>,
        variables: &serde_json::Value,
        unsubscribe_url: Option<&str>,
    ) -> Result<(Rendered, Option<String>), minijinja::Error> {
        if let Some(stored) = stored {
            match render(stored, variables, unsubscribe_url) {
                Ok(rendered) => return Ok((rendered, None)),
                Err(error) => {
                    let error =
                        format!("the edited template failed, the default was used: {error:#}");
                    tracing::error!(template = template.name(), %error);
                    let rendered = render(&template.default_source(), variables, unsubscribe_url)?;
                    return Ok((rendered, Some(error)));
                }
            }
        }
        Ok((
            render(&template.default_source(), variables, unsubscribe_url)?,
            None,
        ))
    }

    /// What is wrong with an edited `source` of `template`, per field
    /// (`subject`, `body_text`, `body_html`), found by writing it out with
    /// the example values: a syntax error, an unknown variable, an empty
    /// part.
    pub fn problems(template: Template, source: &Source) -> Vec<(&'static str, String)> {
        let env = environment();
        let context = minijinja::Value::from(minijinja::value::Serde(sample_variables(template)));
        [
            ("subject", "subject.txt", &source.subject),
            ("body_text", "body.txt", &source.body_text),
            ("body_html", "body.html", &source.body_html),
        ]
        .into_iter()
        .filter_map(
            |(field, name, text)| match env.render_named_str(name, text, &context) {
                Ok(out) if out.trim().is_empty() => {
                    Some((field, "This part would be empty.".into()))
                }
                Ok(_) => None,
                Err(error) => Some((field, describe(&error))),
            },
        )
        .collect()
    }

    /// An error in words an editor can act on, with its line.
    fn describe(error: &minijinja::Error) -> String {
        let detail = error
            .detail()
            .map(str::to_string)
            .unwrap_or_else(|| error.kind().to_string());
        match error.line() {
            Some(line) => format!("Line {line}: {detail}"),
            None => detail,
        }
    }

    /// The example values of a template's variables, for the preview.
    pub fn sample_variables(template: Template) -> serde_json::Value {
        template
            .variables()
            .iter()
            .map(|(name, value)| {
                let value = serde_json::from_str::<serde_json::Value>(value)
                    .ok()
                    .filter(|v| v.is_number() || v.is_array())
                    .unwrap_or_else(|| serde_json::Value::from(*value));
                (name.to_string(), value)
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }

    fn text_footer(mut body: String, site_url: &str, unsubscribe_url: Option<&str>) -> String {
        if !body.ends_with('\n') {
            body.push('\n');
        }
        body.push_str(&format!("\n-- \nHirewell · {site_url}\n"));
        if let Some(url) = unsubscribe_url {
            body.push_str(&format!("Stop these emails: {url}\n"));
        }
        body
    }

    /// The frame every HTML mail shares: styles inline-friendly for mail
    /// clients, the brand on top, the unsubscribe link at the bottom.
    fn layout(
        env: &Environment<'static>,
        subject: &str,
        content: &str,
        site_url: &str,
        unsubscribe_url: Option<&str>,
    ) -> Result<String, minijinja::Error> {
        env.render_named_str(
            "layout.html",
            LAYOUT,
            minijinja::context! {
                subject,
                content => minijinja::Value::from_safe_string(content.to_string()),
                site_url,
                unsubscribe_url,
            },
        )
    }

    const LAYOUT: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ subject }}</title>
<style>
  body { margin: 0; background: #f1f5f9; color: #0f172a; font: 16px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  .frame { max-width: 560px; margin: 0 auto; padding: 24px 16px; }
  .card { background: #ffffff; border-radius: 12px; padding: 28px 24px; }
  .brand { font-weight: 700; font-size: 18px; color: #4338ca; margin: 0 0 16px; }
  h1 { font-size: 20px; line-height: 1.3; margin: 0 0 12px; }
  p { margin: 0 0 16px; }
  a { color: #4338ca; }
  a.button { display: inline-block; background: #4338ca; color: #ffffff; text-decoration: none; font-weight: 600; padding: 12px 20px; border-radius: 8px; }
  .small, .footer { font-size: 13px; color: #475569; }
  .footer { text-align: center; padding: 16px 8px; }
</style>
</head>
<body>
<div class="frame">
<p class="brand">Hirewell</p>
<div class="card">
{{ content }}
</div>
<p class="footer">Hirewell · <a href="{{ site_url }}">{{ site_url }}</a>{% if unsubscribe_url %}<br><a href="{{ unsubscribe_url }}">Stop these emails</a>{% endif %}</p>
</div>
</body>
</html>
"#;
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn every_default_renders_with_its_variables() {
        for template in Template::ALL {
            let vars = sample_variables(template);
            let rendered = render(&template.default_source(), &vars, None)
                .unwrap_or_else(|e| panic!("{} does not render: {e:#}", template.name()));
            assert!(!rendered.subject.contains('{'), "{}", rendered.subject);
            assert!(!rendered.body_text.contains("{{"));
            assert!(rendered.body_html.starts_with("<!doctype html>"));
            assert_eq!(Template::parse(template.name()), Some(template));
        }
    }

    #[test]
    fn variables_are_escaped_in_html_but_not_in_text() {
        let vars = serde_json::json!({
            "site_url": "https://x.test",
            "title": "<script>alert(1)</script> & co",
            "body": "\"quoted\"",
            "link": "https://x.test/a?b=1&c=2",
            "settings_link": "https://x.test/settings",
        });
        let r = render(&Template::Notification.default_source(), &vars, None).unwrap();
        assert!(
            r.body_html
                .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; co")
        );
        assert!(!r.body_html.contains("<script>"));
        assert!(
            r.body_html
                .contains("href=\"https:&#x2f;&#x2f;x.test&#x2f;a?b=1&amp;c=2\"")
        );
        assert!(r.body_text.contains("<script>alert(1)</script> & co"));
        assert_eq!(r.subject, "<script>alert(1)</script> & co");
    }

    #[test]
    fn the_subject_is_one_line() {
        let source = Source {
            subject: "Hello\r\nBcc: victim@example.com {{ name }}".into(),
            body_text: "x".into(),
            body_html: "x".into(),
        };
        let r = render(&source, &serde_json::json!({ "name": "A\nB" }), None).unwrap();
        assert_eq!(r.subject, "Hello Bcc: victim@example.com A B");
    }

    #[test]
    fn a_broken_edit_falls_back_to_the_default_and_says_why() {
        let vars = sample_variables(Template::PasswordReset);
        let broken = Source {
            subject: "Reset {{ nonexistent }}".into(),
            body_text: "{% if %}".into(),
            body_html: "".into(),
        };
        let (rendered, error) =
            render_or_default(Template::PasswordReset, Some(&broken), &vars, None).unwrap();
        assert_eq!(rendered.subject, "Reset your password");
        assert!(error.unwrap().contains("default was used"));
        let empty = Source {
            subject: "Fine".into(),
            body_text: "  ".into(),
            body_html: "<p>x</p>".into(),
        };
        let (_, error) =
            render_or_default(Template::PasswordReset, Some(&empty), &vars, None).unwrap();
        assert!(error.is_some(), "an empty body is refused");
    }

    #[test]
    fn problems_are_named_per_part() {
        let source = Source {
            subject: "Hello {{ nobody }}".into(),
            body_text: "{% if link %}open".into(),
            body_html: "<p>{{ link }}</p>".into(),
        };
        let problems = problems(Template::PasswordReset, &source);
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["subject", "body_text"]);
        assert!(problems[0].1.contains("undefined"), "{problems:?}");
        assert!(
            problems.iter().all(|(_, m)| m.starts_with("Line 1")),
            "{problems:?}"
        );
        assert!(
            self::problems(
                Template::PasswordReset,
                &Template::PasswordReset.default_source()
            )
            .is_empty()
        );
        let empty = Source {
            subject: "{{ site_url }}".into(),
            body_text: " ".into(),
            body_html: "x".into(),
        };
        assert_eq!(problems_fields(&empty), ["body_text"]);
    }

    fn problems_fields(source: &Source) -> Vec<&'static str> {
        problems(Template::PasswordReset, source)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn the_unsubscribe_link_is_in_both_parts_when_given() {
        let vars = sample_variables(Template::Notification);
        let url = "https://hirewell.example/unsubscribe?token=t";
        let r = render(&Template::Notification.default_source(), &vars, Some(url)).unwrap();
        assert!(
            r.body_text
                .contains("Stop these emails: https://hirewell.example/unsubscribe?token=t")
        );
        assert!(r.body_html.contains("Stop these emails"));
        let r = render(
            &Template::PasswordReset.default_source(),
            &sample_variables(Template::PasswordReset),
            None,
        )
        .unwrap();
        assert!(!r.body_text.contains("Stop these emails"));
    }
}
