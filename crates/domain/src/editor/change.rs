//! What changed in a published session, for the update email to registrants.

use super::*;

/// What registrants hear about when a published activity changes: its times, its
/// venue, its program, a meeting added or dropped. Kept in the update email's
/// payload and worded in the registrant's language when the email is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Change {
    Time {
        before_start: DateTime<Utc>,
        before_end: DateTime<Utc>,
        after_start: DateTime<Utc>,
        after_end: DateTime<Utc>,
    },
    Venue {
        starts_at: DateTime<Utc>,
        before: Option<String>,
        after: Option<String>,
    },
    Program {
        starts_at: DateTime<Utc>,
    },
    Added {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    Removed {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
}

/// A session as registrants know it: when, where (the venue's name) and its program
/// (each row reduced to what a reader sees).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSnapshot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: Option<String>,
    pub program: Vec<String>,
}

/// The changes from `before` to `after` (either may be missing: a session added or
/// removed).
pub fn session_changes(
    before: Option<&SessionSnapshot>,
    after: Option<&SessionSnapshot>,
) -> Vec<Change> {
    match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(a)) => vec![Change::Added {
            starts_at: a.starts_at,
            ends_at: a.ends_at,
        }],
        (Some(b), None) => vec![Change::Removed {
            starts_at: b.starts_at,
            ends_at: b.ends_at,
        }],
        (Some(b), Some(a)) => {
            let mut changes = Vec::new();
            if (b.starts_at, b.ends_at) != (a.starts_at, a.ends_at) {
                changes.push(Change::Time {
                    before_start: b.starts_at,
                    before_end: b.ends_at,
                    after_start: a.starts_at,
                    after_end: a.ends_at,
                });
            }
            if b.venue != a.venue {
                changes.push(Change::Venue {
                    starts_at: a.starts_at,
                    before: b.venue.clone(),
                    after: a.venue.clone(),
                });
            }
            if b.program != a.program {
                changes.push(Change::Program {
                    starts_at: a.starts_at,
                });
            }
            changes
        }
    }
}
