//! Where uploaded files live. Everything goes through `Storage`: a folder on
//! disk (the embedded default, `disk`) or an S3-compatible bucket (`s3`),
//! chosen by configuration, so several server instances can share files.

mod disk;
mod s3;

pub use disk::DiskStorage;
pub use s3::{S3Settings, S3Storage};

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[async_trait::async_trait]
pub trait Storage: Send + Sync {
    /// Stores the bytes under `key` in one step: readers never see half a file.
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    /// Stores the file at `source` under `key`, taking it away from there
    /// (for uploads too large to hold in memory).
    async fn put_file(&self, key: &str, source: &Path) -> io::Result<()>;
    async fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// The size of the file in bytes.
    async fn len(&self, key: &str) -> io::Result<u64>;
    /// Part of the file (for range requests: seeking in a video).
    async fn get_range(&self, key: &str, range: Range<u64>) -> io::Result<Vec<u8>>;
    /// Copies the file to `to` on local disk (for tools that read files).
    async fn download(&self, key: &str, to: &Path) -> io::Result<()>;
    /// Removes the file; a missing file is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
    /// The file on local disk, when the storage keeps one there.
    fn local_path(&self, key: &str) -> Option<PathBuf>;
}

/// Removes files no row points to any more. A failure leaves only an
/// unreachable orphan, so it is logged and never fails the request.
pub async fn remove_orphans(storage: &dyn Storage, keys: impl IntoIterator<Item = String>) {
    for key in keys {
        if let Err(error) = storage.delete(&key).await {
            tracing::error!(%error, key, "could not remove a file");
        }
    }
}

/// A stored file as an HTTP response, honouring a `Range` header (one range,
/// as browsers ask for video): 206 with that part, 416 for a range past the
/// end, else the whole file.
pub async fn ranged_response(
    storage: &dyn Storage,
    key: &str,
    content_type: &str,
    range: Option<&http::HeaderValue>,
) -> io::Result<axum::response::Response> {
    use axum::response::IntoResponse;
    use http::{StatusCode, header};
    let len = storage.len(key).await?;
    let wanted = range
        .and_then(|r| r.to_str().ok())
        .map(|r| http_range_header::parse_range_header(r).and_then(|p| p.validate(len)));
    let headers = |length: u64| {
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::ACCEPT_RANGES, "bytes".to_string()),
            (header::CONTENT_LENGTH, length.to_string()),
        ]
    };
    Ok(match wanted {
        Some(Ok(ranges)) if ranges.len() == 1 => {
            let (start, end) = (*ranges[0].start(), *ranges[0].end());
            let bytes = storage.get_range(key, start..end + 1).await?;
            (
                StatusCode::PARTIAL_CONTENT,
                headers(bytes.len() as u64),
                [(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"))],
                bytes,
            )
                .into_response()
        }
        Some(Err(_)) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{len}"))],
        )
            .into_response(),
        // No range, or several: the whole file.
        _ => (headers(len), storage.get(key).await?).into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_reads_and_deletes_without_leaving_the_root() {
        let root = std::env::temp_dir().join(format!("hirewell-storage-{}", uuid::Uuid::new_v4()));
        let storage = DiskStorage::new(&root);
        storage.put("photos/a/b.jpg", b"bytes").await.unwrap();
        assert_eq!(storage.get("photos/a/b.jpg").await.unwrap(), b"bytes");
        storage.delete("photos/a/b.jpg").await.unwrap();
        storage.delete("photos/a/b.jpg").await.unwrap();
        let outside =
            std::env::temp_dir().join(format!("hirewell-upload-{}", uuid::Uuid::new_v4()));
        std::fs::write(&outside, b"video").unwrap();
        storage.put_file("videos/a/c.mp4", &outside).await.unwrap();
        assert_eq!(storage.get("videos/a/c.mp4").await.unwrap(), b"video");
        assert!(!outside.exists());
        assert!(storage.get("photos/a/b.jpg").await.is_err());
        for bad in ["../etc/passwd", "/etc/passwd", "", "a/../../b"] {
            assert!(storage.put(bad, b"x").await.is_err(), "{bad}");
        }
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn answers_ranges_of_a_stored_file() {
        use http::{HeaderValue, StatusCode};
        let root = std::env::temp_dir().join(format!("hirewell-storage-{}", uuid::Uuid::new_v4()));
        let storage = DiskStorage::new(&root);
        storage.put("v/a.mp4", b"0123456789").await.unwrap();
        assert_eq!(storage.len("v/a.mp4").await.unwrap(), 10);
        assert_eq!(storage.get_range("v/a.mp4", 2..5).await.unwrap(), b"234");
        let body = |r: axum::response::Response| async move {
            use http_body_util::BodyExt;
            (
                r.status(),
                r.into_body().collect().await.unwrap().to_bytes().to_vec(),
            )
        };
        let part = ranged_response(
            &storage,
            "v/a.mp4",
            "video/mp4",
            Some(&HeaderValue::from_static("bytes=7-")),
        )
        .await
        .unwrap();
        assert_eq!(part.headers()["content-range"], "bytes 7-9/10");
        assert_eq!(
            body(part).await,
            (StatusCode::PARTIAL_CONTENT, b"789".to_vec())
        );
        let whole = ranged_response(&storage, "v/a.mp4", "video/mp4", None)
            .await
            .unwrap();
        assert_eq!(body(whole).await, (StatusCode::OK, b"0123456789".to_vec()));
        let past = ranged_response(
            &storage,
            "v/a.mp4",
            "video/mp4",
            Some(&HeaderValue::from_static("bytes=20-30")),
        )
        .await
        .unwrap();
        assert_eq!(past.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        let copy = root.join("copy.mp4");
        storage.download("v/a.mp4", &copy).await.unwrap();
        assert_eq!(std::fs::read(&copy).unwrap(), b"0123456789");
        std::fs::remove_dir_all(root).unwrap();
    }
}
