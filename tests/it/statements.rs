//! The operator's own texts, on SQLite and PostgreSQL: the privacy statement built
//! from the operator settings and the organisations' real retention, and the
//! accessibility statement in the government's model, edited by a platform admin.

use crate::common::web::{
    browser, count, get, location, make_admin, make_organiser, post_form, sign_in,
};
use crate::common::{Backend, TestApp, spawn_app, spawn_app_configured};
use chrono::NaiveDate;
use reqwest::StatusCode;
use samenleren::config::Operator;
use samenleren::domain::statement::{Compliance, KnownIssue, Statement};

both_databases!(
    the_privacy_statement_names_the_operator_and_the_real_retention,
    the_accessibility_statement_names_the_operator_and_its_status,
    an_admin_edits_the_accessibility_statement_and_the_page_shows_it,
    only_a_platform_admin_may_edit_the_statement,
    bad_statement_input_is_answered_at_the_field_and_nothing_is_stored,
    the_statement_is_stored_once_and_read_back_as_saved,
);

const PATH: &str = "/beheer/toegankelijkheid";

fn operator() -> Operator {
    Operator {
        name: "Stichting Buurtleren".into(),
        address: "Dorpsstraat 5, 8011 AB Zwolle".into(),
        email: "info@buurtleren.example".into(),
        privacy_email: "privacy@buurtleren.example".into(),
        website: Some("https://buurtleren.example".into()),
    }
}

async fn configured(backend: Backend) -> Option<TestApp> {
    spawn_app_configured(backend, true, |settings| settings.operator = operator()).await
}

/// An admin's browser, signed in.
async fn admin(app: &TestApp) -> reqwest::Client {
    make_admin(app, "beheer@example.org").await;
    let client = browser();
    sign_in(app, &client, "beheer@example.org").await;
    client
}

/// The id of a platform admin's account (made when missing), for storage calls.
async fn admin_id(app: &TestApp) -> i64 {
    make_admin(app, "beheer@example.org").await;
    count(
        app,
        "SELECT id FROM account WHERE email_key = 'beheer@example.org'",
    )
    .await
}

async fn stored_statements(app: &TestApp) -> i64 {
    count(app, "SELECT COUNT(*) FROM accessibility_statement").await
}

async fn statement_audits(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM audit_event WHERE action = 'accessibility_statement_changed'",
    )
    .await
}

async fn the_privacy_statement_names_the_operator_and_the_real_retention(backend: Backend) {
    let Some(app) = configured(backend).await else {
        return;
    };
    let (status, page) = app.get_text("/privacy").await;
    assert_eq!(status, 200);
    for text in [
        "Stichting Buurtleren",
        "Dorpsstraat 5, 8011 AB Zwolle",
        "mailto:info@buurtleren.example",
        "mailto:privacy@buurtleren.example",
        "https://buurtleren.example",
        "12 maanden na de laatste bijeenkomst",
        "Alle organisaties op deze website houden deze termijn aan.",
        "toestemming",
        "gerechtvaardigd belang",
        "Autoriteit Persoonsgegevens",
        "/account",
    ] {
        assert!(page.contains(text), "{text} missing from\n{page}");
    }
    assert!(!page.contains("voorbeeldgegevens"), "a configured operator");

    // An organisation keeps registrations shorter: the statement says so.
    let movisie = app.db.organisation_ref("movisie").await.unwrap().unwrap();
    let account = admin_id(&app).await;
    app.db
        .set_retention(movisie.id, 6, account, samenleren::time::now())
        .await
        .unwrap();
    let (_, page) = app.get_text("/privacy").await;
    assert!(page.contains("Movisie: 6 maanden"), "{page}");
    assert!(!page.contains("Alle organisaties op deze website"));
    let (_, page) = app.get_text("/privacy?lang=en").await;
    assert!(page.contains("Movisie: 6 months"));
    assert!(page.contains("12 months after"));
    assert!(page.contains("Autoriteit Persoonsgegevens"));
}

async fn the_accessibility_statement_names_the_operator_and_its_status(backend: Backend) {
    let Some(app) = configured(backend).await else {
        return;
    };
    let (status, page) = app.get_text("/toegankelijkheid").await;
    assert_eq!(status, 200);
    for text in [
        "Toegankelijkheidsverklaring",
        "Stichting Buurtleren",
        &app.address,
        "B: voldoet gedeeltelijk",
        "4 december 2026",
        "axe-core",
        "320 pixels",
        "mailto:info@buurtleren.example",
        "WCAG",
    ] {
        assert!(page.contains(text), "{text} missing from\n{page}");
    }
    let (_, page) = app.get_text("/toegankelijkheid?lang=en").await;
    assert!(page.contains("B: partially compliant"));
}

async fn an_admin_edits_the_accessibility_statement_and_the_page_shows_it(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Nothing configured: the placeholder operator, marked as such.
    let (_, page) = app.get_text("/privacy").await;
    assert!(page.contains("Samenleren (demo)") && page.contains("voorbeeldgegevens"));

    let admin = admin(&app).await;
    let (status, form) = get(&app, &admin, PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(r#"<option value="B" selected>"#),
        "the default status"
    );
    assert!(
        form.contains("axe-core"),
        "the default method to start from"
    );
    let (_, dashboard) = get(&app, &admin, "/beheer").await;
    assert!(dashboard.contains(PATH));

    let response = post_form(
        &app,
        &admin,
        PATH,
        PATH,
        &[
            ("status", "A"),
            ("date", "2026-11-20"),
            ("method", "Onderzoek door een onafhankelijke partij."),
            ("issues", "Kaart zonder tekst | 01-03-2027"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{PATH}?bericht=opgeslagen"));
    let (_, form) = get(&app, &admin, &location(&response)).await;
    assert!(form.contains("De toegankelijkheidsverklaring is opgeslagen."));
    assert!(form.contains(r#"<option value="A" selected>"#));
    assert!(form.contains(r#"value="2026-11-20""#));
    assert!(form.contains("Kaart zonder tekst | 01-03-2027"));

    let (_, page) = app.get_text("/toegankelijkheid").await;
    for text in [
        "A: voldoet volledig",
        "20 november 2026",
        "Onderzoek door een onafhankelijke partij.",
        "Kaart zonder tekst",
        "1 maart 2027",
    ] {
        assert!(page.contains(text), "{text} missing from\n{page}");
    }
    assert!(!page.contains("voldoet gedeeltelijk"));

    // A second save replaces the first; each writes an audit row.
    let response = post_form(
        &app,
        &admin,
        PATH,
        PATH,
        &[
            ("status", "C"),
            ("date", "21-11-2026"),
            ("method", "Eigen onderzoek."),
            ("issues", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text("/toegankelijkheid").await;
    assert!(page.contains("C: eerste maatregelen genomen"));
    assert!(page.contains("We kennen nu geen problemen."));
    assert!(!page.contains("Kaart zonder tekst"));
    assert_eq!(stored_statements(&app).await, 1);
    assert_eq!(statement_audits(&app).await, 2);
}

async fn only_a_platform_admin_may_edit_the_statement(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    make_organiser(&app, "organisator@example.org", "movisie").await;
    let organiser = browser();
    sign_in(&app, &organiser, "organisator@example.org").await;
    let (status, _) = get(&app, &organiser, PATH).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // With a valid token of the organiser's own session: still refused.
    let response = post_form(
        &app,
        &organiser,
        "/beheer/organisaties/movisie/privacy",
        PATH,
        &[
            ("status", "A"),
            ("date", "2026-11-20"),
            ("method", "x"),
            ("issues", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app.get(PATH).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a guest signs in first"
    );
    assert_eq!(stored_statements(&app).await, 0);
    assert_eq!(statement_audits(&app).await, 0);
}

async fn bad_statement_input_is_answered_at_the_field_and_nothing_is_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = admin(&app).await;
    let response = post_form(
        &app,
        &admin,
        PATH,
        PATH,
        &[
            ("status", "Z"),
            ("date", ""),
            ("method", "Mijn eigen methode"),
            ("issues", "Een probleem zonder datum"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    for text in [
        r#"id="status-e">Kies een van de mogelijkheden uit de lijst."#,
        r#"id="date-e">Vul een geldige datum in, bijvoorbeeld 01-05-2026."#,
        r#"id="issues-e">Zet elk probleem op een eigen regel"#,
        r##"href="#date""##,
        "Mijn eigen methode",
        "Een probleem zonder datum",
        r#"aria-invalid="true""#,
    ] {
        assert!(page.contains(text), "{text} missing from\n{page}");
    }
    assert!(!page.contains(r#"id="method-e""#), "the method was fine");
    // A forged token: 403, the form kept, nothing stored.
    let response = admin
        .post(app.url(PATH))
        .form(&[
            ("status", "A"),
            ("date", "2026-11-20"),
            ("method", "Bewaard?"),
            ("csrf", "vervalst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("Bewaard?"));
    assert_eq!(stored_statements(&app).await, 0);
    assert_eq!(statement_audits(&app).await, 0);
    let (_, page) = app.get_text("/toegankelijkheid").await;
    assert!(
        page.contains("B: voldoet gedeeltelijk"),
        "still the default"
    );
}

async fn the_statement_is_stored_once_and_read_back_as_saved(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    assert_eq!(app.db.accessibility_statement().await.unwrap(), None);
    let account = admin_id(&app).await;
    let first = Statement {
        status: Compliance::Partial,
        date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        method: "Regel één\nRegel twee".into(),
        issues: vec![
            KnownIssue {
                what: "Kaart | zonder tekst".into(),
                fixed_by: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            },
            KnownIssue {
                what: "Knop zonder naam".into(),
                fixed_by: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
            },
        ],
    };
    let earlier = samenleren::time::now() - chrono::Duration::hours(1);
    app.db
        .save_accessibility_statement(&first, account, earlier)
        .await
        .unwrap();
    let stored = app.db.accessibility_statement().await.unwrap().unwrap();
    assert_eq!(stored.statement, first);
    assert_eq!(stored.updated_at, earlier);

    let second = Statement {
        status: Compliance::Unknown,
        issues: Vec::new(),
        ..first
    };
    let now = samenleren::time::now();
    app.db
        .save_accessibility_statement(&second, account, now)
        .await
        .unwrap();
    let stored = app.db.accessibility_statement().await.unwrap().unwrap();
    assert_eq!(stored.statement, second);
    assert_eq!(stored.updated_at, now);
    assert_eq!(stored_statements(&app).await, 1);
    assert_eq!(statement_audits(&app).await, 2);
}
