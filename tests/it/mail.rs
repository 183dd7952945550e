//! The outbox worker by mail family, on SQLite and PostgreSQL, against a real SMTP
//! server (aiosmtpd): a message that belongs to no activity goes out, and rows that
//! can never become an email are marked failed with their reason at once, without
//! holding up the messages behind them.

use std::time::{Duration, Instant};

use crate::common::mail::{aiosmtpd_available, free_port, smtp_sink};
use crate::common::web::{browser, post_form};
use crate::common::{Backend, spawn_app_configured};
use reqwest::StatusCode;
use samenleren::on_pool;

/// (kind, payload, sent, failed, attempts, last error) of every outbox row, in order.
type Row = (String, String, bool, bool, i32, String);
/// The same as stored: the times as text.
type Stored = (String, String, Option<String>, Option<String>, i32, String);

async fn outbox(app: &crate::common::TestApp) -> Vec<Row> {
    let rows: Vec<Stored> = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT kind, payload, CAST(sent_at AS TEXT), CAST(failed_at AS TEXT), attempts, \
             last_error FROM outbox ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    rows.into_iter()
        .map(|(k, p, s, f, a, e)| (k, p, s.is_some(), f.is_some(), a, e))
        .collect()
}

async fn a_message_without_an_activity_goes_out_and_broken_rows_fail_at_once(backend: Backend) {
    if !aiosmtpd_available() {
        return;
    }
    let received = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut sink = smtp_sink(port, received.path()).await;
    let Some(app) = spawn_app_configured(backend, false, |settings| {
        settings.mail.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await
    else {
        let _ = sink.kill();
        return;
    };
    // Two rows no composer can ever turn into an email, queued before a good one:
    // a kind of a family this server does not know, and an account message whose
    // payload is not JSON.
    let now = samenleren::time::now();
    for (id, kind, payload) in [
        ("broken-1", "community_meeting", r#"{"meeting": 1}"#),
        ("broken-2", "sign_in", "{not json"),
    ] {
        on_pool!(&app.db, |pool| {
            sqlx::query(
                "INSERT INTO outbox (message_id, kind, recipient, lang, payload, created_at, \
                 next_attempt_at) VALUES ($1, $2, 'iemand@example.org', 'nl', $3, $4, $4)",
            )
            .bind(id)
            .bind(kind)
            .bind(payload)
            .bind(now)
            .execute(pool)
            .await
            .unwrap();
        });
    }
    // A real message of the account family: no activity, no registration.
    let client = browser();
    let response = post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[("email", "zonder.activiteit@example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);

    let started = Instant::now();
    let rows = loop {
        let rows = outbox(&app).await;
        if rows.len() == 3 && rows.iter().all(|r| r.2 || r.3) {
            break rows;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the outbox did not settle: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let _ = sink.kill();
    let _ = sink.wait();

    let (kind, _, sent, failed, attempts, error) = &rows[0];
    assert_eq!(kind, "community_meeting");
    assert!(!sent && *failed, "unknown family: failed, not sent");
    assert_eq!(*attempts, 1, "given up at once, not retried");
    assert!(error.contains("unknown kind"), "{error}");
    let (_, _, sent, failed, attempts, error) = &rows[1];
    assert!(!sent && *failed, "bad payload: failed, not sent");
    assert_eq!(*attempts, 1);
    assert!(error.contains("does not parse"), "{error}");
    let (kind, payload, sent, failed, _, error) = &rows[2];
    assert_eq!(kind, "sign_in");
    assert!(payload.contains("link"), "{payload}");
    assert!(*sent && !failed, "the sign-in link went out: {error}");
    let activity: Option<i64> = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT activity_id FROM outbox WHERE kind = 'sign_in' AND message_id NOT LIKE 'broken%'"
    )
    .fetch_one(pool)
    .await
    .unwrap()
    });
    assert_eq!(activity, None);

    // The SMTP server got exactly that one message.
    let files: Vec<_> = std::fs::read_dir(received.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "one message over SMTP");
    let raw = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(raw.contains("To: zonder.activiteit@example.org"), "{raw}");
    let body = crate::common::mail::quoted_printable(&raw);
    assert!(
        body.contains("/inloggen/link/"),
        "the link is in the message"
    );
}

both_databases!(a_message_without_an_activity_goes_out_and_broken_rows_fail_at_once);
