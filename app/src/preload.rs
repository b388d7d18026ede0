//! Preload hints for the browser bundle's lazily loaded parts. The server
//! knows which areas a page renders before the browser does: without a
//! hint, the browser asks for an area's chunks only once the main module
//! has started, and then a few at a time. `Link: …; rel=preload` headers
//! naming the chunks let it fetch them alongside the main module instead.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The splitter's manifest: each split point's files, and the loader script.
struct SplitFiles {
    modules: HashMap<String, Vec<String>>,
    loader: String,
}

/// Asks the browser to fetch the chunks of `split` (an area such as
/// `jobs_area`, or a lazy function's name) with the page. Does nothing in
/// builds without splitting.
pub fn preload_split(split: &str) {
    let (Some(files), Some(options), Some(response)) = (
        split_files(),
        leptos::prelude::use_context::<leptos::config::LeptosOptions>(),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // One header line per split, its links separated by commas: a page
    // names some ninety chunks, and a proxy refuses a response with more
    // header lines than it counts (haproxy: 101).
    let links = links(files, &options.site_pkg_dir, split);
    if links.is_empty() {
        return;
    }
    if let Ok(value) = http::HeaderValue::from_str(&links.join(", ")) {
        response.append_header(http::header::LINK, value);
    }
}

/// The `Link` header values for `split`'s files; none for an unknown split.
fn links(files: &SplitFiles, pkg: &str, split: &str) -> Vec<String> {
    // The manifest names a split point after its function and a number.
    let Some(modules) = files.modules.iter().find_map(|(name, modules)| {
        let hash = name.strip_prefix(split)?.strip_prefix('_')?;
        (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit())).then_some(modules)
    }) else {
        return Vec::new();
    };
    // Low priority, as the main module's hints are with deferred hydration
    // (`routes::shell`): the stylesheet comes first, so a slow network
    // paints the page before it has the code.
    std::iter::once(format!(
        "</{pkg}/{}>; rel=modulepreload; fetchpriority=low",
        files.loader
    ))
    .chain(modules.iter().map(|module| {
        // No `type`: a fetch preload does not need it, and each of some
        // hundred links costs its bytes in a header a proxy limits.
        format!("</{pkg}/{module}.wasm>; rel=preload; as=fetch; crossorigin; fetchpriority=low")
    }))
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
            links(&files, "pkg", "jobs_area"),
            [
                "</pkg/__wasm_split.dd.js>; rel=modulepreload; fetchpriority=low",
                "</pkg/chunk_1.aa.wasm>; rel=preload; as=fetch; crossorigin; fetchpriority=low",
                "</pkg/split_jobs_area_123.bb.wasm>; rel=preload; as=fetch; crossorigin; fetchpriority=low",
            ]
        );
        assert!(links(&files, "pkg", "admin_area").is_empty());
    }
}
