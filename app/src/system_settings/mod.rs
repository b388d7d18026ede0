//! The numbers, switches and texts the whole site runs by (seed 001
//! system_settings), edited by admins at `/admin/settings`. The code reads
//! them as one typed [`SiteSettings`], each falling back to its default;
//! the database triggers read the numbers with SQL `setting_number`. A
//! change is announced on the `site_settings` channel at commit and every
//! instance reads the settings again (`cache`), so no restart is needed.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number from `min` to `max`.
    Number { min: i64, max: i64 },
    /// On or off.
    Flag,
    /// Text of at most `max_chars` characters (empty is allowed).
    Text { max_chars: usize },
}

/// One setting as admins see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    pub name: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub default: &'static str,
}

pub const INTRODUCTION_EXPIRY_DAYS: &str = "introduction_expiry_days";
pub const MAX_PENDING_INTRODUCTIONS: &str = "max_pending_introductions_per_professional";
pub const TRIAL_INTRODUCTION_CREDITS: &str = "trial_introduction_credits";
pub const REGISTRATIONS_OPEN: &str = "registrations_open";
pub const MAINTENANCE_BANNER: &str = "maintenance_banner";

/// Every setting, in the order the editor shows them.
pub const DEFINITIONS: &[Definition] = &[
    Definition {
        name: MAINTENANCE_BANNER,
        label: "Banner on every page",
        help: "Tell everyone about planned work or an incident. Leave it empty for no banner.",
        kind: Kind::Text { max_chars: 300 },
        default: "",
    },
    Definition {
        name: REGISTRATIONS_OPEN,
        label: "New sign-ups",
        help: "When off, nobody can create an account; everyone can still log in.",
        kind: Kind::Flag,
        default: "true",
    },
    Definition {
        name: INTRODUCTION_EXPIRY_DAYS,
        label: "Days to answer an introduction",
        help: "A request not answered in this many days expires and its credit goes back. Applies to requests sent from now on.",
        kind: Kind::Number { min: 1, max: 60 },
        default: "7",
    },
    Definition {
        name: MAX_PENDING_INTRODUCTIONS,
        label: "Requests waiting for one person",
        help: "Introduction requests that may wait for one job seeker's answer, across all companies.",
        kind: Kind::Number { min: 1, max: 100 },
        default: "10",
    },
    Definition {
        name: TRIAL_INTRODUCTION_CREDITS,
        label: "Introduction credits of a new company",
        help: "Credits a company gets once when it is set up, before it buys a plan.",
        kind: Kind::Number { min: 0, max: 1000 },
        default: "5",
    },
];

pub fn definition(name: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.name == name)
}

impl Definition {
    /// The value as stored, or why it cannot be: numbers without spaces,
    /// flags as `true`/`false` (`on`/`off` from the form), texts trimmed.
    pub fn check(&self, typed: &str) -> Result<String, String> {
        let typed = typed.trim();
        match self.kind {
            Kind::Number { min, max } => typed
                .parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .map(|n| n.to_string())
                .ok_or_else(|| format!("Enter a whole number from {min} to {max}.")),
            Kind::Flag => match typed {
                "true" | "on" => Ok("true".into()),
                "false" | "off" => Ok("false".into()),
                _ => Err("Choose on or off.".into()),
            },
            Kind::Text { max_chars } => {
                if let Some(problem) = crate::input::text_problem(typed) {
                    Err(problem)
                } else if typed.chars().count() > max_chars {
                    Err(format!("Keep it to {max_chars} characters."))
                } else if typed.contains('\n') || typed.contains('\r') {
                    Err("Keep it to one line.".into())
                } else {
                    Ok(typed.to_string())
                }
            }
        }
    }

    /// The stored value, or the default when it is missing or unreadable
    /// (a row changed by hand, or a setting added since).
    fn value_or_default<'a>(&self, stored: Option<&'a str>) -> std::borrow::Cow<'a, str> {
        match stored.map(|value| self.check(value)) {
            Some(Ok(value)) => value.into(),
            _ => self.default.into(),
        }
    }
}

/// The settings as the code reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSettings {
    pub maintenance_banner: Option<String>,
    pub registrations_open: bool,
    pub introduction_expiry_days: i64,
    pub max_pending_introductions: i64,
    pub trial_introduction_credits: i64,
}

impl SiteSettings {
    /// From stored values by name; each missing or unreadable one is its
    /// default.
    pub fn from_values<'a>(stored: impl Fn(&str) -> Option<&'a str>) -> Self {
        let value = |name: &str| {
            definition(name).map_or_else(String::new, |d| {
                d.value_or_default(stored(name)).into_owned()
            })
        };
        let number = |name: &str| value(name).parse().unwrap_or_default();
        let banner = value(MAINTENANCE_BANNER);
        Self {
            maintenance_banner: (!banner.is_empty()).then_some(banner),
            registrations_open: value(REGISTRATIONS_OPEN) == "true",
            introduction_expiry_days: number(INTRODUCTION_EXPIRY_DAYS),
            max_pending_introductions: number(MAX_PENDING_INTRODUCTIONS),
            trial_introduction_credits: number(TRIAL_INTRODUCTION_CREDITS),
        }
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self::from_values(|_| None)
    }
}

/// A setting's stored value and who changed it last, for the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSetting {
    pub name: String,
    pub value: String,
    pub updated_at: OffsetDateTime,
    pub updated_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_what_is_missing_or_unreadable() {
        let defaults = SiteSettings::default();
        assert_eq!(
            defaults,
            SiteSettings {
                maintenance_banner: None,
                registrations_open: true,
                introduction_expiry_days: 7,
                max_pending_introductions: 10,
                trial_introduction_credits: 5,
            }
        );
        let stored = SiteSettings::from_values(|name| match name {
            INTRODUCTION_EXPIRY_DAYS => Some("14"),
            MAX_PENDING_INTRODUCTIONS => Some("lots"),
            TRIAL_INTRODUCTION_CREDITS => Some("5000"),
            REGISTRATIONS_OPEN => Some("false"),
            MAINTENANCE_BANNER => Some("  Down at noon  "),
            _ => None,
        });
        assert_eq!(stored.introduction_expiry_days, 14);
        assert_eq!(stored.max_pending_introductions, 10);
        assert_eq!(stored.trial_introduction_credits, 5);
        assert!(!stored.registrations_open);
        assert_eq!(stored.maintenance_banner.as_deref(), Some("Down at noon"));
    }

    #[test]
    fn each_kind_checks_what_is_typed() {
        let days = definition(INTRODUCTION_EXPIRY_DAYS).unwrap();
        assert_eq!(days.check(" 30 "), Ok("30".into()));
        for bad in ["0", "61", "7.5", "", "seven", "-1"] {
            assert!(days.check(bad).is_err(), "{bad}");
        }
        let flag = definition(REGISTRATIONS_OPEN).unwrap();
        assert_eq!(flag.check("on"), Ok("true".into()));
        assert_eq!(flag.check("false"), Ok("false".into()));
        assert!(flag.check("maybe").is_err());
        let banner = definition(MAINTENANCE_BANNER).unwrap();
        assert_eq!(banner.check(""), Ok(String::new()));
        assert!(banner.check(&"x".repeat(301)).is_err());
        assert!(banner.check("two\nlines").is_err());
        assert!(banner.check("bell\u{7}").is_err());
        assert!(definition("no_such_setting").is_none());
    }

    #[test]
    fn every_default_passes_its_own_check() {
        for d in DEFINITIONS {
            assert_eq!(d.check(d.default).as_deref(), Ok(d.default), "{}", d.name);
        }
    }
}
