//! Allowed values and parsing for the repeatable profile sections. Pure.

use time::{Date, Month};

pub const DEGREE_TYPES: [(&str, &str); 9] = [
    ("secondary", "Secondary school"),
    ("diploma", "Diploma"),
    ("associate", "Associate degree"),
    ("bachelor", "Bachelor's degree"),
    ("master", "Master's degree"),
    ("mba", "MBA"),
    ("phd", "Doctorate (PhD)"),
    ("professional", "Professional qualification"),
    ("other", "Other"),
];

pub const RELATIONSHIPS: [(&str, &str); 6] = [
    ("manager", "Manager"),
    ("colleague", "Colleague"),
    ("direct_report", "Direct report"),
    ("client", "Client"),
    ("mentor", "Mentor"),
    ("other", "Other"),
];

pub const PROFICIENCIES: [(&str, &str); 3] = [
    ("beginner", "Beginner"),
    ("intermediate", "Intermediate"),
    ("expert", "Expert"),
];

pub const VERIFICATION_STATUSES: [(&str, &str); 3] = [
    ("pending", "Not yet contacted"),
    ("contacted", "Contacted"),
    ("verified", "Verified"),
];

/// Entries a person may keep in one section.
pub const MAX_ENTRIES: i64 = 50;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month from a month input ("2019-03"), as the first day of that month.
pub fn month(value: &str, what: &str) -> Result<Option<Date>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let invalid = || format!("Enter {what} as a month like 2019-03.");
    let (y, m) = value.split_once('-').ok_or_else(invalid)?;
    let m = m.split('-').next().unwrap_or_default();
    let year: i32 = y.parse().map_err(|_| invalid())?;
    let month = m
        .parse::<u8>()
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(invalid)?;
    if !(1940..=2100).contains(&year) {
        return Err(invalid());
    }
    Date::from_calendar_date(year, month, 1)
        .map(Some)
        .map_err(|_| invalid())
}

/// The month input's value for a stored date ("2019-03").
pub fn month_value(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month() as u8)
}

/// "Mar 2019" for a month input's value; the value itself when malformed.
pub fn month_label(value: &str) -> String {
    value
        .split_once('-')
        .and_then(|(y, m)| {
            let m: usize = m.get(..2)?.parse().ok()?;
            Some(format!("{} {y}", MONTHS.get(m.checked_sub(1)?)?))
        })
        .unwrap_or_else(|| value.to_string())
}

/// A span of months for display: "Mar 2019 – Present".
pub fn period_label(start: &str, end: &str, current: bool) -> String {
    let end = if current || end.is_empty() {
        if current {
            "Present".to_string()
        } else {
            String::new()
        }
    } else {
        month_label(end)
    };
    if end.is_empty() {
        month_label(start)
    } else {
        format!("{} – {end}", month_label(start))
    }
}

/// Non-empty trimmed lines, each at most `max_len` characters, at most
/// `max_items` of them (for lists typed one per line).
pub fn lines(value: &str, max_items: usize, max_len: usize) -> Result<Vec<String>, String> {
    let items: Vec<String> = value
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if items.len() > max_items {
        return Err(format!("List at most {max_items} achievements."));
    }
    if items.iter().any(|l| l.chars().count() > max_len) {
        return Err(format!(
            "Each achievement can be at most {max_len} characters long."
        ));
    }
    Ok(items)
}

/// A skill name as typed, made tidy for the taxonomy: single spaces, at most
/// 60 characters, and a capital first letter when typed all in lower case
/// ("machine  learning" becomes "Machine learning"; "iOS" stays).
pub fn normalise_skill_name(value: &str) -> Result<String, String> {
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return Err("Enter a skill.".into());
    }
    if collapsed.chars().count() > 60 {
        return Err("A skill can be at most 60 characters long.".into());
    }
    if !collapsed.chars().any(|c| c.is_alphanumeric()) {
        return Err("Enter a skill with letters or digits.".into());
    }
    if collapsed.chars().any(|c| c.is_uppercase()) {
        return Ok(collapsed);
    }
    let mut chars = collapsed.chars();
    Ok(chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default())
}

/// A URL-safe identifier from a name: "C++ & Rust" becomes "c-plus-plus-rust".
pub fn slugify(name: &str) -> String {
    let spelled = name
        .to_lowercase()
        .replace("c++", "cpp")
        .replace("c#", "csharp")
        .replace('+', " plus ")
        .replace('#', " sharp ")
        .replace('&', " and ");
    spelled
        .split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months() {
        assert_eq!(
            month("2019-03", "the start"),
            Ok(Some(date!(2019 - 03 - 01)))
        );
        assert_eq!(
            month("2019-03-17", "the start"),
            Ok(Some(date!(2019 - 03 - 01)))
        );
        assert_eq!(month("", "the start"), Ok(None));
        for bad in ["2019", "2019-13", "March 2019", "1800-01", "abcd-01"] {
            assert!(month(bad, "the start").is_err(), "{bad}");
        }
        assert_eq!(month_value(date!(2019 - 03 - 01)), "2019-03");
        assert_eq!(month_label("2019-03"), "Mar 2019");
        assert_eq!(month_label("junk"), "junk");
        assert_eq!(period_label("2019-03", "", true), "Mar 2019 – Present");
        assert_eq!(
            period_label("2019-03", "2021-11", false),
            "Mar 2019 – Nov 2021"
        );
        assert_eq!(period_label("2019-03", "", false), "Mar 2019");
    }

    #[test]
    fn achievement_lines() {
        assert_eq!(
            lines("- Led the team\n\n • Cut costs 20%  \n", 10, 200),
            Ok(vec![
                "Led the team".to_string(),
                "Cut costs 20%".to_string()
            ])
        );
        assert!(lines(&"x\n".repeat(11), 10, 200).is_err());
        assert!(lines(&"x".repeat(201), 10, 200).is_err());
    }

    #[test]
    fn skill_names_are_tidied() {
        assert_eq!(
            normalise_skill_name("  machine   learning "),
            Ok("Machine learning".into())
        );
        assert_eq!(normalise_skill_name("iOS"), Ok("iOS".into()));
        assert_eq!(normalise_skill_name("ünicode"), Ok("Ünicode".into()));
        assert!(normalise_skill_name("   ").is_err());
        assert!(normalise_skill_name("!!!").is_err());
        assert!(normalise_skill_name(&"a".repeat(61)).is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("C++ & Rust"), "cpp-and-rust");
        assert_eq!(slugify("  Machine Learning "), "machine-learning");
        assert_eq!(slugify("C#"), "csharp");
        assert_eq!(slugify("Node.js"), "node-js");
    }
}
