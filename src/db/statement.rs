//! The accessibility statement: one row for the whole site, written by a platform
//! admin (`/beheer/toegankelijkheid`) and read by `/toegankelijkheid`. No row yet:
//! the page shows its built-in default. The known problems are kept as the form's
//! lines (`what | dd-mm-yyyy`) and parsed again on reading.

use chrono::NaiveDate;

use crate::db::audit::audit;
use crate::db::{Db, decode_error};
use crate::domain::statement::{Statement, StatementForm, issues_value, parse_statement};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// The stored statement and when it was last saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredStatement {
    pub statement: Statement,
    pub updated_at: Timestamp,
}

impl Db {
    /// The statement a platform admin saved; `None` before the first save.
    pub async fn accessibility_statement(&self) -> sqlx::Result<Option<StoredStatement>> {
        let row: Option<(String, NaiveDate, String, String, Timestamp)> =
            on_pool!(self, |pool| sqlx::query_as(
                "SELECT status, statement_date, method, known_issues, updated_at \
                 FROM accessibility_statement WHERE id = 1"
            )
            .fetch_optional(pool)
            .await)?;
        let Some((status, date, method, issues, updated_at)) = row else {
            return Ok(None);
        };
        // The stored lines were checked when saved; parse them back the same way.
        let form = StatementForm {
            status,
            date: date.format("%Y-%m-%d").to_string(),
            method,
            issues,
        };
        let statement = parse_statement(&form)
            .map_err(|_| decode_error("accessibility_statement.known_issues", &form.issues))?;
        Ok(Some(StoredStatement {
            statement,
            updated_at,
        }))
    }

    /// Saves the statement (made or replaced), with an audit row naming the admin.
    /// The row has no organisation: the statement is the whole site's.
    pub async fn save_accessibility_statement(
        &self,
        statement: &Statement,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO accessibility_statement \
                 (id, status, statement_date, method, known_issues, created_at, updated_at) \
                 VALUES (1, $1, $2, $3, $4, $5, $5) \
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, \
                 statement_date = excluded.statement_date, method = excluded.method, \
                 known_issues = excluded.known_issues, updated_at = excluded.updated_at",
            )
            .bind(statement.status.code())
            .bind(statement.date)
            .bind(&statement.method)
            .bind(issues_value(&statement.issues))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = None::<i64>,
                activity = None::<i64>,
                registration = None::<i64>,
                account = Some(account_id),
                action = "accessibility_statement_changed",
                detail = statement.status.code(),
                now = now
            );
        });
        Ok(())
    }
}
