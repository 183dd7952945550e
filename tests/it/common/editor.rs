//! Making activities through the editor, as an organiser of Movisie would, and
//! registering people for them through the API.

use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::json;

use super::TestApp;
use super::web::{browser, count, location, make_organiser, post_form, sign_in};

pub const NEW: &str = "/beheer/organisaties/movisie/activiteiten/nieuw";

/// A signed-in organiser of Movisie.
pub async fn organiser(app: &TestApp) -> reqwest::Client {
    make_organiser(app, "organisator@example.org", "movisie").await;
    let client = browser();
    sign_in(app, &client, "organisator@example.org").await;
    client
}

/// An organiser of Movisie, signed in, with a personal API token.
pub async fn organiser_with_token(app: &TestApp) -> super::web::Person {
    app.person("organisator@example.org")
        .organiser_of("movisie")
        .with_token()
        .sign_in()
        .await
}

pub async fn theme_slug(app: &TestApp) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT slug FROM theme ORDER BY slug LIMIT 1"
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The activity form's fields for a café with two places and a waitlist.
pub fn cafe_form<'a>(theme: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "cafe"),
        ("title", "Leercafé Buurtkracht"),
        ("summary", "Samen leren over wat buurten sterk maakt."),
        ("body", "Een middag over **buurtkracht**."),
        ("themes", theme),
        ("cost", "gratis"),
        ("capacity", capacity),
        ("waitlist", "1"),
        ("registration_open", "1"),
        ("promotion", "automatic"),
        ("offer_hours", "48"),
        ("contact_name", "Carla Contact"),
        ("contact_email", "carla@example.org"),
        (
            "links",
            "Dossier buurtkracht | https://www.movisie.nl/buurtkracht",
        ),
    ]
}

/// The session form: 4 March 2027 from `start` to 17:00 with a two-part program.
pub fn session_form<'a>(start: &'a str, second: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", "2027-03-04"),
        ("start", start),
        ("end", "17:00"),
        ("venue_name", "Buurthuis De Ster"),
        ("venue_address", "Sterstraat 1"),
        ("venue_city", "Utrecht"),
        ("p0_time", start),
        ("p0_kind", "walk_in"),
        ("p0_title", "Inloop met koffie"),
        ("p1_time", second),
        ("p1_kind", "talk"),
        ("p1_title", "Wat is buurtkracht?"),
        ("p1_speakers", "Anna de Vries (Movisie)"),
    ]
}

/// The public id from a redirect to the activity's overview.
pub fn public_id_in(location: &str) -> String {
    location
        .trim_start_matches("/beheer/activiteiten/")
        .split(['?', '/'])
        .next()
        .unwrap()
        .to_owned()
}

pub async fn activity_row(
    app: &TestApp,
    public_id: &str,
) -> (String, String, Option<i32>, i32, i32) {
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT slug, status, capacity, confirmed_count, waitlist_count FROM activity \
         WHERE public_id = $1"
    )
    .bind(public_id)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// A published café with two places, a session with program and a question
/// "Dieetwensen", made through the editor. Returns its public id and slug.
pub async fn published_cafe(app: &TestApp, client: &reqwest::Client) -> (String, String) {
    let theme = theme_slug(app).await;
    let response = post_form(app, client, NEW, NEW, &cafe_form(&theme, "2")).await;
    let public_id = public_id_in(&location(&response));
    let base = format!("/beheer/activiteiten/{public_id}");
    let sessions = format!("{base}/bijeenkomsten/nieuw");
    let form = session_form("13:30", "14:00");
    let response = post_form(app, client, &sessions, &sessions, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "session saved");
    let questions = format!("{base}/vragen/nieuw");
    let question = [("kind", "text"), ("label", "Dieetwensen")];
    let response = post_form(app, client, &questions, &questions, &question).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "question saved");
    let status = format!("{base}/status");
    let response = post_form(app, client, &base, &status, &[("action", "publish")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "published");
    let (slug, ..) = activity_row(app, &public_id).await;
    (public_id, slug)
}

pub async fn register(app: &TestApp, slug: &str, n: usize) -> String {
    register_with(app, slug, n, json!({})).await
}

pub async fn register_with(
    app: &TestApp,
    slug: &str,
    n: usize,
    answers: serde_json::Value,
) -> String {
    let body = json!({"name": format!("Deelnemer {n}"), "email": format!("p{n}@example.org"),
        "role": "anders", "role_other": "Buurtwerker", "privacy_consent": true,
        "answers": answers});
    let response = app
        .client
        .post(app.url(&format!("/api/v1/activities/{slug}/registrations")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED, "registration {n}");
    registration_of(app, slug, &format!("p{n}@example.org"))
        .await
        .expect("stored")
        .state
}

/// A registration as stored (the API's answer does not say what became of it).
pub struct Stored {
    pub public_id: String,
    pub state: String,
    pub position: Option<i32>,
}

/// The newest registration of `email` for the activity with this slug.
pub async fn registration_of(app: &TestApp, slug: &str, email: &str) -> Option<Stored> {
    let row: Option<(String, String, Option<i32>)> = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT r.public_id, r.state, r.waitlist_position FROM registration r \
         JOIN activity a ON a.id = r.activity_id WHERE a.slug = $1 AND r.email_key = $2 \
         ORDER BY r.id DESC LIMIT 1"
    )
    .bind(slug)
    .bind(email.to_lowercase())
    .fetch_optional(pool)
    .await
    .unwrap());
    row.map(|(public_id, state, position)| Stored {
        public_id,
        state,
        position,
    })
}

pub async fn outbox_count(app: &TestApp, kind: &str) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(*) FROM outbox WHERE kind = '{kind}'"),
    )
    .await
}
