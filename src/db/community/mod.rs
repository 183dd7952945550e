//! Leerateliers in storage: an atelier's settings and its members (`membership`),
//! its meetings and the answers to them (`meetings`), cases and agendas (`cases`),
//! give and take (`ledger`) and practice research (`research`), and the online
//! space's threads and posts (`space`). The rules are [`crate::domain::community`].

mod cases;
mod ledger;
mod meetings;
mod membership;
mod mine;
mod research;
mod resources;
mod space;

pub use cases::*;
pub use ledger::*;
pub use meetings::*;
pub use membership::*;
pub use mine::*;
pub use research::*;
pub use resources::*;
pub use space::*;

use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};

/// Members are people: their level, what they bring and the decisions about them,
/// their answers, cases, posts and ledger.
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
            "space_mail",
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
    Entry {
        table: "atelier_case",
        columns: &[
            "activity_id",
            "title",
            "situation",
            "question",
            "state",
            "created_at",
        ],
        person: Person::Account("account_id"),
        // The case and what the atelier learned from it stay, as a former member's.
        on_delete: OnDelete::Unlink("account_id"),
        on_retention: OnRetention::Keep("the atelier's shared knowledge, not a registration"),
    },
    Entry {
        table: "agenda_item",
        columns: &["session_id", "title", "starts_at"],
        person: Person::Account("expert_account_id"),
        on_delete: OnDelete::Unlink("expert_account_id"),
        on_retention: OnRetention::Keep("a meeting's agenda, not a registration"),
    },
    Entry {
        table: "case_outcome",
        columns: &["case_id", "learned", "created_at"],
        person: Person::Account("recorded_by"),
        on_delete: OnDelete::Unlink("recorded_by"),
        on_retention: OnRetention::Keep("what the atelier learned, not a registration"),
    },
    Entry {
        table: "meeting_attendance",
        columns: &["session_id", "created_at"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a member's own record, not a registration"),
    },
    Entry {
        table: "ledger_entry",
        columns: &["activity_id", "entry_date", "kind", "minutes", "note"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a member's own record, not a registration"),
    },
    Entry {
        table: "space_thread",
        columns: &["activity_id", "title", "created_at"],
        person: Person::Account("account_id"),
        // Posts stay as a former member's ("oud-lid"), as cases do; a member who
        // leaves can ask to take their posts away first (`remove_posts_of`).
        on_delete: OnDelete::Unlink("account_id"),
        on_retention: OnRetention::Keep("the atelier's conversation, not a registration"),
    },
    Entry {
        table: "space_post",
        columns: &["thread_id", "body", "created_at", "removed_at"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Unlink("account_id"),
        on_retention: OnRetention::Keep("the atelier's conversation, not a registration"),
    },
    Entry {
        table: "space_follow",
        columns: &["thread_id", "created_at"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a member's own setting"),
    },
    Entry {
        table: "post_helpful",
        columns: &["post_id", "created_at"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a member's own marks"),
    },
    Entry {
        table: "atelier_resource",
        columns: &[
            "activity_id",
            "title",
            "url",
            "file_name",
            "file_type",
            "file_size",
            "created_at",
        ],
        person: Person::Account("account_id"),
        // Like a case: what was shared stays the atelier's, as a former member's
        // (the file too); the sharer can remove it themselves before leaving.
        on_delete: OnDelete::Unlink("account_id"),
        on_retention: OnRetention::Keep("the atelier's shared knowledge, not a registration"),
    },
    Entry {
        table: "research_researcher",
        columns: &["name", "role"],
        person: Person::NotAnAccount(
            "researchers named by the kartrekker on a project, like a program's speakers",
        ),
        on_delete: OnDelete::Keep("not an account's data"),
        on_retention: OnRetention::Keep("public credits of a research project"),
    },
];
