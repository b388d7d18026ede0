//! The chunks of the browser bundle a page needs. The server knows which
//! areas a page renders before the browser does: without a list, the
//! browser would ask for an area's chunks only once the main module has
//! started, and then a few at a time. The page names them in `bundle-chunks`
//! metas, which the bundle's start script fetches with the main module once
//! the page has painted (`routes::BundleScripts`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The splitter's manifest: each split point's files, and the loader script.
struct SplitFiles {
    modules: HashMap<String, Vec<String>>,
    loader: String,
}

/// Names the chunks of `split` (an area such as `jobs_area`, or a lazy
/// function's name) in the page. Does nothing in builds without splitting.
pub fn preload_split(split: &str) {
    use leptos::prelude::*;
    let (Some(files), Some(options)) = (split_files(), use_context::<LeptosOptions>()) else {
        return;
    };
    let addresses = addresses(files, &options.site_pkg_dir, split);
    if addresses.is_empty() {
        return;
    }
    // Rendering a head tag registers it with the page's head (leptos_meta).
    let _ =
        view! { <leptos_meta::Meta name="bundle-chunks" content=addresses.join(" ")/> }.to_html();
}

/// The addresses of `split`'s files: the loader script and its chunks; none
/// for an unknown split.
fn addresses(files: &SplitFiles, pkg: &str, split: &str) -> Vec<String> {
    // The manifest names a split point after its function and a number.
    let Some(modules) = files.modules.iter().find_map(|(name, modules)| {
        let hash = name.strip_prefix(split)?.strip_prefix('_')?;
        (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit())).then_some(modules)
    }) else {
        return Vec::new();
    };
    std::iter::once(format!("/{pkg}/{}", files.loader))
        .chain(modules.iter().map(|module| format!("/{pkg}/{module}.wasm")))
        .collect()
}

/// Read once: the manifest changes only with a new build (and server).
fn split_files() -> Option<&'static SplitFiles> {
    static FILES: OnceLock<Option<SplitFiles>> = OnceLock::new();
    FILES
        .get_or_init(|| {
            let options = leptos::prelude::use_context::<leptos::config::LeptosOptions>()?;
            let (manifest, loader) = if options.hash_files {
                let hash_of = |kind| crate::site_files::hash_of(&options, kind);
                (
                    format!("__wasm_split_manifest.{}.json", hash_of("manifest")?),
                    format!("__wasm_split.{}.js", hash_of("split")?),
                )
            } else {
                (
                    "__wasm_split_manifest.json".to_string(),
                    "__wasm_split.______________________.js".to_string(),
                )
            };
            let path = crate::site_files::in_pkg(&options, &manifest);
            let modules = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
            Some(SplitFiles { modules, loader })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_loader_and_each_chunk_of_the_split_only() {
        let files = SplitFiles {
            modules: HashMap::from([
                (
                    "jobs_area_123".to_string(),
                    vec![
                        "chunk_1.aa".to_string(),
                        "split_jobs_area_123.bb".to_string(),
                    ],
                ),
                (
                    "jobs_area_extra_9".to_string(),
                    vec!["chunk_2.cc".to_string()],
                ),
            ]),
            loader: "__wasm_split.dd.js".to_string(),
        };
        assert_eq!(
            addresses(&files, "pkg", "jobs_area"),
            [
                "/pkg/__wasm_split.dd.js",
                "/pkg/chunk_1.aa.wasm",
                "/pkg/split_jobs_area_123.bb.wasm",
            ]
        );
        assert!(addresses(&files, "pkg", "admin_area").is_empty());
    }
}
