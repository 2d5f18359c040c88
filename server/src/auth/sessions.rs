//! Server-side sessions in PostgreSQL (tower-sessions): the browser holds only a random id.

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

pub const COOKIE_NAME: &str = "stafett_session";

/// The session layer. The session record lives at most 12 hours after it was last written
/// (a login writes it), which is also the absolute limit of a login; the 30-minute idle
/// limit is enforced per login in `login_session`, where every instance sees it.
pub fn layer(store: PostgresStore, secure: bool) -> SessionManagerLayer<PostgresStore> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)))
}
