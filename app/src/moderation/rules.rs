//! Moderation's pure rules: what may be reported and decided, how urgent a
//! case is, and the automatic checks on text people publish.

use serde::{Deserialize, Serialize};

/// What can be reported and moderated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entity {
    Vacancy,
    Profile,
    Company,
    /// A message in a conversation, reported by someone in it.
    Message,
}

impl Entity {
    pub const ALL: [Self; 4] = [Self::Vacancy, Self::Profile, Self::Company, Self::Message];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vacancy => "vacancy",
            Self::Profile => "profile",
            Self::Company => "company",
            Self::Message => "message",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Vacancy => "Vacancy",
            Self::Profile => "Profile",
            Self::Company => "Company page",
            Self::Message => "Message",
        }
    }

    /// The decisions a moderator can take on this kind of item.
    pub fn actions(self) -> &'static [Action] {
        use Action::*;
        match self {
            Self::Vacancy => &[Approve, Warn, Hide, Remove, Suspend],
            Self::Profile => &[Approve, Warn, Hide, Suspend],
            Self::Company => &[Approve, Warn, Hide],
            Self::Message => &[Approve, Warn, Hide, Suspend],
        }
    }
}

/// Why someone reports an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    Scam,
    Spam,
    Offensive,
    Discrimination,
    Misleading,
    Other,
}

impl Reason {
    pub const ALL: [Self; 6] = [
        Self::Scam,
        Self::Spam,
        Self::Offensive,
        Self::Discrimination,
        Self::Misleading,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scam => "scam",
            Self::Spam => "spam",
            Self::Offensive => "offensive",
            Self::Discrimination => "discrimination",
            Self::Misleading => "misleading",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Scam => "A scam or fraud",
            Self::Spam => "Spam or advertising",
            Self::Offensive => "Offensive or abusive",
            Self::Discrimination => "Discriminatory",
            Self::Misleading => "Fake or misleading",
            Self::Other => "Something else",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Self::Scam => "Asks for money, bank details or a fee to apply.",
            Self::Spam => "Not a real job or person; selling something.",
            Self::Offensive => "Insults, harassment or explicit content.",
            Self::Discrimination => "Excludes people by age, sex, religion, origin or disability.",
            Self::Misleading => "Pretends to be someone else, or the facts are false.",
            Self::Other => "Tell us in the details below.",
        }
    }
}

/// A moderator's decision on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Nothing wrong: reports are closed and the item stays.
    Approve,
    /// The item stays; its owner is told what to change.
    Warn,
    /// Hidden from everyone but its owner until reinstated.
    Hide,
    /// A vacancy is hidden and closed: if reinstated, it comes back closed.
    Remove,
    /// The owner's account is suspended, which hides all they published.
    Suspend,
}

impl Action {
    pub const ALL: [Self; 5] = [
        Self::Approve,
        Self::Warn,
        Self::Hide,
        Self::Remove,
        Self::Suspend,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Warn => "warn",
            Self::Hide => "hide",
            Self::Remove => "remove",
            Self::Suspend => "suspend",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Approve => "Approve: nothing wrong",
            Self::Warn => "Warn the owner",
            Self::Hide => "Hide it",
            Self::Remove => "Remove it (hide and close)",
            Self::Suspend => "Suspend the owner's account",
        }
    }

    /// What the owner reads as the outcome.
    pub fn outcome(self) -> &'static str {
        match self {
            Self::Approve => "No action was needed",
            Self::Warn => "A warning",
            Self::Hide => "Hidden",
            Self::Remove => "Removed",
            Self::Suspend => "Account suspended",
        }
    }

    /// Whether the item stops being shown to others.
    pub fn hides(self) -> bool {
        matches!(self, Self::Hide | Self::Remove)
    }

    /// Whether the owner is told and may appeal (an approval concerns the
    /// reporters only).
    pub fn against_owner(self) -> bool {
        self != Self::Approve
    }
}

/// How urgent a case is, from its reports and automatic flags.
pub fn severity(reports: i64, scam_reports: i64, flagged_by_system: bool) -> &'static str {
    if scam_reports >= 3 {
        "critical"
    } else if reports >= 3 || scam_reports >= 1 {
        "high"
    } else if reports >= 1 {
        "medium"
    } else if flagged_by_system {
        "low"
    } else {
        "medium"
    }
}

/// The order of the queue: most urgent first.
pub fn severity_rank(severity: &str) -> u8 {
    match severity {
        "critical" => 0,
        "high" => 1,
        "medium" => 2,
        _ => 3,
    }
}

/// What a report's details or an appeal may be.
pub fn check_text(text: &str, required: bool, max: usize) -> Result<String, String> {
    let min = if required { 10 } else { 0 };
    crate::input::sentence(text, min, "Say what is wrong in a sentence or two.", max)
}

/// Phrases of the usual job scams: asking applicants for money.
const SCAM_PHRASES: [&str; 8] = [
    "application fee",
    "registration fee",
    "processing fee",
    "training fee",
    "pay to apply",
    "western union",
    "send money",
    "bank verification number",
];

/// Why a vacancy's text needs a moderator's look, if it does: contact
/// details that take applicants off the site, or a scam's phrases.
pub fn screen_vacancy(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    if has_email_address(&lower) {
        found.push("an email address".to_string());
    }
    if has_phone_number(&lower) {
        found.push("a phone number".to_string());
    }
    for app in ["whatsapp", "telegram"] {
        if lower.contains(app) {
            found.push(format!("“{app}”"));
        }
    }
    for phrase in SCAM_PHRASES {
        if lower.contains(phrase) {
            found.push(format!("“{phrase}”"));
        }
    }
    (!found.is_empty()).then(|| format!("The text has {}.", found.join(", ")))
}

/// Link shorteners hide where a link goes: a profile's links should not.
const SHORTENERS: [&str; 7] = [
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "cutt.ly",
];

/// Why a profile's links need a look, if they do.
pub fn screen_links(links: &[&str]) -> Option<String> {
    let suspicious: Vec<&str> = links
        .iter()
        .copied()
        .filter(|link| {
            let host = link
                .trim()
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .split(['/', '?', '#'])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            SHORTENERS.contains(&host.as_str())
                || host.parse::<std::net::Ipv4Addr>().is_ok()
                || host.ends_with(".zip")
                || host.ends_with(".exe")
        })
        .collect();
    (!suspicious.is_empty()).then(|| {
        format!(
            "The profile links to {}, which hides where it leads.",
            suspicious.join(" and ")
        )
    })
}

fn has_email_address(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "()<>,;:\"'".contains(c))
        .any(|word| {
            let word = word.trim_end_matches('.');
            match word.split_once('@') {
                Some((user, domain)) => {
                    !user.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            }
        })
}

/// Nine or more digits in a row, allowing the spaces, dashes, dots and
/// brackets people write numbers with (a salary's "120,000" or a span of
/// years "2019-2024" is not one).
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 9 {
                return true;
            }
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+') {
            digits = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
        }
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        assert_eq!(Entity::parse("conversation"), None);
    }

    #[test]
    fn each_kind_offers_the_decisions_that_fit_it() {
        assert!(Entity::Vacancy.actions().contains(&Action::Remove));
        assert!(!Entity::Profile.actions().contains(&Action::Remove));
        assert!(!Entity::Company.actions().contains(&Action::Suspend));
        assert!(!Entity::Message.actions().contains(&Action::Remove));
        assert!(Entity::Message.actions().contains(&Action::Suspend));
        for e in Entity::ALL {
            assert_eq!(e.actions()[0], Action::Approve);
            assert!(e.actions().contains(&Action::Hide));
        }
        assert!(Action::Hide.hides() && Action::Remove.hides());
        assert!(!Action::Warn.hides() && !Action::Suspend.hides());
        assert!(!Action::Approve.against_owner() && Action::Warn.against_owner());
    }

    #[test]
    fn more_and_graver_reports_are_more_urgent() {
        assert_eq!(severity(0, 0, true), "low");
        assert_eq!(severity(1, 0, false), "medium");
        assert_eq!(severity(1, 1, false), "high");
        assert_eq!(severity(3, 0, false), "high");
        assert_eq!(severity(4, 3, true), "critical");
        assert!(severity_rank("critical") < severity_rank("high"));
        assert!(severity_rank("medium") < severity_rank("low"));
    }

    #[test]
    fn vacancy_text_with_contact_details_or_fees_is_flagged() {
        assert_eq!(
            screen_vacancy("Send your CV to jobs@acme.example today."),
            Some("The text has an email address.".into())
        );
        assert!(screen_vacancy("Call +234 803 123 4567 now").is_some());
        assert!(screen_vacancy("Apply on WhatsApp").is_some());
        assert!(
            screen_vacancy("A registration fee of N5,000 is required.")
                .unwrap()
                .contains("registration fee")
        );
        // Salaries, years and ordinary text are not contact details.
        assert_eq!(
            screen_vacancy("Salary 1,200,000 - 2,400,000 a year; 5 years' experience; team of 12."),
            None
        );
        assert_eq!(screen_vacancy("Led the 2019-2024 migration."), None);
        assert_eq!(
            screen_vacancy("Apply through Hirewell. We use @mentions."),
            None
        );
    }

    #[test]
    fn links_that_hide_where_they_go_are_flagged() {
        assert!(screen_links(&["https://bit.ly/abc"]).is_some());
        assert!(screen_links(&["http://192.168.1.4/cv"]).is_some());
        assert_eq!(
            screen_links(&["https://www.linkedin.com/in/ada", "https://ada.dev"]),
            None
        );
    }

    #[test]
    fn report_details_and_appeals_are_checked() {
        assert_eq!(check_text("  ", false, 2000), Ok(String::new()));
        assert!(check_text("short", true, 2000).is_err());
        assert!(check_text(&"x".repeat(2001), false, 2000).is_err());
        assert_eq!(
            check_text(" The fee was a mistake; it is removed. ", true, 2000),
            Ok("The fee was a mistake; it is removed.".into())
        );
    }
}
