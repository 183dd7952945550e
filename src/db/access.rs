//! The roles an account holds, read for every signed-in request and API call, and
//! granting and removing the roles on single resources (a kartrekker of one
//! activity). What each role may do is [`crate::domain::access`].

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Access to single resources is about a person (see [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[Entry] = &[Entry {
    table: "activity_facilitator_account",
    columns: &["activity_id", "created_at"],
    person: Person::Account("account_id"),
    on_delete: OnDelete::Delete,
    on_retention: OnRetention::Keep("the person's own until they delete it"),
}];

/// The columns that read the roles of account `a` (aliased so) in the same
/// statement as the account: `organiser_of` and `kartrekker_of`, each the ids as
/// text for [`roles`].
pub(crate) const ROLE_COLUMNS: &str = "(SELECT string_agg(CAST(organisation_id AS TEXT), ' ') \
     FROM organisation_member WHERE account_id = a.id) AS organiser_of, \
     (SELECT string_agg(CAST(activity_id AS TEXT), ' ') FROM activity_facilitator_account \
     WHERE account_id = a.id) AS kartrekker_of";

/// The roles read by [`ROLE_COLUMNS`].
pub(crate) fn roles(
    admin: bool,
    organiser_of: Option<&str>,
    kartrekker_of: Option<&str>,
) -> crate::domain::access::Roles {
    crate::domain::access::Roles {
        admin,
        organiser_of: crate::db::agg_ids(organiser_of),
        kartrekker_of: crate::db::agg_ids(kartrekker_of),
    }
}

/// Someone with access to one activity as its kartrekker.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct KartrekkerRow {
    /// The account's public id (the remove button names it).
    pub public_id: String,
    pub name: String,
    pub email: String,
    pub since: Timestamp,
}

/// An invitation to be kartrekker that is not used yet.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenKartrekkerInvitation {
    pub email: String,
    pub expires_at: Timestamp,
}

/// An activity someone is the kartrekker of, for their dashboard.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct KartrekkerActivity {
    pub public_id: String,
    pub title: String,
}

impl Db {
    /// The kartrekkers with an account of activity `activity_id`, by name.
    pub async fn kartrekkers(&self, activity_id: i64) -> sqlx::Result<Vec<KartrekkerRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.public_id, a.name, a.email, f.created_at AS since \
             FROM activity_facilitator_account f JOIN account a ON a.id = f.account_id \
             WHERE f.activity_id = $1 ORDER BY a.name, a.email"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Invitations to be kartrekker of `activity_id` that can still be used.
    pub async fn open_kartrekker_invitations(
        &self,
        activity_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<Vec<OpenKartrekkerInvitation>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT email, expires_at FROM invitation WHERE activity_id = $1 AND NOT membership \
             AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at"
        )
        .bind(activity_id)
        .bind(now)
        .fetch_all(pool)
        .await)
    }

    /// The activities account `account_id` is a kartrekker of, by title.
    pub async fn kartrekker_activities(
        &self,
        account_id: i64,
    ) -> sqlx::Result<Vec<KartrekkerActivity>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.public_id, a.title FROM activity_facilitator_account f \
             JOIN activity a ON a.id = f.activity_id WHERE f.account_id = $1 ORDER BY a.title"
        )
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// Takes away the access of the kartrekker with account `public_id`; `false`
    /// when they had none. Logged in the host's audit log.
    pub async fn remove_kartrekker(
        &self,
        activity_id: i64,
        public_id: &str,
        actor: Actor,
    ) -> sqlx::Result<bool> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let removed: Option<String> = sqlx::query_scalar(
                "DELETE FROM activity_facilitator_account WHERE activity_id = $1 \
                 AND account_id = (SELECT id FROM account WHERE public_id = $2) \
                 RETURNING (SELECT email FROM account WHERE public_id = $2)",
            )
            .bind(activity_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(email) = removed else {
                return Ok(false);
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "kartrekker_removed",
                detail = &email,
                now = now
            );
            true
        }))
    }
}
