//! The kinds of notification and how each person wants them delivered.

use serde::{Deserialize, Serialize};

/// What a notification is about. Each kind has its own preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A job seeker applied to one of the team's vacancies.
    ApplicationReceived,
    /// A hiring team moved the job seeker's application.
    StageChanged,
    /// A hiring team put an interview on the job seeker's calendar.
    InterviewScheduled,
    /// Auto-apply sent an application for the job seeker, or gave one up.
    AutoApplySent,
    /// One of the team's listings ends in a few days.
    VacancyExpiring,
    /// A company looked at the job seeker's profile.
    ProfileViewed,
    /// A team invited this employer account to join.
    TeamInvitation,
    /// A company asked the job seeker for an introduction, or the request
    /// is about to expire, or they accepted one.
    IntroductionRequest,
    /// The person the team asked accepted, declined or let it expire.
    IntroductionAnswered,
    /// People newly match a talent search the member saved with an alert.
    TalentAlert,
    /// The password or email address of the account changed.
    AccountSecurity,
    /// The site's team decided about the person: a report on them or on
    /// what they posted, their identity check, a suspension.
    Moderation,
    /// Messages in a conversation were still unread ten minutes later.
    NewMessage,
    /// The company's renewal could not be charged, its plan ended, or a
    /// renewal was paid (to the members who manage billing).
    Billing,
}

/// How a kind reaches a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// In the notification centre only.
    InApp,
    /// In the notification centre and by email at once.
    Email,
    /// In the notification centre, and in one email a day that sums up
    /// (for the kinds that come in numbers).
    Digest,
    /// Not at all.
    Off,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::ApplicationReceived,
        Kind::StageChanged,
        Kind::InterviewScheduled,
        Kind::AutoApplySent,
        Kind::VacancyExpiring,
        Kind::ProfileViewed,
        Kind::TeamInvitation,
        Kind::IntroductionRequest,
        Kind::IntroductionAnswered,
        Kind::TalentAlert,
        Kind::AccountSecurity,
        Kind::Moderation,
        Kind::NewMessage,
        Kind::Billing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ApplicationReceived => "application_received",
            Kind::StageChanged => "stage_changed",
            Kind::InterviewScheduled => "interview_scheduled",
            Kind::AutoApplySent => "auto_apply_sent",
            Kind::VacancyExpiring => "vacancy_expiring",
            Kind::ProfileViewed => "profile_viewed",
            Kind::TeamInvitation => "team_invitation",
            Kind::IntroductionRequest => "introduction_request",
            Kind::IntroductionAnswered => "introduction_answered",
            Kind::TalentAlert => "talent_alert",
            Kind::AccountSecurity => "account_security",
            Kind::Moderation => "moderation",
            Kind::NewMessage => "new_message",
            Kind::Billing => "billing",
        }
    }

    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// The name in the settings.
    pub fn label(self) -> &'static str {
        match self {
            Kind::ApplicationReceived => "New applications",
            Kind::StageChanged => "Replies to your applications",
            Kind::InterviewScheduled => "Interviews",
            Kind::AutoApplySent => "Auto-apply",
            Kind::VacancyExpiring => "Listings ending soon",
            Kind::ProfileViewed => "Profile views",
            Kind::TeamInvitation => "Team invitations",
            Kind::IntroductionRequest => "Introduction requests",
            Kind::IntroductionAnswered => "Answers to your introductions",
            Kind::TalentAlert => "New people for your saved searches",
            Kind::AccountSecurity => "Account security",
            Kind::Moderation => "Decisions about your account",
            Kind::NewMessage => "Unread messages",
            Kind::Billing => "Billing",
        }
    }

    /// When it is sent, for the settings.
    pub fn description(self) -> &'static str {
        match self {
            Kind::ApplicationReceived => "Someone applied to one of your company's vacancies.",
            Kind::StageChanged => "A hiring team moved your application to a new stage.",
            Kind::InterviewScheduled => "A hiring team scheduled an interview with you.",
            Kind::AutoApplySent => "Auto-apply sent an application for you, or could not send one.",
            Kind::VacancyExpiring => {
                "One of your company's vacancies stops taking applications in a few days."
            }
            Kind::ProfileViewed => "A company looked at your profile (once a day per company).",
            Kind::TeamInvitation => {
                "A company invited you to its hiring team (the invitation also comes by email)."
            }
            Kind::IntroductionRequest => {
                "A company asked to be introduced to you, or a request is about to expire."
            }
            Kind::IntroductionAnswered => {
                "Someone your team asked for an introduction accepted, declined or did not answer."
            }
            Kind::TalentAlert => "People newly match a talent search you saved with a daily alert.",
            Kind::AccountSecurity => {
                "Someone signed in from a new browser, or your password or email address \
                 changed. Always on, so that nobody can take over your account unnoticed."
            }
            Kind::Moderation => {
                "Our team decided on a report about you or something you posted, checked \
                 your identity, or suspended or reinstated your account. Always on, so that \
                 no decision about your account goes unnoticed."
            }
            Kind::NewMessage => {
                "Someone wrote to you and it was still unread ten minutes later. It says who \
                 wrote, never what."
            }
            Kind::Billing => {
                "Your company's plan could not be renewed, has ended, or was renewed. Always \
                 on for those who manage billing, so a plan never lapses unnoticed."
            }
        }
    }

    /// The kinds a person of this account type can receive, for the settings.
    pub fn for_account(account_type: crate::auth::rules::AccountType) -> Vec<Kind> {
        use crate::auth::rules::AccountType;
        Kind::ALL
            .into_iter()
            .filter(|kind| match kind {
                Kind::ApplicationReceived
                | Kind::VacancyExpiring
                | Kind::TeamInvitation
                | Kind::IntroductionAnswered
                | Kind::TalentAlert
                | Kind::Billing => account_type == AccountType::Employer,
                Kind::StageChanged
                | Kind::InterviewScheduled
                | Kind::AutoApplySent
                | Kind::ProfileViewed
                | Kind::IntroductionRequest => account_type == AccountType::Candidate,
                Kind::AccountSecurity | Kind::Moderation | Kind::NewMessage => true,
            })
            .collect()
    }

    /// Delivery for someone who never chose: what matters to a person's next
    /// step comes by email, a steady stream stays in the app.
    pub fn default_delivery(self) -> Delivery {
        match self {
            // The invitation itself is an email already.
            Kind::ApplicationReceived | Kind::AutoApplySent | Kind::TeamInvitation => {
                Delivery::InApp
            }
            // Pleasant to know, not worth an email each.
            Kind::ProfileViewed => Delivery::Digest,
            Kind::StageChanged
            | Kind::InterviewScheduled
            | Kind::VacancyExpiring
            | Kind::IntroductionRequest
            | Kind::IntroductionAnswered
            | Kind::TalentAlert
            | Kind::AccountSecurity
            | Kind::Moderation
            | Kind::NewMessage
            | Kind::Billing => Delivery::Email,
        }
    }

    /// Kinds that can come in numbers, for which a daily summary beats an
    /// email each.
    pub fn allows_digest(self) -> bool {
        matches!(
            self,
            Kind::ApplicationReceived | Kind::AutoApplySent | Kind::ProfileViewed
        )
    }

    /// The ways this kind can be delivered, for the settings.
    pub fn deliveries(self) -> impl Iterator<Item = Delivery> {
        Delivery::ALL
            .into_iter()
            .filter(move |d| *d != Delivery::Digest || self.allows_digest())
    }

    /// Security, moderation and billing notices cannot be turned down.
    pub fn is_fixed(self) -> bool {
        matches!(
            self,
            Kind::AccountSecurity | Kind::Moderation | Kind::Billing
        )
    }
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [
        Delivery::InApp,
        Delivery::Email,
        Delivery::Digest,
        Delivery::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::InApp => "in_app",
            Delivery::Email => "email",
            Delivery::Digest => "digest",
            Delivery::Off => "off",
        }
    }

    pub fn parse(value: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Delivery::InApp => "In the app",
            Delivery::Email => "In the app and by email",
            Delivery::Digest => "In the app and a daily summary by email",
            Delivery::Off => "Off",
        }
    }

    pub fn in_app(self) -> bool {
        self != Delivery::Off
    }

    pub fn email(self) -> bool {
        self == Delivery::Email
    }
}

/// How `kind` reaches someone who chose `chosen` (`None`: never chose).
pub fn delivery(kind: Kind, chosen: Option<Delivery>) -> Delivery {
    match chosen {
        _ if kind.is_fixed() => kind.default_delivery(),
        Some(Delivery::Digest) if !kind.allows_digest() => kind.default_delivery(),
        Some(chosen) => chosen,
        None => kind.default_delivery(),
    }
}

/// How long a read notification is kept.
pub const KEEP_READ_DAYS: i64 = 90;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::rules::AccountType;

    #[test]
    fn kinds_and_deliveries_round_trip_through_their_stored_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(Kind::parse("nonsense"), None);
        assert_eq!(Delivery::parse("weekly"), None);
    }

    #[test]
    fn a_choice_wins_over_the_default() {
        assert_eq!(delivery(Kind::StageChanged, None), Delivery::Email);
        assert_eq!(
            delivery(Kind::StageChanged, Some(Delivery::Off)),
            Delivery::Off
        );
        assert_eq!(delivery(Kind::ApplicationReceived, None), Delivery::InApp);
        assert_eq!(
            delivery(Kind::ApplicationReceived, Some(Delivery::Email)),
            Delivery::Email
        );
    }

    #[test]
    fn a_daily_summary_only_for_kinds_that_come_in_numbers() {
        assert_eq!(
            delivery(Kind::ApplicationReceived, Some(Delivery::Digest)),
            Delivery::Digest
        );
        // A summary a day later is no way to hear of an interview.
        assert_eq!(
            delivery(Kind::InterviewScheduled, Some(Delivery::Digest)),
            Delivery::Email
        );
        assert!(
            Kind::AutoApplySent
                .deliveries()
                .any(|d| d == Delivery::Digest)
        );
        assert!(
            !Kind::StageChanged
                .deliveries()
                .any(|d| d == Delivery::Digest)
        );
        assert!(Delivery::Digest.in_app() && !Delivery::Digest.email());
    }

    #[test]
    fn security_and_moderation_notices_cannot_be_turned_off() {
        for kind in [Kind::AccountSecurity, Kind::Moderation] {
            assert_eq!(delivery(kind, Some(Delivery::Off)), Delivery::Email);
            assert_eq!(delivery(kind, Some(Delivery::InApp)), Delivery::Email);
        }
    }

    #[test]
    fn each_account_type_sees_its_own_kinds() {
        let candidate = Kind::for_account(AccountType::Candidate);
        assert!(candidate.contains(&Kind::StageChanged));
        assert!(!candidate.contains(&Kind::ApplicationReceived));
        let employer = Kind::for_account(AccountType::Employer);
        assert!(employer.contains(&Kind::ApplicationReceived));
        assert!(!employer.contains(&Kind::InterviewScheduled));
        // Everyone has conversations (admins answer support's).
        assert_eq!(
            Kind::for_account(AccountType::Admin),
            vec![Kind::AccountSecurity, Kind::Moderation, Kind::NewMessage]
        );
    }
}
