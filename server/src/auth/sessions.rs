//! Server-side sessions in PostgreSQL (tower-sessions): the browser holds only a random id.

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

/// `__Host-` prefixed where cookies are `Secure`, as the login cookie.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-stafett_session"
    } else {
        "stafett_session"
    }
}

/// The session layer. It holds only what a login needs before it is complete (OIDC state,
/// nonce and PKCE verifier; a child's pending one-time code), at most 12 hours after it was
/// last written. A completed login has its own cookie (`login_cookie`); its limits are kept
/// in `login_session`, where every instance sees them.
pub fn layer(store: PostgresStore, secure: bool) -> SessionManagerLayer<PostgresStore> {
    SessionManagerLayer::new(store)
        .with_name(cookie_name(secure))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)))
}
