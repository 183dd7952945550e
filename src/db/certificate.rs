//! Certificates of attendance: issuing them for an activity's checked-in attendees
//! (by the `issue_certificates` job once the activity ended, or by the organiser's
//! button), each with its values frozen at issue; reading one by its public id for
//! the verification page, the PDF and the Open Badges assertion; revoking one with a
//! reason. Issuing writes the certificate and its email in one transaction and never
//! issues twice for a registration (`UNIQUE (registration_id)`, `ON CONFLICT DO
//! NOTHING`), so the job and the button may race.

use chrono::NaiveDate;
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::AssertSqlSafe;

use crate::certificate::{Document, RegisterLine};
use crate::db::audit::audit;
use crate::db::outbox::{INSERT_OUTBOX_COLUMNS, message_id};
use crate::db::{Db, new_public_key, value_rows};
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A certificate names its holder and the person's Open Badges identity (a salted
/// hash of their address). Deleting the account or passing the registration's
/// retention keeps the certificate without the name: verification then says "niet
/// meer op naam".
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = {
    use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
    &[Entry {
        table: "certificate",
        columns: &[
            "public_id",
            "activity_id",
            "name",
            "activity_title",
            "dates",
            "net_minutes",
            "registers",
            "organiser",
            "issued_at",
            "revoked_at",
            "revoke_reason",
            "anonymised_at",
        ],
        person: Person::Registration,
        on_delete: OnDelete::Blank(ANONYMISED),
        on_retention: OnRetention::Blank("name = '', badge_identity = '', badge_salt = ''"),
    }]
};

/// What anonymising a certificate on account deletion sets (the registry's
/// retention adds `anonymised_at` itself).
const ANONYMISED: &str = "name = '', badge_identity = '', badge_salt = '', \
     anonymised_at = COALESCE(anonymised_at, CURRENT_TIMESTAMP)";

/// Rows per multi-row insert (18 columns: well under both databases' limits).
const ROWS_PER_INSERT: usize = 200;

/// How long after an activity ended the job still issues its certificates: the
/// registers take attendance up to two months after the activity.
pub const ISSUE_WINDOW_DAYS: i64 = 62;

/// One certificate as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CertificateRow {
    pub id: i64,
    pub public_id: String,
    pub registration_id: i64,
    pub activity_id: i64,
    pub activity_slug: String,
    pub lang: String,
    pub name: String,
    pub activity_title: String,
    pub dates: String,
    pub net_minutes: i32,
    pub registers: String,
    pub organiser: String,
    pub signatory: String,
    pub badge_identity: String,
    pub badge_salt: String,
    pub issued_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub revoke_reason: String,
    pub anonymised: bool,
}

const COLUMNS: &str = "c.id, c.public_id, c.registration_id, c.activity_id, \
     a.slug AS activity_slug, c.lang, c.name, c.activity_title, c.dates, c.net_minutes, \
     c.registers, c.organiser, c.signatory, c.badge_identity, c.badge_salt, c.issued_at, \
     c.revoked_at, c.revoke_reason, c.anonymised_at IS NOT NULL AS anonymised";

/// Whether a certificate still counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Valid,
    Revoked(Timestamp),
}

impl CertificateRow {
    pub fn standing(&self) -> Standing {
        match self.revoked_at {
            Some(at) => Standing::Revoked(at),
            None => Standing::Valid,
        }
    }

    pub fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }

    /// The frozen days.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.dates
            .split(',')
            .filter_map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
            .collect()
    }

    /// The frozen accreditation per register.
    pub fn register_lines(&self) -> Vec<RegisterLine> {
        serde_json::from_str::<Vec<StoredRegister>>(&self.registers)
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// The printed number: the year of issue and the row id ("2026-000042").
    pub fn number(&self) -> String {
        format!(
            "{}-{:06}",
            self.issued_at.with_timezone(&Amsterdam).format("%Y"),
            self.id
        )
    }

    /// The PDF's contents; an anonymised certificate names nobody.
    pub fn document(&self, base_url: &str) -> Document {
        let lang = self.lang();
        Document {
            lang,
            name: if self.anonymised {
                lang.t("certificate-anonymised")
            } else {
                self.name.clone()
            },
            activity: self.activity_title.clone(),
            dates: self.days(),
            net_minutes: u32::try_from(self.net_minutes).unwrap_or(0),
            registers: self.register_lines(),
            organiser: self.organiser.clone(),
            signatory: self.signatory.clone(),
            issued_on: self.issued_at.with_timezone(&Amsterdam).date_naive(),
            code: self.number(),
            verify_url: verify_url(base_url, &self.public_id),
        }
    }
}

/// Where a certificate is checked.
pub fn verify_url(base_url: &str, public_id: &str) -> String {
    format!("{base_url}/certificaat/{public_id}")
}

/// A register line as frozen in `certificate.registers`.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredRegister {
    register: String,
    id_number: String,
    category: String,
    points_tenths: u32,
}

impl From<StoredRegister> for RegisterLine {
    fn from(s: StoredRegister) -> Self {
        Self {
            register: s.register,
            id_number: s.id_number,
            category: s.category,
            points_tenths: s.points_tenths,
        }
    }
}

impl From<&RegisterLine> for StoredRegister {
    fn from(l: &RegisterLine) -> Self {
        Self {
            register: l.register.clone(),
            id_number: l.id_number.clone(),
            category: l.category.clone(),
            points_tenths: l.points_tenths,
        }
    }
}

/// What every certificate of one activity freezes, read once per issue.
#[derive(Clone, Debug)]
pub struct Facts {
    pub organisation_id: Option<i64>,
    pub title: String,
    pub dates: Vec<NaiveDate>,
    pub net_minutes: u32,
    pub registers: Vec<RegisterLine>,
    pub organiser: String,
    pub signatory: String,
}

/// The Open Badges recipient identity of an address: `sha256$` and the hex digest
/// of the lower-cased address followed by the salt (Open Badges 2.0, hashed email).
pub fn badge_identity(email: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{}{salt}", email.trim().to_lowercase()));
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// An activity's title, first host (id, name) and contact's name.
type Head = (String, Option<i64>, Option<String>, Option<String>);

/// The outcome of a revocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokeOutcome {
    Revoked,
    /// It was revoked before, at this moment; nothing changed.
    AlreadyRevoked(Timestamp),
    /// No certificate of this activity has that id.
    NotFound,
}

/// An attendee about to get a certificate.
#[derive(sqlx::FromRow)]
struct Attendee {
    id: i64,
    name: String,
    email: String,
    lang: String,
}

impl Db {
    /// The certificate with this public id, whatever its standing.
    pub async fn certificate(&self, public_id: &str) -> sqlx::Result<Option<CertificateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certificate c JOIN activity a ON a.id = c.activity_id \
             WHERE c.public_id = $1"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(public_id)
            .fetch_optional(pool)
            .await)
    }

    /// The certificate of one registration, if one was issued.
    pub async fn certificate_of_registration(
        &self,
        registration_id: i64,
    ) -> sqlx::Result<Option<CertificateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certificate c JOIN activity a ON a.id = c.activity_id \
             WHERE c.registration_id = $1"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(registration_id)
            .fetch_optional(pool)
            .await)
    }

    /// The certificates of an account's registrations, newest first.
    pub async fn certificates_of_account(
        &self,
        account_id: i64,
    ) -> sqlx::Result<Vec<CertificateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certificate c JOIN activity a ON a.id = c.activity_id \
             JOIN registration r ON r.id = c.registration_id \
             WHERE r.account_id = $1 ORDER BY c.issued_at DESC, c.id DESC"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(account_id)
            .fetch_all(pool)
            .await)
    }

    /// Every certificate of an activity, by name.
    pub async fn certificates_of_activity(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Vec<CertificateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certificate c JOIN activity a ON a.id = c.activity_id \
             WHERE c.activity_id = $1 ORDER BY c.name, c.id"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(activity_id)
            .fetch_all(pool)
            .await)
    }

    /// How many checked-in attendees of the activity have no certificate yet.
    pub async fn certificates_due(&self, activity_id: i64) -> sqlx::Result<i64> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM registration r WHERE r.activity_id = $1 \
             AND r.state = 'attended' AND r.anonymised_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.registration_id = r.id)"
        )
        .bind(activity_id)
        .fetch_one(pool)
        .await)
    }

    /// What the activity's certificates freeze: title, days, net time, the
    /// accreditation per register, the first host and who signs.
    pub async fn certificate_facts(&self, activity_id: i64) -> sqlx::Result<Option<Facts>> {
        let head: Option<Head> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.title, \
                 (SELECT o.id FROM activity_organisation x JOIN organisation o \
                  ON o.id = x.organisation_id WHERE x.activity_id = a.id \
                  ORDER BY x.position, o.id LIMIT 1), \
                 (SELECT o.name FROM activity_organisation x JOIN organisation o \
                  ON o.id = x.organisation_id WHERE x.activity_id = a.id \
                  ORDER BY x.position, o.id LIMIT 1), \
                 p.name FROM activity a LEFT JOIN profile p ON p.id = a.contact_profile_id \
                 WHERE a.id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)?;
        let Some((title, organisation_id, organiser, contact)) = head else {
            return Ok(None);
        };
        let starts: Vec<Timestamp> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT starts_at FROM session WHERE activity_id = $1 ORDER BY starts_at"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)?;
        let mut dates: Vec<NaiveDate> = starts
            .iter()
            .map(|s| s.with_timezone(&Amsterdam).date_naive())
            .collect();
        dates.dedup();
        let (net_minutes, registers) = self.certificate_credit(activity_id).await?;
        let organiser = organiser.unwrap_or_default();
        Ok(Some(Facts {
            organisation_id,
            title,
            dates,
            net_minutes,
            registers,
            signatory: contact.unwrap_or_else(|| organiser.clone()),
            organiser,
        }))
    }

    /// Issues certificates to every checked-in attendee of the activity who has none
    /// yet, and queues each its email; returns how many. `by`: the organiser who
    /// pressed the button (`None`: the job).
    pub async fn issue_certificates(
        &self,
        activity_id: i64,
        by: Option<i64>,
        now: Timestamp,
    ) -> sqlx::Result<u64> {
        let Some(facts) = self.certificate_facts(activity_id).await? else {
            return Ok(0);
        };
        let dates = facts
            .dates
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(",");
        let registers = serde_json::to_string(
            &facts
                .registers
                .iter()
                .map(StoredRegister::from)
                .collect::<Vec<_>>(),
        )
        .unwrap_or_else(|_| "[]".to_owned());
        let net_minutes = i64::from(facts.net_minutes);
        let issued = write_tx!(self, |tx| {
            let attendees: Vec<Attendee> = sqlx::query_as(
                "SELECT r.id, r.name, r.email, r.lang FROM registration r \
                 WHERE r.activity_id = $1 AND r.state = 'attended' \
                 AND r.anonymised_at IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.registration_id = r.id) \
                 ORDER BY r.id",
            )
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
            let mut issued: Vec<&Attendee> = Vec::with_capacity(attendees.len());
            for chunk in attendees.chunks(ROWS_PER_INSERT) {
                let sql = format!(
                    "INSERT INTO certificate (public_id, registration_id, activity_id, lang, \
                     name, activity_title, dates, net_minutes, registers, organiser, \
                     signatory, badge_identity, badge_salt, issued_by, issued_at, updated_at, \
                     revoke_reason, anonymised_at) VALUES {} \
                     ON CONFLICT (registration_id) DO NOTHING RETURNING registration_id",
                    value_rows(chunk.len(), 18, 1)
                );
                let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql));
                for attendee in chunk {
                    let salt = new_public_key();
                    query = query
                        .bind(new_public_key())
                        .bind(attendee.id)
                        .bind(activity_id)
                        .bind(attendee.lang.as_str())
                        .bind(attendee.name.as_str())
                        .bind(facts.title.as_str())
                        .bind(dates.as_str())
                        .bind(net_minutes)
                        .bind(registers.as_str())
                        .bind(facts.organiser.as_str())
                        .bind(facts.signatory.as_str())
                        .bind(badge_identity(&attendee.email, &salt))
                        .bind(salt)
                        .bind(by)
                        .bind(now)
                        .bind(now)
                        .bind("")
                        .bind(None::<Timestamp>);
                }
                let inserted = query.fetch_all(&mut *tx).await?;
                issued.extend(chunk.iter().filter(|a| inserted.contains(&a.id)));
            }
            for chunk in issued.chunks(ROWS_PER_INSERT) {
                let sql = format!(
                    "INSERT INTO outbox ({INSERT_OUTBOX_COLUMNS}) VALUES {}",
                    value_rows(chunk.len(), 11, 1)
                );
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for attendee in chunk {
                    query = query
                        .bind(message_id())
                        .bind(MailKind::Certificate.as_str())
                        .bind(attendee.id)
                        .bind(activity_id)
                        .bind(None::<i64>)
                        .bind(attendee.email.as_str())
                        .bind(attendee.lang.as_str())
                        .bind(None::<i32>)
                        .bind(None::<String>)
                        .bind(now)
                        .bind(now);
                }
                query.execute(&mut *tx).await?;
            }
            if by.is_some() && !issued.is_empty() {
                audit!(
                    tx,
                    organisation = facts.organisation_id,
                    activity = Some(activity_id),
                    registration = None::<i64>,
                    account = by,
                    action = "certificates_issued",
                    detail = issued.len().to_string(),
                    now = now
                );
            }
            issued.len() as u64
        });
        Ok(issued)
    }

    /// The job: certificates for every activity that ended within
    /// [`ISSUE_WINDOW_DAYS`] and has checked-in attendees without one.
    pub async fn issue_due_certificates(&self, now: Timestamp) -> sqlx::Result<u64> {
        let since = now - chrono::Duration::days(ISSUE_WINDOW_DAYS);
        let activities: Vec<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT a.id FROM activity a \
             WHERE a.status IN ('published', 'archived') \
             AND EXISTS (SELECT 1 FROM registration r WHERE r.activity_id = a.id \
                 AND r.state = 'attended' AND r.anonymised_at IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.registration_id = r.id)) \
             AND (SELECT MAX(s.ends_at) FROM session s WHERE s.activity_id = a.id) \
                 BETWEEN $1 AND $2 \
             ORDER BY a.id"
        )
        .bind(since)
        .bind(now)
        .fetch_all(pool)
        .await)?;
        let mut total = 0;
        for activity_id in activities {
            total += self.issue_certificates(activity_id, None, now).await?;
        }
        Ok(total)
    }

    /// Revokes a certificate of the activity with the organiser's reason (already
    /// checked non-empty). A revoked certificate stays revoked as it was.
    pub async fn revoke_certificate(
        &self,
        activity_id: i64,
        public_id: &str,
        reason: &str,
        by: i64,
        now: Timestamp,
    ) -> sqlx::Result<RevokeOutcome> {
        Ok(write_tx!(self, |tx| {
            let found: Option<(i64, i64, Option<Timestamp>)> = sqlx::query_as(
                "SELECT id, registration_id, revoked_at FROM certificate \
                 WHERE activity_id = $1 AND public_id = $2",
            )
            .bind(activity_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => RevokeOutcome::NotFound,
                Some((_, _, Some(at))) => RevokeOutcome::AlreadyRevoked(at),
                Some((id, registration_id, None)) => {
                    sqlx::query(
                        "UPDATE certificate SET revoked_at = $2, revoke_reason = $3, \
                         revoked_by = $4, updated_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                    )
                    .bind(id)
                    .bind(now)
                    .bind(reason)
                    .bind(by)
                    .execute(&mut *tx)
                    .await?;
                    let organisation: Option<i64> = sqlx::query_scalar(
                        "SELECT organisation_id FROM activity_organisation \
                         WHERE activity_id = $1 ORDER BY position, organisation_id LIMIT 1",
                    )
                    .bind(activity_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    audit!(
                        tx,
                        organisation = organisation,
                        activity = Some(activity_id),
                        registration = Some(registration_id),
                        account = Some(by),
                        action = "certificate_revoked",
                        detail = reason,
                        now = now
                    );
                    RevokeOutcome::Revoked
                }
            }
        }))
    }
}

impl Db {
    /// The activity's net learning time and accreditation, read from its program
    /// (see [`crate::certificate::net_minutes`]); no register yet.
    async fn certificate_credit(&self, activity_id: i64) -> sqlx::Result<(u32, Vec<RegisterLine>)> {
        let sessions: Vec<(i64, Timestamp, Timestamp)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, starts_at, ends_at FROM session WHERE activity_id = $1 ORDER BY starts_at"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await
        })?;
        let items: Vec<(i64, Option<Timestamp>, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT p.session_id, p.starts_at, p.kind FROM program_item p \
             JOIN session s ON s.id = p.session_id WHERE s.activity_id = $1 \
             ORDER BY p.session_id, p.position, p.id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)?;
        let total = sessions
            .iter()
            .map(|(id, starts, ends)| {
                let program: Vec<(Option<Timestamp>, &str)> = items
                    .iter()
                    .filter(|(session, ..)| session == id)
                    .map(|(_, at, kind)| (*at, kind.as_str()))
                    .collect();
                crate::certificate::net_minutes(*starts, *ends, &program)
            })
            .sum();
        Ok((total, Vec::new()))
    }
}

/// The organisation that issues an activity's badges (its first host).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BadgeIssuer {
    pub slug: String,
    pub name: String,
    pub website: String,
    pub description: String,
}

/// An activity as an Open Badges badge class.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BadgeActivity {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
}

impl Db {
    /// The organisation with this slug, as a badge issuer, when it hosts an activity
    /// that issued certificates (other organisations issue no badges).
    pub async fn badge_issuer(&self, slug: &str) -> sqlx::Result<Option<BadgeIssuer>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT o.slug, o.name, o.website, o.description FROM organisation o \
             WHERE o.slug = $1 AND EXISTS (SELECT 1 FROM activity_organisation x \
             JOIN certificate c ON c.activity_id = x.activity_id \
             WHERE x.organisation_id = o.id)"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
    }

    /// The first host of an activity, as its badges' issuer.
    pub async fn badge_issuer_of(&self, activity_id: i64) -> sqlx::Result<Option<BadgeIssuer>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT o.slug, o.name, o.website, o.description FROM activity_organisation x \
             JOIN organisation o ON o.id = x.organisation_id WHERE x.activity_id = $1 \
             ORDER BY x.position, o.id LIMIT 1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)
    }

    /// The activity with this slug as a badge class, when it issued certificates.
    pub async fn badge_activity(&self, slug: &str) -> sqlx::Result<Option<BadgeActivity>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.id, a.slug, a.title, a.summary FROM activity a WHERE a.slug = $1 \
             AND EXISTS (SELECT 1 FROM certificate c WHERE c.activity_id = a.id)"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
    }
}
