//! Access per resource over HTTP, on SQLite and PostgreSQL: an organiser invites a
//! kartrekker for one activity by email; the kartrekker, who organises nowhere,
//! runs that activity in the back office and through the organiser API, and reaches
//! nothing else, nor its status steps; the organiser takes the access away again.

use crate::common::mail::wait_for_mails;
use crate::common::web::{
    DemoTargets, browser, csrf_of, demo_targets, get, location, make_token, post_form,
};
use crate::common::{Backend, spawn_app};
use reqwest::StatusCode;
use samenleren::on_pool;

both_databases!(a_kartrekker_is_invited_for_one_activity_and_runs_only_that);

async fn a_kartrekker_is_invited_for_one_activity_and_runs_only_that(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("a@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await
        .client;
    let DemoTargets { mine, shared, .. } = demo_targets(&app).await;
    let base = format!("/beheer/activiteiten/{mine}");
    let page = format!("{base}/kartrekkers");

    // The overview links to the access page; a bad address is refused at its field.
    let (_, overview) = get(&app, &organiser, &base).await;
    assert!(overview.contains(&format!(r#"href="{page}""#)));
    let response = post_form(&app, &organiser, &page, &page, &[("email", "geen adres")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r##"href="#email""##), "in the error summary");
    assert!(html.contains(r#"value="geen adres""#), "form kept");
    let invitations: i64 = crate::common::web::count(&app, "SELECT COUNT(*) FROM invitation").await;
    assert_eq!(invitations, 0, "nothing stored");

    // The invitation goes out by email and names the activity.
    let response = post_form(
        &app,
        &organiser,
        &page,
        &page,
        &[("email", "Kartrekker@Example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &organiser, &location(&response)).await;
    assert!(html.contains("De uitnodiging is verstuurd."));
    assert!(html.contains("Kartrekker@Example.org"), "listed as invited");
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("Kartrekker@Example.org"))
        .await
        .remove(0);
    assert!(
        mail.subject.starts_with("Uitnodiging: kartrekker van "),
        "{}",
        mail.subject
    );
    let token = mail.token_after("/uitnodiging/").expect("invitation link");

    // Accepting signs in and lands on the activity; the page said what it is for.
    let kartrekker = browser();
    let path = format!("/uitnodiging/{token}");
    let (status, html) = get(&app, &kartrekker, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("kartrekker van"), "the page names the role");
    assert!(
        html.contains("Uitnodiging als kartrekker"),
        "and says so in its title"
    );
    let response = post_form(&app, &kartrekker, &path, &path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), base);

    // The kartrekker runs this activity: its pages, its forms, its registrations.
    let (status, html) = get(&app, &kartrekker, "/beheer").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!(r#"href="{base}""#)),
        "on the dashboard"
    );
    let (status, html) = get(&app, &kartrekker, &base).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("/volgende-editie"), "no next edition");
    assert!(!html.contains(r#"value="publish""#) && !html.contains("/annuleren"));
    assert!(
        !html.contains("/beheer/organisaties/movisie"),
        "no host pages"
    );
    for sub in [
        "bewerken",
        "aanmeldingen",
        "inchecken",
        "bericht",
        "bijeenkomsten/nieuw",
    ] {
        let (status, _) = get(&app, &kartrekker, &format!("{base}/{sub}")).await;
        assert_eq!(status, StatusCode::OK, "{sub}");
    }
    // … with a valid form token, a status step is still not theirs.
    let (_, html) = get(&app, &kartrekker, &base).await;
    let csrf = csrf_of(&html);
    let response = kartrekker
        .post(app.url(&format!("{base}/status")))
        .form(&[("csrf", csrf.as_str()), ("action", "archive")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let status_now: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT status FROM activity WHERE public_id = $1"
    )
    .bind(&mine)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(status_now, "published", "nothing changed");
    // Nothing else: another activity of the same host, the host itself.
    let (status, _) = get(&app, &kartrekker, &format!("/beheer/activiteiten/{shared}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&app, &kartrekker, "/beheer/organisaties/movisie").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The organiser API with the kartrekker's own token: the same access.
    let api_token = make_token(&app, &kartrekker, "kartrekker").await;
    let api = |method: reqwest::Method, path: String| {
        app.client
            .request(method, app.url(&path))
            .bearer_auth(&api_token)
    };
    let response = api(
        reqwest::Method::GET,
        format!("/api/v1/organiser/activities/{mine}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = api(
        reqwest::Method::POST,
        format!("/api/v1/organiser/activities/{mine}/status"),
    )
    .json(&serde_json::json!({ "action": "archive" }))
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let response = api(
        reqwest::Method::GET,
        format!("/api/v1/organiser/activities/{shared}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // The organiser takes the access away; the kartrekker is a participant again.
    let account: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM account WHERE email_key = 'kartrekker@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let remove = format!("{page}/{account}/verwijderen");
    let (_, html) = get(&app, &organiser, &page).await;
    assert!(
        html.contains(&remove),
        "listed with access and a remove button"
    );
    assert!(html.contains("Kartrekker@Example.org"));
    let response = post_form(&app, &organiser, &page, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).ends_with("bericht=verwijderd"));
    let (status, _) = get(&app, &kartrekker, &base).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let response = post_form(&app, &organiser, &page, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "already gone");

    let actions: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT action FROM audit_event WHERE action LIKE 'kartrekker_%' ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        actions,
        [
            "kartrekker_invited",
            "kartrekker_joined",
            "kartrekker_removed"
        ]
    );
}
