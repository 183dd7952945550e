//! Meester-gezel mentoring storage (migration 0024): programmes of an organisation
//! with their coordinators, and profiles per account per programme (here); the
//! requests and their answers ([`requests`]); pairs with their agreement, meeting
//! log (each meeting also in both learning records) and evaluations ([`pairs`]);
//! the demo programme ([`demo`]).
//!
//! A profile belongs to one programme rather than to the account: what someone
//! offers, their limit and whether they are open are said to that programme's
//! people (a coordinator's programme at Movisie is not a regional one), and only
//! that programme's participants may see it.

pub mod demo;
pub mod pairs;
pub mod requests;

use sqlx::AssertSqlSafe;

use crate::db::audit::audit;
use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
use crate::db::{Db, decode_error, new_public_key, placeholders};
use crate::domain::mentoring::matching::Candidate;
use crate::domain::mentoring::profile::Profile;
use crate::domain::mentoring::{Meeting, Role};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// The rows of a pair, found through either person.
const OF_PAIR: &str = "pair_id IN (SELECT id FROM mentoring_pair \
     WHERE mentor_account_id = $1 OR mentee_account_id = $1)";

/// Everything mentoring keeps about a person: deleted with the account (a pair,
/// its log and evaluations go with either person; the other keeps their own
/// learning record entries, which are theirs).
pub const PERSONAL_DATA: &[Entry] = &[
    Entry {
        table: "mentoring_coordinator",
        columns: &["programme_id", "created_at"],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a role, not a registration"),
    },
    Entry {
        table: "mentoring_profile",
        columns: &[
            "programme_id",
            "name",
            "role",
            "years",
            "region",
            "meeting",
            "offers",
            "wants",
            "max_pairs",
            "open",
            "created_at",
        ],
        person: Person::Account("account_id"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("the person's own profile, not a registration"),
    },
    Entry {
        table: "mentoring_request",
        columns: &[
            "programme_id",
            "direction",
            "message",
            "state",
            "answer",
            "expires_at",
            "created_at",
        ],
        person: Person::Where("(asker_account_id = $1 OR asked_account_id = $1)"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("between two account holders, not a registration"),
    },
    Entry {
        table: "mentoring_meeting",
        columns: &[
            "pair_id",
            "held_on",
            "minutes",
            "topics",
            "mentor_learned",
            "mentee_learned",
            "created_at",
        ],
        person: Person::Where(OF_PAIR),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a pair's own log, not a registration"),
    },
    Entry {
        table: "mentoring_evaluation",
        columns: &["pair_id", "body", "created_at"],
        person: Person::Where(OF_PAIR),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("a pair's own evaluation, not a registration"),
    },
    Entry {
        table: "mentoring_pair",
        columns: &[
            "programme_id",
            "reverse",
            "goals",
            "starts_on",
            "months",
            "state",
            "mentor_shares_log",
            "mentee_shares_log",
            "created_at",
        ],
        person: Person::Where("(mentor_account_id = $1 OR mentee_account_id = $1)"),
        on_delete: OnDelete::Delete,
        on_retention: OnRetention::Keep("between two account holders, not a registration"),
    },
];

/// A programme as its pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Programme {
    pub id: i64,
    pub public_id: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    /// The activity it belongs to (one of the organisation's), if any.
    pub activity_id: Option<i64>,
    pub activity_slug: Option<String>,
    pub activity_title: Option<String>,
    pub title: String,
    pub intro: String,
    pub open: bool,
}

const PROGRAMME: &str = "SELECT p.id, p.public_id, p.organisation_id, o.name AS organisation_name, \
     p.activity_id, a.slug AS activity_slug, a.title AS activity_title, p.title, p.intro, p.open \
     FROM mentoring_programme p JOIN organisation o ON o.id = p.organisation_id \
     LEFT JOIN activity a ON a.id = p.activity_id";

/// An activity a programme may be linked to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActivityChoice {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub title: String,
}

/// Moves the revision of activity `$activity` (an `Option<i64>`) on inside `$tx`,
/// so its cached public page, which names its mentoring programme, is made again.
macro_rules! bump_revision {
    ($tx:ident, $activity:expr, $now:expr) => {
        if let Some(activity) = $activity {
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// A new programme.
pub struct NewProgramme<'a> {
    pub organisation_id: i64,
    pub activity_id: Option<i64>,
    pub title: &'a str,
    pub intro: &'a str,
    pub coordinators: &'a [i64],
}

/// A profile as stored, with its id and the account it belongs to.
#[derive(Clone, Debug)]
pub struct StoredProfile {
    pub id: i64,
    pub account_id: i64,
    pub profile: Profile,
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    account_id: i64,
    name: String,
    role: String,
    years: i32,
    region: String,
    meeting: String,
    offers: String,
    wants: String,
    max_pairs: i32,
    open: bool,
    /// Pairs they are in now.
    active: i64,
    /// Their theme ids, as "3 8 12" (one statement reads 5,000 profiles with them).
    themes: Option<String>,
}

impl ProfileRow {
    fn into_profile(self) -> sqlx::Result<(StoredProfile, u32)> {
        let themes = crate::db::agg_ids(self.themes.as_deref());
        let role = Role::parse(&self.role).ok_or_else(|| decode_error("role", &self.role))?;
        let meeting =
            Meeting::parse(&self.meeting).ok_or_else(|| decode_error("meeting", &self.meeting))?;
        Ok((
            StoredProfile {
                id: self.id,
                account_id: self.account_id,
                profile: Profile {
                    name: self.name,
                    role,
                    themes,
                    years: u32::try_from(self.years).unwrap_or(0),
                    region: self.region,
                    meeting,
                    offers: self.offers,
                    wants: self.wants,
                    max_pairs: u32::try_from(self.max_pairs).unwrap_or(1),
                    open: self.open,
                },
            },
            u32::try_from(self.active).unwrap_or(0),
        ))
    }
}

/// The profile columns (`f`), with the number of pairs the person is in now.
const PROFILE: &str = "SELECT f.id, f.account_id, f.name, f.role, f.years, f.region, f.meeting, \
     f.offers, f.wants, f.max_pairs, f.open, \
     (SELECT COUNT(*) FROM mentoring_pair x WHERE x.mentor_account_id = f.account_id \
      AND x.state = 'active' AND x.programme_id = f.programme_id) \
     + (SELECT COUNT(*) FROM mentoring_pair x WHERE x.mentee_account_id = f.account_id \
      AND x.state = 'active' AND x.programme_id = f.programme_id) AS active, \
     (SELECT string_agg(CAST(t.theme_id AS TEXT), ' ') FROM mentoring_profile_theme t \
      WHERE t.profile_id = f.id) AS themes \
     FROM mentoring_profile f";

/// A profile and what the matching needs to know of it.
#[derive(Clone, Debug)]
pub struct Participant {
    pub stored: StoredProfile,
    pub active_pairs: u32,
}

impl Participant {
    /// The profile as a candidate for [`crate::domain::mentoring::matching::suggest`].
    pub fn candidate(&self) -> Candidate {
        let p = &self.stored.profile;
        Candidate {
            account_id: self.stored.account_id,
            role: p.role,
            themes: p.themes.clone(),
            years: p.years,
            region: p.region.clone(),
            meeting: p.meeting,
            open: p.open,
            active_pairs: self.active_pairs,
            max_pairs: p.max_pairs,
        }
    }

    /// Open and under their own limit.
    pub fn available(&self) -> bool {
        self.candidate().available()
    }
}

impl Db {
    /// Adds a programme with its coordinators; its public id.
    pub async fn add_programme(
        &self,
        new: &NewProgramme<'_>,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<String> {
        let public_id = new_public_key();
        write_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO mentoring_programme (public_id, organisation_id, activity_id, title, \
                 intro, open, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) \
                 RETURNING id",
            )
            .bind(&public_id)
            .bind(new.organisation_id)
            .bind(new.activity_id)
            .bind(new.title)
            .bind(new.intro)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            // The activity's page names its programme: it is made again.
            bump_revision!(tx, new.activity_id, now);
            for coordinator in new.coordinators {
                sqlx::query(
                    "INSERT INTO mentoring_coordinator (programme_id, account_id, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (programme_id, account_id) DO NOTHING",
                )
                .bind(id)
                .bind(coordinator)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            audit!(
                tx,
                organisation = new.organisation_id,
                activity = new.activity_id,
                registration = None::<i64>,
                account = Some(account_id),
                action = "mentoring_programme_added",
                detail = new.title,
                now = now
            );
        });
        Ok(public_id)
    }

    /// Makes account `account_id` a coordinator of programme `programme_id`.
    pub async fn add_coordinator(
        &self,
        programme: &Programme,
        account_id: i64,
        by: i64,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO mentoring_coordinator (programme_id, account_id, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (programme_id, account_id) DO NOTHING",
            )
            .bind(programme.id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = programme.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = Some(by),
                action = "mentoring_coordinator_added",
                detail = &programme.title,
                now = now
            );
        });
        Ok(())
    }

    /// Links the programme to activity `activity_id` (or to none), which must be
    /// one of the programme's organisation's; `false` when it is not. Both
    /// activities' pages are made again.
    pub async fn link_programme(
        &self,
        programme: &Programme,
        activity_id: Option<i64>,
        by: i64,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        Ok(write_tx!(self, |tx| {
            let before: Option<Option<i64>> =
                sqlx::query_scalar("SELECT activity_id FROM mentoring_programme WHERE id = $1")
                    .bind(programme.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let of_organisation = match activity_id {
                None => true,
                Some(activity) => sqlx::query_scalar::<_, i64>(
                    "SELECT activity_id FROM activity_organisation \
                     WHERE activity_id = $1 AND organisation_id = $2",
                )
                .bind(activity)
                .bind(programme.organisation_id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some(),
            };
            let Some(before) = before.filter(|_| of_organisation) else {
                return Ok(false);
            };
            if before != activity_id {
                sqlx::query(
                    "UPDATE mentoring_programme SET activity_id = $2, updated_at = $3 \
                     WHERE id = $1",
                )
                .bind(programme.id)
                .bind(activity_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                bump_revision!(tx, before, now);
                bump_revision!(tx, activity_id, now);
                audit!(
                    tx,
                    organisation = programme.organisation_id,
                    activity = activity_id.or(before),
                    registration = None::<i64>,
                    account = Some(by),
                    action = "mentoring_programme_linked",
                    detail = &programme.title,
                    now = now
                );
            }
            true
        }))
    }

    /// The activities of these organisations a programme may be linked to (not
    /// archived), by organisation and title.
    pub async fn programme_activity_choices(
        &self,
        organisations: &[i64],
    ) -> sqlx::Result<Vec<ActivityChoice>> {
        if organisations.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT a.id, o.id AS organisation_id, o.name AS organisation_name, a.title \
             FROM activity a JOIN activity_organisation x ON x.activity_id = a.id \
             JOIN organisation o ON o.id = x.organisation_id \
             WHERE x.organisation_id IN ({}) AND a.status <> 'archived' \
             ORDER BY o.name, o.id, a.title, a.id",
            placeholders(organisations.len(), 1)
        );
        on_pool!(self, |pool| {
            let mut query = sqlx::query_as(AssertSqlSafe(sql.clone()));
            for id in organisations {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })
    }

    /// The open programmes linked to an activity: (public id, title), for its page.
    pub async fn activity_programmes(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Vec<(String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT public_id, title FROM mentoring_programme \
             WHERE activity_id = $1 AND open ORDER BY title, id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Programme `public_id`.
    pub async fn programme(&self, public_id: &str) -> sqlx::Result<Option<Programme>> {
        let sql = format!("{PROGRAMME} WHERE p.public_id = $1");
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(public_id)
            .fetch_optional(pool)
            .await)
    }

    /// Every programme, open ones first (the participant's list shows open ones and
    /// those they take part in).
    pub async fn programmes(&self) -> sqlx::Result<Vec<Programme>> {
        let sql = format!("{PROGRAMME} ORDER BY p.open DESC, p.title, p.id");
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .fetch_all(pool)
            .await)
    }

    /// The ids of the programmes account `account_id` coordinates.
    pub async fn coordinated_by(&self, account_id: i64) -> sqlx::Result<Vec<i64>> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT programme_id FROM mentoring_coordinator WHERE account_id = $1"
        )
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// The coordinators of a programme: (name or address, email).
    pub async fn coordinators(&self, programme_id: i64) -> sqlx::Result<Vec<(String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.name, a.email FROM mentoring_coordinator c JOIN account a \
             ON a.id = c.account_id WHERE c.programme_id = $1 ORDER BY a.name, a.email"
        )
        .bind(programme_id)
        .fetch_all(pool)
        .await)
    }

    async fn participants_where(
        &self,
        condition: &str,
        programme_id: i64,
        account_id: Option<i64>,
    ) -> sqlx::Result<Vec<Participant>> {
        let sql = format!("{PROFILE} WHERE f.programme_id = $1 {condition} ORDER BY f.id");
        let rows: Vec<ProfileRow> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(AssertSqlSafe(sql)).bind(programme_id);
            if let Some(account) = account_id {
                query = query.bind(account);
            }
            query.fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|row| {
                row.into_profile()
                    .map(|(stored, active_pairs)| Participant {
                        stored,
                        active_pairs,
                    })
            })
            .collect()
    }

    /// Every profile of a programme (for the suggestions and the coordinator).
    pub async fn participants(&self, programme_id: i64) -> sqlx::Result<Vec<Participant>> {
        self.participants_where("", programme_id, None).await
    }

    /// Account `account_id`'s profile in the programme.
    pub async fn participant(
        &self,
        programme_id: i64,
        account_id: i64,
    ) -> sqlx::Result<Option<Participant>> {
        Ok(self
            .participants_where("AND f.account_id = $2", programme_id, Some(account_id))
            .await?
            .pop())
    }

    /// Saves account `account_id`'s profile in the programme (new or changed).
    pub async fn save_profile(
        &self,
        programme_id: i64,
        account_id: i64,
        profile: &Profile,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO mentoring_profile (programme_id, account_id, name, role, years, \
                 region, meeting, offers, wants, max_pairs, open, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
                 ON CONFLICT (programme_id, account_id) DO UPDATE SET name = excluded.name, \
                 role = excluded.role, years = excluded.years, region = excluded.region, \
                 meeting = excluded.meeting, offers = excluded.offers, wants = excluded.wants, \
                 max_pairs = excluded.max_pairs, open = excluded.open, \
                 updated_at = excluded.updated_at RETURNING id",
            )
            .bind(programme_id)
            .bind(account_id)
            .bind(&profile.name)
            .bind(profile.role.as_str())
            .bind(profile.years as i32)
            .bind(&profile.region)
            .bind(profile.meeting.as_str())
            .bind(&profile.offers)
            .bind(&profile.wants)
            .bind(profile.max_pairs as i32)
            .bind(profile.open)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM mentoring_profile_theme WHERE profile_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for theme in &profile.themes {
                sqlx::query(
                    "INSERT INTO mentoring_profile_theme (profile_id, theme_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(theme)
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }
}

impl Db {
    /// The account with this address (lower-cased key), if there is one.
    pub async fn account_id_by_key(&self, email_key: &str) -> sqlx::Result<Option<i64>> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT id FROM account WHERE email_key = $1"
        )
        .bind(email_key)
        .fetch_optional(pool)
        .await)
    }
}
