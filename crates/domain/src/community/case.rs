//! Cases (*kwesties*) and a meeting's agenda. A member brings a case ([`CaseForm`]);
//! the kartrekker places it on a meeting's agenda as a timed item with an expert
//! ([`AgendaItemForm`]); after the meeting the kartrekker or the member who brought
//! it records the outcome ([`OutcomeForm`]). A case not finished is carried over to
//! a later meeting: its state goes back through `scheduled` ([`CaseState::step`]),
//! and storage keeps each scheduling and outcome as history rather than overwriting.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Europe::Amsterdam;

use super::membership::Standing;
use crate::input::{
    FieldError, MAX_LINE, PersonName, amsterdam, line, parse_count, parse_links, text,
};

/// The longest "wat speelt er".
pub const MAX_SITUATION: usize = 5_000;
/// The longest learning question ("wat wil je leren").
pub const MAX_QUESTION: usize = 2_000;
/// The longest "what was learned".
pub const MAX_LEARNED: usize = 5_000;
/// The longest next steps.
pub const MAX_NEXT_STEPS: usize = 2_000;
/// The longest agenda item, in minutes: a whole meeting day.
pub const MAX_AGENDA_MINUTES: u32 = 8 * 60;

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Brought by a member, not yet on an agenda.
    Submitted,
    /// On a meeting's agenda.
    Scheduled,
    /// Discussed and finished: the outcome is recorded.
    Discussed,
    /// Discussed (or not reached) and not finished: waits for a later meeting.
    CarriedOver,
}

/// Why a case cannot go from one state to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepRefused {
    /// It is already in that state. Moving a scheduled case to another slot or
    /// meeting is an agenda change, not a step.
    Unchanged,
    /// An outcome needs a meeting: only a scheduled case can be discussed or carried
    /// over.
    NotScheduled,
    /// A discussed case is finished; a new question is a new case.
    Finished,
    /// Only a case on an agenda can be taken off it.
    NotOnAgenda,
}

impl StepRefused {
    /// The catalog key explaining the refusal.
    pub fn message(self) -> &'static str {
        match self {
            Self::Unchanged => "case-error-step-unchanged",
            Self::NotScheduled => "case-error-step-not-scheduled",
            Self::Finished => "case-error-step-finished",
            Self::NotOnAgenda => "case-error-step-not-on-agenda",
        }
    }
}

impl CaseState {
    pub const ALL: [CaseState; 4] = [
        CaseState::Submitted,
        CaseState::Scheduled,
        CaseState::Discussed,
        CaseState::CarriedOver,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Scheduled => "scheduled",
            Self::Discussed => "discussed",
            Self::CarriedOver => "carried_over",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Whether the case may go to `to`. Allowed: submitted or carried over →
    /// scheduled (placed on an agenda); scheduled → discussed or carried over (the
    /// outcome); scheduled → submitted (taken off the agenda before the meeting).
    pub fn step(self, to: CaseState) -> Result<(), StepRefused> {
        use CaseState::*;
        match (self, to) {
            (Submitted, Submitted)
            | (Scheduled, Scheduled)
            | (Discussed, Discussed)
            | (CarriedOver, CarriedOver) => Err(StepRefused::Unchanged),
            (Discussed, _) => Err(StepRefused::Finished),
            (Submitted | CarriedOver, Scheduled)
            | (Scheduled, Discussed | CarriedOver | Submitted) => Ok(()),
            (Submitted, Discussed | CarriedOver) | (CarriedOver, Discussed) => {
                Err(StepRefused::NotScheduled)
            }
            (CarriedOver, Submitted) => Err(StepRefused::NotOnAgenda),
        }
    }

    /// Whether the case waits for a place on an agenda (offered when building one).
    pub fn waits_for_agenda(self) -> bool {
        matches!(self, Self::Submitted | Self::CarriedOver)
    }
}

/// The bits of a meeting these rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingTimes {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
}

/// Whether a case may be brought for, or placed on, a meeting: not one that has
/// started or passed, not a cancelled one. `Err` is the catalog key.
pub fn meeting_open_for_cases(
    meeting_start: DateTime<Utc>,
    meeting_cancelled: bool,
    now: DateTime<Utc>,
) -> Result<(), &'static str> {
    if meeting_cancelled {
        Err("case-error-meeting-cancelled")
    } else if meeting_start <= now {
        Err("case-error-meeting-past")
    } else {
        Ok(())
    }
}

/// The case form as typed. Field names: `title`, `situation`, `question`, `themes`
/// (a checkbox group: one value per ticked theme id), `meeting` (a meeting id, or
/// empty when the member does not know yet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseForm {
    pub title: String,
    /// "Wat speelt er".
    pub situation: String,
    /// "Wat wil je leren".
    pub question: String,
    pub themes: Vec<String>,
    pub meeting: String,
}

/// A case, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub title: String,
    pub situation: String,
    pub question: String,
    /// Theme ids, each once, in the order ticked.
    pub themes: Vec<i64>,
    pub meeting: Option<i64>,
}

/// A required single line or text: the value, or an error at `field`.
fn required(
    field: &str,
    result: Result<String, &'static str>,
    missing: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    match result {
        Ok(value) if value.is_empty() => {
            errors.push(FieldError::new(field, missing));
            value
        }
        Ok(value) => value,
        Err(message) => {
            errors.push(FieldError::new(field, message));
            String::new()
        }
    }
}

/// Ids chosen from a list on offer, each once; anything else is `error-choice`.
fn chosen_ids(raw: &[String], offered: &[i64]) -> Result<Vec<i64>, &'static str> {
    let mut ids = Vec::new();
    for value in raw {
        match value.trim().parse::<i64>() {
            Ok(id) if offered.contains(&id) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => return Err("error-choice"),
        }
    }
    Ok(ids)
}

/// One id chosen from a list on offer, or `None` when left empty.
fn chosen_id(raw: &str, offered: impl IntoIterator<Item = i64>) -> Result<Option<i64>, ()> {
    match raw.trim() {
        "" => Ok(None),
        value => match value.parse::<i64>() {
            Ok(id) if offered.into_iter().any(|o| o == id) => Ok(Some(id)),
            _ => Err(()),
        },
    }
}

impl CaseForm {
    /// Checks every field against the atelier's themes and its meetings. Themes are
    /// optional (a case need not fit one). A meeting must be open for cases
    /// ([`meeting_open_for_cases`]): the form may have been opened before it began.
    pub fn parse(
        &self,
        themes: &[i64],
        meetings: &[MeetingTimes],
        now: DateTime<Utc>,
    ) -> Result<NewCase, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required(
            "title",
            line(&self.title, MAX_LINE),
            "case-error-title-required",
            &mut errors,
        );
        let situation = required(
            "situation",
            text(&self.situation, MAX_SITUATION),
            "case-error-situation-required",
            &mut errors,
        );
        let question = required(
            "question",
            text(&self.question, MAX_QUESTION),
            "case-error-question-required",
            &mut errors,
        );
        let themes = chosen_ids(&self.themes, themes).unwrap_or_else(|message| {
            errors.push(FieldError::new("themes", message));
            Vec::new()
        });
        let meeting = match self.meeting.trim() {
            "" => None,
            raw => {
                let id = raw.parse::<i64>().ok();
                match meetings.iter().find(|m| Some(m.id) == id) {
                    Some(m) => {
                        if let Err(message) = meeting_open_for_cases(m.starts_at, m.cancelled, now)
                        {
                            errors.push(FieldError::new("meeting", message));
                        }
                        Some(m.id)
                    }
                    None => {
                        errors.push(FieldError::new("meeting", "error-choice"));
                        None
                    }
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewCase {
            title,
            situation,
            question,
            themes,
            meeting,
        })
    }
}

/// What an agenda item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// A member's case.
    Case,
    /// A contribution: a talk, a presentation of research, a tool.
    Contribution,
    /// Anything else: welcome, break, round of news.
    Other,
}

impl AgendaKind {
    pub const ALL: [AgendaKind; 3] = [
        AgendaKind::Case,
        AgendaKind::Contribution,
        AgendaKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Contribution => "contribution",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// Who brings expertise to an agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expert {
    /// A member of the atelier (their account id).
    Member(i64),
    /// A speaker from outside, with their affiliation (may be empty: a freelancer).
    Outside(PersonName),
}

/// An agenda item as typed. Field names: `kind`, `case`, `start` (`HH:MM` on the
/// meeting's day), `duration` (minutes) or `end` (`HH:MM`), `title`, `expert` (a
/// member id from a list), `speaker_name` and `speaker_affiliation`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgendaItemForm {
    pub kind: String,
    /// The case id, for an item of kind `case`.
    pub case: String,
    pub start: String,
    pub duration: String,
    pub end: String,
    /// Required, except for a case: empty means the case's own title.
    pub title: String,
    pub expert: String,
    pub speaker_name: String,
    pub speaker_affiliation: String,
}

/// A slot on a meeting's agenda: from `starts_at` up to (not including) `ends_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgendaSlot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// What an agenda item may refer to, and what is on the agenda already.
#[derive(Clone, Copy, Debug)]
pub struct AgendaOffer<'a> {
    pub meeting: MeetingTimes,
    /// Cases that may go on this item: those waiting for an agenda, and the item's
    /// own case when editing.
    pub cases: &'a [i64],
    /// Members who may be the expert.
    pub experts: &'a [i64],
    /// The other items of the meeting (without the item being edited).
    pub others: &'a [AgendaSlot],
    pub now: DateTime<Utc>,
}

/// An agenda item, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAgendaItem {
    pub kind: AgendaKind,
    /// The case, for kind `case`; `None` otherwise.
    pub case: Option<i64>,
    pub title: String,
    pub slot: AgendaSlot,
    pub expert: Option<Expert>,
}

/// A `HH:MM` field: `None` when empty, an error key when not a time.
fn clock(raw: &str) -> Result<Option<NaiveTime>, &'static str> {
    match raw.trim() {
        "" => Ok(None),
        value => NaiveTime::parse_from_str(value, "%H:%M")
            .map(Some)
            .map_err(|_| "editor-error-time"),
    }
}

/// Whether an agenda slot lies within the meeting and overlaps no other item.
/// Items may touch (one ends at 14:00, the next starts at 14:00). Errors are at
/// `start`, or at `end` when only the end runs past the meeting.
pub fn agenda_slot_fits(
    slot: AgendaSlot,
    meeting: &MeetingTimes,
    others: &[AgendaSlot],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if slot.starts_at < meeting.starts_at || slot.starts_at >= meeting.ends_at {
        errors.push(FieldError::new("start", "case-error-agenda-outside"));
    } else if slot.ends_at > meeting.ends_at {
        errors.push(FieldError::new("end", "case-error-agenda-outside"));
    }
    if others
        .iter()
        .any(|o| slot.starts_at < o.ends_at && o.starts_at < slot.ends_at)
    {
        errors.push(FieldError::new("start", "case-error-agenda-overlap"));
    }
    errors
}

impl AgendaItemForm {
    /// Checks every field, then that the item fits the meeting
    /// ([`agenda_slot_fits`]). The length is a duration or an end; when both are
    /// given they must agree. A case may only be placed on a meeting open for cases;
    /// other items may be added afterwards, to keep the record true.
    pub fn parse(&self, offer: &AgendaOffer<'_>) -> Result<NewAgendaItem, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = AgendaKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "error-choice"));
        }
        let case = match (kind, chosen_id(&self.case, offer.cases.iter().copied())) {
            (Some(AgendaKind::Case), Ok(None)) => {
                errors.push(FieldError::new("case", "case-error-agenda-case-required"));
                None
            }
            (Some(AgendaKind::Case), Ok(Some(id))) => {
                let meeting = &offer.meeting;
                if let Err(message) =
                    meeting_open_for_cases(meeting.starts_at, meeting.cancelled, offer.now)
                {
                    errors.push(FieldError::new("case", message));
                }
                Some(id)
            }
            (Some(AgendaKind::Case), Err(())) => {
                errors.push(FieldError::new("case", "error-choice"));
                None
            }
            // A case chosen for another kind of item is left out, not an error: the
            // select stays in the form when the kind changes.
            _ => None,
        };
        let title = match line(&self.title, MAX_LINE) {
            Ok(title) if title.is_empty() && kind != Some(AgendaKind::Case) => {
                errors.push(FieldError::new("title", "case-error-agenda-title-required"));
                title
            }
            Ok(title) => title,
            Err(message) => {
                errors.push(FieldError::new("title", message));
                String::new()
            }
        };
        let expert = self.expert(offer.experts, &mut errors);
        let slot = self.slot(&offer.meeting, &mut errors);
        if let Some(slot) = slot {
            errors.extend(agenda_slot_fits(slot, &offer.meeting, offer.others));
        }
        match (kind, slot) {
            (Some(kind), Some(slot)) if errors.is_empty() => Ok(NewAgendaItem {
                kind,
                case,
                title,
                slot,
                expert,
            }),
            _ => Err(errors),
        }
    }

    /// A member chosen from the list, or a speaker typed by name; not both.
    fn expert(&self, experts: &[i64], errors: &mut Vec<FieldError>) -> Option<Expert> {
        let mut typed = |field: &str, raw: &str| {
            line(raw, MAX_LINE).unwrap_or_else(|message| {
                errors.push(FieldError::new(field, message));
                String::new()
            })
        };
        let name = typed("speaker_name", &self.speaker_name);
        let affiliation = typed("speaker_affiliation", &self.speaker_affiliation);
        let member = match chosen_id(&self.expert, experts.iter().copied()) {
            Ok(member) => member,
            Err(()) => {
                errors.push(FieldError::new("expert", "error-choice"));
                None
            }
        };
        match (member, name.is_empty(), affiliation.is_empty()) {
            (Some(_), false, _) | (Some(_), _, false) => {
                errors.push(FieldError::new("expert", "case-error-expert-both"));
                None
            }
            (Some(id), true, true) => Some(Expert::Member(id)),
            (None, true, false) => {
                errors.push(FieldError::new(
                    "speaker_name",
                    "case-error-speaker-name-required",
                ));
                None
            }
            (None, false, _) => Some(Expert::Outside(PersonName { name, affiliation })),
            (None, true, true) => None,
        }
    }

    /// The item's moments on the meeting's day (Dutch time).
    fn slot(&self, meeting: &MeetingTimes, errors: &mut Vec<FieldError>) -> Option<AgendaSlot> {
        let day = meeting.starts_at.with_timezone(&Amsterdam).date_naive();
        let at = |field: &str, raw: &str, errors: &mut Vec<FieldError>| match clock(raw) {
            Ok(Some(time)) => match amsterdam(day.and_time(time)) {
                Some(at) => Some(at),
                None => {
                    errors.push(FieldError::new(field, "editor-error-time-gap"));
                    None
                }
            },
            Ok(None) => None,
            Err(message) => {
                errors.push(FieldError::new(field, message));
                None
            }
        };
        let start = at("start", &self.start, errors);
        if self.start.trim().is_empty() {
            errors.push(FieldError::new("start", "editor-error-time-required"));
        }
        let end = at("end", &self.end, errors);
        let duration = parse_count(&self.duration, MAX_AGENDA_MINUTES, 1).unwrap_or_else(|m| {
            errors.push(FieldError::new("duration", m));
            None
        });
        let start = start?;
        let ends_at = match (duration, end) {
            (Some(minutes), Some(end)) if start + Duration::minutes(minutes.into()) != end => {
                errors.push(FieldError::new("end", "case-error-agenda-end-duration"));
                return None;
            }
            (Some(minutes), _) => start + Duration::minutes(minutes.into()),
            (None, Some(end)) if end <= start => {
                errors.push(FieldError::new("end", "editor-error-end-before-start"));
                return None;
            }
            (None, Some(end)) => end,
            (None, None) => {
                let already = errors
                    .iter()
                    .any(|e| e.field == "end" || e.field == "duration");
                if !already {
                    errors.push(FieldError::new(
                        "duration",
                        "case-error-agenda-length-required",
                    ));
                }
                return None;
            }
        };
        Some(AgendaSlot {
            starts_at: start,
            ends_at,
        })
    }
}

/// The outcome form as typed. Field names: `learned`, `next_steps`, `links` (one
/// "Titel | https://…" per line), `public` (a checkbox), `finished` (`finished` or
/// `carry_over`, a radio group).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutcomeForm {
    pub learned: String,
    pub next_steps: String,
    pub links: String,
    /// Ticked: the outcome shows on the atelier's public page.
    pub public: bool,
    pub finished: String,
}

/// An outcome, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub learned: String,
    pub next_steps: String,
    pub links: Vec<(String, String)>,
    pub public: bool,
    pub finished: bool,
}

impl Outcome {
    /// The state the case goes to: discussed when finished, otherwise carried over.
    pub fn state(&self) -> CaseState {
        if self.finished {
            CaseState::Discussed
        } else {
            CaseState::CarriedOver
        }
    }
}

impl OutcomeForm {
    /// Checks every field. What was learned is required for a finished case; a case
    /// carried over may not have been reached at all, so there it may stay empty. A
    /// public outcome needs something to show.
    pub fn parse(&self) -> Result<Outcome, Vec<FieldError>> {
        let mut errors = Vec::new();
        let finished = match self.finished.trim() {
            "finished" => Some(true),
            "carry_over" => Some(false),
            _ => {
                errors.push(FieldError::new("finished", "case-error-outcome-choice"));
                None
            }
        };
        let learned = text(&self.learned, MAX_LEARNED).unwrap_or_else(|message| {
            errors.push(FieldError::new("learned", message));
            String::new()
        });
        if learned.is_empty() && !errors.iter().any(|e| e.field == "learned") {
            if finished == Some(true) {
                errors.push(FieldError::new("learned", "case-error-learned-required"));
            } else if self.public {
                errors.push(FieldError::new("public", "case-error-public-empty"));
            }
        }
        let next_steps = text(&self.next_steps, MAX_NEXT_STEPS).unwrap_or_else(|message| {
            errors.push(FieldError::new("next_steps", message));
            String::new()
        });
        let links = parse_links(&self.links).unwrap_or_else(|message| {
            errors.push(FieldError::new("links", message));
            Vec::new()
        });
        match finished {
            Some(finished) if errors.is_empty() => Ok(Outcome {
                learned,
                next_steps,
                links,
                public: self.public,
                finished,
            }),
            _ => Err(errors),
        }
    }
}

/// Whether someone may record a case's outcome: whoever runs the atelier, or the
/// active member who brought the case.
pub fn may_record_outcome(standing: Standing, brought_it: bool) -> bool {
    match standing {
        Standing::Runs(_) => true,
        Standing::Member(_) => brought_it,
        Standing::Waiting(_) | Standing::Outside => false,
    }
}

/// Whether someone may read an outcome: everyone inside the atelier; anyone when it
/// is marked public.
pub fn may_read_outcome(standing: Standing, public: bool) -> bool {
    public || standing.inside()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::ActivityRole;
    use crate::community::membership::{Level, MemberState};
    use chrono::TimeZone;

    /// A Dutch wall-clock moment on 2026-12-03.
    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Amsterdam
            .with_ymd_and_hms(2026, 12, 3, hour, minute, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn meeting(id: i64) -> MeetingTimes {
        MeetingTimes {
            id,
            starts_at: at(13, 30),
            ends_at: at(17, 0),
            cancelled: false,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect()
    }

    fn case_form() -> CaseForm {
        CaseForm {
            title: " Buurtbudget zonder bewoners ".into(),
            situation: "De gemeente verdeelt het budget.\r\nBewoners haken af.".into(),
            question: "Hoe krijg ik bewoners aan tafel?".into(),
            themes: vec!["3".into(), " 7 ".into(), "3".into()],
            meeting: "11".into(),
        }
    }

    #[test]
    fn case_states_round_trip() {
        for state in CaseState::ALL {
            assert_eq!(CaseState::parse(state.as_str()), Some(state));
        }
        assert_eq!(
            CaseState::parse("carried_over"),
            Some(CaseState::CarriedOver)
        );
        assert_eq!(CaseState::parse("Scheduled"), None);
        assert_eq!(CaseState::parse(""), None);
    }

    #[test]
    fn a_case_goes_from_submitted_over_the_agenda_to_its_outcome() {
        use CaseState::*;
        assert_eq!(Submitted.step(Scheduled), Ok(()));
        assert_eq!(Scheduled.step(Discussed), Ok(()));
        assert_eq!(Scheduled.step(CarriedOver), Ok(()));
        assert_eq!(CarriedOver.step(Scheduled), Ok(()), "to a later meeting");
        assert_eq!(Scheduled.step(Submitted), Ok(()), "off the agenda");
    }

    #[test]
    fn every_other_step_is_refused_with_a_reason() {
        use CaseState::*;
        for state in CaseState::ALL {
            assert_eq!(state.step(state), Err(StepRefused::Unchanged));
        }
        for to in [Submitted, Scheduled, CarriedOver] {
            assert_eq!(Discussed.step(to), Err(StepRefused::Finished));
        }
        assert_eq!(Submitted.step(Discussed), Err(StepRefused::NotScheduled));
        assert_eq!(Submitted.step(CarriedOver), Err(StepRefused::NotScheduled));
        assert_eq!(CarriedOver.step(Discussed), Err(StepRefused::NotScheduled));
        assert_eq!(CarriedOver.step(Submitted), Err(StepRefused::NotOnAgenda));
        // Exactly the five allowed steps exist.
        let allowed = CaseState::ALL
            .iter()
            .flat_map(|&from| CaseState::ALL.map(|to| from.step(to)))
            .filter(Result::is_ok)
            .count();
        assert_eq!(allowed, 5);
    }

    #[test]
    fn every_refusal_has_its_own_catalog_key() {
        let keys = [
            StepRefused::Unchanged,
            StepRefused::NotScheduled,
            StepRefused::Finished,
            StepRefused::NotOnAgenda,
        ]
        .map(StepRefused::message);
        assert!(keys.iter().all(|k| k.starts_with("case-error-step-")));
        let mut unique = keys.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
    }

    #[test]
    fn only_cases_waiting_for_a_meeting_are_offered_for_the_agenda() {
        assert!(CaseState::Submitted.waits_for_agenda());
        assert!(CaseState::CarriedOver.waits_for_agenda());
        assert!(!CaseState::Scheduled.waits_for_agenda());
        assert!(!CaseState::Discussed.waits_for_agenda());
    }

    #[test]
    fn past_started_and_cancelled_meetings_take_no_cases() {
        let start = at(13, 30);
        assert_eq!(meeting_open_for_cases(start, false, at(9, 0)), Ok(()));
        assert_eq!(
            meeting_open_for_cases(start, false, at(13, 30)),
            Err("case-error-meeting-past"),
            "started"
        );
        assert_eq!(
            meeting_open_for_cases(start, false, at(20, 0)),
            Err("case-error-meeting-past")
        );
        assert_eq!(
            meeting_open_for_cases(start, true, at(9, 0)),
            Err("case-error-meeting-cancelled")
        );
    }

    #[test]
    fn a_case_needs_a_title_a_situation_and_a_question() {
        let case = case_form()
            .parse(&[3, 7, 9], &[meeting(11)], at(9, 0))
            .unwrap();
        assert_eq!(
            case,
            NewCase {
                title: "Buurtbudget zonder bewoners".into(),
                situation: "De gemeente verdeelt het budget.\nBewoners haken af.".into(),
                question: "Hoe krijg ik bewoners aan tafel?".into(),
                themes: vec![3, 7],
                meeting: Some(11),
            }
        );
        let errors = CaseForm::default().parse(&[], &[], at(9, 0)).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("title", "case-error-title-required"),
                ("situation", "case-error-situation-required"),
                ("question", "case-error-question-required"),
            ]
        );
    }

    #[test]
    fn themes_and_meeting_are_optional() {
        let form = CaseForm {
            themes: Vec::new(),
            meeting: "  ".into(),
            ..case_form()
        };
        let case = form.parse(&[], &[], at(9, 0)).unwrap();
        assert_eq!((case.themes, case.meeting), (Vec::new(), None));
    }

    #[test]
    fn case_texts_have_their_limits() {
        let too_long = |field: &str, form: CaseForm| {
            let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
            assert_eq!(fields(&errors), [(field, "error-too-long")]);
        };
        too_long(
            "title",
            CaseForm {
                title: "a".repeat(MAX_LINE + 1),
                ..case_form()
            },
        );
        too_long(
            "situation",
            CaseForm {
                situation: "a".repeat(MAX_SITUATION + 1),
                ..case_form()
            },
        );
        too_long(
            "question",
            CaseForm {
                question: "a".repeat(MAX_QUESTION + 1),
                ..case_form()
            },
        );
        let control = CaseForm {
            title: "a\u{7}b".into(),
            ..case_form()
        };
        assert_eq!(
            fields(
                &control
                    .parse(&[3, 7], &[meeting(11)], at(9, 0))
                    .unwrap_err()
            ),
            [("title", "error-control-characters")]
        );
        let at_limit = CaseForm {
            situation: "a".repeat(MAX_SITUATION),
            question: "a".repeat(MAX_QUESTION),
            ..case_form()
        };
        assert!(at_limit.parse(&[3, 7], &[meeting(11)], at(9, 0)).is_ok());
    }

    #[test]
    fn themes_and_meetings_come_from_the_lists_on_offer() {
        for themes in [
            vec!["4".to_owned()],
            vec!["drie".to_owned()],
            vec![String::new()],
        ] {
            let form = CaseForm {
                themes,
                ..case_form()
            };
            let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
            assert_eq!(fields(&errors), [("themes", "error-choice")]);
        }
        for raw in ["12", "elf"] {
            let form = CaseForm {
                meeting: raw.into(),
                ..case_form()
            };
            let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
            assert_eq!(fields(&errors), [("meeting", "error-choice")]);
        }
    }

    #[test]
    fn a_case_for_a_past_or_cancelled_meeting_is_refused() {
        let errors = case_form()
            .parse(&[3, 7], &[meeting(11)], at(18, 0))
            .unwrap_err();
        assert_eq!(fields(&errors), [("meeting", "case-error-meeting-past")]);
        let cancelled = MeetingTimes {
            cancelled: true,
            ..meeting(11)
        };
        let errors = case_form()
            .parse(&[3, 7], &[cancelled], at(9, 0))
            .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("meeting", "case-error-meeting-cancelled")]
        );
    }

    fn agenda_form() -> AgendaItemForm {
        AgendaItemForm {
            kind: "case".into(),
            case: "5".into(),
            start: "14:00".into(),
            duration: "45".into(),
            ..AgendaItemForm::default()
        }
    }

    fn offer<'a>(others: &'a [AgendaSlot]) -> AgendaOffer<'a> {
        AgendaOffer {
            meeting: meeting(11),
            cases: &[5, 6],
            experts: &[21, 22],
            others,
            now: at(9, 0),
        }
    }

    fn slot(from: (u32, u32), to: (u32, u32)) -> AgendaSlot {
        AgendaSlot {
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
        }
    }

    #[test]
    fn agenda_kinds_round_trip() {
        for kind in AgendaKind::ALL {
            assert_eq!(AgendaKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(AgendaKind::parse("talk"), None);
    }

    #[test]
    fn a_case_goes_on_the_agenda_with_a_time_slot_and_an_expert() {
        let item = AgendaItemForm {
            expert: "21".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap();
        assert_eq!(
            item,
            NewAgendaItem {
                kind: AgendaKind::Case,
                case: Some(5),
                title: String::new(),
                slot: slot((14, 0), (14, 45)),
                expert: Some(Expert::Member(21)),
            }
        );
        let outside = AgendaItemForm {
            speaker_name: " Joost Weling ".into(),
            speaker_affiliation: "Hogeschool Utrecht".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap();
        assert_eq!(
            outside.expert,
            Some(Expert::Outside(PersonName {
                name: "Joost Weling".into(),
                affiliation: "Hogeschool Utrecht".into()
            }))
        );
        let freelancer = AgendaItemForm {
            speaker_name: "Anna de Vries".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap();
        assert_eq!(
            freelancer.expert,
            Some(Expert::Outside(PersonName {
                name: "Anna de Vries".into(),
                affiliation: String::new()
            }))
        );
    }

    #[test]
    fn other_items_need_a_title_and_ignore_a_chosen_case() {
        let form = AgendaItemForm {
            kind: "other".into(),
            title: "Pauze".into(),
            ..agenda_form()
        };
        let item = form.parse(&offer(&[])).unwrap();
        assert_eq!(
            (item.kind, item.case, item.title.as_str()),
            (AgendaKind::Other, None, "Pauze")
        );
        let errors = AgendaItemForm {
            kind: "contribution".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("title", "case-error-agenda-title-required")]
        );
        let errors = AgendaItemForm {
            title: "a".repeat(MAX_LINE + 1),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("title", "error-too-long")]);
    }

    #[test]
    fn an_agenda_item_needs_a_known_kind_and_case() {
        let errors = AgendaItemForm {
            kind: "talk".into(),
            title: "Lezing".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("kind", "error-choice")]);
        let errors = AgendaItemForm {
            case: String::new(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("case", "case-error-agenda-case-required")]
        );
        let errors = AgendaItemForm {
            case: "9".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("case", "error-choice")]);
    }

    #[test]
    fn a_case_is_not_placed_on_a_past_or_cancelled_meeting() {
        let late = AgendaOffer {
            now: at(15, 0),
            ..offer(&[])
        };
        let errors = agenda_form().parse(&late).unwrap_err();
        assert_eq!(fields(&errors), [("case", "case-error-meeting-past")]);
        let cancelled = AgendaOffer {
            meeting: MeetingTimes {
                cancelled: true,
                ..meeting(11)
            },
            ..offer(&[])
        };
        let errors = agenda_form().parse(&cancelled).unwrap_err();
        assert_eq!(fields(&errors), [("case", "case-error-meeting-cancelled")]);
        let other = AgendaItemForm {
            kind: "other".into(),
            title: "Nabespreking".into(),
            ..agenda_form()
        };
        assert!(
            other.parse(&late).is_ok(),
            "the record may be completed afterwards"
        );
    }

    #[test]
    fn the_expert_is_a_member_or_a_named_speaker_not_both() {
        let errors = AgendaItemForm {
            expert: "21".into(),
            speaker_name: "Joost Weling".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("expert", "case-error-expert-both")]);
        let errors = AgendaItemForm {
            expert: "21".into(),
            speaker_affiliation: "Movisie".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("expert", "case-error-expert-both")]);
        let errors = AgendaItemForm {
            speaker_affiliation: "Movisie".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("speaker_name", "case-error-speaker-name-required")]
        );
        let errors = AgendaItemForm {
            expert: "99".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("expert", "error-choice")]);
        let errors = AgendaItemForm {
            speaker_name: "Jan\u{202E}nav".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("speaker_name", "error-control-characters")]
        );
        let none = agenda_form().parse(&offer(&[])).unwrap();
        assert_eq!(none.expert, None);
    }

    #[test]
    fn the_length_is_a_duration_or_an_end_and_both_must_agree() {
        let by_end = AgendaItemForm {
            duration: String::new(),
            end: "15:15".into(),
            ..agenda_form()
        };
        assert_eq!(
            by_end.parse(&offer(&[])).unwrap().slot,
            slot((14, 0), (15, 15))
        );
        let both = AgendaItemForm {
            end: "14:45".into(),
            ..agenda_form()
        };
        assert_eq!(
            both.parse(&offer(&[])).unwrap().slot,
            slot((14, 0), (14, 45))
        );
        let check = |form: AgendaItemForm, expected: &[(&str, &str)]| {
            let errors = form.parse(&offer(&[])).unwrap_err();
            assert_eq!(fields(&errors), expected, "{form:?}");
        };
        check(
            AgendaItemForm {
                end: "15:00".into(),
                ..agenda_form()
            },
            &[("end", "case-error-agenda-end-duration")],
        );
        check(
            AgendaItemForm {
                duration: String::new(),
                ..agenda_form()
            },
            &[("duration", "case-error-agenda-length-required")],
        );
        check(
            AgendaItemForm {
                duration: String::new(),
                end: "13:45".into(),
                ..agenda_form()
            },
            &[("end", "editor-error-end-before-start")],
        );
        check(
            AgendaItemForm {
                duration: String::new(),
                end: "14:00".into(),
                ..agenda_form()
            },
            &[("end", "editor-error-end-before-start")],
        );
        for bad in ["0", "-5", "481", "een uur"] {
            check(
                AgendaItemForm {
                    duration: bad.into(),
                    ..agenda_form()
                },
                &[("duration", "editor-error-number")],
            );
        }
        check(
            AgendaItemForm {
                duration: String::new(),
                end: "kwart over drie".into(),
                ..agenda_form()
            },
            &[("end", "editor-error-time")],
        );
    }

    #[test]
    fn the_start_is_a_required_dutch_time() {
        let check = |start: &str, expected: &[(&str, &str)]| {
            let errors = AgendaItemForm {
                start: start.into(),
                ..agenda_form()
            }
            .parse(&offer(&[]))
            .unwrap_err();
            assert_eq!(fields(&errors), expected, "{start:?}");
        };
        check("", &[("start", "editor-error-time-required")]);
        check("2 uur", &[("start", "editor-error-time")]);
        check("25:00", &[("start", "editor-error-time")]);
        // On the day summer time starts, 02:00–03:00 does not exist.
        let spring = MeetingTimes {
            id: 11,
            starts_at: Utc.with_ymd_and_hms(2027, 3, 28, 0, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 28, 4, 0, 0).unwrap(),
            cancelled: false,
        };
        let errors = AgendaItemForm {
            kind: "other".into(),
            title: "Nachtsessie".into(),
            start: "02:30".into(),
            ..agenda_form()
        }
        .parse(&AgendaOffer {
            meeting: spring,
            ..offer(&[])
        })
        .unwrap_err();
        assert_eq!(fields(&errors), [("start", "editor-error-time-gap")]);
    }

    #[test]
    fn agenda_items_lie_within_the_meeting() {
        let m = meeting(11);
        assert!(agenda_slot_fits(slot((13, 30), (17, 0)), &m, &[]).is_empty());
        assert_eq!(
            fields(&agenda_slot_fits(slot((13, 0), (13, 45)), &m, &[])),
            [("start", "case-error-agenda-outside")]
        );
        assert_eq!(
            fields(&agenda_slot_fits(slot((17, 0), (17, 30)), &m, &[])),
            [("start", "case-error-agenda-outside")]
        );
        assert_eq!(
            fields(&agenda_slot_fits(slot((16, 30), (17, 15)), &m, &[])),
            [("end", "case-error-agenda-outside")]
        );
        let errors = AgendaItemForm {
            start: "16:45".into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), [("end", "case-error-agenda-outside")]);
    }

    #[test]
    fn agenda_items_do_not_overlap_but_may_touch() {
        let m = meeting(11);
        let others = [slot((13, 30), (14, 0)), slot((15, 0), (15, 30))];
        assert!(agenda_slot_fits(slot((14, 0), (15, 0)), &m, &others).is_empty());
        for overlapping in [
            slot((13, 45), (14, 15)),
            slot((14, 30), (15, 1)),
            slot((15, 10), (15, 20)),
            slot((14, 0), (16, 0)),
        ] {
            assert_eq!(
                fields(&agenda_slot_fits(overlapping, &m, &others)),
                [("start", "case-error-agenda-overlap")],
                "{overlapping:?}"
            );
        }
        let errors = agenda_form().parse(&offer(&others[..1])).unwrap();
        assert_eq!(errors.slot, slot((14, 0), (14, 45)));
        let errors = AgendaItemForm {
            start: "13:45".into(),
            ..agenda_form()
        }
        .parse(&offer(&others))
        .unwrap_err();
        assert_eq!(fields(&errors), [("start", "case-error-agenda-overlap")]);
    }

    fn outcome_form() -> OutcomeForm {
        OutcomeForm {
            learned: " Eerst de sleutelfiguren spreken. ".into(),
            next_steps: "Terugkoppelen in maart.".into(),
            links: "Handreiking | https://www.movisie.nl/handreiking\n\n".into(),
            public: true,
            finished: "finished".into(),
        }
    }

    #[test]
    fn an_outcome_records_what_was_learned_and_what_comes_next() {
        let outcome = outcome_form().parse().unwrap();
        assert_eq!(
            outcome,
            Outcome {
                learned: "Eerst de sleutelfiguren spreken.".into(),
                next_steps: "Terugkoppelen in maart.".into(),
                links: vec![(
                    "Handreiking".into(),
                    "https://www.movisie.nl/handreiking".into()
                )],
                public: true,
                finished: true,
            }
        );
        assert_eq!(outcome.state(), CaseState::Discussed);
        let carried = OutcomeForm {
            finished: "carry_over".into(),
            public: false,
            ..outcome_form()
        }
        .parse()
        .unwrap();
        assert_eq!(carried.state(), CaseState::CarriedOver);
        assert!(!carried.public);
    }

    #[test]
    fn a_finished_case_needs_what_was_learned_and_a_case_carried_over_does_not() {
        let errors = OutcomeForm {
            learned: "  ".into(),
            ..outcome_form()
        }
        .parse()
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [("learned", "case-error-learned-required")]
        );
        let not_reached = OutcomeForm {
            learned: String::new(),
            public: false,
            finished: "carry_over".into(),
            ..OutcomeForm::default()
        };
        assert!(not_reached.parse().is_ok());
        let errors = OutcomeForm {
            public: true,
            ..not_reached
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(&errors), [("public", "case-error-public-empty")]);
    }

    #[test]
    fn outcome_fields_are_checked() {
        let check = |form: OutcomeForm, expected: &[(&str, &str)]| {
            assert_eq!(fields(&form.parse().unwrap_err()), expected, "{form:?}");
        };
        check(
            OutcomeForm {
                finished: String::new(),
                ..outcome_form()
            },
            &[("finished", "case-error-outcome-choice")],
        );
        check(
            OutcomeForm {
                finished: "later".into(),
                ..outcome_form()
            },
            &[("finished", "case-error-outcome-choice")],
        );
        check(
            OutcomeForm {
                learned: "a".repeat(MAX_LEARNED + 1),
                ..outcome_form()
            },
            &[("learned", "error-too-long")],
        );
        check(
            OutcomeForm {
                next_steps: "a".repeat(MAX_NEXT_STEPS + 1),
                ..outcome_form()
            },
            &[("next_steps", "error-too-long")],
        );
        check(
            OutcomeForm {
                links: "Handreiking | ftp://movisie.nl".into(),
                ..outcome_form()
            },
            &[("links", "editor-error-link")],
        );
    }

    #[test]
    fn the_kartrekker_or_the_member_who_brought_it_records_the_outcome() {
        let member = Standing::Member(Level::Meetings);
        assert!(may_record_outcome(
            Standing::Runs(ActivityRole::Kartrekker),
            false
        ));
        assert!(may_record_outcome(member, true));
        assert!(!may_record_outcome(member, false));
        assert!(!may_record_outcome(
            Standing::Waiting(MemberState::Requested),
            true
        ));
        assert!(!may_record_outcome(Standing::Outside, true));
    }

    #[test]
    fn members_read_outcomes_and_everyone_reads_public_ones() {
        assert!(may_read_outcome(Standing::Member(Level::OnlineOnly), false));
        assert!(may_read_outcome(
            Standing::Runs(ActivityRole::Organiser),
            false
        ));
        assert!(!may_read_outcome(Standing::Outside, false));
        assert!(!may_read_outcome(
            Standing::Waiting(MemberState::Invited),
            false
        ));
        assert!(may_read_outcome(Standing::Outside, true));
    }
}
