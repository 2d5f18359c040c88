//! What makes Stafett installable and keeps a lost connection from showing the browser's
//! error page: the service worker at `/sw.js` (`service_worker.js`), versioned by the built
//! files so that a new build's worker takes over at the next navigation, and `/offline`, the
//! page it shows a navigation that finds no connection; the worker also shows push notices
//! (a title and a link) and opens their link. None of it holds anything of a log.

use app::i18n::Lang;
use axum::http::header::{CONTENT_TYPE, COOKIE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

static TEMPLATE: &str = include_str!("service_worker.js");

/// The files whose change makes a new version of the shell.
const BUILT: [&str; 3] = ["pkg/stafett.css", "pkg/stafett.js", "pkg/stafett.wasm"];

/// A digest of the built shell, read once at start: the worker's version.
pub fn version(site_root: &str) -> String {
    let mut digest = Sha256::new();
    for file in BUILT {
        digest.update(std::fs::read(format!("{site_root}/{file}")).unwrap_or_default());
    }
    digest.update(TEMPLATE.as_bytes());
    digest.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The worker's script, for `version`. Like every answer that is not a static file it is
/// `no-store` (security_headers), so a new build is seen at the next navigation.
pub fn script(version: &str) -> Response {
    (
        [(CONTENT_TYPE, "text/javascript; charset=utf-8")],
        TEMPLATE.replace("__VERSION__", version),
    )
        .into_response()
}

/// The web app manifest, in the visitor's language: what a phone shows when it installs
/// Stafett, and where the installed app starts (the family's own page).
pub async fn manifest(headers: HeaderMap) -> Response {
    let lang = lang_of(&headers);
    let t = lang.texts();
    let icon = |src: &str, sizes: &str, kind: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": kind, "purpose": purpose });
    let manifest = serde_json::json!({
        "id": "/",
        "name": format!("{} – {}", t.app_name, t.app_tagline),
        "short_name": t.app_name,
        "description": t.app_tagline,
        "lang": lang.code(),
        "start_url": "/me",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e6b",
        "icons": [
            icon("/icons/icon.svg", "any", "image/svg+xml", "any"),
            icon("/icons/icon-192.png", "192x192", "image/png", "any"),
            icon("/icons/icon-512.png", "512x512", "image/png", "any"),
            icon("/icons/icon-maskable-192.png", "192x192", "image/png", "maskable"),
            icon("/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
        ],
        "screenshots": [
            { "src": "/screenshots/phone.png", "sizes": "412x915", "type": "image/png",
              "form_factor": "narrow", "label": t.me_title },
            { "src": "/screenshots/desktop.png", "sizes": "1280x720", "type": "image/png",
              "form_factor": "wide", "label": t.me_title },
        ],
    });
    (
        [(CONTENT_TYPE, "application/manifest+json")],
        manifest.to_string(),
    )
        .into_response()
}

fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(COOKIE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default()
}

/// The offline page, in the visitor's language (the worker keeps the one of whoever was
/// logged in when it asked).
pub async fn offline(headers: HeaderMap) -> Response {
    let lang = lang_of(&headers);
    let t = lang.texts();
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/stafett.css\"></head>\
         <body><main id=\"main\" class=\"container\"><h1>{title}</h1>\
         <p class=\"lead\">{body}</p><p><a class=\"button primary\" href=\"/me\">{retry}</a></p>\
         </main></body></html>",
        lang = lang.code(),
        title = t.offline_title,
        body = t.offline_body,
        retry = t.offline_retry,
    );
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_is_a_new_version_and_the_script_names_it() {
        let site = std::env::temp_dir().join(format!("stafett-sw-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(site.join("pkg")).expect("a site");
        let root = site.to_string_lossy().into_owned();
        std::fs::write(site.join("pkg/stafett.wasm"), b"first build").expect("written");
        let first = version(&root);
        assert_eq!(first, version(&root), "the same files, the same version");
        std::fs::write(site.join("pkg/stafett.wasm"), b"second build").expect("written");
        let second = version(&root);
        assert_ne!(first, second);
        let _ = std::fs::remove_dir_all(&site);
        assert_eq!(second.len(), 16);
        assert!(TEMPLATE.contains("__VERSION__"));
        assert!(!TEMPLATE
            .replace("__VERSION__", &second)
            .contains("__VERSION__"));
    }
}
