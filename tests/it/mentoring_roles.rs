//! Mentoring: who reaches what (the route × role table of the mentoring pages, with
//! coordinators of two programmes and organisers of two organisations), a
//! coordinator's proposal that both must accept, and an organiser making a
//! programme and naming its coordinators — on SQLite and PostgreSQL.

use reqwest::StatusCode;

use crate::common::mail::wait_for_mails;
use crate::common::web::{browser, count, ensure_account, get, location, post_form};
use crate::common::{Backend, spawn_app};
use crate::mentoring::{COORDINATOR, profile_id, programme, scalar_text};

both_databases!(
    every_mentoring_page_answers_each_role_as_it_should,
    a_coordinator_proposes_a_pair_and_both_say_yes,
    an_organiser_makes_a_programme_and_names_its_coordinators,
);

/// The route × role table of the mentoring pages: the participant's pages, a pair's
/// page and the coordinator's back office, for everyone who might knock —
/// including the coordinator of another programme and organisers of the
/// programme's organisation and of another.
async fn every_mentoring_page_answers_each_role_as_it_should(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let p = programme(&app).await;
    // A second programme, of another organisation, with its own coordinator.
    let other_org = count(&app, "SELECT id FROM organisation WHERE slug = 'de-schoor'").await;
    ensure_account(&app, "elders@example.org").await;
    let elsewhere = count(
        &app,
        "SELECT id FROM account WHERE email_key = 'elders@example.org'",
    )
    .await;
    let other = app
        .db
        .add_programme(
            &samenleren::db::mentoring::NewProgramme {
                organisation_id: other_org,
                activity_id: None,
                title: "Regionaal mentorschap",
                intro: "",
                coordinators: &[elsewhere],
            },
            elsewhere,
            samenleren::time::now(),
        )
        .await
        .unwrap();
    let pair = scalar_text(
        &app,
        "SELECT p.public_id FROM mentoring_pair p JOIN account a ON a.id = p.mentor_account_id \
         WHERE a.email_key = 'joost.weling@example.org'",
    )
    .await;
    let guest = browser();
    let participant = app.person("p@example.org").sign_in().await.client;
    let in_pair = app
        .person("joost.weling@example.org")
        .sign_in()
        .await
        .client;
    let coordinator = app.person(COORDINATOR).sign_in().await.client;
    let coordinator_b = app.person("elders@example.org").sign_in().await.client;
    let organiser = app
        .person("org@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await
        .client;
    let organiser_b = app
        .person("orgb@example.org")
        .organiser_of("zuyd-lectoraat-sociale-integratie")
        .sign_in()
        .await
        .client;
    let admin = app
        .person("admin@example.org")
        .admin()
        .sign_in()
        .await
        .client;
    let roles = [
        ("guest", &guest),
        ("participant", &participant),
        ("in the pair", &in_pair),
        ("coordinator", &coordinator),
        ("coordinator elsewhere", &coordinator_b),
        ("organiser", &organiser),
        ("organiser elsewhere", &organiser_b),
        ("admin", &admin),
    ];
    const SIGN_IN: u16 = 303;
    let routes: Vec<(String, [u16; 8])> = vec![
        (
            "/mentoring".into(),
            [SIGN_IN, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            format!("/mentoring/{p}"),
            [SIGN_IN, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            format!("/mentoring/{p}/profiel"),
            [SIGN_IN, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            format!("/mentoring/koppels/{pair}"),
            [SIGN_IN, 404, 200, 404, 404, 404, 404, 404],
        ),
        // The list: 403 without any role (Joost is also a kartrekker: staff).
        (
            "/beheer/mentoring".into(),
            [SIGN_IN, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            format!("/beheer/mentoring/{p}"),
            [SIGN_IN, 404, 404, 200, 404, 200, 404, 200],
        ),
        (
            format!("/beheer/mentoring/{other}"),
            [SIGN_IN, 404, 404, 404, 200, 404, 404, 200],
        ),
        (
            format!("/beheer/mentoring/{p}/koppels/{pair}"),
            [SIGN_IN, 404, 404, 200, 404, 200, 404, 200],
        ),
        (
            format!("/beheer/mentoring/{}", "0".repeat(32)),
            [SIGN_IN, 404, 404, 404, 404, 404, 404, 404],
        ),
    ];
    for (path, expected) in &routes {
        for ((role, client), want) in roles.iter().zip(expected) {
            let (status, _) = get(&app, client, path).await;
            assert_eq!(status.as_u16(), *want, "{role} at {path}");
        }
    }
    // The back office lists only the programmes one reaches.
    let (_, page) = get(&app, &coordinator, "/beheer/mentoring").await;
    assert!(page.contains("leren in twee richtingen") && !page.contains("Regionaal mentorschap"));
    let (_, page) = get(&app, &coordinator_b, "/beheer/mentoring").await;
    assert!(!page.contains("leren in twee richtingen") && page.contains("Regionaal mentorschap"));
}

/// A coordinator proposes two people as a pair: both get an email, the first yes
/// waits for the second, the second makes the pair (not reverse: the mentor is the
/// senior here); proposing the same person twice is refused at the field, and
/// proposing someone at their limit afterwards says so (409), nothing stored.
async fn a_coordinator_proposes_a_pair_and_both_say_yes(backend: Backend) {
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
    let requests = "SELECT COUNT(*) FROM mentoring_request";
    let before = count(&app, requests).await;

    let response = post_form(
        &app,
        &coordinator,
        &back,
        &back,
        &[
            ("mentor", &rik),
            ("mentee", &rik),
            ("message", "Kennismaken?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kies twee verschillende mensen."), "{page}");
    assert!(page.contains("Kennismaken?"), "form kept");
    assert_eq!(count(&app, requests).await, before);

    let response = post_form(
        &app,
        &coordinator,
        &back,
        &back,
        &[
            ("mentor", &rik),
            ("mentee", &lotte),
            ("message", "Jullie passen goed bij elkaar."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, requests).await, before + 1);
    let mails = wait_for_mails(&app, 2, |m| {
        m.subject.starts_with("Voorstel: een koppel met")
    })
    .await;
    let to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    assert!(
        to.iter().any(|t| t.contains("rik.coenen@example.org")),
        "{to:?}"
    );
    assert!(
        to.iter().any(|t| t.contains("lotte.smeets@example.org")),
        "{to:?}"
    );
    assert!(mails[0].text.contains("Jullie passen goed bij elkaar."));

    let request = scalar_text(
        &app,
        "SELECT public_id FROM mentoring_request WHERE proposed_by IS NOT NULL",
    )
    .await;
    let accept = format!("/mentoring/verzoeken/{request}/accepteren");
    let home = format!("/mentoring/{p}");
    let lotte_client = app
        .person("lotte.smeets@example.org")
        .sign_in()
        .await
        .client;
    let (_, page) = get(&app, &lotte_client, &home).await;
    assert!(
        page.contains("De coördinator stelt voor dat jij en Rik Coenen"),
        "{page}"
    );
    let response = post_form(&app, &lotte_client, &home, &accept, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).ends_with("bericht=wacht"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentoring_pair").await,
        2,
        "the demo's two"
    );
    let rik_client = app.person("rik.coenen@example.org").sign_in().await.client;
    let response = post_form(&app, &rik_client, &home, &accept, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/mentoring/koppels/"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mentoring_pair p JOIN account a ON a.id = p.mentor_account_id \
             WHERE a.email_key = 'rik.coenen@example.org' AND NOT p.reverse"
        )
        .await,
        1
    );
    wait_for_mails(&app, 1, |m| {
        m.to.contains("lotte.smeets@example.org")
            && m.subject.contains("heeft je verzoek aangenomen")
    })
    .await;

    // Rik is at his limit now (one pair of one): a new proposal says so.
    let joost = profile_id(&app, "joost.weling@example.org")
        .await
        .to_string();
    let before = count(&app, requests).await;
    let response = post_form(
        &app,
        &coordinator,
        &back,
        &back,
        &[
            ("mentor", &rik),
            ("mentee", &joost),
            ("message", "Nog een?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(count(&app, requests).await, before);
}

/// An organiser of De Schoor makes a programme with a coordinator who has an
/// account (an unknown address is refused at its field, the form kept, nothing
/// stored) and names a second coordinator; each coordinator reaches it, and a
/// coordinator may not name others (403).
async fn an_organiser_makes_a_programme_and_names_its_coordinators(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("schoor@example.org")
        .organiser_of("de-schoor")
        .sign_in()
        .await
        .client;
    let first = app.person("eerste@example.org").sign_in().await.client;
    let second = app.person("tweede@example.org").sign_in().await.client;
    let schoor = count(&app, "SELECT id FROM organisation WHERE slug = 'de-schoor'")
        .await
        .to_string();
    let programmes = "SELECT COUNT(*) FROM mentoring_programme";
    let before = count(&app, programmes).await;
    let list = "/beheer/mentoring";
    let response = post_form(
        &app,
        &organiser,
        list,
        list,
        &[
            ("organisation", &schoor),
            ("title", "Mentorschap in de regio"),
            ("intro", "Samen leren in Zuid-Limburg."),
            ("coordinator", "onbekend@example.org"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Er is geen account met dit e-mailadres."),
        "{page}"
    );
    assert!(
        page.contains(r#"value="Mentorschap in de regio""#),
        "form kept"
    );
    assert_eq!(count(&app, programmes).await, before);
    let response = post_form(
        &app,
        &organiser,
        list,
        list,
        &[
            ("organisation", &schoor),
            ("title", "Mentorschap in de regio"),
            ("intro", "Samen leren in Zuid-Limburg."),
            ("coordinator", "Eerste@Example.org"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location(&response);
    assert!(back.starts_with("/beheer/mentoring/"), "{back}");
    let (status, page) = get(&app, &first, &back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Mentorschap in de regio"));
    let (status, _) = get(&app, &second, &back).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not yet a coordinator");

    // A coordinator may not name another; the organiser may.
    let appoint = format!("{back}/coordinatoren");
    let response = post_form(
        &app,
        &first,
        &back,
        &appoint,
        &[("coordinator", "tweede@example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = post_form(
        &app,
        &organiser,
        &back,
        &appoint,
        &[("coordinator", "tweede@example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, _) = get(&app, &second, &back).await;
    assert_eq!(status, StatusCode::OK);
    // It is open to participants at once.
    let public = back.trim_start_matches("/beheer");
    let (status, page) = get(&app, &second, public).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Profiel maken"));
}
