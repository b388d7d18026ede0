//! Reading what a candidate typed to hide from: a company's name or an
//! email domain (an email address counts as its domain).

/// How many companies a candidate can hide from.
pub const MAX_BLOCKED: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockTarget {
    CompanyName(String),
    Domain(String),
}

pub fn parse_block_target(input: &str) -> Result<BlockTarget, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Enter a company name or an email domain.".into());
    }
    if text.chars().count() > 200 {
        return Err("That is too long for a company name or a domain.".into());
    }
    let lowered = text.to_lowercase();
    let domain_part = lowered
        .rsplit_once('@')
        .map_or(lowered.as_str(), |(_, d)| d);
    let domain_part = domain_part.strip_prefix("www.").unwrap_or(domain_part);
    let labels: Vec<&str> = domain_part.split('.').collect();
    let looks_like_domain = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if looks_like_domain {
        Ok(BlockTarget::Domain(domain_part.to_string()))
    } else if text.contains('@') {
        Err("Enter an email domain like acme.com.".into())
    } else {
        Ok(BlockTarget::CompanyName(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::BlockTarget::{CompanyName, Domain};
    use super::*;

    #[test]
    fn domains_emails_and_names() {
        assert_eq!(
            parse_block_target(" Acme.COM "),
            Ok(Domain("acme.com".into()))
        );
        assert_eq!(
            parse_block_target("@acme.co.uk"),
            Ok(Domain("acme.co.uk".into()))
        );
        assert_eq!(
            parse_block_target("hr@www.acme.ng"),
            Ok(Domain("acme.ng".into()))
        );
        assert_eq!(
            parse_block_target("Lagos Growth Bank"),
            Ok(CompanyName("Lagos Growth Bank".into()))
        );
        assert_eq!(
            parse_block_target("Acme Inc."),
            Ok(CompanyName("Acme Inc.".into()))
        );
        assert!(parse_block_target("  ").is_err());
        assert!(parse_block_target("me@nowhere").is_err());
    }
}
