//! Field encryption for personal data that must not sit in the database as
//! plain text (reference contacts). AES-256-GCM with a random 96-bit nonce
//! per value; the stored bytes are `nonce || ciphertext || tag`. The same
//! configured key also yields a separate key for signing links
//! ([`Signer`]), so an installation has one secret to keep.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct FieldCipher {
    cipher: Aes256Gcm,
    signer: Signer,
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Signs short messages (emailed links that act without a login) with
/// HMAC-SHA256 under a key derived from the data key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

/// Bytes of the tag kept: 128 bits is beyond guessing.
const TAG_LEN: usize = 16;

impl Signer {
    fn derive(data_key: &[u8]) -> Self {
        Self {
            key: Self::mac(data_key, b"hirewell signing key v1").to_vec(),
        }
    }

    fn mac(key: &[u8], message: &[u8]) -> [u8; 32] {
        use hmac::Mac;
        // HMAC takes a key of any length.
        let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    /// The tag of `message` for `purpose` (tags of one purpose are no good
    /// for another).
    pub fn sign(&self, purpose: &str, message: &[u8]) -> [u8; TAG_LEN] {
        let mut input = Vec::with_capacity(purpose.len() + 1 + message.len());
        input.extend_from_slice(purpose.as_bytes());
        input.push(0);
        input.extend_from_slice(message);
        let full = Self::mac(&self.key, &input);
        let mut tag = [0; TAG_LEN];
        tag.copy_from_slice(&full[..TAG_LEN]);
        tag
    }

    /// Whether `tag` is `message`'s, compared in constant time.
    pub fn verify(&self, purpose: &str, message: &[u8], tag: &[u8]) -> bool {
        constant_time_eq(&self.sign(purpose, message), tag)
    }
}

/// Whether two secrets are equal, without stopping at the first difference
/// (so the time taken tells nothing about how much of a guess was right).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
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
            signer: Signer::derive(&bytes),
        })
    }

    /// The signing key that goes with this data key.
    pub fn signer(&self) -> &Signer {
        &self.signer
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
    fn signatures_hold_only_for_their_message_purpose_and_key() {
        let signer = FieldCipher::from_base64(&FieldCipher::generate_key())
            .unwrap()
            .signer()
            .clone();
        let tag = signer.sign("unsubscribe", b"user-1");
        assert!(signer.verify("unsubscribe", b"user-1", &tag));
        assert!(!signer.verify("unsubscribe", b"user-2", &tag));
        assert!(!signer.verify("other", b"user-1", &tag));
        assert!(!signer.verify("unsubscribe", b"user-1", &tag[..8]));
        let other = FieldCipher::from_base64(&FieldCipher::generate_key()).unwrap();
        assert!(!other.signer().verify("unsubscribe", b"user-1", &tag));
    }

    #[test]
    fn refuses_malformed_keys() {
        assert!(FieldCipher::from_base64("not base64!").is_err());
        assert!(FieldCipher::from_base64(&STANDARD.encode([0u8; 16])).is_err());
    }
}
