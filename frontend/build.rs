//! Keeps each function's constant data in its own segment, so splitting the
//! bundle (cargo leptos --split) can move a page's texts into that page's
//! chunk instead of leaving all of them in the first download.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
