//! Vacancies: written by company members who may create roles, published
//! with their pay, and moved through their lifecycle with a history.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use rules::{StatusAction, VacancyStatus};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The editor's fields as typed, for the form and its live preview. Lists
/// are one item per line, skills comma-separated, money in major units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VacancyForm {
    pub title: String,
    pub description: String,
    pub responsibilities: String,
    pub requirements: String,
    pub benefits: String,
    pub preferred_qualifications: String,
    pub seniority: String,
    pub department: String,
    pub employment_type: String,
    pub work_schedule: String,
    pub remote_option: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub salary_min: String,
    pub salary_max: String,
    pub salary_currency: String,
    pub salary_period: String,
    pub years_min: String,
    pub years_max: String,
    pub education_required: String,
    pub required_skills: String,
    pub preferred_skills: String,
    pub is_confidential: bool,
    pub application_deadline: String,
    pub expected_start_date: String,
}

/// A vacancy in its company's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancySummary {
    pub id: Uuid,
    pub title: String,
    pub status: VacancyStatus,
    pub slug: Option<String>,
    pub place: String,
    pub published_at: Option<OffsetDateTime>,
    pub expires_at: Option<OffsetDateTime>,
    pub views_count: i32,
    pub applications_count: i32,
    pub saves_count: i32,
    /// Deck swipes: likes (super-likes included) and super-likes.
    pub likes_count: i32,
    pub super_likes_count: i32,
    /// Likes among all swipes, in percent.
    pub like_rate: Option<u8>,
    pub updated_at: OffsetDateTime,
}

/// One status change of a vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: Option<VacancyStatus>,
    pub to: VacancyStatus,
    /// Who made it; `None` for the system (a listing that expired).
    pub by: Option<String>,
    pub at: OffsetDateTime,
}

/// What the editor of one vacancy loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyEditor {
    pub id: Uuid,
    pub status: VacancyStatus,
    pub slug: Option<String>,
    pub company_name: String,
    pub form: VacancyForm,
    pub expires_at: Option<OffsetDateTime>,
    pub actions: Vec<StatusAction>,
    pub history: Vec<StatusChange>,
}

/// The company's list of vacancies, filtered by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyList {
    pub company_name: String,
    pub may_create: bool,
    pub vacancies: Vec<VacancySummary>,
    /// How many vacancies each status has, in `VacancyStatus::ALL` order.
    pub counts: Vec<(VacancyStatus, i64)>,
}

/// The address of a published vacancy.
pub fn vacancy_url(slug: &str) -> String {
    format!("/jobs/{slug}")
}

/// A vacancy as candidates read it: the editor's live preview and the job
/// page both render this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VacancyDisplay {
    pub title: String,
    /// `None` for a confidential vacancy the reader may not know the
    /// company of.
    pub company: Option<String>,
    pub place: String,
    pub remote: String,
    pub employment_type: String,
    pub seniority: Option<String>,
    pub department: String,
    pub work_schedule: String,
    pub salary: Option<String>,
    pub experience: Option<String>,
    pub education_required: String,
    pub description: String,
    pub responsibilities: Vec<String>,
    pub requirements: Vec<String>,
    pub benefits: Vec<String>,
    pub preferred_qualifications: String,
    pub required_skills: Vec<String>,
    pub preferred_skills: Vec<String>,
    pub application_deadline: Option<String>,
    pub expected_start_date: Option<String>,
}

impl VacancyDisplay {
    /// What the form's fields read as; parts that do not parse yet are left
    /// out rather than shown wrong.
    pub fn from_form(f: &VacancyForm, company: Option<String>) -> Self {
        use crate::profiles::rules::{
            EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SENIORITIES, label_of, money_to_minor,
        };
        let lines = |text: &str| rules::list_lines(text, usize::MAX, "").unwrap_or_default();
        let skills = |text: &str| rules::skill_names(text, "").unwrap_or_default();
        let money = |text: &str| money_to_minor(text).ok().flatten();
        let salary = match (money(&f.salary_min), money(&f.salary_max)) {
            (Some(min), Some(max))
                if min <= max && !f.salary_currency.is_empty() && !f.salary_period.is_empty() =>
            {
                Some(rules::salary_label(
                    min,
                    max,
                    &f.salary_currency,
                    &f.salary_period,
                ))
            }
            _ => None,
        };
        let years = |text: &str| text.trim().parse::<u32>().ok();
        let experience = match (years(&f.years_min), years(&f.years_max)) {
            (Some(min), Some(max)) if min < max => Some(format!("{min}–{max} years")),
            (Some(min), Some(_)) | (Some(min), None) => Some(format!("{min}+ years")),
            (None, Some(max)) => Some(format!("Up to {max} years")),
            (None, None) => None,
        };
        let date = |text: &str| {
            crate::profiles::rules::calendar_date(text)
                .ok()
                .flatten()
                .map(crate::ui::format_date)
        };
        Self {
            title: f.title.trim().to_string(),
            company,
            place: [&f.city, &f.region, &f.country]
                .into_iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            remote: label_of(&f.remote_option, &REMOTE_PREFERENCES).to_string(),
            employment_type: label_of(&f.employment_type, &EMPLOYMENT_TYPES).to_string(),
            seniority: (!f.seniority.is_empty())
                .then(|| label_of(&f.seniority, &SENIORITIES).to_string()),
            department: f.department.trim().to_string(),
            work_schedule: f.work_schedule.trim().to_string(),
            salary,
            experience,
            education_required: f.education_required.trim().to_string(),
            description: f.description.trim().to_string(),
            responsibilities: lines(&f.responsibilities),
            requirements: lines(&f.requirements),
            benefits: lines(&f.benefits),
            preferred_qualifications: f.preferred_qualifications.trim().to_string(),
            required_skills: skills(&f.required_skills),
            preferred_skills: skills(&f.preferred_skills),
            application_deadline: date(&f.application_deadline),
            expected_start_date: date(&f.expected_start_date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_reads_what_parses_and_leaves_out_the_rest() {
        let form = VacancyForm {
            title: " Data Analyst ".into(),
            city: "Lagos".into(),
            country: "Nigeria".into(),
            remote_option: "hybrid".into(),
            employment_type: "full_time".into(),
            salary_min: "850000".into(),
            salary_max: "1200000".into(),
            salary_currency: "NGN".into(),
            salary_period: "month".into(),
            years_min: "3".into(),
            requirements: "SQL daily\n\n- Clear writing".into(),
            required_skills: "SQL, Python".into(),
            application_deadline: "2026-12-31".into(),
            ..VacancyForm::default()
        };
        let d = VacancyDisplay::from_form(&form, Some("Acme".into()));
        assert_eq!(d.title, "Data Analyst");
        assert_eq!(d.place, "Lagos, Nigeria");
        assert_eq!(d.remote, "Hybrid");
        assert_eq!(
            d.salary.as_deref(),
            Some("NGN 850,000 – 1,200,000 per month")
        );
        assert_eq!(d.experience.as_deref(), Some("3+ years"));
        assert_eq!(d.requirements, ["SQL daily", "Clear writing"]);
        assert_eq!(d.required_skills, ["SQL", "Python"]);
        assert_eq!(d.application_deadline.as_deref(), Some("31 Dec 2026"));
        let unfinished = VacancyForm {
            salary_min: "90000".into(),
            salary_max: "abc".into(),
            ..form
        };
        assert_eq!(VacancyDisplay::from_form(&unfinished, None).salary, None);
    }
}
