//! Authentication: ID-porten (OpenID Connect) for adults and staff, username + password +
//! one-time code for children under 15, server-side sessions, CSRF protection, and the
//! middleware that tells every page and server function who is asking.

pub mod child_login;
pub mod csrf;
pub mod device;
pub mod identify;
pub mod idporten;
pub mod idporten_routes;
pub mod lockout;
pub mod login_session;
pub mod one_time_code;
pub mod password;
pub mod sessions;
pub mod throttle;

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// `303 See Other` to a path on this site (built by us, never taken from input unchecked).
pub(crate) fn see_other(location: &str) -> Response {
    let location = HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// `path?return_to=…`, encoded.
pub(crate) fn with_return_to(path: &str, return_to: &str) -> String {
    let encoded: String =
        openidconnect::url::form_urlencoded::byte_serialize(return_to.as_bytes()).collect();
    format!("{path}?return_to={encoded}")
}
