//! Registers as data: a professional register (Register Sociaal Werker, SKJ, …)
//! with its period, the format of its registration numbers and its categories with
//! minimum and maximum points. Numbers a register does not publish are marked
//! "controleer in het reglement" rather than guessed.

use serde::Serialize;

use crate::input::FieldError;

/// A register as configured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Register {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Who keeps it ("Registerplein").
    pub keeper: String,
    pub period_years: u32,
    pub number: NumberFormat,
    pub categories: Vec<Category>,
}

/// A category of a register, with its points over the register's period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Whole points; `None` where the register does not publish it.
    pub minimum_points: Option<u32>,
    pub maximum_points: Option<u32>,
    /// "Controleer in het reglement": a number here was not published.
    pub to_check: bool,
}

/// The shape of a register's registration numbers: digits only, starting with
/// `prefix`, `digits` long in all (`None`: from the prefix plus one digit up to
/// [`MAX_DIGITS`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NumberFormat {
    pub prefix: String,
    pub digits: Option<u32>,
    /// The format is not published in full: "controleer in het reglement".
    pub to_check: bool,
}

/// The longest registration number taken when a register gives no length.
pub const MAX_DIGITS: usize = 15;

impl NumberFormat {
    /// A registration number as typed ("4610 123 456" or "4610123456"): spaces and
    /// dots left out, then checked. The error names the field `field`.
    pub fn parse(&self, field: &str, raw: &str) -> Result<String, FieldError> {
        let number: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
            .collect();
        let error = |message| Err(FieldError::new(field, message));
        if number.is_empty() {
            return error("learning-error-number-missing");
        }
        if !number.chars().all(|c| c.is_ascii_digit()) {
            return error("learning-error-number-digits");
        }
        if !number.starts_with(&self.prefix) {
            return error("learning-error-number-prefix");
        }
        let fits = match self.digits {
            Some(digits) => number.len() == digits as usize,
            None => number.len() > self.prefix.len().max(3) && number.len() <= MAX_DIGITS,
        };
        if !fits {
            return error("learning-error-number-length");
        }
        Ok(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registerplein() -> NumberFormat {
        NumberFormat {
            prefix: "4610".into(),
            digits: None,
            to_check: true,
        }
    }

    #[test]
    fn a_registerplein_number_starts_with_4610() {
        let format = registerplein();
        assert_eq!(
            format.parse("number", "4610123456"),
            Ok("4610123456".into())
        );
        assert_eq!(
            format.parse("number", " 4610 123.456 "),
            Ok("4610123456".into())
        );
        let message = |raw| format.parse("number", raw).unwrap_err().message;
        assert_eq!(message("1234567890"), "learning-error-number-prefix");
        assert_eq!(message("4610"), "learning-error-number-length");
        assert_eq!(message("4610ABC"), "learning-error-number-digits");
        assert_eq!(message("   "), "learning-error-number-missing");
        assert_eq!(message("4610123456789012"), "learning-error-number-length");
        assert_eq!(
            format.parse("r1_number", "x").unwrap_err().field,
            "r1_number"
        );
    }

    #[test]
    fn a_fixed_length_is_held_to() {
        let format = NumberFormat {
            prefix: String::new(),
            digits: Some(9),
            to_check: false,
        };
        assert!(format.parse("n", "123456789").is_ok());
        assert_eq!(
            format.parse("n", "12345678").unwrap_err().message,
            "learning-error-number-length"
        );
        // Without a prefix, at least four digits.
        let free = NumberFormat::default();
        assert!(free.parse("n", "123").is_err());
        assert!(free.parse("n", "1234").is_ok());
    }
}
