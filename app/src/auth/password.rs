//! Argon2id hashing, off the async threads.

use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;

/// Checked when the email is unknown, so that a wrong email takes as long as
/// a wrong password and timing does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("a password nobody has, 4c6f6e67").unwrap_or_default());

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn verify_blocking(stored_hash: &str, password: &str) -> bool {
    PasswordHash::new(stored_hash)
        .and_then(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed))
        .is_ok()
}

/// Hashes a new password with argon2id and a random salt.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await?
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
}

/// Verifies a password against a stored hash, or against a dummy hash when
/// there is no account, so both cases cost the same.
pub async fn verify_password(
    stored_hash: Option<String>,
    password: String,
) -> Result<bool, AppError> {
    Ok(tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => verify_blocking(&hash, &password),
        None => {
            verify_blocking(&DUMMY_HASH, &password);
            false
        }
    })
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let hash = hash_password("correct horse 9".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password(Some(hash.clone()), "correct horse 9".into())
                .await
                .unwrap()
        );
        assert!(
            !verify_password(Some(hash), "wrong horse 9".into())
                .await
                .unwrap()
        );
        assert!(!verify_password(None, "anything".into()).await.unwrap());
    }
}
