//! Organisations: the hosts of activities, with their organisers. Reading one by
//! slug or id, the ones an account manages, their people and activities, and making
//! a new one (platform admins).

use serde::Serialize;

use crate::db::Db;
use crate::db::account::OpenInvitation;
use crate::db::audit::audit;
use crate::domain::access::Roles;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// An organisation as the back office names it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct OrganisationRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub retention_months: i32,
}

/// An organisation to create (by a platform admin).
pub struct NewOrganisation<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub city: &'a str,
    pub website: &'a str,
    pub created_by: i64,
}

/// An organiser of an organisation, as its members page lists them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub name: String,
    pub email: String,
    pub created_at: Timestamp,
}

/// An activity in the back office's list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActivityListRow {
    pub public_id: String,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub confirmed_count: i32,
    pub waitlist_count: i32,
    pub capacity: Option<i32>,
    pub first_start: Option<Timestamp>,
}

impl Db {
    /// Creates an organisation; `None` when its slug is taken. Returns the slug.
    pub async fn create_organisation(
        &self,
        new: &NewOrganisation<'_>,
        now: Timestamp,
    ) -> sqlx::Result<Option<String>> {
        Ok(write_tx!(self, |tx| {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO organisation (slug, name, kind, city, website, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (slug) DO NOTHING RETURNING id",
            )
            .bind(new.slug)
            .bind(new.name)
            .bind(new.kind)
            .bind(new.city)
            .bind(new.website)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else {
                return Ok(None);
            };
            audit!(
                tx,
                organisation = id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = new.created_by,
                action = "organisation_created",
                detail = new.name,
                now = now
            );
            Some(new.slug.to_owned())
        }))
    }

    /// The organisations an account manages: all for a platform admin.
    pub async fn managed_organisations(&self, roles: &Roles) -> sqlx::Result<Vec<OrganisationRef>> {
        let all = roles.admin;
        let ids = &roles.organiser_of;
        on_pool!(self, |pool| {
            let rows: Vec<OrganisationRef> = sqlx::query_as(
                "SELECT id, slug, name, retention_months FROM organisation ORDER BY name",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .filter(|o| all || ids.contains(&o.id))
                .collect())
        })
    }

    /// An organisation by its slug.
    pub async fn organisation_ref_by_id(&self, id: i64) -> sqlx::Result<Option<OrganisationRef>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name, retention_months FROM organisation WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await)
    }

    pub async fn organisation_ref(&self, slug: &str) -> sqlx::Result<Option<OrganisationRef>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name, retention_months FROM organisation WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
    }

    /// The organisers of an organisation and the invitations still open.
    pub async fn organisation_people(
        &self,
        organisation_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<(Vec<Member>, Vec<OpenInvitation>)> {
        on_pool!(self, |pool| {
            let members: Vec<Member> = sqlx::query_as(
                "SELECT a.name, a.email, m.created_at FROM organisation_member m \
                 JOIN account a ON a.id = m.account_id WHERE m.organisation_id = $1 \
                 ORDER BY a.email_key",
            )
            .bind(organisation_id)
            .fetch_all(pool)
            .await?;
            let invitations: Vec<OpenInvitation> = sqlx::query_as(
                "SELECT email, expires_at FROM invitation WHERE organisation_id = $1 \
                 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
            )
            .bind(organisation_id)
            .bind(now)
            .fetch_all(pool)
            .await?;
            Ok((members, invitations))
        })
    }

    /// The activities an organisation hosts, soonest first (those without a date last).
    pub async fn organisation_activities(
        &self,
        organisation_id: i64,
    ) -> sqlx::Result<Vec<ActivityListRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            // The subquery names first_start, which PostgreSQL's ORDER BY may then use
            // in expressions; undated activities last on both databases.
            "SELECT * FROM (SELECT a.public_id, a.slug, a.kind, a.title, a.status, \
             a.confirmed_count, a.waitlist_count, a.capacity, \
             (SELECT MIN(s.starts_at) FROM session s WHERE s.activity_id = a.id) AS first_start \
             FROM activity a JOIN activity_organisation ao ON ao.activity_id = a.id \
             WHERE ao.organisation_id = $1) listed \
             ORDER BY CASE status WHEN 'archived' THEN 1 ELSE 0 END, \
             CASE WHEN first_start IS NULL THEN 1 ELSE 0 END, first_start, title"
        )
        .bind(organisation_id)
        .fetch_all(pool)
        .await)
    }
}
