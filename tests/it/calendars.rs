//! Calendars that people can rely on: each session keeps one UID that no other
//! session ever gets, SEQUENCE grows with every change, a removed session stays in
//! the feeds as cancelled, a cancelled activity's email cancels its events, dates
//! stay within a sane range, and a published activity always has a session. The
//! feeds are read with Python's `icalendar` (tests/support/read_ics.py).

use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::Value;

use crate::common::editor::{
    NEW, cafe_form, organiser_with_token, public_id_in, published_cafe, register, session_form,
    theme_slug,
};
use crate::common::mail::wait_for_mails;
use crate::common::web::{location, post_form};
use crate::common::{Backend, TestApp, in_ci, spawn_app};

both_databases!(
    calendar_events_keep_their_uid_grow_their_sequence_and_cancel_when_removed,
    dates_stay_in_range_and_a_published_activity_keeps_a_session,
);

/// The calendar as Python's icalendar reads it: `{method, events: [{uid, status,
/// sequence, start, summary}]}`; `None` (skipped) without the package.
fn read_ics(ics: &str) -> Option<Value> {
    use std::io::Write;
    let available = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            !in_ci(),
            "python3 icalendar is missing (pip install icalendar)"
        );
        eprintln!("SKIPPED: python3 icalendar is missing (pip install icalendar)");
        return None;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/read_ics.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "icalendar refuses the file: {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

async fn feed(app: &TestApp, path: &str) -> Option<Value> {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    read_ics(&response.text().await.unwrap())
}

/// The event with this UID in a parsed calendar.
fn event<'a>(calendar: &'a Value, uid: &str) -> Option<&'a Value> {
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid)
}

async fn session_ids(app: &TestApp, public_id: &str) -> Vec<i64> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id \
         WHERE a.public_id = $1 ORDER BY s.starts_at, s.id"
    )
    .bind(public_id)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn calendar_events_keep_their_uid_grow_their_sequence_and_cancel_when_removed(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("organisator@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await;
    let client = &organiser.client;
    let (public_id, slug) = published_cafe(&app, client).await;
    let base = format!("/beheer/activiteiten/{public_id}");
    // A second session, a week later; then someone registers (and gets a calendar).
    let new_session = format!("{base}/bijeenkomsten/nieuw");
    let mut second = session_form("13:30", "14:00");
    second[0] = ("date", "2027-03-11");
    let response = post_form(&app, client, &new_session, &new_session, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    register(&app, &slug, 1).await;
    let own = format!("/activiteiten/{slug}/agenda.ics");
    let Some(before) = feed(&app, &own).await else {
        return;
    };
    let events = before["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let (first_uid, second_uid) = (
        events[0]["uid"].as_str().unwrap().to_owned(),
        events[1]["uid"].as_str().unwrap().to_owned(),
    );
    assert_ne!(first_uid, second_uid);
    assert!(
        !second_uid.starts_with("session-"),
        "a uid of its own: {second_uid}"
    );
    let sequence = events[1]["sequence"].as_i64().unwrap();

    // Moved: the same event, later, with a higher SEQUENCE.
    let ids = session_ids(&app, &public_id).await;
    let edit = format!("{base}/bijeenkomsten/{}", ids[1]);
    let mut moved = session_form("15:00", "15:30");
    moved[0] = ("date", "2027-03-11");
    let response = post_form(&app, client, &edit, &edit, &moved).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let Some(after_move) = feed(&app, "/agenda.ics").await else {
        return;
    };
    let event_now = event(&after_move, &second_uid).expect("the same UID after a move");
    assert!(
        event_now["start"]
            .as_str()
            .unwrap()
            .starts_with("2027-03-11T15:00")
    );
    assert!(event_now["sequence"].as_i64().unwrap() > sequence);
    assert_eq!(event_now["status"], "CONFIRMED");
    let sequence = event_now["sequence"].as_i64().unwrap();

    // Removed: the feed still has it, cancelled; the registrant's update email
    // carries the cancellation too.
    let remove = format!("{edit}/verwijderen");
    let response = post_form(&app, client, &base, &remove, &[("notify", "1")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in ["/agenda.ics", own.as_str()] {
        let calendar = feed(&app, path).await.unwrap();
        let gone = event(&calendar, &second_uid).expect("the removed session is there");
        assert_eq!(gone["status"], "CANCELLED", "{path}");
        assert!(gone["sequence"].as_i64().unwrap() > sequence);
        assert_eq!(event(&calendar, &first_uid).unwrap()["status"], "CONFIRMED");
    }
    let update = wait_for_mails(&app, 1, |m| {
        m.to == "p1@example.org" && m.subject.contains("Gewijzigd")
    })
    .await;
    let (content_type, ics) = update[0].calendar().expect("a calendar file");
    assert!(content_type.contains("method=PUBLISH"), "{content_type}");
    let attached = read_ics(&ics).unwrap();
    assert_eq!(
        event(&attached, &second_uid).unwrap()["status"],
        "CANCELLED"
    );

    // A new session never takes the removed one's UID (SQLite hands out its row
    // id again).
    let response = post_form(&app, client, &new_session, &new_session, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let calendar = feed(&app, &own).await.unwrap();
    let uids: Vec<&str> = calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids.len(), 3, "two sessions and one cancelled: {uids:?}");
    let unique: std::collections::HashSet<_> = uids.iter().collect();
    assert_eq!(unique.len(), 3, "{uids:?}");

    // Cancelled: the email's calendar file asks to take every event out.
    let cancel = format!("{base}/annuleren");
    let response = post_form(&app, client, &cancel, &cancel, &[("message", "Sorry.")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cancelled = wait_for_mails(&app, 1, |m| {
        m.to == "p1@example.org" && m.subject.contains("Gaat niet door")
    })
    .await;
    let (content_type, ics) = cancelled[0].calendar().expect("a calendar file");
    assert!(content_type.contains("method=CANCEL"), "{content_type}");
    let attached = read_ics(&ics).unwrap();
    assert_eq!(attached["method"], "CANCEL");
    assert!(
        attached["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["status"] == "CANCELLED")
    );
}

async fn dates_stay_in_range_and_a_published_activity_keeps_a_session(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = organiser_with_token(&app).await;
    let client = &organiser.client;
    let theme = theme_slug(&app).await;
    let response = post_form(&app, client, NEW, NEW, &cafe_form(&theme, "2")).await;
    let public_id = public_id_in(&location(&response));
    let base = format!("/beheer/activiteiten/{public_id}");

    // No session yet: publishing is refused with what to do.
    let status = format!("{base}/status");
    let response = post_form(&app, client, &base, &status, &[("action", "publish")]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Voeg eerst een bijeenkomst")
    );

    // Year 0000 and 9999 are refused at the field, in the form and in the API.
    let new_session = format!("{base}/bijeenkomsten/nieuw");
    for date in ["0000-01-01", "9999-12-31"] {
        let mut form = session_form("13:30", "14:00");
        form[0] = ("date", date);
        let response = post_form(&app, client, &new_session, &new_session, &form).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{date}"
        );
        let html = response.text().await.unwrap();
        assert!(
            html.contains("tussen 1 januari 2000 en 31 december 2099"),
            "{date}"
        );
        assert!(
            html.contains(&format!(r#"value="{date}""#)),
            "kept as typed"
        );
    }
    let token = organiser.token.as_deref().unwrap();
    let api = app
        .client
        .post(app.url(&format!(
            "/api/v1/organiser/activities/{public_id}/sessions"
        )))
        .bearer_auth(token)
        .json(&serde_json::json!({"date": "0000-01-01", "start": "13:30", "end": "17:00"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = api.json().await.unwrap();
    assert!(problem.to_string().contains("\"date\""), "{problem}");
    assert!(
        session_ids(&app, &public_id).await.is_empty(),
        "nothing stored"
    );

    // With one session it publishes; that last session cannot be removed.
    let response = post_form(
        &app,
        client,
        &new_session,
        &new_session,
        &session_form("13:30", "14:00"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(&app, client, &base, &status, &[("action", "publish")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let ids = session_ids(&app, &public_id).await;
    let remove = format!("{base}/bijeenkomsten/{}/verwijderen", ids[0]);
    let response = post_form(&app, client, &base, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("laatste bijeenkomst")
    );
    let api = app
        .client
        .delete(app.url(&format!(
            "/api/v1/organiser/activities/{public_id}/sessions/{}",
            ids[0]
        )))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::CONFLICT);
    assert_eq!(session_ids(&app, &public_id).await, ids, "still there");
}
