//! Accounts: how long links and sessions last, when password sign-in locks, what a
//! password must be, who may do what, and where a sign-in may send the browser.
//! Plain rules; storage applies them.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};

/// A sign-in link works this long, once.
pub const SIGN_IN_LINK_VALID: Duration = Duration::minutes(30);
/// An invitation to become an organiser works this long, once.
pub const INVITATION_VALID: Duration = Duration::days(7);
/// A session ends this long after it was last used.
pub const SESSION_IDLE: Duration = Duration::days(14);
/// A session's last use is written at most this often (not on every request).
pub const SESSION_TOUCH: Duration = Duration::hours(1);
/// Wrong passwords in a row before password sign-in is locked …
pub const MAX_FAILED_PASSWORDS: u32 = 5;
/// … for this long. Sign-in by emailed link keeps working: it proves the mailbox.
pub const LOCKOUT: Duration = Duration::minutes(15);
/// Sign-in links one address may be sent within [`SIGN_IN_LINK_VALID`]; more would let
/// anyone flood someone's mailbox.
pub const MAX_OPEN_LINKS: i64 = 3;

/// Shortest and longest password. The upper bound keeps hashing cheap for attackers'
/// megabyte "passwords".
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_BYTES: usize = 256;

/// A password that meets the rules, not yet hashed.
pub struct Password(String);

/// Why a new password is refused (a message key each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Mismatch,
}

impl PasswordProblem {
    pub fn message(self) -> &'static str {
        match self {
            Self::TooShort => "password-too-short",
            Self::TooLong => "password-too-long",
            Self::Mismatch => "password-mismatch",
        }
    }
}

impl Password {
    /// A new password, typed twice.
    pub fn parse(password: &str, repeated: &str) -> Result<Self, PasswordProblem> {
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(PasswordProblem::TooLong);
        }
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if password != repeated {
            return Err(PasswordProblem::Mismatch);
        }
        Ok(Self(password.to_owned()))
    }

    /// Its argon2id hash as a PHC string (salt and parameters included), with
    /// `salt`: 16 random bytes from the caller (randomness is I/O).
    pub fn hash(&self, salt: [u8; 16]) -> String {
        let salt = SaltString::encode_b64(&salt).expect("16 bytes are a valid salt");
        hasher()
            .hash_password(self.0.as_bytes(), &salt)
            .expect("argon2id hashes any password within the length limit")
            .to_string()
    }
}

/// argon2id with OWASP's second recommended setting (19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Whether `password` matches the stored hash. `None` (no account or no password)
/// still costs one hash, so the answer time does not tell whether the account exists.
pub fn verify_password(stored: Option<&str>, password: &str) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    // A fixed salt will do: nothing can sign in with the dummy.
    let dummy = DUMMY.get_or_init(|| Password("not a real password".to_owned()).hash([7; 16]));
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (dummy.as_str(), false),
    };
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    hasher()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

/// Where password sign-in stands for an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    Open,
    LockedUntil(DateTime<Utc>),
}

/// Whether password sign-in is locked now.
pub fn lock_state(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Lock {
    match locked_until {
        Some(until) if until > now => Lock::LockedUntil(until),
        _ => Lock::Open,
    }
}

/// After a wrong password: the new count of failures in a row and, at the limit, the
/// lock (the count starts again after it).
pub fn after_failed_password(failed: u32, now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
    let failed = failed + 1;
    if failed >= MAX_FAILED_PASSWORDS {
        (0, Some(now + LOCKOUT))
    } else {
        (failed, None)
    }
}

/// When a session used now should be renewed: `Some(new expiry)` once its last
/// recorded use is older than [`SESSION_TOUCH`].
pub fn session_renewal(last_seen: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (now - last_seen >= SESSION_TOUCH).then_some(now + SESSION_IDLE)
}

/// A path on this site to return to after signing in; anything else (another host,
/// `//host`, a backslash trick, control characters) becomes the default.
pub fn local_path(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && raw.len() <= 512
        && !raw.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + minutes * 60, 0).unwrap()
    }

    #[test]
    fn passwords_need_twelve_characters_typed_twice() {
        assert_eq!(
            Password::parse("kort", "kort").err(),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(
            Password::parse("lang genoeg wachtwoord", "lang genoeg wachtwoorD").err(),
            Some(PasswordProblem::Mismatch)
        );
        let long = "x".repeat(MAX_PASSWORD_BYTES + 1);
        assert_eq!(
            Password::parse(&long, &long).err(),
            Some(PasswordProblem::TooLong)
        );
        // Twelve characters, not bytes: "ë" is two bytes.
        assert!(Password::parse("ëëëëëëëëëëëë", "ëëëëëëëëëëëë").is_ok());
        assert!(Password::parse("ëëëëëëëëëëë", "ëëëëëëëëëëë").is_err());
    }

    #[test]
    fn a_hashed_password_verifies_and_nothing_else_does() {
        let password = Password::parse("correct paard batterij", "correct paard batterij").unwrap();
        let hash = password.hash([1; 16]);
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert_ne!(hash, password.hash([2; 16]), "another salt, another hash");
        assert!(verify_password(Some(&hash), "correct paard batterij"));
        assert!(!verify_password(Some(&hash), "correct paard batterij "));
        assert!(!verify_password(None, "correct paard batterij"));
        assert!(!verify_password(Some("not a hash"), "x"));
    }

    #[test]
    fn five_wrong_passwords_lock_for_fifteen_minutes() {
        let mut failed = 0;
        for _ in 0..MAX_FAILED_PASSWORDS - 1 {
            let (next, lock) = after_failed_password(failed, at(0));
            assert_eq!(lock, None);
            failed = next;
        }
        let (next, lock) = after_failed_password(failed, at(0));
        assert_eq!((next, lock), (0, Some(at(15))));
        assert_eq!(lock_state(lock, at(14)), Lock::LockedUntil(at(15)));
        assert_eq!(lock_state(lock, at(15)), Lock::Open);
        assert_eq!(lock_state(None, at(0)), Lock::Open);
    }

    #[test]
    fn sessions_are_renewed_at_most_once_an_hour() {
        assert_eq!(session_renewal(at(0), at(59)), None);
        assert_eq!(session_renewal(at(0), at(60)), Some(at(60) + SESSION_IDLE));
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(local_path("/beheer").as_deref(), Some("/beheer"));
        assert_eq!(
            local_path("/beheer/o/x?tab=1").as_deref(),
            Some("/beheer/o/x?tab=1")
        );
        for bad in [
            "",
            "beheer",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/a\\b",
            "/a\nb",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
