//! Setting the HTTP status of a page rendered on the server.

/// Sets the status of the response being rendered. In the browser there is no response, and
/// this does nothing.
pub fn set_status(status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
