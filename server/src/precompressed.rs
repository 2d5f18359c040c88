//! The site's files compressed once at build time at the highest quality (`brotli -q 11`,
//! `gzip -9`: the scripts' `precompress_site`), sent by `ServeDir` to a browser that takes
//! them, in place of compressing each answer on the fly at a low quality.
//!
//! A compressed copy is trusted only while it is newer than its file: one left by an earlier
//! build would send yesterday's WASM with today's JavaScript, so such copies are removed at
//! start and the file is compressed on the fly instead.

use std::path::Path;

const SUFFIXES: [&str; 2] = ["br", "gz"];

/// Removes every compressed copy in `dir` whose file is missing or newer than it.
pub fn drop_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for copy in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        let compressed = copy
            .extension()
            .and_then(|suffix| suffix.to_str())
            .is_some_and(|suffix| SUFFIXES.contains(&suffix));
        if !compressed {
            continue;
        }
        let modified = |path: &Path| path.metadata().and_then(|meta| meta.modified()).ok();
        let fresh = match (modified(&copy), modified(&copy.with_extension(""))) {
            (Some(copied), Some(built)) => copied >= built,
            _ => false,
        };
        if !fresh {
            tracing::warn!(copy = %copy.display(), "a compressed copy older than its file is removed");
            if let Err(error) = std::fs::remove_file(&copy) {
                tracing::error!(%error, copy = %copy.display(), "a stale compressed copy stays");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{self, File};
    use std::time::{Duration, SystemTime};

    fn write_at(path: &Path, at: SystemTime) {
        fs::write(path, b"x").expect("write");
        File::options()
            .write(true)
            .open(path)
            .and_then(|file| file.set_modified(at))
            .expect("mtime");
    }

    #[test]
    fn only_copies_at_least_as_new_as_their_file_stay() {
        let dir = std::env::temp_dir().join(format!("precompressed-{}", uuid::Uuid::new_v4()));
        fs::create_dir(&dir).expect("dir");
        let then = SystemTime::now() - Duration::from_secs(60);
        let now = SystemTime::now();
        write_at(&dir.join("app.wasm"), now);
        write_at(&dir.join("app.wasm.br"), then);
        write_at(&dir.join("app.wasm.gz"), now);
        write_at(&dir.join("app.js"), then);
        write_at(&dir.join("app.js.br"), now);
        write_at(&dir.join("gone.css.br"), now);

        drop_stale(&dir);
        let mut left: Vec<_> = fs::read_dir(&dir)
            .expect("dir")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .into_string()
                    .expect("name")
            })
            .collect();
        left.sort();
        assert_eq!(left, ["app.js", "app.js.br", "app.wasm", "app.wasm.gz"]);
        fs::remove_dir_all(&dir).expect("clean");
    }
}
