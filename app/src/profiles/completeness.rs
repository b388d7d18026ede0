//! How complete a candidate profile is: a pure score out of 100 with the
//! weights of the product brief, and what is missing, with where to add it.

use serde::{Deserialize, Serialize};

/// What the score is computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileFacts {
    pub has_photo: bool,
    pub has_summary: bool,
    pub has_resume: bool,
    pub has_linkedin: bool,
    pub work_entries: u32,
    pub education_entries: u32,
    pub skills: u32,
    pub references_with_permission: u32,
}

/// Something that would raise the score, and the editor section for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingItem {
    pub label: String,
    pub anchor: String,
    pub points: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Completeness {
    pub score: u8,
    pub missing: Vec<MissingItem>,
}

/// Points earned for `count` items at `each` points, up to `cap`.
fn capped(count: u32, each: u32, cap: u32) -> u32 {
    count.saturating_mul(each).min(cap)
}

pub fn completeness(f: &ProfileFacts) -> Completeness {
    // (label, anchor, earned, possible)
    let parts = [
        (
            "Add a photo",
            "photos",
            if f.has_photo { 10 } else { 0 },
            10,
        ),
        (
            "Write a summary",
            "identity",
            if f.has_summary { 15 } else { 0 },
            15,
        ),
        (
            "Upload your résumé",
            "resumes",
            if f.has_resume { 10 } else { 0 },
            10,
        ),
        (
            "Link your LinkedIn profile",
            "links",
            if f.has_linkedin { 5 } else { 0 },
            5,
        ),
        (
            if f.work_entries == 0 {
                "Add your work history"
            } else {
                "Add another job"
            },
            "work-history",
            capped(f.work_entries, 10, 20),
            20,
        ),
        (
            "Add your education",
            "education",
            if f.education_entries > 0 { 15 } else { 0 },
            15,
        ),
        (
            if f.skills == 0 {
                "Add your skills"
            } else {
                "Add more skills"
            },
            "skills",
            capped(f.skills, 3, 15),
            15,
        ),
        (
            "Add references who may be contacted",
            "references",
            capped(f.references_with_permission, 5, 10),
            10,
        ),
    ];
    let score: u32 = parts.iter().map(|(_, _, earned, _)| earned).sum();
    let missing = parts
        .iter()
        .filter(|(_, _, earned, possible)| earned < possible)
        .map(|(label, anchor, earned, possible)| MissingItem {
            label: label.to_string(),
            anchor: anchor.to_string(),
            points: u8::try_from(possible - earned).unwrap_or(u8::MAX),
        })
        .collect();
    Completeness {
        score: u8::try_from(score.min(100)).unwrap_or(100),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_scores_zero_and_lists_everything() {
        let c = completeness(&ProfileFacts::default());
        assert_eq!(c.score, 0);
        assert_eq!(c.missing.len(), 8);
        let total: u32 = c.missing.iter().map(|m| u32::from(m.points)).sum();
        assert_eq!(total, 100);
    }

    #[test]
    fn a_full_profile_scores_one_hundred() {
        let c = completeness(&ProfileFacts {
            has_photo: true,
            has_summary: true,
            has_resume: true,
            has_linkedin: true,
            work_entries: 2,
            education_entries: 1,
            skills: 5,
            references_with_permission: 2,
        });
        assert_eq!(
            c,
            Completeness {
                score: 100,
                missing: vec![]
            }
        );
    }

    #[test]
    fn repeatable_parts_are_capped() {
        let c = completeness(&ProfileFacts {
            work_entries: 7,
            skills: 40,
            references_with_permission: 9,
            ..ProfileFacts::default()
        });
        assert_eq!(c.score, 20 + 15 + 10);
        let partial = completeness(&ProfileFacts {
            work_entries: 1,
            skills: 2,
            references_with_permission: 1,
            education_entries: 3,
            ..ProfileFacts::default()
        });
        assert_eq!(partial.score, 10 + 6 + 5 + 15);
        let work = partial
            .missing
            .iter()
            .find(|m| m.anchor == "work-history")
            .unwrap();
        assert_eq!((work.label.as_str(), work.points), ("Add another job", 10));
        assert!(!partial.missing.iter().any(|m| m.anchor == "education"));
    }
}
