//! Field encryption for personal data that must not sit in the database as
//! plain text (reference contacts). AES-256-GCM with a random 96-bit nonce
//! per value; the stored bytes are `nonce || ciphertext || tag`.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct FieldCipher {
    cipher: Aes256Gcm,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the data key must be 32 bytes written in base64")]
    Malformed,
}

#[derive(Debug, thiserror::Error)]
#[error("a stored value could not be decrypted (wrong key or damaged data)")]
pub struct DecryptError;

impl FieldCipher {
    /// A cipher from a base64-encoded 32-byte key.
    pub fn from_base64(key: &str) -> Result<Self, KeyError> {
        let bytes = STANDARD
            .decode(key.trim())
            .map_err(|_| KeyError::Malformed)?;
        if bytes.len() != 32 {
            return Err(KeyError::Malformed);
        }
        Ok(Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes)),
        })
    }

    /// A fresh random key, base64-encoded, for a new installation.
    pub fn generate_key() -> String {
        STANDARD.encode(Aes256Gcm::generate_key(OsRng))
    }

    pub fn encrypt(&self, plain: &str) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(OsRng);
        // Encryption fails only for inputs over 64 GiB; ours are short texts.
        let sealed = self
            .cipher
            .encrypt(&nonce, plain.as_bytes())
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        out
    }

    pub fn decrypt(&self, stored: &[u8]) -> Result<String, DecryptError> {
        if stored.len() <= NONCE_LEN {
            return Err(DecryptError);
        }
        let (nonce, sealed) = stored.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), sealed)
            .map_err(|_| DecryptError)?;
        String::from_utf8(plain).map_err(|_| DecryptError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_hides_the_text() {
        let cipher = FieldCipher::from_base64(&FieldCipher::generate_key()).unwrap();
        let sealed = cipher.encrypt("ada@example.com");
        assert!(!sealed.windows(7).any(|w| w == b"example"));
        assert_eq!(cipher.decrypt(&sealed).unwrap(), "ada@example.com");
        // A fresh nonce each time: equal texts do not give equal bytes.
        assert_ne!(sealed, cipher.encrypt("ada@example.com"));
    }

    #[test]
    fn refuses_a_wrong_key_or_tampered_bytes() {
        let cipher = FieldCipher::from_base64(&FieldCipher::generate_key()).unwrap();
        let other = FieldCipher::from_base64(&FieldCipher::generate_key()).unwrap();
        let mut sealed = cipher.encrypt("0803 555 0100");
        assert!(other.decrypt(&sealed).is_err());
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(cipher.decrypt(&sealed).is_err());
        assert!(cipher.decrypt(b"short").is_err());
    }

    #[test]
    fn refuses_malformed_keys() {
        assert!(FieldCipher::from_base64("not base64!").is_err());
        assert!(FieldCipher::from_base64(&STANDARD.encode([0u8; 16])).is_err());
    }
}
