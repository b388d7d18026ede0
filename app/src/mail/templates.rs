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
