//! Leeratelier meetings in Mijn leerdossier, on SQLite and PostgreSQL. A meeting
//! has no program, so it counts its length (as the atelier's own hours do): for a
//! member marked present, and for a visitor checked in at a public meeting through
//! a registration — once it has ended, not when the whole atelier has. Someone who
//! was both (a member who also registered) gets one entry, not two.

use chrono::Duration;
use samenleren::on_pool;

use crate::common::ids::account_id;
use crate::common::web::{add_meeting, browser, count, ensure_account, get, post_form};
use crate::common::{Backend, TestApp, spawn_app};

both_databases!(an_atelier_meeting_counts_its_length_once_per_person);

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";

/// Registers `email` for the public meeting `session` with the activity's form,
/// then checks them in there, as the check-in page does.
async fn registered_and_checked_in(app: &TestApp, email: &str, session: i64) {
    let form = format!("/activiteiten/{ATELIER}/aanmelden");
    let meeting = session.to_string();
    let response = post_form(
        app,
        &browser(),
        &form,
        &form,
        &[
            ("meeting", meeting.as_str()),
            ("name", "Noor de Wit"),
            ("email", email),
            ("role", "opbouwwerker"),
            ("privacy_consent", "ja"),
        ],
    )
    .await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    on_pool!(&app.db, |pool| {
        sqlx::query(
            "INSERT INTO attendance (registration_id, session_id, checked_in_at) \
             SELECT r.id, $2, $3 FROM registration r WHERE r.email_key = $1",
        )
        .bind(email)
        .bind(session)
        .bind(samenleren::time::now())
        .execute(pool)
        .await
        .unwrap();
        sqlx::query("UPDATE registration SET state = 'attended' WHERE email_key = $1")
            .bind(email)
            .execute(pool)
            .await
            .unwrap();
    });
}

async fn marked_present(app: &TestApp, email: &str, session: i64) {
    ensure_account(app, email).await;
    let account = account_id(app, email).await;
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO meeting_attendance (session_id, account_id, created_at) VALUES ($1, $2, $3)"
    )
    .bind(session)
    .bind(account)
    .bind(samenleren::time::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// Moves the meeting `session` to have ended `days` days ago (it lasts two hours).
async fn ended_days_ago(app: &TestApp, session: i64, days: i64) {
    let start = samenleren::time::now() - Duration::days(days);
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE session SET starts_at = $2, ends_at = $3 WHERE id = $1"
    )
    .bind(session)
    .bind(start)
    .bind(start + Duration::hours(2))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// (kind, net minutes) of every entry of `email`, oldest first.
async fn entries(app: &TestApp, email: &str) -> Vec<(String, i64)> {
    let account = account_id(app, email).await;
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT kind, CAST(net_minutes AS BIGINT) FROM record_entry WHERE account_id = $1 \
         ORDER BY held_on, id"
    )
    .bind(account)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn an_atelier_meeting_counts_its_length_once_per_person(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let open = add_meeting(&app, ATELIER, "record-open", Duration::days(10), false).await;
    let closed = add_meeting(&app, ATELIER, "record-members", Duration::days(20), true).await;
    // A visitor at the public meeting; a member there who also registered; the
    // member again at a meeting for members only.
    registered_and_checked_in(&app, "gast@example.org", open).await;
    registered_and_checked_in(&app, "lid@example.org", open).await;
    marked_present(&app, "lid@example.org", open).await;
    marked_present(&app, "lid@example.org", closed).await;
    ensure_account(&app, "gast@example.org").await;

    // Not over yet: nothing, although the visitor's registration is 'attended'.
    app.db.record_due(samenleren::time::now()).await.unwrap();
    assert!(entries(&app, "gast@example.org").await.is_empty());

    // Both meetings ended; the atelier itself goes on (its later meetings).
    ended_days_ago(&app, open, 3).await;
    ended_days_ago(&app, closed, 2).await;
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM session s JOIN activity a ON a.id = s.activity_id \
             WHERE a.slug = 'veerkracht-en-onmacht-in-gemeenschappen' \
             AND s.ends_at > CURRENT_TIMESTAMP"
        )
        .await
            > 0
    );
    app.db.record_due(samenleren::time::now()).await.unwrap();
    assert_eq!(app.db.record_due(samenleren::time::now()).await.unwrap(), 0);
    let two_hours = || ("meeting".to_owned(), 120);
    assert_eq!(entries(&app, "gast@example.org").await, [two_hours()]);
    assert_eq!(
        entries(&app, "lid@example.org").await,
        [two_hours(), two_hours()]
    );

    // The page says the hours.
    let client = browser();
    crate::common::web::sign_in(&app, &client, "gast@example.org").await;
    let (_, html) = get(&app, &client, "/account/leerdossier").await;
    assert!(
        html.contains("Veerkracht en onmacht in gemeenschappen"),
        "{html}"
    );
    assert!(html.contains("2 uur"), "{html}");
}
