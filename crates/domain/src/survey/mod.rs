//! The theme inventory ("inventarisatie"): an organiser asks the field which themes
//! it wants to learn about. A [`Round`] has a title, a why, an audience, open and
//! close dates and a number of votes per person; professionals propose themes
//! ([`ProposalForm`]) and vote ([`BallotForm`]), answering a few questions about
//! themselves ([`Answers`]) that are kept as they were at that moment.
//!
//! Sub-modules: [`tally`] counts votes per theme and per group with the small-group
//! threshold; [`chart`] draws the results as SVG on the server.

pub mod chart;
pub mod tally;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::input::{FieldError, MAX_LINE, line, parse_date, required, text};
use crate::registration::Email;

/// The longest "what I want to learn" or "why now", and the round's why.
pub const MAX_PROPOSAL_TEXT: usize = 2_000;
/// The most votes a round may give each person.
pub const MAX_VOTES_PER_PERSON: u32 = 10;
/// The most years of experience anyone types.
pub const MAX_YEARS: u32 = 60;

/// Where a round stands: made but not yet open, open for proposals and votes, or
/// closed by the organiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundStatus {
    Draft,
    Open,
    Closed,
}

impl RoundStatus {
    pub const ALL: [Self; 3] = [Self::Draft, Self::Open, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A round as the organiser set it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub title: String,
    pub why: String,
    /// For whom ("opbouwwerkers in heel Nederland").
    pub audience: String,
    pub opens_on: NaiveDate,
    /// The last day people may vote (Dutch dates; the round is open all of it).
    pub closes_on: NaiveDate,
    pub votes_per_person: u32,
}

/// What a round allows today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// A draft, or open but before its first day.
    NotYetOpen,
    /// Proposals and votes are taken.
    Open,
    /// Closed by the organiser or past its last day.
    Closed,
}

/// The round's phase on `today` (Dutch date) for a round in `status`.
pub fn phase(status: RoundStatus, round: &Round, today: NaiveDate) -> Phase {
    match status {
        RoundStatus::Closed => Phase::Closed,
        _ if today > round.closes_on => Phase::Closed,
        RoundStatus::Draft => Phase::NotYetOpen,
        RoundStatus::Open if today < round.opens_on => Phase::NotYetOpen,
        RoundStatus::Open => Phase::Open,
    }
}

/// Whether the public may read the results: only after closing, and only when the
/// organiser chose so.
pub fn results_public(phase: Phase, organiser_allows: bool) -> bool {
    phase == Phase::Closed && organiser_allows
}

/// The round form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundForm {
    pub title: String,
    pub why: String,
    pub audience: String,
    pub opens_on: String,
    pub closes_on: String,
    pub votes_per_person: String,
}

impl RoundForm {
    /// Checks every field; every problem is reported.
    pub fn parse(&self) -> Result<Round, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required(
            "title",
            line(&self.title, MAX_LINE),
            "survey-error-title-required",
            &mut errors,
        );
        let why = required(
            "why",
            text(&self.why, MAX_PROPOSAL_TEXT),
            "survey-error-why-required",
            &mut errors,
        );
        let audience = required(
            "audience",
            line(&self.audience, MAX_LINE),
            "survey-error-audience-required",
            &mut errors,
        );
        let mut date = |field: &str, raw: &str| match parse_date(raw) {
            Ok(d) => Some(d),
            Err(message) => {
                errors.push(FieldError::new(field, message));
                None
            }
        };
        let opens_on = date("opens_on", &self.opens_on);
        let closes_on = date("closes_on", &self.closes_on);
        if let (Some(open), Some(close)) = (opens_on, closes_on)
            && close < open
        {
            errors.push(FieldError::new(
                "closes_on",
                "survey-error-closes-before-opens",
            ));
        }
        let votes = match self.votes_per_person.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_VOTES_PER_PERSON).contains(&n) => n,
            _ => {
                errors.push(FieldError::new(
                    "votes_per_person",
                    "survey-error-votes-per-person",
                ));
                0
            }
        };
        match (opens_on, closes_on) {
            (Some(opens_on), Some(closes_on)) if errors.is_empty() => Ok(Round {
                title,
                why,
                audience,
                opens_on,
                closes_on,
                votes_per_person: votes,
            }),
            _ => Err(errors),
        }
    }

    /// The form filled in from a stored round.
    pub fn from_round(round: &Round) -> Self {
        Self {
            title: round.title.clone(),
            why: round.why.clone(),
            audience: round.audience.clone(),
            opens_on: round.opens_on.format("%Y-%m-%d").to_string(),
            closes_on: round.closes_on.format("%Y-%m-%d").to_string(),
            votes_per_person: round.votes_per_person.to_string(),
        }
    }
}

/// Where a proposal stands after moderation. Being chosen for the programme is a
/// separate mark on an open proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalStatus {
    Open,
    /// Taken into another proposal (`merged_into`); its votes moved along.
    Merged,
    /// Not taken up, with a reason the proposer sees.
    Declined,
}

impl ProposalStatus {
    pub const ALL: [Self; 3] = [Self::Open, Self::Merged, Self::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Merged => "merged",
            Self::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A theme proposal: title, what they want to learn, why now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    pub title: String,
    pub want: String,
    pub why_now: String,
}

/// The proposal form as typed (also the organiser's reword form).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalForm {
    pub title: String,
    pub want: String,
    pub why_now: String,
}

impl ProposalForm {
    /// Checks every field: all three required, a title on one line of at most
    /// [`MAX_LINE`] characters, the texts at most [`MAX_PROPOSAL_TEXT`].
    pub fn parse(&self) -> Result<Proposal, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required(
            "title",
            line(&self.title, MAX_LINE),
            "survey-error-proposal-title",
            &mut errors,
        );
        let want = required(
            "want",
            text(&self.want, MAX_PROPOSAL_TEXT),
            "survey-error-proposal-want",
            &mut errors,
        );
        let why_now = required(
            "why_now",
            text(&self.why_now, MAX_PROPOSAL_TEXT),
            "survey-error-proposal-why-now",
            &mut errors,
        );
        if errors.is_empty() {
            Ok(Proposal {
                title,
                want,
                why_now,
            })
        } else {
            Err(errors)
        }
    }
}

/// The reason for declining a proposal: required, shown to the proposer.
pub fn parse_decline_reason(raw: &str) -> Result<String, FieldError> {
    match text(raw, MAX_PROPOSAL_TEXT) {
        Ok(r) if r.is_empty() => Err(FieldError::new("reason", "survey-error-reason-required")),
        Ok(r) => Ok(r),
        Err(message) => Err(FieldError::new("reason", message)),
    }
}

/// The decision text ("besproken met 20 opbouwwerkers op …"): required.
pub fn parse_decision(raw: &str) -> Result<String, FieldError> {
    match text(raw, MAX_PROPOSAL_TEXT) {
        Ok(r) if r.is_empty() => Err(FieldError::new(
            "decision",
            "survey-error-decision-required",
        )),
        Ok(r) => Ok(r),
        Err(message) => Err(FieldError::new("decision", message)),
    }
}

/// What a voter does in their work (answered or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Opbouwwerker,
    Sociaalwerker,
    Coordinator,
    Beleid,
    Student,
    Anders,
}

impl Role {
    pub const ALL: [Self; 6] = [
        Self::Opbouwwerker,
        Self::Sociaalwerker,
        Self::Coordinator,
        Self::Beleid,
        Self::Student,
        Self::Anders,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Opbouwwerker => "opbouwwerker",
            Self::Sociaalwerker => "sociaalwerker",
            Self::Coordinator => "coordinator",
            Self::Beleid => "beleid",
            Self::Student => "student",
            Self::Anders => "anders",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// The twelve provinces, the region a voter names.
pub const REGIONS: [&str; 12] = [
    "groningen",
    "friesland",
    "drenthe",
    "overijssel",
    "flevoland",
    "gelderland",
    "utrecht",
    "noord-holland",
    "zuid-holland",
    "zeeland",
    "noord-brabant",
    "limburg",
];

/// Years of experience as a band, so a breakdown does not single anyone out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    UpTo2,
    From3To5,
    From6To10,
    From11To20,
    Over20,
}

impl Band {
    pub const ALL: [Self; 5] = [
        Self::UpTo2,
        Self::From3To5,
        Self::From6To10,
        Self::From11To20,
        Self::Over20,
    ];

    pub fn of(years: u32) -> Self {
        match years {
            0..=2 => Self::UpTo2,
            3..=5 => Self::From3To5,
            6..=10 => Self::From6To10,
            11..=20 => Self::From11To20,
            _ => Self::Over20,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UpTo2 => "0-2",
            Self::From3To5 => "3-5",
            Self::From6To10 => "6-10",
            Self::From11To20 => "11-20",
            Self::Over20 => "20+",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What a voter said about themselves, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub role: Option<Role>,
    /// One of [`REGIONS`].
    pub region: Option<String>,
    pub years: Option<u32>,
}

impl Answers {
    pub fn band(&self) -> Option<Band> {
        self.years.map(Band::of)
    }
}

/// A proposal as a ballot sees it: its id and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: i64,
    pub status: ProposalStatus,
}

/// The vote form as typed: the address (ignored when signed in), the ticked
/// proposals, the answers and the opt-in for one email.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BallotForm {
    pub email: String,
    pub proposals: Vec<String>,
    pub role: String,
    pub region: String,
    pub years: String,
    pub notify: bool,
}

/// A checked ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub email: Email,
    /// Distinct open proposals, in the order ticked.
    pub proposals: Vec<i64>,
    pub answers: Answers,
    pub notify: bool,
}

impl BallotForm {
    /// Checks the ballot against the round's proposals and its votes per person.
    /// `signed_in`: the account's own address, which counts as verified and replaces
    /// the typed one.
    pub fn parse(
        &self,
        proposals: &[Choice],
        votes_per_person: u32,
        signed_in: Option<&Email>,
    ) -> Result<Ballot, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = match signed_in {
            Some(email) => Some(email.clone()),
            None => {
                let parsed = Email::parse(&self.email);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        "email",
                        if self.email.trim().is_empty() {
                            "survey-error-email-required"
                        } else {
                            "survey-error-email-invalid"
                        },
                    ));
                }
                parsed
            }
        };
        let chosen = match choose(&self.proposals, proposals, votes_per_person) {
            Ok(chosen) => chosen,
            Err(message) => {
                errors.push(FieldError::new("proposals", message));
                Vec::new()
            }
        };
        let answers = match parse_answers(&self.role, &self.region, &self.years) {
            Ok(a) => a,
            Err(mut e) => {
                errors.append(&mut e);
                Answers::default()
            }
        };
        match email {
            Some(email) if errors.is_empty() => Ok(Ballot {
                email,
                proposals: chosen,
                answers,
                notify: self.notify,
            }),
            _ => Err(errors),
        }
    }
}

/// The vote rules: at least one proposal, no more than `allowed`, each an open
/// proposal of this round (a merged or declined one is refused by name, so a stale
/// page says why). Ticking one twice counts once.
pub fn choose(
    ticked: &[String],
    proposals: &[Choice],
    allowed: u32,
) -> Result<Vec<i64>, &'static str> {
    let mut out: Vec<i64> = Vec::new();
    for raw in ticked {
        let id: i64 = raw
            .trim()
            .parse()
            .map_err(|_| "survey-error-unknown-proposal")?;
        let choice = proposals
            .iter()
            .find(|p| p.id == id)
            .ok_or("survey-error-unknown-proposal")?;
        match choice.status {
            ProposalStatus::Open => {}
            ProposalStatus::Merged => return Err("survey-error-proposal-merged"),
            ProposalStatus::Declined => return Err("survey-error-proposal-declined"),
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        Err("survey-error-choose-one")
    } else if out.len() > allowed as usize {
        Err("survey-error-too-many-votes")
    } else {
        Ok(out)
    }
}

/// The optional answers: a known role and region, years a whole number 0–60.
pub fn parse_answers(role: &str, region: &str, years: &str) -> Result<Answers, Vec<FieldError>> {
    let mut errors = Vec::new();
    let role = match role.trim() {
        "" => None,
        raw => Role::parse(raw).or_else(|| {
            errors.push(FieldError::new("role", "survey-error-role"));
            None
        }),
    };
    let region = match region.trim() {
        "" => None,
        raw => match REGIONS.iter().find(|r| **r == raw) {
            Some(r) => Some((*r).to_owned()),
            None => {
                errors.push(FieldError::new("region", "survey-error-region"));
                None
            }
        },
    };
    let years = match years.trim() {
        "" => None,
        raw => match raw.parse::<u32>() {
            Ok(n) if n <= MAX_YEARS => Some(n),
            _ => {
                errors.push(FieldError::new("years", "survey-error-years"));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(Answers {
            role,
            region,
            years,
        })
    } else {
        Err(errors)
    }
}

/// Whether a merge of `source` into `target` is allowed: two different open
/// proposals of the round.
pub fn may_merge(source: Choice, target: Choice) -> Result<(), &'static str> {
    if source.id == target.id {
        Err("survey-error-merge-self")
    } else if source.status != ProposalStatus::Open || target.status != ProposalStatus::Open {
        Err("survey-error-merge-not-open")
    } else {
        Ok(())
    }
}

/// How long an emailed confirmation link works.
pub const BALLOT_VALID_DAYS: i64 = 3;
