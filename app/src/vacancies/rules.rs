//! Pure vacancy rules: the status machine, what publishing needs, slugs,
//! list fields and how a salary reads.

use serde::{Deserialize, Serialize};

/// A listing runs this long after publishing, unless its "apply by" day
/// ends it sooner (the database's `listing_end`, migration 71).
pub const LISTING_DAYS: i64 = 30;
/// At most this many skills of each kind on a vacancy.
pub const MAX_SKILLS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VacancyStatus {
    Draft,
    Active,
    Paused,
    Filled,
    Closed,
    Archived,
    /// Hidden by a moderator's decision: only a moderator brings it back.
    Hidden,
}

impl VacancyStatus {
    pub const ALL: [Self; 7] = [
        Self::Draft,
        Self::Active,
        Self::Paused,
        Self::Filled,
        Self::Closed,
        Self::Archived,
        Self::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Paused => "paused",
            Self::Filled => "filled",
            Self::Closed => "closed",
            Self::Archived => "archived",
            Self::Hidden => "hidden",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Active => "Open",
            Self::Paused => "Paused",
            Self::Filled => "Filled",
            Self::Closed => "Closed",
            Self::Archived => "Archived",
            Self::Hidden => "Hidden by our team",
        }
    }

    /// Whether candidates can apply.
    pub fn accepts_applications(self) -> bool {
        self == Self::Active
    }
}

/// What an employer does to a vacancy's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusAction {
    Publish,
    Pause,
    Resume,
    MarkFilled,
    Close,
    Archive,
}

impl StatusAction {
    pub const ALL: [Self; 6] = [
        Self::Publish,
        Self::Pause,
        Self::Resume,
        Self::MarkFilled,
        Self::Close,
        Self::Archive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Pause => "pause",
            Self::Resume => "resume",
            Self::MarkFilled => "mark_filled",
            Self::Close => "close",
            Self::Archive => "archive",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Publish => "Publish",
            Self::Pause => "Pause",
            Self::Resume => "Reopen",
            Self::MarkFilled => "Mark as filled",
            Self::Close => "Close",
            Self::Archive => "Archive",
        }
    }
}

/// The status `action` leads to from `from`, or why it cannot be done.
pub fn transition(from: VacancyStatus, action: StatusAction) -> Result<VacancyStatus, String> {
    use StatusAction as A;
    use VacancyStatus as S;
    let to = match (from, action) {
        (S::Draft, A::Publish) => S::Active,
        (S::Active, A::Pause) => S::Paused,
        (S::Paused, A::Resume) => S::Active,
        (S::Active | S::Paused, A::MarkFilled) => S::Filled,
        (S::Active | S::Paused, A::Close) => S::Closed,
        (S::Draft | S::Filled | S::Closed, A::Archive) => S::Archived,
        _ => {
            return Err(format!(
                "A vacancy that is {} cannot be changed that way.",
                from.label().to_lowercase()
            ));
        }
    };
    Ok(to)
}

/// The actions open from `status`, in the order buttons show them.
pub fn actions(status: VacancyStatus) -> Vec<StatusAction> {
    StatusAction::ALL
        .into_iter()
        .filter(|a| transition(status, *a).is_ok())
        .collect()
}

/// The "apply by" day as the employer may set it: the listing closes once
/// the day is over (`listing_end`, migration 71), so not a day gone by.
pub fn apply_by(day: Option<time::Date>, today: time::Date) -> Result<Option<time::Date>, String> {
    match day {
        // The field's hint says why.
        Some(day) if day < today => Err("Choose today or a later day.".into()),
        day => Ok(day),
    }
}

/// The part of the vacancy's address: its title, then 12 hex digits of its
/// id so two "Data Analyst" roles never clash.
pub fn vacancy_slug(title: &str, id: uuid::Uuid) -> String {
    let base = crate::companies::rules::slugify(title);
    let simple = id.simple().to_string();
    let tail = &simple[simple.len() - 12..];
    if base.is_empty() {
        format!("job-{tail}")
    } else {
        format!("{base}-{tail}")
    }
}

/// A list typed one item per line: trimmed, blank lines dropped.
pub fn list_lines(text: &str, max_items: usize, what: &str) -> Result<Vec<String>, String> {
    let items: Vec<String> = text
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if items.len() > max_items {
        return Err(format!("{what}: at most {max_items} lines."));
    }
    if items.iter().any(|i| i.chars().count() > 300) {
        return Err(format!("{what}: keep each line under 300 characters."));
    }
    Ok(items)
}

/// Skill names typed with commas between them, without repeats.
pub fn skill_names(text: &str, what: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = Vec::new();
    for name in text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if name.chars().count() > 60 {
            return Err(format!("{what}: “{name}” is too long for a skill."));
        }
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_string());
        }
    }
    if names.len() > MAX_SKILLS {
        return Err(format!("{what}: at most {MAX_SKILLS} skills."));
    }
    Ok(names)
}

/// "NGN 850,000 – 1,200,000 per month".
pub fn salary_label(min_minor: i64, max_minor: i64, currency: &str, period: &str) -> String {
    let period = crate::profiles::rules::label_of(period, &crate::profiles::rules::SALARY_PERIODS);
    if min_minor == max_minor {
        format!(
            "{currency} {} {period}",
            crate::money::grouped_minor(min_minor)
        )
    } else {
        format!(
            "{currency} {} – {} {period}",
            crate::money::grouped_minor(min_minor),
            crate::money::grouped_minor(max_minor)
        )
    }
}

/// What a vacancy still needs before it can be published, as (field,
/// message) pairs.
pub struct PublishCheck<'a> {
    pub description: &'a str,
    pub has_salary: bool,
    pub remote_option: &'a str,
    pub city: &'a str,
    /// A draft saved with an apply-by day that has gone by since.
    pub apply_by_passed: bool,
}

pub fn publish_problems(v: &PublishCheck<'_>) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if v.description.trim().chars().count() < 30 {
        problems.push((
            "description",
            "Describe the role in a few sentences before publishing.",
        ));
    }
    if !v.has_salary {
        problems.push((
            "salary_min",
            "Add the salary range before publishing: every listing shows its pay.",
        ));
    }
    if v.remote_option != "remote" && v.city.trim().is_empty() {
        problems.push(("city", "Add the city, or make the role remote."));
    }
    if v.apply_by_passed {
        problems.push((
            "application_deadline",
            "Its apply-by day has passed: choose a later one.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatusAction as A;
    use VacancyStatus as S;

    #[test]
    fn the_apply_by_day_is_today_or_later() {
        let today = time::macros::date!(2026 - 12 - 06);
        assert_eq!(apply_by(None, today), Ok(None));
        assert_eq!(apply_by(Some(today), today), Ok(Some(today)));
        let tomorrow = today.next_day();
        assert_eq!(apply_by(tomorrow, today), Ok(tomorrow));
        assert!(apply_by(today.previous_day(), today).is_err());
    }

    #[test]
    fn the_status_machine_allows_only_its_moves() {
        assert_eq!(transition(S::Draft, A::Publish), Ok(S::Active));
        assert_eq!(transition(S::Active, A::Pause), Ok(S::Paused));
        assert_eq!(transition(S::Paused, A::Resume), Ok(S::Active));
        assert_eq!(transition(S::Paused, A::MarkFilled), Ok(S::Filled));
        assert_eq!(transition(S::Active, A::Close), Ok(S::Closed));
        assert_eq!(transition(S::Closed, A::Archive), Ok(S::Archived));
        for (from, action) in [
            (S::Draft, A::Pause),
            (S::Active, A::Publish),
            (S::Closed, A::Resume),
            (S::Filled, A::Publish),
            (S::Archived, A::Publish),
            (S::Archived, A::Archive),
            (S::Active, A::Archive),
        ] {
            assert!(transition(from, action).is_err(), "{from:?} {action:?}");
        }
        assert_eq!(actions(S::Draft), vec![A::Publish, A::Archive]);
        assert_eq!(actions(S::Active), vec![A::Pause, A::MarkFilled, A::Close]);
        assert!(actions(S::Archived).is_empty());
        // Only a moderator brings a hidden vacancy back.
        assert!(actions(S::Hidden).is_empty());
        assert!(S::Active.accepts_applications());
        assert!(!S::Paused.accepts_applications());
    }

    #[test]
    fn statuses_and_actions_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        for a in A::ALL {
            assert_eq!(A::parse(a.as_str()), Some(a));
        }
        assert_eq!(S::parse("open"), None);
    }

    #[test]
    fn slugs_carry_the_title_and_part_of_the_id() {
        let id: uuid::Uuid = "01937a4e-5b6c-7d8e-9f01-23456789abcd".parse().unwrap();
        assert_eq!(
            vacancy_slug("Senior Data Analyst", id),
            "senior-data-analyst-23456789abcd"
        );
        assert_eq!(vacancy_slug("!!!", id), "job-23456789abcd");
    }

    #[test]
    fn lists_are_lines_and_skills_are_commas() {
        assert_eq!(
            list_lines(" - Lead the team\n\n* Ship weekly \n", 10, "Duties"),
            Ok(vec!["Lead the team".to_string(), "Ship weekly".to_string()])
        );
        assert!(list_lines("a\nb\nc", 2, "Duties").is_err());
        assert_eq!(
            skill_names("Python, SQL ,python,, Tableau", "Skills"),
            Ok(vec!["Python".into(), "SQL".into(), "Tableau".into()])
        );
        let many = (0..21)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(skill_names(&many, "Skills").is_err());
    }

    #[test]
    fn salaries_read_with_separators() {
        assert_eq!(
            salary_label(85_000_000, 120_000_000, "NGN", "month"),
            "NGN 850,000 – 1,200,000 per month"
        );
        assert_eq!(
            salary_label(2_550, 2_550, "USD", "hour"),
            "USD 25.50 per hour"
        );
    }

    #[test]
    fn publishing_needs_a_description_pay_and_a_place() {
        let ready = PublishCheck {
            description: "We need an analyst to own our reporting end to end.",
            has_salary: true,
            remote_option: "on_site",
            city: "Lagos",
            apply_by_passed: false,
        };
        assert!(publish_problems(&ready).is_empty());
        let bare = PublishCheck {
            description: "",
            has_salary: false,
            remote_option: "hybrid",
            city: " ",
            apply_by_passed: true,
        };
        let fields: Vec<_> = publish_problems(&bare)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            ["description", "salary_min", "city", "application_deadline"]
        );
        let remote = PublishCheck {
            remote_option: "remote",
            city: "",
            ..ready
        };
        assert!(publish_problems(&remote).is_empty());
    }
}
