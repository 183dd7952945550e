//! Atelier meetings over HTTP, on SQLite and PostgreSQL: the kartrekker sets the
//! series (bad input refused at its field, the skipped spring hour too), the
//! meetings of the coming months exist at once, members answer ja / nee / misschien
//! as their level allows, invitations and reminders go out with the calendar file,
//! and each member has a private calendar feed.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{browser, count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const OTHER: &str = "leeratelier-samenlevingsopbouw";

both_databases!(
    the_kartrekker_sets_a_series_and_members_answer_per_meeting,
    a_member_gets_invitations_reminders_and_a_private_calendar,
);

async fn public_id(app: &TestApp, slug: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The series form for a first meeting two weeks from today at 19:30–21:30,
/// every two months on that weekday of its week.
fn series_fields() -> Vec<(&'static str, String)> {
    let date = samenleren::time::today() + Duration::days(14);
    let week = match (date.day() - 1) / 7 + 1 {
        5 => -1,
        n => n as i32,
    };
    vec![
        ("interval_months", "2".into()),
        ("week", week.to_string()),
        ("weekday", date.weekday().number_from_monday().to_string()),
        ("start_time", "19:30".into()),
        ("end_time", "21:30".into()),
        ("first_date", date.to_string()),
        ("online_url", "https://meet.example.org/veerkracht".into()),
    ]
}

async fn set_series(app: &TestApp, client: &reqwest::Client, atelier: &str) {
    let page = format!("/beheer/activiteiten/{atelier}/reeks");
    let fields = series_fields();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(app, client, &page, &page, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "series saved");
}

/// The sessions of the atelier made from its series, soonest first.
async fn meetings(app: &TestApp, slug: &str) -> Vec<i64> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id \
         WHERE a.slug = $1 AND s.series_date IS NOT NULL ORDER BY s.starts_at"
    )
    .bind(slug)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn the_kartrekker_sets_a_series_and_members_answer_per_meeting(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier = public_id(&app, ATELIER).await;
    let kartrekker = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let page = format!("/beheer/activiteiten/{atelier}/reeks");
    let (status, html) = get(&app, &kartrekker, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Iedere 2 maanden"));

    // Bad input: each problem at its field, the input kept, nothing stored.
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &page,
        &[
            ("interval_months", "13"),
            ("week", "5"),
            ("weekday", "8"),
            ("start_time", "21:00"),
            ("end_time", "19:00"),
            ("first_date", "2026-02-30"),
            ("online_url", "javascript:alert(1)"),
            ("venue", "bestaat-niet"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for field in [
        "interval_months",
        "week",
        "weekday",
        "end_time",
        "first_date",
        "online_url",
        "venue",
    ] {
        assert!(html.contains(&format!(r##"href="#{field}""##)), "{field}");
    }
    assert!(html.contains(r#"value="javascript:alert(1)""#), "kept");
    // A time that does not exist on one of its days (the last Sunday of March,
    // 02:30: the clocks go forward) is refused, not moved.
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &page,
        &[
            ("interval_months", "12"),
            ("week", "-1"),
            ("weekday", "7"),
            ("start_time", "02:30"),
            ("end_time", "04:00"),
            ("first_date", "2027-03-01"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("de klok gaat dan een uur vooruit")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM atelier_series").await, 0);
    assert!(meetings(&app, ATELIER).await.is_empty());

    // A good series: the coming months' meetings exist at once, members only.
    set_series(&app, &kartrekker, &atelier).await;
    let made = meetings(&app, ATELIER).await;
    assert!(
        (3..=4).contains(&made.len()),
        "{made:?}: six months, every two"
    );
    let (_, html) = get(&app, &kartrekker, &page).await;
    assert!(html.contains("19.30–21.30"), "the coming meetings listed");
    assert!(html.contains("alleen voor leden"));
    // The job makes nothing twice.
    assert_eq!(
        app.db.make_meetings(samenleren::time::now()).await.unwrap(),
        0
    );

    // The API lists the coming public meetings only: not these, for members only.
    let now = samenleren::time::now();
    let public: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM session s JOIN activity a ON a.id = s.activity_id \
         WHERE a.slug = $1 AND NOT s.members_only AND s.ends_at > $2"
    )
    .bind(ATELIER)
    .bind(now)
    .fetch_one(pool)
    .await
    .unwrap());
    let response = app
        .client
        .get(app.url(&format!("/api/v1/ateliers/{ATELIER}/meetings")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["atelier"], ATELIER);
    assert_eq!(body["items"].as_array().unwrap().len() as i64, public);
    for path in [
        "/api/v1/ateliers/bestaat-niet/meetings".to_owned(),
        "/api/v1/ateliers/blik-op-samenlevingsopbouw/outcomes".to_owned(),
    ] {
        let response = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
    }

    // A member at level "meetings" answers; their answer shows.
    let member = app
        .person("lid@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let home = format!("/ateliers/{ATELIER}");
    let (_, html) = get(&app, &member, &home).await;
    assert!(html.contains("Kom je op"), "invited: the answer form");
    assert!(html.contains("https://meet.example.org/veerkracht"));
    let first = made[0];
    let answer = format!("{home}/bijeenkomsten/{first}");
    let response = post_form(&app, &member, &home, &answer, &[("answer", "ja!")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Kies ja, nee of misschien")
    );
    let response = post_form(&app, &member, &home, &answer, &[("answer", "yes")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &member, &location(&response)).await;
    assert!(html.contains("Je antwoord is opgeslagen"));
    assert!(html.contains(&format!(
        r#"id="antwoord-{first}-yes" name="answer" value="yes" checked"#
    )));
    assert!(html.contains("1 persoon komt"));
    let response = post_form(&app, &member, &home, &answer, &[("answer", "maybe")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM meeting_rsvp WHERE answer = 'maybe'"
        )
        .await,
        1,
        "changed, not added"
    );

    // An online-only member is not invited: no form, and an answer is refused.
    let online = app
        .person("online@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE atelier_member SET level = 'online_only' WHERE account_id = \
         (SELECT id FROM account WHERE email_key = 'online@example.org')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (_, html) = get(&app, &online, &home).await;
    assert!(!html.contains("Kom je op") && html.contains("zonder deze bijeenkomst"));
    // (No form on the page to take the CSRF token from: the membership page has it.)
    let form_page = format!("{home}/lidmaatschap");
    let response = post_form(&app, &online, &form_page, &answer, &[("answer", "yes")]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("niet uitgenodigd"));

    // A past meeting, a meeting of another atelier, a meeting that is not a number.
    let past: i64 = on_pool!(&app.db, |pool| {
        let activity: i64 = sqlx::query_scalar("SELECT id FROM activity WHERE slug = $1")
            .bind(ATELIER)
            .fetch_one(pool)
            .await
            .unwrap();
        let start = samenleren::time::now() - Duration::days(3);
        sqlx::query_scalar(
            "INSERT INTO session (activity_id, starts_at, ends_at, created_at, uid, members_only) \
             VALUES ($1, $2, $3, $2, 'past-meeting', TRUE) RETURNING id",
        )
        .bind(activity)
        .bind(start)
        .bind(start + Duration::hours(2))
        .fetch_one(pool)
        .await
        .unwrap()
    });
    let response = post_form(
        &app,
        &member,
        &home,
        &format!("{home}/bijeenkomsten/{past}"),
        &[("answer", "yes")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("al begonnen of voorbij")
    );
    let other: i64 = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id WHERE a.slug = $1 LIMIT 1"
    )
    .bind(OTHER)
    .fetch_one(pool)
    .await
    .unwrap()
    });
    for path in [
        format!("{home}/bijeenkomsten/{other}"),
        format!("{home}/bijeenkomsten/abc"),
    ] {
        let response = post_form(&app, &member, &home, &path, &[("answer", "yes")]).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Not a member (nor running it): 404 as for every member page.
    let outsider = app.person("buiten@example.org").sign_in().await.client;
    let response = outsider
        .post(app.url(&answer))
        .form(&[("answer", "yes"), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM meeting_rsvp WHERE answer IS NOT NULL"
        )
        .await,
        1
    );

    // Changing the rule takes away the coming meetings nobody answered and makes
    // them again from the new rule; the answered one stays.
    let mut fields = series_fields();
    fields.retain(|(k, _)| *k != "interval_months");
    fields.push(("interval_months", "3".into()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(&app, &kartrekker, &page, &page, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let remade = meetings(&app, ATELIER).await;
    assert!(remade.contains(&first), "the answered meeting stays");
    assert!(
        !remade.contains(&made[1]),
        "an unanswered one was taken away"
    );
    let cancelled: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM removed_session r JOIN activity a ON a.id = r.activity_id \
         WHERE a.slug = $1 AND r.series_date IS NULL"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(cancelled >= 1, "cancelled in the calendars");
    assert_eq!(remade.len(), 2, "{remade:?}: six months, every three");
}

async fn a_member_gets_invitations_reminders_and_a_private_calendar(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier = public_id(&app, ATELIER).await;
    let kartrekker = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let member = app
        .person("lid@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let online = app
        .person("online@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE atelier_member SET level = 'online_only' WHERE account_id = \
         (SELECT id FROM account WHERE email_key = 'online@example.org')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    set_series(&app, &kartrekker, &atelier).await;
    let first = meetings(&app, ATELIER).await[0];

    // The invitations job: the member at level "meetings" is invited to the meeting
    // within four weeks, with its calendar file; the online-only member is not.
    let now = samenleren::time::now();
    // (The demo's members of this atelier are invited too: count ours.)
    let invited_to_first = |email: &'static str| {
        let app = &app;
        async move {
            on_pool!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM meeting_rsvp r JOIN account a ON a.id = r.account_id \
                 WHERE r.session_id = $1 AND a.email_key = $2"
            )
            .bind(first)
            .bind(email)
            .fetch_one(pool)
            .await
            .unwrap())
        }
    };
    let (invited, _) = app.db.invite_to_meetings(now).await.unwrap();
    assert!(invited >= 1);
    assert_eq!(invited_to_first("lid@example.org").await, 1);
    assert_eq!(
        invited_to_first("online@example.org").await,
        0,
        "online only"
    );
    assert_eq!(
        app.db.invite_to_meetings(now).await.unwrap(),
        (0, 0),
        "once"
    );
    let mail = wait_for_mails(&app, 1, |m| {
        m.subject.contains("kom je?") && m.to.contains("lid@example.org")
    })
    .await
    .remove(0);
    assert!(mail.text.contains("https://meet.example.org/veerkracht"));
    assert!(
        mail.text
            .contains(&format!("/ateliers/{ATELIER}#bijeenkomsten"))
    );
    let (_, ics) = mail.calendar().expect("the invitation carries the .ics");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART;TZID=Europe/Amsterdam:"));
    assert!(ics.contains("T193000"), "19:30 Dutch time");
    let uid: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT uid FROM session WHERE id = $1"
    )
    .bind(first)
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(ics.contains(&uid), "the same UID as the feeds");

    // A week before, those who have not answered are reminded, once.
    let later = now + Duration::days(8);
    let (_, reminded) = app.db.invite_to_meetings(later).await.unwrap();
    assert!(reminded >= 1);
    assert_eq!(app.db.invite_to_meetings(later).await.unwrap().1, 0, "once");
    // (Queued for then: the worker sends it when that time comes.)
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'meeting_reminder' \
             AND recipient = 'lid@example.org'"
        )
        .await,
        1
    );
    assert!(
        !read_mails(&app)
            .iter()
            .any(|m| m.to.contains("online@example.org") && m.subject.contains("kom je")),
        "online only: no invitation"
    );

    // The member's private calendar: the link on the member area, no sign-in
    // needed, the members-only meetings in it; the public feed leaves them out.
    let (_, html) = get(&app, &member, &format!("/ateliers/{ATELIER}")).await;
    let prefix = format!("/ateliers/{ATELIER}/agenda/");
    let at = html.find(&prefix).expect("the feed link");
    let end = at + html[at..].find('"').unwrap();
    let path = html[at..end].to_owned();
    assert!(path.ends_with(".ics"));
    let (status, ics) = get(&app, &browser(), &path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    assert!(ics.contains(&uid));
    let (_, public) = get(
        &app,
        &browser(),
        &format!("/activiteiten/{ATELIER}/agenda.ics"),
    )
    .await;
    assert!(
        !public.contains(&uid),
        "members only: not in the public feed"
    );
    // The online-only member's feed has no meetings; a wrong token is 404.
    let (_, html) = get(&app, &online.client, &format!("/ateliers/{ATELIER}")).await;
    assert!(html.contains("/agenda/"));
    let wrong = format!("{}x.ics", path.trim_end_matches(".ics"));
    assert_eq!(get(&app, &browser(), &wrong).await.0, StatusCode::NOT_FOUND);
    // After leaving, the feed is gone.
    let leave = format!("/ateliers/{ATELIER}/opzeggen");
    post_form(&app, &member, &leave, &leave, &[]).await;
    assert_eq!(get(&app, &browser(), &path).await.0, StatusCode::NOT_FOUND);
}
