//! The activity's row lock: every change that moves places (a sign-up, a
//! cancellation, an organiser's move, a capacity change, a check-in) first locks the
//! activity's row in its transaction and reads the counters under it. PostgreSQL
//! takes a row lock (`UPDATE … RETURNING`); SQLite's `BEGIN IMMEDIATE` already holds
//! the database's write lock.

use crate::db::count;
use crate::domain::registration::{Counts, Promotion, capacity};

/// The counters and settings read under the activity's row lock.
#[derive(sqlx::FromRow)]
pub(super) struct LockRow {
    pub(super) status: String,
    pub(super) registration_open: bool,
    pub(super) capacity: Option<i32>,
    pub(super) session_capacity: Option<i32>,
    pub(super) confirmed_count: i32,
    pub(super) waitlist_count: i32,
    waitlist_enabled: bool,
    promotion: String,
    offer_hours: i32,
    /// `all` or `any` of the required modules ([`crate::domain::prerequisite::Rule`]);
    /// read only by [`LOCK_ACTIVITY_FOR_SIGNUP`].
    #[sqlx(default)]
    pub(super) prerequisite_rule: String,
    /// How many modules the activity requires (0: anyone may sign up); read only by
    /// [`LOCK_ACTIVITY_FOR_SIGNUP`].
    #[sqlx(default)]
    pub(super) prerequisites: i64,
}

impl LockRow {
    /// Places: the activity's, or fewer when one of its sessions has fewer.
    pub(super) fn capacity(&self) -> Option<u32> {
        capacity(self.capacity.map(count), self.session_capacity.map(count))
    }

    pub(super) fn counts(&self) -> Counts {
        Counts {
            capacity: self.capacity(),
            taken: count(self.confirmed_count),
            waitlisted: count(self.waitlist_count),
            waitlist_enabled: self.waitlist_enabled,
        }
    }

    pub(super) fn promotion(&self) -> Promotion {
        Promotion::from_parts(&self.promotion, count(self.offer_hours))
    }
}

/// Locks the activity's row for the rest of the transaction and reads its counters.
/// `SET updated_at = updated_at` changes nothing but takes the lock on PostgreSQL.
pub(super) const LOCK_ACTIVITY: &str = "UPDATE activity SET updated_at = updated_at WHERE id = $1 \
     RETURNING status, registration_open, capacity, \
     (SELECT MIN(s.capacity) FROM session s WHERE s.activity_id = activity.id) AS session_capacity, \
     confirmed_count, waitlist_count, waitlist_enabled, promotion, offer_hours";

/// [`LOCK_ACTIVITY`] for a sign-up batch: also the prerequisite rule and how many
/// modules are required (a primary-key probe), so a batch for an activity without
/// prerequisites reads nothing more.
pub(super) const LOCK_ACTIVITY_FOR_SIGNUP: &str = "UPDATE activity SET updated_at = updated_at \
     WHERE id = $1 RETURNING status, registration_open, capacity, \
     (SELECT MIN(s.capacity) FROM session s WHERE s.activity_id = activity.id) AS session_capacity, \
     confirmed_count, waitlist_count, waitlist_enabled, promotion, offer_hours, prerequisite_rule, \
     (SELECT COUNT(*) FROM activity_prerequisite p WHERE p.activity_id = activity.id) AS prerequisites";

/// Locks the activity's row in the transaction `$tx` and reads its counters
/// ([`LOCK_ACTIVITY`]); evaluates to the [`LockRow`].
macro_rules! lock_activity {
    ($tx:ident, $id:expr) => {
        sqlx::query_as::<_, LockRow>(LOCK_ACTIVITY)
            .bind($id)
            .fetch_one(&mut *$tx)
            .await?
    };
}
pub(crate) use lock_activity;
