//! Writing activities: create, change, the status steps, removing a draft and the
//! next edition. Each is one transaction that locks the activity's row first.

use super::*;

/// A slug without a date an earlier edition added (`naam-2026-12-03` → `naam`).
pub(super) fn slug_stem(slug: &str) -> &str {
    let bytes = slug.as_bytes();
    let dated = bytes.len() > 11
        && bytes[bytes.len() - 11] == b'-'
        && NaiveDate::parse_from_str(&slug[slug.len() - 10..], "%Y-%m-%d").is_ok();
    if dated {
        &slug[..slug.len() - 11]
    } else {
        slug
    }
}

impl Db {
    /// Creates a draft activity hosted by the actor's organisation. Returns its public
    /// id.
    pub async fn create_activity(
        &self,
        kind: ActivityKind,
        valid: &ValidActivity,
        actor: Actor,
    ) -> sqlx::Result<String> {
        let public_id = crate::db::new_public_key();
        let base = Slug::from_title(&valid.title)
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| kind.as_str().to_owned());
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let slug = unique_slug!(tx, "activity", base);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO activity (slug, public_id, kind, title, status, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $5) RETURNING id",
            )
            .bind(&slug)
            .bind(&public_id)
            .bind(kind.as_str())
            .bind(&valid.title)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO activity_organisation (activity_id, organisation_id, position) \
                 VALUES ($1, $2, 0)",
            )
            .bind(id)
            .bind(actor.organisation_id)
            .execute(&mut *tx)
            .await?;
            write_activity!(tx, id, valid, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_created",
                detail = &valid.title,
                now = now
            );
            public_id.clone()
        }))
    }

    /// Saves the activity form. Capacity below the places taken needs `consent`: nobody
    /// loses a place, newcomers wait. More places go to the waitlist at once.
    pub async fn update_activity(
        &self,
        id: i64,
        valid: &ValidActivity,
        consent: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, id);
            require_editable!(lock);
            let taken = count(lock.confirmed_count);
            let places = capacity(valid.capacity, lock.session_capacity.map(count));
            if !consent && capacity_below_taken(places, taken) {
                return Ok(SaveOutcome::CapacityBelowTaken { taken });
            }
            write_activity!(tx, id, valid, now);
            lock_and_promote!(tx, id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_updated",
                detail = &valid.title,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }

    /// Publishes, cancels or archives. Cancelling emails everyone registered, with
    /// the organiser's `message` when given.
    pub async fn change_status(
        &self,
        activity_id: i64,
        action: StatusAction,
        message: &str,
        actor: Actor,
    ) -> sqlx::Result<StatusOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let current = ActivityStatus::parse(&lock.status)
                .ok_or_else(|| crate::db::decode_error("activity.status", &lock.status))?;
            let Some(next) = transition(current, action) else {
                return Ok(StatusOutcome::NotAllowed(current));
            };
            if next == ActivityStatus::Published {
                let sessions: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM session WHERE activity_id = $1")
                        .bind(activity_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if sessions == 0 {
                    return Ok(StatusOutcome::NoSession);
                }
            }
            sqlx::query(
                "UPDATE activity SET status = $2, revision = revision + 1, updated_at = $3 \
                 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(next.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if next == ActivityStatus::Published {
                crate::db::survey::survey_notices!(tx, activity_id, now);
            }
            let notified = if action == StatusAction::Cancel {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::ActivityCancelled,
                    json!({ "message": message }),
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
                action = format!("activity_{}", next.as_str()),
                detail = if notified > 0 {
                    crate::db::audit::Detail::Emails { emails: notified }.json()
                } else {
                    String::new()
                },
                now = now
            );
            StatusOutcome::Changed {
                status: next,
                notified,
            }
        }))
    }

    /// Deletes a draft that never had a registration, with its sessions, program and
    /// questions. Anything else stays: cancel or archive it instead, so nobody who
    /// registered loses the record of it.
    pub async fn delete_draft(
        &self,
        activity_id: i64,
        actor: Actor,
    ) -> sqlx::Result<DeleteOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = ActivityStatus::parse(&lock.status)
                .ok_or_else(|| crate::db::decode_error("activity.status", &lock.status))?;
            if status != ActivityStatus::Draft {
                return Ok(DeleteOutcome::NotDraft(status));
            }
            let registrations: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM registration WHERE activity_id = $1")
                    .bind(activity_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if registrations > 0 {
                return Ok(DeleteOutcome::HasRegistrations);
            }
            let title: String = sqlx::query_scalar("SELECT title FROM activity WHERE id = $1")
                .bind(activity_id)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM activity WHERE id = $1")
                .bind(activity_id)
                .execute(&mut *tx)
                .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_deleted",
                detail = &title,
                now = now
            );
            DeleteOutcome::Deleted
        }))
    }

    /// Copies an activity as a draft next edition whose first session falls on
    /// `first_date`; every session (and the registration window) moves by the same
    /// number of days at the same Dutch wall-clock times. Registrations are not
    /// copied. Returns the new public id.
    pub async fn duplicate_activity(
        &self,
        activity_id: i64,
        first_date: NaiveDate,
        actor: Actor,
    ) -> sqlx::Result<String> {
        let now = actor.now;
        let public_id = crate::db::new_public_key();
        Ok(write_tx!(self, |tx| {
            let (slug, title, first): (String, String, Option<Timestamp>) = sqlx::query_as(
                "SELECT slug, title, (SELECT MIN(starts_at) FROM session WHERE activity_id = $1) \
                 FROM activity WHERE id = $1",
            )
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
            let days = first
                .map(|f| (first_date - f.with_timezone(&Amsterdam).date_naive()).num_days())
                .unwrap_or(0);
            let base = format!("{}-{}", slug_stem(&slug), first_date.format("%Y-%m-%d"));
            let new_slug = unique_slug!(tx, "activity", base);
            let window: (Option<Timestamp>, Option<Timestamp>) = sqlx::query_as(
                "SELECT registration_opens_at, registration_closes_at FROM activity WHERE id = $1",
            )
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
            let new_id: i64 = sqlx::query_scalar(
                "INSERT INTO activity (slug, public_id, kind, title, subtitle, summary, body, \
                 status, region, cost_cents, cost_note, time_investment, recurrence_note, \
                 participation_note, contact_profile_id, capacity, waitlist_enabled, \
                 registration_open, promotion, offer_hours, organiser_email, \
                 registration_opens_at, registration_closes_at, created_at, updated_at) \
                 SELECT $2, $3, kind, title, subtitle, summary, body, 'draft', region, \
                 cost_cents, cost_note, time_investment, recurrence_note, participation_note, \
                 contact_profile_id, capacity, waitlist_enabled, registration_open, promotion, \
                 offer_hours, organiser_email, $4, $5, $6, $6 FROM activity WHERE id = $1 \
                 RETURNING id",
            )
            .bind(activity_id)
            .bind(&new_slug)
            .bind(&public_id)
            .bind(window.0.map(|t| shift_days(t, days)))
            .bind(window.1.map(|t| shift_days(t, days)))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for sql in [
                "INSERT INTO activity_theme (activity_id, theme_id) \
                 SELECT $2, theme_id FROM activity_theme WHERE activity_id = $1",
                "INSERT INTO activity_audience (activity_id, audience_id) \
                 SELECT $2, audience_id FROM activity_audience WHERE activity_id = $1",
                "INSERT INTO activity_organisation (activity_id, organisation_id, position) \
                 SELECT $2, organisation_id, position FROM activity_organisation WHERE activity_id = $1",
                "INSERT INTO activity_facilitator (activity_id, profile_id, position) \
                 SELECT $2, profile_id, position FROM activity_facilitator WHERE activity_id = $1",
                "INSERT INTO activity_prerequisite (activity_id, required_activity_id) \
                 SELECT $2, required_activity_id FROM activity_prerequisite WHERE activity_id = $1",
                "INSERT INTO activity_link (activity_id, position, title, url) \
                 SELECT $2, position, title, url FROM activity_link WHERE activity_id = $1",
                "INSERT INTO question (activity_id, position, kind, label, help, required, options) \
                 SELECT $2, position, kind, label, help, required, options FROM question \
                 WHERE activity_id = $1",
            ] {
                sqlx::query(sql)
                    .bind(activity_id)
                    .bind(new_id)
                    .execute(&mut *tx)
                    .await?;
            }
            let sessions: Vec<SessionCopyRow> = sqlx::query_as(
                "SELECT id, starts_at, ends_at, venue_id, title, capacity FROM session \
                     WHERE activity_id = $1 ORDER BY starts_at, id",
            )
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
            for (old_session, starts_at, ends_at, venue_id, session_title, places) in sessions {
                let new_session: i64 = sqlx::query_scalar(
                    "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, title, \
                     capacity, created_at, uid) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(new_id)
                .bind(shift_days(starts_at, days))
                .bind(shift_days(ends_at, days))
                .bind(venue_id)
                .bind(&session_title)
                .bind(places)
                .bind(now)
                    .bind(crate::db::session_uid())
                .fetch_one(&mut *tx)
                .await?;
                #[allow(clippy::type_complexity)]
                let items: Vec<(
                    i64,
                    i32,
                    Option<Timestamp>,
                    String,
                    String,
                    String,
                    Option<bool>,
                )> = sqlx::query_as(
                    "SELECT id, position, starts_at, kind, title, description, \
                         counts_for_learning FROM program_item WHERE session_id = $1 \
                         ORDER BY position, id",
                )
                .bind(old_session)
                .fetch_all(&mut *tx)
                .await?;
                for (old_item, position, at, kind, item_title, description, counts) in items {
                    let new_item: i64 = sqlx::query_scalar(
                        "INSERT INTO program_item (session_id, position, starts_at, kind, title, \
                         description, counts_for_learning) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                         RETURNING id",
                    )
                    .bind(new_session)
                    .bind(position)
                    .bind(at.map(|t| shift_days(t, days)))
                    .bind(kind)
                    .bind(item_title)
                    .bind(description)
                    .bind(counts)
                    .fetch_one(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO program_item_speaker (program_item_id, profile_id, position) \
                         SELECT $2, profile_id, position FROM program_item_speaker \
                         WHERE program_item_id = $1",
                    )
                    .bind(old_item)
                    .bind(new_item)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(new_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_duplicated",
                detail = format!("{title} ({slug})"),
                now = now
            );
            public_id.clone()
        }))
    }
}
