//! Baseline security and caching headers on every response.

use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// For responses that are not HTML pages (pages set their own, with a script nonce).
const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Static files whose content is the same for everyone.
fn is_public_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/favicon.ico" | "/manifest.webmanifest" | "/robots.txt"
        )
}

pub async fn add(request: Request, next: Next) -> Response {
    let public_asset = is_public_asset(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    // Asset names are not hashed, so browsers must revalidate them; everything else may be
    // personal and must never be stored by a browser or proxy.
    set(
        header::CACHE_CONTROL,
        if public_asset {
            "no-cache"
        } else {
            "private, no-store"
        },
    );
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(DEFAULT_CSP));
    response
}

#[cfg(test)]
mod tests {
    use super::is_public_asset;

    #[test]
    fn only_static_files_are_public_assets() {
        assert!(is_public_asset("/pkg/stafett.wasm"));
        assert!(is_public_asset("/favicon.ico"));
        for path in [
            "/",
            "/units/x",
            "/api/units",
            "/healthz",
            "/pkgx",
            "/favicon.ico/x",
        ] {
            assert!(!is_public_asset(path), "{path}");
        }
    }
}
