//! Sealing the few secrets the database must hold for a while, so that someone who reads the
//! database (a backup, a replica, a support query) cannot use them: a one-time code waiting in
//! the outbox, and the ID token an active login keeps for logging out at ID-porten.
//! ChaCha20-Poly1305 with a random nonce per value and a key from the environment
//! (`STAFETT_DATA_KEY`); each value is bound to its row and purpose (the associated data), so
//! a sealed value copied to another row does not open.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use std::sync::Arc;

const NONCE_LEN: usize = 12;

/// The key; its `Debug` never shows it.
#[derive(Clone)]
pub struct SealKey(Arc<Key>);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(<redacted>)")
    }
}

impl SealKey {
    /// From 32 bytes in standard base64 (`openssl rand -base64 32`).
    pub fn from_base64(text: &str) -> Option<SealKey> {
        let bytes = STANDARD.decode(text.trim()).ok()?;
        (bytes.len() == 32).then(|| SealKey(Arc::new(*Key::from_slice(&bytes))))
    }

    /// `nonce ‖ ciphertext` of `plain`, bound to `context` (e.g. the row's id).
    pub fn seal(&self, context: &[u8], plain: &[u8]) -> Vec<u8> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = ChaCha20Poly1305::new(&self.0)
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: context,
                },
            )
            // Encryption fails only for inputs of many gigabytes.
            .unwrap_or_default();
        [nonce.as_slice(), &sealed].concat()
    }

    /// The plain value, if `sealed` was sealed with this key for `context` and is unchanged.
    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        ChaCha20Poly1305::new(&self.0)
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SealKey {
        SealKey::from_base64(&STANDARD.encode([byte; 32])).expect("a key")
    }

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context_only() {
        let sealed = key(1).seal(b"row-1", b"Koden din er 123456");
        assert!(!String::from_utf8_lossy(&sealed).contains("123456"));
        assert_eq!(
            key(1).open(b"row-1", &sealed).as_deref(),
            Some(&b"Koden din er 123456"[..])
        );
        assert_eq!(key(1).open(b"row-2", &sealed), None, "moved to another row");
        assert_eq!(key(2).open(b"row-1", &sealed), None, "another key");
        let mut tampered = sealed.clone();
        tampered[20] ^= 1;
        assert_eq!(key(1).open(b"row-1", &tampered), None);
        assert_ne!(
            key(1).seal(b"row-1", b"x"),
            key(1).seal(b"row-1", b"x"),
            "a fresh nonce"
        );
    }

    #[test]
    fn only_32_bytes_of_base64_make_a_key() {
        assert!(SealKey::from_base64(&STANDARD.encode([0u8; 16])).is_none());
        assert!(SealKey::from_base64("not base64!").is_none());
        assert!(format!("{:?}", key(7)).contains("redacted"));
    }
}
