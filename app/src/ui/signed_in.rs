//! Which pages need a signed-in person.

/// Pages that need a login: the server sends a visitor without one to `/login` and back.
pub fn requires_login(path: &str) -> bool {
    matches!(path, "/me" | "/sessions" | "/lookups" | "/admin")
        || path.starts_with("/logs/")
        || path.starts_with("/admin/")
}
