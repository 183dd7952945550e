//! Learning time and the registers, on SQLite and PostgreSQL: the demo café's net
//! learning time from its program and its accreditation by Register Sociaal
//! Werker; the registers as configured; accreditations added, changed and removed
//! by an organiser (bad input answered at the field, 4xx, nothing stored); a
//! professional's registration numbers checked against the register's format, in
//! their data download and gone with their account; the PE-online list of those
//! checked in, whole and per session, with those without a number named.

use reqwest::StatusCode;
use samenleren::domain::learning::{LearningProblem, Points, ValidAccreditation};
use samenleren::on_pool;

use crate::common::editor::session_form;
use crate::common::ids::{activity_id, category_id, register_id};
use crate::common::web::{activity_public_id, count, ensure_account, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const CAFE: &str = "blik-op-samenlevingsopbouw";

both_databases!(
    the_demo_cafe_is_worth_its_net_learning_time_per_register,
    an_organiser_adds_changes_and_removes_accreditations,
    registration_numbers_are_checked_and_kept_as_personal_data,
    the_pe_online_list_has_the_numbers_of_those_checked_in,
    the_organiser_says_per_program_item_whether_it_counts,
);

/// The id of category `slug` of register `register`.
async fn the_demo_cafe_is_worth_its_net_learning_time_per_register(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Registers are configuration: Register Sociaal Werker with its numbers to
    // check, SKJ with its published minimums.
    let registers = app.db.registers().await.unwrap();
    let names: Vec<&str> = registers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Register Sociaal Werker", "SKJ"]);
    let rsw = &registers[0];
    assert_eq!((rsw.period_years, rsw.number.prefix.as_str()), (5, "4610"));
    assert!(rsw.number.to_check);
    assert!(
        rsw.categories
            .iter()
            .all(|c| c.to_check && c.minimum_points.is_none())
    );
    let skj: Vec<_> = registers[1]
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.minimum_points, c.to_check))
        .collect();
    assert_eq!(
        skj,
        [
            ("scholing", Some(60), false),
            ("reflectie", Some(50), false),
            ("vrije-ruimte", Some(50), false)
        ]
    );

    // The café 13.30–18.00: talks, presentations, dialogue tables and the close
    // count (145 minutes); walk-in, welcome, breaks and drinks do not: 2 points,
    // rounded down to half points.
    let cafe = activity_id(&app, CAFE).await;
    let credit = app.db.activity_credit(cafe).await.unwrap();
    assert_eq!(credit.problem, None);
    assert_eq!(credit.net_minutes, 145);
    assert_eq!(credit.sessions.len(), 1);
    let [accreditation] = credit.accreditations.as_slice() else {
        panic!("one accreditation: {:?}", credit.accreditations);
    };
    assert_eq!(accreditation.register_slug, "register-sociaal-werker");
    assert_eq!(accreditation.category_slug, "deskundigheidsbevordering");
    assert_eq!(accreditation.id_number, "437120");
    assert_eq!(accreditation.points, Points(4));
    assert!(!accreditation.by_hand && !accreditation.per_session);

    // The organiser says the welcome counted after all: 155 minutes, 2.5 points.
    on_pool!(&app.db, |pool| {
        sqlx::query(
            "UPDATE program_item SET counts_for_learning = TRUE WHERE kind = 'opening' \
             AND session_id IN (SELECT id FROM session WHERE activity_id = $1)",
        )
        .bind(cafe)
        .execute(pool)
        .await
        .unwrap();
    });
    let credit = app.db.activity_credit(cafe).await.unwrap();
    assert_eq!(credit.net_minutes, 155);
    assert_eq!(credit.accreditations[0].points, Points(5));

    // An activity without a timed program says so, with 0 points.
    let untimed = activity_id(&app, "de-meester-gezel-relatie").await;
    let credit = app.db.activity_credit(untimed).await.unwrap();
    assert_eq!(credit.problem, Some(LearningProblem::NoProgram));
    assert_eq!(credit.points(), Points(0));
    assert!(credit.accreditations.is_empty());
}

async fn an_organiser_adds_changes_and_removes_accreditations(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("organisator@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await
        .client;
    let cafe = activity_id(&app, CAFE).await;
    let page = format!(
        "/beheer/activiteiten/{}/accreditatie",
        activity_public_id(&app, CAFE).await
    );
    let (status, html) = get(&app, &organiser, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 uur en 25 minuten"), "net time per session");
    assert!(html.contains("437120") && html.contains("Register Sociaal Werker"));
    assert!(html.contains("berekend uit het programma"));

    // SKJ scholing, points worked out from the program.
    let new = format!("{page}/nieuw");
    let scholing = category_id(&app, "skj", "scholing").await.to_string();
    let response = post_form(
        &app,
        &organiser,
        &new,
        &new,
        &[
            ("category", &scholing),
            ("id_number", "SKJ-2026-81"),
            ("points", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{page}?bericht=opgeslagen"));
    let credit = app.db.activity_credit(cafe).await.unwrap();
    let skj = credit
        .accreditations
        .iter()
        .find(|a| a.register_slug == "skj")
        .unwrap();
    assert_eq!((skj.points, skj.by_hand), (Points(4), false));
    let skj_path = format!("{page}/{}", skj.id);

    // Bad input: at its field, the form kept, 422, nothing stored.
    let stored = "SELECT COUNT(*) FROM accreditation";
    let response = post_form(
        &app,
        &organiser,
        &new,
        &new,
        &[
            ("category", "abc"),
            ("id_number", "<b>"),
            ("points", "2,25"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Kies een register en een categorie uit de lijst."));
    assert!(html.contains("Punten gaan per halve punt."));
    assert!(html.contains("Een ID-nummer heeft alleen letters"));
    assert!(html.contains(r#"value="2,25""#), "the form is kept");
    assert_eq!(count(&app, stored).await, 2);
    // A second accreditation by the same register: 409 at the category.
    let reflectie = category_id(&app, "skj", "reflectie").await.to_string();
    let response = post_form(
        &app,
        &organiser,
        &new,
        &new,
        &[("category", &reflectie), ("id_number", "SKJ-2")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("heeft al een accreditatie van dit register"));
    assert!(html.contains(r#"value="SKJ-2""#));
    assert_eq!(count(&app, stored).await, 2);

    // Points set by hand, then per session with the session's own ID number.
    let response = post_form(
        &app,
        &organiser,
        &skj_path,
        &skj_path,
        &[
            ("category", &scholing),
            ("id_number", "SKJ-2026-81"),
            ("points", "3,5"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let credit = app.db.activity_credit(cafe).await.unwrap();
    let skj = credit
        .accreditations
        .iter()
        .find(|a| a.register_slug == "skj")
        .unwrap();
    assert_eq!((skj.points, skj.by_hand), (Points(7), true));
    let session = credit.sessions[0].session_id;
    let (status, html) = get(&app, &organiser, &skj_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"value="3,5""#),
        "the stored points in the form"
    );
    let session_field = format!("s{session}_id_number");
    let response = post_form(
        &app,
        &organiser,
        &skj_path,
        &skj_path,
        &[
            ("category", &scholing),
            ("per_session", "1"),
            (&session_field, "SKJ-S1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let credit = app.db.activity_credit(cafe).await.unwrap();
    let skj = credit
        .accreditations
        .iter()
        .find(|a| a.register_slug == "skj")
        .unwrap();
    assert!(skj.per_session);
    assert_eq!(skj.id_number, "");
    assert_eq!(skj.sessions.len(), 1);
    assert_eq!(
        (skj.sessions[0].id_number.as_str(), skj.points),
        ("SKJ-S1", Points(4))
    );

    // The public page shows the learning time and the ID numbers.
    let (status, public) = app.get_text(&format!("/activiteiten/{CAFE}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("Leertijd en accreditatie"));
    assert!(public.contains("2 uur en 25 minuten"));
    assert!(public.contains("ID-nummer 437120"));
    assert!(public.contains("ID-nummer SKJ-S1"));

    // Removed: gone from the page and the log says who.
    let remove = format!("{skj_path}/verwijderen");
    let response = post_form(&app, &organiser, &skj_path, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, stored).await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM accreditation_session").await,
        0
    );
    let (_, public) = app.get_text(&format!("/activiteiten/{CAFE}")).await;
    assert!(!public.contains("SKJ-S1"));
    let logged = count(
        &app,
        "SELECT COUNT(*) FROM audit_event WHERE action LIKE 'accreditation_%'",
    )
    .await;
    assert_eq!(logged, 4);
    // Removing it again: 404.
    let response = post_form(&app, &organiser, &page, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn registration_numbers_are_checked_and_kept_as_personal_data(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let person = app.person("sociaal@example.org").sign_in().await.client;
    let page = "/account/registers";
    let (status, html) = get(&app, &person, page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Je hebt nog geen register toegevoegd."));
    let rsw = register_id(&app, "register-sociaal-werker")
        .await
        .to_string();

    // A number in the wrong format: the Dutch message at the field, the form kept.
    let response = post_form(
        &app,
        &person,
        page,
        page,
        &[("register", &rsw), ("number", "1234567")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Dit nummer begint niet zoals de nummers van dit register."));
    assert!(html.contains(r#"value="1234567""#));
    let response = post_form(
        &app,
        &person,
        page,
        page,
        &[("register", "99"), ("number", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Kies een register uit de lijst."));
    assert!(html.contains("Vul je registratienummer in."));
    let numbers = "SELECT COUNT(*) FROM account_register";
    assert_eq!(count(&app, numbers).await, 0);

    // Spaces are left out; a second save replaces the number.
    let response = post_form(
        &app,
        &person,
        page,
        page,
        &[("register", &rsw), ("number", "4610 000 111")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(
        &app,
        &person,
        page,
        page,
        &[("register", &rsw), ("number", "4610000222")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &person, page).await;
    assert!(html.contains("4610000222") && !html.contains("4610000111"));
    assert_eq!(count(&app, numbers).await, 1);

    // In the data download.
    let (status, json) = get(&app, &person, "/account/gegevens.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json.contains("account_register") && json.contains("4610000222"));

    // Removed by its holder; and gone with the account.
    let remove = format!("/account/registers/{rsw}/verwijderen");
    let response = post_form(&app, &person, page, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, numbers).await, 0);
    let response = post_form(
        &app,
        &person,
        page,
        page,
        &[("register", &rsw), ("number", "4610000333")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let account: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'sociaal@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(app.db.delete_account(account).await.unwrap());
    assert_eq!(count(&app, numbers).await, 0);
}

/// Checks in registration `registration` at `session`.
async fn check_in(app: &TestApp, registration: i64, session: i64) {
    on_pool!(&app.db, |pool| {
        sqlx::query(
            "INSERT INTO attendance (registration_id, session_id, checked_in_at) \
             VALUES ($1, $2, $3)",
        )
        .bind(registration)
        .bind(session)
        .bind(samenleren::time::now())
        .execute(pool)
        .await
        .unwrap();
    });
}

async fn the_pe_online_list_has_the_numbers_of_those_checked_in(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("organisator@example.org")
        .organiser_of("de-schoor")
        .sign_in()
        .await
        .client;
    let cafe = activity_id(&app, CAFE).await;
    let credit = app.db.activity_credit(cafe).await.unwrap();
    let accreditation = credit.accreditations[0].clone();
    let session = credit.sessions[0].session_id;
    // Three of the café's registrations: with a number, with an account but no
    // number, without an account.
    let registrations: Vec<(i64, String, String)> = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT id, email_key, name FROM registration WHERE activity_id = $1 \
         AND state = 'confirmed' ORDER BY id LIMIT 3"
    )
    .bind(cafe)
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(registrations.len(), 3);
    for (id, email, _) in &registrations[..2] {
        ensure_account(&app, email).await;
        check_in(&app, *id, session).await;
    }
    check_in(&app, registrations[2].0, session).await;
    let rsw = register_id(&app, "register-sociaal-werker").await;
    let holder: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = $1"
    )
    .bind(&registrations[0].1)
    .fetch_one(pool)
    .await
    .unwrap());
    app.db
        .set_account_number(holder, rsw, "4610000001")
        .await
        .unwrap();

    let page = format!(
        "/beheer/activiteiten/{}/accreditatie/{}/pe-online",
        activity_public_id(&app, CAFE).await,
        accreditation.id
    );
    let (status, html) = get(&app, &organiser, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 aanwezige met een registratienummer."));
    assert!(html.contains("Zet de aanwezigheid uiterlijk"));
    for (_, _, name) in &registrations[1..] {
        assert!(
            html.contains(name.as_str()),
            "{name} without a number is named"
        );
    }
    assert!(!html.contains(registrations[0].2.as_str()));
    let response = organiser
        .get(app.url(&format!("{page}.txt")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"pe-online-437120.txt\""
    );
    assert_eq!(response.text().await.unwrap(), "#4610000001\n");

    // Accredited per session: a list per session, none for the whole.
    let valid = ValidAccreditation {
        register_id: accreditation.register_id,
        category_id: accreditation.category_id,
        id_number: String::new(),
        points: None,
        per_session: true,
        sessions: vec![(session, "437120-1".into(), None)],
    };
    app.db
        .save_accreditation(cafe, Some(accreditation.id), &valid, holder)
        .await
        .unwrap();
    let (status, html) = get(&app, &organiser, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ID-nummer 437120-1"));
    let whole = organiser
        .get(app.url(&format!("{page}.txt")))
        .send()
        .await
        .unwrap();
    assert_eq!(whole.status(), StatusCode::NOT_FOUND);
    let one = organiser
        .get(app.url(&format!("{page}.txt?sessie={session}")))
        .send()
        .await
        .unwrap();
    assert_eq!(one.status(), StatusCode::OK);
    assert_eq!(one.text().await.unwrap(), "#4610000001\n");
    let other = organiser
        .get(app.url(&format!("{page}.txt?sessie={}", session + 1000)))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

async fn the_organiser_says_per_program_item_whether_it_counts(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("organisator@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await
        .client;
    let slug = "de-meester-gezel-relatie";
    let activity = activity_id(&app, slug).await;
    let new = format!(
        "/beheer/activiteiten/{}/bijeenkomsten/nieuw",
        activity_public_id(&app, slug).await
    );
    let (status, html) = get(&app, &organiser, &new).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Telt als leertijd (onderdeel 1)"));
    assert!(html.contains("Volgens de soort (telt mee)"));

    // A choice outside the list: at its field, nothing stored.
    let mut fields = session_form("13:30", "14:00");
    fields.push(("p0_learning", "misschien"));
    let sessions = "SELECT COUNT(*) FROM session";
    let before = count(&app, sessions).await;
    let response = post_form(&app, &organiser, &new, &new, &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Kies een van de mogelijkheden uit de lijst.")
    );
    assert_eq!(count(&app, sessions).await, before);

    // The walk-in counts after all, the talk does not: 30 minutes, half a point.
    let mut fields = session_form("13:30", "14:00");
    fields.extend([("p0_learning", "yes"), ("p1_learning", "no")]);
    let response = post_form(&app, &organiser, &new, &new, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let credit = app.db.activity_credit(activity).await.unwrap();
    let added = credit
        .sessions
        .iter()
        .find(|s| s.problem.is_none())
        .unwrap();
    assert_eq!((added.net_minutes, added.points()), (30, Points(1)));
    // The form shows the choices as stored.
    let (_, html) = get(
        &app,
        &organiser,
        &new.replace("nieuw", &added.session_id.to_string()),
    )
    .await;
    assert!(html.contains(r#"<option value="yes" selected>Ja, telt mee</option>"#));
    assert!(html.contains(r#"<option value="no" selected>Nee, telt niet mee</option>"#));
}
