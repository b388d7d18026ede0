//! Reading an uploaded video with ffprobe and cutting a thumbnail with
//! ffmpeg, each a contained child (`crate::sandbox`). Without ffmpeg on the
//! machine a video is accepted as it is (completed, no thumbnail); a file
//! ffprobe cannot read fails.

use super::db::{self, Processed};
use crate::sandbox::{self, Limits};
use crate::state::AppState;
use std::path::Path;
use std::time::Duration;
use uuid::Uuid;

/// A hostile or stuck file must not hold a worker, nor the machine.
const TOOL_LIMITS: Limits = Limits {
    memory_bytes: 2 * 1024 * 1024 * 1024,
    cpu_seconds: 60,
    wall: Duration::from_secs(120),
};
/// Thumbnails are this wide at most.
const THUMBNAIL_WIDTH: u32 = 640;

/// What ffprobe reports about a file we care for.
#[derive(Debug, PartialEq, Eq)]
pub struct Probe {
    pub duration_seconds: Option<i32>,
    pub width: Option<i32>,
    pub height: Option<i32>,
}

/// Reads ffprobe's JSON (`-show_format -show_streams`); `None` when the file
/// has no video stream.
pub fn parse_probe(json: &str) -> Option<Probe> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let video = value["streams"]
        .as_array()?
        .iter()
        .find(|s| s["codec_type"] == "video")?;
    let dimension = |key: &str| {
        video[key]
            .as_i64()
            .and_then(|v| i32::try_from(v).ok())
            .filter(|v| *v > 0)
    };
    let duration_seconds = value["format"]["duration"]
        .as_str()
        .and_then(|d| d.parse::<f64>().ok())
        .filter(|d| d.is_finite() && *d >= 0.0)
        .map(|d| d.round() as i32);
    Some(Probe {
        duration_seconds,
        width: dimension("width"),
        height: dimension("height"),
    })
}

/// Runs a tool contained; `None` when it is not installed.
async fn run(
    program: &Path,
    tool: &str,
    args: &[&str],
) -> Option<Result<std::process::Output, sandbox::Failure>> {
    match sandbox::run(program, TOOL_LIMITS, tool, args, None).await {
        Err(sandbox::Failure::NotFound) => None,
        other => Some(other),
    }
}

/// Examines the video at `path`: `Ok(None)` when ffprobe is not installed,
/// `Err` when the file is not a readable video.
async fn examine(program: &Path, path: &Path) -> Result<Option<(Probe, Option<Vec<u8>>)>, String> {
    let path = path.to_string_lossy();
    let probe = match run(
        program,
        "ffprobe",
        &[
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            &path,
        ],
    )
    .await
    {
        None => return Ok(None),
        Some(Err(e)) => return Err(format!("ffprobe could not run: {e}")),
        Some(Ok(out)) if !out.status.success() => {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Some(Ok(out)) => parse_probe(&String::from_utf8_lossy(&out.stdout))
            .ok_or_else(|| "no video stream".to_string())?,
    };
    // A frame a little way in: the first is often black.
    let at = probe
        .duration_seconds
        .map_or(0.0, |d| (f64::from(d) / 2.0).min(1.0));
    let scale = format!("scale='min({THUMBNAIL_WIDTH},iw)':-2");
    let at = format!("{at:.2}");
    let thumbnail = match run(
        program,
        "ffmpeg",
        &[
            "-v",
            "error",
            "-ss",
            &at,
            "-i",
            &path,
            "-frames:v",
            "1",
            "-vf",
            &scale,
            "-f",
            "image2pipe",
            "-c:v",
            "mjpeg",
            "-",
        ],
    )
    .await
    {
        Some(Ok(out)) if out.status.success() && !out.stdout.is_empty() => Some(out.stdout),
        Some(Ok(out)) => {
            tracing::warn!(stderr = %String::from_utf8_lossy(&out.stderr), "no video thumbnail");
            None
        }
        Some(Err(error)) => {
            tracing::warn!(%error, "no video thumbnail");
            None
        }
        None => None,
    };
    Ok(Some((probe, thumbnail)))
}

/// Processes one video and records the outcome (the `ProcessVideo` job).
pub async fn process(state: &AppState, id: Uuid) -> Result<(), sqlx::Error> {
    let Some(video) = db::file(&state.pool, id).await? else {
        return Ok(());
    };
    if video.processing_status != "processing" {
        return Ok(());
    }
    let examined = match state.storage.local_path(&video.storage_key) {
        Some(path) => examine(&state.config.program, &path).await,
        // From a bucket: the tools read a copy on local disk.
        None => {
            let copy = std::env::temp_dir().join(format!("hirewell-video-{id}"));
            let examined = match state.storage.download(&video.storage_key, &copy).await {
                Ok(()) => examine(&state.config.program, &copy).await,
                Err(error) => Err(format!("could not fetch the video: {error}")),
            };
            let _ = tokio::fs::remove_file(&copy).await;
            examined
        }
    };
    let outcome = match examined {
        Ok(None) => Some(Processed::default()),
        Ok(Some((probe, thumbnail))) => {
            let thumbnail_key = match thumbnail {
                Some(bytes) => {
                    let key = format!("videos/thumbnails/{}/{id}.jpg", video.user_id);
                    match state.storage.put(&key, &bytes).await {
                        Ok(()) => Some(key),
                        Err(error) => {
                            tracing::error!(%error, key, "could not store a video thumbnail");
                            None
                        }
                    }
                }
                None => None,
            };
            Some(Processed {
                duration_seconds: probe.duration_seconds,
                width: probe.width,
                height: probe.height,
                thumbnail_key,
            })
        }
        Err(reason) => {
            tracing::info!(%id, %reason, "an uploaded video could not be read");
            None
        }
    };
    let recorded = db::finish(&state.pool, id, outcome.as_ref()).await?;
    // Deleted or replaced while we worked: the thumbnail belongs to nothing.
    if !recorded && let Some(key) = outcome.and_then(|o| o.thumbnail_key) {
        let _ = state.storage.delete(&key).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_length_and_size_of_the_video_stream() {
        let json = r#"{
            "streams": [
                {"codec_type": "audio", "sample_rate": "48000"},
                {"codec_type": "video", "width": 1280, "height": 720}
            ],
            "format": {"duration": "42.600000"}
        }"#;
        assert_eq!(
            parse_probe(json),
            Some(Probe {
                duration_seconds: Some(43),
                width: Some(1280),
                height: Some(720)
            })
        );
    }

    #[test]
    fn a_file_without_video_is_not_a_video() {
        let audio_only = r#"{"streams": [{"codec_type": "audio"}], "format": {"duration": "3.0"}}"#;
        assert_eq!(parse_probe(audio_only), None);
        assert_eq!(parse_probe("not json"), None);
        // WebM from a browser recorder often has no duration.
        let live =
            r#"{"streams": [{"codec_type": "video", "width": 640, "height": 480}], "format": {}}"#;
        assert_eq!(parse_probe(live).unwrap().duration_seconds, None);
    }
}
