//! What a person may see of their own data: their registrations, the data download
//! (AVG art. 15 and 20) and deleting the account.

use super::*;

/// One of an account's own registrations.
#[derive(Clone, Debug, sqlx::FromRow, Serialize)]
pub struct MyRegistration {
    #[serde(skip)]
    pub public_id: String,
    pub activity_title: String,
    pub activity_slug: String,
    pub state: String,
    pub waitlist_position: Option<i32>,
    pub first_start: Option<Timestamp>,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    pub created_at: Timestamp,
}

/// Everything stored about an account, for the data download (AVG art. 15 and 20).
#[derive(Clone, Debug, Serialize)]
pub struct AccountData {
    pub account: AccountFacts,
    pub registrations: Vec<MyRegistrationWithAnswers>,
    pub organiser_of: Vec<String>,
    pub sessions: i64,
    pub api_tokens: Vec<String>,
    /// Every row the personal-data registry finds about the account, table by
    /// table: complete by construction.
    pub stored: Vec<crate::db::personal_data::StoredTable>,
}

#[derive(Clone, Debug, sqlx::FromRow, Serialize)]
pub struct AccountFacts {
    pub public_id: String,
    pub email: String,
    pub name: String,
    pub lang: String,
    pub is_admin: bool,
    pub email_verified_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, Serialize)]
pub struct MyRegistrationWithAnswers {
    #[serde(flatten)]
    pub registration: MyRegistration,
    pub answers: Vec<(String, String)>,
}

impl Db {
    /// An account's registrations (its own and the guest ones linked to it), newest
    /// activity first.
    pub async fn my_registrations(&self, account_id: i64) -> sqlx::Result<Vec<MyRegistration>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT * FROM (SELECT r.public_id, a.title AS activity_title, \
             a.slug AS activity_slug, r.state, r.waitlist_position, \
             (SELECT MIN(s.starts_at) FROM session s WHERE s.activity_id = a.id) AS first_start, \
             r.name, r.email, r.organisation, r.role, r.role_other, r.region, r.created_at \
             FROM registration r JOIN activity a ON a.id = r.activity_id \
             WHERE r.account_id = $1) mine \
             ORDER BY CASE WHEN first_start IS NULL THEN 1 ELSE 0 END, first_start DESC, \
             created_at DESC"
        )
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// Everything stored about an account, for its data download.
    pub async fn account_data(&self, account_id: i64) -> sqlx::Result<Option<AccountData>> {
        let registrations = self.my_registrations(account_id).await?;
        let stored = self.stored_about(account_id).await?;
        on_pool!(self, |pool| {
            let account: Option<AccountFacts> = sqlx::query_as(
                "SELECT public_id, email, name, lang, is_admin, email_verified_at, created_at \
                 FROM account WHERE id = $1",
            )
            .bind(account_id)
            .fetch_optional(pool)
            .await?;
            let Some(account) = account else {
                return Ok(None);
            };
            let answers: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT r.public_id, q.label, ans.value FROM answer ans \
                 JOIN registration r ON r.id = ans.registration_id \
                 JOIN question q ON q.id = ans.question_id \
                 WHERE r.account_id = $1 ORDER BY q.position",
            )
            .bind(account_id)
            .fetch_all(pool)
            .await?;
            let organiser_of: Vec<String> = sqlx::query_scalar(
                "SELECT o.name FROM organisation_member m JOIN organisation o \
                 ON o.id = m.organisation_id WHERE m.account_id = $1 ORDER BY o.name",
            )
            .bind(account_id)
            .fetch_all(pool)
            .await?;
            let sessions: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM auth_session WHERE account_id = $1")
                    .bind(account_id)
                    .fetch_one(pool)
                    .await?;
            let api_tokens: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM api_token WHERE account_id = $1 AND revoked_at IS NULL \
                 ORDER BY created_at",
            )
            .bind(account_id)
            .fetch_all(pool)
            .await?;
            let registrations = registrations
                .into_iter()
                .map(|registration| MyRegistrationWithAnswers {
                    answers: answers
                        .iter()
                        .filter(|(id, _, _)| *id == registration.public_id)
                        .map(|(_, label, value)| (label.clone(), value.clone()))
                        .collect(),
                    registration,
                })
                .collect();
            Ok(Some(AccountData {
                account,
                registrations,
                organiser_of,
                sessions,
                api_tokens,
                stored,
            }))
        })
    }
}
