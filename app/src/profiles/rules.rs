//! Allowed values and parsing for the candidate profile's fields. Pure: the
//! server functions call these and turn their messages into field errors.

use time::{Date, Month};

pub const SENIORITIES: [(&str, &str); 8] = [
    ("entry", "Entry level"),
    ("mid", "Mid level"),
    ("senior", "Senior"),
    ("lead", "Lead"),
    ("director", "Director"),
    ("vp", "Vice president"),
    ("c_suite", "C-suite"),
    ("executive", "Executive"),
];

pub const EMPLOYMENT_TYPES: [(&str, &str); 5] = [
    ("full_time", "Full time"),
    ("part_time", "Part time"),
    ("contract", "Contract"),
    ("consulting", "Consulting"),
    ("internship", "Internship"),
];

pub const REMOTE_PREFERENCES: [(&str, &str); 4] = [
    ("no_preference", "No preference"),
    ("on_site", "On site"),
    ("hybrid", "Hybrid"),
    ("remote", "Remote"),
];

pub const SALARY_PERIODS: [(&str, &str); 3] = [
    ("year", "per year"),
    ("month", "per month"),
    ("hour", "per hour"),
];

/// Currencies offered for salaries; all use two decimal places (minor units).
pub const CURRENCIES: [&str; 10] = [
    "NGN", "USD", "EUR", "GBP", "KES", "GHS", "ZAR", "CAD", "AUD", "INR",
];

/// One of a list of allowed values, or an error in the user's words.
pub fn one_of(value: &str, allowed: &[(&str, &str)], message: &str) -> Result<String, String> {
    allowed
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(v, _)| v.to_string())
        .ok_or_else(|| message.to_string())
}

/// Trimmed text, `None` when empty, refused when longer than `max` characters
/// or when it holds characters the site does not accept.
pub fn optional_text(value: &str, max: usize, what: &str) -> Result<Option<String>, String> {
    let trimmed = value.trim();
    if let Some(problem) = crate::input::text_problem(trimmed) {
        Err(problem)
    } else if trimmed.chars().count() > max {
        Err(format!("{what} can be at most {max} characters long."))
    } else if trimmed.is_empty() {
        Ok(None)
    } else {
        Ok(Some(trimmed.to_string()))
    }
}

pub fn required_text(value: &str, max: usize, what: &str) -> Result<String, String> {
    optional_text(value, max, what)?.ok_or_else(|| format!("Enter your {}.", what.to_lowercase()))
}

/// A phone number as typed: digits with spaces, dashes, dots, brackets and a
/// leading plus; 7 to 15 digits.
pub fn phone(value: &str) -> Result<Option<String>, String> {
    let Some(text) = optional_text(value, 30, "A phone number")? else {
        return Ok(None);
    };
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -.()".contains(c) || (c == '+' && i == 0));
    if allowed && (7..=15).contains(&digits) {
        Ok(Some(text))
    } else {
        Err("Enter a phone number like +234 803 123 4567.".into())
    }
}

/// A date from a date input (YYYY-MM-DD), `None` when empty.
pub fn calendar_date(value: &str) -> Result<Option<Date>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let invalid = || "Enter a date like 1990-05-31.".to_string();
    let mut parts = value.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    let year: i32 = y.parse().map_err(|_| invalid())?;
    let month = m
        .parse::<u8>()
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(invalid)?;
    let day: u8 = d.parse().map_err(|_| invalid())?;
    Date::from_calendar_date(year, month, day)
        .map(Some)
        .map_err(|_| invalid())
}

/// A whole number within bounds, `None` when empty.
pub fn whole_number(value: &str, min: i32, max: i32, what: &str) -> Result<Option<i32>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "{what} must be a whole number from {min} to {max}."
        )),
    }
}

/// An amount of money typed in major units ("85000", "85,000", "1 250.50")
/// as integer minor units; never a float.
pub fn money_to_minor(value: &str) -> Result<Option<i64>, String> {
    let cleaned: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let invalid = || "Enter an amount like 85,000 or 85,000.50.".to_string();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 12
    {
        return Err(invalid());
    }
    let whole: i64 = whole.parse().map_err(|_| invalid())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| invalid())?;
    Ok(Some(whole * 100 + cents))
}

/// Minor units as plain major units, "85000.50" (structured data and the
/// admins' price fields).
pub fn minor_to_money(minor: i64) -> String {
    if minor % 100 == 0 {
        (minor / 100).to_string()
    } else {
        format!("{}.{:02}", minor / 100, minor % 100)
    }
}

/// An http(s) address with a real host name; `host_suffix` restricts the site
/// (for LinkedIn).
pub fn web_address(
    value: &str,
    host_suffix: Option<&str>,
    what: &str,
) -> Result<Option<String>, String> {
    let Some(url) = optional_text(value, 500, what)? else {
        return Ok(None);
    };
    let invalid = || format!("Enter {} starting with https://.", what.to_lowercase());
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(invalid)?;
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !host_ok || url.chars().any(char::is_whitespace) {
        return Err(invalid());
    }
    if let Some(suffix) = host_suffix
        && host != suffix
        && !host.ends_with(&format!(".{suffix}"))
    {
        return Err(format!("{what} must be an address on {suffix}."));
    }
    Ok(Some(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_limited_and_required_when_asked() {
        assert_eq!(optional_text("  Ada  ", 10, "Name"), Ok(Some("Ada".into())));
        assert_eq!(optional_text("   ", 10, "Name"), Ok(None));
        assert!(
            optional_text("abcdef", 5, "Name")
                .unwrap_err()
                .contains("at most 5")
        );
        assert_eq!(
            required_text("", 5, "First name").unwrap_err(),
            "Enter your first name."
        );
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(
            phone("+234 803 123 4567"),
            Ok(Some("+234 803 123 4567".into()))
        );
        assert_eq!(phone("(020) 7946-0958"), Ok(Some("(020) 7946-0958".into())));
        assert_eq!(phone(""), Ok(None));
        for bad in [
            "12345",
            "call me",
            "0803+1234567",
            "+1 234 567 890 123 456 7",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_stay_in_range() {
        assert_eq!(whole_number("12", 0, 70, "Years"), Ok(Some(12)));
        assert_eq!(whole_number(" ", 0, 70, "Years"), Ok(None));
        assert!(whole_number("71", 0, 70, "Years").is_err());
        assert!(whole_number("1.5", 0, 70, "Years").is_err());
        assert!(whole_number("-1", 0, 70, "Years").is_err());
    }

    #[test]
    fn money_is_integer_minor_units() {
        assert_eq!(money_to_minor("85000"), Ok(Some(8_500_000)));
        assert_eq!(money_to_minor("85,000.5"), Ok(Some(8_500_050)));
        assert_eq!(money_to_minor("1 250.05"), Ok(Some(125_005)));
        assert_eq!(money_to_minor(""), Ok(None));
        for bad in ["-5", "1.234", "abc", "1e6", ".5", "9999999999999"] {
            assert!(money_to_minor(bad).is_err(), "{bad}");
        }
        assert_eq!(minor_to_money(8_500_000), "85000");
        assert_eq!(minor_to_money(8_500_050), "85000.50");
    }

    #[test]
    fn web_addresses() {
        let li = Some("linkedin.com");
        assert_eq!(
            web_address("https://www.linkedin.com/in/ada", li, "A LinkedIn address"),
            Ok(Some("https://www.linkedin.com/in/ada".into()))
        );
        assert!(web_address("https://evil.com/linkedin.com", li, "A LinkedIn address").is_err());
        assert!(web_address("https://notlinkedin.com/in/x", li, "A LinkedIn address").is_err());
        assert!(web_address("javascript:alert(1)", None, "A website").is_err());
        assert!(web_address("https://localhost", None, "A website").is_err());
        assert!(web_address("https://ada.dev/my work", None, "A website").is_err());
        assert_eq!(web_address("", None, "A website"), Ok(None));
        assert!(web_address("http://ada.dev", None, "A website").is_ok());
    }

    #[test]
    fn listed_values_only() {
        assert_eq!(one_of("vp", &SENIORITIES, "x"), Ok("vp".into()));
        assert!(one_of("king", &SENIORITIES, "Choose a level").is_err());
    }
}

/// Who is looking at a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Anonymous,
    /// Signed in, but not for a company (another job seeker).
    Member,
    /// Signed in for a company, or one of the site's admins.
    Company,
    Owner,
}

/// Whether a viewer may see a profile with this visibility. Anyone else is
/// answered as if the profile did not exist.
pub fn may_view(visibility: &str, viewer: Viewer) -> bool {
    matches!(
        (visibility, viewer),
        (_, Viewer::Owner) | ("public", _) | ("network", Viewer::Company)
    )
}

/// The label of a listed value, or the value itself.
pub fn label_of<'a>(value: &'a str, list: &[(&'a str, &'a str)]) -> &'a str {
    list.iter()
        .find(|(v, _)| *v == value)
        .map(|(_, l)| *l)
        .unwrap_or(value)
}

#[cfg(test)]
mod visibility_tests {
    use super::*;

    #[test]
    fn visibility_matrix() {
        use Viewer::*;
        let cases = [
            ("public", [true, true, true, true]),
            ("network", [false, false, true, true]),
            ("private", [false, false, false, true]),
            ("unknown", [false, false, false, true]),
        ];
        for (visibility, expected) in cases {
            let got = [Anonymous, Member, Company, Owner].map(|v| may_view(visibility, v));
            assert_eq!(got, expected, "{visibility}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label_of("c_suite", &SENIORITIES), "C-suite");
        assert_eq!(label_of("other", &SENIORITIES), "other");
    }
}
