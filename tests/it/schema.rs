//! Schema parity: after every migration, SQLite and PostgreSQL hold the same
//! tables with the same columns, each nullable on both or on neither. The twin
//! migrations are written by hand; this is what keeps them twins.

use std::collections::BTreeMap;

use crate::common::{Backend, TestDb};
use samenleren::db::Db;

/// table → column → nullable.
type Schema = BTreeMap<String, BTreeMap<String, bool>>;

async fn schema_of(db: &Db) -> Schema {
    let mut schema = Schema::new();
    match db {
        Db::Sqlite(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for table in tables {
                // (name, notnull, pk): an INTEGER PRIMARY KEY is never NULL.
                let columns: Vec<(String, bool, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(
                    format!("SELECT name, \"notnull\", pk FROM pragma_table_info('{table}')"),
                ))
                .fetch_all(pool)
                .await
                .unwrap();
                schema.insert(
                    table,
                    columns
                        .into_iter()
                        .map(|(name, not_null, pk)| (name, !not_null && pk == 0))
                        .collect(),
                );
            }
        }
        Db::Postgres(pool) => {
            let columns: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, is_nullable::text \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for (table, column, nullable) in columns {
                schema
                    .entry(table)
                    .or_default()
                    .insert(column, nullable == "YES");
            }
        }
    }
    schema
}

#[tokio::test]
async fn both_databases_have_the_same_tables_columns_and_nullability() {
    let Some(postgres) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let sqlite = TestDb::new(Backend::Sqlite).await.unwrap();
    let lite = schema_of(&sqlite.connect().await).await;
    let pg = schema_of(&postgres.connect().await).await;
    assert!(lite.len() > 20, "the migrations made the tables: {lite:?}");
    let tables = |s: &Schema| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(tables(&lite), tables(&pg), "the same tables");
    for (table, columns) in &lite {
        assert_eq!(
            columns, &pg[table],
            "table {table}: columns and nullability"
        );
    }
}

/// Whether a column holds an address, a name or a number that reaches a person, or
/// links a row to one person's account (what they did, answered or wrote).
fn names_someone(column: &str) -> bool {
    matches!(
        column,
        "email" | "email_key" | "name" | "phone" | "recipient" | "account_id"
    ) || column.ends_with("_email")
}

/// Tables with a personal column that no feature declares.
fn undeclared(schema: &Schema) -> Vec<(String, Vec<String>)> {
    let declared: Vec<&str> = samenleren::db::personal_data::entries()
        .map(|(_, entry)| entry.table)
        .chain(
            samenleren::db::personal_data::NOT_PERSONAL
                .iter()
                .map(|(table, _)| *table),
        )
        .collect();
    schema
        .iter()
        .filter(|(table, _)| !declared.contains(&table.as_str()))
        .map(|(table, columns)| {
            let personal = columns.keys().filter(|c| names_someone(c)).cloned();
            (table.clone(), personal.collect::<Vec<_>>())
        })
        .filter(|(_, columns)| !columns.is_empty())
        .collect()
}

async fn every_table_with_personal_columns_is_in_the_registry(backend: Backend) {
    let Some(test_db) = TestDb::new(backend).await else {
        return;
    };
    let db = test_db.connect().await;
    let schema = schema_of(&db).await;
    let missing = undeclared(&schema);
    assert!(
        missing.is_empty(),
        "tables with personal data that no feature declares in db::personal_data: {missing:?}"
    );
    // Every declared column exists, so the download and deletion can read them.
    for (feature, entry) in samenleren::db::personal_data::entries() {
        let columns = schema
            .get(entry.table)
            .unwrap_or_else(|| panic!("{feature}: no table {}", entry.table));
        for column in entry.columns {
            assert!(
                columns.contains_key(*column),
                "{feature}: {}.{column}",
                entry.table
            );
        }
    }
    // The check bites: a new feature's table with a name in it is reported.
    samenleren::on_pool!(&db, |pool| {
        sqlx::query("CREATE TABLE mentor_profile (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            .execute(pool)
            .await
            .unwrap();
    });
    let missing = undeclared(&schema_of(&db).await);
    assert_eq!(
        missing,
        [("mentor_profile".to_owned(), vec!["name".to_owned()])]
    );
}

both_databases!(every_table_with_personal_columns_is_in_the_registry);
