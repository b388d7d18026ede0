//! What text the site accepts from anyone. The server applies this to every
//! address and form before a page or server function reads it, and the
//! field rules (`profiles::rules::optional_text` and the others) apply it
//! again, so nothing unreadable reaches the database: PostgreSQL refuses a
//! NUL in text outright.

/// No single field is longer than this; each field's own rule is stricter
/// (the longest, a vacancy's description, allows 20,000).
pub const MAX_FIELD_CHARS: usize = 50_000;

pub const UNREADABLE_TEXT: &str = "This contains characters we cannot accept, such as control characters. Remove them and try again.";

/// Why this text cannot be accepted, if it cannot: control characters
/// (other than tab and line breaks) or more than [`MAX_FIELD_CHARS`].
pub fn text_problem(text: &str) -> Option<String> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Some(UNREADABLE_TEXT.to_string());
    }
    if text.chars().count() > MAX_FIELD_CHARS {
        return Some(format!(
            "This is too long: at most {MAX_FIELD_CHARS} characters."
        ));
    }
    None
}

/// A sentence someone writes for another person to read (a reason, a
/// report, an appeal): trimmed, readable, at least `min` characters (else
/// `too_short`) and at most `max`.
pub fn sentence(text: &str, min: usize, too_short: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    if let Some(problem) = text_problem(text) {
        return Err(problem);
    }
    let chars = text.chars().count();
    if chars < min {
        Err(too_short.to_string())
    } else if chars > max {
        Err(format!("Keep it to {max} characters."))
    } else {
        Ok(text.to_string())
    }
}

/// The form field a parameter name belongs to: `query[q]` is the field
/// `q`, and `skills[2]` the field `skills`.
pub fn field_of(name: &str) -> &str {
    name.rsplit('[')
        .map(|part| part.trim_end_matches(']'))
        .find(|part| !part.is_empty() && !part.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(name)
}

/// A day typed as 2026-11-30 in a filter, or none when left empty.
#[cfg(feature = "ssr")]
pub fn optional_day(
    field: &str,
    value: &str,
) -> Result<Option<time::Date>, crate::error::AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format).map(Some).map_err(|_| {
        crate::error::AppError::field(field, "Enter a day as year-month-day, like 2026-11-30.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_overlong_text_are_refused() {
        assert_eq!(text_problem("Ada Okafor"), None);
        assert_eq!(text_problem("two\nlines\r\n\tand a tab"), None);
        assert_eq!(text_problem("مرحبا · 你好 · 👋🏽 · \u{202E}"), None);
        assert!(text_problem("a\0b").is_some());
        assert!(text_problem("bell\u{7}").is_some());
        assert!(text_problem("c1\u{85}").is_some());
        assert!(text_problem(&"x".repeat(MAX_FIELD_CHARS)).is_none());
        assert!(
            text_problem(&"x".repeat(MAX_FIELD_CHARS + 1))
                .unwrap()
                .contains("too long")
        );
    }

    #[test]
    fn nested_names_are_their_innermost_field() {
        assert_eq!(field_of("query[q]"), "q");
        assert_eq!(field_of("email"), "email");
        assert_eq!(field_of("a[b][c]"), "c");
        assert_eq!(field_of("skills[2]"), "skills");
        assert_eq!(field_of("odd[]"), "odd");
    }
}
