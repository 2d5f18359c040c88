//! Where the server may send a browser back to.

/// `path` if it is a path on this site, otherwise `/`: a form's `return_to` must never turn
/// the server into an open redirect (`//evil.example`, `https://…`, `/\evil.example`).
pub fn local_path_or_root(path: &str) -> &str {
    let is_local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control());
    if is_local {
        path
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::local_path_or_root;

    #[test]
    fn keeps_local_paths_and_refuses_everything_else() {
        assert_eq!(
            local_path_or_root("/units/1?kind=school"),
            "/units/1?kind=school"
        );
        assert_eq!(local_path_or_root("/"), "/");
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "units",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(local_path_or_root(hostile), "/", "{hostile:?}");
        }
    }
}
