//! The organiser's accreditation form and a professional's registration number,
//! checked: Dutch messages at their fields ([`FieldError`]), nothing half-taken.

use super::Points;
use super::register::Register;
use crate::input::{FieldError, line};

/// The longest accreditation ID number.
pub const MAX_ID_NUMBER: usize = 40;

/// The accreditation form as typed. The category (a select of every register's
/// categories) names the register too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccreditationInput {
    pub category: String,
    pub id_number: String,
    /// Empty: computed from the program.
    pub points: String,
    pub per_session: bool,
    /// Per session of the activity, in order (fields `s{session id}_id_number`,
    /// `s{session id}_points`).
    pub sessions: Vec<SessionInput>,
}

/// One session's row of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub session_id: i64,
    pub id_number: String,
    pub points: String,
}

/// A checked accreditation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAccreditation {
    pub register_id: i64,
    pub category_id: i64,
    pub id_number: String,
    pub points: Option<Points>,
    pub per_session: bool,
    /// `(session id, ID number, points set by hand)`; empty unless per session.
    pub sessions: Vec<(i64, String, Option<Points>)>,
}

fn id_number(raw: &str) -> Result<String, &'static str> {
    let value = line(raw, MAX_ID_NUMBER)?;
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ' '))
    {
        Ok(value)
    } else {
        Err("learning-error-id-number")
    }
}

fn points(raw: &str) -> Result<Option<Points>, &'static str> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Points::parse(raw).map(Some)
    }
}

/// Checks the accreditation form against the configured registers.
pub fn validate_accreditation(
    input: &AccreditationInput,
    registers: &[Register],
) -> Result<ValidAccreditation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let found = input.category.trim().parse::<i64>().ok().and_then(|id| {
        registers.iter().find_map(|r| {
            r.categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| (r.id, c.id))
        })
    });
    if found.is_none() {
        errors.push(FieldError::new("category", "learning-error-category"));
    }
    let id = id_number(&input.id_number).unwrap_or_else(|message| {
        errors.push(FieldError::new("id_number", message));
        String::new()
    });
    let hand = points(&input.points).unwrap_or_else(|message| {
        errors.push(FieldError::new("points", message));
        None
    });
    let mut sessions = Vec::new();
    if input.per_session {
        for row in &input.sessions {
            let field = |name: &str| format!("s{}_{name}", row.session_id);
            let number = match id_number(&row.id_number) {
                Ok(number) => number,
                Err(message) => {
                    errors.push(FieldError::new(field("id_number"), message));
                    continue;
                }
            };
            let session_points = points(&row.points).unwrap_or_else(|message| {
                errors.push(FieldError::new(field("points"), message));
                None
            });
            if number.is_empty() {
                if session_points.is_some() {
                    errors.push(FieldError::new(
                        field("id_number"),
                        "learning-error-session-id-missing",
                    ));
                }
                continue;
            }
            sessions.push((row.session_id, number, session_points));
        }
        if sessions.is_empty() && !errors.iter().any(|e| e.field.starts_with('s')) {
            errors.push(FieldError::new(
                "per_session",
                "learning-error-per-session-empty",
            ));
        }
    } else if id.is_empty() && !errors.iter().any(|e| e.field == "id_number") {
        errors.push(FieldError::new("id_number", "learning-error-id-missing"));
    }
    match (found, errors.is_empty()) {
        (Some((register_id, category_id)), true) => Ok(ValidAccreditation {
            register_id,
            category_id,
            id_number: if input.per_session { String::new() } else { id },
            points: if input.per_session { None } else { hand },
            per_session: input.per_session,
            sessions,
        }),
        _ => Err(errors),
    }
}

/// A professional's register and registration number, checked against the
/// register's number format. Fields `register` and `number`.
pub fn validate_account_register(
    register: &str,
    number: &str,
    registers: &[Register],
) -> Result<(i64, String), Vec<FieldError>> {
    let Some(found) = registers
        .iter()
        .find(|r| register.trim().parse::<i64>().is_ok_and(|id| id == r.id))
    else {
        let mut errors = vec![FieldError::new("register", "learning-error-register")];
        if number.trim().is_empty() {
            errors.push(FieldError::new("number", "learning-error-number-missing"));
        }
        return Err(errors);
    };
    found
        .number
        .parse("number", number)
        .map(|n| (found.id, n))
        .map_err(|e| vec![e])
}

#[cfg(test)]
mod tests {
    use super::super::register::{Category, NumberFormat};
    use super::*;

    fn registers() -> Vec<Register> {
        vec![Register {
            id: 1,
            slug: "register-sociaal-werker".into(),
            name: "Register Sociaal Werker".into(),
            keeper: "Registerplein".into(),
            period_years: 5,
            number: NumberFormat {
                prefix: "4610".into(),
                digits: None,
                to_check: true,
            },
            categories: vec![Category {
                id: 7,
                slug: "reflectie".into(),
                name: "Reflectie".into(),
                minimum_points: None,
                maximum_points: None,
                to_check: true,
            }],
        }]
    }

    fn fields(result: Result<ValidAccreditation, Vec<FieldError>>) -> Vec<(String, &'static str)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn a_whole_accreditation_needs_a_category_and_an_id_number() {
        let input = AccreditationInput {
            category: "7".into(),
            id_number: " 2026-0041 ".into(),
            points: "2,5".into(),
            ..Default::default()
        };
        let valid = validate_accreditation(&input, &registers()).unwrap();
        assert_eq!((valid.register_id, valid.category_id), (1, 7));
        assert_eq!(valid.id_number, "2026-0041");
        assert_eq!(valid.points, Some(Points(5)));
        let automatic = AccreditationInput {
            points: String::new(),
            ..input.clone()
        };
        assert_eq!(
            validate_accreditation(&automatic, &registers())
                .unwrap()
                .points,
            None
        );
        let bad = AccreditationInput {
            category: "8".into(),
            id_number: String::new(),
            points: "2,25".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(validate_accreditation(&bad, &registers())),
            [
                ("category".into(), "learning-error-category"),
                ("points".into(), "learning-error-points-half"),
                ("id_number".into(), "learning-error-id-missing"),
            ]
        );
        let odd = AccreditationInput {
            id_number: "<script>".into(),
            ..input
        };
        assert_eq!(
            fields(validate_accreditation(&odd, &registers())),
            [("id_number".into(), "learning-error-id-number")]
        );
    }

    #[test]
    fn per_session_takes_the_sessions_with_an_id_number() {
        let input = AccreditationInput {
            category: "7".into(),
            per_session: true,
            sessions: vec![
                SessionInput {
                    session_id: 10,
                    id_number: "A-1".into(),
                    points: String::new(),
                },
                SessionInput {
                    session_id: 11,
                    id_number: String::new(),
                    points: String::new(),
                },
                SessionInput {
                    session_id: 12,
                    id_number: "A-3".into(),
                    points: "3".into(),
                },
            ],
            ..Default::default()
        };
        let valid = validate_accreditation(&input, &registers()).unwrap();
        assert_eq!(
            valid.sessions,
            [
                (10, "A-1".into(), None),
                (12, "A-3".into(), Some(Points(6)))
            ]
        );
        assert_eq!(valid.id_number, "");
        let mut none = input.clone();
        for s in &mut none.sessions {
            s.id_number.clear();
            s.points.clear();
        }
        assert_eq!(
            fields(validate_accreditation(&none, &registers())),
            [("per_session".into(), "learning-error-per-session-empty")]
        );
        let mut points_without_id = input;
        points_without_id.sessions[1].points = "2".into();
        assert_eq!(
            fields(validate_accreditation(&points_without_id, &registers())),
            [("s11_id_number".into(), "learning-error-session-id-missing")]
        );
    }

    #[test]
    fn a_registration_number_is_checked_against_its_register() {
        assert_eq!(
            validate_account_register("1", "4610 123 456", &registers()),
            Ok((1, "4610123456".into()))
        );
        let errors = validate_account_register("1", "1234567", &registers()).unwrap_err();
        assert_eq!(errors[0].field, "number");
        assert_eq!(errors[0].message, "learning-error-number-prefix");
        let errors = validate_account_register("9", "", &registers()).unwrap_err();
        assert_eq!(errors.len(), 2);
    }
}
