//! A talent search as it travels in the address: each filter a query
//! parameter, so a search can be bookmarked, shared in the team and run
//! without JavaScript.

use crate::profiles::rules::{CURRENCIES, REMOTE_PREFERENCES, SENIORITIES, money_to_minor};
use serde::{Deserialize, Serialize};

/// Results on one page.
pub const PAGE_SIZE: i64 = 20;
/// Counts above this read "1,000+".
pub const COUNT_CAP: i64 = 1000;
/// The orders offered besides relevance (the default with words).
pub const SORTS: [(&str, &str); 3] = [
    ("relevance", "Most relevant"),
    ("match", "Best match to the vacancy"),
    ("active", "Recently active"),
];

/// The search exactly as typed; the form's fields have these names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TalentQuery {
    pub q: String,
    pub location: String,
    pub remote: String,
    pub seniority: String,
    pub years: String,
    pub skills: String,
    pub industry: String,
    pub currency: String,
    pub budget: String,
    pub open: String,
    /// "1": only people whose identity an administrator checked.
    pub verified: String,
    /// One of the company's open vacancies to rank people for.
    pub vacancy: String,
    pub sort: String,
    pub page: String,
}

impl TalentQuery {
    pub const FIELDS: [&'static str; 14] = [
        "q",
        "location",
        "remote",
        "seniority",
        "years",
        "skills",
        "industry",
        "currency",
        "budget",
        "open",
        "verified",
        "vacancy",
        "sort",
        "page",
    ];

    /// The value of field `name` (one of `FIELDS`).
    pub fn value(&self, name: &str) -> &str {
        match name {
            "q" => &self.q,
            "location" => &self.location,
            "remote" => &self.remote,
            "seniority" => &self.seniority,
            "years" => &self.years,
            "skills" => &self.skills,
            "industry" => &self.industry,
            "currency" => &self.currency,
            "budget" => &self.budget,
            "open" => &self.open,
            "verified" => &self.verified,
            "vacancy" => &self.vacancy,
            "sort" => &self.sort,
            _ => &self.page,
        }
    }

    /// Reads an address's parameters; unknown ones are ignored and values
    /// cut to a sane length.
    pub fn from_pairs<N: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let mut query = Self::default();
        for (name, value) in pairs {
            let value: String = value.as_ref().chars().take(200).collect();
            let slot = match name.as_ref() {
                "q" => &mut query.q,
                "location" => &mut query.location,
                "remote" => &mut query.remote,
                "seniority" => &mut query.seniority,
                "years" => &mut query.years,
                "skills" => &mut query.skills,
                "industry" => &mut query.industry,
                "currency" => &mut query.currency,
                "budget" => &mut query.budget,
                "open" => &mut query.open,
                "verified" => &mut query.verified,
                "vacancy" => &mut query.vacancy,
                "sort" => &mut query.sort,
                "page" => &mut query.page,
                _ => continue,
            };
            *slot = value;
        }
        query
    }

    /// The address of this search on page `page` (1-based).
    pub fn url(&self, page: i64) -> String {
        let pairs: Vec<String> = Self::FIELDS
            .iter()
            .filter(|name| **name != "page" && !self.value(name).is_empty())
            .map(|name| format!("{name}={}", crate::ui::urlencode(self.value(name))))
            .chain((page > 1).then(|| format!("page={page}")))
            .collect();
        if pairs.is_empty() {
            "/talent".to_string()
        } else {
            format!("/talent?{}", pairs.join("&"))
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TalentOrder {
    /// Best match to the words first (the default with words).
    Relevance,
    /// Best match to the chosen vacancy first (the default with one).
    Match,
    /// Most recently signed in first (the default without words).
    Active,
}

/// A search ready for the database.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TalentFilters {
    pub text: Option<String>,
    pub location: Option<String>,
    pub remote: Option<String>,
    pub seniority: Option<String>,
    pub min_years: Option<i32>,
    pub skills: Vec<String>,
    pub industry: Option<uuid::Uuid>,
    /// People whose expectation starts at or below this yearly budget, in
    /// minor units of `currency`.
    pub budget: Option<(String, i64)>,
    pub open_only: bool,
    pub verified_only: bool,
    /// The vacancy to score people against (checked to be one of the
    /// company's open ones before the search runs).
    pub vacancy: Option<uuid::Uuid>,
    pub sort: Option<TalentOrder>,
    pub page: i64,
}

impl TalentFilters {
    pub fn order(&self) -> TalentOrder {
        match self.sort {
            Some(TalentOrder::Match) if self.vacancy.is_none() => self.plain_order(),
            Some(order) => order,
            None if self.vacancy.is_some() => TalentOrder::Match,
            None => self.plain_order(),
        }
    }

    /// The order without a vacancy: by the words, or by activity.
    fn plain_order(&self) -> TalentOrder {
        if self.text.is_some() {
            TalentOrder::Relevance
        } else {
            TalentOrder::Active
        }
    }
}

/// Search words beyond this many are dropped (each makes the query larger).
const MAX_SEARCH_WORDS: usize = 12;

/// Turns what was typed into filters, with a message for each field that
/// could not be read (that field is then left out).
pub fn parse(query: &TalentQuery) -> (TalentFilters, Vec<(&'static str, String)>) {
    let mut problems = Vec::new();
    let text = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
    let choice = |value: &str, list: &[(&str, &str)]| {
        list.iter()
            .find(|(v, _)| *v == value)
            .map(|(v, _)| v.to_string())
    };
    let min_years = match query.years.trim() {
        "" => None,
        years => match years.parse::<i32>() {
            Ok(n) if (0..=60).contains(&n) => Some(n),
            _ => {
                problems.push((
                    "years",
                    "Years of experience: a number from 0 to 60.".into(),
                ));
                None
            }
        },
    };
    let budget = match money_to_minor(&query.budget) {
        Ok(None) => None,
        Ok(Some(_)) if !CURRENCIES.contains(&query.currency.as_str()) => {
            problems.push(("currency", "Choose the currency of the budget.".into()));
            None
        }
        Ok(Some(amount)) => Some((query.currency.clone(), amount)),
        Err(message) => {
            problems.push(("budget", message));
            None
        }
    };
    let vacancy = query.vacancy.trim().parse().ok();
    if query.sort == "match" && vacancy.is_none() {
        problems.push(("vacancy", "Choose the vacancy to rank people for.".into()));
    }
    let filters = TalentFilters {
        text: text(&query.q).map(|v| {
            v.split_whitespace()
                .take(MAX_SEARCH_WORDS)
                .collect::<Vec<_>>()
                .join(" ")
        }),
        location: text(&query.location),
        remote: choice(&query.remote, &REMOTE_PREFERENCES[1..]),
        seniority: choice(&query.seniority, &SENIORITIES),
        min_years,
        skills: crate::vacancies::rules::skill_names(&query.skills, "Skills")
            .map(|mut names| {
                names.truncate(10);
                names
            })
            .unwrap_or_default(),
        industry: query.industry.parse().ok(),
        budget,
        open_only: query.open == "1",
        verified_only: query.verified == "1",
        vacancy,
        sort: match query.sort.as_str() {
            "relevance" => Some(TalentOrder::Relevance),
            "match" => Some(TalentOrder::Match),
            "active" => Some(TalentOrder::Active),
            _ => None,
        },
        page: query.page.parse::<i64>().unwrap_or(1).clamp(1, 500),
    };
    (filters, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_reads_back_from_its_address() {
        let query = TalentQuery::from_pairs([
            ("q", "payments engineer"),
            ("skills", "Rust, PostgreSQL"),
            ("years", "5"),
            ("open", "1"),
            ("verified", "1"),
            ("nonsense", "x"),
        ]);
        let address = query.url(2);
        assert_eq!(
            address,
            "/talent?q=payments%20engineer&years=5&skills=Rust%2C%20PostgreSQL&open=1&verified=1&page=2"
        );
        let (filters, problems) = parse(&query);
        assert!(problems.is_empty());
        assert_eq!(filters.text.as_deref(), Some("payments engineer"));
        assert_eq!(filters.skills, ["Rust", "PostgreSQL"]);
        assert_eq!(filters.min_years, Some(5));
        assert!(filters.open_only && filters.verified_only);
        assert_eq!(filters.order(), TalentOrder::Relevance);
        assert_eq!(TalentQuery::default().url(1), "/talent");
        let vacancy = uuid::Uuid::now_v7();
        let ranked = TalentQuery {
            vacancy: vacancy.to_string(),
            ..query
        };
        let (filters, _) = parse(&ranked);
        assert_eq!(filters.vacancy, Some(vacancy));
        assert_eq!(
            filters.order(),
            TalentOrder::Match,
            "a vacancy ranks by match"
        );
    }

    #[test]
    fn what_cannot_be_read_is_named_and_left_out() {
        let query = TalentQuery {
            years: "lots".into(),
            budget: "5,000,000".into(),
            currency: "XXX".into(),
            seniority: "wizard".into(),
            page: "-4".into(),
            ..TalentQuery::default()
        };
        let (filters, problems) = parse(&query);
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["years", "currency"]);
        assert_eq!(filters.min_years, None);
        assert_eq!(filters.budget, None);
        assert_eq!(filters.seniority, None);
        assert_eq!(filters.page, 1);
        assert_eq!(filters.order(), TalentOrder::Active);
        let unranked = TalentQuery {
            sort: "match".into(),
            ..TalentQuery::default()
        };
        let (filters, problems) = parse(&unranked);
        assert_eq!(problems[0].0, "vacancy");
        assert_eq!(filters.order(), TalentOrder::Active, "no vacancy to match");
        let budget = TalentQuery {
            budget: "5,000,000".into(),
            currency: "NGN".into(),
            ..TalentQuery::default()
        };
        assert_eq!(parse(&budget).0.budget, Some(("NGN".into(), 500_000_000)));
    }
}
