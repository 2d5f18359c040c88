//! Baseline security and caching headers on every response, and the CSP nonce of pages.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

/// Everything but a page: no inline script at all.
const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// A page may run exactly its own inline hydration scripts (by nonce), the app's module and
/// its WASM, and nothing from elsewhere.
fn page_csp(nonce: &Nonce) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Static files whose content is the same for everyone.
fn is_public_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || path.starts_with("/fonts/")
        || matches!(
            path,
            "/favicon.ico" | "/robots.txt" | "/sw-register.js" | "/passkey.js" | "/push.js"
        )
}

/// What differs between deployments.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Tell browsers to reach this host over https only, for a year (`STAFETT_HSTS`). Not
    /// `includeSubDomains` or preload: those bind the municipality's other hosts too.
    pub hsts: bool,
}

const HSTS: &str = "max-age=31536000";

/// Mints the response's nonce before the page is rendered (the shell finds it in the request
/// extensions and puts it on its scripts), then sets the headers. The policy and the nonce
/// are decided here, in one place, for every response.
pub async fn add(State(policy): State<Policy>, mut request: Request, next: Next) -> Response {
    let public_asset = is_public_asset(request.uri().path());
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();

    let is_page = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    let csp = if is_page {
        HeaderValue::from_str(&page_csp(&nonce)).unwrap_or(HeaderValue::from_static(DEFAULT_CSP))
    } else {
        HeaderValue::from_static(DEFAULT_CSP)
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);

    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    if policy.hsts {
        set(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
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
    response
}

#[cfg(test)]
mod tests {
    use super::is_public_asset;

    #[test]
    fn only_static_files_are_public_assets() {
        assert!(is_public_asset("/pkg/stafett.wasm"));
        assert!(is_public_asset("/favicon.ico"));
        assert!(is_public_asset(
            "/fonts/source-sans-3-latin-wght-normal.woff2"
        ));
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
