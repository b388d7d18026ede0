//! Files in a folder (`./data/uploads` by default): the embedded default.

use super::Storage;
use std::io;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

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

    async fn len(&self, key: &str) -> io::Result<u64> {
        Ok(tokio::fs::metadata(self.path(key)?).await?.len())
    }

    async fn get_range(&self, key: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        let mut file = tokio::fs::File::open(self.path(key)?).await?;
        file.seek(io::SeekFrom::Start(range.start)).await?;
        let mut bytes = Vec::new();
        file.take(range.end.saturating_sub(range.start))
            .read_to_end(&mut bytes)
            .await?;
        Ok(bytes)
    }

    async fn download(&self, key: &str, to: &Path) -> io::Result<()> {
        tokio::fs::copy(self.path(key)?, to).await.map(|_| ())
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
