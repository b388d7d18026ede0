//! Reads suggestions out of a résumé's text: contact details, skills from
//! the taxonomy, job titles and years of experience. Pure and forgiving: the
//! person reviews every suggestion before it touches the profile.

use super::ResumeSuggestions;

/// Words that mark a line as a job title.
const TITLE_WORDS: [&str; 22] = [
    "manager",
    "director",
    "engineer",
    "analyst",
    "officer",
    "lead",
    "head of",
    "consultant",
    "developer",
    "designer",
    "accountant",
    "specialist",
    "coordinator",
    "executive",
    "president",
    "architect",
    "administrator",
    "scientist",
    "partner",
    "controller",
    "associate",
    "supervisor",
];

/// A taxonomy skill: its name and synonyms.
pub struct KnownSkill {
    pub name: String,
    pub synonyms: Vec<String>,
}

pub fn parse_resume(text: &str, skills: &[KnownSkill], this_year: i32) -> ResumeSuggestions {
    ResumeSuggestions {
        emails: emails(text),
        phones: phones(text),
        skills: matched_skills(text, skills),
        job_titles: job_titles(text),
        years_of_experience: years_of_experience(text, this_year),
    }
}

fn push_unique(list: &mut Vec<String>, value: String, max: usize) {
    if list.len() < max && !list.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
        list.push(value);
    }
}

fn emails(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || "<>()[],;:\"'".contains(c)) {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.contains('@')
            && let Ok(email) = crate::auth::rules::Email::parse(token)
        {
            push_unique(&mut found, email.as_str().to_string(), 3);
        }
    }
    found
}

fn phones(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut run = String::new();
        for c in line.chars().chain(std::iter::once('\n')) {
            if c.is_ascii_digit() || (c == '+' && run.trim().is_empty()) || " -.()".contains(c) {
                run.push(c);
                continue;
            }
            let candidate = run.trim().trim_end_matches(['-', '.', '(']).to_string();
            run.clear();
            let digits = candidate.chars().filter(char::is_ascii_digit).count();
            // Years ("2015 - 2020") have 8 digits but no other shape of a phone.
            let looks_like_years = candidate
                .split([' ', '-', '.'])
                .filter(|p| !p.is_empty())
                .all(|p| p.len() == 4 && (p.starts_with("19") || p.starts_with("20")));
            if (7..=15).contains(&digits)
                && !looks_like_years
                && let Ok(Some(phone)) = crate::profiles::rules::phone(&candidate)
            {
                push_unique(&mut found, phone, 3);
            }
        }
    }
    found
}

/// Whether `needle` occurs in `haystack` as a whole word (not inside another
/// word): "Go" in "Go and Rust" but not in "Google".
fn contains_word(haystack: &str, needle: &str) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || "+#-".contains(c);
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(word_char) && !after.is_some_and(word_char)
    })
}

fn matched_skills(text: &str, skills: &[KnownSkill]) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for skill in skills {
        let hit = std::iter::once(&skill.name)
            .chain(&skill.synonyms)
            .any(|term| {
                // Short names ("Go", "R", "C") only count written exactly so.
                if term.chars().count() <= 3 {
                    contains_word(text, term)
                } else {
                    contains_word(&lower, &term.to_lowercase())
                }
            });
        if hit {
            push_unique(&mut found, skill.name.clone(), 30);
        }
    }
    found
}

fn job_titles(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line
            .split(['|', '•', '\t'])
            .next()
            .unwrap_or_default()
            .trim();
        let words = line.split_whitespace().count();
        let lower = line.to_lowercase();
        if (1..=8).contains(&words)
            && line.chars().count() <= 80
            && !line.contains('@')
            && !line.ends_with('.')
            && TITLE_WORDS.iter().any(|w| contains_word(&lower, w))
        {
            push_unique(
                &mut found,
                line.trim_end_matches([',', ':', '-']).trim().to_string(),
                5,
            );
        }
    }
    found
}

/// "12 years" or "12+ years" when stated; otherwise the span from the
/// earliest year mentioned in a date range to now.
fn years_of_experience(text: &str, this_year: i32) -> Option<i32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let stated = words
        .windows(2)
        .filter(|w| w[1].starts_with("year"))
        .filter_map(|w| w[0].trim_end_matches('+').parse::<i32>().ok())
        .filter(|n| (1..=60).contains(n))
        .max();
    if stated.is_some() {
        return stated;
    }
    let years: Vec<i32> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse().ok())
        .filter(|y| (1960..=this_year).contains(y))
        .collect();
    let has_range = lower.contains("present") || years.len() >= 2;
    let earliest = years.into_iter().min()?;
    (has_range && this_year > earliest).then_some((this_year - earliest).min(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESUME: &str = "Ada Okafor\n\
        ada.okafor@example.com | +234 803 123 4567\n\
        Finance Director\n\
        Lagos Bank, 2015 - present\n\
        Led a team of 12. Built models in Python and SQL; reporting in Excel.\n\
        Senior Financial Analyst\n\
        Abuja Trust, 2008 - 2015\n\
        Google Sheets, Go-to-market planning.\n";

    fn taxonomy() -> Vec<KnownSkill> {
        [
            ("Python", vec![]),
            ("SQL", vec![]),
            ("Microsoft Excel", vec!["excel"]),
            ("Go", vec!["golang"]),
            ("Financial Modeling", vec!["financial modelling"]),
        ]
        .into_iter()
        .map(|(name, synonyms)| KnownSkill {
            name: name.into(),
            synonyms: synonyms.into_iter().map(String::from).collect(),
        })
        .collect()
    }

    #[test]
    fn finds_contact_details_skills_titles_and_years() {
        let s = parse_resume(RESUME, &taxonomy(), 2026);
        assert_eq!(s.emails, ["ada.okafor@example.com"]);
        assert_eq!(s.phones, ["+234 803 123 4567"]);
        assert_eq!(s.skills, ["Python", "SQL", "Microsoft Excel"]);
        assert_eq!(
            s.job_titles,
            ["Finance Director", "Senior Financial Analyst"]
        );
        assert_eq!(s.years_of_experience, Some(18));
    }

    #[test]
    fn stated_years_win_and_empty_text_suggests_nothing() {
        let s = parse_resume("Over 15+ years in audit. 2019 - 2020", &taxonomy(), 2026);
        assert_eq!(s.years_of_experience, Some(15));
        let s = parse_resume("", &taxonomy(), 2026);
        assert_eq!(s, ResumeSuggestions::default());
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_word("Go and Rust", "Go"));
        assert!(!contains_word("Google", "Go"));
        assert!(!contains_word("C++", "C"));
        assert!(contains_word("c++ developer", "c++"));
    }
}
