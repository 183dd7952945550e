//! Meester-gezel mentoring on SQLite and PostgreSQL, through the pages as people use
//! them: a junior and a senior make profiles in the demo programme; the senior finds
//! the junior among the suggestions with the reason in words and asks for reverse
//! mentoring; the junior sees the request without the senior's address, accepts,
//! and only then do both see each other's address; they log a meeting, and both
//! learning records show the hours as *reflectie (mentorschap)*; the coordinator
//! sees the totals but not the log until both share it; both evaluate and the pair
//! ends. Bad input: asking someone at their limit or resting, accepting an expired
//! request, negative hours, a date in the future, a 10 kB text — a Dutch message at
//! the field or above the form, the input kept, 4xx, nothing stored. And the route ×
//! role table of the mentoring pages, with coordinators of two programmes.

use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::mail::wait_for_mails;
use crate::common::web::{browser, count, ensure_account, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

both_databases!(
    a_junior_and_a_senior_pair_up_in_reverse_and_both_records_show_the_hours,
    bad_input_is_refused_with_the_form_kept_and_nothing_stored,
    every_mentoring_page_answers_each_role_as_it_should,
    a_coordinator_proposes_a_pair_and_both_say_yes,
    an_organiser_makes_a_programme_and_names_its_coordinators,
);

const COORDINATOR: &str = "maud.hermans@example.org";

async fn scalar_text(app: &TestApp, sql: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        sqlx::AssertSqlSafe(sql.to_owned())
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn programme(app: &TestApp) -> String {
    scalar_text(
        app,
        "SELECT public_id FROM mentoring_programme ORDER BY id LIMIT 1",
    )
    .await
}

async fn theme_id(app: &TestApp, slug: &str) -> String {
    count(app, &format!("SELECT id FROM theme WHERE slug = '{slug}'"))
        .await
        .to_string()
}

async fn profile_id(app: &TestApp, email: &str) -> i64 {
    count(
        app,
        &format!(
            "SELECT f.id FROM mentoring_profile f JOIN account a ON a.id = f.account_id \
             WHERE a.email_key = '{email}'"
        ),
    )
    .await
}

/// Fills in the profile form; the response.
#[allow(clippy::too_many_arguments)]
async fn save_profile(
    app: &TestApp,
    client: &reqwest::Client,
    programme: &str,
    name: &str,
    role: &str,
    years: &str,
    themes: &[&str],
    offers: &str,
    wants: &str,
) -> reqwest::Response {
    let page = format!("/mentoring/{programme}/profiel");
    let mut fields = vec![
        ("name", name),
        ("role", role),
        ("years", years),
        ("region", "Utrecht"),
        ("meeting", "either"),
        ("offers", offers),
        ("wants", wants),
        ("max_pairs", "2"),
        ("open", "1"),
    ];
    for t in themes {
        fields.push(("themes", t));
    }
    post_form(app, client, &page, &page, &fields).await
}

async fn a_junior_and_a_senior_pair_up_in_reverse_and_both_records_show_the_hours(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let p = programme(&app).await;
    let home = format!("/mentoring/{p}");
    let mg = theme_id(&app, "meester-gezel").await;
    let pv = theme_id(&app, "professionele-vaardigheden").await;
    let junior = app.person("sanne@example.org").sign_in().await.client;
    let senior = app.person("anne@example.org").sign_in().await.client;

    // Before a profile: no profiles of others on the page.
    let (status, page) = get(&app, &senior, &home).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Profiel maken"), "{page}");
    assert!(
        !page.contains("Joost Weling"),
        "profiles only for participants"
    );

    let response = save_profile(
        &app,
        &junior,
        &p,
        "Sanne Bakker",
        "mentor",
        "1",
        &[&mg, &pv],
        "Digitaal werken met bewoners: een buurtapp, korte filmpjes.",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = save_profile(
        &app,
        &senior,
        &p,
        "Anne de Vries",
        "both",
        "22",
        &[&mg, &pv],
        "Netwerkstrategie en groepsdynamica.",
        "Hoe ik bewoners online bereik.",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The senior looks for someone to learn from with less experience: the junior,
    // with the reason in plain words.
    let (_, page) = get(
        &app,
        &senior,
        &format!("{home}?richting=learn&ervaring=less"),
    )
    .await;
    assert!(page.contains("Sanne Bakker"), "{page}");
    assert!(
        page.contains(
            "jullie delen Meester en gezel: leren tussen junior en senior en \
             Professionele vaardigheden"
        ) || page.contains("jullie delen Meester en gezel: leren tussen junior en senior"),
        "{page}"
    );
    assert!(
        page.contains("Sanne Bakker werkt 1 jaar in het vak"),
        "{page}"
    );
    assert!(
        page.contains("jullie kunnen afspreken in Utrecht"),
        "{page}"
    );
    assert!(
        !page.contains("sanne@example.org"),
        "no address before acceptance"
    );

    // Asking: the form has a kind text and no address.
    let junior_profile = profile_id(&app, "sanne@example.org").await;
    let ask = format!("{home}/vragen/{junior_profile}?richting=learn");
    let (status, form) = get(&app, &senior, &ask).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Hallo Sanne Bakker"), "{form}");
    assert!(!form.contains("sanne@example.org"));
    let action = format!("{home}/vragen/{junior_profile}");
    let response = post_form(
        &app,
        &senior,
        &ask,
        &action,
        &[
            ("direction", "learn"),
            ("theme", &pv),
            (
                "message",
                "Hallo Sanne, leer je mij werken met de buurtapp?",
            ),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sent");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'mentoring_requested'"
        )
        .await,
        1
    );

    // The junior sees the request (not the address) and accepts.
    let (_, page) = get(&app, &junior, &home).await;
    assert!(page.contains("Anne de Vries vraagt je"), "{page}");
    assert!(page.contains("Jij bent dan de mentor."), "{page}");
    assert!(!page.contains("anne@example.org"));
    let request = scalar_text(&app, "SELECT public_id FROM mentoring_request").await;
    let response = post_form(
        &app,
        &junior,
        &home,
        &format!("/mentoring/verzoeken/{request}/accepteren"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let pair_page = location(&response);
    assert!(pair_page.starts_with("/mentoring/koppels/"), "{pair_page}");
    let pair_path = pair_page.split('?').next().unwrap().to_owned();
    let (status, page) = get(&app, &junior, &pair_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("anne@example.org"),
        "contact after acceptance"
    );
    assert!(page.contains("Omgekeerd mentorschap"), "{page}");
    let (_, page) = get(&app, &senior, &pair_path).await;
    assert!(page.contains("sanne@example.org"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentoring_pair WHERE reverse AND state = 'active' \
              AND mentor_account_id = (SELECT id FROM account WHERE email_key = 'sanne@example.org')")
            .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'mentoring_accepted' \
              AND recipient = 'anne@example.org'"
        )
        .await,
        1
    );

    // Agreement and a meeting in the log.
    let response = post_form(
        &app,
        &senior,
        &pair_path,
        &format!("{pair_path}/afspraken"),
        &[
            ("goals", "Anne zet een online peiling op."),
            ("starts_on", "2026-01-05"),
            ("months", "6"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let today = samenleren::time::today().format("%Y-%m-%d").to_string();
    let response = post_form(
        &app,
        &senior,
        &pair_path,
        &format!("{pair_path}/logboek"),
        &[
            ("held_on", &today),
            ("hours", "1,5"),
            ("topics", "Een peiling via de buurtapp"),
            ("mentor_learned", "Hoe Anne partners vasthoudt"),
            ("mentee_learned", "Een peiling maken in tien minuten"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for (client, email) in [
        (&junior, "sanne@example.org"),
        (&senior, "anne@example.org"),
    ] {
        let (_, record) = get(&app, client, "/account/leerdossier").await;
        assert!(record.contains("Reflectie (mentorschap)"), "{record}");
        assert!(record.contains("1,5 uur"), "{record}");
        assert_eq!(
            count(
                &app,
                &format!(
                    "SELECT CAST(net_minutes AS BIGINT) FROM record_entry WHERE kind = 'mentoring' \
                     AND account_id = (SELECT id FROM account WHERE email_key = '{email}')"
                )
            )
            .await,
            90
        );
    }

    // The coordinator sees totals, not content, until both share.
    let coordinator = app.person(COORDINATOR).sign_in().await.client;
    let back = format!("/beheer/mentoring/{p}");
    let (status, page) = get(&app, &coordinator, &back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Sanne Bakker (mentor) en Anne de Vries"),
        "{page}"
    );
    assert!(
        !page.contains("Een peiling via de buurtapp"),
        "no log content"
    );
    let pair_id = pair_path.rsplit('/').next().unwrap();
    let (_, page) = get(&app, &coordinator, &format!("{back}/koppels/{pair_id}")).await;
    assert!(!page.contains("Een peiling via de buurtapp"));
    for client in [&junior, &senior] {
        let response = post_form(
            &app,
            client,
            &pair_path,
            &format!("{pair_path}/delen"),
            &[("share", "1")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = get(&app, &coordinator, &format!("{back}/koppels/{pair_id}")).await;
    assert!(
        page.contains("Een peiling via de buurtapp"),
        "shared by both"
    );

    // Both evaluate: the pair ends.
    for client in [&junior, &senior] {
        let response = post_form(
            &app,
            client,
            &pair_path,
            &format!("{pair_path}/evaluatie"),
            &[("evaluation", "Leerzaam, in twee richtingen.")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mentoring_pair WHERE state = 'ended'"
        )
        .await,
        1
    );

    // The data download holds the profile and the pair.
    let (_, data) = get(&app, &junior, "/account/gegevens.json").await;
    assert!(
        data.contains("mentoring_profile") && data.contains("mentoring_pair"),
        "{data}"
    );
}

async fn bad_input_is_refused_with_the_form_kept_and_nothing_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let p = programme(&app).await;
    let home = format!("/mentoring/{p}");
    let mg = theme_id(&app, "meester-gezel").await;
    let asker = app.person("vraag@example.org").sign_in().await.client;

    // A 10 kB text in the profile: at its field, kept, 422, nothing stored.
    let long = "x".repeat(10 * 1024);
    let response = save_profile(
        &app,
        &asker,
        &p,
        "Vera",
        "both",
        "5",
        &[&mg],
        &long,
        "Leren",
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Dit is te lang."), "{page}");
    assert!(page.contains(r#"value="Vera""#), "form kept");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mentoring_profile f JOIN account a \
              ON a.id = f.account_id WHERE a.email_key = 'vraag@example.org'"
        )
        .await,
        0
    );
    let response = save_profile(
        &app,
        &asker,
        &p,
        "Vera",
        "both",
        "5",
        &[&mg],
        "Iets",
        "Leren",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let requests = "SELECT COUNT(*) FROM mentoring_request";
    let before = count(&app, requests).await;

    // Naima (demo) is at her limit: one pair of one.
    let naima = profile_id(&app, "naima.bouzid@example.org").await;
    let ask = format!("{home}/vragen/{naima}");
    let response = post_form(
        &app,
        &asker,
        &ask,
        &ask,
        &[
            ("direction", "offer"),
            ("theme", &mg),
            ("message", "Zullen we?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("kan nu geen verzoek aannemen"), "{page}");
    assert!(page.contains("Zullen we?"), "form kept");
    assert_eq!(count(&app, requests).await, before);

    // Someone who rests (opted out).
    let rik = profile_id(&app, "rik.coenen@example.org").await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE mentoring_profile SET open = FALSE WHERE id = $1"
    )
    .bind(rik)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let ask = format!("{home}/vragen/{rik}");
    let response = post_form(
        &app,
        &asker,
        &ask,
        &ask,
        &[
            ("direction", "learn"),
            ("theme", &mg),
            ("message", "Mag ik van je leren?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(count(&app, requests).await, before);

    // A 10 kB message: at its field.
    let joost = profile_id(&app, "joost.weling@example.org").await;
    let ask = format!("{home}/vragen/{joost}");
    let response = post_form(
        &app,
        &asker,
        &ask,
        &ask,
        &[("direction", "learn"), ("theme", &mg), ("message", &long)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Dit is te lang."));
    assert_eq!(count(&app, requests).await, before);

    // An expired request cannot be accepted.
    let response = post_form(
        &app,
        &asker,
        &ask,
        &ask,
        &[
            ("direction", "learn"),
            ("theme", &mg),
            ("message", "Mag ik van je leren?"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let request = scalar_text(
        &app,
        "SELECT public_id FROM mentoring_request ORDER BY id DESC LIMIT 1",
    )
    .await;
    let past = samenleren::time::now() - chrono::Duration::days(1);
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE mentoring_request SET expires_at = $1 WHERE public_id = $2"
    )
    .bind(past)
    .bind(&request)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let joost_client = app
        .person("joost.weling@example.org")
        .sign_in()
        .await
        .client;
    let pairs = "SELECT COUNT(*) FROM mentoring_pair";
    let pairs_before = count(&app, pairs).await;
    let response = post_form(
        &app,
        &joost_client,
        &format!("{home}/profiel"),
        &format!("/mentoring/verzoeken/{request}/accepteren"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("verlopen"));
    assert_eq!(count(&app, pairs).await, pairs_before);
    // Someone else's request is not theirs to answer.
    let response = post_form(
        &app,
        &asker,
        &format!("{home}/profiel"),
        &format!("/mentoring/verzoeken/{request}/accepteren"),
        &[],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "the asker cannot accept"
    );

    // Negative hours and a date in the future, in the demo pair's log.
    let pair = scalar_text(
        &app,
        "SELECT p.public_id FROM mentoring_pair p JOIN account a ON a.id = p.mentor_account_id \
         WHERE a.email_key = 'joost.weling@example.org'",
    )
    .await;
    let pair_path = format!("/mentoring/koppels/{pair}");
    let meetings = "SELECT COUNT(*) FROM mentoring_meeting";
    let entries = "SELECT COUNT(*) FROM record_entry WHERE kind = 'mentoring'";
    let (m, e) = (count(&app, meetings).await, count(&app, entries).await);
    let tomorrow = (samenleren::time::today() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let response = post_form(
        &app,
        &joost_client,
        &pair_path,
        &format!("{pair_path}/logboek"),
        &[
            ("held_on", &tomorrow),
            ("hours", "-2"),
            ("topics", "Vooruit gepland"),
            ("mentor_learned", "Niets"),
            ("mentee_learned", "Niets"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Deze datum ligt in de toekomst."), "{page}");
    assert!(page.contains("korter dan 0 uur"), "{page}");
    assert!(page.contains("Vooruit gepland"), "form kept");
    assert_eq!(
        (count(&app, meetings).await, count(&app, entries).await),
        (m, e)
    );

    // Somebody else's pair: 404.
    let (status, _) = get(&app, &asker, &pair_path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

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
