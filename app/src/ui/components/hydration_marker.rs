use leptos::prelude::*;

/// Marks the document as hydrated (`<html data-hydrated="true">`). Effects run only in the
/// browser, so the marker proves the WASM loaded and the islands before it hydrated; the
/// end-to-end tests wait for it.
#[island]
pub fn HydrationMarker() -> impl IntoView {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            // Nothing useful can be done if the DOM refuses an attribute.
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
