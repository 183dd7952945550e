//! Learning time and the professional registers: the configured registers
//! ([`Db::registers`]), what an activity is worth per register
//! ([`Db::activity_credit`], worked out by [`crate::domain::learning::credit`]), the
//! organiser's accreditations ([`accreditation`]), a professional's registration
//! numbers ([`numbers`]) and the attendance list for PE-online ([`pe_online`]).

pub mod accreditation;
pub mod numbers;
pub mod pe_online;
pub mod record;
pub mod record_files;

use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
use crate::db::{Db, decode_error};
use crate::domain::activity::ProgramItemKind;
use crate::domain::learning::credit::{SessionProgram, StoredAccreditation};
use crate::domain::learning::{
    ActivityCredit, Category, NumberFormat, Points, ProgramSlot, Register,
};
use crate::on_pool;
use crate::time::Timestamp;

/// A professional's registration numbers are about them (see
/// [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[Entry] = &[Entry {
    table: "account_register",
    columns: &["register_id", "number", "created_at", "updated_at"],
    person: Person::Account("account_id"),
    on_delete: OnDelete::Delete,
    on_retention: OnRetention::Keep("kept by the account holder, not by a registration"),
}];

#[derive(sqlx::FromRow)]
struct RegisterRow {
    id: i64,
    slug: String,
    name: String,
    keeper: String,
    period_years: i32,
    number_prefix: String,
    number_digits: Option<i32>,
    number_to_check: bool,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    register_id: i64,
    slug: String,
    name: String,
    minimum_points: Option<i32>,
    maximum_points: Option<i32>,
    to_check: bool,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    starts_at: Timestamp,
    ends_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    session_id: i64,
    starts_at: Option<Timestamp>,
    kind: String,
    counts_for_learning: Option<bool>,
}

#[derive(sqlx::FromRow)]
struct AccreditationRow {
    id: i64,
    register_id: i64,
    register_slug: String,
    register_name: String,
    category_id: i64,
    category_slug: String,
    category_name: String,
    id_number: String,
    points_halves: Option<i32>,
    per_session: bool,
}

#[derive(sqlx::FromRow)]
struct AccreditationSessionRow {
    accreditation_id: i64,
    session_id: i64,
    id_number: String,
    points_halves: Option<i32>,
}

fn points(halves: Option<i32>) -> Option<Points> {
    halves.map(|h| Points(u32::try_from(h).unwrap_or(0)))
}

fn whole(n: Option<i32>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

impl Db {
    /// The configured registers with their categories, in their order.
    pub async fn registers(&self) -> sqlx::Result<Vec<Register>> {
        let (registers, categories): (Vec<RegisterRow>, Vec<CategoryRow>) =
            on_pool!(self, |pool| {
                let registers = sqlx::query_as(
                    "SELECT id, slug, name, keeper, period_years, number_prefix, number_digits, \
                     number_to_check FROM register ORDER BY position, id",
                )
                .fetch_all(pool)
                .await?;
                let categories = sqlx::query_as(
                    "SELECT id, register_id, slug, name, minimum_points, maximum_points, to_check \
                     FROM register_category ORDER BY register_id, position, id",
                )
                .fetch_all(pool)
                .await?;
                (registers, categories)
            });
        Ok(registers
            .into_iter()
            .map(|r| Register {
                categories: categories
                    .iter()
                    .filter(|c| c.register_id == r.id)
                    .map(|c| Category {
                        id: c.id,
                        slug: c.slug.clone(),
                        name: c.name.clone(),
                        minimum_points: whole(c.minimum_points),
                        maximum_points: whole(c.maximum_points),
                        to_check: c.to_check,
                    })
                    .collect(),
                id: r.id,
                slug: r.slug,
                name: r.name,
                keeper: r.keeper,
                period_years: u32::try_from(r.period_years).unwrap_or(0),
                number: NumberFormat {
                    prefix: r.number_prefix,
                    digits: whole(r.number_digits),
                    to_check: r.number_to_check,
                },
            })
            .collect())
    }

    /// What activity `activity_id` is worth: net learning minutes per session from
    /// its program, and per register its accreditation with the points set by hand
    /// or computed. An activity without sessions has the problem "no program".
    pub async fn activity_credit(&self, activity_id: i64) -> sqlx::Result<ActivityCredit> {
        let (sessions, items, accreditations, per_session): (
            Vec<SessionRow>,
            Vec<ItemRow>,
            Vec<AccreditationRow>,
            Vec<AccreditationSessionRow>,
        ) = on_pool!(self, |pool| {
            let sessions = sqlx::query_as(
                "SELECT id, starts_at, ends_at FROM session WHERE activity_id = $1 \
                 ORDER BY starts_at, id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            let items = sqlx::query_as(
                "SELECT i.session_id, i.starts_at, i.kind, i.counts_for_learning \
                 FROM program_item i JOIN session s ON s.id = i.session_id \
                 WHERE s.activity_id = $1 ORDER BY i.session_id, i.position, i.id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            let accreditations = sqlx::query_as(
                "SELECT a.id, a.register_id, r.slug AS register_slug, r.name AS register_name, \
                 a.category_id, c.slug AS category_slug, c.name AS category_name, a.id_number, \
                 a.points_halves, a.per_session \
                 FROM accreditation a JOIN register r ON r.id = a.register_id \
                 JOIN register_category c ON c.id = a.category_id \
                 WHERE a.activity_id = $1 ORDER BY r.position, r.id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            let per_session = sqlx::query_as(
                "SELECT x.accreditation_id, x.session_id, x.id_number, x.points_halves \
                 FROM accreditation_session x JOIN accreditation a ON a.id = x.accreditation_id \
                 JOIN session s ON s.id = x.session_id \
                 WHERE a.activity_id = $1 ORDER BY s.starts_at, s.id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            (sessions, items, accreditations, per_session)
        });
        let mut programs = Vec::with_capacity(sessions.len());
        for session in &sessions {
            let mut slots = Vec::new();
            for item in items.iter().filter(|i| i.session_id == session.id) {
                slots.push(ProgramSlot {
                    starts_at: item.starts_at,
                    kind: ProgramItemKind::parse(&item.kind)
                        .ok_or_else(|| decode_error("program_item.kind", &item.kind))?,
                    counts: item.counts_for_learning,
                });
            }
            programs.push(SessionProgram {
                session_id: session.id,
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                items: slots,
            });
        }
        let stored = accreditations
            .into_iter()
            .map(|a| StoredAccreditation {
                sessions: per_session
                    .iter()
                    .filter(|s| s.accreditation_id == a.id)
                    .map(|s| (s.session_id, s.id_number.clone(), points(s.points_halves)))
                    .collect(),
                id: a.id,
                register_id: a.register_id,
                register_slug: a.register_slug,
                register_name: a.register_name,
                category_id: a.category_id,
                category_slug: a.category_slug,
                category_name: a.category_name,
                id_number: a.id_number,
                points: points(a.points_halves),
                per_session: a.per_session,
            })
            .collect();
        Ok(ActivityCredit::compute(&programs, stored))
    }
}
