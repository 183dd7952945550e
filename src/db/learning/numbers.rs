//! A professional's registration numbers, one per register ("Mijn registers"):
//! added or changed in one upsert, removed by the account holder, deleted with the
//! account and part of their data download ([`super::PERSONAL_DATA`]).

use crate::db::Db;
use crate::time::now;
use crate::{on_pool, write_tx};

/// One of an account's registers.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountNumber {
    pub register_id: i64,
    pub register_name: String,
    pub number: String,
}

impl Db {
    /// The registers account `account_id` gave a number for, in the registers' order.
    pub async fn account_numbers(&self, account_id: i64) -> sqlx::Result<Vec<AccountNumber>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT n.register_id, r.name AS register_name, n.number FROM account_register n \
             JOIN register r ON r.id = n.register_id WHERE n.account_id = $1 \
             ORDER BY r.position, r.id",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// Keeps `number` (checked against the register's format) as the account's
    /// number in `register_id`, replacing an earlier one.
    pub async fn set_account_number(
        &self,
        account_id: i64,
        register_id: i64,
        number: &str,
    ) -> sqlx::Result<()> {
        let now = now();
        write_tx!(self, |tx| sqlx::query(
            "INSERT INTO account_register (account_id, register_id, number, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (account_id, register_id) \
             DO UPDATE SET number = excluded.number, updated_at = excluded.updated_at",
        )
        .bind(account_id)
        .bind(register_id)
        .bind(number)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Removes the account's number in `register_id`; `false` when there was none.
    pub async fn remove_account_number(
        &self,
        account_id: i64,
        register_id: i64,
    ) -> sqlx::Result<bool> {
        Ok(on_pool!(self, |pool| sqlx::query(
            "DELETE FROM account_register WHERE account_id = $1 AND register_id = $2",
        )
        .bind(account_id)
        .bind(register_id)
        .execute(pool)
        .await?
        .rows_affected()
            == 1))
    }
}
