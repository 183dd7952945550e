//! The personal-data registry: every table that holds something about a person is
//! declared by the feature that stores it (a `PERSONAL_DATA` list in its storage
//! module, named once in [`FEATURES`]), with
//! - how one account's rows are found ([`Person`]),
//! - what deleting the account does to them ([`OnDelete`]),
//! - what happens when an activity's registrations pass their retention, or a
//!   theme inventory round its own ([`OnRetention`]).
//!
//! Account deletion ([`Db::delete_account`]), the data download
//! ([`Db::stored_about`], part of the account's JSON) and the anonymisation job
//! ([`crate::db::privacy`]) walk this one list, so a new table is handled by all
//! three once it is declared. A test fails when a table with an email, name,
//! phone or recipient column is declared nowhere ([`NOT_PERSONAL`] lists the
//! tables whose names are not people's).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::db::Db;
use crate::{on_pool, write_tx};

/// One table's personal data.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub table: &'static str,
    /// The columns about the person, shown in their data download.
    pub columns: &'static [&'static str],
    pub person: Person,
    pub on_delete: OnDelete,
    pub on_retention: OnRetention,
}

/// How the rows of one account (`$1`: its id) are found.
#[derive(Clone, Copy, Debug)]
pub enum Person {
    /// `{column} = $1`.
    Account(&'static str),
    /// Rows for the account's address (`email_key`), also made before it existed.
    EmailKey,
    /// Rows that hang off the account's registrations (`registration_id`).
    Registration,
    /// Rows found by a condition on `$1` (the account's id): a row about two
    /// people (`(asker_account_id = $1 OR asked_account_id = $1)`), or rows that
    /// hang off such a row.
    Where(&'static str),
    /// Not about an account holder; why the rows stay as they are.
    NotAnAccount(&'static str),
}

/// What deleting an account does to its rows.
#[derive(Clone, Copy, Debug)]
pub enum OnDelete {
    Delete,
    /// `{column} = NULL`: the row stays without the link to the account.
    Unlink(&'static str),
    /// Why they stay.
    Keep(&'static str),
    /// `SET {assignments}`: the row stays without what names the person (a
    /// certificate stays checkable, "niet meer op naam").
    Blank(&'static str),
}

/// What happens to the rows of an activity's registrations past retention.
#[derive(Clone, Copy, Debug)]
pub enum OnRetention {
    /// Rows with the registration's `registration_id` are deleted.
    Delete,
    /// The registration row itself: `SET {assignments}` (with `anonymised_at`).
    Blank(&'static str),
    /// Why they stay.
    Keep(&'static str),
    /// Rows of a theme inventory round (`round_id = $1`), once the round closed
    /// longer ago than its organisation keeps personal data (the same term as its
    /// registrations; the `anonymise_survey_voters` job,
    /// [`crate::db::survey::retention`]): `SET {assignments}`, keeping what the
    /// results count, or deleted (`None`).
    Round(Option<&'static str>),
}

/// Every feature's declarations, one line each.
pub const FEATURES: &[(&str, &[Entry])] = &[
    ("account", crate::db::account::PERSONAL_DATA),
    ("access", crate::db::access::PERSONAL_DATA),
    ("api_token", crate::db::api_token::PERSONAL_DATA),
    ("registration", crate::db::registration::PERSONAL_DATA),
    ("check_in", crate::db::check_in::PERSONAL_DATA),
    ("certificate", crate::db::certificate::PERSONAL_DATA),
    ("mail", crate::db::outbox::PERSONAL_DATA),
    ("audit", crate::db::audit::PERSONAL_DATA),
    ("catalog", crate::db::catalog::PERSONAL_DATA),
    ("community", crate::db::community::PERSONAL_DATA),
    ("prerequisite", crate::db::prerequisite::PERSONAL_DATA),
    ("learning", crate::db::learning::PERSONAL_DATA),
    ("record", crate::db::learning::record::PERSONAL_DATA),
    ("survey", crate::db::survey::PERSONAL_DATA),
    ("mentoring", crate::db::mentoring::PERSONAL_DATA),
];

/// Tables with a `name`-like column that names no person.
pub const NOT_PERSONAL: &[(&str, &str)] = &[
    ("organisation", "an organisation's name"),
    ("venue", "a place's name"),
    ("register", "a professional register's name"),
    ("register_category", "a register category's name"),
];

/// Every entry, with its feature.
pub fn entries() -> impl Iterator<Item = (&'static str, &'static Entry)> {
    FEATURES
        .iter()
        .flat_map(|(feature, entries)| entries.iter().map(move |entry| (*feature, entry)))
}

/// The condition that finds one account's rows (`$1`: its id); `None` when the
/// rows are not about account holders.
fn account_rows(person: Person) -> Option<String> {
    match person {
        Person::Account(column) => Some(format!("{column} = $1")),
        Person::EmailKey => {
            Some("email_key = (SELECT email_key FROM account WHERE id = $1)".to_owned())
        }
        Person::Registration => Some(
            "registration_id IN (SELECT id FROM registration WHERE account_id = $1)".to_owned(),
        ),
        Person::Where(condition) => Some(condition.to_owned()),
        Person::NotAnAccount(_) => None,
    }
}

/// The statements that delete account `$1`, in order: rows found through the
/// account's registrations first (before the registrations let go of the account),
/// then the other tables, the account's own row last (the others find their rows
/// through it).
pub fn deletion_statements() -> Vec<String> {
    let mut statements: Vec<(u8, String)> = entries()
        .filter_map(|(_, entry)| {
            let rows = account_rows(entry.person)?;
            let sql = match entry.on_delete {
                OnDelete::Delete => format!("DELETE FROM {} WHERE {rows}", entry.table),
                OnDelete::Unlink(column) => {
                    format!("UPDATE {} SET {column} = NULL WHERE {rows}", entry.table)
                }
                OnDelete::Blank(assignments) => {
                    format!("UPDATE {} SET {assignments} WHERE {rows}", entry.table)
                }
                OnDelete::Keep(_) => return None,
            };
            let order = match entry.person {
                Person::Registration => 0,
                _ if entry.table == "account" => 2,
                _ => 1,
            };
            Some((order, sql))
        })
        .collect();
    statements.sort_by_key(|(order, _)| *order);
    statements.into_iter().map(|(_, sql)| sql).collect()
}

/// The statements that anonymise the registrations of activity `$1` not yet
/// anonymised: rows that hang off them first, then the registrations (these bind
/// `$2`, now: the flag says which).
pub fn retention_statements() -> Vec<(String, bool)> {
    const OF_ACTIVITY: &str =
        "SELECT id FROM registration WHERE activity_id = $1 AND anonymised_at IS NULL";
    let deletes = entries().filter_map(|(_, entry)| match entry.on_retention {
        OnRetention::Delete => Some((
            format!(
                "DELETE FROM {} WHERE registration_id IN ({OF_ACTIVITY})",
                entry.table
            ),
            false,
        )),
        _ => None,
    });
    // Rows of the activity's own that name a person (waiting sign-ups, statements)
    // are blanked too; the registrations' statement goes last, its count is the
    // number anonymised.
    let mut blanks: Vec<(&str, (String, bool))> = entries()
        .filter_map(|(_, entry)| match entry.on_retention {
            OnRetention::Blank(assignments) => Some((
                entry.table,
                (
                    format!(
                        "UPDATE {} SET {assignments}, anonymised_at = $2, updated_at = $2 \
                         WHERE activity_id = $1 AND anonymised_at IS NULL",
                        entry.table
                    ),
                    true,
                ),
            )),
            _ => None,
        })
        .collect();
    blanks.sort_by_key(|(table, _)| *table == "registration");
    deletes
        .chain(blanks.into_iter().map(|(_, statement)| statement))
        .collect()
}

/// The statements that anonymise theme inventory round `$1` past its retention:
/// the deletions first, then the rows blanked in place.
pub fn round_retention_statements() -> Vec<String> {
    let mut statements: Vec<(bool, String)> = entries()
        .filter_map(|(_, entry)| match entry.on_retention {
            OnRetention::Round(None) => Some((
                false,
                format!("DELETE FROM {} WHERE round_id = $1", entry.table),
            )),
            OnRetention::Round(Some(assignments)) => Some((
                true,
                format!(
                    "UPDATE {} SET {assignments} WHERE round_id = $1",
                    entry.table
                ),
            )),
            _ => None,
        })
        .collect();
    statements.sort_by_key(|(blank, _)| *blank);
    statements.into_iter().map(|(_, sql)| sql).collect()
}

/// The rows of one table about a person, column → value as text.
#[derive(Clone, Debug, Serialize)]
pub struct StoredTable {
    pub feature: &'static str,
    pub table: &'static str,
    pub rows: Vec<BTreeMap<String, Option<String>>>,
}

impl Db {
    /// Everything the registry finds about account `account_id`, table by table
    /// (tables without rows left out).
    pub async fn stored_about(&self, account_id: i64) -> sqlx::Result<Vec<StoredTable>> {
        let mut tables = Vec::new();
        for (feature, entry) in entries() {
            let Some(rows) = account_rows(entry.person) else {
                continue;
            };
            let columns = entry
                .columns
                .iter()
                .map(|c| format!("CAST({c} AS TEXT)"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("SELECT {columns} FROM {} WHERE {rows}", entry.table);
            let values: Vec<Vec<Option<String>>> = on_pool!(self, |pool| {
                use sqlx::Row;
                sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(account_id)
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(|row| {
                        (0..entry.columns.len())
                            .map(|i| row.try_get::<Option<String>, _>(i))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?
            });
            if values.is_empty() {
                continue;
            }
            tables.push(StoredTable {
                feature,
                table: entry.table,
                rows: values
                    .into_iter()
                    .map(|row| {
                        entry
                            .columns
                            .iter()
                            .map(|c| (*c).to_owned())
                            .zip(row)
                            .collect()
                    })
                    .collect(),
            });
        }
        Ok(tables)
    }

    /// Deletes an account by the registry: its sessions, links, invitations,
    /// memberships, access and tokens go; its registrations stay with the
    /// organisers as guest registrations (anonymised after their retention); the
    /// audit log keeps the event without the account. `false` when there was none.
    pub async fn delete_account(&self, account_id: i64) -> sqlx::Result<bool> {
        let statements = deletion_statements();
        Ok(write_tx!(self, |tx| {
            let mut deleted = false;
            for sql in &statements {
                let done = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if sql.starts_with("DELETE FROM account ") {
                    deleted = done == 1;
                }
            }
            deleted
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_is_declared_once_and_the_account_goes_last() {
        let mut tables: Vec<&str> = entries().map(|(_, e)| e.table).collect();
        let all = tables.len();
        tables.sort_unstable();
        tables.dedup();
        assert_eq!(tables.len(), all, "a table declared twice");
        let statements = deletion_statements();
        assert!(
            statements
                .last()
                .unwrap()
                .starts_with("DELETE FROM account WHERE id = $1")
        );
        assert!(
            statements
                .iter()
                .any(|s| s.contains("UPDATE registration SET account_id = NULL"))
        );
        let retention = retention_statements();
        assert!(
            retention
                .last()
                .unwrap()
                .0
                .starts_with("UPDATE registration SET name = ''")
        );
        assert!(
            retention
                .iter()
                .any(|(s, now)| s.starts_with("UPDATE certificate SET name = ''") && *now)
        );
        assert!(
            retention
                .iter()
                .any(|(s, now)| s.starts_with("DELETE FROM answer") && !now)
        );
        // Rows blanked in place belong to an activity (`activity_id`), and the
        // registrations' own statement is the last.
        let blanked: Vec<&str> = entries()
            .filter(|(_, e)| matches!(e.on_retention, OnRetention::Blank(_)))
            .map(|(_, e)| e.table)
            .collect();
        assert!(blanked.contains(&"registration") && blanked.contains(&"prerequisite_hold"));
        assert!(
            statements
                .iter()
                .any(|s| s.starts_with("UPDATE certificate SET name = ''"))
        );
        // A closed inventory round: its waiting ballots go, its voters and
        // proposers lose their addresses; nothing of a registration is touched.
        let round = round_retention_statements();
        assert_eq!(round[0], "DELETE FROM survey_ballot WHERE round_id = $1");
        assert!(
            round[1..]
                .iter()
                .all(|s| s.starts_with("UPDATE survey_") && s.ends_with("WHERE round_id = $1"))
        );
        assert!(
            round
                .iter()
                .any(|s| s.contains("survey_voter SET email = ''"))
        );
        assert!(!retention.iter().any(|(s, _)| s.contains("round_id")));
    }
}
