//! Mentoring: a programme belongs to an activity of its organisation (chosen when it
//! is made and changed on its page by a coordinator or organiser, another
//! organisation's activity refused at the field), shown on the programme's pages
//! and on the activity's public page; and a button sent with an expired form token
//! answers with a page that says so — on SQLite and PostgreSQL.

use reqwest::StatusCode;

use crate::common::TestApp;
use crate::common::web::{browser, count, get, location, post_form};
use crate::common::{Backend, spawn_app};
use crate::mentoring::{COORDINATOR, profile_id, programme, scalar_text};

both_databases!(
    a_programme_belongs_to_an_activity_of_its_organisation,
    an_expired_button_says_so_and_changes_nothing,
);

/// A published activity hosted by `organisation` (and, with `alone`, by no other):
/// (id, slug, title).
async fn activity_of(app: &TestApp, organisation: &str, alone: bool) -> (String, String, String) {
    let alone = if alone {
        " AND NOT EXISTS (SELECT 1 FROM activity_organisation y \
          WHERE y.activity_id = a.id AND y.organisation_id <> o.id)"
    } else {
        ""
    };
    let sql = format!(
        "FROM activity a JOIN activity_organisation x ON x.activity_id = a.id \
         JOIN organisation o ON o.id = x.organisation_id \
         WHERE o.slug = '{organisation}' AND a.status = 'published'{alone} ORDER BY a.id LIMIT 1"
    );
    (
        count(app, &format!("SELECT a.id {sql}")).await.to_string(),
        scalar_text(app, &format!("SELECT a.slug {sql}")).await,
        scalar_text(app, &format!("SELECT a.title {sql}")).await,
    )
}

async fn a_programme_belongs_to_an_activity_of_its_organisation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The demo programme belongs to the café "De meester-gezel relatie", whose
    // public page leads to it.
    let demo = programme(&app).await;
    let (_, cafe) = get(&app, &browser(), "/activiteiten/de-meester-gezel-relatie").await;
    assert!(
        cafe.contains("Bij deze activiteit hoort het mentoringprogramma"),
        "{cafe}"
    );
    assert!(cafe.contains(&format!(r#"href="/mentoring/{demo}""#)));

    let organiser = app
        .person("schoor@example.org")
        .organiser_of("de-schoor")
        .sign_in()
        .await
        .client;
    let schoor = count(&app, "SELECT id FROM organisation WHERE slug = 'de-schoor'")
        .await
        .to_string();
    let (own, own_slug, own_title) = activity_of(&app, "de-schoor", false).await;
    let (foreign, foreign_slug, _) = activity_of(&app, "movisie", true).await;
    let list = "/beheer/mentoring";
    let (_, page) = get(&app, &organiser, list).await;
    assert!(page.contains(r#"<select class="utrecht-select utrecht-select--html-select" id="activity" name="activity""#));
    assert!(
        page.contains(&format!(r#"<option value="{own}">"#)),
        "its own activities"
    );
    assert!(
        !page.contains(&format!(r#"<option value="{foreign}">"#)),
        "not Movisie's"
    );
    let programmes = "SELECT COUNT(*) FROM mentoring_programme";
    let before = count(&app, programmes).await;
    let form = |activity: &str| {
        [
            ("organisation", schoor.clone()),
            ("title", "Mentorschap in de regio".to_owned()),
            ("intro", String::new()),
            ("activity", activity.to_owned()),
            ("coordinator", String::new()),
        ]
    };
    let fields = |form: &[(&'static str, String); 5]| {
        form.iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<_>>()
    };
    for wrong in [foreign.as_str(), "999999", "café"] {
        let typed = fields(&form(wrong));
        let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = post_form(&app, &organiser, list, list, &typed).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{wrong}"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains("Kies een activiteit van deze organisatie uit de lijst."));
        assert!(
            page.contains(r#"value="Mentorschap in de regio""#),
            "form kept"
        );
        assert_eq!(count(&app, programmes).await, before, "nothing stored");
    }
    let typed = fields(&form(&own));
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(&app, &organiser, list, list, &typed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location(&response);
    let id = back.trim_start_matches("/beheer/mentoring/").to_owned();
    let linked = format!(r#"href="/activiteiten/{own_slug}""#);
    let (_, page) = get(&app, &organiser, &back).await;
    assert!(page.contains(&linked), "the back office links the activity");
    assert!(page.contains(&format!(r#"<option value="{own}" selected>"#)));
    let (_, page) = get(&app, &organiser, &format!("/mentoring/{id}")).await;
    assert!(
        page.contains(&linked) && page.contains(&own_title),
        "so does the site"
    );
    let (_, page) = get(&app, &organiser, "/mentoring").await;
    assert!(page.contains(&linked));
    let public = |slug: String| {
        let app = &app;
        async move {
            get(app, &browser(), &format!("/activiteiten/{slug}"))
                .await
                .1
        }
    };
    let programme_link = format!(r#"href="/mentoring/{id}""#);
    assert!(public(own_slug.clone()).await.contains(&programme_link));

    // Its coordinator moves it: another organisation's activity is refused at the
    // field with the choice kept; none at all is fine, and the page says no more.
    app.person("coord@example.org").sign_in().await;
    let coordinator_id = count(
        &app,
        "SELECT id FROM account WHERE email_key = 'coord@example.org'",
    )
    .await;
    let stored = app.db.programme(&id).await.unwrap().unwrap();
    app.db
        .add_coordinator(
            &stored,
            coordinator_id,
            coordinator_id,
            samenleren::time::now(),
        )
        .await
        .unwrap();
    let coordinator = app.person("coord@example.org").sign_in().await.client;
    let link = format!("{back}/activiteit");
    let response = post_form(&app, &coordinator, &back, &link, &[("activity", &foreign)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kies een activiteit van deze organisatie uit de lijst."));
    assert!(page.contains(r#"aria-invalid="true""#));
    assert!(!public(foreign_slug).await.contains(&programme_link));
    let response = post_form(&app, &coordinator, &back, &link, &[("activity", "")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).ends_with("bericht=gekoppeld"));
    let (_, page) = get(&app, &coordinator, &location(&response)).await;
    assert!(page.contains("De activiteit is opgeslagen.") && !page.contains(&linked));
    assert!(!public(own_slug.clone()).await.contains(&programme_link));
    // And back again, by the organiser.
    let response = post_form(&app, &organiser, &back, &link, &[("activity", &own)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(public(own_slug).await.contains(&programme_link));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'mentoring_programme_linked'"
        )
        .await,
        2
    );
    // Someone outside the programme cannot move it.
    let outsider = app.person("buiten@example.org").sign_in().await.client;
    let response = outsider
        .post(app.url(&link))
        .form(&[("activity", ""), ("csrf", "vervalst")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn an_expired_button_says_so_and_changes_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let p = programme(&app).await;
    let back = format!("/beheer/mentoring/{p}");
    let coordinator = app.person(COORDINATOR).sign_in().await.client;
    let rik = profile_id(&app, "rik.coenen@example.org").await.to_string();
    let lotte = profile_id(&app, "lotte.smeets@example.org")
        .await
        .to_string();
    let response = post_form(
        &app,
        &coordinator,
        &back,
        &back,
        &[
            ("mentor", &rik),
            ("mentee", &lotte),
            ("message", "Kennismaken?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let request = scalar_text(
        &app,
        "SELECT public_id FROM mentoring_request WHERE proposed_by IS NOT NULL",
    )
    .await;
    let accept = format!("/mentoring/verzoeken/{request}/accepteren");
    let lotte = app
        .person("lotte.smeets@example.org")
        .sign_in()
        .await
        .client;
    // The page stood open too long: the token no longer matches.
    let response = lotte
        .post(app.url(&accept))
        .form(&[("csrf", "verlopen")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = response.text().await.unwrap();
    assert!(page.contains("Deze knop werkt niet meer"), "{page}");
    assert!(page.contains("Er is nog niets veranderd."));
    assert!(page.contains(&format!(r#"href="/mentoring/{p}#verzoeken""#)));
    assert!(page.contains("Terug naar"));
    let open = "SELECT COUNT(*) FROM mentoring_request WHERE state = 'open' \
                AND asked_agreed = FALSE AND asker_agreed = FALSE";
    assert_eq!(count(&app, open).await, 1, "nothing answered");
    // From the page again, the button works.
    let home = format!("/mentoring/{p}");
    let response = post_form(&app, &lotte, &home, &accept, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, open).await, 0);

    // Naming a coordinator with an old token: the page again, the address kept.
    let organiser = app
        .person("org@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await
        .client;
    let response = organiser
        .post(app.url(&format!("{back}/coordinatoren")))
        .form(&[("coordinator", "nieuw@example.org"), ("csrf", "verlopen")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = response.text().await.unwrap();
    assert!(page.contains("Het formulier was verlopen."), "{page}");
    assert!(page.contains(r#"value="nieuw@example.org""#));
    // Linking an activity likewise.
    let response = organiser
        .post(app.url(&format!("{back}/activiteit")))
        .form(&[("activity", ""), ("csrf", "verlopen")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Het formulier was verlopen.")
    );
    assert!(
        app.db
            .programme(&p)
            .await
            .unwrap()
            .unwrap()
            .activity_id
            .is_some()
    );
}
