//! A new mentoring programme as an organiser types it ([`ProgrammeForm`]): the
//! organisation it belongs to (one they manage), a title, an introduction,
//! optionally the activity it belongs to (one of that organisation's, such as the
//! café "De meester-gezel relatie", [`linked_activity`]) and the address of its
//! first coordinator (someone with an account).

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
    /// The linked activity's id, or empty for none.
    pub activity: String,
    pub coordinator: String,
}

/// A checked new programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProgramme {
    pub organisation_id: i64,
    pub title: String,
    pub intro: String,
    pub activity_id: Option<i64>,
    pub coordinator: Option<Email>,
}

/// The activity a programme is linked to, from the select's value: `Ok(None)` when
/// none is chosen; the error key when it is not one of `activities` of
/// `organisation_id` ((activity id, organisation id): the choices offered).
pub fn linked_activity(
    raw: &str,
    organisation_id: Option<i64>,
    activities: &[(i64, i64)],
) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| {
            activities
                .iter()
                .any(|(a, o)| a == id && Some(*o) == organisation_id)
        })
        .map(Some)
        .ok_or("mentoring-error-activity")
}

impl ProgrammeForm {
    /// `organisations`: the ids of those the person manages; `activities`: the
    /// activities offered, with their organisation ((activity id, organisation id)).
    pub fn parse(
        &self,
        organisations: &[i64],
        activities: &[(i64, i64)],
    ) -> Result<NewProgramme, Vec<FieldError>> {
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
        // Checked against the chosen organisation only once that one is right.
        let activity_id = match organisation_id {
            Some(_) => linked_activity(&self.activity, organisation_id, activities)
                .map_err(|m| errors.push(FieldError::new("activity", m)))
                .unwrap_or_default(),
            None => None,
        };
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
                activity_id,
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
            activity: String::new(),
            coordinator: "Maud@Example.org".into(),
        };
        let new = form.parse(&[2], &[]).unwrap();
        assert_eq!(new.activity_id, None);
        assert_eq!(new.title, "Meester en gezel");
        assert_eq!(new.coordinator.unwrap().key, "maud@example.org");
        let fields = |f: &ProgrammeForm, ids: &[i64]| {
            f.parse(ids, &[(7, 2), (8, 3)])
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
        assert_eq!(plain.parse(&[2], &[]).unwrap().coordinator, None);
        // The café of the chosen organisation; another organisation's activity or
        // one not offered is refused at the field.
        let linked = |activity: &str| ProgrammeForm {
            activity: activity.into(),
            ..plain.clone()
        };
        assert_eq!(
            linked(" 7 ")
                .parse(&[2, 3], &[(7, 2), (8, 3)])
                .unwrap()
                .activity_id,
            Some(7)
        );
        for wrong in ["8", "9", "café"] {
            assert_eq!(
                fields(&linked(wrong), &[2, 3]),
                vec![("activity".to_owned(), "mentoring-error-activity")],
                "{wrong}"
            );
        }
        assert_eq!(linked_activity("", Some(2), &[]), Ok(None));
        assert_eq!(
            linked_activity("7", None, &[(7, 2)]),
            Err("mentoring-error-activity")
        );
    }
}
