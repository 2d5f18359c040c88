//! The signed-in person as pages see them, and which pages need one.

use crate::api::identity::Identity;

/// Pages that need a login: the server sends a visitor without one to `/login` and back.
pub fn requires_login(path: &str) -> bool {
    matches!(path, "/me" | "/sessions" | "/lookups") || path.starts_with("/logs/")
}

/// The person this page is rendered for. Pages render on the server only (islands), where
/// the request carries the identity; in the browser there is none to read.
pub fn use_identity() -> Option<Identity> {
    #[cfg(feature = "ssr")]
    {
        crate::server::identity::optional()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
