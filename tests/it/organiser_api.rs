//! The organiser API with personal API tokens, on SQLite and PostgreSQL: tokens made
//! and revoked in the back office, who reaches which API route with which token, and
//! an activity run from draft to cancellation through the API alone.

use crate::common::editor::{outbox_count, register_with, theme_slug};
use crate::common::web::{
    DemoTargets, TOKENS, browser, count, demo_targets, get, location, make_admin, make_token,
    post_form, sign_in,
};
use crate::common::{Backend, TestApp, spawn_app};
use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::{Value, json};

both_databases!(
    tokens_are_made_once_listed_and_revoked_in_the_back_office,
    every_organiser_api_route_answers_each_token_as_it_should,
    an_organiser_runs_an_activity_through_the_api,
    bad_api_input_gets_a_clear_answer_and_stores_nothing,
);

/// A signed-in organiser of `org` with a token.
async fn organiser_with_token(app: &TestApp, email: &str, org: &str) -> (reqwest::Client, String) {
    let person = app
        .person(email)
        .organiser_of(org)
        .with_token()
        .sign_in()
        .await;
    (person.client, person.token.expect("asked for a token"))
}

/// The public id of the (only) token of the account `email`.
async fn token_id(app: &TestApp, email: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT t.public_id FROM api_token t JOIN account a ON a.id = t.account_id \
         WHERE a.email_key = $1"
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// A request to the API with `token` (none when empty).
fn api(app: &TestApp, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
    let request = app.client.request(method, app.url(path));
    if token.is_empty() {
        request
    } else {
        request.bearer_auth(token)
    }
}

async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    (status, body)
}

fn problem_fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The smallest café the API accepts.
fn cafe(theme: &str) -> Value {
    json!({
        "kind": "cafe",
        "title": "Leercafé via de API",
        "summary": "Gemaakt door het cursussysteem.",
        "themes": [theme],
        "capacity": 2,
        "cost_cents": 0,
        "contact": {"name": "Carla Contact", "email": "carla@example.org"},
        "facilitators": [{"name": "Bram Bos", "affiliation": "Movisie"}],
        "links": [{"title": "Dossier", "url": "https://www.movisie.nl/dossier"}]
    })
}

fn session(start: &str) -> Value {
    json!({
        "date": "2027-03-04",
        "start": start,
        "end": "17:00",
        "new_venue": {"name": "Buurthuis De Ster", "address": "Sterstraat 1", "city": "Utrecht"},
        "program": [
            {"time": start, "kind": "walk_in", "title": "Inloop met een leesopdracht",
             "counts_for_learning": true},
            {"time": "15:00", "kind": "talk", "title": "Wat is buurtkracht?",
             "speakers": [{"name": "Anna de Vries", "affiliation": "Movisie"}]}
        ]
    })
}

// ------------------------------------------------------------------ tests

async fn tokens_are_made_once_listed_and_revoked_in_the_back_office(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (client, token) = organiser_with_token(&app, "a@example.org", "movisie").await;

    // Only the hash is stored; the page never shows the token again.
    let stored: (String, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT name, token_hash FROM api_token"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(stored.0, "koppeling");
    assert_eq!(stored.1, samenleren::secret::token_hash(&token));
    let (status, html) = get(&app, &client, TOKENS).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("koppeling") && html.contains("Nog niet"),
        "{html}"
    );
    assert!(!html.contains(&token), "the token is shown only once");

    // It works, and its use is noted.
    let (status, me) = json_of(
        api(&app, reqwest::Method::GET, "/api/v1/organiser/me", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], "a@example.org");
    assert_eq!(me["organisations"][0]["slug"], "movisie");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM api_token WHERE last_used_at IS NOT NULL"
        )
        .await,
        1
    );
    let (_, html) = get(&app, &client, TOKENS).await;
    assert!(!html.contains("Nog niet"), "last use shown");

    // The organisation's log says who made it.
    let (_, log) = get(&app, &client, "/beheer/organisaties/movisie/logboek").await;
    assert!(
        log.contains("API-sleutel gemaakt") && log.contains("koppeling"),
        "{log}"
    );

    // A name is needed; the form says so at the field and keeps what was typed.
    let response = post_form(&app, &client, TOKENS, TOKENS, &[("name", "  ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Geef de sleutel een naam.") && html.contains(r##"href="#name""##),
        "{html}"
    );
    // A forged form is refused and makes nothing.
    let forged = client
        .post(app.url(TOKENS))
        .form(&[("name", "vervalst"), ("csrf", "vervalst")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM api_token").await, 1);

    // Another organiser cannot revoke it: their revoke of this id is 404.
    let (other, _) = organiser_with_token(&app, "b@example.org", "de-schoor").await;
    let id = token_id(&app, "a@example.org").await;
    let revoke = format!("{TOKENS}/{id}/intrekken");
    let response = post_form(&app, &other, TOKENS, &revoke, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM api_token WHERE revoked_at IS NOT NULL"
        )
        .await,
        0
    );

    // Its owner revokes it: it stops working at once, the list says so.
    let response = post_form(&app, &client, TOKENS, &revoke, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{TOKENS}?bericht=ingetrokken"));
    let response = api(&app, reqwest::Method::GET, "/api/v1/organiser/me", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );
    let (_, html) = get(&app, &client, &format!("{TOKENS}?bericht=ingetrokken")).await;
    assert!(
        html.contains("De sleutel is ingetrokken.") && html.contains("Ingetrokken op"),
        "{html}"
    );
    assert!(
        !html.contains("/intrekken\""),
        "no revoke button for a revoked token"
    );
    let (_, log) = get(&app, &client, "/beheer/organisaties/movisie/logboek").await;
    assert!(log.contains("API-sleutel ingetrokken"), "{log}");

    // At most 20 working tokens per account (the revoked one does not count).
    for n in 0..20 {
        make_token(&app, &client, &format!("sleutel {n}")).await;
    }
    let response = post_form(&app, &client, TOKENS, TOKENS, &[("name", "één te veel")]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Je hebt al 20 sleutels die werken.") && html.contains("één te veel"),
        "{html}"
    );
}

async fn every_organiser_api_route_answers_each_token_as_it_should(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    make_admin(&app, "admin@example.org").await;
    let (_, token_a) = organiser_with_token(&app, "a@example.org", "movisie").await;
    let (_, token_b) = organiser_with_token(&app, "b@example.org", "de-schoor").await;
    let admin = browser();
    sign_in(&app, &admin, "admin@example.org").await;
    let token_admin = make_token(&app, &admin, "beheer").await;
    // A participant holds no organiser role (e.g. an organiser who left): the token
    // still identifies the account, and reaches nothing.
    let (former, token_former) = organiser_with_token(&app, "weg@example.org", "movisie").await;
    drop(former);
    on_pool!(&app.db, |pool| sqlx::query(
        "DELETE FROM organisation_member WHERE account_id = \
         (SELECT id FROM account WHERE email_key = 'weg@example.org')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let revoked = {
        let (client, token) =
            organiser_with_token(&app, "ingetrokken@example.org", "movisie").await;
        let id = token_id(&app, "ingetrokken@example.org").await;
        let revoke = format!("{TOKENS}/{id}/intrekken");
        post_form(&app, &client, TOKENS, &revoke, &[]).await;
        token
    };
    let forged = format!("sl_{}", "A".repeat(43));
    let tokens = [
        ("no token", String::new()),
        ("forged token", forged),
        ("revoked token", revoked),
        ("former organiser", token_former),
        ("organiser A", token_a),
        ("organiser B", token_b),
        ("admin", token_admin),
    ];
    let DemoTargets {
        mine,
        shared,
        session: session_id,
    } = demo_targets(&app).await;
    let a = format!("/api/v1/organiser/activities/{mine}");
    let ab = format!("/api/v1/organiser/activities/{shared}");
    let orgs = "/api/v1/organiser/organisations";
    use reqwest::Method as M;
    // (method, path, body, expected per token in the order above). Writes carry an
    // empty JSON object: reaching the handler then means 422 (or 400/409), never a
    // change; the flow test checks writes that succeed.
    let empty = || Some(json!({}));
    let table: Vec<(M, String, Option<Value>, [u16; 7])> = vec![
        (
            M::GET,
            "/api/v1/organiser/me".into(),
            None,
            [401, 401, 401, 200, 200, 200, 200],
        ),
        (
            M::GET,
            "/api/v1/organiser/venues".into(),
            None,
            [401, 401, 401, 200, 200, 200, 200],
        ),
        (
            M::GET,
            format!("{orgs}/movisie/activities"),
            None,
            [401, 401, 401, 404, 200, 404, 200],
        ),
        (
            M::GET,
            format!("{orgs}/de-schoor/activities"),
            None,
            [401, 401, 401, 404, 404, 200, 200],
        ),
        (
            M::GET,
            format!("{orgs}/bestaat-niet/activities"),
            None,
            [401, 401, 401, 404, 404, 404, 404],
        ),
        (
            M::POST,
            format!("{orgs}/movisie/activities"),
            empty(),
            [401, 401, 401, 404, 400, 404, 400],
        ),
        (M::GET, a.clone(), None, [401, 401, 401, 404, 200, 404, 200]),
        (
            M::PATCH,
            a.clone(),
            Some(json!({"title": ""})),
            [401, 401, 401, 404, 422, 404, 422],
        ),
        (
            M::DELETE,
            a.clone(),
            None,
            [401, 401, 401, 404, 409, 404, 409],
        ),
        (
            M::POST,
            format!("{a}/status"),
            Some(json!({"action": "publish"})),
            [401, 401, 401, 404, 409, 404, 409],
        ),
        (
            M::POST,
            format!("{a}/sessions"),
            empty(),
            [401, 401, 401, 404, 400, 404, 400],
        ),
        (
            M::PUT,
            format!("{a}/sessions/{session_id}"),
            empty(),
            [401, 401, 401, 404, 400, 404, 400],
        ),
        (
            M::PUT,
            format!("{a}/sessions/999999999"),
            Some(session("13:30")),
            [401, 401, 401, 404, 404, 404, 404],
        ),
        (
            M::DELETE,
            format!("{a}/sessions/x"),
            None,
            [401, 401, 401, 404, 404, 404, 404],
        ),
        (
            M::GET,
            format!("{a}/registrations"),
            None,
            [401, 401, 401, 404, 200, 404, 200],
        ),
        (
            M::GET,
            format!("{a}/registrations.csv"),
            None,
            [401, 401, 401, 404, 200, 404, 200],
        ),
        (
            M::GET,
            format!("{a}/registrations.xlsx"),
            None,
            [401, 401, 401, 404, 200, 404, 200],
        ),
        (
            M::GET,
            format!("{a}/registrations.csv?lang=fr"),
            None,
            [401, 401, 401, 404, 400, 404, 400],
        ),
        (
            M::GET,
            ab.clone(),
            None,
            [401, 401, 401, 404, 200, 200, 200],
        ),
        (
            M::GET,
            format!("{ab}/registrations"),
            None,
            [401, 401, 401, 404, 200, 200, 200],
        ),
        (
            M::GET,
            "/api/v1/organiser/activities/00000000000000000000000000000000".into(),
            None,
            [401, 401, 401, 404, 404, 404, 404],
        ),
        (
            M::GET,
            "/api/v1/organiser/activities/..%2F..".into(),
            None,
            [401, 401, 401, 404, 404, 404, 404],
        ),
    ];
    let before = count(
        &app,
        "SELECT COUNT(*) FROM audit_event WHERE activity_id IS NOT NULL",
    )
    .await;
    for (method, path, body, expected) in &table {
        for ((who, token), want) in tokens.iter().zip(expected) {
            let mut request = api(&app, method.clone(), path, token);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            assert_eq!(status, *want, "{method} {path} as {who}");
            if status >= 400 {
                let content_type = response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .to_owned();
                assert_eq!(
                    content_type, "application/problem+json",
                    "{method} {path} as {who}"
                );
            }
            if status == 401 {
                assert!(response.headers().contains_key("www-authenticate"));
            }
        }
    }
    // Nothing in the table changed an activity.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE activity_id IS NOT NULL"
        )
        .await,
        before
    );
    // "Bearer" is case-insensitive; another scheme is no token.
    let token = &tokens[4].1;
    let lower = app
        .client
        .get(app.url("/api/v1/organiser/me"))
        .header("authorization", format!("bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(lower.status(), StatusCode::OK);
    let basic = app
        .client
        .get(app.url("/api/v1/organiser/me"))
        .header("authorization", format!("Basic {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    // A session cookie is not a token: the API does not use cookies.
    let (client, _) = organiser_with_token(&app, "cookie@example.org", "movisie").await;
    let response = client
        .get(app.url("/api/v1/organiser/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

async fn an_organiser_runs_an_activity_through_the_api(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (client, token) = organiser_with_token(&app, "a@example.org", "movisie").await;
    let theme = theme_slug(&app).await;
    use reqwest::Method as M;
    let send = |method: M, path: String, body: Option<Value>| {
        let mut request = api(&app, method, &path, &token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move { json_of(request.send().await.unwrap()).await }
    };

    // Create: a draft with every field the body gave and the defaults for the rest.
    let response = api(
        &app,
        M::POST,
        "/api/v1/organiser/organisations/movisie/activities",
        &token,
    )
    .json(&cafe(&theme))
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let path = location(&response);
    let (_, created) = json_of(response).await;
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(path, format!("/api/v1/organiser/activities/{id}"));
    assert_eq!(created["status"], "draft");
    assert_eq!(created["kind"], "cafe");
    assert_eq!(created["capacity"], 2);
    assert_eq!(created["cost_cents"], 0);
    assert_eq!(created["waitlist"], true);
    assert_eq!(created["promotion"], "automatic");
    assert_eq!(created["contact"]["email"], "carla@example.org");
    assert_eq!(created["facilitators"][0]["affiliation"], "Movisie");
    assert_eq!(created["links"][0]["url"], "https://www.movisie.nl/dossier");
    assert_eq!(created["themes"][0], theme.as_str());
    let slug = created["slug"].as_str().unwrap().to_owned();
    // The back office shows the same activity.
    let (status, html) = get(&app, &client, &format!("/beheer/activiteiten/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Leercafé via de API"));

    // PATCH changes only what it names; null puts a field back to its default.
    let (status, patched) = send(
        M::PATCH,
        path.clone(),
        Some(json!({"summary": "Nieuwe samenvatting.", "cost_cents": null, "links": []})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert_eq!(patched["summary"], "Nieuwe samenvatting.");
    assert_eq!(patched["cost_cents"], Value::Null);
    assert_eq!(patched["links"], json!([]));
    assert_eq!(patched["title"], "Leercafé via de API");
    assert_eq!(patched["contact"]["name"], "Carla Contact");

    // A session with a new venue and a two-part program.
    let (status, with_session) =
        send(M::POST, format!("{path}/sessions"), Some(session("13:30"))).await;
    assert_eq!(status, StatusCode::CREATED, "{with_session}");
    let first = &with_session["sessions"][0];
    assert_eq!(first["start"], "13:30");
    assert_eq!(first["starts_at"], "2027-03-04T12:30:00Z");
    assert_eq!(first["program"][1]["speakers"][0]["name"], "Anna de Vries");
    // The organiser's learning-time choice, and none (by kind) for the talk.
    assert_eq!(first["program"][0]["counts_for_learning"], true);
    assert_eq!(first["program"][1]["counts_for_learning"], Value::Null);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM program_item WHERE title = 'Inloop met een leesopdracht' \
             AND counts_for_learning = TRUE"
        )
        .await,
        1
    );
    let venue = first["venue"].as_str().unwrap().to_owned();
    let session_id = first["id"].as_i64().unwrap();
    let (_, venues) = send(M::GET, "/api/v1/organiser/venues".into(), None).await;
    assert!(
        venues
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["slug"] == venue.as_str() && v["city"] == "Utrecht")
    );

    // Publish; then three people register through the public API (the third waits).
    let (status, published) = send(
        M::POST,
        format!("{path}/status"),
        Some(json!({"action": "publish"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(published, json!({"status": "published", "notified": 0}));
    for n in 1..=3 {
        register_with(&app, &slug, n, json!({})).await;
    }

    // Registrations, read and exported.
    let (status, list) = send(M::GET, format!("{path}/registrations"), None).await;
    assert_eq!(status, StatusCode::OK);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["state"], "confirmed");
    assert_eq!(items[2]["state"], "waitlisted");
    assert_eq!(items[2]["waitlist_position"], 1);
    assert_eq!(items[0]["email"], "p1@example.org");
    assert_eq!(items[0]["anonymised"], false);
    let csv = api(&app, M::GET, &format!("{path}/registrations.csv"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("aanmeldingen-{slug}.csv"))
    );
    let bytes = csv.bytes().await.unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.starts_with('\u{feff}'), "byte-order mark for Excel");
    assert!(
        text.contains("Deelnemer 1") && text.contains("Deelnemer 3") && text.contains("Wachtlijst"),
        "{text}"
    );
    let english = api(
        &app,
        M::GET,
        &format!("{path}/registrations.csv?lang=en"),
        &token,
    )
    .send()
    .await
    .unwrap();
    assert!(english.text().await.unwrap().contains("Waitlist"));
    let xlsx = api(&app, M::GET, &format!("{path}/registrations.xlsx"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(
        xlsx.bytes().await.unwrap().starts_with(b"PK"),
        "a zip (xlsx) file"
    );

    // Moving the start time emails everyone about it; with notify=false nobody.
    let updates = outbox_count(&app, "updated").await;
    let (status, moved) = send(
        M::PUT,
        format!("{path}/sessions/{session_id}"),
        Some(json!({
            "date": "2027-03-04", "start": "14:00", "end": "17:00", "venue": venue,
            "program": [{"time": "14:00", "kind": "walk_in", "title": "Inloop"}]
        })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["sessions"][0]["start"], "14:00");
    assert_eq!(outbox_count(&app, "updated").await, updates + 3);
    let (status, _) = send(
        M::PUT,
        format!("{path}/sessions/{session_id}?notify=false"),
        Some(json!({
            "date": "2027-03-04", "start": "14:15", "end": "17:00", "venue": venue
        })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        outbox_count(&app, "updated").await,
        updates + 3,
        "notify=false: no emails"
    );

    // One place: two people keep theirs only when the organiser agrees.
    let (status, refused) = send(M::PATCH, path.clone(), Some(json!({"capacity": 1}))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("accept_capacity_below_taken")
    );
    let (status, lowered) = send(
        M::PATCH,
        format!("{path}?accept_capacity_below_taken=true"),
        Some(json!({"capacity": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(lowered["capacity"], 1);
    assert_eq!(lowered["places_taken"], 2);

    // A published activity cannot be deleted; cancelling emails everyone.
    let (status, _) = send(M::DELETE, path.clone(), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, cancelled) = send(
        M::POST,
        format!("{path}/status"),
        Some(json!({"action": "cancel", "message": "De spreker is ziek."})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled, json!({"status": "cancelled", "notified": 3}));
    assert_eq!(outbox_count(&app, "activity_cancelled").await, 3);
    let (status, refused) = send(M::PATCH, path.clone(), Some(json!({"title": "Nog iets"}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    let (status, _) = send(
        M::POST,
        format!("{path}/status"),
        Some(json!({"action": "publish"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // A fresh draft can be deleted, with its session; its log line stays.
    let (_, draft) = send(
        M::POST,
        "/api/v1/organiser/organisations/movisie/activities".into(),
        Some(cafe(&theme)),
    )
    .await;
    let draft_path = format!(
        "/api/v1/organiser/activities/{}",
        draft["id"].as_str().unwrap()
    );
    let (status, _) = send(
        M::POST,
        format!("{draft_path}/sessions"),
        Some(session("10:00")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = send(M::DELETE, draft_path.clone(), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, _) = send(M::GET, draft_path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Every change is in the log under the token's account.
    let actions: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT e.action FROM audit_event e JOIN account a ON a.id = e.account_id \
         WHERE a.email_key = 'a@example.org' AND e.action NOT LIKE 'api_token%' ORDER BY e.id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        actions,
        [
            "activity_created",
            "activity_updated",
            "session_added",
            "activity_published",
            "session_updated",
            "session_updated",
            "activity_updated",
            "activity_cancelled",
            "activity_created",
            "session_added",
            "activity_deleted",
        ],
    );
    let (_, log) = get(&app, &client, "/beheer/organisaties/movisie/logboek").await;
    assert!(log.contains("Concept verwijderd"), "{log}");
    // The public API shows the cancelled activity as the pages do.
    let (status, public) = app.get_text(&format!("/api/v1/activities/{slug}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("\"status\":\"cancelled\""), "{public}");
}

async fn bad_api_input_gets_a_clear_answer_and_stores_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, token) = organiser_with_token(&app, "a@example.org", "movisie").await;
    let theme = theme_slug(&app).await;
    let create = "/api/v1/organiser/organisations/movisie/activities";
    let activities = count(&app, "SELECT COUNT(*) FROM activity").await;
    use reqwest::Method as M;

    // Not JSON, or not the JSON described.
    let response = api(&app, M::POST, create, &token)
        .body("kind=cafe")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, body) = json_of(
        api(&app, M::POST, create, &token)
            .body("{")
            .header("content-type", "application/json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("The body is not valid")
    );
    let mut unknown = cafe(&theme);
    unknown["status"] = json!("published");
    let (status, body) = json_of(
        api(&app, M::POST, create, &token)
            .json(&unknown)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("unknown field `status`"),
        "{body}"
    );

    // Every invalid field is named, by its JSON name.
    let mut invalid = cafe(&theme);
    invalid["title"] = json!("");
    invalid["capacity"] = json!(0);
    invalid["cost_cents"] = json!(-5);
    invalid["region"] = json!("Atlantis");
    invalid["themes"] = json!(["bestaat-niet"]);
    invalid["contact"] = json!({"name": "", "email": "geen-adres", "phone": "bel me"});
    invalid["registration_opens_at"] = json!("2027-01-02T10:00:00Z");
    invalid["registration_closes_at"] = json!("2027-01-01T10:00:00Z");
    let (status, body) = json_of(
        api(&app, M::POST, create, &token)
            .json(&invalid)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&body);
    fields.sort();
    assert_eq!(
        fields,
        [
            "capacity",
            "contact.email",
            "contact.name",
            "contact.phone",
            "cost_cents",
            "region",
            "registration_closes_at",
            "themes",
            "title",
        ],
        "{body}"
    );
    assert!(
        body["errors"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty() && !r.contains("Unknown")),
        "{body}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM activity").await,
        activities,
        "nothing stored"
    );

    // Sessions: end before start, a program time outside the session, an unknown venue.
    let (_, created) = json_of(
        api(&app, M::POST, create, &token)
            .json(&cafe(&theme))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let path = format!(
        "/api/v1/organiser/activities/{}",
        created["id"].as_str().unwrap()
    );
    let (status, body) = json_of(
        api(&app, M::POST, &format!("{path}/sessions"), &token)
            .json(&json!({
                "date": "2027-03-04", "start": "17:00", "end": "13:00"
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["end"]);
    let (status, body) = json_of(
        api(&app, M::POST, &format!("{path}/sessions"), &token)
            .json(&json!({"date": "2027-03-04", "start": "13:00", "end": "17:00", "venue": "bestaat-niet"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["venue"]);
    let (status, body) = json_of(
        api(&app, M::POST, &format!("{path}/sessions"), &token)
            .json(&json!({"date": "2027-03-04", "start": "13:00", "end": "17:00",
                "program": [{"time": "13:00", "title": "Inloop"}, {"time": "12:00", "title": "Te vroeg"}]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["program.1.time"], "{body}");
    // A chosen venue and a new one at once: which one is meant?
    let mut both = session("13:30");
    both["venue"] = json!("bestaat-niet");
    let (status, body) = json_of(
        api(&app, M::POST, &format!("{path}/sessions"), &token)
            .json(&both)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&body);
    fields.sort();
    assert_eq!(fields, ["new_venue.name", "venue"], "{body}");
    let (status, body) = json_of(
        api(
            &app,
            M::POST,
            &format!("{path}/sessions?notify=misschien"),
            &token,
        )
        .json(&session("13:30"))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(problem_fields(&body), ["query"]);

    // The kind is fixed; a PATCH must be an object; a bad status action is refused.
    let (status, body) = json_of(
        api(&app, M::PATCH, &path, &token)
            .json(&json!({"kind": "module"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["kind"]);
    let (status, _) = json_of(
        api(&app, M::PATCH, &path, &token)
            .json(&json!(["title"]))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = json_of(
        api(&app, M::POST, &format!("{path}/status"), &token)
            .json(&json!({"action": "delete"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, after) = json_of(api(&app, M::GET, &path, &token).send().await.unwrap()).await;
    assert_eq!(after["kind"], "cafe");
    assert_eq!(after["status"], "draft");
    assert_eq!(after["sessions"].as_array().unwrap().len(), count(&app, &format!(
        "SELECT COUNT(*) FROM session s JOIN activity a ON a.id = s.activity_id WHERE a.public_id = '{}'",
        created["id"].as_str().unwrap()
    )).await as usize);
    // No 5xx anywhere above, and no half-stored session with a bad program.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM program_item p JOIN session s ON s.id = p.session_id WHERE p.title = 'Te vroeg'").await, 0);
}
