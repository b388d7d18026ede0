//! The stages of an application and who may move it where. Pure: the
//! server functions refuse whatever `move_to` refuses.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Submitted,
    Reviewing,
    Interview,
    Offer,
    Hired,
    Rejected,
    Withdrawn,
}

/// Who is moving the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mover {
    Employer,
    Candidate,
}

impl Stage {
    pub const ALL: [Self; 7] = [
        Self::Submitted,
        Self::Reviewing,
        Self::Interview,
        Self::Offer,
        Self::Hired,
        Self::Rejected,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Reviewing => "reviewing",
            Self::Interview => "interview",
            Self::Offer => "offer",
            Self::Hired => "hired",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Submitted => "Submitted",
            Self::Reviewing => "Reviewing",
            Self::Interview => "Interview",
            Self::Offer => "Offer",
            Self::Hired => "Hired",
            Self::Rejected => "Not selected",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// No one moves an application out of a final stage.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Hired | Self::Rejected | Self::Withdrawn)
    }

    /// The stages an employer can move to, in pipeline order.
    pub fn employer_targets() -> [Self; 6] {
        [
            Self::Submitted,
            Self::Reviewing,
            Self::Interview,
            Self::Offer,
            Self::Hired,
            Self::Rejected,
        ]
    }

    /// Where "Advance" takes an application: the next open stage, then
    /// hired after an offer; nowhere from a final stage.
    pub fn next_for_employer(self) -> Option<Self> {
        match self {
            Self::Submitted => Some(Self::Reviewing),
            Self::Reviewing => Some(Self::Interview),
            Self::Interview => Some(Self::Offer),
            Self::Offer => Some(Self::Hired),
            Self::Hired | Self::Rejected | Self::Withdrawn => None,
        }
    }
}

/// Whether `mover` may move an application from `from` to `to`, and why not.
/// Employers move forward or back between open stages, hire from an offer
/// and reject at any open stage; only the candidate withdraws.
pub fn move_to(from: Stage, to: Stage, mover: Mover) -> Result<(), String> {
    use Stage as S;
    if from == to {
        return Err(format!("The application is already at “{}”.", to.label()));
    }
    if from.is_final() {
        return Err(format!(
            "The application is closed (“{}”) and cannot move.",
            from.label()
        ));
    }
    let allowed = match mover {
        Mover::Candidate => to == S::Withdrawn,
        Mover::Employer => match to {
            S::Withdrawn => false,
            S::Hired => from == S::Offer,
            _ => true,
        },
    };
    if allowed {
        Ok(())
    } else if to == S::Hired {
        Err("Make an offer before marking someone hired.".into())
    } else if to == S::Withdrawn {
        Err("Only the candidate can withdraw an application.".into())
    } else {
        Err("Only the employer moves an application between stages.".into())
    }
}

/// What an employer can add to an application's timeline. Interviews are
/// shared with the candidate (they need the time and place); calls, notes
/// and feedback stay with the employer.
pub const INTERACTIONS: [(&str, &str); 4] = [
    ("interview", "Interview"),
    ("call", "Call"),
    ("note", "Note"),
    ("feedback", "Feedback"),
];

/// A date and time from a `datetime-local` field ("2026-12-01T14:30"),
/// read on the wall clock of the person typing, as the site shows times.
pub fn local_date_time(
    value: &str,
    clock: &crate::ui::Clock,
) -> Result<Option<time::OffsetDateTime>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(value, &format)
        .map(|t| Some(clock.from_local(t)))
        .map_err(|_| "Enter a date and time like 2026-12-01 14:30.".to_string())
}

/// An interview needs its time, and one still to come: a time already past
/// is a mistake in the date, and the candidate would be told of it.
pub fn interview_time(
    at: Option<time::OffsetDateTime>,
    now: time::OffsetDateTime,
) -> Result<(), &'static str> {
    match at {
        None => Err("Give the date and time of the interview."),
        Some(at) if at <= now => Err("Choose a time that is still to come."),
        Some(_) => Ok(()),
    }
}

/// Where saving or unsaving a vacancy returns, with `notice`: to its card in
/// the search results it was done from (`back` is that search's address),
/// to the saved list (`back` is "saved"), or else to the vacancy's page.
pub fn return_after_saving(back: &str, slug: &str, notice: &str) -> String {
    let from_search = (back == "/jobs" || back.starts_with("/jobs?"))
        && !back.contains(['#', '\\'])
        && !back.chars().any(char::is_control);
    if back == "saved" {
        format!("/saved?notice={notice}")
    } else if from_search {
        format!(
            "{}#job-{slug}",
            crate::ui::add_query(back, &format!("notice={notice}"))
        )
    } else {
        format!("/jobs/{slug}?notice={notice}#apply")
    }
}

/// Whether an interaction of this kind is the employer's alone.
pub fn is_private_interaction(kind: &str) -> bool {
    kind != "interview"
}

/// The heading of a timeline entry.
pub fn event_title(kind: &str, to: Option<Stage>) -> String {
    match (kind, to) {
        ("submitted", _) => "Applied".into(),
        ("stage_changed", Some(to)) => format!("Moved to {}", to.label()),
        ("interview", _) => "Interview scheduled".into(),
        ("call", _) => "Call".into(),
        ("note", _) => "Note".into(),
        ("feedback", _) => "Feedback".into(),
        ("withdrawn", _) => "Withdrawn by the candidate".into(),
        _ => "Update".into(),
    }
}

/// How a step by someone of the hiring team is signed on a timeline: their
/// name and job title (or team role), never their email address. Someone
/// who has left the team is "The hiring team".
pub fn team_member_label(first: &str, last: &str, job_title: &str, role: Option<&str>) -> String {
    let Some(role) = role else {
        return "The hiring team".to_string();
    };
    let name = format!("{} {}", first.trim(), last.trim())
        .trim()
        .to_string();
    let title = match job_title.trim() {
        "" => crate::companies::rules::TeamRole::parse(role)
            .map(|r| r.label())
            .unwrap_or("Hiring team")
            .to_string(),
        title => title.to_string(),
    };
    if name.is_empty() {
        format!("Hiring team ({title})")
    } else {
        format!("{name}, {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interview_needs_a_time_still_to_come() {
        let now = time::macros::datetime!(2026-12-01 09:00 UTC);
        assert!(interview_time(None, now).is_err());
        assert!(interview_time(Some(now), now).is_err());
        assert!(interview_time(Some(now - time::Duration::days(1)), now).is_err());
        assert!(interview_time(Some(now + time::Duration::minutes(30)), now).is_ok());
    }

    #[test]
    fn team_steps_are_signed_by_name_and_role_never_address() {
        assert_eq!(
            team_member_label("Sara", "Bello", "Head of Talent", Some("admin")),
            "Sara Bello, Head of Talent"
        );
        assert_eq!(
            team_member_label("Sara", "", "", Some("owner")),
            "Sara, Owner"
        );
        assert_eq!(
            team_member_label("", "", "", Some("member")),
            "Hiring team (Member)"
        );
        assert_eq!(
            team_member_label("Ex", "Member", "", None),
            "The hiring team"
        );
    }
    use Mover::{Candidate, Employer};
    use Stage as S;

    #[test]
    fn employers_move_between_open_stages_and_hire_from_an_offer() {
        assert!(move_to(S::Submitted, S::Interview, Employer).is_ok());
        assert!(move_to(S::Interview, S::Reviewing, Employer).is_ok());
        assert!(move_to(S::Offer, S::Hired, Employer).is_ok());
        assert!(move_to(S::Reviewing, S::Rejected, Employer).is_ok());
        assert!(move_to(S::Interview, S::Hired, Employer).is_err());
        assert!(move_to(S::Reviewing, S::Withdrawn, Employer).is_err());
        assert!(move_to(S::Reviewing, S::Reviewing, Employer).is_err());
    }

    #[test]
    fn final_stages_stay_final() {
        for from in [S::Hired, S::Rejected, S::Withdrawn] {
            for to in S::ALL {
                assert!(move_to(from, to, Employer).is_err(), "{from:?} -> {to:?}");
                assert!(move_to(from, to, Candidate).is_err(), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn candidates_only_withdraw() {
        assert!(move_to(S::Interview, S::Withdrawn, Candidate).is_ok());
        assert!(move_to(S::Submitted, S::Reviewing, Candidate).is_err());
        assert!(move_to(S::Offer, S::Hired, Candidate).is_err());
    }

    #[test]
    fn only_interviews_are_shared_with_the_candidate() {
        assert!(!is_private_interaction("interview"));
        for kind in ["call", "note", "feedback"] {
            assert!(is_private_interaction(kind));
        }
        assert_eq!(
            event_title("stage_changed", Some(S::Offer)),
            "Moved to Offer"
        );
    }

    #[test]
    fn saving_returns_to_where_it_was_done() {
        let back = |b: &str| return_after_saving(b, "analyst-1", "vacancy_unsaved");
        assert_eq!(back("saved"), "/saved?notice=vacancy_unsaved");
        assert_eq!(
            back("/jobs?q=analyst&page=2"),
            "/jobs?q=analyst&page=2&notice=vacancy_unsaved#job-analyst-1"
        );
        assert_eq!(back("/jobs"), "/jobs?notice=vacancy_unsaved#job-analyst-1");
        for elsewhere in [
            "",
            "https://evil.example/jobs?",
            "/jobsx",
            "//evil/jobs?",
            "/jobs?a#b",
        ] {
            assert_eq!(
                back(elsewhere),
                "/jobs/analyst-1?notice=vacancy_unsaved#apply",
                "{elsewhere}"
            );
        }
    }

    #[test]
    fn interview_times_are_read_on_the_writers_clock() {
        let utc = crate::ui::Clock::utc();
        assert_eq!(
            local_date_time("2026-12-01T14:30", &utc),
            Ok(Some(time::macros::datetime!(2026-12-01 14:30 UTC)))
        );
        let lagos = crate::ui::Clock::new("Africa/Lagos", i64::MAX, 3600, Vec::new());
        assert_eq!(
            local_date_time("2026-12-01T14:30", &lagos),
            Ok(Some(time::macros::datetime!(2026-12-01 13:30 UTC)))
        );
        assert_eq!(local_date_time(" ", &utc), Ok(None));
        assert!(local_date_time("tomorrow", &utc).is_err());
    }

    #[test]
    fn advancing_is_always_a_move_the_employer_may_make() {
        for from in S::ALL {
            match from.next_for_employer() {
                Some(to) => assert_eq!(move_to(from, to, Employer), Ok(()), "{from:?}"),
                None => assert!(from.is_final(), "{from:?}"),
            }
        }
        assert_eq!(S::Offer.next_for_employer(), Some(S::Hired));
    }

    #[test]
    fn stages_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        assert_eq!(S::parse("pending"), None);
    }
}
