//! Passwords and one-time codes: argon2id with OWASP's parameters, hashed on the blocking
//! pool (a hash takes tens of milliseconds of CPU), and the rules for a new password.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::LazyLock;

/// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase, short enough that hashing cannot be used to tie up the CPU.
pub const MAX_CHARS: usize = 128;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// Why a new password is not accepted. No composition rules (NIST SP 800-63B): length and
/// not being a known common password are what matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
    SameAsUsername,
}

pub fn check_new(password: &str, username: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    if lower == username.to_lowercase() {
        return Err(PasswordProblem::SameAsUsername);
    }
    if COMMON.contains(lower.as_str()) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("hashing failed: {0}")]
pub struct HashError(String);

/// The PHC string of `secret` with a fresh salt.
pub async fn hash(secret: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(secret.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| HashError(error.to_string()))
    })
    .await
    .map_err(|error| HashError(error.to_string()))?
}

/// Whether `secret` matches `hash`. Without a hash (an unknown username) the same work is
/// done against a dummy, so the answer takes as long whether or not the account exists.
pub async fn verify(secret: String, hash: Option<String>) -> bool {
    let known = hash.is_some();
    let checked = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY.clone());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        argon2().verify_password(secret.as_bytes(), &parsed).is_ok()
    })
    .await
    .unwrap_or(false);
    known && checked
}

static DUMMY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(b"no such account", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_common_passwords_decide() {
        assert_eq!(check_new("kort", "nora"), Err(PasswordProblem::TooShort));
        assert_eq!(check_new("sju tgn", "nora"), Err(PasswordProblem::TooShort));
        // Characters, not bytes: eight Norwegian letters are enough.
        assert_eq!(check_new("æøåæøåæø", "nora"), Ok(()));
        assert_eq!(
            check_new(&"x".repeat(129), "nora"),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(check_new("password", "nora"), Err(PasswordProblem::Common));
        assert_eq!(check_new("PassWord1", "nora"), Err(PasswordProblem::Common));
        assert_eq!(
            check_new("passord123", "nora"),
            Err(PasswordProblem::Common)
        );
        assert_eq!(
            check_new("nora.berg", "Nora.Berg"),
            Err(PasswordProblem::SameAsUsername)
        );
        // No composition rules: a long lower-case phrase is fine.
        assert_eq!(check_new("blå hest på taket", "nora"), Ok(()));
    }

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let first = hash("riktig hest batteri".into()).await.expect("hash");
        let second = hash("riktig hest batteri".into()).await.expect("hash");
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second);
        assert!(verify("riktig hest batteri".into(), Some(first.clone())).await);
        assert!(!verify("feil hest batteri".into(), Some(first)).await);
        assert!(!verify("riktig hest batteri".into(), None).await);
    }
}
