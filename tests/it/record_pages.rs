//! A long Mijn leerdossier, on SQLite and PostgreSQL: the page lists 50 entries at
//! a time, newest first, with numbered page links (a page past the end leads to
//! the first), while the totals and the year table count every entry; the totals
//! are kept per account, and every change of the record or the numbers shows at
//! once however long they are kept.

use std::time::Duration;

use samenleren::on_pool;

use crate::common::ids::{account_id, register_id};
use crate::common::web::{browser, ensure_account, get, sign_in};
use crate::common::{Backend, TestApp, spawn_app, spawn_app_configured};

both_databases!(
    a_long_record_lists_a_page_and_counts_everything,
    kept_totals_follow_every_change
);

const PAGE: &str = "/account/leerdossier";

async fn a_long_record_lists_a_page_and_counts_everything(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    ensure_account(&app, "lang@example.org").await;
    let account = account_id(&app, "lang@example.org").await;
    for n in 1..=60_i64 {
        add_entry(&app, account, n).await;
    }
    let client = browser();
    sign_in(&app, &client, "lang@example.org").await;
    let entries = |html: &str| {
        html.matches(r#"<li class="samenleren-record-entry">"#)
            .count()
    };

    let (_, first) = get(&app, &client, PAGE).await;
    assert_eq!(entries(&first), 50);
    assert!(first.contains("Eigen activiteit 60") && first.contains("Eigen activiteit 11"));
    assert!(!first.contains("Eigen activiteit 10<"));
    assert!(
        first
            .contains(r#"href="/account/leerdossier?pagina=2#activiteiten" aria-label="Pagina 2""#)
    );
    // The year table counts all 60 hours.
    assert!(first.contains("60 uur"), "{first}");

    let (_, second) = get(&app, &client, &format!("{PAGE}?pagina=2")).await;
    assert_eq!(entries(&second), 10);
    assert!(second.contains("Eigen activiteit 10<") && second.contains("Eigen activiteit 1<"));
    assert!(second.contains(r#"aria-current="page" aria-label="Pagina 2""#));
    assert!(second.contains("60 uur"));
    // A page past the end: sent to the first.
    let response = client
        .get(app.url(&format!("{PAGE}?pagina=3")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], PAGE);
    // A page number that is not one: the first page.
    let (status, html) = get(&app, &client, &format!("{PAGE}?pagina=nul")).await;
    assert_eq!(status, 200);
    assert_eq!(entries(&html), 50);
}

/// Entry `n` of `account`: an hour of their own learning on 15 June 2025.
async fn add_entry(app: &TestApp, account: i64, n: i64) {
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO record_entry (public_id, account_id, kind, source, title, provider, \
         held_on, net_minutes, credits, created_at) \
         VALUES ($1, $2, 'external', '', $3, 'Eigen leren', $4, 60, '[]', $5)"
    )
    .bind(format!("{n:032x}"))
    .bind(account)
    .bind(format!("Eigen activiteit {n}"))
    .bind(chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap())
    .bind(samenleren::time::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn exec(app: &TestApp, sql: &str, account: i64) {
    on_pool!(&app.db, |pool| sqlx::query(sqlx::AssertSqlSafe(
        sql.to_owned()
    ))
    .bind(account)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn record_version(app: &TestApp, account: i64) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT record_version FROM account WHERE id = $1"
    )
    .bind(account)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The totals are kept for ten minutes here, so only the record version the
/// database moves can make a page count again: each change is made in SQL, past
/// the application, and must show on the very next page.
async fn kept_totals_follow_every_change(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, true, |settings| {
        settings.page_cache_check = Duration::from_secs(600);
    })
    .await
    else {
        return;
    };
    ensure_account(&app, "bewaard@example.org").await;
    let account = account_id(&app, "bewaard@example.org").await;
    for n in 1..=50_i64 {
        add_entry(&app, account, n).await;
    }
    let client = browser();
    sign_in(&app, &client, "bewaard@example.org").await;
    let page = || async { get(&app, &client, PAGE).await.1 };

    let html = page().await;
    assert!(html.contains("50 uur"), "{html}");
    assert!(!html.contains("?pagina=2"));
    // Kept: the same again, with no change.
    assert!(page().await.contains("50 uur"));

    let mut version = record_version(&app, account).await;
    let mut moved = async |what: &str| {
        let now = record_version(&app, account).await;
        assert!(now > version, "{what} did not move the record version");
        version = now;
    };
    add_entry(&app, account, 51).await;
    moved("an insert").await;
    let html = page().await;
    assert!(html.contains("51 uur"), "{html}");
    assert!(
        html.contains("?pagina=2"),
        "the page links follow the count"
    );

    exec(
        &app,
        "UPDATE record_entry SET net_minutes = 180 WHERE account_id = $1 AND title = 'Eigen activiteit 51'",
        account,
    )
    .await;
    moved("an update").await;
    assert!(page().await.contains("53 uur"));

    exec(
        &app,
        "DELETE FROM record_entry WHERE account_id = $1 AND title = 'Eigen activiteit 51'",
        account,
    )
    .await;
    moved("a delete").await;
    let html = page().await;
    assert!(
        html.contains("50 uur") && !html.contains("?pagina=2"),
        "{html}"
    );

    // A number: only that register is totalled; gone again: all of them.
    let rsw = register_id(&app, "register-sociaal-werker").await;
    assert!(page().await.contains("<strong>Scholing</strong>"));
    app.db
        .set_account_number(account, rsw, "4610000001")
        .await
        .unwrap();
    moved("a new number").await;
    let html = page().await;
    assert!(!html.contains("<strong>Scholing</strong>"), "{html}");
    exec(
        &app,
        "DELETE FROM account_register WHERE account_id = $1",
        account,
    )
    .await;
    moved("a removed number").await;
    assert!(page().await.contains("<strong>Scholing</strong>"));
}
