//! The demo mentoring programme (`src/demo/mentoring.json`): linked to the café "De
//! meester-gezel relatie" of Movisie, with a coordinator, six profiles and two pairs
//! with their first meetings — Joost (24 years) mentoring Naima (1 year), and the
//! reverse: Emre (2 years) mentoring Karin (28 years) in digital practice. Each
//! meeting enters both learning records the way a logged one does. Skipped when the
//! café or an account is missing (a test's own data set) and when the programme is
//! there already, so loading twice changes nothing. Writes no email.

use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use crate::db::{Db, new_public_key};
use crate::domain::mentoring::is_reverse;
use crate::domain::mentoring::path::{Agreement, LogEntry};
use crate::domain::mentoring::profile::Profile;
use crate::domain::mentoring::{Meeting, Role};
use crate::on_pool;

const DATA: &str = include_str!("../../demo/mentoring.json");

#[derive(Deserialize)]
struct DemoProgramme {
    activity: String,
    organisation: String,
    title: String,
    intro: String,
    coordinators: Vec<String>,
    profiles: Vec<DemoProfile>,
    pairs: Vec<DemoPair>,
}

#[derive(Deserialize)]
struct DemoProfile {
    email: String,
    role: String,
    themes: Vec<String>,
    years: u32,
    region: String,
    meeting: String,
    offers: String,
    wants: String,
    max_pairs: u32,
}

#[derive(Deserialize)]
struct DemoPair {
    mentor: String,
    mentee: String,
    theme: String,
    goals: String,
    months: u32,
    started_days_ago: i64,
    meetings: Vec<DemoMeeting>,
}

#[derive(Deserialize)]
struct DemoMeeting {
    days_ago: i64,
    minutes: u32,
    topics: String,
    mentor_learned: String,
    mentee_learned: String,
}

impl Db {
    async fn demo_id(&self, sql: &'static str, key: &str) -> sqlx::Result<Option<i64>> {
        on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(key)
            .fetch_optional(pool)
            .await)
    }

    /// Loads the demo programme with dates relative to `today`; whether it did.
    pub async fn load_mentoring_demo(&self, today: NaiveDate) -> anyhow::Result<bool> {
        let data: DemoProgramme = serde_json::from_str(DATA)?;
        let now = crate::time::now();
        let account = "SELECT id FROM account WHERE email_key = $1";
        let (Some(activity), Some(organisation)) = (
            self.demo_id("SELECT id FROM activity WHERE slug = $1", &data.activity)
                .await?,
            self.demo_id(
                "SELECT id FROM organisation WHERE slug = $1",
                &data.organisation,
            )
            .await?,
        ) else {
            return Ok(false);
        };
        if self
            .demo_id(
                "SELECT id FROM mentoring_programme WHERE title = $1",
                &data.title,
            )
            .await?
            .is_some()
        {
            return Ok(false);
        }
        let mut coordinators = Vec::new();
        for email in &data.coordinators {
            match self.demo_id(account, email).await? {
                Some(id) => coordinators.push(id),
                None => return Ok(false),
            }
        }
        let mut accounts = Vec::new();
        for p in &data.profiles {
            match self.demo_id(account, &p.email).await? {
                Some(id) => accounts.push(id),
                None => return Ok(false),
            }
        }
        let themes: Vec<(i64, String)> =
            on_pool!(self, |pool| sqlx::query_as("SELECT id, slug FROM theme")
                .fetch_all(pool)
                .await)?;
        let theme = |slug: &str| themes.iter().find(|(_, s)| s == slug).map(|(id, _)| *id);
        // Written directly, not by `add_programme`: demo data is nobody's action, so
        // it leaves no audit row.
        let public_id = new_public_key();
        let programme_id: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "INSERT INTO mentoring_programme (public_id, organisation_id, activity_id, title, \
             intro, open, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) \
             RETURNING id"
        )
        .bind(&public_id)
        .bind(organisation)
        .bind(activity)
        .bind(&data.title)
        .bind(&data.intro)
        .bind(now)
        .fetch_one(pool)
        .await)?;
        for coordinator in &coordinators {
            on_pool!(self, |pool| sqlx::query(
                "INSERT INTO mentoring_coordinator (programme_id, account_id, created_at) \
                 VALUES ($1, $2, $3)"
            )
            .bind(programme_id)
            .bind(coordinator)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ()))?;
        }
        let programme = self
            .programme(&public_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the demo programme just added is gone"))?;
        let names: Vec<(i64, String)> =
            on_pool!(self, |pool| sqlx::query_as("SELECT id, name FROM account")
                .fetch_all(pool)
                .await)?;
        let mut years = Vec::new();
        for (p, account_id) in data.profiles.iter().zip(&accounts) {
            let mut own: Vec<i64> = p.themes.iter().filter_map(|s| theme(s)).collect();
            own.sort_unstable();
            let profile = Profile {
                name: names
                    .iter()
                    .find(|(id, _)| id == account_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                role: Role::parse(&p.role).unwrap_or(Role::Both),
                themes: own,
                years: p.years,
                region: p.region.clone(),
                meeting: Meeting::parse(&p.meeting).unwrap_or(Meeting::Either),
                offers: p.offers.clone(),
                wants: p.wants.clone(),
                max_pairs: p.max_pairs,
                open: true,
            };
            self.save_profile(programme.id, *account_id, &profile, now)
                .await?;
            years.push((p.email.as_str(), *account_id, p.years));
        }
        let find = |email: &str| years.iter().find(|(e, ..)| *e == email).copied();
        for pair in &data.pairs {
            let (Some((_, mentor, mentor_years)), Some((_, mentee, mentee_years))) =
                (find(&pair.mentor), find(&pair.mentee))
            else {
                continue;
            };
            let pair_id = new_public_key();
            let created = now - Duration::days(pair.started_days_ago);
            on_pool!(self, |pool| sqlx::query(
                "INSERT INTO mentoring_pair (public_id, programme_id, mentor_account_id, \
                 mentee_account_id, reverse, theme_id, state, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)"
            )
            .bind(&pair_id)
            .bind(programme.id)
            .bind(mentor)
            .bind(mentee)
            .bind(is_reverse(mentor_years, mentee_years))
            .bind(theme(&pair.theme))
            .bind(created)
            .execute(pool)
            .await
            .map(|_| ()))?;
            let stored = self
                .programme_pair(programme.id, &pair_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the demo pair just added is gone"))?;
            let agreement = Agreement {
                goals: pair.goals.clone(),
                starts_on: today - Duration::days(pair.started_days_ago),
                months: pair.months,
            };
            self.save_agreement(stored.id, &agreement, now).await?;
            for m in &pair.meetings {
                let entry = LogEntry {
                    held_on: today - Duration::days(m.days_ago),
                    minutes: m.minutes,
                    topics: m.topics.clone(),
                    mentor_learned: m.mentor_learned.clone(),
                    mentee_learned: m.mentee_learned.clone(),
                };
                self.log_meeting(&stored, mentor, &entry, now).await?;
            }
        }
        Ok(true)
    }
}
