//! A candidate's video introduction: one per person, MP4 or WebM up to
//! 100 MB. The upload streams to disk; ffprobe and ffmpeg (when installed)
//! read its length and cut a thumbnail in the background. Others see it on
//! the public profile once processed, streamed with range requests.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod serve;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoItem {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub duration_seconds: Option<i32>,
    /// processing, completed or failed.
    pub processing_status: String,
    pub has_thumbnail: bool,
    pub views_count: i32,
}

impl VideoItem {
    pub fn url(id: Uuid) -> String {
        format!("/media/videos/{id}")
    }

    pub fn thumbnail_url(id: Uuid) -> String {
        format!("/media/videos/{id}/thumbnail")
    }

    pub fn poster(&self) -> Option<String> {
        self.has_thumbnail.then(|| Self::thumbnail_url(self.id))
    }

    /// "1:05" for 65 seconds.
    pub fn duration_label(&self) -> Option<String> {
        self.duration_seconds
            .map(|s| format!("{}:{:02}", s / 60, s % 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        let mut video = VideoItem {
            id: Uuid::nil(),
            file_name: "me.mp4".into(),
            content_type: "video/mp4".into(),
            byte_size: 1,
            duration_seconds: Some(65),
            processing_status: "completed".into(),
            has_thumbnail: false,
            views_count: 0,
        };
        assert_eq!(video.duration_label().as_deref(), Some("1:05"));
        video.duration_seconds = Some(7);
        assert_eq!(video.duration_label().as_deref(), Some("0:07"));
        video.duration_seconds = None;
        assert_eq!(video.duration_label(), None);
        assert_eq!(video.poster(), None);
    }
}
