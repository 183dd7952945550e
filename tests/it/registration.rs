//! Registration over HTTP, on SQLite and PostgreSQL: the form, the manage link, the
//! waitlist and promotion, offers, the emails in the outbox, concurrency, protection
//! and bad input.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::editor::registration_of;
use crate::common::ids::activity_id;
use crate::common::mail::{quoted_printable, read_mails, wait_for_mails};
use crate::common::web::secret;
use crate::common::{Backend, TestApp, spawn_app, spawn_app_configured};
use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::{Value, json};

both_databases!(
    register_through_the_form_and_manage_through_the_emailed_link,
    cancelling_promotes_the_first_waitlisted_person,
    offers_are_accepted_or_move_on_when_they_expire,
    a_second_registration_with_the_same_address_takes_no_place,
    parallel_clients_never_overbook_and_keep_positions_gapless,
    bad_form_input_is_answered_next_to_the_field_and_stores_nothing,
    csrf_honeypot_and_double_submit,
    closed_full_and_unknown_activities_refuse_registration,
    the_api_registers_reads_and_cancels_by_token,
    the_api_refuses_bad_input_with_problem_details,
    registrations_are_rate_limited_per_client,
    reminders_are_queued_once_per_session,
    arbitrary_form_and_api_input_never_breaks_a_rule,
    a_batch_decides_each_sign_up_in_order_and_fails_as_a_whole,
    a_failed_batch_is_stored_one_by_one,
    a_smaller_session_limits_the_places_of_a_series,
    a_refused_form_shows_where_the_activity_stands_now,
);

// ------------------------------------------------------------------ helpers

/// Adds a published café starting in `in_days` days through the demo loader.
async fn add_cafe(app: &TestApp, slug: &str, capacity: Option<u32>, waitlist: bool) {
    add_cafe_in(app, slug, capacity, waitlist, 30).await;
}

async fn add_cafe_in(
    app: &TestApp,
    slug: &str,
    capacity: Option<u32>,
    waitlist: bool,
    in_days: u32,
) {
    let data = json!({
        "activities": [{
            "slug": slug, "kind": "cafe", "title": format!("Testcafé {slug}"), "subtitle": "",
            "summary": "Een leercafé voor de test.", "body": "", "themes": [], "audiences": ["opbouwwerker"],
            "organisations": [], "contact": null, "facilitators": [], "region": "Flevoland",
            "status": "published", "cost_cents": 0, "cost_note": "", "time_investment": "",
            "recurrence_note": "", "participation_note": "", "capacity": capacity,
            "confirmed_count": 0, "waitlist": waitlist, "registration_open": true,
            "organiser_email": "organisator@example.org",
            "questions": [
                {"kind": "choice", "label": "Ronde", "help": "", "required": true, "options": ["Ronde 1", "Ronde 2"]},
                {"kind": "text", "label": "Dieetwensen", "help": "", "required": false, "options": []}
            ],
            "sessions": [{"date": {"in_days": in_days, "weekday": "Thu"}, "start": "13:30", "end": "17:00", "venue": null, "title": ""}],
            "repeat": null, "program": [], "prerequisites": [], "links": []
        }]
    });
    let data: samenleren::demo::DemoData = serde_json::from_value(data).expect("fixture");
    app.db
        .load_demo(&data, samenleren::time::today())
        .await
        .expect("fixture loads");
}

async fn question_ids(app: &TestApp, slug: &str) -> Vec<i64> {
    on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT q.id FROM question q JOIN activity a ON a.id = q.activity_id WHERE a.slug = $1 ORDER BY q.position"
    )
    .bind(slug)
    .fetch_all(pool)
    .await
    .unwrap()
    })
}

fn person(n: usize) -> Value {
    json!({"name": format!("Deelnemer {n}"), "email": format!("p{n}@example.org"), "role": "anders", "privacy_consent": true})
}

/// Registers through the API. The answer is the same whatever happened (202), so
/// on 202 this adds what the email tells the person, read from the database: `id`,
/// `state`, `waitlist_position` and the manage `token`.
async fn api_register(app: &TestApp, slug: &str, body: &Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/activities/{slug}/registrations")))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = response.status();
    let mut answer = response.json().await.unwrap_or(Value::Null);
    if status == StatusCode::ACCEPTED {
        assert_eq!(answer["status"], "accepted", "{answer}");
        assert!(answer.get("state").is_none() && answer.get("token").is_none());
        let email = body["email"].as_str().unwrap_or_default();
        if let Some(stored) = registration_of(app, slug, email).await {
            answer["id"] = json!(stored.public_id);
            answer["state"] = json!(stored.state);
            answer["waitlist_position"] = json!(stored.position);
            answer["token"] = json!(secret(app).manage_token(&stored.public_id));
        }
    }
    (status, answer)
}

/// `(state, waitlist_position)` of every registration of `slug` by email.
async fn states(app: &TestApp, slug: &str) -> Vec<(String, String, Option<i32>)> {
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT r.email, r.state, r.waitlist_position FROM registration r \
         JOIN activity a ON a.id = r.activity_id WHERE a.slug = $1 ORDER BY r.id"
    )
    .bind(slug)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn counters(app: &TestApp, slug: &str) -> (i32, i32) {
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT confirmed_count, waitlist_count FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn scalar(app: &TestApp, sql: &'static str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(sql)
        .fetch_one(pool)
        .await
        .unwrap())
}

/// The value of the form field `name` in `html`.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} in form"))
        + marker.len();
    html[at..].split('"').next().unwrap().to_owned()
}

/// Loads the form and returns (csrf, submission) with the cookie kept by the client.
async fn open_form(app: &TestApp, client: &reqwest::Client, slug: &str) -> (String, String) {
    let page = client
        .get(app.url(&format!("/activiteiten/{slug}/aanmelden")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    (hidden(&html, "csrf"), hidden(&html, "submission"))
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("post");
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

// -------------------------------------------------------------------- tests

async fn register_through_the_form_and_manage_through_the_emailed_link(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "formcafe", Some(10), true).await;
    let q = question_ids(&app, "formcafe").await;
    let client = browser();

    // The activity page links to the form.
    let (_, page) = app.get_text("/activiteiten/formcafe").await;
    assert!(
        page.contains("href=\"/activiteiten/formcafe/aanmelden\""),
        "register button"
    );

    let (csrf, submission) = open_form(&app, &client, "formcafe").await;
    let (q1, q2) = (format!("q-{}", q[0]), format!("q-{}", q[1]));
    let (status, html) = post_form(
        &app,
        &client,
        "/activiteiten/formcafe/aanmelden",
        &[
            ("csrf", &csrf),
            ("submission", &submission),
            ("name", "Fatima <script>el Amrani</script>"),
            ("email", "Fatima@Buurtwerk.example"),
            ("organisation", "Buurtwerk"),
            ("role", "opbouwwerker"),
            ("region", "Flevoland"),
            (&q1, "Ronde 2"),
            (&q2, "Geen vlees"),
            ("privacy_consent", "1"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Bedankt voor je aanmelding"));
    assert!(html.contains("Fatima@Buurtwerk.example"));

    let mail = wait_for_mails(&app, 1, |m| m.subject.starts_with("Je bent aangemeld")).await;
    let mail = &mail[0];
    assert_eq!(mail.to, "Fatima@Buurtwerk.example");
    assert!(
        mail.raw.contains("Content-Type: text/calendar"),
        "ics attached"
    );
    assert!(mail.raw.contains("filename=\"formcafe.ics\""));
    let html_part = &mail.text[mail.text.find("Content-Type: text/html").unwrap()..];
    assert!(
        html_part.contains("Beste Fatima &#60;script&#62;el Amrani&#60;/script&#62;,"),
        "HTML in the name is escaped in the HTML part"
    );
    assert!(!html_part.contains("<script>"));
    // The attachment parses as iCalendar.
    let ics = attachment(&mail.raw);
    let calendar: icalendar::Calendar = ics.parse().expect("ics parses");
    assert_eq!(calendar.components.len(), 2, "VTIMEZONE and one VEVENT");
    assert!(ics.contains("SUMMARY:Testcafé formcafe"));

    // The manage page shows the registration and the answers; the token is not stored.
    let token = mail.manage_token().expect("manage link");
    let stored: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM registration WHERE token_hash = $1 OR token_hash = $2"
    )
    .bind(&token)
    .bind(samenleren::secret::token_hash(&token))
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(stored, 1, "found by its hash only");
    let response = client
        .get(app.url(&format!("/aanmelding/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    assert!(html.contains("Je bent aangemeld"));
    assert!(html.contains("Geen vlees"));
    assert!(
        html.contains("Wanneer en waar") && html.contains("13.30–17.00 uur"),
        "the session's date and time"
    );
    assert!(html.contains("Fatima &#60;script&#62;el Amrani&#60;/script&#62;"));
    assert!(!html.contains("<script>el"));

    // Change the answers through the page.
    let csrf = hidden(&html, "csrf");
    let (status, _) = post_form(
        &app,
        &client,
        &format!("/aanmelding/{token}"),
        &[
            ("csrf", &csrf),
            ("name", "Fatima el Amrani"),
            ("organisation", "Buurtwerk Almere"),
            ("role", "opbouwwerker"),
            (&q1, "Ronde 1"),
            (&q2, ""),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = app
        .get_text(&format!("/aanmelding/{token}?bericht=gewijzigd"))
        .await;
    assert!(html.contains("Je wijzigingen zijn opgeslagen"));
    assert!(html.contains("Buurtwerk Almere"));
    assert!(
        !html.contains("Geen vlees"),
        "emptied optional answer is removed"
    );

    // Cancel through the confirm page.
    let (status, html) = app.get_text(&format!("/aanmelding/{token}/afmelden")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ja, meld mij af"));
    let (status, _) = post_form(
        &app,
        &client,
        &format!("/aanmelding/{token}/afmelden"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = app.get_text(&format!("/aanmelding/{token}")).await;
    assert!(html.contains("Je bent afgemeld"));
    assert_eq!(counters(&app, "formcafe").await, (0, 0));
    wait_for_mails(&app, 1, |m| m.subject.starts_with("Je bent afgemeld")).await;
    // A second click on the cancel button changes nothing.
    let (status, _) = post_form(
        &app,
        &client,
        &format!("/aanmelding/{token}/afmelden"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(counters(&app, "formcafe").await, (0, 0));
    // A tampered token opens nothing.
    let mut tampered = token.clone();
    tampered.replace_range(0..1, if token.starts_with('A') { "B" } else { "A" });
    for bad in [tampered.as_str(), "kort", "../../etc/passwd"] {
        let (status, html) = app.get_text(&format!("/aanmelding/{bad}")).await;
        assert_eq!(status, 404, "{bad}");
        assert!(html.contains("lang=\"nl\""));
    }
}

/// The `text/calendar` attachment, decoded.
fn attachment(raw: &str) -> String {
    let start = raw
        .find("Content-Type: text/calendar")
        .expect("calendar part");
    let part = &raw[start..];
    let body_at = part.find("\r\n\r\n").expect("part body") + 4;
    let body = &part[body_at..];
    let body = &body[..body.find("\r\n--").unwrap_or(body.len())];
    if part[..body_at].contains("base64") {
        use base64::Engine;
        let compact: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap(),
        )
        .unwrap()
    } else {
        quoted_printable(body)
    }
}

async fn cancelling_promotes_the_first_waitlisted_person(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "kleincafe", Some(2), true).await;
    let q = question_ids(&app, "kleincafe").await;
    let mut tokens = Vec::new();
    for n in 0..5 {
        let mut body = person(n);
        body["answers"] = json!({ q[0].to_string(): "Ronde 1" });
        let (status, created) = api_register(&app, "kleincafe", &body).await;
        assert_eq!(status, 202, "{created}");
        tokens.push(created["token"].as_str().unwrap().to_owned());
        let expected_position = if n < 2 { Value::Null } else { json!(n - 1) };
        assert_eq!(created["waitlist_position"], expected_position);
    }
    assert_eq!(counters(&app, "kleincafe").await, (2, 3));
    // The organiser hears once that it is full.
    wait_for_mails(&app, 1, |m| {
        m.to == "organisator@example.org" && m.subject.starts_with("Vol:")
    })
    .await;
    wait_for_mails(&app, 3, |m| {
        m.subject.starts_with("Je staat op de wachtlijst")
    })
    .await;

    // The second waitlisted person leaves: positions close up.
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{}", tokens[3])))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let positions: Vec<Option<i32>> = states(&app, "kleincafe")
        .await
        .into_iter()
        .map(|s| s.2)
        .collect();
    assert_eq!(positions, vec![None, None, Some(1), None, Some(2)]);

    // A confirmed person cancels: the first waitlisted (p2) gets the place at once.
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{}", tokens[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["state"], "cancelled");
    let now = states(&app, "kleincafe").await;
    assert_eq!(now[2].1, "confirmed", "p2 promoted");
    assert_eq!(
        now[4],
        (
            "p4@example.org".to_owned(),
            "waitlisted".to_owned(),
            Some(1)
        )
    );
    assert_eq!(counters(&app, "kleincafe").await, (2, 1));
    let promoted = wait_for_mails(&app, 1, |m| {
        m.to == "p2@example.org" && m.subject.starts_with("Er is een plaats vrij voor je")
    })
    .await;
    assert!(
        promoted[0].raw.contains("text/calendar"),
        "the promoted person gets the calendar file"
    );
    assert!(promoted[0].manage_token().is_some());
}

async fn offers_are_accepted_or_move_on_when_they_expire(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "aanbodcafe", Some(1), true).await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE activity SET promotion = 'offer', offer_hours = 48 WHERE slug = 'aanbodcafe'"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let q = question_ids(&app, "aanbodcafe").await;
    let mut tokens = Vec::new();
    for n in 0..3 {
        let mut body = person(n);
        body["answers"] = json!({ q[0].to_string(): "Ronde 2" });
        let (status, created) = api_register(&app, "aanbodcafe", &body).await;
        assert_eq!(status, 202);
        tokens.push(created["token"].as_str().unwrap().to_owned());
    }
    // p0 cancels: p1 is offered the place for 48 hours, p2 still waits at 1.
    app.client
        .delete(app.url(&format!("/api/v1/registrations/{}", tokens[0])))
        .send()
        .await
        .unwrap();
    let p1: Value = app
        .get(&format!("/api/v1/registrations/{}", tokens[1]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p1["state"], "offered");
    assert!(p1["offer_expires_at"].is_string());
    assert_eq!(
        counters(&app, "aanbodcafe").await,
        (1, 1),
        "the offered place is held"
    );
    let offer = wait_for_mails(&app, 1, |m| {
        m.to == "p1@example.org" && m.subject.starts_with("Er is een plaats voor je")
    })
    .await;
    assert_eq!(offer[0].manage_token().as_deref(), Some(tokens[1].as_str()));
    // Newcomers queue behind the waitlist even though a place is "free".
    let (status, created) = api_register(&app, "aanbodcafe", &json!({"name": "Nieuw", "email": "nieuw@example.org", "role": "anders", "privacy_consent": true, "answers": { q[0].to_string(): "Ronde 1" }})).await;
    assert_eq!(status, 202);
    assert_eq!(created["waitlist_position"], 2);

    // p1 accepts through the manage page.
    let client = browser();
    let (_, html) = {
        let r = client
            .get(app.url(&format!("/aanmelding/{}", tokens[1])))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(html.contains("Er is een plaats voor je"));
    let csrf = hidden(&html, "csrf");
    let (status, _) = post_form(
        &app,
        &client,
        &format!("/aanmelding/{}/accepteren", tokens[1]),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(states(&app, "aanbodcafe").await[1].1, "confirmed");
    wait_for_mails(&app, 1, |m| {
        m.to == "p1@example.org" && m.subject.starts_with("Je bent aangemeld")
    })
    .await;

    // p1 cancels; p2 is offered the place, lets it expire; it moves on to "nieuw".
    app.client
        .delete(app.url(&format!("/api/v1/registrations/{}", tokens[1])))
        .send()
        .await
        .unwrap();
    assert_eq!(states(&app, "aanbodcafe").await[2].1, "offered");
    // 49 hours later: the offer's end is moved into the past.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE registration SET offer_expires_at = $1 WHERE state = 'offered'"
    )
    .bind(samenleren::time::now() - chrono::Duration::hours(1))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    assert_eq!(
        app.db.expire_offers(samenleren::time::now()).await.unwrap(),
        1
    );
    let now = states(&app, "aanbodcafe").await;
    assert_eq!(now[2].1, "cancelled");
    assert_eq!(
        now[3],
        ("nieuw@example.org".to_owned(), "offered".to_owned(), None)
    );
    assert_eq!(counters(&app, "aanbodcafe").await, (1, 0));
    wait_for_mails(&app, 1, |m| {
        m.to == "p2@example.org" && m.subject.starts_with("Je plaats is vervallen")
    })
    .await;
    // Accepting an expired offer is refused and moves it on (nobody left to offer).
    let (status, _) = post_form(
        &app,
        &client,
        &format!("/aanmelding/{}/accepteren", tokens[2]),
        &[("csrf", "x")],
    )
    .await;
    assert_eq!(status, 403, "a wrong CSRF token changes nothing");
    assert_eq!(
        app.db.expire_offers(samenleren::time::now()).await.unwrap(),
        0
    );
}

async fn a_second_registration_with_the_same_address_takes_no_place(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "dubbelcafe", Some(5), true).await;
    let q = question_ids(&app, "dubbelcafe").await;
    let client = browser();
    let mut pages = Vec::new();
    for email in ["an@example.org", "AN@Example.org"] {
        let (csrf, submission) = open_form(&app, &client, "dubbelcafe").await;
        let (status, html) = post_form(
            &app,
            &client,
            "/activiteiten/dubbelcafe/aanmelden",
            &[
                ("csrf", &csrf),
                ("submission", &submission),
                ("name", "An"),
                ("email", email),
                ("role", "opbouwwerker"),
                (&format!("q-{}", q[0]), "Ronde 1"),
                ("privacy_consent", "1"),
            ],
        )
        .await;
        assert_eq!(status, 200);
        pages.push(html.replace(email, "<email>").replace(&csrf, ""));
    }
    assert_eq!(pages[0], pages[1], "the same neutral page either way");
    assert_eq!(states(&app, "dubbelcafe").await.len(), 1);
    assert_eq!(counters(&app, "dubbelcafe").await, (1, 0));
    let again = wait_for_mails(&app, 1, |m| m.subject.starts_with("Je was al aangemeld")).await;
    let first = wait_for_mails(&app, 1, |m| m.subject.starts_with("Je bent aangemeld")).await;
    assert_eq!(
        again[0].manage_token(),
        first[0].manage_token(),
        "the same manage link"
    );
    // After cancelling, the address may register again.
    let token = first[0].manage_token().unwrap();
    app.client
        .delete(app.url(&format!("/api/v1/registrations/{token}")))
        .send()
        .await
        .unwrap();
    let mut body =
        json!({"name": "An", "email": "an@example.org", "role": "anders", "privacy_consent": true});
    body["answers"] = json!({ q[0].to_string(): "Ronde 1" });
    let first = app
        .client
        .post(app.url("/api/v1/activities/dubbelcafe/registrations"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let (first_status, first) = (first.status(), first.text().await.unwrap());
    let again = app
        .client
        .post(app.url("/api/v1/activities/dubbelcafe/registrations"))
        .json(&body)
        .send()
        .await
        .unwrap();
    // A new and a known address get the very same answer.
    assert_eq!(
        (first_status, again.status()),
        (StatusCode::ACCEPTED, StatusCode::ACCEPTED)
    );
    assert_eq!(again.text().await.unwrap(), first);
    // More attempts within the hour add no more emails (no mailbox flooding).
    for _ in 0..3 {
        assert_eq!(api_register(&app, "dubbelcafe", &body).await.0, 202);
    }
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'manage_link'"
        )
        .await,
        2,
        "one per registration and hour"
    );
}

async fn parallel_clients_never_overbook_and_keep_positions_gapless(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "drukcafe", Some(20), true).await;
    let q = question_ids(&app, "drukcafe").await;
    let people = 150;
    let mut tasks = Vec::new();
    for n in 0..people {
        let client = reqwest::Client::new();
        let url = app.url("/api/v1/activities/drukcafe/registrations");
        let mut body = person(n);
        body["answers"] = json!({ q[0].to_string(): "Ronde 1" });
        tasks.push(tokio::spawn(async move {
            let response = client.post(url).json(&body).send().await.expect("request");
            (response.status(), response.text().await.unwrap())
        }));
    }
    // Everyone gets the same answer; places and positions are in the database.
    let mut answers = BTreeSet::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 202, "{body}");
        answers.insert(body);
    }
    assert_eq!(answers.len(), 1, "one neutral answer: {answers:?}");
    let stored = states(&app, "drukcafe").await;
    assert_eq!(stored.iter().filter(|s| s.1 == "confirmed").count(), 20);
    let stored_positions: BTreeSet<i32> = stored.iter().filter_map(|s| s.2).collect();
    assert_eq!(stored_positions, (1..=130).collect::<BTreeSet<i32>>());
    assert_eq!(counters(&app, "drukcafe").await, (20, 130));
    // One email per registration, plus one notice to the organiser.
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind IN ('confirmation', 'waitlisted')"
        )
        .await,
        150
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'organiser_full'"
        )
        .await,
        1
    );

    // Cancellations in parallel: the places go to the first waitlisted, in order.
    let first_in_line: BTreeSet<String> = stored
        .iter()
        .filter(|s| s.2.is_some_and(|p| p <= 10))
        .map(|s| s.0.clone())
        .collect();
    assert_eq!(first_in_line.len(), 10);
    let first_ten: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT r.public_id FROM registration r JOIN activity a ON a.id = r.activity_id \
         WHERE a.slug = 'drukcafe' AND r.state = 'confirmed' ORDER BY r.id LIMIT 10"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    let secret = samenleren::secret::Secret::load(None, app.test_db.data_dir.path()).unwrap();
    let mut tasks = Vec::new();
    for public_id in first_ten {
        let url = app.url(&format!(
            "/api/v1/registrations/{}",
            secret.manage_token(&public_id)
        ));
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .delete(url)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    assert_eq!(counters(&app, "drukcafe").await, (20, 120));
    let stored = states(&app, "drukcafe").await;
    let stored_positions: Vec<i32> = {
        let mut p: Vec<i32> = stored.iter().filter_map(|s| s.2).collect();
        p.sort_unstable();
        p
    };
    assert_eq!(stored_positions, (1..=120).collect::<Vec<i32>>());
    // The ten promoted are the ten who were first in line.
    assert_eq!(stored.iter().filter(|s| s.1 == "confirmed").count(), 20);
    let confirmed_now: BTreeSet<String> = stored
        .iter()
        .filter(|s| s.1 == "confirmed")
        .map(|s| s.0.clone())
        .collect();
    assert!(
        first_in_line.is_subset(&confirmed_now),
        "promoted out of order"
    );
}

async fn bad_form_input_is_answered_next_to_the_field_and_stores_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "foutcafe", Some(5), true).await;
    let q = question_ids(&app, "foutcafe").await;
    let client = browser();
    let (csrf, submission) = open_form(&app, &client, "foutcafe").await;
    let long_name = "x".repeat(10 * 1024);
    let q1 = format!("q-{}", q[0]);
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("name", ""), ("email", "an@example.org")],
            "name-e",
            "Vul je naam in.",
        ),
        (
            vec![("name", &long_name), ("email", "an@example.org")],
            "name-e",
            "Dit is te lang.",
        ),
        (
            vec![("name", "An\u{0007}"), ("email", "an@example.org")],
            "name-e",
            "tekens",
        ),
        (
            vec![("name", "An"), ("email", "an@@example")],
            "email-e",
            "geldig e-mailadres",
        ),
        (
            vec![("name", "An"), ("email", "")],
            "email-e",
            "Vul je e-mailadres in.",
        ),
    ];
    for (fields, error_id, message) in cases {
        let mut all = vec![
            ("csrf", csrf.as_str()),
            ("submission", submission.as_str()),
            ("role", "opbouwwerker"),
            (q1.as_str(), "Ronde 1"),
            ("privacy_consent", "1"),
        ];
        all.extend(fields.iter().copied());
        let (status, html) =
            post_form(&app, &client, "/activiteiten/foutcafe/aanmelden", &all).await;
        assert_eq!(status, 422, "{error_id}");
        assert!(
            html.contains(&format!("id=\"{error_id}\"")),
            "{error_id} next to its field"
        );
        assert!(html.contains(message), "{message}");
        assert!(html.contains("role=\"alert\""), "error summary");
        assert!(
            html.contains("value=\"opbouwwerker\" selected"),
            "the form is kept filled in"
        );
    }
    // HTML in a field comes back escaped, never as markup.
    let (status, html) = post_form(
        &app,
        &client,
        "/activiteiten/foutcafe/aanmelden",
        &[
            ("csrf", &csrf),
            ("name", "<img src=x onerror=alert(1)>"),
            ("email", "nope"),
            ("role", "<b>"),
            ("privacy_consent", "1"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("value=\"&#60;img src=x onerror=alert(1)&#62;\""));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("Kies een van de mogelijkheden"));
    // Missing consent and a required question.
    let (status, html) = post_form(
        &app,
        &client,
        "/activiteiten/foutcafe/aanmelden",
        &[
            ("csrf", &csrf),
            ("name", "An"),
            ("email", "an@example.org"),
            ("role", "opbouwwerker"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"privacy_consent-e\""));
    assert!(html.contains(&format!("id=\"{q1}-e\"")));
    // A body over the limit is refused before it is read.
    let (status, page) = post_form(
        &app,
        &client,
        "/activiteiten/foutcafe/aanmelden",
        &[("name", &"y".repeat(100 * 1024))],
    )
    .await;
    assert_eq!(status, 413);
    assert!(page.contains("Wat je hebt ingevuld is te lang"), "{page}");
    assert_eq!(states(&app, "foutcafe").await.len(), 0, "nothing stored");
    // (The demo's atelier members get their meeting invitations at start-up.)
    assert_eq!(scalar(&app, REGISTRATION_OUTBOX).await, 0);
}

/// Outbox rows of registrations: the demo's atelier members get meeting
/// invitations when the app starts, which these tests do not count.
const REGISTRATION_OUTBOX: &str =
    "SELECT COUNT(*) FROM outbox WHERE kind NOT IN ('meeting_invitation', 'meeting_reminder')";

async fn csrf_honeypot_and_double_submit(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "veiligcafe", Some(5), true).await;
    let q = question_ids(&app, "veiligcafe").await;
    let q1 = format!("q-{}", q[0]);
    let client = browser();
    let (csrf, submission) = open_form(&app, &client, "veiligcafe").await;
    let good = |csrf: &str, website: &str| -> Vec<(String, String)> {
        vec![
            ("csrf".into(), csrf.into()),
            ("submission".into(), submission.clone()),
            ("name".into(), "Bram".into()),
            ("email".into(), "bram@example.org".into()),
            ("role".into(), "opbouwwerker".into()),
            (q1.clone(), "Ronde 1".into()),
            ("privacy_consent".into(), "1".into()),
            ("website".into(), website.into()),
        ]
    };
    let send = |fields: Vec<(String, String)>, client: reqwest::Client| {
        let url = app.url("/activiteiten/veiligcafe/aanmelden");
        async move {
            let r = client.post(url).form(&fields).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // Forged and missing tokens: 403, the form kept, nothing stored.
    let (status, html) = send(good("forged", ""), client.clone()).await;
    assert_eq!(status, 403);
    assert!(html.contains("Het formulier was verlopen"));
    assert!(html.contains("value=\"bram@example.org\""));
    let (status, _) = send(good(&csrf, ""), reqwest::Client::new()).await;
    assert_eq!(status, 403, "a token without its cookie");
    // A cross-site POST is refused even with a valid token.
    let r = client
        .post(app.url("/activiteiten/veiligcafe/aanmelden"))
        .header("sec-fetch-site", "cross-site")
        .form(&good(&csrf, ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The honeypot: the neutral page, nothing stored.
    let (status, html) = send(good(&csrf, "https://spam.example"), client.clone()).await;
    assert_eq!(status, 200);
    assert!(html.contains("Bedankt voor je aanmelding"));
    assert_eq!(states(&app, "veiligcafe").await.len(), 0);
    // A double-clicked submit: two requests at once, one registration, one email.
    let (a, b) = tokio::join!(
        send(good(&csrf, ""), client.clone()),
        send(good(&csrf, ""), client.clone())
    );
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
    assert_eq!(states(&app, "veiligcafe").await.len(), 1);
    wait_for_mails(&app, 1, |_| true).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mails: Vec<_> = read_mails(&app)
        .into_iter()
        .filter(|m| !m.subject.contains("kom je?"))
        .collect();
    assert_eq!(
        mails.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert_eq!(scalar(&app, REGISTRATION_OUTBOX).await, 1);
}

async fn closed_full_and_unknown_activities_refuse_registration(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The demo's full café without a waitlist: the form says "vol" and offers no form.
    let (status, html) = app
        .get_text("/activiteiten/blik-op-samenlevingsopbouw/aanmelden")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Deze leerbijeenkomst zit vol"));
    assert!(!html.contains("<form class=\"samenleren-form\""));
    let (status, problem) = api_register(&app, "blik-op-samenlevingsopbouw", &person(1)).await;
    assert_eq!(status, 409, "{problem}");
    // Registration switched off (presentiebenadering).
    let (status, _) = api_register(&app, "presentiebenadering", &person(1)).await;
    assert_eq!(status, 409);
    // Unknown and malformed slugs.
    for slug in ["bestaat-niet", "%00", "a%20b"] {
        let (status, _) = app
            .get_text(&format!("/activiteiten/{slug}/aanmelden"))
            .await;
        assert_eq!(status, 404, "{slug}");
        let (status, _) = api_register(&app, slug, &person(1)).await;
        assert_eq!(status, 404, "{slug}");
    }
    // Cancelled and past activities.
    add_cafe(&app, "geschrapt", Some(5), true).await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE activity SET status = 'cancelled' WHERE slug = 'geschrapt'"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (status, _) = api_register(&app, "geschrapt", &person(1)).await;
    assert_eq!(status, 409);
    add_cafe(&app, "voorbij", Some(5), true).await;
    on_pool!(&app.db, |pool| {
        sqlx::query(
        "UPDATE session SET starts_at = $1, ends_at = $2 WHERE activity_id = (SELECT id FROM activity WHERE slug = 'voorbij')"
    )
    .bind(samenleren::time::now() - chrono::Duration::days(3))
    .bind(samenleren::time::now() - chrono::Duration::days(3) + chrono::Duration::hours(2))
    .execute(pool).await.map(|_| ()).unwrap()
    });
    let (status, _) = api_register(&app, "voorbij", &person(1)).await;
    assert_eq!(status, 409);
    let (status, html) = app.get_text("/activiteiten/voorbij/aanmelden").await;
    assert_eq!(status, 200);
    assert!(html.contains("Deze activiteit is voorbij"));
    // A window that opens later.
    add_cafe(&app, "straks", Some(5), true).await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE activity SET registration_opens_at = $1 WHERE slug = 'straks'"
    )
    .bind(samenleren::time::now() + chrono::Duration::days(2))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (status, _) = api_register(&app, "straks", &person(1)).await;
    assert_eq!(status, 409);
    let (_, html) = app.get_text("/activiteiten/straks").await;
    assert!(html.contains("Aanmelden kan vanaf"));
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM registration WHERE email LIKE 'p1@%'"
        )
        .await,
        0
    );
}

async fn the_api_registers_reads_and_cancels_by_token(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "apicafe", Some(1), true).await;
    let q = question_ids(&app, "apicafe").await;
    let mut body = json!({"name": "Bo", "email": "bo@example.org", "organisation": "Wijkteam", "role": "opbouwwerker",
        "region": "Utrecht", "privacy_consent": true, "lang": "en", "answers": { q[0].to_string(): "Ronde 2", q[1].to_string(): "Vegan" }});
    let response = app
        .client
        .post(app.url("/api/v1/activities/apicafe/registrations"))
        .header("idempotency-key", "abc-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let first_answer = response.text().await.unwrap();
    let created: Value = serde_json::from_str(&first_answer).unwrap();
    assert_eq!(created["status"], "accepted");
    assert_eq!(created["activity"], "apicafe");
    assert!(created.get("token").is_none(), "the outcome goes by email");
    // The confirmation email carries the manage link, as for the form.
    let confirmation = wait_for_mails(&app, 1, |m| {
        m.to == "bo@example.org" && m.subject.starts_with("You are registered")
    })
    .await;
    let token = confirmation[0].manage_token().expect("a manage link");
    let stored = registration_of(&app, "apicafe", "bo@example.org")
        .await
        .unwrap();
    assert_eq!(stored.state, "confirmed");
    assert_eq!(token, secret(&app).manage_token(&stored.public_id));
    // Every sign-up went through a batch; the sizes have their own buckets.
    let metrics = app.metrics().await.text().await.unwrap();
    let batches: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("registration_batch_size_bucket{le=\"256\"} "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no batch size histogram in {metrics}"));
    assert!(batches >= 1.0, "{metrics}");
    // The same Idempotency-Key answers as the first time and registers nothing new.
    let again = app
        .client
        .post(app.url("/api/v1/activities/apicafe/registrations"))
        .header("idempotency-key", "abc-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 202);
    assert_eq!(again.text().await.unwrap(), first_answer);
    assert_eq!(states(&app, "apicafe").await.len(), 1);
    // The same key with another address or for another activity is a new registration.
    let mut other = body.clone();
    other["email"] = json!("bo2@example.org");
    let response = app
        .client
        .post(app.url("/api/v1/activities/apicafe/registrations"))
        .header("idempotency-key", "abc-1")
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    assert_eq!(
        response.text().await.unwrap(),
        first_answer,
        "one answer for all"
    );
    let second = registration_of(&app, "apicafe", "bo2@example.org")
        .await
        .unwrap();
    assert_ne!(second.public_id, stored.public_id);
    assert_eq!(second.state, "waitlisted");
    app.client
        .delete(app.url(&format!(
            "/api/v1/registrations/{}",
            secret(&app).manage_token(&second.public_id)
        )))
        .send()
        .await
        .unwrap();
    // English emails for an English registration.
    wait_for_mails(&app, 1, |m| m.subject.starts_with("You are registered")).await;
    let response = app.get(&format!("/api/v1/registrations/{token}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let got: Value = response.json().await.unwrap();
    assert_eq!(got["answers"][q[1].to_string()], "Vegan");
    assert_eq!(got["region"], "Utrecht");
    body["email"] = json!("cas@example.org");
    let (_, waiting) = api_register(&app, "apicafe", &body).await;
    assert_eq!(waiting["state"], "waitlisted");
    assert_eq!(waiting["waitlist_position"], 1);
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cancelled: Value = response.json().await.unwrap();
    assert_eq!(cancelled["state"], "cancelled");
    // Deleting again is harmless; the waitlisted person was promoted once.
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let promoted: Value = app
        .get(&format!(
            "/api/v1/registrations/{}",
            waiting["token"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(promoted["state"], "confirmed");
    for bad in ["x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        let response = app.get(&format!("/api/v1/registrations/{bad}")).await;
        assert_eq!(response.status(), 404);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
    }
    // The OpenAPI document describes the three operations.
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/activities/{slug}/registrations"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/registrations/{token}"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/registrations/{token}"]["delete"].is_object());
}

async fn the_api_refuses_bad_input_with_problem_details(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "strengcafe", Some(3), true).await;
    let url = app.url("/api/v1/activities/strengcafe/registrations");
    let raw = |body: &'static str, content_type: &'static str| {
        let client = app.client.clone();
        let url = url.clone();
        async move {
            let r = client
                .post(url)
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let ct = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, ct, r.text().await.unwrap())
        }
    };
    let too_large: &'static str = Box::leak("x".repeat(100 * 1024).into_boxed_str());
    for (body, ct, expected) in [
        (too_large, "application/json", 413),
        ("{", "application/json", 400),
        ("[]", "application/json", 400),
        ("{\"name\":\"a\"}", "application/json", 400),
        (
            "{\"name\":\"a\",\"email\":\"a@b.nl\",\"role\":\"anders\",\"privacy_consent\":true,\"extra\":1}",
            "application/json",
            400,
        ),
        ("name=a", "application/x-www-form-urlencoded", 415),
        (
            "{\"name\":\"\",\"email\":\"x\",\"role\":\"koning\",\"privacy_consent\":false,\"answers\":{\"999\":\"?\"},\"lang\":\"fr\"}",
            "application/json",
            422,
        ),
    ] {
        let (status, content_type, text) = raw(body, ct).await;
        assert_eq!(
            status.as_u16(),
            expected,
            "{}: {text}",
            &body[..body.len().min(80)]
        );
        assert_eq!(content_type, "application/problem+json");
    }
    let (_, _, text) = raw("{\"name\":\"\",\"email\":\"x\",\"role\":\"koning\",\"privacy_consent\":false,\"answers\":{\"999\":\"?\"}}", "application/json").await;
    let problem: Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for field in ["name", "email", "role", "privacy_consent", "answers.999"] {
        assert!(names.contains(&field), "{field} in {names:?}");
    }
    // A name or organisation that turns itself around (a bidi override) or holds a
    // Unicode noncharacter is refused at its field.
    let (status, _, text) = raw(
        r#"{"name":"Jan\u202Enav","email":"j@example.org","organisation":"Wijk\uFDD0team","role":"anders","role_other":"x","privacy_consent":true}"#,
        "application/json",
    )
    .await;
    assert_eq!(status.as_u16(), 422, "{text}");
    let problem: Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"name") && names.contains(&"organisation"),
        "{names:?}"
    );
    assert!(!names.contains(&"email"), "{names:?}");
    assert_eq!(states(&app, "strengcafe").await.len(), 0);
}

async fn registrations_are_rate_limited_per_client(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, true, |s| {
        s.registration_rate = samenleren::config::RateLimit {
            per_minute: 2,
            burst: 2,
        };
    })
    .await
    else {
        return;
    };
    add_cafe(&app, "snelcafe", None, false).await;
    let q = question_ids(&app, "snelcafe").await;
    for n in 0..2 {
        let mut body = person(n);
        body["answers"] = json!({ q[0].to_string(): "Ronde 1" });
        assert_eq!(api_register(&app, "snelcafe", &body).await.0, 202);
    }
    let response = app
        .client
        .post(app.url("/api/v1/activities/snelcafe/registrations"))
        .json(&person(3))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    // The form gets a Dutch page with the same answer.
    let client = browser();
    let response = client
        .post(app.url("/activiteiten/snelcafe/aanmelden"))
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let html = response.text().await.unwrap();
    assert!(html.contains("Even wachten"));
    assert!(html.contains("lang=\"nl\""));
    assert_eq!(states(&app, "snelcafe").await.len(), 2);
}

async fn reminders_are_queued_once_per_session(backend: Backend) {
    // The server's own `queue_reminders` job looks 0 days ahead here, so it cannot
    // queue these reminders before the test's own call does.
    let Some(app) = spawn_app_configured(backend, true, |settings| {
        settings.mail.reminder_days = 0;
    })
    .await
    else {
        return;
    };
    add_cafe_in(&app, "herinnercafe", Some(5), true, 1).await;
    let q = question_ids(&app, "herinnercafe").await;
    for n in 0..2 {
        let mut body = person(n);
        body["answers"] = json!({ q[0].to_string(): "Ronde 1" });
        assert_eq!(api_register(&app, "herinnercafe", &body).await.0, 202);
    }
    // The café is within 2 days (it starts on the first Thursday from tomorrow, so
    // look 8 days ahead to be sure it is in range).
    let queued = app
        .db
        .queue_reminders(samenleren::time::now(), 8)
        .await
        .unwrap();
    assert!(queued >= 2, "{queued}");
    assert_eq!(
        app.db
            .queue_reminders(samenleren::time::now(), 8)
            .await
            .unwrap(),
        0,
        "once"
    );
    let mails = wait_for_mails(&app, 2, |m| {
        m.subject.starts_with("Herinnering: Testcafé herinnercafe")
    })
    .await;
    assert!(mails[0].raw.contains("text/calendar"));
}

/// Property: whatever arrives at the form or the API, the answer is a 2xx or a 4xx
/// (never a 5xx), and what is stored stays clean and consistent.
async fn arbitrary_form_and_api_input_never_breaks_a_rule(backend: Backend) {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "fuzzcafe", Some(3), true).await;
    let q = question_ids(&app, "fuzzcafe").await;
    let text = "\\PC{0,40}|[<>&\"'\\\u{0}-\u{1f}\u{7f}\u{202e}a-z@. ]{0,20}|.{300,400}";
    let strategy = (
        text,
        text,
        "opbouwwerker|anders|\\PC{0,8}",
        text,
        "Ronde 1|Ronde 2|\\PC{0,8}",
        proptest::bool::ANY,
        "[a-z_0-9-]{0,12}",
    );
    let mut runner = TestRunner::deterministic();
    let client = browser();
    let (csrf, _) = open_form(&app, &client, "fuzzcafe").await;
    let allowed = [200, 202, 400, 403, 409, 413, 415, 422];
    for _ in 0..48 {
        let (name, email, role, region, answer, consent, key) =
            strategy.new_tree(&mut runner).unwrap().current();
        // The API, with the answer under a real and a made-up key.
        let body = json!({
            "name": name, "email": email, "role": role, "region": region, "privacy_consent": consent,
            "answers": { q[0].to_string(): answer, key.clone(): "x" },
        });
        let (status, response) = api_register(&app, "fuzzcafe", &body).await;
        assert!(
            allowed.contains(&status.as_u16()),
            "API {status} for {body}: {response}"
        );
        // The form, with the same values and an arbitrary extra field.
        let q1 = format!("q-{}", q[0]);
        let fields = [
            ("csrf", csrf.as_str()),
            ("name", &name),
            ("email", &email),
            ("role", &role),
            ("region", &region),
            (q1.as_str(), &answer),
            (key.as_str(), "x"),
            ("privacy_consent", if consent { "1" } else { "" }),
        ];
        let (status, html) =
            post_form(&app, &client, "/activiteiten/fuzzcafe/aanmelden", &fields).await;
        assert!(allowed.contains(&status.as_u16()), "form {status}: {html}");
        assert!(
            !html.contains("<script") && !html.contains("\u{202e}<"),
            "nothing unescaped"
        );
    }
    let rows: Vec<(String, String, String)> = on_pool!(&app.db, |pool| {
        sqlx::query_as(
        "SELECT r.name, r.email, r.region FROM registration r JOIN activity a ON a.id = r.activity_id WHERE a.slug = 'fuzzcafe'"
    )
    .fetch_all(pool)
    .await
    .unwrap()
    });
    for (name, email, region) in &rows {
        assert!(
            !name.is_empty() && !name.chars().any(char::is_control),
            "{name:?}"
        );
        assert!(
            email.contains('@') && !email.chars().any(char::is_whitespace),
            "{email:?}"
        );
        assert!(
            region.is_empty()
                || samenleren::domain::registration::REGIONS.contains(&region.as_str())
        );
    }
    let stored = states(&app, "fuzzcafe").await;
    let confirmed = stored.iter().filter(|s| s.1 == "confirmed").count();
    let mut positions: Vec<i32> = stored.iter().filter_map(|s| s.2).collect();
    positions.sort_unstable();
    assert!(confirmed <= 3);
    assert_eq!(positions, (1..=positions.len() as i32).collect::<Vec<_>>());
    assert_eq!(
        counters(&app, "fuzzcafe").await,
        (confirmed as i32, positions.len() as i32)
    );
}

// ------------------------------------------------------------------ batches

fn sign_up(
    activity_id: i64,
    n: usize,
    email: &str,
    key: Option<&str>,
    answers: Vec<(i64, String)>,
) -> samenleren::db::registration::NewRegistration {
    use samenleren::domain::registration::{Details, Email, ValidRegistration};
    let public_id = format!("00000000-0000-4000-8000-{n:012}");
    samenleren::db::registration::NewRegistration {
        activity_id,
        token_hash: format!("{:064x}", n),
        public_id,
        registration: ValidRegistration {
            email: Email::parse(email).expect("a valid address"),
            details: Details {
                name: format!("Deelnemer {n}"),
                organisation: "Wijkteam".into(),
                role: "anders".into(),
                role_other: "buurtwerker".into(),
                answers,
                ..Details::default()
            },
        },
        lang: samenleren::i18n::Lang::Nl,
        submission_key: key.map(str::to_owned),
        meeting_uid: String::new(),
    }
}

/// Rows of the outbox as (kind, registration public id, position), sorted.
async fn outbox_rows(app: &TestApp) -> Vec<(String, Option<String>, Option<i32>)> {
    on_pool!(&app.db, |pool| {
        sqlx::query_as(
        "SELECT o.kind, r.public_id, o.waitlist_position FROM outbox o \
         LEFT JOIN registration r ON r.id = o.registration_id \
         WHERE o.kind NOT IN ('meeting_invitation', 'meeting_reminder') ORDER BY o.kind, r.public_id"
    )
    .fetch_all(pool)
    .await
    .unwrap()
    })
}

async fn a_batch_decides_each_sign_up_in_order_and_fails_as_a_whole(backend: Backend) {
    use samenleren::db::registration::RegisterOutcome;
    use samenleren::domain::registration::RegistrationState::{Confirmed, Waitlisted};
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "batch", Some(2), true).await;
    let id = activity_id(&app, "batch").await;
    let questions = question_ids(&app, "batch").await;
    let round = |v: &str| vec![(questions[0], v.to_owned())];
    let batch = vec![
        sign_up(id, 1, "an@example.org", None, round("Ronde 1")),
        // The same person again, typed differently: no place, the manage link of 1.
        sign_up(id, 2, "AN@example.org", None, round("Ronde 2")),
        sign_up(id, 3, "bo@example.org", Some("form-k"), round("Ronde 2")),
        // The same form sent twice: the first result.
        sign_up(id, 4, "bo@example.org", Some("form-k"), round("Ronde 2")),
        // The same form with another address: a new registration.
        sign_up(id, 5, "cor@example.org", Some("form-k"), round("Ronde 1")),
    ];
    let now = samenleren::time::now();
    let outcomes = app.db.register_batch(id, &batch, now).await.unwrap();
    let created = |n: usize, state, position| RegisterOutcome::Created {
        public_id: batch[n - 1].public_id.clone(),
        state,
        position,
    };
    assert_eq!(
        outcomes,
        vec![
            created(1, Confirmed, None),
            RegisterOutcome::AlreadyRegistered,
            created(3, Confirmed, None),
            RegisterOutcome::Replayed {
                public_id: batch[2].public_id.clone(),
                state: Confirmed,
                position: None,
            },
            created(5, Waitlisted, Some(1)),
        ]
    );
    let pid = |n: usize| Some(batch[n - 1].public_id.clone());
    assert_eq!(
        outbox_rows(&app).await,
        vec![
            ("confirmation".into(), pid(1), None),
            ("confirmation".into(), pid(3), None),
            ("manage_link".into(), pid(1), None),
            ("organiser_full".into(), None, None),
            ("waitlisted".into(), pid(5), Some(1)),
        ]
    );
    assert_eq!(counters(&app, "batch").await, (2, 1));
    let answers: Vec<(String, String)> = on_pool!(&app.db, |pool| {
        sqlx::query_as(
        "SELECT r.public_id, a.value FROM answer a JOIN registration r ON r.id = a.registration_id \
         ORDER BY r.public_id"
    )
    .fetch_all(pool)
    .await
    .unwrap()
    });
    assert_eq!(
        answers,
        vec![
            (batch[0].public_id.clone(), "Ronde 1".to_owned()),
            (batch[2].public_id.clone(), "Ronde 2".to_owned()),
            (batch[4].public_id.clone(), "Ronde 1".to_owned()),
        ]
    );
    let key_of_5: Option<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT submission_key FROM registration WHERE public_id = $1"
    )
    .bind(&batch[4].public_id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(
        key_of_5, None,
        "a key is stored once, with its first address"
    );

    // An answer to a question deleted since the form came in is dropped.
    let late = vec![sign_up(
        id,
        8,
        "fenna@example.org",
        None,
        vec![(i64::MAX, "x".into())],
    )];
    let outcomes = app.db.register_batch(id, &late, now).await.unwrap();
    assert!(matches!(outcomes[0], RegisterOutcome::Created { .. }));

    // One sign-up that breaks a constraint (a token hash already stored) fails its
    // whole batch: nothing of it is stored.
    let before = outbox_rows(&app).await.len();
    let mut clash = sign_up(id, 7, "eva@example.org", None, Vec::new());
    clash.token_hash = batch[0].token_hash.clone();
    let bad_batch = vec![sign_up(id, 6, "dirk@example.org", None, Vec::new()), clash];
    assert!(app.db.register_batch(id, &bad_batch, now).await.is_err());
    let count: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM registration WHERE activity_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(count, 4);
    assert_eq!(outbox_rows(&app).await.len(), before);
}

async fn a_failed_batch_is_stored_one_by_one(backend: Backend) {
    use samenleren::db::registration::RegisterOutcome;
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    add_cafe(&app, "fallback", Some(5), true).await;
    let id = activity_id(&app, "fallback").await;
    let signups = samenleren::http::infra::signups::Signups::new(
        app.db.clone(),
        samenleren::http::infra::gate::Gates::new(matches!(app.db, samenleren::db::Db::Sqlite(_))),
    );
    // Twenty at once: the first goes alone, the others queue into one batch, which
    // the bad sign-up (the token hash of sign-up 0) fails; the writer then stores
    // them one by one.
    let tasks: Vec<_> = (0..20)
        .map(|n| {
            let mut new = sign_up(id, n, &format!("p{n}@example.org"), None, Vec::new());
            if n == 13 {
                new.token_hash = format!("{:064x}", 0);
            }
            let signups = signups.clone();
            tokio::spawn(async move { signups.register(new).await })
        })
        .collect();
    let mut positions = BTreeSet::new();
    let mut confirmed = 0;
    let mut failed = Vec::new();
    for (n, task) in tasks.into_iter().enumerate() {
        let outcome = task.await.expect("task");
        let Ok(outcome) = outcome else {
            failed.push(n);
            continue;
        };
        match outcome {
            RegisterOutcome::Created { position: None, .. } => confirmed += 1,
            RegisterOutcome::Created {
                position: Some(p), ..
            } => {
                positions.insert(p);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // Whichever of the two clashing sign-ups came second fails; all others stand.
    assert!(failed == [0] || failed == [13], "failed: {failed:?}");
    assert_eq!(confirmed, 5);
    assert_eq!(positions, (1..=14).collect::<BTreeSet<u32>>());
}

async fn a_smaller_session_limits_the_places_of_a_series(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let data = json!({
        "activities": [{
            "slug": "reeks", "kind": "module", "title": "Module in twee delen", "subtitle": "",
            "summary": "Twee bijeenkomsten; de tweede in een kleinere zaal.", "body": "", "themes": [],
            "audiences": ["opbouwwerker"], "organisations": [], "contact": null, "facilitators": [],
            "region": "Utrecht", "status": "published", "cost_cents": 0, "cost_note": "",
            "time_investment": "", "recurrence_note": "", "participation_note": "", "capacity": 10,
            "confirmed_count": 0, "waitlist": true, "registration_open": true,
            "organiser_email": "organisator@example.org", "questions": [],
            "sessions": [
                {"date": {"in_days": 30, "weekday": "Tue"}, "start": "10:00", "end": "12:00", "venue": null, "title": "Deel 1"},
                {"date": {"in_days": 60, "weekday": "Tue"}, "start": "10:00", "end": "12:00", "venue": null, "title": "Deel 2", "capacity": 3}
            ],
            "repeat": null, "program": [], "prerequisites": [], "links": []
        }]
    });
    let data: samenleren::demo::DemoData = serde_json::from_value(data).expect("fixture");
    app.db
        .load_demo(&data, samenleren::time::today())
        .await
        .expect("fixture loads");

    let (status, page) = app.get_text("/activiteiten/reeks").await;
    assert_eq!(status, 200);
    assert!(page.contains("3 plaatsen bij deze bijeenkomst"), "{page}");
    // The activity's places are those of its smallest session.
    assert_eq!(page.matches("3 plaatsen").count(), 2, "{page}");
    assert!(!page.contains("10 plaatsen"), "{page}");
    let api: Value = app
        .get("/api/v1/activities/reeks")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["capacity"], 3);
    assert_eq!(api["sessions"][0]["capacity"], Value::Null);
    assert_eq!(api["sessions"][1]["capacity"], 3);

    let mut tokens = Vec::new();
    for n in 0..4 {
        let (status, body) = api_register(&app, "reeks", &person(n)).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        tokens.push((
            body["state"].clone(),
            body["token"].as_str().unwrap().to_owned(),
        ));
    }
    let states: Vec<&str> = tokens.iter().map(|(s, _)| s.as_str().unwrap()).collect();
    assert_eq!(
        states,
        ["confirmed", "confirmed", "confirmed", "waitlisted"]
    );

    // A freed place at the smallest session goes to the first in line.
    let cancelled = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{}", tokens[0].1)))
        .send()
        .await
        .unwrap();
    assert!(cancelled.status().is_success());
    let promoted: Value = app
        .get(&format!("/api/v1/registrations/{}", tokens[3].1))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(promoted["state"], "confirmed", "{promoted}");
    assert_eq!(counters(&app, "reeks").await, (3, 0));
}

async fn a_refused_form_shows_where_the_activity_stands_now(backend: Backend) {
    // A long interval, so the form cache still holds the activity as it was.
    let Some(app) = spawn_app_configured(backend, true, |settings| {
        settings.page_cache_check = Duration::from_secs(600);
    })
    .await
    else {
        return;
    };
    add_cafe(&app, "bijna", Some(2), false).await;
    let q = question_ids(&app, "bijna").await;
    let q1 = format!("q-{}", q[0]);
    let send = |client: reqwest::Client, csrf: String, submission: String, email: &'static str| {
        let (app, q1) = (&app, q1.clone());
        async move {
            post_form(
                app,
                &client,
                "/activiteiten/bijna/aanmelden",
                &[
                    ("csrf", &csrf),
                    ("submission", &submission),
                    ("name", "Deelnemer"),
                    ("email", email),
                    ("organisation", "Wijkteam"),
                    ("role", "opbouwwerker"),
                    (&q1, "Ronde 1"),
                    ("privacy_consent", "on"),
                ],
            )
            .await
        }
    };
    // Two people open the form while two places are free.
    let (first, third) = (browser(), browser());
    let (csrf1, sub1) = open_form(&app, &first, "bijna").await;
    let (csrf3, sub3) = open_form(&app, &third, "bijna").await;
    // The first sign-up reads the activity into the form cache (two places free).
    let (status, page) = send(first, csrf1, sub1, "een@example.org").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // The last place goes through the API; the cached copy does not know.
    let mut second = person(2);
    second["answers"] = json!({ q[0].to_string(): "Ronde 2" });
    assert_eq!(
        api_register(&app, "bijna", &second).await.0,
        StatusCode::ACCEPTED
    );
    let (status, page) = send(third, csrf3, sub3, "drie@example.org").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Aanmelden is nu niet mogelijk"), "{page}");
    assert!(page.contains(">Vol<"), "the status as it is now: {page}");
    assert!(
        !page.contains("plekken vrij"),
        "not the cached places: {page}"
    );
    assert_eq!(counters(&app, "bijna").await, (2, 0));
}
