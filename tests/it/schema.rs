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
        assert_eq!(columns, &pg[table], "table {table}: columns and nullability");
    }
}
