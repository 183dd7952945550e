//! Mijn leerdossier on SQLite and PostgreSQL: an attended café enters the record
//! once (the job) with its net hours, points, category and ID number per register;
//! a later program edit leaves the points as earned and adds the note; the totals
//! per category against the minimum; the CSV and the PDF (read back with
//! `pdftotext`); the certificate linked; external entries refused at their fields
//! (empty title, negative or 1,000 hours, a future date, a too large file: 4xx,
//! form kept, nothing stored), added with a file only its owner can fetch, in the
//! data download, removed, and gone with the account (files swept).

use reqwest::StatusCode;
use samenleren::db::learning::record::RecordFiles;
use samenleren::on_pool;

use crate::common::ids::{account_id, activity_id, category_id, register_id};
use crate::common::web::{count, csrf_of, ensure_account, get, post_form};
use crate::common::{Backend, TestApp, in_ci, spawn_app};

both_databases!(
    an_attended_cafe_enters_the_record_frozen_with_its_note,
    external_entries_are_checked_added_and_removed,
);

const CAFE: &str = "blik-op-samenlevingsopbouw";
const PAGE: &str = "/account/leerdossier";
const FORM: &str = "/account/leerdossier/toevoegen";

async fn exec(app: &TestApp, sql: &str, id: i64) {
    on_pool!(&app.db, |pool| sqlx::query(sqlx::AssertSqlSafe(
        sql.to_owned()
    ))
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// Moves every session of the activity (and its program) `days` days back.
async fn move_back(app: &TestApp, activity: i64, days: i64) {
    let shift = chrono::Duration::days(days);
    type Moment = chrono::DateTime<chrono::Utc>;
    let sessions: Vec<(i64, Moment, Moment)> = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT id, starts_at, ends_at FROM session WHERE activity_id = $1"
    )
    .bind(activity)
    .fetch_all(pool)
    .await
    .unwrap());
    for (id, starts, ends) in sessions {
        on_pool!(&app.db, |pool| sqlx::query(
            "UPDATE session SET starts_at = $2, ends_at = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(starts - shift)
        .bind(ends - shift)
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
        let items: Vec<(i64, Option<Moment>)> = on_pool!(&app.db, |pool| sqlx::query_as(
            "SELECT id, starts_at FROM program_item WHERE session_id = $1"
        )
        .bind(id)
        .fetch_all(pool)
        .await
        .unwrap());
        for (item, at) in items {
            on_pool!(&app.db, |pool| sqlx::query(
                "UPDATE program_item SET starts_at = $2 WHERE id = $1"
            )
            .bind(item)
            .bind(at.map(|at| at - shift))
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap());
        }
    }
}

/// `pdftotext` on the bytes, whitespace folded; `None` without poppler (outside CI).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext: {out:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Err(e) if !in_ci() => {
            eprintln!("pdftotext not run ({e}): apt-get install poppler-utils");
            None
        }
        Err(e) => panic!("pdftotext is needed in CI: {e}"),
    }
}

async fn an_attended_cafe_enters_the_record_frozen_with_its_note(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cafe = activity_id(&app, CAFE).await;
    let (registration, email): (i64, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT id, email_key FROM registration WHERE activity_id = $1 \
         AND state = 'confirmed' ORDER BY id LIMIT 1"
    )
    .bind(cafe)
    .fetch_one(pool)
    .await
    .unwrap());
    ensure_account(&app, &email).await;
    let person = app.person(&email).sign_in().await.client;
    let account = account_id(&app, &email).await;
    exec(
        &app,
        "INSERT INTO attendance (registration_id, session_id, checked_in_at) \
         SELECT r.id, s.id, CURRENT_TIMESTAMP FROM registration r \
         JOIN session s ON s.activity_id = r.activity_id WHERE r.id = $1",
        registration,
    )
    .await;
    exec(
        &app,
        "UPDATE registration SET state = 'attended' WHERE id = $1",
        registration,
    )
    .await;
    let entries = format!("SELECT COUNT(*) FROM record_entry WHERE account_id = {account}");

    // Not over yet: nothing in the record.
    app.db.record_due(samenleren::time::now()).await.unwrap();
    assert_eq!(count(&app, &entries).await, 0);
    let (status, html) = get(&app, &person, PAGE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Er staat nog niets in je leerdossier."));

    // Ended 30 days ago: one entry, once.
    move_back(&app, cafe, 30).await;
    assert!(app.db.record_due(samenleren::time::now()).await.unwrap() >= 1);
    assert_eq!(app.db.record_due(samenleren::time::now()).await.unwrap(), 0);
    assert_eq!(count(&app, &entries).await, 1);
    let (_, html) = get(&app, &person, PAGE).await;
    assert!(html.contains("Blik op samenlevingsopbouw"), "{html}");
    // 13.30–18.00 with 145 minutes of net learning: 2,42 hours, 2 points.
    assert!(html.contains("2,42 uur"), "{html}");
    let credit = "Register Sociaal Werker: 2 punten, Geaccrediteerde deskundigheidsbevordering, \
                  ID-nummer 437120";
    assert!(html.contains(credit), "{html}");
    assert!(!html.contains("later gewijzigd"));

    // Totals: without a number every register shows, with a pointer.
    assert!(html.contains("Je hebt nog geen registratienummer ingevuld."));
    assert!(html.contains("<strong>Geaccrediteerde deskundigheidsbevordering</strong>: 2 punten."));
    assert!(html.contains("controleer in het reglement"));
    assert!(html.contains("<strong>Scholing</strong>: 0 van de 60 punten"));
    assert!(html.contains(
        "0 van de 60 punten. <span class=\"samenleren-record-state\">Nog 60 punten nodig.</span>"
    ));
    // A bar only where the register names a number: SKJ's three, none for RSW's.
    assert_eq!(html.matches("<progress").count(), 3, "{html}");
    // At 320 px the year table stacks: each figure keeps its column's name.
    assert!(html.contains("data-label=\"Punten SKJ\""));
    // Per year: the café's year with its hours and points.
    assert!(html.contains("Punten Register Sociaal Werker"));

    // An edit that changes nothing the entry counts: no note.
    exec(
        &app,
        "UPDATE activity SET revision = revision + 1 WHERE id = $1",
        cafe,
    )
    .await;
    let (_, html) = get(&app, &person, PAGE).await;
    assert!(!html.contains("later gewijzigd"));
    // The welcome counts after all: the café is now worth 2,5 points, the record
    // keeps the 2 earned and says the program changed.
    exec(
        &app,
        "UPDATE program_item SET counts_for_learning = TRUE WHERE kind = 'opening' \
         AND session_id IN (SELECT id FROM session WHERE activity_id = $1)",
        cafe,
    )
    .await;
    exec(
        &app,
        "UPDATE activity SET revision = revision + 1 WHERE id = $1",
        cafe,
    )
    .await;
    assert_eq!(
        app.db.activity_credit(cafe).await.unwrap().accreditations[0].points,
        samenleren::domain::learning::Points(5)
    );
    let (_, html) = get(&app, &person, PAGE).await;
    assert!(html.contains(credit), "{html}");
    assert!(!html.contains("2,5 punten"));
    assert!(html.contains("het programma is later gewijzigd"), "{html}");

    // With a number for Register Sociaal Werker only that register is totalled.
    let rsw = register_id(&app, "register-sociaal-werker").await;
    app.db
        .set_account_number(account, rsw, "4610000001")
        .await
        .unwrap();
    let (_, html) = get(&app, &person, PAGE).await;
    assert!(!html.contains("Je hebt nog geen registratienummer ingevuld."));
    assert!(!html.contains("<strong>Scholing</strong>"));

    // The certificate issued for the café is linked from its entry.
    app.db
        .issue_due_certificates(samenleren::time::now())
        .await
        .unwrap();
    let certificate: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM certificate WHERE registration_id = $1"
    )
    .bind(registration)
    .fetch_one(pool)
    .await
    .unwrap());
    let (_, html) = get(&app, &person, PAGE).await;
    assert!(html.contains(&format!("/certificaat/{certificate}")));

    // CSV: one row with the frozen values, the note and the certificate.
    let response = person
        .get(app.url("/account/leerdossier.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let csv = response.text().await.unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.contains("Datum;Soort;Activiteit;Aanbieder;Netto uren"),
        "{header}"
    );
    assert!(header.contains("Punten Register Sociaal Werker"));
    let row = lines
        .find(|l| l.contains("Blik op samenlevingsopbouw"))
        .expect("the café's row");
    assert!(
        row.contains(";2,42;2;Geaccrediteerde deskundigheidsbevordering;437120;"),
        "{row}"
    );
    assert!(row.contains(";ja;") && row.contains(&format!("/certificaat/{certificate}")));

    // PDF: read back with the name, the values and the note.
    let response = person
        .get(app.url("/account/leerdossier.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Mijn leerdossier"), "{text}");
        assert!(text.contains("Blik op samenlevingsopbouw"), "{text}");
        assert!(text.contains("2,42 uur"), "{text}");
        assert!(text.contains("ID-nummer 437120"), "{text}");
        assert!(text.contains("het programma is later gewijzigd"), "{text}");
    }

    // Someone else's record does not show it.
    let other = app.person("ander@example.org").sign_in().await.client;
    let (_, html) = get(&app, &other, PAGE).await;
    assert!(!html.contains("Blik op samenlevingsopbouw"));
}

/// A `multipart/form-data` body as the browser sends the form.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----samenleren-record-5b2e";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let (status, html) = get(app, client, FORM).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&html);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let (content_type, body) = multipart(&all, file);
    client
        .post(app.url(FORM))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn files_on_disk(app: &TestApp) -> usize {
    std::fs::read_dir(app.test_db.data_dir.path().join("record"))
        .map(|d| d.count())
        .unwrap_or(0)
}

async fn external_entries_are_checked_added_and_removed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let email = "zelf@example.org";
    let person = app.person(email).sign_in().await.client;
    let account = account_id(&app, email).await;
    let entries = format!("SELECT COUNT(*) FROM record_entry WHERE account_id = {account}");
    let skj = register_id(&app, "skj").await.to_string();
    let reflectie = category_id(&app, "skj", "reflectie").await.to_string();
    let skj_field = format!("category_{skj}");
    let tomorrow = (samenleren::time::today() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let earlier = (samenleren::time::today() - chrono::Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();

    // Empty title, negative hours, a date in the future: each at its field.
    let response = send(
        &app,
        &person,
        &[
            ("title", " "),
            ("provider", "Eigen team"),
            ("date", &tomorrow),
            ("hours", "-2"),
        ],
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for message in [
        "Vul de naam van de activiteit in.",
        "De datum ligt in de toekomst.",
        "Vul het aantal uren in met cijfers, zoals 2 of 2,5.",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(html.contains(r#"value="Eigen team""#) && html.contains(r#"value="-2""#));
    // 1,000 hours.
    let fields = [
        ("title", "Intervisie in de wijk"),
        ("provider", "Eigen team"),
        ("date", earlier.as_str()),
        ("hours", "1000"),
        (skj_field.as_str(), reflectie.as_str()),
    ];
    let response = send(&app, &person, &fields, None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een aantal uren in van meer dan 0 tot en met 500."));
    assert!(html.contains(r#"value="Intervisie in de wijk""#));
    assert!(html.contains(&format!(r#"<option value="{reflectie}" selected>"#)));
    // A file over 5 MB.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(5 * 1024 * 1024 + 1, b'0');
    let mut good = fields;
    good[3] = ("hours", "10");
    let response = send(&app, &person, &good, Some(("verslag.pdf", &big))).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Het bestand is te groot. Het mag hoogstens 5 MB zijn."));
    assert!(html.contains(r#"value="Intervisie in de wijk""#));
    assert_eq!(count(&app, &entries).await, 0);
    assert_eq!(files_on_disk(&app), 0);
    // Far over, past the body limit: the same answer, the fields before it kept.
    big.resize(12 * 1024 * 1024, b'0');
    let response = send(&app, &person, &good, Some(("film.pdf", &big))).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Het bestand is te groot. Het mag hoogstens 5 MB zijn."));
    assert!(html.contains(r#"value="Intervisie in de wijk""#), "{html}");
    assert_eq!(count(&app, &entries).await, 0);
    assert_eq!(files_on_disk(&app), 0);

    // Added with a file: in the list, counted for SKJ reflectie.
    let pdf = b"%PDF-1.4\n% bewijs van intervisie\n%%EOF\n";
    let response = send(&app, &person, &good, Some(("Verslag intervisie.pdf", pdf))).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &entries).await, 1);
    assert_eq!(files_on_disk(&app), 1);
    let (_, html) = get(&app, &person, &format!("{PAGE}?bericht=toegevoegd")).await;
    assert!(html.contains("Je activiteit staat in je leerdossier."));
    assert!(html.contains("Intervisie in de wijk") && html.contains("Eigen team"));
    assert!(html.contains("SKJ: 10 punten, Reflectie"), "{html}");
    assert!(html.contains("<strong>Reflectie</strong>: 10 van de 50 punten"));
    assert!(html.contains("Nog 40 punten nodig."));
    assert!(html.contains(r#"value="20""#), "the bar at 20 %");
    let public_id: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM record_entry WHERE account_id = $1"
    )
    .bind(account)
    .fetch_one(pool)
    .await
    .unwrap());
    let evidence = format!("{PAGE}/{public_id}/bewijs");
    assert!(html.contains(&evidence) && html.contains("Verslag-intervisie.pdf"));
    let response = person.get(app.url(&evidence)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.bytes().await.unwrap().as_ref(), pdf);
    // Not to anyone else, and not removable by them.
    let other = app.person("ander@example.org").sign_in().await.client;
    assert_eq!(
        other.get(app.url(&evidence)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let remove = format!("{PAGE}/{public_id}/verwijderen");
    let response = post_form(&app, &other, FORM, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, &entries).await, 1);

    // In the data download.
    let (status, json) = get(&app, &person, "/account/gegevens.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json.contains("record_entry") && json.contains("Intervisie in de wijk"));

    // Removed by its owner, with its file.
    let response = post_form(&app, &person, FORM, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &entries).await, 0);
    assert_eq!(files_on_disk(&app), 0);

    // Gone with the account; the job's sweep takes the file.
    let response = send(&app, &person, &good, Some(("bewijs.pdf", pdf))).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(files_on_disk(&app), 1);
    assert!(app.db.delete_account(account).await.unwrap());
    assert_eq!(count(&app, &entries).await, 0);
    let files = RecordFiles::in_data_dir(app.test_db.data_dir.path());
    let swept = files
        .sweep(&app.db, std::time::Duration::ZERO)
        .await
        .unwrap();
    assert_eq!(swept, 1);
    assert_eq!(files_on_disk(&app), 0);
}
