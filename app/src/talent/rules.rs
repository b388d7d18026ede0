//! Pure rules of saving professionals.

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
}
