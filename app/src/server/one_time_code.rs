//! One-time codes (a child's login, confirming an address): six random digits, valid ten
//! minutes, five tries, used once.

use rand::Rng;

pub const VALID_MINUTES: i32 = 10;
pub const MAX_TRIES: i32 = 5;

/// Six digits from the operating system's random source (leading zeros kept).
pub fn generate() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000))
}

/// What a person typed, reduced to digits (they may paste "123 456").
pub fn normalize(typed: &str) -> String {
    typed.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50).map(|_| generate()).collect();
        assert!(codes
            .iter()
            .all(|code| code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())));
        assert!(codes.len() > 45);
    }

    #[test]
    fn typed_codes_are_normalized() {
        assert_eq!(normalize(" 012 345 "), "012345");
        assert_eq!(normalize("01-23-45"), "012345");
    }
}
