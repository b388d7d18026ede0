//! How well a candidate fits a vacancy: a score from 0 to 100 and the
//! factors behind it, each saying in words what it measured. Pure, so job
//! search, the vacancy page and the swipe deck all score the same way.
//!
//! A factor the vacancy leaves open earns full points; a factor one side has
//! not filled in is [`Fit::Unknown`] and earns half, so an empty profile lands
//! in the middle rather than at the bottom.

use crate::profiles::rules::{EMPLOYMENT_TYPES, SENIORITIES, label_of};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const REQUIRED_SKILLS: u32 = 40;
const PREFERRED_SKILLS: u32 = 10;
const SENIORITY: u32 = 8;
const EXPERIENCE: u32 = 7;
const SALARY: u32 = 15;
const LOCATION: u32 = 10;
const EMPLOYMENT_TYPE: u32 = 10;

/// How many of the 100 points must rest on what both sides said before a
/// score means anything: below it, the page asks for the missing facts
/// instead of showing a number made mostly of half points.
const INFORMED_POINTS: u32 = 60;

/// Salary pay below the candidate's minimum by at most this percentage is
/// still worth a conversation, so it is a partial fit rather than a poor one.
const SALARY_GRACE_PERCENT: i128 = 10;

/// What the candidate's profile says, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateFacts {
    /// Skill names as stored in the taxonomy (compared case-insensitively).
    pub skills: Vec<String>,
    pub years_experience: Option<i32>,
    /// One of `profiles::rules::SENIORITIES`.
    pub seniority: Option<String>,
    pub salary_min_minor: Option<i64>,
    pub salary_max_minor: Option<i64>,
    pub salary_currency: Option<String>,
    /// `year`, `month` or `hour`; `None` counts as `year`.
    pub salary_period: Option<String>,
    /// `no_preference`, `on_site`, `hybrid` or `remote`.
    pub remote_preference: String,
    pub country: String,
    pub city: String,
    pub willing_to_relocate: bool,
    /// Employment types the candidate wants; empty means any.
    pub employment_types: Vec<String>,
}

/// What the vacancy asks for, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyFacts {
    pub required_skills: Vec<String>,
    pub preferred_skills: Vec<String>,
    pub seniority: Option<String>,
    pub years_min: Option<i32>,
    pub years_max: Option<i32>,
    pub salary_min_minor: Option<i64>,
    pub salary_max_minor: Option<i64>,
    pub salary_currency: Option<String>,
    pub salary_period: Option<String>,
    /// `on_site`, `hybrid` or `remote`.
    pub remote_option: String,
    pub country: String,
    pub city: String,
    pub employment_type: String,
}

/// How one factor came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fit {
    Good,
    Partial,
    Poor,
    /// One side has not said enough to compare.
    Unknown,
}

/// One measured part of the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchFactor {
    /// What was measured, e.g. "Required skills".
    pub name: String,
    /// The result in words, e.g. "4 of 5 required skills".
    pub detail: String,
    pub fit: Fit,
    pub points: u32,
    pub max_points: u32,
}

/// The overall fit: `score` is the sum of the factors' points, 0 to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchScore {
    pub score: u8,
    pub factors: Vec<MatchFactor>,
}

impl MatchScore {
    /// Enough is known to rank by the score and show it.
    pub fn is_informed(&self) -> bool {
        let known: u32 = self
            .factors
            .iter()
            .filter(|f| f.fit != Fit::Unknown)
            .map(|f| f.max_points)
            .sum();
        known >= INFORMED_POINTS
    }

    /// The score to show and rank by, once enough is known.
    pub fn shown(&self) -> Option<u8> {
        self.is_informed().then_some(self.score)
    }
}

/// Scores how well `candidate` fits `vacancy`.
pub fn match_score(candidate: &CandidateFacts, vacancy: &VacancyFacts) -> MatchScore {
    let factors = vec![
        skills(
            "Required skills",
            "required",
            REQUIRED_SKILLS,
            &candidate.skills,
            &vacancy.required_skills,
        ),
        skills(
            "Preferred skills",
            "preferred",
            PREFERRED_SKILLS,
            &candidate.skills,
            &vacancy.preferred_skills,
        ),
        seniority(candidate, vacancy),
        experience(candidate, vacancy),
        salary(candidate, vacancy),
        location(candidate, vacancy),
        employment_type(candidate, vacancy),
    ];
    let total: u32 = factors.iter().map(|f| f.points).sum();
    MatchScore {
        score: u8::try_from(total.min(100)).unwrap_or(100),
        factors,
    }
}

/// Whether the profile says enough to be ranked by match score: scored
/// against a vacancy that asks for everything, enough would be known.
pub fn says_enough(candidate: &CandidateFacts) -> bool {
    let asks_everything = VacancyFacts {
        required_skills: vec!["?".into()],
        preferred_skills: vec!["?".into()],
        seniority: Some(SENIORITIES[0].0.into()),
        years_min: Some(1),
        years_max: None,
        salary_min_minor: Some(1),
        salary_max_minor: Some(1),
        salary_currency: candidate.salary_currency.clone(),
        salary_period: None,
        remote_option: "on_site".into(),
        country: "?".into(),
        city: "?".into(),
        employment_type: EMPLOYMENT_TYPES[0].0.into(),
    };
    match_score(candidate, &asks_everything).is_informed()
}

/// A factor whose points follow from its fit: full, half or none.
fn factor(name: &str, max_points: u32, fit: Fit, detail: String) -> MatchFactor {
    let points = match fit {
        Fit::Good => max_points,
        Fit::Partial | Fit::Unknown => max_points.div_ceil(2),
        Fit::Poor => 0,
    };
    MatchFactor {
        name: name.to_string(),
        detail,
        fit,
        points,
        max_points,
    }
}

/// Trimmed and lowercased, so "Rust " and "rust" are the same skill or city.
fn norm(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Skills earn points in proportion to how many the vacancy lists are covered.
fn skills(name: &str, kind: &str, max: u32, have: &[String], wanted: &[String]) -> MatchFactor {
    let wanted: HashSet<String> = wanted
        .iter()
        .map(|s| norm(s))
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        return factor(name, max, Fit::Good, format!("no {kind} skills listed"));
    }
    let total = wanted.len();
    if have.iter().all(|s| s.trim().is_empty()) {
        let detail = format!("add your skills to compare with the {total} {kind}");
        return factor(name, max, Fit::Unknown, detail);
    }
    let have: HashSet<String> = have.iter().map(|s| norm(s)).collect();
    let covered = wanted.intersection(&have).count();
    let fit = match covered {
        0 => Fit::Poor,
        c if c == total => Fit::Good,
        _ => Fit::Partial,
    };
    // Rounded to the nearest point; `total` is at least 1 here.
    let points = (max as usize * covered + total / 2) / total;
    MatchFactor {
        name: name.to_string(),
        detail: format!("{covered} of {total} {kind} skills"),
        fit,
        points: u32::try_from(points).unwrap_or(max),
        max_points: max,
    }
}

/// A seniority level's rank in `SENIORITIES` (junior first) and its label.
fn level(value: Option<&str>) -> Option<(usize, String)> {
    let value = value?;
    let rank = SENIORITIES.iter().position(|(v, _)| *v == value)?;
    Some((rank, label_of(value, &SENIORITIES).to_lowercase()))
}

/// Same level is good, one level either way is partial, further is poor.
fn seniority(c: &CandidateFacts, v: &VacancyFacts) -> MatchFactor {
    const NAME: &str = "Seniority";
    let Some((wanted, asked)) = level(v.seniority.as_deref()) else {
        return factor(
            NAME,
            SENIORITY,
            Fit::Good,
            "no seniority level asked".into(),
        );
    };
    let Some((rank, have)) = level(c.seniority.as_deref()) else {
        let detail = "add your seniority level to compare".into();
        return factor(NAME, SENIORITY, Fit::Unknown, detail);
    };
    let (fit, detail) = match rank.abs_diff(wanted) {
        0 => (Fit::Good, format!("{have}, as asked")),
        1 => (
            Fit::Partial,
            format!("{have}; asked {asked} (one level off)"),
        ),
        _ => (Fit::Poor, format!("{have}; asked {asked}")),
    };
    factor(NAME, SENIORITY, fit, detail)
}

fn years(n: i32) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

/// Within the range is good; a year short or more than the maximum is
/// partial (close enough to talk about); further short is poor.
fn experience(c: &CandidateFacts, v: &VacancyFacts) -> MatchFactor {
    const NAME: &str = "Experience";
    let asked = match (v.years_min, v.years_max) {
        (None, None) => {
            return factor(
                NAME,
                EXPERIENCE,
                Fit::Good,
                "no experience range asked".into(),
            );
        }
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}+"),
        (None, Some(b)) => format!("up to {b}"),
    };
    let Some(have) = c.years_experience else {
        return factor(
            NAME,
            EXPERIENCE,
            Fit::Unknown,
            "add your years of experience to compare".into(),
        );
    };
    let short = v.years_min.map_or(0, |min| min.saturating_sub(have));
    let over = v.years_max.is_some_and(|max| have > max);
    let head = format!("{}; asked {asked}", years(have));
    let (fit, detail) = if short > 1 {
        (Fit::Poor, head)
    } else if short == 1 {
        (Fit::Partial, format!("{head} (1 year short)"))
    } else if over {
        (Fit::Partial, format!("{head} (more experience than asked)"))
    } else {
        (Fit::Good, head)
    };
    factor(NAME, EXPERIENCE, fit, detail)
}

/// An amount per `period` as an amount per year (2080 working hours a year).
fn yearly(amount: i64, period: Option<&str>) -> i64 {
    match period {
        Some("month") => amount.saturating_mul(12),
        Some("hour") => amount.saturating_mul(2080),
        _ => amount,
    }
}

/// Compares yearly amounts in the same currency: the vacancy's top against
/// the candidate's bottom, since that is the question a candidate asks.
fn salary(c: &CandidateFacts, v: &VacancyFacts) -> MatchFactor {
    const NAME: &str = "Salary";
    let unknown = |detail: &str| factor(NAME, SALARY, Fit::Unknown, detail.into());
    let yearly_vacancy = |a: Option<i64>| a.map(|a| yearly(a, v.salary_period.as_deref()));
    let yearly_candidate = |a: Option<i64>| a.map(|a| yearly(a, c.salary_period.as_deref()));
    let Some(top) = yearly_vacancy(v.salary_max_minor.or(v.salary_min_minor)) else {
        // A hidden salary still has a budget behind it, so it is not "open".
        return unknown("salary not published");
    };
    let Some(bottom) = yearly_candidate(c.salary_min_minor.or(c.salary_max_minor)) else {
        return unknown("add your salary expectation to compare");
    };
    match (v.salary_currency.as_deref(), c.salary_currency.as_deref()) {
        (Some(theirs), Some(yours)) if theirs.eq_ignore_ascii_case(yours) => {}
        (Some(theirs), Some(yours)) => {
            return unknown(&format!("salary in {theirs}, yours in {yours}"));
        }
        _ => return unknown("salary currency not given"),
    }
    if top >= bottom || bottom <= 0 {
        let above = matches!(
            (yearly_vacancy(v.salary_min_minor), yearly_candidate(c.salary_max_minor)),
            (Some(min), Some(max)) if min > max
        );
        let detail = if above {
            "pays above your range"
        } else {
            "salary ranges overlap"
        };
        return factor(NAME, SALARY, Fit::Good, detail.into());
    }
    let (top, bottom) = (i128::from(top), i128::from(bottom));
    // `0 < bottom` and `top < bottom` here; round the gap up so a
    // shortfall never reads as 0%.
    let percent = ((bottom - top) * 100 + bottom - 1) / bottom;
    let fit = if percent <= SALARY_GRACE_PERCENT {
        Fit::Partial
    } else {
        Fit::Poor
    };
    let detail = format!("pays up to {percent}% below your minimum");
    factor(NAME, SALARY, fit, detail)
}

/// Whether the candidate can get to an on-site or hybrid workplace: lives
/// there, or will move. Moving abroad is only partial (visas, notice).
fn place(c: &CandidateFacts, v: &VacancyFacts) -> (Fit, String) {
    let (vcity, vcountry) = (norm(&v.city), norm(&v.country));
    let (ccity, ccountry) = (norm(&c.city), norm(&c.country));
    if vcity.is_empty() && vcountry.is_empty() {
        return (Fit::Unknown, "workplace not given".into());
    }
    if ccity.is_empty() && ccountry.is_empty() {
        return (Fit::Unknown, "add your location to compare".into());
    }
    let same_country = !vcountry.is_empty() && vcountry == ccountry;
    let other_country = !vcountry.is_empty() && !ccountry.is_empty() && vcountry != ccountry;
    let lives_there = if vcity.is_empty() {
        same_country
    } else {
        vcity == ccity && !other_country
    };
    let you = if c.city.trim().is_empty() {
        c.country.trim()
    } else {
        c.city.trim()
    };
    if lives_there {
        (Fit::Good, "you live there".into())
    } else if c.willing_to_relocate && other_country {
        (
            Fit::Partial,
            format!("you would move from {}", c.country.trim()),
        )
    } else if c.willing_to_relocate {
        (Fit::Good, "you are open to relocating".into())
    } else if ccity.is_empty() && !other_country {
        (Fit::Unknown, "add your city to compare".into())
    } else {
        (
            Fit::Poor,
            format!("you live in {you} and are not relocating"),
        )
    }
}

/// Order for combining two partial answers: the worse one decides.
fn rank_fit(fit: Fit) -> u8 {
    match fit {
        Fit::Poor => 0,
        Fit::Partial => 1,
        Fit::Unknown => 2,
        Fit::Good => 3,
    }
}

/// Remote roles suit everyone (partly those who want an office); on-site and
/// hybrid roles need the candidate there and not insisting on remote.
fn location(c: &CandidateFacts, v: &VacancyFacts) -> MatchFactor {
    const NAME: &str = "Location";
    let wants = c.remote_preference.as_str();
    if v.remote_option == "remote" {
        let (fit, detail) = if wants == "on_site" {
            (Fit::Partial, "remote role; you prefer on-site")
        } else {
            (Fit::Good, "remote ok")
        };
        return factor(NAME, LOCATION, fit, detail.into());
    }
    let hybrid = v.remote_option == "hybrid";
    let mode = match (wants, hybrid) {
        ("remote", false) => Some((Fit::Poor, "you want remote")),
        ("remote", true) => Some((Fit::Partial, "you want remote")),
        ("hybrid", false) => Some((Fit::Partial, "you prefer hybrid")),
        _ => None,
    };
    let (place_fit, place_note) = place(c, v);
    let at = [v.city.trim(), v.country.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| format!(" in {s}"))
        .unwrap_or_default();
    let kind = if hybrid { "hybrid" } else { "on-site" };
    let mut detail = format!("{kind}{at}; {place_note}");
    let mut fit = place_fit;
    if let Some((mode_fit, note)) = mode {
        detail = format!("{detail}; {note}");
        fit = if rank_fit(mode_fit) < rank_fit(fit) {
            mode_fit
        } else {
            fit
        };
    }
    factor(NAME, LOCATION, fit, detail)
}

fn employment_label(kind: &str) -> String {
    label_of(kind, &EMPLOYMENT_TYPES).to_lowercase()
}

/// The vacancy's type is one the candidate wants, or the candidate takes any.
fn employment_type(c: &CandidateFacts, v: &VacancyFacts) -> MatchFactor {
    const NAME: &str = "Employment type";
    let kind = v.employment_type.trim();
    if kind.is_empty() {
        return factor(
            NAME,
            EMPLOYMENT_TYPE,
            Fit::Good,
            "no employment type given".into(),
        );
    }
    let label = employment_label(kind);
    let (fit, detail) = if c.employment_types.is_empty() {
        (Fit::Good, format!("{label}; you are open to any type"))
    } else if c.employment_types.iter().any(|t| t.trim() == kind) {
        (Fit::Good, format!("{label}, as you want"))
    } else {
        let wanted: Vec<String> = c
            .employment_types
            .iter()
            .map(|t| employment_label(t))
            .collect();
        (
            Fit::Poor,
            format!("{label}; you want {}", wanted.join(" or ")),
        )
    };
    factor(NAME, EMPLOYMENT_TYPE, fit, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn candidate() -> CandidateFacts {
        CandidateFacts {
            skills: strings(&["Rust", "PostgreSQL", "Kubernetes", "Leptos"]),
            years_experience: Some(6),
            seniority: Some("senior".into()),
            salary_min_minor: Some(9_000_000),
            salary_max_minor: Some(12_000_000),
            salary_currency: Some("USD".into()),
            salary_period: Some("year".into()),
            remote_preference: "no_preference".into(),
            country: "Nigeria".into(),
            city: "Lagos".into(),
            willing_to_relocate: false,
            employment_types: strings(&["full_time"]),
        }
    }

    fn vacancy() -> VacancyFacts {
        VacancyFacts {
            required_skills: strings(&["Rust", "PostgreSQL"]),
            preferred_skills: strings(&["Leptos"]),
            seniority: Some("senior".into()),
            years_min: Some(5),
            years_max: Some(8),
            salary_min_minor: Some(10_000_000),
            salary_max_minor: Some(14_000_000),
            salary_currency: Some("USD".into()),
            salary_period: Some("year".into()),
            remote_option: "on_site".into(),
            country: "Nigeria".into(),
            city: "Lagos".into(),
            employment_type: "full_time".into(),
        }
    }

    fn factor_of(m: &MatchScore, name: &str) -> MatchFactor {
        m.factors
            .iter()
            .find(|f| f.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("no factor {name}"))
    }

    #[test]
    fn a_profile_says_enough_to_rank_once_it_has_skills_and_a_little_more() {
        assert!(says_enough(&candidate()));
        assert!(!says_enough(&CandidateFacts::default()));
        let no_skills = CandidateFacts {
            skills: Vec::new(),
            ..candidate()
        };
        assert!(!says_enough(&no_skills));
        let skills_only = CandidateFacts {
            skills: strings(&["Rust"]),
            ..CandidateFacts::default()
        };
        assert!(says_enough(&skills_only));
        let picky = CandidateFacts {
            employment_types: strings(&["contract"]),
            ..skills_only
        };
        assert!(says_enough(&picky));
    }

    #[test]
    fn weights_sum_to_100() {
        let m = match_score(&candidate(), &vacancy());
        assert_eq!(m.factors.iter().map(|f| f.max_points).sum::<u32>(), 100);
    }

    #[test]
    fn perfect_candidate_scores_100_with_all_good() {
        let m = match_score(&candidate(), &vacancy());
        assert_eq!(m.score, 100);
        for f in &m.factors {
            assert_eq!(f.fit, Fit::Good, "{f:?}");
            assert_eq!(f.points, f.max_points, "{f:?}");
        }
    }

    #[test]
    fn counts_required_skills_covered() {
        let mut v = vacancy();
        v.required_skills = strings(&["Rust", "PostgreSQL", "Kubernetes", "Leptos", "Go"]);
        let f = factor_of(&match_score(&candidate(), &v), "Required skills");
        assert_eq!(f.detail, "4 of 5 required skills");
        assert_eq!(f.fit, Fit::Partial);
        assert_eq!(f.points, 32);
    }

    #[test]
    fn no_required_skill_covered_is_poor() {
        let mut v = vacancy();
        v.required_skills = strings(&["Go", "Java"]);
        let f = factor_of(&match_score(&candidate(), &v), "Required skills");
        assert_eq!((f.fit, f.points), (Fit::Poor, 0));
        assert_eq!(f.detail, "0 of 2 required skills");
    }

    #[test]
    fn skills_match_case_insensitively() {
        let mut c = candidate();
        c.skills = strings(&["rust", " POSTGRESQL ", "leptos"]);
        let m = match_score(&c, &vacancy());
        assert_eq!(
            factor_of(&m, "Required skills").detail,
            "2 of 2 required skills"
        );
        assert_eq!(factor_of(&m, "Preferred skills").fit, Fit::Good);
    }

    #[test]
    fn unlisted_preferred_skills_earn_full_points() {
        let mut v = vacancy();
        v.preferred_skills.clear();
        let f = factor_of(&match_score(&candidate(), &v), "Preferred skills");
        assert_eq!((f.fit, f.points), (Fit::Good, 10));
        assert_eq!(f.detail, "no preferred skills listed");
    }

    #[test]
    fn overlapping_salaries_are_good() {
        let f = factor_of(&match_score(&candidate(), &vacancy()), "Salary");
        assert_eq!(
            (f.fit, f.detail.as_str()),
            (Fit::Good, "salary ranges overlap")
        );
    }

    #[test]
    fn salary_below_minimum_says_how_far() {
        let mut v = vacancy();
        v.salary_min_minor = Some(6_000_000);
        v.salary_max_minor = Some(7_650_000);
        let f = factor_of(&match_score(&candidate(), &v), "Salary");
        assert_eq!(f.fit, Fit::Poor);
        assert_eq!(f.points, 0);
        assert_eq!(f.detail, "pays up to 15% below your minimum");
    }

    #[test]
    fn salary_a_little_below_minimum_is_partial() {
        let mut v = vacancy();
        v.salary_max_minor = Some(8_550_000);
        v.salary_min_minor = None;
        let f = factor_of(&match_score(&candidate(), &v), "Salary");
        assert_eq!(f.fit, Fit::Partial);
        assert_eq!(f.detail, "pays up to 5% below your minimum");
    }

    #[test]
    fn salary_in_another_currency_is_unknown() {
        let mut c = candidate();
        c.salary_currency = Some("NGN".into());
        let f = factor_of(&match_score(&c, &vacancy()), "Salary");
        assert_eq!(f.fit, Fit::Unknown);
        assert_eq!(f.detail, "salary in USD, yours in NGN");
        assert_eq!(f.points, 8);
    }

    #[test]
    fn monthly_salary_is_compared_yearly() {
        // 8,000.00 a month is 96,000.00 a year: inside 90,000–120,000,
        // though the monthly figure alone is far below the minimum.
        let mut v = vacancy();
        v.salary_min_minor = Some(700_000);
        v.salary_max_minor = Some(800_000);
        v.salary_period = Some("month".into());
        let f = factor_of(&match_score(&candidate(), &v), "Salary");
        assert_eq!(f.fit, Fit::Good, "{f:?}");

        // 40.00 an hour is 83,200.00 a year: 7.6% under the 90,000 minimum.
        v.salary_min_minor = None;
        v.salary_max_minor = Some(4_000);
        v.salary_period = Some("hour".into());
        let f = factor_of(&match_score(&candidate(), &v), "Salary");
        assert_eq!(f.detail, "pays up to 8% below your minimum");
    }

    #[test]
    fn salary_above_the_range_is_good() {
        let mut v = vacancy();
        v.salary_min_minor = Some(15_000_000);
        v.salary_max_minor = Some(16_000_000);
        let f = factor_of(&match_score(&candidate(), &v), "Salary");
        assert_eq!(
            (f.fit, f.detail.as_str()),
            (Fit::Good, "pays above your range")
        );
    }

    #[test]
    fn seniority_one_step_off_is_partial() {
        let mut c = candidate();
        c.seniority = Some("mid".into());
        let f = factor_of(&match_score(&c, &vacancy()), "Seniority");
        assert_eq!((f.fit, f.points), (Fit::Partial, 4));
        assert_eq!(f.detail, "mid level; asked senior (one level off)");

        c.seniority = Some("entry".into());
        let f = factor_of(&match_score(&c, &vacancy()), "Seniority");
        assert_eq!((f.fit, f.points), (Fit::Poor, 0));
    }

    #[test]
    fn experience_near_the_range() {
        let mut c = candidate();
        c.years_experience = Some(4);
        let f = factor_of(&match_score(&c, &vacancy()), "Experience");
        assert_eq!(f.fit, Fit::Partial);
        assert_eq!(f.detail, "4 years; asked 5–8 (1 year short)");

        c.years_experience = Some(12);
        let f = factor_of(&match_score(&c, &vacancy()), "Experience");
        assert_eq!(f.fit, Fit::Partial);
        assert!(f.detail.ends_with("(more experience than asked)"), "{f:?}");

        c.years_experience = Some(2);
        let f = factor_of(&match_score(&c, &vacancy()), "Experience");
        assert_eq!(f.fit, Fit::Poor);
    }

    #[test]
    fn remote_role_is_ok_anywhere() {
        let mut c = candidate();
        c.country = "Kenya".into();
        c.city = "Nairobi".into();
        let mut v = vacancy();
        v.remote_option = "remote".into();
        let f = factor_of(&match_score(&c, &v), "Location");
        assert_eq!((f.fit, f.detail.as_str()), (Fit::Good, "remote ok"));

        c.remote_preference = "on_site".into();
        let f = factor_of(&match_score(&c, &v), "Location");
        assert_eq!(f.fit, Fit::Partial);
    }

    #[test]
    fn on_site_in_another_city_without_relocating_is_poor() {
        let mut v = vacancy();
        v.city = "Abuja".into();
        let f = factor_of(&match_score(&candidate(), &v), "Location");
        assert_eq!((f.fit, f.points), (Fit::Poor, 0));
        assert_eq!(
            f.detail,
            "on-site in Abuja; you live in Lagos and are not relocating"
        );

        let mut c = candidate();
        c.willing_to_relocate = true;
        let f = factor_of(&match_score(&c, &v), "Location");
        assert_eq!(f.fit, Fit::Good);
    }

    #[test]
    fn same_city_ignores_case_and_spaces() {
        let mut v = vacancy();
        v.city = "  lagos ".into();
        v.country = "NIGERIA".into();
        let f = factor_of(&match_score(&candidate(), &v), "Location");
        assert_eq!(f.fit, Fit::Good, "{f:?}");
    }

    #[test]
    fn remote_seeker_and_on_site_role_is_poor() {
        let mut c = candidate();
        c.remote_preference = "remote".into();
        let f = factor_of(&match_score(&c, &vacancy()), "Location");
        assert_eq!(f.fit, Fit::Poor);
        assert_eq!(
            f.detail,
            "on-site in Lagos; you live there; you want remote"
        );
    }

    #[test]
    fn employment_type_outside_the_wanted_ones_is_poor() {
        let mut c = candidate();
        c.employment_types = strings(&["contract", "part_time"]);
        let f = factor_of(&match_score(&c, &vacancy()), "Employment type");
        assert_eq!(f.fit, Fit::Poor);
        assert_eq!(f.detail, "full time; you want contract or part time");

        c.employment_types.clear();
        let f = factor_of(&match_score(&c, &vacancy()), "Employment type");
        assert_eq!(f.fit, Fit::Good);
    }

    #[test]
    fn empty_profile_is_unknown_and_middling() {
        let m = match_score(&CandidateFacts::default(), &vacancy());
        for name in [
            "Required skills",
            "Preferred skills",
            "Seniority",
            "Experience",
            "Salary",
            "Location",
        ] {
            assert_eq!(factor_of(&m, name).fit, Fit::Unknown, "{name}");
        }
        assert_eq!(
            factor_of(&m, "Salary").detail,
            "add your salary expectation to compare"
        );
        assert!((40..=70).contains(&m.score), "score {}", m.score);
        assert!(!m.is_informed());
        assert_eq!(m.shown(), None);
    }

    #[test]
    fn a_score_is_shown_once_most_of_it_rests_on_known_facts() {
        let full = match_score(&candidate(), &vacancy());
        assert_eq!(full.shown(), Some(100));
        // Skills alone measure 60 of the 100 points.
        let skills_only = CandidateFacts {
            skills: candidate().skills,
            ..CandidateFacts::default()
        };
        assert!(match_score(&skills_only, &vacancy()).is_informed());
        // Everything but skills leaves too much unknown.
        let no_skills = CandidateFacts {
            skills: vec![],
            salary_min_minor: None,
            salary_max_minor: None,
            ..candidate()
        };
        assert!(!match_score(&no_skills, &vacancy()).is_informed());
    }

    #[test]
    fn empty_facts_never_panic() {
        let m = match_score(&CandidateFacts::default(), &VacancyFacts::default());
        assert!(m.score <= 100);
        assert_eq!(m.factors.len(), 7);
    }

    #[test]
    fn score_stays_within_bounds() {
        let mut odd = candidate();
        odd.salary_min_minor = Some(i64::MAX);
        odd.salary_period = Some("hour".into());
        odd.years_experience = Some(i32::MIN);
        odd.seniority = Some("wizard".into());
        let mut v = vacancy();
        v.salary_max_minor = Some(0);
        v.years_min = Some(i32::MAX);
        let cases = [
            (candidate(), vacancy()),
            (odd.clone(), v.clone()),
            (odd, VacancyFacts::default()),
            (CandidateFacts::default(), v),
        ];
        for (c, v) in &cases {
            let m = match_score(c, v);
            assert!(m.score <= 100);
            assert_eq!(
                u32::from(m.score),
                m.factors.iter().map(|f| f.points).sum::<u32>()
            );
        }
    }
}
