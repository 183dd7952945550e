//! Leerateliers in storage: an atelier's settings and its members (`membership`), its
//! meetings and the answers to them (`meetings`), cases and agendas (`cases`), give and take
//! (`ledger`). The online space gets a file here. The rules
//! are [`crate::domain::community`].

mod cases;
mod ledger;
mod meetings;
mod membership;

pub use cases::*;
pub use ledger::*;
pub use meetings::*;
pub use membership::*;

use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};

/// Members are people: their level, what they bring and the decisions about them.
pub const PERSONAL_DATA: &[Entry] = &[
    Entry {
        table: "atelier_member",
        columns: &[
            "activity_id",
            "level",
            "role",
            "state",
            "brings",
            "listed",
            "decision_message",
            "joined_at",
            "created_at",
        ],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep(
            "a membership is not a registration: it ends when they leave",
        ),
    },
    Entry {
        table: "meeting_rsvp",
        columns: &[
            "session_id",
            "answer",
            "invited_at",
            "reminded_at",
            "answered_at",
        ],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("answers belong to the membership, not to a registration"),
    },
];
