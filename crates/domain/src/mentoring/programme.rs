//! A new mentoring programme as an organiser types it ([`ProgrammeForm`]): the
//! organisation it belongs to (one they manage), a title, an introduction and,
//! optionally, the address of its first coordinator (someone with an account).

use crate::input::{FieldError, MAX_LINE, line, required, text};
use crate::registration::Email;

/// The longest introduction.
pub const MAX_INTRO: usize = 2_000;

/// The programme form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgrammeForm {
    pub organisation: String,
    pub title: String,
    pub intro: String,
    pub coordinator: String,
}

/// A checked new programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProgramme {
    pub organisation_id: i64,
    pub title: String,
    pub intro: String,
    pub coordinator: Option<Email>,
}

impl ProgrammeForm {
    /// `organisations`: the ids of those the person manages.
    pub fn parse(&self, organisations: &[i64]) -> Result<NewProgramme, Vec<FieldError>> {
        let mut errors = Vec::new();
        let organisation_id = self
            .organisation
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| organisations.contains(id));
        if organisation_id.is_none() {
            errors.push(FieldError::new(
                "organisation",
                "mentoring-error-organisation",
            ));
        }
        let title = required(
            "title",
            line(&self.title, MAX_LINE),
            "mentoring-error-title",
            &mut errors,
        );
        let intro = text(&self.intro, MAX_INTRO)
            .map_err(|m| errors.push(FieldError::new("intro", m)))
            .unwrap_or_default();
        let coordinator = match self.coordinator.trim() {
            "" => None,
            raw => {
                let email = Email::parse(raw);
                if email.is_none() {
                    errors.push(FieldError::new("coordinator", "error-email"));
                }
                email
            }
        };
        match organisation_id {
            Some(organisation_id) if errors.is_empty() => Ok(NewProgramme {
                organisation_id,
                title,
                intro,
                coordinator,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_belongs_to_an_organisation_one_manages() {
        let form = ProgrammeForm {
            organisation: "2".into(),
            title: " Meester en gezel ".into(),
            intro: "Leren in twee richtingen.".into(),
            coordinator: "Maud@Example.org".into(),
        };
        let new = form.parse(&[2]).unwrap();
        assert_eq!(new.title, "Meester en gezel");
        assert_eq!(new.coordinator.unwrap().key, "maud@example.org");
        let fields = |f: &ProgrammeForm, ids: &[i64]| {
            f.parse(ids)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(&form, &[3]),
            vec![("organisation".to_owned(), "mentoring-error-organisation")]
        );
        let empty = ProgrammeForm {
            coordinator: "geen adres".into(),
            ..ProgrammeForm::default()
        };
        assert_eq!(
            fields(&empty, &[2]),
            vec![
                ("organisation".to_owned(), "mentoring-error-organisation"),
                ("title".to_owned(), "mentoring-error-title"),
                ("coordinator".to_owned(), "error-email"),
            ]
        );
        let plain = ProgrammeForm {
            coordinator: String::new(),
            ..form
        };
        assert_eq!(plain.parse(&[2]).unwrap().coordinator, None);
    }
}
