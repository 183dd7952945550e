//! An organiser's accreditations of an activity: one per register, whole or per
//! session, with the ID number and points set by hand or left to the program.
//! Each change is one transaction with its audit line; a second accreditation for
//! the same register, or a session that is no longer the activity's, is refused
//! without storing anything.

use crate::db::Db;
use crate::db::audit::audit;
use crate::domain::learning::ValidAccreditation;
use crate::time::{Timestamp, now};
use crate::write_tx;

/// What saving an accreditation came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccreditationSaved {
    Saved(i64),
    /// The activity already has an accreditation by this register.
    RegisterTaken,
    /// A session of the form is no longer the activity's.
    SessionGone,
    /// No such accreditation of this activity.
    NotFound,
}

/// Moves the activity's revision on in `$tx`, so cached public pages are made again.
macro_rules! bump_revision {
    ($tx:ident, $activity_id:expr) => {
        sqlx::query("UPDATE activity SET revision = revision + 1 WHERE id = $1")
            .bind($activity_id)
            .execute(&mut *$tx)
            .await?
    };
}

fn halves(points: Option<crate::domain::learning::Points>) -> Option<i32> {
    points.map(|p| i32::try_from(p.halves()).unwrap_or(i32::MAX))
}

impl Db {
    /// Adds (`existing` `None`) or changes an accreditation of `activity_id`.
    pub async fn save_accreditation(
        &self,
        activity_id: i64,
        existing: Option<i64>,
        valid: &ValidAccreditation,
        by: i64,
    ) -> sqlx::Result<AccreditationSaved> {
        match self
            .write_accreditation(activity_id, existing, valid, by)
            .await
        {
            Ok(saved) => Ok(saved),
            // Two organisers adding the same register at once (PostgreSQL): the
            // unique index answers for the second.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Ok(AccreditationSaved::RegisterTaken)
            }
            Err(e) => Err(e),
        }
    }

    async fn write_accreditation(
        &self,
        activity_id: i64,
        existing: Option<i64>,
        valid: &ValidAccreditation,
        by: i64,
    ) -> sqlx::Result<AccreditationSaved> {
        let now: Timestamp = now();
        Ok(write_tx!(self, |tx| {
            'write: {
                let sessions: Vec<i64> =
                    sqlx::query_scalar("SELECT id FROM session WHERE activity_id = $1")
                        .bind(activity_id)
                        .fetch_all(&mut *tx)
                        .await?;
                if valid.sessions.iter().any(|(s, _, _)| !sessions.contains(s)) {
                    break 'write AccreditationSaved::SessionGone;
                }
                let taken: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM accreditation WHERE activity_id = $1 AND register_id = $2",
                )
                .bind(activity_id)
                .bind(valid.register_id)
                .fetch_optional(&mut *tx)
                .await?;
                if taken.is_some() && taken != existing {
                    break 'write AccreditationSaved::RegisterTaken;
                }
                let id: i64 = match existing {
                    None => {
                        sqlx::query_scalar(
                            "INSERT INTO accreditation (activity_id, register_id, category_id, \
                             id_number, points_halves, per_session, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                        )
                        .bind(activity_id)
                        .bind(valid.register_id)
                        .bind(valid.category_id)
                        .bind(&valid.id_number)
                        .bind(halves(valid.points))
                        .bind(valid.per_session)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?
                    }
                    Some(id) => {
                        let changed = sqlx::query(
                            "UPDATE accreditation SET register_id = $3, category_id = $4, \
                             id_number = $5, points_halves = $6, per_session = $7, \
                             updated_at = $8 WHERE id = $1 AND activity_id = $2",
                        )
                        .bind(id)
                        .bind(activity_id)
                        .bind(valid.register_id)
                        .bind(valid.category_id)
                        .bind(&valid.id_number)
                        .bind(halves(valid.points))
                        .bind(valid.per_session)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if changed == 0 {
                            break 'write AccreditationSaved::NotFound;
                        }
                        sqlx::query(
                            "DELETE FROM accreditation_session WHERE accreditation_id = $1",
                        )
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        id
                    }
                };
                for (session_id, number, points) in &valid.sessions {
                    sqlx::query(
                        "INSERT INTO accreditation_session (accreditation_id, session_id, \
                         id_number, points_halves) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(session_id)
                    .bind(number)
                    .bind(halves(*points))
                    .execute(&mut *tx)
                    .await?;
                }
                // The public page shows the accreditation: every server's cached
                // copy is made again.
                bump_revision!(tx, activity_id);
                audit!(
                    tx,
                    organisation = None::<i64>,
                    activity = Some(activity_id),
                    registration = None::<i64>,
                    account = Some(by),
                    action = if existing.is_some() {
                        "accreditation_changed"
                    } else {
                        "accreditation_added"
                    },
                    detail = &valid.id_number,
                    now = now
                );
                AccreditationSaved::Saved(id)
            }
        }))
    }

    /// Removes accreditation `id` of `activity_id`; `false` when there was none.
    pub async fn remove_accreditation(
        &self,
        activity_id: i64,
        id: i64,
        by: i64,
    ) -> sqlx::Result<bool> {
        let now = now();
        Ok(write_tx!(self, |tx| {
            let number: Option<String> = sqlx::query_scalar(
                "DELETE FROM accreditation WHERE id = $1 AND activity_id = $2 RETURNING id_number",
            )
            .bind(id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(number) = &number {
                bump_revision!(tx, activity_id);
                audit!(
                    tx,
                    organisation = None::<i64>,
                    activity = Some(activity_id),
                    registration = None::<i64>,
                    account = Some(by),
                    action = "accreditation_removed",
                    detail = number,
                    now = now
                );
            }
            number.is_some()
        }))
    }
}
