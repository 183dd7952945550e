//! A long Mijn leerdossier, on SQLite and PostgreSQL: the page lists 50 entries at
//! a time, newest first, with numbered page links (a page past the end leads to
//! the first), while the totals and the year table count every entry.

use samenleren::on_pool;

use crate::common::ids::account_id;
use crate::common::web::{browser, ensure_account, get, sign_in};
use crate::common::{Backend, spawn_app};

both_databases!(a_long_record_lists_a_page_and_counts_everything);

const PAGE: &str = "/account/leerdossier";

async fn a_long_record_lists_a_page_and_counts_everything(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    ensure_account(&app, "lang@example.org").await;
    let account = account_id(&app, "lang@example.org").await;
    for n in 1..=60_i64 {
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
