//! The member API over HTTP, on SQLite and PostgreSQL: a member (no organiser) makes
//! a personal token on their own account page, reads their meetings with their
//! answer and their cases with the outcomes, page by page; another member's cases
//! stay out; after leaving the atelier the token sees nothing of it; without a token
//! or with a revoked one the answer is 401 problem+json.

use chrono::Duration;
use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::Value;

use crate::common::web::{add_meeting, get, location, make_token_on, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const OTHER: &str = "leeratelier-samenlevingsopbouw";
const PAGE: &str = "/account/api-sleutels";

both_databases!(a_member_reads_their_own_meetings_and_cases_with_their_token);

async fn api(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String, Value) {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, kind, response.json().await.unwrap())
}

/// The ids of a page's items.
fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

fn item<'a>(page: &'a Value, id: &str) -> &'a Value {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {page}"))
}

async fn bring_case(app: &TestApp, client: &reqwest::Client, title: &str) {
    let new = format!("/ateliers/{ATELIER}/kwesties/nieuw");
    let response = post_form(
        app,
        client,
        &new,
        &new,
        &[
            ("title", title),
            ("situation", "In de wijk komen steeds minder bewoners."),
            ("question", "Hoe houd je mensen betrokken?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title} brought");
}

async fn a_member_reads_their_own_meetings_and_cases_with_their_token(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let coming = add_meeting(&app, ATELIER, "api-coming", Duration::days(10), true).await;
    add_meeting(&app, ATELIER, "api-past", -Duration::days(10), false).await;
    add_meeting(&app, OTHER, "api-other", Duration::days(11), false).await;
    let member = app
        .person("api-lid@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;

    // The account page leads to the tokens page; a member (no role in the back
    // office) makes a token there and sees it once.
    let (status, html) = get(&app, &member, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"href="{PAGE}""#)));
    let (status, html) = get(&app, &member, PAGE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Mijn account") && html.contains("agenda-app"));
    assert!(
        !html.contains("/beheer/api-sleutels"),
        "the member's own page"
    );
    assert_eq!(
        get(&app, &member, "/beheer/api-sleutels").await.0,
        StatusCode::FORBIDDEN
    );
    let response = post_form(&app, &member, PAGE, PAGE, &[("name", "")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Geef de sleutel een naam.")
    );
    let token = make_token_on(&app, &member, PAGE, "agenda").await;
    let (_, html) = get(&app, &member, PAGE).await;
    assert!(!html.contains(&token), "shown once");

    // They answer the coming meeting on the site; the API gives the answer back.
    let home = format!("/ateliers/{ATELIER}");
    let answer = format!("{home}/bijeenkomsten/{coming}");
    let response = post_form(&app, &member, &home, &answer, &[("answer", "maybe")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, kind, page) = api(&app, "/api/v1/me/meetings", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(kind, "application/json");
    let mine = item(&page, "api-coming");
    assert_eq!(mine["atelier"], ATELIER);
    assert_eq!(mine["answer"], "maybe");
    assert_eq!(mine["public"], false);
    assert_eq!(mine["cancelled"], false);
    let listed = ids(&page);
    assert!(
        !listed.contains(&"api-other".to_owned()),
        "not their atelier"
    );
    assert!(!listed.contains(&"api-past".to_owned()), "coming only");
    let (_, _, past) = api(&app, "/api/v1/me/meetings?period=past", Some(&token)).await;
    assert_eq!(item(&past, "api-past")["answer"], Value::Null);
    assert!(!ids(&past).contains(&"api-coming".to_owned()));

    // Page by page: every meeting once, in order, and the last page says so.
    let (_, _, all) = api(&app, "/api/v1/me/meetings?limit=100", Some(&token)).await;
    let mut paged = Vec::new();
    let mut path = "/api/v1/me/meetings?limit=1".to_owned();
    loop {
        let (status, _, page) = api(&app, &path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page["items"].as_array().unwrap().len() <= 1);
        paged.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/me/meetings?limit=1&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(paged, ids(&all));
    for bad in [
        "limit=0",
        "limit=101",
        "period=later",
        "cursor=abc",
        "atelier=Niet%20zo",
    ] {
        let (status, kind, _) =
            api(&app, &format!("/api/v1/me/meetings?{bad}"), Some(&token)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(kind, "application/problem+json");
    }

    // Their cases with the outcomes; another member's case stays out.
    bring_case(&app, &member, "Mijn eigen kwestie").await;
    let other = app
        .person("api-ander@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    bring_case(&app, &other, "Kwestie van een ander").await;
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO case_outcome (case_id, session_id, learned, finished, created_at) \
         SELECT id, NULL, 'Vraag door naar wat mensen zelf willen.', FALSE, $1 \
         FROM atelier_case WHERE title = 'Mijn eigen kwestie'"
    )
    .bind(samenleren::time::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (status, _, cases) = api(&app, "/api/v1/me/cases", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{cases}");
    let titles: Vec<&str> = cases["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Mijn eigen kwestie"], "only their own");
    let case = &cases["items"][0];
    assert_eq!(case["state"], "submitted");
    assert_eq!(case["atelier"], ATELIER);
    assert_eq!(
        case["outcomes"][0]["learned"],
        "Vraag door naar wat mensen zelf willen."
    );
    let (_, _, filtered) = api(
        &app,
        &format!("/api/v1/me/cases?atelier={OTHER}"),
        Some(&token),
    )
    .await;
    assert!(filtered["items"].as_array().unwrap().is_empty());

    // After leaving, the token sees nothing of that atelier any more.
    let leave = format!("{home}/opzeggen");
    let response = post_form(&app, &member, &leave, &leave, &[]).await;
    assert_eq!(location(&response), "/account?bericht=atelier-verlaten");
    for path in [
        "/api/v1/me/meetings",
        "/api/v1/me/meetings?period=past",
        "/api/v1/me/cases",
    ] {
        let (status, _, page) = api(&app, path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["items"], serde_json::json!([]), "{path}");
    }

    // No token, a made-up one, a revoked one: 401 problem+json with a challenge.
    let (status, kind, problem) = api(&app, "/api/v1/me/meetings", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(kind, "application/problem+json");
    assert_eq!(problem["status"], 401);
    let (_, html) = get(&app, &member, PAGE).await;
    let at = html.find("/intrekken").expect("a revoke button");
    let public_id = html[..at].rsplit('/').next().unwrap().to_owned();
    let revoke = format!("{PAGE}/{public_id}/intrekken");
    let response = post_form(&app, &member, PAGE, &revoke, &[]).await;
    assert_eq!(location(&response), format!("{PAGE}?bericht=ingetrokken"));
    for sent in [
        token.as_str(),
        "sl_ditiseenverzonnensleutelvanvoldoendelengte1",
    ] {
        let response = app
            .client
            .get(app.url("/api/v1/me/cases"))
            .bearer_auth(sent)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{sent}");
        assert!(
            response.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .contains("invalid_token")
        );
    }
}
