//! The texts of the emails the site sends.

use super::OutgoingEmail;

pub fn email_verification(site_url: &str, to: &str, token: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_string(),
        subject: "Confirm your email address".into(),
        body_text: format!(
            "Welcome to Hirewell!\n\n\
             Please confirm that this is your email address by opening the link below:\n\n\
             {site_url}/verify-email?token={token}\n\n\
             The link is valid for 48 hours. If you did not create an account, ignore this email.\n"
        ),
    }
}

pub fn password_reset(site_url: &str, to: &str, token: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_string(),
        subject: "Reset your password".into(),
        body_text: format!(
            "Someone asked to reset the password of your Hirewell account.\n\n\
             To choose a new password, open the link below:\n\n\
             {site_url}/reset-password?token={token}\n\n\
             The link is valid for 15 minutes and works once. If it was not you, ignore this \
             email: your password stays as it is.\n"
        ),
    }
}

/// Sent instead of a session when too many logins failed from the person's
/// network but their password was right.
pub fn sign_in_link(site_url: &str, to: &str, token: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_string(),
        subject: "Your sign-in link".into(),
        body_text: format!(
            "Someone logged in to your Hirewell account with the right password from a network \
             that had many failed logins, so we ask you to confirm it was you.\n\n\
             To log in, open the link below:\n\n\
             {site_url}/sign-in?token={token}\n\n\
             The link is valid for 15 minutes and works once. If it was not you, change your \
             password at once: {site_url}/forgot-password\n"
        ),
    }
}

/// Sent to the old address when the account's email changes, so a hijack
/// does not go unnoticed.
pub fn email_changed(site_url: &str, old_address: &str, new_address: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: old_address.to_string(),
        subject: "Your email address was changed".into(),
        body_text: format!(
            "The email address of your Hirewell account was changed to {new_address}.\n\n\
             If you did this, there is nothing more to do. If you did not, reset your password \
             at once and contact support:\n\n\
             {site_url}/forgot-password\n"
        ),
    }
}

pub fn company_invite(
    site_url: &str,
    to: &str,
    company_name: &str,
    role_label: &str,
    token: &str,
) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_string(),
        subject: format!("Join {company_name} on Hirewell"),
        body_text: format!(
            "You are invited to join the hiring team of {company_name} on Hirewell as {role}.\n\n\
             To accept, open the link below and log in (or create an employer account) with \
             this email address:\n\n\
             {site_url}/company/join?token={token}\n\n\
             The link is valid for 7 days and works once. If you did not expect this, ignore \
             this email.\n",
            role = role_label.to_lowercase(),
        ),
    }
}

/// A notification the person asked to receive by email.
pub fn notification(
    site_url: &str,
    to: &str,
    title: &str,
    body: &str,
    link: &str,
) -> OutgoingEmail {
    let body = if body.is_empty() {
        String::new()
    } else {
        format!("{body}\n\n")
    };
    OutgoingEmail {
        to: to.to_string(),
        subject: title.to_string(),
        body_text: format!(
            "{title}\n\n{body}See it on Hirewell:\n\n{site_url}{link}\n\n\
             You get this email because of your notification settings; choose which \
             emails you get at {site_url}/settings#notifications\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_token() {
        let e = email_verification("http://x.test", "a@b.co", "tok");
        assert!(e.body_text.contains("http://x.test/verify-email?token=tok"));
        let r = password_reset("http://x.test", "a@b.co", "tok2");
        assert!(
            r.body_text
                .contains("http://x.test/reset-password?token=tok2")
        );
        assert!(r.body_text.contains("15 minutes"));
    }
}
