//! Writing an activity's sessions (with their program and venue) and questions.
//! Published changes to time, venue or program email the registrants.

use super::*;

/// The audit detail of a session change: which session, what changed, how many were
/// told.
pub(super) fn change_detail(changes: &[Change], starts_at: Timestamp, notified: u64) -> String {
    let what: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Time { .. } => "time",
            Change::Venue { .. } => "venue",
            Change::Program { .. } => "program",
            Change::Added { .. } => "added",
            Change::Removed { .. } => "removed",
        })
        .map(str::to_owned)
        .collect();
    crate::db::audit::Detail::SessionChanged {
        starts_at,
        changes: what,
        emails: notified,
    }
    .json()
}

impl Db {
    /// Creates (`session_id` `None`) or changes a session with its program. When the
    /// activity is published and `notify` is on, registrants get an update email
    /// listing what changed.
    pub async fn save_session(
        &self,
        activity_id: i64,
        session_id: Option<i64>,
        content: &SessionContent,
        notify: bool,
        consent: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        let valid = &content.session;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = require_editable!(lock);
            if let Some(session_id) = session_id {
                let ours: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM session WHERE id = $1 AND activity_id = $2")
                        .bind(session_id)
                        .bind(activity_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if ours.is_none() {
                    return Ok(SaveOutcome::NotFound);
                }
            }
            // The smallest session limit once this one is saved.
            let others: Option<i32> = sqlx::query_scalar(
                "SELECT MIN(capacity) FROM session WHERE activity_id = $1 AND id <> $2",
            )
            .bind(activity_id)
            .bind(session_id.unwrap_or(0))
            .fetch_one(&mut *tx)
            .await?;
            let session_places = match (others.map(count), valid.capacity) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let taken = count(lock.confirmed_count);
            let places = capacity(lock.capacity.map(count), session_places);
            if !consent && capacity_below_taken(places, taken) {
                return Ok(SaveOutcome::CapacityBelowTaken { taken });
            }
            let venue_id: Option<i64> = match (&content.new_venue, &valid.venue) {
                (Some(venue), _) => {
                    let base = Slug::from_title(&format!("{} {}", venue.name, venue.city))
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_else(|| "locatie".to_owned());
                    let slug = unique_slug!(tx, "venue", base);
                    Some(
                        sqlx::query_scalar(
                            "INSERT INTO venue (slug, name, address, postcode, city, route_car, \
                             route_transit, accessibility, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        )
                        .bind(slug)
                        .bind(&venue.name)
                        .bind(&venue.address)
                        .bind(&venue.postcode)
                        .bind(&venue.city)
                        .bind(&venue.route_car)
                        .bind(&venue.route_transit)
                        .bind(&venue.accessibility)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?,
                    )
                }
                (None, Some(slug)) => {
                    sqlx::query_scalar("SELECT id FROM venue WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                (None, None) => None,
            };
            let before = match session_id {
                Some(id) => session_snapshot!(tx, id),
                None => None,
            };
            // A meeting moved in time takes its agenda along: each item keeps its
            // place from the start, and the agenda's version moves on (an agenda
            // form opened before is told, not applied to old times).
            let moved_by = match session_id {
                Some(id) => {
                    let old: Option<Timestamp> =
                        sqlx::query_scalar("SELECT starts_at FROM session WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                    old.map(|old| valid.starts_at - old)
                        .filter(|delta| !delta.is_zero())
                }
                None => None,
            };
            let id: i64 =
                match session_id {
                    Some(id) => {
                        sqlx::query(
                            "UPDATE session SET starts_at = $2, ends_at = $3, venue_id = $4, \
                         title = $5, capacity = $6 WHERE id = $1",
                        )
                        .bind(id)
                        .bind(valid.starts_at)
                        .bind(valid.ends_at)
                        .bind(venue_id)
                        .bind(&valid.title)
                        .bind(u32_to_i32(valid.capacity))
                        .execute(&mut *tx)
                        .await?;
                        id
                    }
                    None => sqlx::query_scalar(
                        "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, title, \
                         capacity, created_at, uid) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    )
                    .bind(activity_id)
                    .bind(valid.starts_at)
                    .bind(valid.ends_at)
                    .bind(venue_id)
                    .bind(&valid.title)
                    .bind(u32_to_i32(valid.capacity))
                    .bind(now)
                    .bind(crate::db::session_uid())
                    .fetch_one(&mut *tx)
                    .await?,
                };
            if let Some(delta) = moved_by {
                let items: Vec<(i64, Timestamp, Timestamp)> = sqlx::query_as(
                    "SELECT id, starts_at, ends_at FROM agenda_item WHERE session_id = $1",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
                for (item, starts_at, ends_at) in &items {
                    sqlx::query(
                        "UPDATE agenda_item SET starts_at = $2, ends_at = $3 WHERE id = $1",
                    )
                    .bind(item)
                    .bind(*starts_at + delta)
                    .bind(*ends_at + delta)
                    .execute(&mut *tx)
                    .await?;
                }
                if !items.is_empty() {
                    sqlx::query(
                        "UPDATE session SET agenda_version = agenda_version + 1 WHERE id = $1",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            write_program!(tx, id, content.program, now);
            let after = session_snapshot!(tx, id);
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            lock_and_promote!(tx, activity_id, now);
            let changes = session_changes(before.as_ref(), after.as_ref());
            let notified = if notify && status == ActivityStatus::Published && !changes.is_empty() {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::Updated,
                    json!({ "changes": changes }),
                    now
                )
            } else {
                0
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if session_id.is_some() {
                    "session_updated"
                } else {
                    "session_added"
                },
                detail = change_detail(&changes, valid.starts_at, notified),
                now = now
            );
            SaveOutcome::Saved { notified }
        }))
    }

    /// Removes a session (and its program). Registrants of a published activity are
    /// told when `notify` is on.
    pub async fn delete_session(
        &self,
        activity_id: i64,
        session_id: i64,
        notify: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = require_editable!(lock);
            let before = session_snapshot!(tx, session_id);
            let removed: Option<RemovedRow> = sqlx::query_as(
                "SELECT s.id, s.uid, s.title, s.starts_at, s.ends_at, v.name, v.address, \
                 v.postcode, v.city FROM session s LEFT JOIN venue v ON v.id = s.venue_id \
                 WHERE s.id = $1 AND s.activity_id = $2",
            )
            .bind(session_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(removed) = removed else {
                return Ok(SaveOutcome::NotFound);
            };
            if status == ActivityStatus::Published {
                let sessions: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM session WHERE activity_id = $1")
                        .bind(activity_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if sessions <= 1 {
                    return Ok(SaveOutcome::LastSession);
                }
                // Calendars that had it must hear it is off: it stays in the feeds
                // as a cancelled event (a draft's sessions were never announced).
                sqlx::query(
                    "INSERT INTO removed_session (uid, activity_id, title, starts_at, ends_at, \
                     location, removed_at, series_date) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT series_date FROM session WHERE id = $8))",
                )
                .bind(removed.uid())
                .bind(activity_id)
                .bind(&removed.2)
                .bind(removed.3)
                .bind(removed.4)
                .bind(removed.location())
                .bind(now)
                // An atelier meeting's series date: the series does not make it again.
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            }
            let deleted = sqlx::query("DELETE FROM session WHERE id = $1 AND activity_id = $2")
                .bind(session_id)
                .bind(activity_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if deleted == 0 {
                return Ok(SaveOutcome::NotFound);
            }
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // A dropped session may have been the one with the fewest places.
            lock_and_promote!(tx, activity_id, now);
            let changes = session_changes(before.as_ref(), None);
            let notified = if notify && status == ActivityStatus::Published {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::Updated,
                    json!({ "changes": changes }),
                    now
                )
            } else {
                0
            };
            let starts_at = before.map(|b| b.starts_at).unwrap_or(now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "session_removed",
                detail = change_detail(&changes, starts_at, notified),
                now = now
            );
            SaveOutcome::Saved { notified }
        }))
    }

    /// Adds (`question_id` `None`) or changes a question of the activity's form.
    pub async fn save_question(
        &self,
        activity_id: i64,
        question_id: Option<i64>,
        question: &ValidQuestion,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        let kind = match question.kind {
            crate::domain::registration::QuestionKind::Text => "text",
            crate::domain::registration::QuestionKind::Choice => "choice",
        };
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            require_editable!(lock);
            let changed = match question_id {
                Some(id) => sqlx::query(
                    "UPDATE question SET kind = $3, label = $4, help = $5, required = $6, \
                     options = $7 WHERE id = $1 AND activity_id = $2",
                )
                .bind(id)
                .bind(activity_id)
                .bind(kind)
                .bind(&question.label)
                .bind(&question.help)
                .bind(question.required)
                .bind(&question.options)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                None => sqlx::query(
                    "INSERT INTO question (activity_id, position, kind, label, help, required, \
                     options) SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6 \
                     FROM question WHERE activity_id = $1",
                )
                .bind(activity_id)
                .bind(kind)
                .bind(&question.label)
                .bind(&question.help)
                .bind(question.required)
                .bind(&question.options)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            };
            if changed == 0 {
                return Ok(SaveOutcome::NotFound);
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if question_id.is_some() {
                    "question_updated"
                } else {
                    "question_added"
                },
                detail = &question.label,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }

    /// Removes a question and its answers.
    pub async fn delete_question(
        &self,
        activity_id: i64,
        question_id: i64,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            require_editable!(lock);
            let label: Option<String> = sqlx::query_scalar(
                "DELETE FROM question WHERE id = $1 AND activity_id = $2 RETURNING label",
            )
            .bind(question_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(label) = label else {
                return Ok(SaveOutcome::NotFound);
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "question_removed",
                detail = label,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }
}

/// A session as it was removed: id, uid, title, times and its venue's address parts.
#[derive(sqlx::FromRow)]
struct RemovedRow(
    i64,
    String,
    String,
    Timestamp,
    Timestamp,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl RemovedRow {
    /// The uid calendars know it by (`session-<id>` for sessions from before
    /// migration 0008 that a test or an old tool inserted without one).
    fn uid(&self) -> String {
        match self.1.as_str() {
            "" => format!("session-{}", self.0),
            uid => uid.to_owned(),
        }
    }

    /// The location as the feeds showed it.
    fn location(&self) -> Option<String> {
        let name = self.5.clone()?;
        Some(
            crate::db::catalog::VenueRow {
                id: 0,
                slug: String::new(),
                name,
                address: self.6.clone().unwrap_or_default(),
                postcode: self.7.clone().unwrap_or_default(),
                city: self.8.clone().unwrap_or_default(),
                route_car: String::new(),
                route_transit: String::new(),
                accessibility: String::new(),
            }
            .full_address(),
        )
    }
}
