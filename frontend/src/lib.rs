//! The browser entry point: hydrates the islands rendered by the server.

// Islands are linked only if the crate that defines them is referenced from here.
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
