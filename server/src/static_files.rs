//! The site's built files under `/pkg` (the browser bundle, its lazily
//! loaded chunks and the styles): served in brotli or gzip form made once at
//! the best compression, and cached by browsers for good when their names
//! carry a content hash (`hash-files` in the workspace's Leptos settings).

use axum::Router;
use axum::http::{HeaderValue, header};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Files worth compressing (the rest, such as images, are compressed already).
const COMPRESSIBLE: [&str; 4] = ["js", "wasm", "css", "json"];

/// The `/pkg` folder as a router, preferring the precompressed forms.
pub fn router(pkg_dir: PathBuf, hashed_names: bool) -> Router {
    // A name with its content's hash never changes meaning; otherwise the
    // browser asks again each time (and gets 304 while it is unchanged).
    let cache = if hashed_names {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
}

/// Writes the brotli (quality 11) and gzip (level 9) forms of each
/// compressible file in `dir` that lacks them or changed since; returns how
/// many files it compressed. Run once at start, off the async threads; a
/// folder that cannot be written is left as it is (responses are then
/// compressed as they go out).
pub fn precompress(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut done = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || up_to_date(&path) {
            continue;
        }
        match compress(&path) {
            Ok(()) => done += 1,
            Err(error) => {
                tracing::warn!(%error, file = %path.display(), "could not precompress");
                return done;
            }
        }
    }
    done
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether both compressed forms exist and are newer than the file.
fn up_to_date(path: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(original) = modified(path) else {
        return true;
    };
    [".br", ".gz"].iter().all(|suffix| {
        modified(&with_suffix(path, suffix)).is_some_and(|compressed| compressed >= original)
    })
}

fn compress(path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let bytes = std::fs::read(path)?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    // Written aside, then renamed: a reader never sees half a file.
    for (suffix, compressed) in [(".br", brotli), (".gz", gzip.finish()?)] {
        let target = with_suffix(path, suffix);
        let partial = with_suffix(path, &format!("{suffix}.partial"));
        std::fs::write(&partial, compressed)?;
        std::fs::rename(partial, target)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses_once_and_again_after_a_change() {
        let dir = std::env::temp_dir().join(format!("hirewell-pkg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.js"), "console.log('hello');".repeat(100)).unwrap();
        std::fs::write(dir.join("logo.png"), b"not worth it").unwrap();
        assert_eq!(precompress(&dir), 1);
        let br = std::fs::read(dir.join("app.js.br")).unwrap();
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut plain).unwrap();
        assert_eq!(plain, std::fs::read(dir.join("app.js")).unwrap());
        assert!(dir.join("app.js.gz").exists());
        assert!(!dir.join("logo.png.br").exists());
        assert_eq!(precompress(&dir), 0, "nothing changed");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("app.js"), "console.log('changed');").unwrap();
        assert_eq!(precompress(&dir), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
