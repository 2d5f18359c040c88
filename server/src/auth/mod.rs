//! Authentication: ID-porten (OpenID Connect) for adults and staff, username + password +
//! one-time code or a passkey for children under 15, server-side sessions, CSRF protection, and the
//! middleware that tells every page and server function who is asking.

pub mod child_login;
pub mod client_address;
pub mod csrf;
pub mod device;
pub mod failure;
pub mod identify;
pub mod idporten;
pub mod idporten_routes;
pub mod lockout;
pub mod login_cookie;
pub mod login_session;
pub mod passkey;
/// Codes and hashing live with the application: guardians create children's logins there,
/// and people confirm their contact details with a code.
pub use app::server::{one_time_code, password};
pub mod sessions;
pub mod throttle;

use app::i18n::Lang;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use openidconnect::url::Url;

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

/// The language the user chose (its cookie), else the default.
pub(crate) fn request_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(COOKIE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default()
}

/// A page that sends the browser on to `url` at the login provider. Not a redirect: the
/// logout form is posted here, and browsers hold every redirect after a form post to the
/// page's `form-action 'self'`, which must not name the provider's (discovered) origins.
pub(crate) fn continue_to_provider(url: &Url, lang: Lang) -> Response {
    let t = lang.texts();
    let href = escape_html(url.as_str());
    let title = escape_html(t.logging_out_at_provider);
    let link = escape_html(t.continue_to_provider_logout);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/stafett.css\"></head>\
         <body><main><h1>{title}</h1><p><a href=\"{href}\">{link}</a></p></main></body></html>",
        lang = lang.code(),
    );
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
