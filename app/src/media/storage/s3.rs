//! Files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2...), for
//! several server instances that must all see every upload.

use super::Storage;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload, WriteMultipart};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How to reach the bucket (from the `S3_*` settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// The service's address; empty for AWS itself.
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

pub struct S3Storage {
    store: AmazonS3,
}

/// Large files go up in parts of this size.
const PART_BYTES: usize = 8 * 1024 * 1024;

impl S3Storage {
    pub fn new(settings: &S3Settings) -> io::Result<Self> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key);
        if !settings.endpoint.is_empty() {
            // Other services are addressed as `endpoint/bucket/key`.
            builder = builder
                .with_endpoint(&settings.endpoint)
                .with_allow_http(settings.endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        let store = builder.build().map_err(to_io)?;
        Ok(Self { store })
    }

    fn path(key: &str) -> io::Result<ObjectPath> {
        // Keys are made by the application; refuse anything odd all the same.
        ObjectPath::parse(key)
            .ok()
            .filter(|p| !key.is_empty() && p.as_ref() == key)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "bad storage key"))
    }
}

fn to_io(error: object_store::Error) -> io::Error {
    match error {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, error),
        other => io::Error::other(other),
    }
}

#[async_trait::async_trait]
impl Storage for S3Storage {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        self.store
            .put(&Self::path(key)?, PutPayload::from(bytes.to_vec()))
            .await
            .map_err(to_io)?;
        Ok(())
    }

    async fn put_file(&self, key: &str, source: &Path) -> io::Result<()> {
        let path = Self::path(key)?;
        let mut file = tokio::fs::File::open(source).await?;
        let upload = self.store.put_multipart(&path).await.map_err(to_io)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let mut buffer = vec![0u8; 1024 * 1024];
        loop {
            let read = file.read(&mut buffer).await?;
            if read == 0 {
                break;
            }
            writer.wait_for_capacity(4).await.map_err(to_io)?;
            writer.write(&buffer[..read]);
        }
        writer.finish().await.map_err(to_io)?;
        tokio::fs::remove_file(source).await
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let found = self.store.get(&Self::path(key)?).await.map_err(to_io)?;
        Ok(found.bytes().await.map_err(to_io)?.to_vec())
    }

    async fn len(&self, key: &str) -> io::Result<u64> {
        let meta = self.store.head(&Self::path(key)?).await.map_err(to_io)?;
        Ok(meta.size)
    }

    async fn get_range(&self, key: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        let bytes = self
            .store
            .get_range(&Self::path(key)?, range)
            .await
            .map_err(to_io)?;
        Ok(bytes.to_vec())
    }

    async fn download(&self, key: &str, to: &Path) -> io::Result<()> {
        use futures::StreamExt;
        let found = self.store.get(&Self::path(key)?).await.map_err(to_io)?;
        let mut stream = found.into_stream();
        let mut file = tokio::fs::File::create(to).await?;
        while let Some(chunk) = stream.next().await {
            file.write_all(&chunk.map_err(to_io)?).await?;
        }
        file.flush().await
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match self.store.delete(&Self::path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(to_io(e)),
        }
    }

    fn local_path(&self, _key: &str) -> Option<PathBuf> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_could_mean_something_else_are_refused() {
        assert!(S3Storage::path("photos/a/b.jpg").is_ok());
        for bad in ["", "/abs", "a//b", "a/../b", "trailing/"] {
            assert!(S3Storage::path(bad).is_err(), "{bad}");
        }
    }
}
