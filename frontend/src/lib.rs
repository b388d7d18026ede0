//! The browser bundle: hydrates the server-rendered page, loading the
//! current page's own chunk first (see `app::routes`).

// Hydrating the whole page's view type in one async block nests deeply.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // `hydrate_lazy`, plus a word when it is done (this future is driven by
    // the browser's event loop; hydrating starts Leptos's own executor).
    wasm_bindgen_futures::spawn_local(async {
        if let Some(body) = leptos::prelude::document().body() {
            leptos::mount::hydrate_from_async(body, app::App)
                .await
                .forget();
            app::routes::hydrated();
        }
    });
}
