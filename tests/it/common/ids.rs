//! Row ids by the names tests know (slugs, addresses), read straight from the
//! database of a [`TestApp`].

use samenleren::on_pool;

use super::TestApp;

/// The id of the activity with this slug.
pub async fn activity_id(app: &TestApp, slug: &str) -> i64 {
    scalar(app, "SELECT id FROM activity WHERE slug = $1", slug).await
}

/// The id of the account with this address.
pub async fn account_id(app: &TestApp, email: &str) -> i64 {
    scalar(app, "SELECT id FROM account WHERE email_key = $1", email).await
}

/// The id of the professional register with this slug (`rsw`, `skj`).
pub async fn register_id(app: &TestApp, slug: &str) -> i64 {
    scalar(app, "SELECT id FROM register WHERE slug = $1", slug).await
}

/// The id of a register's category, both by slug.
pub async fn category_id(app: &TestApp, register: &str, slug: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT c.id FROM register_category c JOIN register r ON r.id = c.register_id \
         WHERE r.slug = $1 AND c.slug = $2"
    )
    .bind(register)
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn scalar(app: &TestApp, sql: &'static str, key: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(pool)
        .await
        .unwrap())
}
