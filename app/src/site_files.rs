//! Files of the build that the server reads or names: the stylesheet it
//! writes into each page, the bundle's main module, and the splitter's
//! manifest (`preload`). With `hash-files` their names carry their
//! content's hash, which the build records in a file beside the server.

use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The hash the build recorded for a kind of file (`css`, `split`, …).
pub fn hash_of(options: &LeptosOptions, kind: &str) -> Option<String> {
    let record = std::env::current_exe()
        .ok()?
        .parent()?
        .join(options.hash_file.as_ref());
    hash_in(&std::fs::read_to_string(record).ok()?, kind)
}

/// The hash of `kind` in a record of lines such as `css: 1Ab…`.
fn hash_in(record: &str, kind: &str) -> Option<String> {
    record.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_string())
    })
}

/// A file in the site's package folder.
pub fn in_pkg(options: &LeptosOptions, name: &str) -> PathBuf {
    std::path::Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join(name)
}

/// The site's stylesheet, read once: it changes only with a new build (and
/// server). Empty, with an error logged, when the build has none.
pub fn stylesheet(options: &LeptosOptions) -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let stem = &options.output_name;
        let name = if options.hash_files {
            hash_of(options, "css").map(|hash| format!("{stem}.{hash}.css"))
        } else {
            Some(format!("{stem}.css"))
        };
        let read = name.map(|name| std::fs::read_to_string(in_pkg(options, &name)));
        match read {
            Some(Ok(css)) => css,
            _ => {
                tracing::error!("the site's stylesheet is missing: build the site first");
                String::new()
            }
        }
    })
}

/// The addresses of the bundle's main script and WebAssembly module.
pub struct MainModule {
    pub script: String,
    pub wasm: String,
}

/// Reads the build's record of hashes: call it once (`routes::BundleScripts`).
pub fn main_module(options: &LeptosOptions) -> MainModule {
    let (pkg, stem) = (&options.site_pkg_dir, &options.output_name);
    let address = |kind: &str| {
        let hash = options.hash_files.then(|| hash_of(options, kind)).flatten();
        match hash {
            Some(hash) => format!("/{pkg}/{stem}.{hash}.{kind}"),
            None => {
                if options.hash_files {
                    tracing::error!("the build recorded no hash for its {kind} file");
                }
                format!("/{pkg}/{stem}.{kind}")
            }
        }
    };
    MainModule {
        script: address("js"),
        wasm: address("wasm"),
    }
}

#[cfg(test)]
mod tests {
    use super::hash_in;

    #[test]
    fn reads_the_hash_of_each_kind_from_the_build_record() {
        let record = "js: aaa\nwasm: bbb\ncss: r5Zu-X_l4h\nsplit: ddd\n";
        assert_eq!(hash_in(record, "css").as_deref(), Some("r5Zu-X_l4h"));
        assert_eq!(hash_in(record, "split").as_deref(), Some("ddd"));
        assert_eq!(hash_in(record, "manifest"), None);
    }
}
