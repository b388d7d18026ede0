//! A job search as it travels in the address: every filter is a query
//! parameter, so a search can be shared, bookmarked and reloaded. Parsing is
//! forgiving (an unknown value is dropped) except where the person typed
//! something we cannot read, which gets a field message.

use crate::profiles::rules::{
    CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SENIORITIES, money_to_minor,
};
use serde::{Deserialize, Serialize};

/// Results on one page.
pub const PAGE_SIZE: i64 = 20;
/// Result counts above this read "1,000+": counting every match of a broad
/// search would cost more than the search.
pub const COUNT_CAP: i64 = 1000;
/// The choices of "posted within".
pub const POSTED_WITHIN: [(&str, &str); 5] = [
    ("1", "Last 24 hours"),
    ("3", "Last 3 days"),
    ("7", "Last week"),
    ("14", "Last 2 weeks"),
    ("30", "Last 30 days"),
];
/// The orders offered besides the default (no `sort`): most relevant to
/// the search words, newest without any. ("relevance" still reads, from
/// older links.)
pub const SORTS: [(&str, &str); 2] = [("newest", "Newest"), ("salary", "Highest pay")];
/// The order by the reader's match score, offered only to a candidate
/// whose profile says enough to be matched (`matching::says_enough`).
pub const BEST_MATCH: (&str, &str) = ("match", "Best match");

/// The search exactly as typed: the form's fields and the address's
/// parameters have these names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobQuery {
    pub q: String,
    pub location: String,
    pub remote: String,
    pub seniority: String,
    pub employment_type: String,
    pub industry: String,
    pub skills: String,
    pub company: String,
    pub posted: String,
    pub currency: String,
    pub salary_min: String,
    pub salary_max: String,
    pub period: String,
    pub sort: String,
    pub page: String,
}

impl JobQuery {
    /// How many filters of the panel are set (words, place, sort and page
    /// are not filters): the count on the phone's "Filters" button.
    pub fn active_filters(&self) -> usize {
        let pay = !self.salary_min.trim().is_empty() || !self.salary_max.trim().is_empty();
        [
            &self.remote,
            &self.seniority,
            &self.employment_type,
            &self.industry,
            &self.skills,
            &self.company,
            &self.posted,
        ]
        .iter()
        .filter(|value| !value.trim().is_empty())
        .count()
            + usize::from(pay)
    }

    /// The parameter names, in the order addresses list them.
    pub const FIELDS: [&'static str; 15] = [
        "q",
        "location",
        "remote",
        "seniority",
        "employment_type",
        "industry",
        "skills",
        "company",
        "posted",
        "currency",
        "salary_min",
        "salary_max",
        "period",
        "sort",
        "page",
    ];

    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "q" => &mut self.q,
            "location" => &mut self.location,
            "remote" => &mut self.remote,
            "seniority" => &mut self.seniority,
            "employment_type" => &mut self.employment_type,
            "industry" => &mut self.industry,
            "skills" => &mut self.skills,
            "company" => &mut self.company,
            "posted" => &mut self.posted,
            "currency" => &mut self.currency,
            "salary_min" => &mut self.salary_min,
            "salary_max" => &mut self.salary_max,
            "period" => &mut self.period,
            "sort" => &mut self.sort,
            "page" => &mut self.page,
            _ => return None,
        })
    }

    fn field(&self, name: &str) -> &str {
        match name {
            "q" => &self.q,
            "location" => &self.location,
            "remote" => &self.remote,
            "seniority" => &self.seniority,
            "employment_type" => &self.employment_type,
            "industry" => &self.industry,
            "skills" => &self.skills,
            "company" => &self.company,
            "posted" => &self.posted,
            "currency" => &self.currency,
            "salary_min" => &self.salary_min,
            "salary_max" => &self.salary_max,
            "period" => &self.period,
            "sort" => &self.sort,
            _ => &self.page,
        }
    }

    /// Reads the parameters of an address; unknown ones are ignored and the
    /// values are cut to a sane length.
    pub fn from_pairs<N: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let mut query = Self::default();
        for (name, value) in pairs {
            if let Some(field) = query.field_mut(name.as_ref()) {
                *field = value.as_ref().chars().take(200).collect();
            }
        }
        query
    }

    /// The parameters that are set, as `a=1&b=2` (empty when none).
    pub fn to_query_string(&self) -> String {
        Self::FIELDS
            .iter()
            .filter(|name| !self.field(name).is_empty())
            .map(|name| format!("{name}={}", crate::ui::urlencode(self.field(name))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The address of this search.
    pub fn url(&self) -> String {
        match self.to_query_string() {
            s if s.is_empty() => "/jobs".to_string(),
            s => format!("/jobs?{s}"),
        }
    }

    /// The same search on page `page` (1-based).
    pub fn on_page(&self, page: i64) -> Self {
        Self {
            page: if page <= 1 {
                String::new()
            } else {
                page.to_string()
            },
            ..self.clone()
        }
    }

    /// Whether anything narrows the search (beyond sort and page).
    pub fn is_filtered(&self) -> bool {
        Self::FIELDS[..13]
            .iter()
            .any(|n| !self.field(n).trim().is_empty())
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    Relevance,
    Newest,
    Salary,
    /// By the reader's match score: the database reads the matches in the
    /// default order and the server ranks them (see `board::api`).
    Match,
}

impl SortOrder {
    /// The `sort` value of the address.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::Newest => "newest",
            SortOrder::Salary => "salary",
            SortOrder::Match => BEST_MATCH.0,
        }
    }
}

/// A pay range to overlap, per year in minor units of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayFilter {
    pub currency: String,
    pub min_yearly: Option<i64>,
    pub max_yearly: Option<i64>,
}

/// A search ready for the database.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchFilters {
    pub text: Option<String>,
    pub location: Option<String>,
    pub remote: Option<String>,
    pub seniority: Option<String>,
    pub employment_type: Option<String>,
    pub industry: Option<uuid::Uuid>,
    pub skills: Vec<String>,
    pub company: Option<String>,
    pub posted_days: Option<i32>,
    pub pay: Option<PayFilter>,
    pub sort: Option<SortOrder>,
    pub page: i64,
}

impl SearchFilters {
    /// The order results come in: most relevant first for a text search,
    /// else newest, unless another was asked for.
    pub fn order(&self) -> SortOrder {
        match self.sort {
            Some(SortOrder::Relevance) | None if self.text.is_some() => SortOrder::Relevance,
            Some(SortOrder::Salary) => SortOrder::Salary,
            Some(SortOrder::Match) => SortOrder::Match,
            _ => SortOrder::Newest,
        }
    }
}

/// A typed filter is cut to this many characters.
const MAX_FILTER_CHARS: usize = 200;
/// Search words beyond this many are dropped: each word makes the full-text
/// query larger, and thousands of them exhausted PostgreSQL's stack.
const MAX_SEARCH_WORDS: usize = 12;

/// Turns what was typed into filters, with a message for each field that
/// could not be read (that field is then left out of the search). Text is
/// bounded here, whichever way the search arrived.
pub fn parse(query: &JobQuery) -> (SearchFilters, Vec<(&'static str, String)>) {
    let mut problems = Vec::new();
    let text = |value: &str| {
        let value: String = value.trim().chars().take(MAX_FILTER_CHARS).collect();
        Some(value.trim().to_string()).filter(|v| !v.is_empty())
    };
    let words = |value: &str| {
        text(value).map(|v| {
            v.split_whitespace()
                .take(MAX_SEARCH_WORDS)
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let choice = |value: &str, list: &[(&str, &str)]| {
        list.iter()
            .find(|(v, _)| *v == value)
            .map(|(v, _)| v.to_string())
    };
    let mut money = |field: &'static str, value: &str| match money_to_minor(value) {
        Ok(amount) => amount,
        Err(message) => {
            problems.push((field, message));
            None
        }
    };
    let salary_min = money("salary_min", &query.salary_min);
    let salary_max = money("salary_max", &query.salary_max);
    let per_year = match query.period.as_str() {
        "month" => 12,
        "hour" => 2080,
        _ => 1,
    };
    let pay = match (salary_min, salary_max) {
        (None, None) => None,
        _ if !CURRENCIES.contains(&query.currency.as_str()) => {
            problems.push(("currency", "Choose the currency of the pay.".to_string()));
            None
        }
        (min, max) => Some(PayFilter {
            currency: query.currency.clone(),
            min_yearly: min.map(|m| m.saturating_mul(per_year)),
            max_yearly: max.map(|m| m.saturating_mul(per_year)),
        }),
    };
    let filters = SearchFilters {
        text: words(&query.q),
        location: text(&query.location),
        remote: choice(&query.remote, &REMOTE_PREFERENCES[1..]),
        seniority: choice(&query.seniority, &SENIORITIES),
        employment_type: choice(&query.employment_type, &EMPLOYMENT_TYPES),
        industry: query.industry.parse().ok(),
        skills: crate::vacancies::rules::skill_names(&query.skills, "Skills")
            .map(|mut names| {
                names.truncate(10);
                names
            })
            .unwrap_or_default(),
        company: text(&query.company),
        posted_days: choice(&query.posted, &POSTED_WITHIN).and_then(|d| d.parse().ok()),
        pay,
        sort: match query.sort.as_str() {
            "relevance" => Some(SortOrder::Relevance),
            "newest" => Some(SortOrder::Newest),
            "salary" => Some(SortOrder::Salary),
            "match" => Some(SortOrder::Match),
            _ => None,
        },
        page: query.page.parse::<i64>().unwrap_or(1).clamp(1, 500),
    };
    (filters, problems)
}

/// At most about `max` characters of `text`, cut at a word and ending in
/// "…" when something was left out. Highlight marks count as nothing.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text
        .chars()
        .filter(|c| !matches!(c, '\u{1}' | '\u{2}'))
        .count()
        <= max
    {
        return text.to_string();
    }
    let mut end = 0;
    let mut seen = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '\u{1}' | '\u{2}') {
            continue;
        }
        if seen == max {
            break;
        }
        seen += 1;
        if c.is_whitespace() {
            end = at;
        }
    }
    // One long word: cut it rather than show nothing.
    if end == 0 {
        end = text
            .char_indices()
            .nth(max)
            .map_or(text.len(), |(at, _)| at);
    }
    let cut = text[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:-–".contains(c));
    // A mark opened and not closed before the cut is closed after it.
    let open = cut.matches('\u{1}').count() > cut.matches('\u{2}').count();
    format!("{cut}{}…", if open { "\u{2}" } else { "" })
}

/// A highlighted snippet: runs of text, each marked or not.
pub fn snippet_parts(text: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut marked = false;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '\u{1}' | '\u{2}' => {
                if !current.is_empty() {
                    parts.push((std::mem::take(&mut current), marked));
                }
                marked = c == '\u{1}';
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        parts.push((current, marked));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_counted_once_each_with_pay_as_one() {
        assert_eq!(JobQuery::default().active_filters(), 0);
        let query = JobQuery::from_pairs([
            ("q", "analyst"),
            ("remote", "remote"),
            ("salary_min", "100"),
            ("salary_max", "200"),
            ("sort", "newest"),
        ]);
        assert_eq!(query.active_filters(), 2);
    }

    #[test]
    fn an_excerpt_ends_at_a_word() {
        assert_eq!(excerpt("Short text.", 50), "Short text.");
        assert_eq!(
            excerpt("Own treasury reporting for a bank", 20),
            "Own treasury…"
        );
        assert_eq!(excerpt("Run payroll, taxes and audits", 13), "Run payroll…");
        assert_eq!(excerpt("Supercalifragilistic", 5), "Super…");
        // Marks do not count, and one left open is closed.
        assert_eq!(
            excerpt("A \u{1}treasury reporting\u{2} role", 13),
            "A \u{1}treasury\u{2}…"
        );
    }

    #[test]
    fn a_search_round_trips_through_its_address() {
        let query = JobQuery::from_pairs([
            ("q", "data analyst"),
            ("remote", "remote"),
            ("skills", "SQL, Python"),
            ("utm_source", "mail"),
            ("page", "2"),
        ]);
        assert_eq!(
            query.url(),
            "/jobs?q=data%20analyst&remote=remote&skills=SQL%2C%20Python&page=2"
        );
        assert_eq!(
            query.on_page(1).url(),
            "/jobs?q=data%20analyst&remote=remote&skills=SQL%2C%20Python"
        );
        assert_eq!(JobQuery::default().url(), "/jobs");
        assert!(query.is_filtered());
        assert!(!JobQuery::from_pairs([("sort", "newest")]).is_filtered());
    }

    #[test]
    fn unknown_values_are_dropped_and_unreadable_pay_is_reported() {
        let query = JobQuery::from_pairs([
            ("remote", "no_preference"),
            ("seniority", "wizard"),
            ("posted", "9"),
            ("page", "-4"),
            ("salary_min", "lots"),
            ("industry", "not-a-uuid"),
        ]);
        let (filters, problems) = parse(&query);
        assert_eq!(filters.remote, None);
        assert_eq!(filters.seniority, None);
        assert_eq!(filters.posted_days, None);
        assert_eq!(filters.industry, None);
        assert_eq!(filters.page, 1);
        assert_eq!(filters.pay, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "salary_min");
    }

    #[test]
    fn search_text_is_bounded_in_length_and_words() {
        let long = JobQuery {
            q: "data analyst ".repeat(20_000),
            location: "L".repeat(5_000),
            ..JobQuery::default()
        };
        let (filters, _) = parse(&long);
        let text = filters.text.unwrap();
        assert_eq!(text.split(' ').count(), MAX_SEARCH_WORDS);
        assert!(text.starts_with("data analyst data"));
        assert_eq!(filters.location.unwrap().chars().count(), MAX_FILTER_CHARS);
    }

    #[test]
    fn pay_is_compared_per_year() {
        let query = JobQuery::from_pairs([
            ("salary_min", "500000"),
            ("currency", "NGN"),
            ("period", "month"),
        ]);
        let (filters, problems) = parse(&query);
        assert!(problems.is_empty());
        assert_eq!(
            filters.pay,
            Some(PayFilter {
                currency: "NGN".into(),
                min_yearly: Some(500_000 * 100 * 12),
                max_yearly: None,
            })
        );
        let (_, problems) = parse(&JobQuery::from_pairs([("salary_max", "10")]));
        assert_eq!(problems[0].0, "currency");
    }

    #[test]
    fn text_searches_sort_by_relevance_unless_asked_otherwise() {
        let order = |pairs: &[(&str, &str)]| parse(&JobQuery::from_pairs(pairs.to_vec())).0.order();
        assert_eq!(order(&[("q", "analyst")]), SortOrder::Relevance);
        assert_eq!(order(&[]), SortOrder::Newest);
        assert_eq!(order(&[("sort", "relevance")]), SortOrder::Newest);
        assert_eq!(
            order(&[("q", "analyst"), ("sort", "salary")]),
            SortOrder::Salary
        );
        assert_eq!(order(&[("sort", "match")]), SortOrder::Match);
    }

    #[test]
    fn snippets_split_into_marked_runs() {
        assert_eq!(
            snippet_parts("need a \u{1}data\u{2} analyst"),
            vec![
                ("need a ".to_string(), false),
                ("data".to_string(), true),
                (" analyst".to_string(), false)
            ]
        );
    }
}
