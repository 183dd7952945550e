//! Prerequisites that hold, over HTTP on SQLite and PostgreSQL, with the demo's
//! "Vervolg ABCD" (requires "Kennismaking met ABCD"): an address without a record is
//! held (no place) and emailed how to state the module, one that attended gets a
//! place at once, and the page and the API answer both alike; a statement approved
//! gives a place in order (the waitlist when full), a declined one emails the
//! organiser's message; a recorded completion places a waiting sign-up; a loop of
//! requirements is refused in the editor with the form kept and nothing stored.

use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::json;

use crate::common::editor::registration_of;
use crate::common::mail::{Mail, wait_for_mails};
use crate::common::web::{
    activity_public_id, browser, count, get, location, make_organiser, post_form, sign_in,
};
use crate::common::{Backend, TestApp, spawn_app};

const VERVOLG: &str = "vervolg-abcd";
const INTRO: &str = "kennismaking-abcd";

both_databases!(
    the_answer_is_the_same_for_any_address_and_the_outcome_goes_by_email,
    an_approved_statement_gives_a_place_in_order_then_the_waitlist,
    a_declined_statement_tells_the_person_why,
    a_recorded_completion_places_a_waiting_sign_up,
    a_loop_of_requirements_is_refused_in_the_editor,
);

/// Signs `email` up for `slug` through the API; the status and the body.
async fn api_sign_up(app: &TestApp, slug: &str, email: &str) -> (StatusCode, String) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/activities/{slug}/registrations")))
        .json(&json!({"name": format!("Naam van {email}"), "email": email,
            "role": "opbouwwerker", "privacy_consent": true}))
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Signs `email` up for Vervolg ABCD through the form, as a browser; the page's
/// `<main>` (the rest of the page carries per-request tokens).
async fn form_sign_up(app: &TestApp, email: &str) -> (StatusCode, String) {
    let client = browser();
    let path = format!("/activiteiten/{VERVOLG}/aanmelden");
    let (status, html) = get(app, &client, &path).await;
    assert_eq!(status, StatusCode::OK);
    let hidden = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = html.find(&marker).expect("hidden field") + marker.len();
        html[at..].split('"').next().unwrap().to_owned()
    };
    let (csrf, submission) = (hidden("csrf"), hidden("submission"));
    let response = client
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("submission", submission.as_str()),
            ("name", "Sam Voorbeeld"),
            ("email", email),
            ("role", "opbouwwerker"),
            ("privacy_consent", "1"),
            ("website", ""),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let html = response.text().await.unwrap();
    let main = html
        .split("<main")
        .nth(1)
        .and_then(|m| m.split("</main>").next())
        .unwrap_or_default()
        .replace(email, "ADRES");
    (status, main)
}

/// Marks `email` as checked in at the first session of Kennismaking met ABCD
/// (registered through the API first).
async fn attended_intro(app: &TestApp, email: &str) {
    let (status, _) = api_sign_up(app, INTRO, email).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    on_pool!(&app.db, |pool| {
        sqlx::query(
            "INSERT INTO attendance (registration_id, session_id, checked_in_at) \
         SELECT r.id, (SELECT MIN(s.id) FROM session s WHERE s.activity_id = r.activity_id), $2 \
         FROM registration r JOIN activity a ON a.id = r.activity_id \
         WHERE a.slug = $3 AND r.email_key = $1",
        )
        .bind(email)
        .bind(samenleren::time::now())
        .bind(INTRO)
        .execute(pool)
        .await
        .unwrap();
    });
}

/// The link from the "check your prior learning" email to `email`.
async fn statement_link(app: &TestApp, email: &str) -> String {
    let mails = wait_for_mails(app, 1, |m| {
        m.to == email && m.subject.contains("voorkennis")
    })
    .await;
    let token = mails[0].token_after("/voorkennis/").expect("link in mail");
    format!("/voorkennis/{token}")
}

/// States on the page behind `link` that the introduction was followed elsewhere.
async fn state_intro(app: &TestApp, link: &str, date: &str) -> reqwest::Response {
    let client = browser();
    post_form(
        app,
        &client,
        link,
        link,
        &[
            ("required", INTRO),
            ("provider", "LSA Bewonersnetwerk, Utrecht"),
            ("followed_on", date),
            ("note", "Twee dagdelen in 2025."),
        ],
    )
    .await
}

/// A signed-in organiser of the host of both ABCD modules.
async fn organiser(app: &TestApp) -> reqwest::Client {
    make_organiser(app, "programma@example.org", "opleidingshuis-opbouwwerk").await;
    let client = browser();
    sign_in(app, &client, "programma@example.org").await;
    client
}

/// The public id of the newest statement by `email`.
async fn statement_of(app: &TestApp, email: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM prerequisite_statement WHERE email_key = $1 ORDER BY id DESC LIMIT 1"
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn hold_state(app: &TestApp, email: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT state FROM prerequisite_hold WHERE email_key = $1 ORDER BY id DESC LIMIT 1"
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Sends the organiser's decision on `statement`.
async fn decide(
    app: &TestApp,
    client: &reqwest::Client,
    statement: &str,
    decision: &str,
    message: &str,
) -> reqwest::Response {
    let base = format!(
        "/beheer/activiteiten/{}/voorkennis",
        activity_public_id(app, VERVOLG).await
    );
    post_form(
        app,
        client,
        &base,
        &format!("{base}/{statement}"),
        &[("decision", decision), ("message", message)],
    )
    .await
}

fn mails_to<'a>(mails: &'a [Mail], email: &str) -> Vec<&'a Mail> {
    mails.iter().filter(|m| m.to == email).collect()
}

async fn the_answer_is_the_same_for_any_address_and_the_outcome_goes_by_email(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The form says plainly what is required, above its button.
    let (_, form) = app
        .get_text(&format!("/activiteiten/{VERVOLG}/aanmelden"))
        .await;
    let required = form.find("Eerst gevolgd").expect("requirement on the form");
    assert!(form[required..].contains("Kennismaking met ABCD"));
    assert!(required < form.find("type=\"submit\"").unwrap());

    attended_intro(&app, "bo@example.org").await;
    let (an_status, an_page) = form_sign_up(&app, "an@example.org").await;
    let (bo_status, bo_page) = form_sign_up(&app, "bo@example.org").await;
    assert_eq!((an_status, bo_status), (StatusCode::OK, StatusCode::OK));
    assert!(an_page.contains("Bedankt voor je aanmelding"), "{an_page}");
    assert_eq!(an_page, bo_page, "the page tells nobody who has a record");
    // The API alike: a new address without a record, and one with a place.
    let unknown = api_sign_up(&app, VERVOLG, "cy@example.org").await;
    let known = api_sign_up(&app, VERVOLG, "bo@example.org").await;
    assert_eq!(unknown.0, StatusCode::ACCEPTED);
    assert_eq!(unknown, known);

    // An and Cy hold no place: they wait for a check and are emailed how to state it.
    assert!(
        registration_of(&app, VERVOLG, "an@example.org")
            .await
            .is_none()
    );
    assert!(
        registration_of(&app, VERVOLG, "cy@example.org")
            .await
            .is_none()
    );
    assert_eq!(hold_state(&app, "an@example.org").await, "pending");
    let link = statement_link(&app, "an@example.org").await;
    let mails = crate::common::mail::read_mails(&app);
    let to_an = mails_to(&mails, "an@example.org");
    assert_eq!(to_an.len(), 1, "one email, no confirmation");
    assert!(
        to_an[0].text.contains("Kennismaking met ABCD"),
        "{}",
        to_an[0].text
    );
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Elders gevolgd") && page.contains("Kennismaking met ABCD"));
    // Bo attended the introduction: a place at once, with the usual confirmation.
    let bo = registration_of(&app, VERVOLG, "bo@example.org")
        .await
        .unwrap();
    assert_eq!(bo.state, "confirmed");
    wait_for_mails(&app, 1, |m| {
        m.to == "bo@example.org"
            && m.subject.starts_with("Je bent aangemeld")
            && m.subject.contains("Vervolg")
    })
    .await;
    // Signing up again while waiting stores nothing more.
    api_sign_up(&app, VERVOLG, "an@example.org").await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM prerequisite_hold WHERE email_key = 'an@example.org'"
        )
        .await,
        1
    );
}

async fn an_approved_statement_gives_a_place_in_order_then_the_waitlist(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let taken_before = count(
        &app,
        "SELECT CAST(confirmed_count AS BIGINT) FROM activity WHERE slug = 'vervolg-abcd'",
    )
    .await;
    api_sign_up(&app, VERVOLG, "an@example.org").await;
    let link = statement_link(&app, "an@example.org").await;
    // A date in the future: refused at the field, what was typed kept, nothing stored.
    let response = state_intro(&app, &link, "2099-01-01").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Deze datum ligt in de toekomst"), "{html}");
    assert!(html.contains("LSA Bewonersnetwerk, Utrecht"), "form kept");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prerequisite_statement").await,
        0
    );
    let response = state_intro(&app, &link, "2025-03-14").await;
    assert_eq!(location(&response), format!("{link}?bericht=ontvangen"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prerequisite_statement").await,
        1
    );

    let organiser = organiser(&app).await;
    let page = format!(
        "/beheer/activiteiten/{}/voorkennis",
        activity_public_id(&app, VERVOLG).await
    );
    let (status, html) = get(&app, &organiser, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("LSA Bewonersnetwerk, Utrecht") && html.contains("an@example.org"));
    let statement = statement_of(&app, "an@example.org").await;
    // Declining needs a message: refused, still waiting.
    let response = decide(&app, &organiser, &statement, "decline", " ").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Schrijf waarom je afwijst")
    );
    assert_eq!(hold_state(&app, "an@example.org").await, "pending");
    // Approved: a place, the confirmation, and the link now opens the registration.
    let response = decide(&app, &organiser, &statement, "approve", "").await;
    assert!(
        location(&response).ends_with("bericht=geplaatst"),
        "{}",
        location(&response)
    );
    let an = registration_of(&app, VERVOLG, "an@example.org")
        .await
        .unwrap();
    assert_eq!(an.state, "confirmed");
    assert_eq!(hold_state(&app, "an@example.org").await, "placed");
    assert_eq!(
        count(
            &app,
            "SELECT CAST(confirmed_count AS BIGINT) FROM activity WHERE slug = 'vervolg-abcd'"
        )
        .await,
        taken_before + 1
    );
    wait_for_mails(&app, 1, |m| {
        m.to == "an@example.org" && m.subject.starts_with("Je bent aangemeld")
    })
    .await;
    let response = app.get(&link).await;
    let manage = location(&response);
    assert!(manage.starts_with("/aanmelding/"), "{manage}");
    assert_eq!(app.get_text(&manage).await.0, 200);
    // Deciding again changes nothing.
    let response = decide(&app, &organiser, &statement, "decline", "Toch niet").await;
    assert!(location(&response).ends_with("bericht=al-besloten"));
    assert_eq!(hold_state(&app, "an@example.org").await, "placed");

    // Full now: the next approved person goes to the waitlist, in order.
    on_pool!(&app.db, |pool| {
        sqlx::query("UPDATE activity SET capacity = confirmed_count WHERE slug = 'vervolg-abcd'")
            .execute(pool)
            .await
            .unwrap();
    });
    api_sign_up(&app, VERVOLG, "cy@example.org").await;
    let link = statement_link(&app, "cy@example.org").await;
    state_intro(&app, &link, "2024-10-01").await;
    let statement = statement_of(&app, "cy@example.org").await;
    let response = decide(&app, &organiser, &statement, "approve", "Welkom!").await;
    assert!(location(&response).ends_with("bericht=wachtlijst"));
    let cy = registration_of(&app, VERVOLG, "cy@example.org")
        .await
        .unwrap();
    assert_eq!((cy.state.as_str(), cy.position), ("waitlisted", Some(1)));
}

async fn a_declined_statement_tells_the_person_why(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    api_sign_up(&app, VERVOLG, "dirk@example.org").await;
    let link = statement_link(&app, "dirk@example.org").await;
    state_intro(&app, &link, "2025-06-01").await;
    let organiser = organiser(&app).await;
    let statement = statement_of(&app, "dirk@example.org").await;
    let message = "Volg eerst de kennismaking bij ons, in maart.";
    let response = decide(&app, &organiser, &statement, "decline", message).await;
    assert!(location(&response).ends_with("bericht=afgewezen"));
    assert_eq!(hold_state(&app, "dirk@example.org").await, "declined");
    assert!(
        registration_of(&app, VERVOLG, "dirk@example.org")
            .await
            .is_none()
    );
    let mails = wait_for_mails(&app, 1, |m| {
        m.to == "dirk@example.org" && m.subject.starts_with("Je aanmelding voor Vervolg ABCD")
    })
    .await;
    assert!(mails[0].text.contains(message), "{}", mails[0].text);
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Niet aangenomen") && page.contains(message));
    // Nothing more can be stated on a declined sign-up (the page has no form; a
    // form sent anyway, with the link's own CSRF token, is refused).
    assert!(!page.contains("Verklaring versturen"));
    let token = link.trim_start_matches("/voorkennis/");
    let csrf = crate::common::web::secret(&app).csrf_token(&format!(
        "prerequisite:{}",
        samenleren::secret::token_hash(token)
    ));
    let response = app
        .client
        .post(app.url(&link))
        .form(&[
            ("csrf", csrf.as_str()),
            ("required", INTRO),
            ("provider", "Elders"),
            ("followed_on", "2025-06-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prerequisite_statement").await,
        1
    );
}

async fn a_recorded_completion_places_a_waiting_sign_up(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    api_sign_up(&app, VERVOLG, "eva@example.org").await;
    assert_eq!(hold_state(&app, "eva@example.org").await, "pending");
    let organiser = organiser(&app).await;
    let page = format!(
        "/beheer/activiteiten/{}/voorkennis",
        activity_public_id(&app, VERVOLG).await
    );
    let action = format!("{page}/afgerond");
    // A wrong address: refused at its field, what was typed kept, nothing stored.
    let fields = [
        ("required", INTRO),
        ("name", "Eva Jansen"),
        ("email", "eva@"),
    ];
    let response = post_form(&app, &organiser, &page, &action, &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een geldig e-mailadres in") && html.contains("Eva Jansen"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prerequisite_completion").await,
        0
    );
    let fields = [
        ("required", INTRO),
        ("name", "Eva Jansen"),
        ("email", "Eva@Example.org"),
    ];
    let response = post_form(&app, &organiser, &page, &action, &fields).await;
    assert!(
        location(&response).ends_with("bericht=geplaatst"),
        "{}",
        location(&response)
    );
    let eva = registration_of(&app, VERVOLG, "eva@example.org")
        .await
        .unwrap();
    assert_eq!(eva.state, "confirmed");
    // The completion counts for later sign-ups too: Eva's colleague is not her.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prerequisite_completion").await,
        1
    );
}

async fn a_loop_of_requirements_is_refused_in_the_editor(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = organiser(&app).await;
    let edit = format!(
        "/beheer/activiteiten/{}/bewerken",
        activity_public_id(&app, INTRO).await
    );
    let fields = [
        ("title", "Kennismaking met ABCD (nieuw)"),
        ("summary", "De basis van ABCD."),
        ("capacity", "18"),
        ("waitlist", "1"),
        ("registration_open", "1"),
        ("promotion", "automatic"),
        ("offer_hours", "48"),
        ("prerequisites", VERVOLG),
        ("prerequisite_rule", "all"),
    ];
    let response = post_form(&app, &organiser, &edit, &edit, &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("zichzelf vereisen"), "{html}");
    assert!(
        html.contains("Kennismaking met ABCD → Vervolg ABCD → Kennismaking met ABCD"),
        "the loop named"
    );
    assert!(html.contains("Kennismaking met ABCD (nieuw)"), "form kept");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM activity_prerequisite p JOIN activity a ON a.id = p.activity_id \
             WHERE a.slug = 'kennismaking-abcd'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM activity WHERE title = 'Kennismaking met ABCD (nieuw)'"
        )
        .await,
        0
    );
    // Without the loop the same form saves, with the rule "any one".
    let fields: Vec<_> = fields
        .iter()
        .copied()
        .filter(|(name, _)| *name != "prerequisites" && *name != "prerequisite_rule")
        .chain([("prerequisite_rule", "any")])
        .collect();
    let response = post_form(&app, &organiser, &edit, &edit, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM activity WHERE slug = 'kennismaking-abcd' AND prerequisite_rule = 'any'"
        )
        .await,
        1
    );
}
