//! The repeatable parts of a candidate profile: work history, education,
//! certifications, skills and references. Each entry is added, edited,
//! deleted and moved on its own; entries carry their form values as text so
//! the edit forms show exactly what was saved.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Which section an entry belongs to (for the shared delete and move calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Work,
    Education,
    Certification,
    Skill,
    Reference,
}

impl SectionKind {
    /// The section's anchor on `/profile`.
    pub fn anchor(self) -> &'static str {
        match self {
            Self::Work => "work-history",
            Self::Education => "education",
            Self::Certification => "certifications",
            Self::Skill => "skills",
            Self::Reference => "references",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Work => "work",
            Self::Education => "education",
            Self::Certification => "certification",
            Self::Skill => "skill",
            Self::Reference => "reference",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct WorkEntry {
    pub id: Uuid,
    pub company_name: String,
    pub job_title: String,
    pub employment_type: String,
    pub location: String,
    /// Months as "YYYY-MM".
    pub start: String,
    pub end: String,
    pub is_current: bool,
    pub description: String,
    pub achievements: Vec<String>,
    pub team_size: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EducationEntry {
    pub id: Uuid,
    pub institution: String,
    pub degree_type: String,
    pub field_of_study: String,
    pub start_year: String,
    pub end_year: String,
    pub grade: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CertificationEntry {
    pub id: Uuid,
    pub name: String,
    pub issuer: String,
    pub issued: String,
    pub expires: String,
    pub credential_id: String,
    pub credential_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SkillEntry {
    pub id: Uuid,
    pub name: String,
    pub category: String,
    pub proficiency: String,
    pub years: String,
    pub is_primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReferenceEntry {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub company: String,
    pub job_title: String,
    pub relationship: String,
    pub permission_to_contact: bool,
    pub verification_status: String,
}

/// Every repeatable section of the signed-in candidate's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProfileSections {
    pub work: Vec<WorkEntry>,
    pub education: Vec<EducationEntry>,
    pub certifications: Vec<CertificationEntry>,
    pub skills: Vec<SkillEntry>,
    pub references: Vec<ReferenceEntry>,
}
