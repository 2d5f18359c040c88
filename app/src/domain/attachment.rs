//! What a file attached to an entry may be. The type is read from the file's first bytes,
//! never from its name or from what the browser claims, so a script cannot pass as a PDF;
//! the name is reduced to a safe file name for `Content-Disposition`.

/// The largest file, in bytes: a scanned letter or a phone photo.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The types an attachment may have.
pub const ACCEPTED: &str = "application/pdf,image/png,image/jpeg,image/webp";

/// The content type the bytes are, if an accepted one.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A file name safe to store and to send back: the last path segment, without control
/// characters, quotes or separators, at most 120 characters; a name with nothing left
/// becomes `vedlegg` with the type's extension.
pub fn safe_file_name(name: &str, content_type: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';' | ':' | '*' | '?' | '<' | '>' | '|'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        format!("vedlegg.{}", extension(content_type))
    } else {
        cleaned
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// `Content-Disposition` for a download: an ASCII fallback and the exact name (RFC 6266).
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .filter(|c| *c != '\\')
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        for refused in [
            &b"<html><script>"[..],
            b"PK\x03\x04",
            b"",
            b"%PD",
            b"RIFF\0\0\0\0WAVE",
        ] {
            assert_eq!(sniff(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(
            safe_file_name("C:\\Users\\kari\\Vedtak.pdf", "application/pdf"),
            "Vedtak.pdf"
        );
        assert_eq!(
            safe_file_name("../../etc/passwd", "application/pdf"),
            "passwd"
        );
        assert_eq!(
            safe_file_name("a\"b;c\r\n.pdf", "application/pdf"),
            "abc.pdf"
        );
        assert_eq!(safe_file_name("   ", "image/png"), "vedlegg.png");
        assert_eq!(safe_file_name(".bashrc", "image/jpeg"), "bashrc");
        assert_eq!(
            safe_file_name(&"æ".repeat(300), "image/png")
                .chars()
                .count(),
            120
        );
    }

    #[test]
    fn the_download_keeps_the_exact_name() {
        assert_eq!(
            content_disposition("Søknad 2.pdf"),
            "attachment; filename=\"S_knad 2.pdf\"; filename*=UTF-8''S%C3%B8knad%202.pdf"
        );
    }
}
