//! Uploaded media of a candidate: photos, résumés and a video introduction. Files are checked by
//! content, cleaned, and kept behind the storage interface; the database
//! says whose they are.

pub mod api;
pub mod pages;
pub mod video;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod pdf_text;
#[cfg(feature = "ssr")]
pub mod resume_parse;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod storage;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoItem {
    pub id: Uuid,
    pub is_primary: bool,
    pub width: i32,
    pub height: i32,
}

impl PhotoItem {
    pub fn url(id: Uuid) -> String {
        format!("/media/photos/{id}")
    }

    pub fn thumbnail_url(id: Uuid) -> String {
        format!("/media/photos/{id}/thumbnail")
    }
}

/// What a résumé's text suggests for the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ResumeSuggestions {
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub skills: Vec<String>,
    pub job_titles: Vec<String>,
    pub years_of_experience: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeItem {
    pub id: Uuid,
    pub file_name: String,
    pub byte_size: i64,
    pub is_primary: bool,
    pub download_count: i32,
    /// pending, completed or failed.
    pub parsing_status: String,
    /// Why a failed reading has no suggestions, for the person.
    pub parse_problem: Option<String>,
    /// Suggestions not yet on the profile (skills already there are left out).
    pub suggestions: Option<ResumeSuggestions>,
}

impl ResumeItem {
    pub fn url(id: Uuid) -> String {
        format!("/media/resumes/{id}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MyMedia {
    pub photos: Vec<PhotoItem>,
    pub resumes: Vec<ResumeItem>,
    pub video: Option<video::VideoItem>,
}

/// "1.2 MB" for a byte count.
pub fn size_label(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
