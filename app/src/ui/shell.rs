//! The HTML document around every page, rendered on the server only.

use crate::i18n::request_lang;
use crate::ui::app::App;
use leptos::nonce::{use_nonce, Nonce};
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_meta::MetaTags;

/// The document shell: language, head, stylesheet and the island hydration script.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    provide_context(lang);
    provide_request_nonce();
    let hydration_scripts = hydration_scripts(options);

    view! {
        <!DOCTYPE html>
        <html lang=lang.code() data-signed-in=signed_in()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1f4e6b" />
                // With the language cookie: the manifest is in the visitor's language.
                <link rel="manifest" href="/manifest.webmanifest" crossorigin="use-credentials" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <link rel="stylesheet" href="/pkg/stafett.css" />
                {InertElement::new(FONT_PRELOAD)}
                <meta name="apple-mobile-web-app-capable" content="yes" />
                <meta name="apple-mobile-web-app-title" content="Stafett" />
                <script src="/sw-register.js" defer></script>
                {hydration_scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The typeface's Latin part, fetched beside the stylesheet rather than once the stylesheet
/// asks for it: it is there for the first paint, so the text does not move when it arrives
/// (with `font-display: swap` alone, the log page's cards moved: a layout shift of 0.116).
/// Written out: `as` is a Rust keyword, and `view!` takes no attribute of that name.
const FONT_PRELOAD: &str = r#"<link rel="preload" href="/fonts/source-sans-3-latin-wght-normal.woff2" as="font" type="font/woff2" crossorigin="">"#;

/// Leptos's `<HydrationScripts islands=true />` with valid preload links.
///
/// Leptos 0.8.23 writes the CSP nonce into the `crossorigin` attribute of the JS and WASM
/// preloads (leptos-rs/leptos#4843; #4844 only stopped the nonce from being switched on by
/// default, and an app with a CSP still provides one). A nonce is no CORS setting: the HTML is
/// invalid, and Firefox does not claim such a WASM preload and may abort it, which makes
/// hydration fail now and then. `crossorigin=""` (anonymous, same-origin credentials) is what
/// wasm-bindgen's `fetch` and the module `import()` ask for. The script keeps its nonce. Render
/// `<HydrationScripts>` directly again once a Leptos release writes a valid value.
fn hydration_scripts(options: LeptosOptions) -> InertElement {
    let html = view! { <HydrationScripts options islands=true /> }.to_html();
    let html = match use_nonce() {
        Some(nonce) => html.replace(&format!("crossorigin=\"{}\"", &*nonce), "crossorigin=\"\""),
        None => html,
    };
    InertElement::new(html)
}

/// Whether the page is shown to someone logged in: `sw-register.js` empties the caches on a
/// page that is not.
fn signed_in() -> &'static str {
    let identified = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .extensions
            .get::<crate::model::identity::Identity>()
            .is_some()
    });
    if identified {
        "true"
    } else {
        "false"
    }
}

/// The nonce the server's security middleware minted for this response and will put in its
/// Content-Security-Policy; the hydration scripts carry it.
fn provide_request_nonce() {
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned())
    {
        provide_context(nonce);
    }
}
