//! Registration rules: what a form must hold, where a new registration goes
//! (confirmed, waitlisted or refused), the registration window, and what happens to
//! the first waitlisted person when a place frees up. Plain Rust without I/O; storage
//! applies these decisions under the activity's row lock.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::input::{FieldError, MAX_LINE, line, text};

/// The longest answer to an open question.
pub const MAX_ANSWER: usize = 2000;
/// The longest email address (RFC 5321 path limit).
pub const MAX_EMAIL: usize = 254;
/// The role value for "my function is not in the list".
pub const OTHER_ROLE: &str = "anders";

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationState {
    /// Has a place.
    Confirmed,
    /// Waits for a place, at a position 1..n.
    Waitlisted,
    /// A place is held for this person until the offer expires.
    Offered,
    Cancelled,
    Attended,
    NoShow,
}

impl RegistrationState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Offered => "offered",
            Self::Cancelled => "cancelled",
            Self::Attended => "attended",
            Self::NoShow => "no_show",
        }
    }

    pub const ALL: [Self; 6] = [
        Self::Confirmed,
        Self::Waitlisted,
        Self::Offered,
        Self::Cancelled,
        Self::Attended,
        Self::NoShow,
    ];

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Still ahead: the person may change their details or cancel. Cancelled,
    /// attended and no-show registrations are history.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Confirmed | Self::Waitlisted | Self::Offered)
    }

    /// Whether this registration takes one of the activity's places.
    pub fn holds_place(self) -> bool {
        matches!(
            self,
            Self::Confirmed | Self::Offered | Self::Attended | Self::NoShow
        )
    }
}

/// What happens to the first waitlisted person when a place frees up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promotion {
    /// Confirmed at once.
    Automatic,
    /// Offered the place for this many hours; it moves on when the offer expires.
    Offer { hours: u32 },
}

impl Promotion {
    pub fn from_parts(mode: &str, hours: u32) -> Self {
        match mode {
            "offer" => Self::Offer {
                hours: hours.max(1),
            },
            _ => Self::Automatic,
        }
    }

    /// The state the promoted person gets, and the offer's end.
    pub fn promote(self, now: DateTime<Utc>) -> (RegistrationState, Option<DateTime<Utc>>) {
        match self {
            Self::Automatic => (RegistrationState::Confirmed, None),
            Self::Offer { hours } => (
                RegistrationState::Offered,
                Some(now + Duration::hours(i64::from(hours))),
            ),
        }
    }
}

/// The counts a placement is decided on, read under the activity's row lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// `None`: no limit.
    pub capacity: Option<u32>,
    /// Places taken (confirmed, offered, attended, no-show).
    pub taken: u32,
    pub waitlisted: u32,
    pub waitlist_enabled: bool,
}

/// The places of an activity whose registrations cover all its sessions: its own
/// capacity, or fewer when a session has fewer (`None`: no limit).
pub fn capacity(activity: Option<u32>, smallest_session: Option<u32>) -> Option<u32> {
    match (activity, smallest_session) {
        (Some(a), Some(s)) => Some(a.min(s)),
        (a, s) => a.or(s),
    }
}

/// Where a new registration goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Confirmed,
    Waitlisted {
        position: u32,
    },
    /// No place and no waitlist: "Deze leerbijeenkomst zit vol."
    Full,
}

/// Confirmed while places are left (and nobody waits before you); then the end of the
/// waitlist when it is on; else full.
pub fn place(counts: Counts) -> Placement {
    let has_place = counts.capacity.is_none_or(|cap| counts.taken < cap);
    if has_place && counts.waitlisted == 0 {
        Placement::Confirmed
    } else if counts.waitlist_enabled {
        Placement::Waitlisted {
            position: counts.waitlisted + 1,
        }
    } else {
        // Also when a place is free but people wait (an offer is pending, or the
        // waitlist was switched off later): they keep their turn.
        Placement::Full
    }
}

/// Whether the activity became full with this change (worth a notice to the organiser).
pub fn became_full(capacity: Option<u32>, taken_before: u32, taken_after: u32) -> bool {
    capacity.is_some_and(|cap| taken_before < cap && taken_after >= cap)
}

/// When registering is possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// `None`: from publication.
    pub opens_at: Option<DateTime<Utc>>,
    /// `None`: until the first session starts.
    pub closes_at: Option<DateTime<Utc>>,
    pub first_session_start: Option<DateTime<Utc>>,
}

/// The window compared to now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowState {
    NotYetOpen { opens_at: DateTime<Utc> },
    Open,
    Closed,
}

impl Window {
    /// The moment registration closes: the set time, else the first session's start.
    pub fn effective_close(&self) -> Option<DateTime<Utc>> {
        self.closes_at.or(self.first_session_start)
    }

    pub fn state(&self, now: DateTime<Utc>) -> WindowState {
        if let Some(opens_at) = self.opens_at.filter(|at| now < *at) {
            return WindowState::NotYetOpen { opens_at };
        }
        match self.effective_close() {
            Some(close) if now >= close => WindowState::Closed,
            _ => WindowState::Open,
        }
    }

    /// The next moment the window changes state after `now`, for page caches.
    pub fn next_change(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        [self.opens_at, self.effective_close()]
            .into_iter()
            .flatten()
            .filter(|at| *at > now)
            .min()
    }
}

/// The kind of an activity's own question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Text,
    Choice,
}

impl QuestionKind {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "text" => Some(Self::Text),
            "choice" => Some(Self::Choice),
            _ => None,
        }
    }
}

/// A question the activity asks in its form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// The choices of a `choice` question.
    pub options: Vec<String>,
}

/// What a person typed, as received (form or JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    /// Answers by question id.
    pub answers: Vec<(i64, String)>,
    pub privacy_consent: bool,
}

/// The editable part of a registration, after validation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    /// Answers by question id; unanswered optional questions are left out.
    pub answers: Vec<(i64, String)>,
}

/// A valid registration: its details and its email address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRegistration {
    pub email: Email,
    pub details: Details,
}

/// An email address as typed (trimmed) and its comparison key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub address: String,
    /// Lower-cased: `An@X.nl` and `an@x.nl` are one person.
    pub key: String,
}

impl Email {
    /// A pragmatic check: one `@`, a non-empty local part, a domain with a dot and
    /// without empty labels, no spaces, quotes, brackets or control characters.
    pub fn parse(raw: &str) -> Option<Self> {
        let address = raw.trim();
        if address.is_empty() || address.len() > MAX_EMAIL {
            return None;
        }
        let (local, domain) = address.split_once('@')?;
        let bad_char = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>' | '"' | '(' | ')' | ',' | ';' | ':' | '\\' | '[' | ']' | '@'
                )
        };
        // ASCII only: mail servers and our SMTP library do not all take
        // internationalised addresses, and an address that cannot be mailed would
        // leave a registration without its confirmation.
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.is_ascii()
            && !local.chars().any(bad_char)
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        (local_ok && domain_ok).then(|| Self {
            address: address.to_owned(),
            key: address.to_lowercase(),
        })
    }
}

/// The form field name of a question.
pub fn question_field(id: i64) -> String {
    format!("q-{id}")
}

/// Checks the editable details against the roles and regions on offer and the
/// activity's questions. Every problem is reported, not just the first.
pub fn validate_details(
    input: &RegistrationInput,
    roles: &[String],
    regions: &[&str],
    questions: &[Question],
    errors: &mut Vec<FieldError>,
) -> Option<Details> {
    let before = errors.len();
    fn field(
        errors: &mut Vec<FieldError>,
        name: &str,
        result: Result<String, &'static str>,
    ) -> String {
        result.unwrap_or_else(|message| {
            errors.push(FieldError::new(name, message));
            String::new()
        })
    }
    let name = field(errors, "name", line(&input.name, MAX_LINE));
    let organisation = field(errors, "organisation", line(&input.organisation, MAX_LINE));
    let role_other = field(errors, "role_other", line(&input.role_other, MAX_LINE));
    let region = field(errors, "region", line(&input.region, MAX_LINE));
    let role = input.role.trim().to_owned();
    let mut answers = Vec::new();
    for question in questions {
        let key = question_field(question.id);
        let raw = input
            .answers
            .iter()
            .find(|(id, _)| *id == question.id)
            .map_or("", |(_, v)| v.as_str());
        let value = match question.kind {
            QuestionKind::Text => field(errors, &key, text(raw, MAX_ANSWER)),
            QuestionKind::Choice => {
                let value = raw.trim();
                if value.is_empty() || question.options.iter().any(|o| o == value) {
                    value.to_owned()
                } else {
                    errors.push(FieldError::new(&key, "error-choice"));
                    String::new()
                }
            }
        };
        if value.is_empty() {
            if question.required && !errors.iter().any(|e| e.field == key) {
                errors.push(FieldError::new(&key, "error-required"));
            }
        } else {
            answers.push((question.id, value));
        }
    }
    if name.is_empty() && !errors.iter().any(|e| e.field == "name") {
        errors.push(FieldError::new("name", "error-name-required"));
    }
    if role.is_empty() {
        errors.push(FieldError::new("role", "error-role-required"));
    } else if role != OTHER_ROLE && !roles.contains(&role) {
        errors.push(FieldError::new("role", "error-choice"));
    }
    if !region.is_empty() && !regions.contains(&region.as_str()) {
        errors.push(FieldError::new("region", "error-choice"));
    }
    (errors.len() == before).then(|| Details {
        name,
        organisation,
        role: role.clone(),
        role_other: if role == OTHER_ROLE {
            role_other
        } else {
            String::new()
        },
        region,
        answers,
    })
}

/// Checks a whole registration: the details, the email address and the consent.
pub fn validate(
    input: &RegistrationInput,
    roles: &[String],
    regions: &[&str],
    questions: &[Question],
) -> Result<ValidRegistration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = Email::parse(&input.email);
    if email.is_none() {
        let message = if input.email.trim().is_empty() {
            "error-email-required"
        } else {
            "error-email"
        };
        errors.push(FieldError::new("email", message));
    }
    let details = validate_details(input, roles, regions, questions, &mut errors);
    if !input.privacy_consent {
        errors.push(FieldError::new("privacy_consent", "error-consent"));
    }
    // Fields in the order the form shows them, so the summary reads top to bottom.
    let order = |field: &str| match field {
        "name" => 0,
        "email" => 1,
        "organisation" => 2,
        "role" => 3,
        "role_other" => 4,
        "region" => 5,
        "privacy_consent" => 1000,
        _ => 10,
    };
    errors.sort_by_key(|e| order(&e.field));
    match (email, details) {
        (Some(email), Some(details)) if errors.is_empty() => {
            Ok(ValidRegistration { email, details })
        }
        _ => Err(errors),
    }
}

/// The Dutch provinces, offered as regions in the form (plus "Landelijk").
pub const REGIONS: [&str; 13] = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
    "Landelijk",
];

#[cfg(test)]
mod tests {

    #[test]
    fn only_registrations_still_ahead_are_open() {
        let open: Vec<_> = RegistrationState::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(
            open,
            [
                RegistrationState::Confirmed,
                RegistrationState::Waitlisted,
                RegistrationState::Offered
            ]
        );
    }

    #[test]
    fn a_smaller_session_limits_the_places() {
        assert_eq!(capacity(Some(30), Some(25)), Some(25));
        assert_eq!(capacity(Some(20), Some(25)), Some(20));
        assert_eq!(capacity(None, Some(12)), Some(12));
        assert_eq!(capacity(Some(12), None), Some(12));
        assert_eq!(capacity(None, None), None);
    }

    use super::*;
    use chrono::TimeZone;

    fn counts(capacity: Option<u32>, taken: u32, waitlisted: u32, waitlist: bool) -> Counts {
        Counts {
            capacity,
            taken,
            waitlisted,
            waitlist_enabled: waitlist,
        }
    }

    #[test]
    fn confirmed_while_places_are_left_then_waitlisted_in_order() {
        assert_eq!(place(counts(Some(2), 0, 0, true)), Placement::Confirmed);
        assert_eq!(place(counts(Some(2), 1, 0, true)), Placement::Confirmed);
        assert_eq!(
            place(counts(Some(2), 2, 0, true)),
            Placement::Waitlisted { position: 1 }
        );
        assert_eq!(
            place(counts(Some(2), 2, 7, true)),
            Placement::Waitlisted { position: 8 }
        );
        assert_eq!(place(counts(None, 500, 0, false)), Placement::Confirmed);
    }

    #[test]
    fn full_without_waitlist_and_nobody_jumps_the_queue() {
        assert_eq!(place(counts(Some(60), 60, 0, false)), Placement::Full);
        // An offer is pending (a place is free but held) and people wait: a newcomer
        // goes behind them.
        assert_eq!(
            place(counts(Some(3), 2, 1, true)),
            Placement::Waitlisted { position: 2 }
        );
        assert_eq!(place(counts(Some(3), 2, 1, false)), Placement::Full);
        assert_eq!(place(counts(Some(0), 0, 0, false)), Placement::Full);
    }

    #[test]
    fn became_full_only_on_the_transition() {
        assert!(became_full(Some(3), 2, 3));
        assert!(!became_full(Some(3), 3, 3));
        assert!(!became_full(Some(3), 1, 2));
        assert!(!became_full(None, 1, 2));
    }

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).unwrap()
    }

    #[test]
    fn window_opens_and_closes_at_the_first_start_by_default() {
        let window = Window {
            opens_at: Some(at(9)),
            closes_at: None,
            first_session_start: Some(at(13)),
        };
        assert_eq!(
            window.state(at(8)),
            WindowState::NotYetOpen { opens_at: at(9) }
        );
        assert_eq!(window.state(at(9)), WindowState::Open);
        assert_eq!(window.state(at(12)), WindowState::Open);
        assert_eq!(window.state(at(13)), WindowState::Closed);
        assert_eq!(window.next_change(at(8)), Some(at(9)));
        assert_eq!(window.next_change(at(10)), Some(at(13)));
        assert_eq!(window.next_change(at(14)), None);
        let set = Window {
            closes_at: Some(at(11)),
            ..window
        };
        assert_eq!(set.state(at(12)), WindowState::Closed);
        let open = Window {
            opens_at: None,
            closes_at: None,
            first_session_start: None,
        };
        assert_eq!(open.state(at(23)), WindowState::Open);
    }

    #[test]
    fn promotion_confirms_or_offers_for_n_hours() {
        assert_eq!(
            Promotion::Automatic.promote(at(10)),
            (RegistrationState::Confirmed, None)
        );
        let (state, until) = Promotion::from_parts("offer", 48).promote(at(10));
        assert_eq!(state, RegistrationState::Offered);
        assert_eq!(until, Some(at(10) + Duration::hours(48)));
        assert_eq!(Promotion::from_parts("something", 5), Promotion::Automatic);
    }

    #[test]
    fn states_round_trip_and_know_whether_they_hold_a_place() {
        for state in [
            RegistrationState::Confirmed,
            RegistrationState::Waitlisted,
            RegistrationState::Offered,
            RegistrationState::Cancelled,
            RegistrationState::Attended,
            RegistrationState::NoShow,
        ] {
            assert_eq!(RegistrationState::parse(state.as_str()), Some(state));
        }
        assert!(RegistrationState::Offered.holds_place());
        assert!(!RegistrationState::Waitlisted.holds_place());
        assert!(!RegistrationState::Cancelled.holds_place());
    }

    #[test]
    fn emails_are_checked_and_keyed_case_insensitively() {
        let email = Email::parse("  An.de-Vries@Buurtwerk.NL ").unwrap();
        assert_eq!(email.address, "An.de-Vries@Buurtwerk.NL");
        assert_eq!(email.key, "an.de-vries@buurtwerk.nl");
        for bad in [
            "",
            "an",
            "an@",
            "@x.nl",
            "an@x",
            "an@@x.nl",
            "an de@x.nl",
            "an@x..nl",
            "an@-x.nl",
            "<script>@x.nl",
            "an@x.nl\n",
            "an\u{0}@x.nl",
            ".an@x.nl",
            "an@bürgerhaus.de",
            "zoë@x.nl",
        ] {
            // Trailing whitespace is trimmed, so "an@x.nl\n" is fine; test the rest.
            if bad == "an@x.nl\n" {
                assert!(Email::parse(bad).is_some());
                continue;
            }
            assert!(Email::parse(bad).is_none(), "{bad:?} should be refused");
        }
        assert!(Email::parse(&format!("{}@x.nl", "a".repeat(65))).is_none());
    }

    fn questions() -> Vec<Question> {
        vec![
            Question {
                id: 7,
                kind: QuestionKind::Choice,
                label: "Ronde".into(),
                help: String::new(),
                required: true,
                options: vec!["Ronde 1".into(), "Ronde 2".into()],
            },
            Question {
                id: 8,
                kind: QuestionKind::Text,
                label: "Dieetwensen".into(),
                help: String::new(),
                required: false,
                options: Vec::new(),
            },
        ]
    }

    fn input() -> RegistrationInput {
        RegistrationInput {
            name: " Fatima el Amrani ".into(),
            email: "fatima@buurtwerk.nl".into(),
            organisation: "Buurtwerk".into(),
            role: "opbouwwerker".into(),
            role_other: "ignored".into(),
            region: "Flevoland".into(),
            answers: vec![(7, "Ronde 2".into()), (8, "".into())],
            privacy_consent: true,
        }
    }

    fn roles() -> Vec<String> {
        vec!["opbouwwerker".into(), "beleidsmaker".into()]
    }

    #[test]
    fn a_good_form_validates_and_drops_what_does_not_apply() {
        let valid = validate(&input(), &roles(), &REGIONS, &questions()).unwrap();
        assert_eq!(valid.details.name, "Fatima el Amrani");
        assert_eq!(valid.details.role_other, "", "only kept for 'anders'");
        assert_eq!(valid.details.answers, vec![(7, "Ronde 2".to_owned())]);
        let other = RegistrationInput {
            role: OTHER_ROLE.into(),
            role_other: "Buurtconciërge".into(),
            region: String::new(),
            ..input()
        };
        let valid = validate(&other, &roles(), &REGIONS, &questions()).unwrap();
        assert_eq!(valid.details.role_other, "Buurtconciërge");
        assert_eq!(valid.details.region, "");
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let bad = RegistrationInput {
            name: "   ".into(),
            email: "not-an-address".into(),
            organisation: "x".repeat(MAX_LINE + 1),
            role: "koning".into(),
            role_other: String::new(),
            region: "Atlantis".into(),
            answers: vec![(7, "Ronde 3".into()), (8, "bel\u{7}".into())],
            privacy_consent: false,
        };
        let errors = validate(&bad, &roles(), &REGIONS, &questions()).unwrap_err();
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            got,
            vec![
                ("name", "error-name-required"),
                ("email", "error-email"),
                ("organisation", "error-too-long"),
                ("role", "error-choice"),
                ("region", "error-choice"),
                ("q-7", "error-choice"),
                ("q-8", "error-control-characters"),
                ("privacy_consent", "error-consent"),
            ]
        );
    }

    #[test]
    fn required_questions_and_control_characters() {
        let missing = RegistrationInput {
            answers: Vec::new(),
            name: "Jan\u{1b}[31m".into(),
            ..input()
        };
        let errors = validate(&missing, &roles(), &REGIONS, &questions()).unwrap_err();
        assert!(errors.contains(&FieldError::new("q-7", "error-required")));
        assert!(errors.contains(&FieldError::new("name", "error-control-characters")));
        // Line breaks are fine in an open answer.
        let multi = RegistrationInput {
            answers: vec![
                (7, "Ronde 1".into()),
                (8, "geen vlees\r\ngeen noten".into()),
            ],
            ..input()
        };
        let valid = validate(&multi, &roles(), &REGIONS, &questions()).unwrap();
        assert_eq!(valid.details.answers[1].1, "geen vlees\ngeen noten");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Whatever arrives, validation answers (never panics), and what it accepts
        /// is clean: trimmed, within limits, without control characters, with a
        /// known role and region and only the questions' own choices.
        #[test]
        fn validation_accepts_only_clean_input(
            name in "\\PC{0,210}|[ a-zA-Zé<>&\"'\u{0}-\u{1f}\u{7f}]{0,30}",
            email in "[a-zA-Z0-9._%+@<>\\ -]{0,40}|\\PC{0,20}",
            organisation in "\\PC{0,210}",
            role in "opbouwwerker|anders|beleidsmaker|\\PC{0,10}",
            role_other in "\\PC{0,20}",
            region in "Flevoland|Utrecht||\\PC{0,10}",
            answer in "Ronde 1|Ronde 2|\\PC{0,10}|[\u{0}-\u{1f}]{1,3}",
            text in "(?s).{0,50}",
            consent in proptest::bool::ANY,
        ) {
            let input = RegistrationInput {
                name, email, organisation, role, role_other, region,
                answers: vec![(7, answer), (8, text)],
                privacy_consent: consent,
            };
            match validate(&input, &roles(), &REGIONS, &questions()) {
                Ok(valid) => {
                    let d = &valid.details;
                    proptest::prop_assert!(consent);
                    proptest::prop_assert!(!d.name.is_empty() && d.name.chars().count() <= MAX_LINE);
                    for line in [&d.name, &d.organisation, &d.role_other, &d.region] {
                        proptest::prop_assert!(!line.chars().any(char::is_control));
                        proptest::prop_assert_eq!(line.trim(), line.as_str());
                    }
                    proptest::prop_assert!(d.role == OTHER_ROLE || roles().contains(&d.role));
                    proptest::prop_assert!(d.region.is_empty() || REGIONS.contains(&d.region.as_str()));
                    proptest::prop_assert_eq!(&valid.email.key, &valid.email.address.to_lowercase());
                    proptest::prop_assert!(!valid.email.address.chars().any(char::is_whitespace));
                    let round = d.answers.iter().find(|(id, _)| *id == 7).map(|(_, v)| v.as_str());
                    proptest::prop_assert!(matches!(round, Some("Ronde 1" | "Ronde 2")));
                }
                Err(errors) => proptest::prop_assert!(!errors.is_empty()),
            }
        }
    }
}
