//! Certificates of attendance over HTTP, on SQLite and PostgreSQL: the job issues one
//! to each checked-in attendee of a café that ended (once), with its email and PDF
//! (read back with `pdftotext`); its values stay as issued when the program changes;
//! `/certificaat/{id}` says valid, revoked (with the date) or "niet gevonden" (404)
//! and nothing else about the person; the Open Badges assertion, badge class and
//! issuer link up; the organiser issues the rest in one go and revokes one with a
//! reason (none: refused at the field; twice: refused, nothing changed); after
//! anonymisation or account deletion the certificate names nobody.

use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::editor::{organiser, published_cafe, register};
use crate::common::mail::wait_for_mails;
use crate::common::web::{count, get, post_form};
use crate::common::{Backend, TestApp, in_ci, spawn_app};

both_databases!(
    attendees_get_a_frozen_certificate_that_anyone_can_check,
    organisers_issue_in_one_go_and_revoke_with_a_reason,
    anonymised_certificates_stay_but_name_nobody,
);

const NAME: &str = "Zoë IJsbrand van Loïs ĳzerman";

/// Moves the café's session (and its program) so that it ended `days_ago` days ago.
async fn end_cafe(app: &TestApp, public_id: &str, days_ago: i64) {
    let (session, starts, ends): (
        i64,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
    ) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT s.id, s.starts_at, s.ends_at FROM session s JOIN activity a \
             ON a.id = s.activity_id WHERE a.public_id = $1"
    )
    .bind(public_id)
    .fetch_one(pool)
    .await
    .unwrap());
    let shift = (chrono::Utc::now() - chrono::Duration::days(days_ago)) - ends;
    let items: Vec<(i64, Option<chrono::DateTime<chrono::Utc>>)> = on_pool!(&app.db, |pool| {
        sqlx::query_as("SELECT id, starts_at FROM program_item WHERE session_id = $1")
            .bind(session)
            .fetch_all(pool)
            .await
            .unwrap()
    });
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE session SET starts_at = $2, ends_at = $3 WHERE id = $1"
    )
    .bind(session)
    .bind(starts + shift)
    .bind(ends + shift)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    for (id, at) in items {
        on_pool!(&app.db, |pool| sqlx::query(
            "UPDATE program_item SET starts_at = $2 WHERE id = $1"
        )
        .bind(id)
        .bind(at.map(|at| at + shift))
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
    }
}

/// Checks person `n` in at the café's session (as the door does: attendance and
/// state `attended`), under `name`.
async fn check_in(app: &TestApp, n: usize, name: &str) {
    let email = format!("p{n}@example.org");
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE registration SET state = 'attended', name = $2 WHERE email = $1"
    )
    .bind(&email)
    .bind(name)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO attendance (registration_id, session_id, checked_in_at) \
         SELECT r.id, s.id, $2 FROM registration r JOIN session s \
         ON s.activity_id = r.activity_id WHERE r.email = $1"
    )
    .bind(&email)
    .bind(chrono::Utc::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// The public id of person `n`'s certificate.
async fn certificate_of(app: &TestApp, n: usize) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT c.public_id FROM certificate c JOIN registration r \
         ON r.id = c.registration_id WHERE r.email = $1"
    )
    .bind(format!("p{n}@example.org"))
    .fetch_one(pool)
    .await
    .unwrap())
}

/// `pdftotext` on the bytes, whitespace folded; `None` when poppler is not installed
/// here (in CI its absence fails the test).
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

async fn json(app: &TestApp, url: &str) -> (StatusCode, Value) {
    let response = app.client.get(url).send().await.unwrap();
    let status = response.status();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/ld+json"),
        "{url}"
    );
    (status, response.json().await.unwrap())
}

async fn attendees_get_a_frozen_certificate_that_anyone_can_check(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    register(&app, &slug, 1).await;
    register(&app, &slug, 2).await;
    check_in(&app, 1, NAME).await;
    // Accredited by the Register Sociaal Werker; points follow the program.
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO accreditation (activity_id, register_id, category_id, id_number, \
         per_session, created_at, updated_at) \
         SELECT a.id, r.id, c.id, 'RSW-2027-0417', FALSE, $2, $2 FROM activity a, register r \
         JOIN register_category c ON c.register_id = r.id \
         WHERE a.public_id = $1 AND r.slug = 'register-sociaal-werker' \
         AND c.slug = 'deskundigheidsbevordering'"
    )
    .bind(&public_id)
    .bind(chrono::Utc::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    // Not over yet: nothing is issued.
    assert_eq!(
        app.db
            .issue_due_certificates(chrono::Utc::now())
            .await
            .unwrap(),
        0
    );
    end_cafe(&app, &public_id, 1).await;
    // Only the one checked in gets one, and only once.
    assert_eq!(
        app.db
            .issue_due_certificates(chrono::Utc::now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.db
            .issue_due_certificates(chrono::Utc::now())
            .await
            .unwrap(),
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM certificate").await, 1);
    let id = certificate_of(&app, 1).await;
    assert_eq!(id.len(), 32, "128 random bits");

    // The email links to the PDF behind the manage link.
    let mail = wait_for_mails(&app, 1, |m| {
        m.to.contains("p1@example.org") && m.subject.contains("bewijs van deelname")
    })
    .await
    .remove(0);
    let token = mail.token_after("/aanmelding/").expect("a manage link");
    let pdf_path = format!("/aanmelding/{token}/bewijs.pdf");
    assert!(mail.text.contains(&pdf_path), "{}", mail.text);
    let response = app.get(&pdf_path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap();
    let number: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT CAST(id AS TEXT) FROM certificate"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let number = format!("{:06}", number.parse::<i64>().unwrap());
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains(NAME), "{text}");
        assert!(text.contains("Bewijs van deelname"), "{text}");
        assert!(text.contains("Leercafé Buurtkracht"), "{text}");
        // 14.00–17.00 is a talk; the walk-in from 13.30 does not count.
        assert!(text.contains("3 uur"), "{text}");
        assert!(text.contains(&number), "{text}");
        assert!(text.contains("Register Sociaal Werker") && text.contains("RSW-2027-0417"));
        assert!(text.contains(&format!("/certificaat/{id}")), "{text}");
    }
    let (_, manage) = app.get_text(&format!("/aanmelding/{token}")).await;
    assert!(manage.contains("Download je bewijs (pdf)") && manage.contains(&pdf_path));

    // The verification page: valid, what the certificate says, nothing more.
    let (status, page) = app.get_text(&format!("/certificaat/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Dit bewijs is geldig."), "{page}");
    assert!(page.contains(NAME) && page.contains("Leercafé Buurtkracht"));
    assert!(page.contains("3 uur") && page.contains(&number));
    assert!(
        page.contains("RSW-2027-0417")
            && page.contains("Geaccrediteerde deskundigheidsbevordering")
    );
    for private in ["p1@example.org", "Buurtwerker", "Dieetwensen"] {
        assert!(!page.contains(private), "{private} shown");
    }

    // Frozen: the title and program change, the certificate does not.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE activity SET title = 'Een andere titel' WHERE public_id = $1"
    )
    .bind(&public_id)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE program_item SET kind = 'break' WHERE kind = 'talk'"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE accreditation SET id_number = 'RSW-2027-9999', points_halves = 1"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (_, page) = app.get_text(&format!("/certificaat/{id}")).await;
    assert!(page.contains("Leercafé Buurtkracht") && page.contains("3 uur"));
    assert!(page.contains("RSW-2027-0417") && !page.contains("RSW-2027-9999"));
    assert!(!page.contains("Een andere titel"));
    let pdf = app.get(&pdf_path).await.bytes().await.unwrap();
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Leercafé Buurtkracht") && text.contains("3 uur"));
    }

    // Open Badges 2.0: the assertion, its badge class and issuer link up.
    let (status, assertion) = json(&app, &app.url(&format!("/openbadges/assertions/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(assertion["@context"], "https://w3id.org/openbadges/v2");
    assert_eq!(assertion["type"], "Assertion");
    assert!(
        assertion["id"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/openbadges/assertions/{id}"))
    );
    assert_eq!(assertion["verification"]["type"], "hosted");
    assert_eq!(assertion["recipient"]["type"], "email");
    assert_eq!(assertion["recipient"]["hashed"], true);
    let salt = assertion["recipient"]["salt"].as_str().unwrap();
    let digest: String = Sha256::digest(format!("p1@example.org{salt}"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        assertion["recipient"]["identity"],
        format!("sha256${digest}")
    );
    assert!(assertion["issuedOn"].as_str().unwrap().ends_with('Z'));
    let badge = assertion["badge"].as_str().unwrap();
    assert!(
        badge.ends_with(&format!("/openbadges/badges/{slug}")),
        "{badge}"
    );
    let (status, class) = json(&app, badge).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(class["type"], "BadgeClass");
    assert_eq!(class["id"], badge);
    assert!(
        class["criteria"]["narrative"]
            .as_str()
            .unwrap()
            .contains("ingecheckt")
    );
    let image = app
        .client
        .get(class["image"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    let (status, issuer) = json(&app, class["issuer"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(issuer["type"], "Issuer");
    assert_eq!(issuer["id"], class["issuer"]);
    assert_eq!(issuer["name"], "Movisie");
    assert!(issuer["url"].as_str().unwrap().starts_with("http"));

    // Forged or unknown ids: "niet gevonden", 404, everywhere.
    for forged in [
        "00000000000000000000000000000000".to_owned(),
        // The last digit changed (not to itself: a real id may end in 0).
        format!("{}{}", &id[..31], if id.ends_with('0') { '1' } else { '0' }),
        "../../etc/passwd".replace('/', "%2F"),
        "abc".to_owned(),
    ] {
        let (status, page) = app.get_text(&format!("/certificaat/{forged}")).await;
        assert_eq!(status, 404, "{forged}");
        assert!(page.contains("niet gevonden"), "{forged}: {page}");
        let response = app.get(&format!("/openbadges/assertions/{forged}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        app.get("/openbadges/badges/geen-activiteit").await.status(),
        404
    );
    assert_eq!(app.get("/openbadges/issuers/de-schoor").await.status(), 404);
    // Someone without a certificate gets no PDF.
    let other = crate::common::web::secret(&app).manage_token(
        &crate::common::editor::registration_of(&app, &slug, "p2@example.org")
            .await
            .unwrap()
            .public_id,
    );
    assert_eq!(
        app.get(&format!("/aanmelding/{other}/bewijs.pdf"))
            .await
            .status(),
        404
    );
}

async fn organisers_issue_in_one_go_and_revoke_with_a_reason(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    register(&app, &slug, 1).await;
    register(&app, &slug, 2).await;
    check_in(&app, 1, "Deelnemer Een").await;
    check_in(&app, 2, NAME).await;
    let base = format!("/beheer/activiteiten/{public_id}");
    let page_path = format!("{base}/bewijzen");
    let (status, page) = get(&app, &client, &page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("2 ingecheckte deelnemers hebben nog geen bewijs."),
        "{page}"
    );
    assert!(page.contains("Er zijn nog geen bewijzen uitgegeven."));
    // Issued in one go, before the café ended: the button does not wait for the job.
    let response = post_form(&app, &client, &page_path, &page_path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &client, &crate::common::web::location(&response)).await;
    assert!(page.contains("2 bewijzen uitgegeven en gemaild."), "{page}");
    assert!(page.contains(NAME) && page.contains("Geldig"));
    assert!(
        !page.contains(">Bewijzen uitgeven<"),
        "nothing left to issue"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM certificate").await, 2);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'certificate'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'certificates_issued'"
        )
        .await,
        1
    );
    let id = certificate_of(&app, 2).await;
    let revoke = format!("{base}/bewijzen/{id}/intrekken");
    // Again (a second tab, say): nothing new.
    let response = post_form(&app, &client, &revoke, &page_path, &[]).await;
    let (_, page) = get(&app, &client, &crate::common::web::location(&response)).await;
    assert!(
        page.contains("Er waren geen nieuwe bewijzen uit te geven."),
        "{page}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM certificate").await, 2);

    // Revoking asks for a reason; without one the form comes back, nothing stored.
    let (status, form) = get(&app, &client, &revoke).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(NAME) && form.contains("Reden"));
    let response = post_form(&app, &client, &revoke, &revoke, &[("reason", "   ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Vul een reden in."), "{page}");
    let long = "x".repeat(501);
    let response = post_form(&app, &client, &revoke, &revoke, &[("reason", &long)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.text().await.unwrap().contains(&long),
        "the form is kept"
    );
    let revoked = "SELECT COUNT(*) FROM certificate WHERE revoked_at IS NOT NULL";
    assert_eq!(count(&app, revoked).await, 0);
    let reason = "Niet de hele middag aanwezig.";
    let response = post_form(&app, &client, &revoke, &revoke, &[("reason", reason)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, revoked).await, 1);
    let (_, page) = get(&app, &client, &crate::common::web::location(&response)).await;
    assert!(page.contains("Het bewijs is ingetrokken.") && page.contains("Ingetrokken op"));

    // Anyone checking sees it was revoked and when, not why.
    let (status, page) = app.get_text(&format!("/certificaat/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Dit bewijs is ingetrokken op"), "{page}");
    assert!(!page.contains(reason));
    let (status, assertion) = json(&app, &app.url(&format!("/openbadges/assertions/{id}"))).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(assertion["revoked"], true);
    // The other one still counts.
    let (_, page) = app
        .get_text(&format!("/certificaat/{}", certificate_of(&app, 1).await))
        .await;
    assert!(page.contains("Dit bewijs is geldig."));

    // Revoking again is refused with a clear message, and changes nothing.
    let at: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT CAST(revoked_at AS TEXT) FROM certificate WHERE public_id = $1"
    )
    .bind(&id)
    .fetch_one(pool)
    .await
    .unwrap());
    let response = post_form(&app, &client, &revoke, &revoke, &[("reason", "Nog eens")]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Dit bewijs is al ingetrokken op")
    );
    let again: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT CAST(revoked_at AS TEXT) || revoke_reason FROM certificate WHERE public_id = $1"
    )
    .bind(&id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(again, format!("{at}{reason}"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'certificate_revoked'"
        )
        .await,
        1
    );
    // The person's own PDF is gone with it; another activity's address finds nothing.
    let token = crate::common::web::secret(&app).manage_token(
        &crate::common::editor::registration_of(&app, &slug, "p2@example.org")
            .await
            .unwrap()
            .public_id,
    );
    assert_eq!(
        app.get(&format!("/aanmelding/{token}/bewijs.pdf"))
            .await
            .status(),
        404
    );
    let (status, _) = get(
        &app,
        &client,
        &format!("{base}/bewijzen/00000000000000000000000000000000/intrekken"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn anonymised_certificates_stay_but_name_nobody(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    register(&app, &slug, 1).await;
    register(&app, &slug, 2).await;
    check_in(&app, 1, NAME).await;
    check_in(&app, 2, "Deelnemer Twee").await;
    end_cafe(&app, &public_id, 1).await;
    assert_eq!(
        app.db
            .issue_due_certificates(chrono::Utc::now())
            .await
            .unwrap(),
        2
    );
    let (first, second) = (certificate_of(&app, 1).await, certificate_of(&app, 2).await);

    // Person 2 has an account: the data download holds the certificate; deleting the
    // account keeps it, in nobody's name.
    let person = app.person("p2@example.org").sign_in().await;
    let account: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'p2@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE registration SET account_id = $1 WHERE email = 'p2@example.org'"
    )
    .bind(account)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    drop(person);
    let stored = app.db.stored_about(account).await.unwrap();
    let table = stored
        .iter()
        .find(|t| t.table == "certificate")
        .expect("in the download");
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0]["name"].as_deref(), Some("Deelnemer Twee"));
    assert!(app.db.delete_account(account).await.unwrap());
    let (status, page) = app.get_text(&format!("/certificaat/{second}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("niet meer op naam") && !page.contains("Deelnemer Twee"),
        "{page}"
    );
    let (status, assertion) =
        json(&app, &app.url(&format!("/openbadges/assertions/{second}"))).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(assertion["revoked"], true);

    // Past the retention, the registrations are anonymised: so is the certificate.
    end_cafe(&app, &public_id, 400).await;
    app.db.anonymise_ended(chrono::Utc::now()).await.unwrap();
    let (status, page) = app.get_text(&format!("/certificaat/{first}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Dit bewijs is geldig, maar staat niet meer op naam."),
        "{page}"
    );
    assert!(page.contains("Niet meer op naam") && !page.contains(NAME));
    assert!(
        page.contains("Leercafé Buurtkracht"),
        "what it was for stays"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM certificate WHERE name <> '' OR badge_identity <> '' \
             OR anonymised_at IS NULL"
        )
        .await,
        0
    );
    let (_, list) = get(
        &app,
        &client,
        &format!("/beheer/activiteiten/{public_id}/bewijzen"),
    )
    .await;
    assert!(
        list.contains("Geanonimiseerd") && !list.contains(NAME),
        "{list}"
    );
}
