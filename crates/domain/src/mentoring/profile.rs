//! A professional's mentoring profile as typed ([`ProfileForm`]) and checked
//! ([`Profile`]): role, themes from the shared themes, years in the field, region,
//! how they meet, what they offer and want to learn, how many pairs at most, and
//! whether they are open to requests now.

use crate::input::{FieldError, line, required, text};

use super::{Meeting, Role};

/// The longest "what I offer" and "what I want to learn".
pub const MAX_TEXT: usize = 2_000;
/// The most years in the field one can type.
pub const MAX_YEARS: u32 = 60;
/// The most pairs one person takes at once (mentor in one, mentee in another).
pub const MAX_PAIRS: u32 = 5;
/// The longest region name.
pub const MAX_REGION: usize = 80;
/// The most themes on one profile.
pub const MAX_THEMES: usize = 12;

/// The profile form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileForm {
    /// The name other participants see.
    pub name: String,
    pub role: String,
    pub themes: Vec<String>,
    pub years: String,
    pub region: String,
    pub meeting: String,
    pub offers: String,
    pub wants: String,
    pub max_pairs: String,
    /// Open to requests now (unticked: the profile rests, nobody can ask).
    pub open: bool,
}

/// A checked profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub role: Role,
    /// Theme ids, sorted, no duplicates.
    pub themes: Vec<i64>,
    pub years: u32,
    pub region: String,
    pub meeting: Meeting,
    pub offers: String,
    pub wants: String,
    pub max_pairs: u32,
    pub open: bool,
}

/// A whole number within `0..=max` ("22", " 3 "); `missing` when empty.
fn whole(
    raw: &str,
    max: u32,
    missing: &'static str,
    wrong: &'static str,
) -> Result<u32, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(missing);
    }
    if !value.bytes().all(|b| b.is_ascii_digit()) || value.len() > 4 {
        return Err(wrong);
    }
    match value.parse::<u32>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(wrong),
    }
}

impl ProfileForm {
    /// The checked profile, or every field's problem. `themes`: the ids of the
    /// shared themes one may choose from.
    pub fn parse(&self, themes: &[i64]) -> Result<Profile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required(
            "name",
            line(&self.name, crate::input::MAX_LINE),
            "mentoring-error-name",
            &mut errors,
        );
        let role = Role::parse(&self.role);
        if role.is_none() {
            errors.push(FieldError::new("role", "mentoring-error-role"));
        }
        let mut chosen = Vec::new();
        for raw in &self.themes {
            match raw.trim().parse::<i64>() {
                Ok(id) if themes.contains(&id) => chosen.push(id),
                _ => {
                    errors.push(FieldError::new("themes", "mentoring-error-theme"));
                    break;
                }
            }
        }
        chosen.sort_unstable();
        chosen.dedup();
        if chosen.is_empty() && !errors.iter().any(|e| e.field == "themes") {
            errors.push(FieldError::new("themes", "mentoring-error-themes-missing"));
        } else if chosen.len() > MAX_THEMES {
            errors.push(FieldError::new("themes", "mentoring-error-themes-many"));
        }
        let years = whole(
            &self.years,
            MAX_YEARS,
            "mentoring-error-years-missing",
            "mentoring-error-years",
        )
        .map_err(|m| errors.push(FieldError::new("years", m)))
        .unwrap_or(0);
        let region = required(
            "region",
            line(&self.region, MAX_REGION),
            "mentoring-error-region",
            &mut errors,
        );
        let meeting = Meeting::parse(&self.meeting);
        if meeting.is_none() {
            errors.push(FieldError::new("meeting", "mentoring-error-meeting"));
        }
        let offers = text(&self.offers, MAX_TEXT)
            .map_err(|m| errors.push(FieldError::new("offers", m)))
            .unwrap_or_default();
        let wants = text(&self.wants, MAX_TEXT)
            .map_err(|m| errors.push(FieldError::new("wants", m)))
            .unwrap_or_default();
        // Someone who offers says what; someone who asks says what they want to learn.
        if let Some(role) = role {
            if role.offers() && offers.is_empty() && !errors.iter().any(|e| e.field == "offers") {
                errors.push(FieldError::new("offers", "mentoring-error-offers"));
            }
            if role.asks() && wants.is_empty() && !errors.iter().any(|e| e.field == "wants") {
                errors.push(FieldError::new("wants", "mentoring-error-wants"));
            }
        }
        let max_pairs = whole(
            &self.max_pairs,
            MAX_PAIRS,
            "mentoring-error-pairs",
            "mentoring-error-pairs",
        )
        .and_then(|n| {
            if n == 0 {
                Err("mentoring-error-pairs")
            } else {
                Ok(n)
            }
        })
        .map_err(|m| errors.push(FieldError::new("max_pairs", m)))
        .unwrap_or(1);
        match (role, meeting) {
            (Some(role), Some(meeting)) if errors.is_empty() => Ok(Profile {
                name,
                role,
                themes: chosen,
                years,
                region,
                meeting,
                offers,
                wants,
                max_pairs,
                open: self.open,
            }),
            _ => Err(errors),
        }
    }
}

impl From<&Profile> for ProfileForm {
    fn from(p: &Profile) -> Self {
        Self {
            name: p.name.clone(),
            role: p.role.as_str().to_owned(),
            themes: p.themes.iter().map(i64::to_string).collect(),
            years: p.years.to_string(),
            region: p.region.clone(),
            meeting: p.meeting.as_str().to_owned(),
            offers: p.offers.clone(),
            wants: p.wants.clone(),
            max_pairs: p.max_pairs.to_string(),
            open: p.open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProfileForm {
        ProfileForm {
            name: "Anne de Vries".into(),
            role: "both".into(),
            themes: vec!["3".into(), "1".into(), "3".into()],
            years: "22".into(),
            region: " Utrecht ".into(),
            meeting: "either".into(),
            offers: "Groepsdynamica in de buurt".into(),
            wants: "Digitaal werken met bewoners".into(),
            max_pairs: "2".into(),
            open: true,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect()
    }

    #[test]
    fn a_filled_in_profile_reads_as_typed() {
        let p = form().parse(&[1, 2, 3]).unwrap();
        assert_eq!(p.role, Role::Both);
        assert_eq!(p.themes, vec![1, 3], "sorted, once each");
        assert_eq!(
            (p.years, p.region.as_str(), p.max_pairs),
            (22, "Utrecht", 2)
        );
        assert_eq!(ProfileForm::from(&p).parse(&[1, 2, 3]), Ok(p));
    }

    #[test]
    fn a_junior_may_offer_and_a_senior_may_ask() {
        let junior = ProfileForm {
            role: "mentor".into(),
            years: "0".into(),
            wants: String::new(),
            ..form()
        };
        assert_eq!(junior.parse(&[1, 3]).unwrap().years, 0);
        let senior = ProfileForm {
            role: "mentee".into(),
            years: "35".into(),
            offers: String::new(),
            ..form()
        };
        assert_eq!(senior.parse(&[1, 3]).unwrap().role, Role::Mentee);
    }

    #[test]
    fn every_wrong_field_says_what_to_do() {
        let wrong = ProfileForm {
            name: "\u{202E}Anne".into(),
            role: "senior".into(),
            themes: vec!["99".into()],
            years: "-3".into(),
            region: String::new(),
            meeting: "telepathy".into(),
            offers: "x".repeat(10_000),
            wants: String::new(),
            max_pairs: "0".into(),
            open: true,
        };
        assert_eq!(
            fields(&wrong.parse(&[1]).unwrap_err()),
            vec![
                ("name", "error-control-characters"),
                ("role", "mentoring-error-role"),
                ("themes", "mentoring-error-theme"),
                ("years", "mentoring-error-years"),
                ("region", "mentoring-error-region"),
                ("meeting", "mentoring-error-meeting"),
                ("offers", "error-too-long"),
                ("max_pairs", "mentoring-error-pairs"),
            ]
        );
        let empty = ProfileForm {
            themes: vec![],
            years: String::new(),
            offers: String::new(),
            wants: String::new(),
            max_pairs: "6".into(),
            ..form()
        };
        assert_eq!(
            fields(&empty.parse(&[1]).unwrap_err()),
            vec![
                ("themes", "mentoring-error-themes-missing"),
                ("years", "mentoring-error-years-missing"),
                ("offers", "mentoring-error-offers"),
                ("wants", "mentoring-error-wants"),
                ("max_pairs", "mentoring-error-pairs"),
            ]
        );
        let old = ProfileForm {
            years: "61".into(),
            ..form()
        };
        assert_eq!(
            fields(&old.parse(&[1, 3]).unwrap_err()),
            vec![("years", "mentoring-error-years")]
        );
    }
}
