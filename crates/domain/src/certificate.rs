//! Certificates of attendance: the rule for revoking one (a reason is required, as
//! plain text of at most [`REASON_MAX`] characters).

use crate::input::text;

/// The longest reason for revoking a certificate.
pub const REASON_MAX: usize = 500;

/// The organiser's reason for revoking, or the message key of what is wrong with it.
pub fn revoke_reason(raw: &str) -> Result<String, &'static str> {
    match text(raw, REASON_MAX) {
        Ok(reason) if reason.is_empty() => Err("certificates-reason-missing"),
        Ok(reason) => Ok(reason),
        Err("error-too-long") => Err("certificates-reason-too-long"),
        Err(key) => Err(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_plain_and_not_too_long() {
        assert_eq!(
            revoke_reason("  Niet de hele middag aanwezig. "),
            Ok("Niet de hele middag aanwezig.".to_owned())
        );
        assert_eq!(revoke_reason("   "), Err("certificates-reason-missing"));
        assert_eq!(
            revoke_reason(&"x".repeat(REASON_MAX + 1)),
            Err("certificates-reason-too-long")
        );
        assert!(revoke_reason(&"x".repeat(REASON_MAX)).is_ok());
        assert_eq!(
            revoke_reason("Jan\u{202E}nav"),
            Err("error-control-characters")
        );
    }
}
