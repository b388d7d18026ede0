//! Pure rules of saving professionals and searches.

/// At most this many tags on one saved person (the table's limit).
pub const MAX_TAGS: usize = 10;
const MAX_TAG_CHARS: usize = 30;

/// Tags typed as "finance, lagos, Finance": trimmed, each once whatever its
/// capitals, in the order typed.
pub fn tags(text: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!("Keep each tag to {MAX_TAG_CHARS} characters."));
        }
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("At most {MAX_TAGS} tags."));
    }
    Ok(tags)
}

/// Where to go back after saving: a talent page, else the search.
pub fn back_to(address: &str) -> &str {
    if address.starts_with("/talent") && !address.contains("//") && !address.contains('\\') {
        address
    } else {
        "/talent"
    }
}

const MAX_SEARCH_NAME_CHARS: usize = 80;

/// A saved search's name: trimmed, 1 to 80 characters.
pub fn search_name(text: &str) -> Result<String, String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err("Give the search a name, such as “Payments leads in Lagos”.".into()),
        n if n > MAX_SEARCH_NAME_CHARS => Err(format!(
            "Keep the name to {MAX_SEARCH_NAME_CHARS} characters."
        )),
        _ => Ok(name),
    }
}

/// People named in an alert's text; the search shows the rest.
const NAMED_IN_ALERT: usize = 3;

/// "Ada Obi, Ben Eze and 4 others match your search."
pub fn alert_summary(names: &[&str]) -> String {
    let shown = &names[..names.len().min(NAMED_IN_ALERT)];
    let others = names.len() - shown.len();
    let list = match (shown, others) {
        ([], _) => return String::new(),
        ([one], 0) => (*one).to_string(),
        (_, 0) => format!(
            "{} and {}",
            shown[..shown.len() - 1].join(", "),
            shown[shown.len() - 1]
        ),
        (_, 1) => format!("{} and 1 other", shown.join(", ")),
        (_, n) => format!("{} and {n} others", shown.join(", ")),
    };
    let verb = if names.len() == 1 { "matches" } else { "match" };
    format!("{list} newly {verb} your search.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_and_kept_once() {
        assert_eq!(
            tags(" finance, Lagos ,, FINANCE, lagos").unwrap(),
            ["finance", "Lagos"]
        );
        assert!(tags("").unwrap().is_empty());
        assert!(tags(&"x".repeat(31)).is_err());
        let eleven = (0..11)
            .map(|n| format!("t{n}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(tags(&eleven).is_err());
    }

    #[test]
    fn only_talent_pages_are_gone_back_to() {
        assert_eq!(back_to("/talent?q=rust&page=2"), "/talent?q=rust&page=2");
        assert_eq!(back_to("/talent/saved"), "/talent/saved");
        assert_eq!(back_to("https://evil.example.com"), "/talent");
        assert_eq!(back_to("/talent//evil.example.com"), "/talent");
        assert_eq!(back_to(""), "/talent");
    }

    #[test]
    fn a_search_name_is_tidied_and_bounded() {
        assert_eq!(
            search_name("  Payments   leads ").unwrap(),
            "Payments leads"
        );
        assert!(search_name("   ").is_err());
        assert!(search_name(&"x".repeat(81)).is_err());
        assert!(search_name(&"x".repeat(80)).is_ok());
    }

    #[test]
    fn an_alert_names_a_few_and_counts_the_rest() {
        assert_eq!(alert_summary(&[]), "");
        assert_eq!(alert_summary(&["Ada"]), "Ada newly matches your search.");
        assert_eq!(
            alert_summary(&["Ada", "Ben"]),
            "Ada and Ben newly match your search."
        );
        assert_eq!(
            alert_summary(&["Ada", "Ben", "Chi", "Dan"]),
            "Ada, Ben, Chi and 1 other newly match your search."
        );
        assert_eq!(
            alert_summary(&["Ada", "Ben", "Chi", "Dan", "Eve"]),
            "Ada, Ben, Chi and 2 others newly match your search."
        );
    }
}
