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
    FieldError, MAX_LINE, PersonName, amsterdam, line, parse_count, parse_links, required, text,
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
mod tests;
