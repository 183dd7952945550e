//! The server's secret key and what is derived from it: manage, sign-in, invitation,
//! check-in and CSRF tokens.
//!
//! A manage token is `HMAC(key, "manage" ‖ registration public id)`: 256 bits nobody
//! can guess without the key. The database keeps only its SHA-256, so a copy of the
//! database opens no registration; the outbox worker derives the token again when it
//! writes an email, so the token never has to be stored. The key comes from
//! `SAMENLEREN_SECRET` (every server sharing a database needs the same one) or from
//! `<data-dir>/secret.key`, created on first start.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The server's key. `Debug` never shows it.
#[derive(Clone)]
pub struct Secret {
    key: [u8; 32],
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system has a random source");
    bytes
}

/// `n` random bytes, base64url without padding.
pub fn random_token<const N: usize>() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<N>())
}

/// The SHA-256 of a token, in hex: what the database keeps.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `token` looks like one of ours (43 base64url characters), checked before
/// it is hashed and looked up.
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// How a personal API token starts, so people and secret scanners can tell it from
/// other strings.
pub const API_TOKEN_PREFIX: &str = "sl_";

/// A new personal API token: the prefix and 32 random bytes.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", random_token::<32>())
}

/// Whether `token` looks like a personal API token (checked before it is hashed).
pub fn is_api_token_shaped(token: &str) -> bool {
    token
        .strip_prefix(API_TOKEN_PREFIX)
        .is_some_and(is_token_shaped)
}

impl Secret {
    /// A key from a passphrase (hashed, so any length of at least 32 characters works).
    pub fn from_passphrase(passphrase: &str) -> anyhow::Result<Self> {
        anyhow::ensure!(
            passphrase.chars().count() >= 32,
            "SAMENLEREN_SECRET must be at least 32 characters"
        );
        Ok(Self {
            key: Sha256::digest(passphrase.as_bytes()).into(),
        })
    }

    /// `passphrase` when given, else the key file in `data_dir` (created when missing,
    /// readable by the owner only).
    pub fn load(passphrase: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        if let Some(passphrase) = passphrase.filter(|p| !p.trim().is_empty()) {
            return Self::from_passphrase(passphrase.trim());
        }
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("secret.key");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                let fresh = random_token::<32>();
                file.write_all(fresh.as_bytes())?;
                file.sync_all()?;
                Self::from_passphrase(&fresh)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let stored = std::fs::read_to_string(&path)?;
                Self::from_passphrase(stored.trim())
            }
            Err(e) => Err(anyhow::anyhow!("cannot create {}: {e}", path.display())),
        }
    }

    fn mac(&self, purpose: &str, input: &str) -> [u8; 32] {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(input.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The manage token of the registration with this public id.
    pub fn manage_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("manage", public_id))
    }

    /// The token of a one-time sign-in link with this public id.
    pub fn sign_in_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("sign-in", public_id))
    }

    /// The token of an emailed link that confirms a vote in a theme inventory (by
    /// the waiting ballot's public id).
    pub fn survey_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("survey", public_id))
    }

    /// The token of an invitation with this public id.
    pub fn invitation_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("invitation", public_id))
    }

    /// The token of an atelier member's private calendar feed (by the membership's
    /// public id): a secret address for their meetings.
    pub fn feed_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("meeting-feed", public_id))
    }

    /// Whether `submitted` is the feed token of this membership.
    pub fn feed_matches(&self, public_id: &str, submitted: &str) -> bool {
        same(&self.feed_token(public_id), submitted)
    }

    /// The token of a registration's check-in link (the QR code in its emails).
    pub fn check_in_token(&self, public_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac("check-in", public_id))
    }

    /// The path of a registration's check-in link (what its QR code says, after the
    /// base URL); `http::backoffice::check_in` serves it.
    pub fn check_in_path(&self, public_id: &str) -> String {
        format!(
            "/beheer/inchecken/{public_id}/{}",
            self.check_in_token(public_id)
        )
    }

    /// Whether `submitted` is the check-in token of this registration.
    pub fn check_in_matches(&self, public_id: &str, submitted: &str) -> bool {
        same(&self.check_in_token(public_id), submitted)
    }

    /// The CSRF token that goes with a browser's CSRF cookie (or any other binding,
    /// such as a manage token's hash).
    pub fn csrf_token(&self, binding: &str) -> String {
        URL_SAFE_NO_PAD.encode(&self.mac("csrf", binding)[..24])
    }

    /// Compares a submitted CSRF token with the expected one in constant time.
    pub fn csrf_matches(&self, binding: &str, submitted: &str) -> bool {
        same(&self.csrf_token(binding), submitted)
    }
}

/// Compares two tokens in constant time (for equal lengths).
pub fn same(expected: &str, submitted: &str) -> bool {
    expected.len() == submitted.len()
        && expected
            .bytes()
            .zip(submitted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_tokens_carry_their_prefix_and_are_never_alike() {
        let a = new_api_token();
        let b = new_api_token();
        assert_ne!(a, b);
        assert!(a.starts_with("sl_") && a.len() == 46, "{a}");
        assert!(is_api_token_shaped(&a));
        // A manage or session token is not an API token, nor a truncated one.
        assert!(!is_api_token_shaped(&random_token::<32>()));
        assert!(!is_api_token_shaped(&a[..45]));
        assert!(!is_api_token_shaped(&format!("{a}=")));
    }

    #[test]
    fn manage_tokens_are_long_stable_and_key_bound() {
        let a = Secret::from_passphrase(&"a".repeat(32)).unwrap();
        let b = Secret::from_passphrase(&"b".repeat(32)).unwrap();
        let token = a.manage_token("0b9e6c1e-1111-4000-8000-000000000000");
        assert!(is_token_shaped(&token), "{token}");
        assert_eq!(
            token,
            a.manage_token("0b9e6c1e-1111-4000-8000-000000000000")
        );
        assert_ne!(
            token,
            b.manage_token("0b9e6c1e-1111-4000-8000-000000000000")
        );
        assert_ne!(
            token,
            a.manage_token("0b9e6c1e-1111-4000-8000-000000000001")
        );
        assert_eq!(token_hash(&token).len(), 64);
        // Each purpose its own token: a manage link is no sign-in link.
        let id = "0b9e6c1e-1111-4000-8000-000000000000";
        let sign_in = a.sign_in_token(id);
        assert!(is_token_shaped(&sign_in));
        assert_ne!(sign_in, a.manage_token(id));
        assert_ne!(sign_in, a.invitation_token(id));
        let check_in = a.check_in_token(id);
        assert!(is_token_shaped(&check_in));
        assert_ne!(check_in, a.manage_token(id));
        assert!(a.check_in_matches(id, &check_in));
        assert!(!b.check_in_matches(id, &check_in));
        assert!(!a.check_in_matches("0b9e6c1e-1111-4000-8000-000000000001", &check_in));
        assert!(Secret::from_passphrase("short").is_err());
    }

    #[test]
    fn csrf_tokens_match_only_their_binding() {
        let s = Secret::from_passphrase(&"k".repeat(40)).unwrap();
        let token = s.csrf_token("cookie-1");
        assert!(s.csrf_matches("cookie-1", &token));
        assert!(!s.csrf_matches("cookie-2", &token));
        assert!(!s.csrf_matches("cookie-1", ""));
        assert!(!s.csrf_matches("cookie-1", &token[1..]));
    }

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Secret::load(None, dir.path()).unwrap();
        let second = Secret::load(None, dir.path()).unwrap();
        assert_eq!(first.manage_token("x"), second.manage_token("x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secret.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let env = Secret::load(Some(&"e".repeat(32)), dir.path()).unwrap();
        assert_ne!(env.manage_token("x"), first.manage_token("x"));
    }
}
