//! Where uploaded files live. Everything goes through `Storage`, so a cloud
//! bucket can replace the folder on disk without touching the features.

use std::io;
use std::path::{Component, Path, PathBuf};

#[async_trait::async_trait]
pub trait Storage: Send + Sync {
    /// Stores the bytes under `key` in one step: readers never see half a file.
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    /// Stores the file at `source` under `key`, taking it away from there
    /// (for uploads too large to hold in memory).
    async fn put_file(&self, key: &str, source: &Path) -> io::Result<()>;
    async fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Removes the file; a missing file is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
    /// The file on local disk, when the storage has one (for streaming).
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

/// Files in a folder (`./data/uploads` by default), one per key.
pub struct DiskStorage {
    root: PathBuf,
}

impl DiskStorage {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Keys are made by the application (`photos/<user>/<id>.jpg`); anything
    /// that could climb out of the root is refused all the same.
    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let relative = Path::new(key);
        let safe = !key.is_empty()
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if safe {
            Ok(self.root.join(relative))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "bad storage key",
            ))
        }
    }
}

#[async_trait::async_trait]
impl Storage for DiskStorage {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await
    }

    async fn put_file(&self, key: &str, source: &Path) -> io::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // A rename is one step; across file systems, copy then rename.
        if tokio::fs::rename(source, &path).await.is_ok() {
            return Ok(());
        }
        let partial = path.with_extension("partial");
        tokio::fs::copy(source, &partial).await?;
        tokio::fs::rename(&partial, &path).await?;
        tokio::fs::remove_file(source).await
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)?).await
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    fn local_path(&self, key: &str) -> Option<PathBuf> {
        self.path(key).ok()
    }
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
}
