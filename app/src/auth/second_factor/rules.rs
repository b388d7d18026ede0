//! The second factor's rules: authenticator codes (RFC 6238 with HMAC-SHA-1,
//! six digits and 30-second steps, as every authenticator app makes them,
//! taking one step of clock drift either way) and one-time recovery codes.

/// The name an authenticator app shows above the account.
pub const ISSUER: &str = "Hirewell";
/// Recovery codes given when the authenticator is set up.
pub const RECOVERY_CODES: usize = 10;
/// How long after the password the second step may be taken.
const SECOND_STEP_SECONDS: i64 = 10 * 60;

/// Whether the second step may still be taken, `started_at` being when the
/// password was accepted (Unix seconds, as `now`).
pub fn second_step_open(started_at: i64, now: i64) -> bool {
    (0..=SECOND_STEP_SECONDS).contains(&(now - started_at))
}

/// What an authenticator code turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, for this time step (to be taken once).
    Accepted {
        step: i64,
    },
    /// Right, but for a step already used: a code works once.
    Reused,
    Wrong,
}

/// Whether an entry is an authenticator code (six digits, spaces allowed)
/// rather than a recovery code.
pub fn is_authenticator_code(entry: &str) -> bool {
    let digits: Vec<char> = entry.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.iter().all(char::is_ascii_digit)
}

/// A recovery code as stored: lower case, without the spaces and dashes it
/// may be typed with.
pub fn normalize_recovery_code(entry: &str) -> String {
    entry
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The key as an authenticator app takes it by hand: base32 in groups of
/// four.
pub fn readable_key(base32: &str) -> String {
    base32
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod session_tests {
    use super::*;

    #[test]
    fn the_second_step_is_open_for_ten_minutes() {
        assert!(second_step_open(1_000, 1_000));
        assert!(second_step_open(1_000, 1_600));
        assert!(!second_step_open(1_000, 1_601));
        // A session from before this rule has no start: closed.
        assert!(!second_step_open(0, 1_000_000));
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use totp_rs::{Algorithm, Builder, Secret, Totp};

    /// Letters and digits that cannot be read as one another (no 0/o, 1/l/i).
    const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

    /// A recovery code as shown: ten characters (about 50 bits) in two groups.
    fn format_recovery_code(chars: &[u8]) -> String {
        let (first, second) = chars.split_at(chars.len() / 2);
        format!(
            "{}-{}",
            String::from_utf8_lossy(first),
            String::from_utf8_lossy(second)
        )
    }

    /// The authenticator for a secret (at least 16 bytes) and account.
    fn authenticator(secret: &[u8], account: &str) -> Option<Totp> {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(6)
            .with_skew(1)
            .with_step_duration(30)
            .with_secret(secret.to_vec())
            .with_account_name(account)
            .with_issuer(Some(ISSUER))
            .build()
            .ok()
    }

    /// The code an authenticator shows at `unix_time`.
    pub fn code_at(secret: &[u8], unix_time: u64) -> Option<String> {
        authenticator(secret, "code").map(|totp| totp.generate(unix_time).to_string())
    }

    /// Checks an entered code at `unix_time`; a code of a step up to the
    /// last one used is refused as used (RFC 6238, section 5.2).
    pub fn check_code(
        secret: &[u8],
        entry: &str,
        unix_time: u64,
        last_used_step: Option<i64>,
    ) -> CodeCheck {
        let entry: String = entry.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(step) = authenticator(secret, "code")
            .and_then(|totp| totp.check(&entry, unix_time))
            .and_then(|step| i64::try_from(step).ok())
        else {
            return CodeCheck::Wrong;
        };
        if last_used_step.is_some_and(|last| step <= last) {
            CodeCheck::Reused
        } else {
            CodeCheck::Accepted { step }
        }
    }

    /// A new random secret of 160 bits (RFC 4226's recommendation).
    pub fn new_secret() -> Vec<u8> {
        use rand::RngCore;
        let mut secret = vec![0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        secret
    }

    /// The secret in base32, as authenticator apps take it.
    pub fn base32_key(secret: &[u8]) -> String {
        Secret::from(secret).to_base32()
    }

    /// The secret from its base32 form (for the published demo key).
    pub fn secret_from_base32(key: &str) -> Option<Vec<u8>> {
        Secret::try_from_base32(key)
            .ok()
            .map(|secret| secret.as_bytes().to_vec())
    }

    /// The `otpauth://` address a QR code carries to the app.
    pub fn setup_uri(secret: &[u8], account: &str) -> Option<String> {
        authenticator(secret, account).and_then(|totp| totp.to_url().ok())
    }

    /// That address as a QR code in SVG, dark modules on white.
    pub fn qr_svg(uri: &str) -> Option<String> {
        use qrcode::render::svg;
        let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
        let document = code
            .render::<svg::Color<'_>>()
            .min_dimensions(192, 192)
            .quiet_zone(true)
            .build();
        // Inside a page, without the XML declaration.
        document
            .find("<svg")
            .map(|start| document[start..].to_string())
    }

    /// Fresh recovery codes, as shown to the administrator.
    pub fn new_recovery_codes() -> Vec<String> {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        (0..RECOVERY_CODES)
            .map(|_| {
                let chars: Vec<u8> = (0..10)
                    .map(|_| RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())])
                    .collect();
                format_recovery_code(&chars)
            })
            .collect()
    }

    /// What is kept of a recovery code.
    pub fn recovery_code_hash(entry: &str) -> Vec<u8> {
        crate::auth::rules::hash_token(&normalize_recovery_code(entry))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret. Its eight-digit codes end in
    /// the six digits an authenticator shows (the code is a remainder).
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        for (time, eight_digits) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(
                code_at(RFC_SECRET, time).as_deref(),
                Some(&eight_digits[2..]),
                "at {time}"
            );
        }
    }

    #[test]
    fn a_code_is_taken_within_one_step_of_drift_and_only_once() {
        let now = 1_234_567_890;
        let step = (now / 30) as i64;
        let code = code_at(RFC_SECRET, now).unwrap();
        assert_eq!(
            check_code(RFC_SECRET, &code, now, None),
            CodeCheck::Accepted { step }
        );
        // Typed with a space, as apps show it.
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(
            check_code(RFC_SECRET, &spaced, now + 30, Some(step - 1)),
            CodeCheck::Accepted { step }
        );
        assert_eq!(
            check_code(RFC_SECRET, &code, now - 30, None),
            CodeCheck::Accepted { step }
        );
        assert_eq!(
            check_code(RFC_SECRET, &code, now + 61, None),
            CodeCheck::Wrong
        );
        assert_eq!(
            check_code(RFC_SECRET, &code, now, Some(step)),
            CodeCheck::Reused
        );
        // A code older than the last one used is refused as well.
        let older = code_at(RFC_SECRET, now - 30).unwrap();
        assert_eq!(
            check_code(RFC_SECRET, &older, now, Some(step)),
            CodeCheck::Reused
        );
        assert_eq!(
            check_code(RFC_SECRET, "000000x", now, None),
            CodeCheck::Wrong
        );
        assert_eq!(check_code(b"short", &code, now, None), CodeCheck::Wrong);
    }

    #[test]
    fn keys_and_setup_addresses() {
        let key = base32_key(RFC_SECRET);
        assert_eq!(key, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(secret_from_base32(&key).as_deref(), Some(RFC_SECRET));
        assert_eq!(readable_key("ABCDEFGHIJ"), "ABCD EFGH IJ");
        let uri = setup_uri(RFC_SECRET, "admin@example.com").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Hirewell:admin%40example.com?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={key}")), "{uri}");
        assert!(qr_svg(&uri).unwrap().starts_with("<svg"));
        assert_eq!(new_secret().len(), 20);
    }

    #[test]
    fn recovery_codes_are_distinct_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert!(!is_authenticator_code(code));
            assert_eq!(
                recovery_code_hash(code),
                recovery_code_hash(&format!(" {} ", code.to_uppercase().replace('-', " ")))
            );
        }
        assert!(is_authenticator_code("123 456"));
        assert!(!is_authenticator_code("12345"));
        assert!(!is_authenticator_code("12345a"));
    }
}
