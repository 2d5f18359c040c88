//! Which pages need a signed-in person.

/// Pages that need a login: the server sends a visitor without one to `/login` and back.
pub fn requires_login(path: &str) -> bool {
    matches!(path, "/me" | "/sessions" | "/lookups") || path.starts_with("/logs/")
}
