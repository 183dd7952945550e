//! Membership of an atelier: how a member takes part ([`Level`]), what they are in it
//! ([`MemberRole`]), where their membership stands ([`MemberState`]), the join and
//! settings forms, the kartrekker's decision, and what someone is to one atelier
//! ([`Standing`]) — which decides the pages they reach.

use serde::Serialize;

use crate::access::ActivityRole;
use crate::input::{FieldError, MAX_LINE, line, text};

/// The longest "what I bring" line.
pub const MAX_BRINGS: usize = 300;
/// The longest message with a decision.
pub const MAX_DECISION_MESSAGE: usize = 2_000;

/// How a member takes part: "Je kunt participeren in verschillende gradaties".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Comes to the meetings (and everything else).
    Meetings,
    /// Only the public meetings, and the online space.
    PublicOnly,
    /// Only the online space.
    OnlineOnly,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Meetings, Level::PublicOnly, Level::OnlineOnly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meetings => "meetings",
            Self::PublicOnly => "public_only",
            Self::OnlineOnly => "online_only",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw)
    }

    /// Whether a member at this level is invited to a meeting (`public`: open to
    /// non-members too).
    pub fn invited_to(self, public: bool) -> bool {
        match self {
            Self::Meetings => true,
            Self::PublicOnly => public,
            Self::OnlineOnly => false,
        }
    }
}

/// What a member is in the atelier, besides taking part. The kartrekker is not one of
/// these: that is access to run the atelier (`domain::access`), shown as the role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Member,
    /// Brings expertise from the field to meetings.
    Expert,
    /// The atelier's contact person for questions.
    Contact,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [MemberRole::Member, MemberRole::Expert, MemberRole::Contact];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Expert => "expert",
            Self::Contact => "contact",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

/// Where a membership stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    /// Asked to join; the kartrekker decides.
    Requested,
    /// Invited by the kartrekker and the invitation used: joining needs no decision.
    Invited,
    Active,
    Declined,
    Left,
}

impl MemberState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Invited => "invited",
            Self::Active => "active",
            Self::Declined => "declined",
            Self::Left => "left",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::Requested,
            Self::Invited,
            Self::Active,
            Self::Declined,
            Self::Left,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }
}

/// What asking to join does, given the membership so far (`None`: never asked) and
/// whether the atelier lets people in without a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinStep {
    /// Becomes an active member at once.
    Join,
    /// Waits for the kartrekker.
    Request,
    /// Already a member: the form only changes the settings.
    AlreadyMember,
    /// Already asked; the request is updated and still waits.
    StillWaiting,
}

/// See [`JoinStep`]. A declined or former member may ask again; a declined one waits
/// for a decision again even when joining is open, since someone decided about them.
pub fn join_step(current: Option<MemberState>, open_joining: bool) -> JoinStep {
    match current {
        Some(MemberState::Active) => JoinStep::AlreadyMember,
        Some(MemberState::Requested) => JoinStep::StillWaiting,
        Some(MemberState::Invited) => JoinStep::Join,
        Some(MemberState::Declined) => JoinStep::Request,
        Some(MemberState::Left) | None if open_joining => JoinStep::Join,
        Some(MemberState::Left) | None => JoinStep::Request,
    }
}

/// The join form and the member's own settings: their name (other members and the
/// kartrekker see it; an account made by a sign-in link has none yet), level, what
/// they bring, whether other members see them in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberSettings {
    pub name: String,
    pub level: Level,
    pub brings: String,
    pub listed: bool,
}

/// The join or settings form as sent.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub brings: String,
    /// A checkbox: present ("ja") when ticked.
    #[serde(default)]
    pub listed: Option<String>,
}

impl SettingsForm {
    /// Checks every field; what someone brings is required, since "je haalt niet
    /// enkel, je brengt ook". It is one line, but typed in a box that wraps it (so
    /// the whole sentence stays in view): a line break there counts as a space.
    pub fn parse(&self) -> Result<MemberSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = match line(&self.name, MAX_LINE) {
            Ok(value) if value.is_empty() => {
                errors.push(FieldError {
                    field: "name".into(),
                    message: "community-error-name-required",
                });
                String::new()
            }
            Ok(value) => value,
            Err(message) => {
                errors.push(FieldError {
                    field: "name".into(),
                    message,
                });
                String::new()
            }
        };
        let level = Level::parse(self.level.trim());
        if level.is_none() {
            errors.push(FieldError {
                field: "level".into(),
                message: "community-error-level",
            });
        }
        let brings = self.brings.replace("\r\n", " ").replace(['\r', '\n'], " ");
        let brings = match line(&brings, MAX_BRINGS) {
            Ok(value) if value.is_empty() => {
                errors.push(FieldError {
                    field: "brings".into(),
                    message: "community-error-brings-required",
                });
                String::new()
            }
            Ok(value) => value,
            Err(message) => {
                errors.push(FieldError {
                    field: "brings".into(),
                    message,
                });
                String::new()
            }
        };
        match level {
            Some(level) if errors.is_empty() => Ok(MemberSettings {
                name,
                level,
                brings,
                listed: self.listed.is_some(),
            }),
            _ => Err(errors),
        }
    }
}

/// The kartrekker's answer to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Accept { message: String },
    Decline { message: String },
}

/// The decision form: `decision` is `accept` or `decline`; a message is optional when
/// accepting and required when declining (a person asked and deserves a reason).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub message: String,
}

impl DecisionForm {
    pub fn parse(&self) -> Result<Decision, Vec<FieldError>> {
        let error = |field: &str, message: &'static str| {
            vec![FieldError {
                field: field.into(),
                message,
            }]
        };
        let message = text(&self.message, MAX_DECISION_MESSAGE).map_err(|m| error("message", m))?;
        match self.decision.as_str() {
            "accept" => Ok(Decision::Accept { message }),
            "decline" if message.is_empty() => {
                Err(error("message", "community-error-decline-message"))
            }
            "decline" => Ok(Decision::Decline { message }),
            _ => Err(error("decision", "community-error-decision")),
        }
    }
}

/// What someone is to one atelier: it decides which of its pages they reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Runs it: admin, organiser of a host or kartrekker. Sees everything of it.
    Runs(ActivityRole),
    /// An active member at this level.
    Member(Level),
    /// Asked or invited, not yet in: their own membership page only.
    Waiting(MemberState),
    /// Left or declined, or never asked: the public page only.
    Outside,
}

impl Standing {
    /// From the account's role on the activity and its membership row.
    pub fn of(role: Option<ActivityRole>, membership: Option<(MemberState, Level)>) -> Self {
        match (role, membership) {
            (Some(role), _) => Self::Runs(role),
            (None, Some((MemberState::Active, level))) => Self::Member(level),
            (None, Some((state @ (MemberState::Requested | MemberState::Invited), _))) => {
                Self::Waiting(state)
            }
            _ => Self::Outside,
        }
    }

    /// Whether the member area (the other members, later meetings, cases and the
    /// space) is open to them.
    pub fn inside(self) -> bool {
        matches!(self, Self::Runs(_) | Self::Member(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(level: &str, brings: &str, listed: bool) -> SettingsForm {
        SettingsForm {
            name: "Sanne de Vries".into(),
            level: level.into(),
            brings: brings.into(),
            listed: listed.then(|| "ja".into()),
        }
    }

    #[test]
    fn who_is_invited_follows_the_level() {
        assert!(Level::Meetings.invited_to(false) && Level::Meetings.invited_to(true));
        assert!(!Level::PublicOnly.invited_to(false) && Level::PublicOnly.invited_to(true));
        assert!(!Level::OnlineOnly.invited_to(false) && !Level::OnlineOnly.invited_to(true));
    }

    #[test]
    fn names_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::parse(level.as_str()), Some(level));
        }
        for role in MemberRole::ALL {
            assert_eq!(MemberRole::parse(role.as_str()), Some(role));
        }
        for state in ["requested", "invited", "active", "declined", "left"] {
            assert_eq!(
                MemberState::parse(state).map(MemberState::as_str),
                Some(state)
            );
        }
        assert_eq!(Level::parse("kartrekker"), None);
        assert_eq!(MemberRole::parse("facilitator"), None);
    }

    #[test]
    fn joining_asks_the_kartrekker_unless_the_atelier_is_open() {
        assert_eq!(join_step(None, false), JoinStep::Request);
        assert_eq!(join_step(None, true), JoinStep::Join);
        assert_eq!(join_step(Some(MemberState::Left), true), JoinStep::Join);
        assert_eq!(join_step(Some(MemberState::Left), false), JoinStep::Request);
        assert_eq!(join_step(Some(MemberState::Invited), false), JoinStep::Join);
        assert_eq!(
            join_step(Some(MemberState::Declined), true),
            JoinStep::Request
        );
        assert_eq!(
            join_step(Some(MemberState::Requested), true),
            JoinStep::StillWaiting
        );
        assert_eq!(
            join_step(Some(MemberState::Active), false),
            JoinStep::AlreadyMember
        );
    }

    #[test]
    fn the_settings_form_needs_a_level_and_what_someone_brings() {
        let ok = form("online_only", "  Ervaring met buurtteams ", true)
            .parse()
            .unwrap();
        assert_eq!(ok.level, Level::OnlineOnly);
        assert_eq!(ok.brings, "Ervaring met buurtteams");
        assert!(ok.listed);
        assert!(!form("meetings", "x", false).parse().unwrap().listed);

        let errors = form("", "", false).parse().unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            fields,
            [
                ("level", "community-error-level"),
                ("brings", "community-error-brings-required")
            ]
        );
        let long = "a".repeat(MAX_BRINGS + 1);
        assert_eq!(
            form("meetings", &long, false).parse().unwrap_err()[0].message,
            "error-too-long"
        );
        assert_eq!(
            form("meetings", "a\u{7}b", false).parse().unwrap_err()[0].message,
            "error-control-characters"
        );
        assert_eq!(
            form(
                "meetings",
                "Ervaring met\r\nbuurtteams\nin Heerlen\n",
                false
            )
            .parse()
            .unwrap()
            .brings,
            "Ervaring met buurtteams in Heerlen"
        );
        assert_eq!(
            form("admin", "iets", false).parse().unwrap_err()[0].field,
            "level"
        );
    }

    #[test]
    fn declining_needs_a_reason_and_accepting_does_not() {
        let decide = |decision: &str, message: &str| {
            DecisionForm {
                decision: decision.into(),
                message: message.into(),
            }
            .parse()
        };
        assert_eq!(
            decide("accept", ""),
            Ok(Decision::Accept {
                message: String::new()
            })
        );
        assert_eq!(
            decide("decline", " Vol tot de zomer "),
            Ok(Decision::Decline {
                message: "Vol tot de zomer".into()
            })
        );
        assert_eq!(
            decide("decline", "  ").unwrap_err()[0].message,
            "community-error-decline-message"
        );
        assert_eq!(decide("maybe", "").unwrap_err()[0].field, "decision");
    }

    #[test]
    fn only_runners_and_active_members_are_inside() {
        use MemberState::*;
        assert_eq!(
            Standing::of(Some(ActivityRole::Kartrekker), None),
            Standing::Runs(ActivityRole::Kartrekker)
        );
        assert_eq!(
            Standing::of(None, Some((Active, Level::OnlineOnly))),
            Standing::Member(Level::OnlineOnly)
        );
        assert_eq!(
            Standing::of(None, Some((Requested, Level::Meetings))),
            Standing::Waiting(Requested)
        );
        for state in [Left, Declined] {
            assert_eq!(
                Standing::of(None, Some((state, Level::Meetings))),
                Standing::Outside
            );
        }
        assert!(Standing::Runs(ActivityRole::Admin).inside());
        assert!(Standing::Member(Level::PublicOnly).inside());
        assert!(!Standing::Waiting(Invited).inside() && !Standing::Outside.inside());
    }
}
