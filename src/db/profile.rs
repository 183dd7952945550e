//! Public people (`profile`: speakers, kartrekkers, contact persons) as a whole:
//! listing them and merging two pages that turn out to be one person.

use crate::db::Db;
use crate::db::audit::audit;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A public person with how often they are named.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileUse {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub affiliation: String,
    /// Activities they are the contact or a kartrekker of, and program items they
    /// speak at.
    pub uses: i64,
}

/// What became of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    Merged,
    /// One of the two is not (or no longer) there.
    NotFound,
}

impl Db {
    /// Every public person, by name, with how often they are named.
    pub async fn profiles(&self) -> sqlx::Result<Vec<ProfileUse>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT p.id, p.slug, p.name, p.affiliation, \
             (SELECT COUNT(*) FROM activity a WHERE a.contact_profile_id = p.id) \
             + (SELECT COUNT(*) FROM activity_facilitator f WHERE f.profile_id = p.id) \
             + (SELECT COUNT(*) FROM program_item_speaker k WHERE k.profile_id = p.id) AS uses \
             FROM profile p ORDER BY p.name, p.affiliation, p.id"
        )
        .fetch_all(pool)
        .await)
    }

    /// Makes `gone` the same person as `keep`: everything that names `gone` names
    /// `keep` (once), `keep` gets what it lacked (affiliation, bio, email, phone),
    /// and `gone` and its page go. Every activity that showed either is refreshed.
    pub async fn merge_profiles(
        &self,
        keep: i64,
        gone: i64,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<MergeOutcome> {
        Ok(write_tx!(self, |tx| {
            let found: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM profile WHERE id IN ($1, $2)")
                    .bind(keep)
                    .bind(gone)
                    .fetch_one(&mut *tx)
                    .await?;
            if keep == gone || found != 2 {
                return Ok(MergeOutcome::NotFound);
            }
            let (name, gone_slug): (String, String) =
                sqlx::query_as("SELECT name, slug FROM profile WHERE id = $1")
                    .bind(gone)
                    .fetch_one(&mut *tx)
                    .await?;
            // The pages that showed either person change.
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $3 \
                 WHERE contact_profile_id IN ($1, $2) \
                 OR id IN (SELECT activity_id FROM activity_facilitator WHERE profile_id IN ($1, $2)) \
                 OR id IN (SELECT s.activity_id FROM session s \
                           JOIN program_item i ON i.session_id = s.id \
                           JOIN program_item_speaker k ON k.program_item_id = i.id \
                           WHERE k.profile_id IN ($1, $2))",
            )
            .bind(keep)
            .bind(gone)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // Where both were named, `keep` already is; the rest moves over.
            for sql in [
                "UPDATE activity SET contact_profile_id = $1 WHERE contact_profile_id = $2",
                "UPDATE activity_facilitator SET profile_id = $1 WHERE profile_id = $2 \
                 AND activity_id NOT IN \
                 (SELECT activity_id FROM activity_facilitator WHERE profile_id = $1)",
                "UPDATE program_item_speaker SET profile_id = $1 WHERE profile_id = $2 \
                 AND program_item_id NOT IN \
                 (SELECT program_item_id FROM program_item_speaker WHERE profile_id = $1)",
                "UPDATE profile SET \
                 affiliation = CASE WHEN affiliation = '' \
                   THEN (SELECT affiliation FROM profile WHERE id = $2) ELSE affiliation END, \
                 bio = CASE WHEN bio = '' THEN (SELECT bio FROM profile WHERE id = $2) ELSE bio END, \
                 email = CASE WHEN email = '' \
                   THEN (SELECT email FROM profile WHERE id = $2) ELSE email END, \
                 phone = CASE WHEN phone = '' \
                   THEN (SELECT phone FROM profile WHERE id = $2) ELSE phone END \
                 WHERE id = $1",
            ] {
                sqlx::query(sql)
                    .bind(keep)
                    .bind(gone)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("UPDATE profile SET updated_at = $2 WHERE id = $1")
                .bind(keep)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            // Rows still naming `gone` name `keep` too: they go with it.
            sqlx::query("DELETE FROM profile WHERE id = $1")
                .bind(gone)
                .execute(&mut *tx)
                .await?;
            audit!(
                tx,
                organisation = None::<i64>,
                activity = None::<i64>,
                registration = None::<i64>,
                account = Some(account_id),
                action = "profiles_merged",
                detail = format!("{name} (/mensen/{gone_slug})"),
                now = now
            );
            MergeOutcome::Merged
        }))
    }
}
