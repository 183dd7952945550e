//! Running an activity over HTTP, on SQLite and PostgreSQL: checking people in at the
//! door through the QR code in their email or by name, with attendance and no-show
//! counts; writing to everyone with a place or on the waitlist; reading the
//! organisation's audit log.

use crate::common::editor::{organiser, outbox_count, published_cafe, register};
use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{
    browser, count, get, location, make_organiser, post_form, secret, sign_in,
};
use crate::common::{Backend, TestApp, spawn_app};
use reqwest::StatusCode;
use samenleren::on_pool;

both_databases!(
    people_are_checked_in_by_qr_code_and_by_name,
    organisers_write_to_registrants,
    the_audit_log_shows_who_changed_what,
    registrations_are_anonymised_after_the_retention_period,
);

/// The state of registration `n` (p{n}@example.org) and how many sessions it attended.
async fn presence(app: &TestApp, n: usize) -> (String, i64) {
    let email = format!("p{n}@example.org");
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT r.state, (SELECT COUNT(*) FROM attendance a WHERE a.registration_id = r.id) \
         FROM registration r WHERE r.email = $1"
    )
    .bind(&email)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn registration_public_id(app: &TestApp, n: usize) -> String {
    let email = format!("p{n}@example.org");
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM registration WHERE email = $1"
    )
    .bind(&email)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn people_are_checked_in_by_qr_code_and_by_name(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    for n in 1..=3 {
        register(&app, &slug, n).await;
    }
    let base = format!("/beheer/activiteiten/{public_id}");

    // The confirmation carries a QR code that reads as the check-in link; the
    // waitlist email has none.
    let confirmation = wait_for_mails(&app, 1, |m| m.to.contains("p1@example.org"))
        .await
        .remove(0);
    assert!(
        confirmation
            .text
            .contains(r#"src="cid:check-in-qr@samenleren""#),
        "the HTML shows the inline image"
    );
    assert!(
        confirmation
            .text
            .contains("laat je de QR-code hieronder zien")
    );
    let url = confirmation.check_in_qr().expect("a readable QR code");
    assert!(url.starts_with("http"), "an absolute link: {url}");
    let qr_path = url[url.find("/beheer/inchecken/").expect(&url)..].to_owned();
    assert_eq!(qr_path.split('/').count(), 5, "{qr_path}");
    let waitlisted = wait_for_mails(&app, 1, |m| m.to.contains("p3@example.org"))
        .await
        .remove(0);
    assert!(waitlisted.check_in_qr().is_none(), "no place, no code");

    // Only an organiser of the activity gets in; a changed token is no link at all.
    let response = browser().get(app.url(&qr_path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "guest to sign-in");
    assert!(location(&response).starts_with("/inloggen"));
    make_organiser(&app, "b@example.org", "de-schoor").await;
    let other = browser();
    sign_in(&app, &other, "b@example.org").await;
    assert_eq!(get(&app, &other, &qr_path).await.0, StatusCode::NOT_FOUND);
    let mut forged = qr_path.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(get(&app, &client, &forged).await.0, StatusCode::NOT_FOUND);

    // The organiser scans the code, sees who it is and marks them present.
    let (status, page) = get(&app, &client, &qr_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Deelnemer 1") && page.contains("Leercafé Buurtkracht"));
    assert!(page.contains(r#"value="aanwezig""#));
    let session = page
        .split(r#"name="sessie" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let forged_csrf = browser_post(&app, &client, &qr_path, &session, "aanwezig", "nope").await;
    assert_eq!(forged_csrf, StatusCode::FORBIDDEN);
    assert_eq!(presence(&app, 1).await, ("confirmed".into(), 0));
    let mark = [("sessie", session.as_str()), ("actie", "aanwezig")];
    let response = post_form(&app, &client, &qr_path, &qr_path, &mark).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &client, &location(&response)).await;
    assert!(page.contains("Deelnemer 1 is aanwezig gemeld."), "{page}");
    assert!(page.contains("Aanwezig sinds"));
    assert_eq!(presence(&app, 1).await, ("attended".into(), 1));
    // Scanning twice changes nothing.
    let response = post_form(&app, &client, &qr_path, &qr_path, &mark).await;
    assert!(location(&response).ends_with("bericht=al-gedaan"));
    assert_eq!(presence(&app, 1).await, ("attended".into(), 1));

    // Someone on the waitlist has no place: the page says so and nobody is marked.
    let p3 = registration_public_id(&app, 3).await;
    let p3_path = secret(&app).check_in_path(&p3);
    let (status, page) = get(&app, &client, &p3_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Deze persoon heeft geen plaats (Wachtlijst)"));
    // (No form on that page: the token comes from another one of the organiser's.)
    let response = post_form(&app, &client, &qr_path, &p3_path, &mark).await;
    assert!(location(&response).ends_with("bericht=geen-plaats"));
    assert_eq!(presence(&app, 3).await, ("waitlisted".into(), 0));

    // By name on the list page: search, mark, undo.
    let list = format!("{base}/inchecken");
    let (status, page) = get(&app, &client, &format!("{list}?zoek=deelnemer+2")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Deelnemer 2") && !page.contains("Deelnemer 1"));
    assert!(
        !page.contains("Deelnemer 3"),
        "the waitlist is not on the door list"
    );
    let p2 = registration_public_id(&app, 2).await;
    let fields = [
        ("registratie", p2.as_str()),
        ("sessie", session.as_str()),
        ("actie", "aanwezig"),
        ("zoek", "deelnemer 2"),
    ];
    let response = post_form(&app, &client, &list, &list, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location(&response);
    assert!(
        back.contains("zoek=deelnemer+2"),
        "the search is kept: {back}"
    );
    let (_, page) = get(&app, &client, &back).await;
    assert!(page.contains("Deelnemer 2 is aanwezig gemeld."));
    assert_eq!(presence(&app, 2).await, ("attended".into(), 1));
    let undo = [
        ("registratie", p2.as_str()),
        ("sessie", session.as_str()),
        ("actie", "ongedaan"),
    ];
    let response = post_form(&app, &client, &list, &list, &undo).await;
    let (_, page) = get(&app, &client, &location(&response)).await;
    assert!(page.contains("Deelnemer 2 is niet meer aanwezig gemeld."));
    assert_eq!(presence(&app, 2).await, ("confirmed".into(), 0));
    // An unknown session or registration is not found.
    let wrong = [
        ("registratie", p2.as_str()),
        ("sessie", "999999"),
        ("actie", "aanwezig"),
    ];
    let response = post_form(&app, &client, &list, &list, &wrong).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Counts: before the session is over nobody counts as absent; afterwards the one
    // who did not come does.
    let (_, page) = get(&app, &client, &list).await;
    let counts = counts_row(&page);
    assert_eq!(counts, ["2", "1", "nog niet voorbij"], "{page}");
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE session SET starts_at = $1, ends_at = $2 WHERE id = $3"
    )
    .bind(chrono::Utc::now() - chrono::Duration::days(2))
    .bind(chrono::Utc::now() - chrono::Duration::days(2) + chrono::Duration::hours(3))
    .bind(session.parse::<i64>().unwrap())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (_, page) = get(&app, &client, &list).await;
    assert_eq!(counts_row(&page), ["2", "1", "1"]);

    let actions: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT action FROM audit_event WHERE action LIKE 'attendance%' ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        actions,
        [
            "attendance_marked",
            "attendance_marked",
            "attendance_undone"
        ]
    );
}

/// The numbers in the first row of the counts table.
fn counts_row(page: &str) -> Vec<String> {
    let table = page.split(r#"id="tellingen""#).nth(1).unwrap();
    let row = table.split("<tbody").nth(1).unwrap();
    let row = row.split("</tr>").next().unwrap();
    // Each numeric cell's text: after its opening tag (which carries a label for
    // phones), before the next tag.
    row.split(r#"utrecht-table__cell--numeric""#)
        .skip(1)
        .map(|cell| {
            let text = cell.split_once('>').unwrap().1;
            text.split('<').next().unwrap().trim().to_owned()
        })
        .collect()
}

/// A check-in POST with a given CSRF token; its status.
async fn browser_post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    session: &str,
    action: &str,
    csrf: &str,
) -> StatusCode {
    client
        .post(app.url(path))
        .form(&[("sessie", session), ("actie", action), ("csrf", csrf)])
        .send()
        .await
        .unwrap()
        .status()
}

async fn organisers_write_to_registrants(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    for n in 1..=3 {
        register(&app, &slug, n).await;
    }
    let path = format!("/beheer/activiteiten/{public_id}/bericht");
    let (status, page) = get(&app, &client, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Iedereen met een plaats (2)"));
    assert!(page.contains("Iedereen op de wachtlijst (1)"));

    // Nothing filled in: the errors at their fields, the choice kept, nothing sent.
    let empty = [("to", "wachtlijst"), ("subject", " "), ("message", "")];
    let response = post_form(&app, &client, &path, &path, &empty).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Vul een onderwerp in.") && page.contains("Schrijf een bericht."));
    assert!(page.contains(r#"<option value="wachtlijst" selected>"#));
    let unknown = [
        ("to", "iedereen"),
        ("subject", "Hallo"),
        ("message", "Tekst"),
    ];
    let response = post_form(&app, &client, &path, &path, &unknown).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kies een van de mogelijkheden"));
    assert!(page.contains(">Tekst</textarea>"), "the text is kept");
    let forged = client
        .post(app.url(&path))
        .form(&[
            ("to", "plaatsen"),
            ("subject", "Hallo"),
            ("message", "Tekst"),
            ("csrf", "nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(outbox_count(&app, "organiser").await, 0);

    // To everyone with a place: two emails, each with the paragraphs.
    let message = [
        ("to", "plaatsen"),
        ("subject", "Parkeren bij De Ster"),
        (
            "message",
            "Parkeer op het plein.\r\n\r\nDe fietsenstalling is achter.",
        ),
    ];
    let response = post_form(&app, &client, &path, &path, &message).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &client, &location(&response)).await;
    assert!(
        page.contains("Je bericht is verstuurd naar 2 mensen."),
        "{page}"
    );
    let mails = wait_for_mails(&app, 2, |m| m.subject.starts_with("Parkeren bij De Ster")).await;
    assert_eq!(mails.len(), 2);
    for n in [1, 2] {
        let address = format!("p{n}@example.org");
        assert!(mails.iter().any(|m| m.to.contains(&address)), "{address}");
    }
    let reply_to = |mail: &crate::common::mail::Mail| {
        mail.raw
            .lines()
            .find_map(|l| l.strip_prefix("Reply-To: "))
            .map(str::to_owned)
    };
    for mail in &mails {
        assert_eq!(mail.subject, "Parkeren bij De Ster (Leercafé Buurtkracht)");
        // Answers reach the organiser who wrote, not noreply@.
        assert_eq!(reply_to(mail).as_deref(), Some("organisator@example.org"));
        assert!(mail.text.contains("Parkeer op het plein."));
        assert!(
            mail.text
                .contains("<p style=\"margin:0 0 16px\">De fietsenstalling is achter.</p>")
        );
    }
    // To the waitlist: one.
    let message = [
        ("to", "wachtlijst"),
        ("subject", "Nog geen plaats"),
        ("message", "We laten het weten."),
    ];
    post_form(&app, &client, &path, &path, &message).await;
    let mails = wait_for_mails(&app, 1, |m| m.subject.starts_with("Nog geen plaats")).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.contains("p3@example.org"));
    // The activity's own emails answer to its contact person.
    let confirmation = wait_for_mails(&app, 1, |m| {
        m.to.contains("p1@example.org") && m.subject.starts_with("Je bent aangemeld")
    })
    .await;
    assert_eq!(
        reply_to(&confirmation[0]).as_deref(),
        Some("carla@example.org")
    );
    assert_eq!(outbox_count(&app, "organiser").await, 3);
    let details: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT detail FROM audit_event WHERE action = 'message_sent' ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    let sent_to = |sent, group: &str, subject: &str| {
        Some(samenleren::db::audit::Detail::Message {
            sent,
            group: group.into(),
            subject: subject.into(),
        })
    };
    let details: Vec<_> = details
        .iter()
        .map(|d| samenleren::db::audit::Detail::parse(d))
        .collect();
    assert_eq!(
        details,
        [
            sent_to(2, "plaatsen", "Parkeren bij De Ster"),
            sent_to(1, "wachtlijst", "Nog geen plaats"),
        ]
    );
    // Nobody left in a group: said at the field.
    let p3 = read_mails(&app).len();
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE registration SET state = 'cancelled', waitlist_position = NULL \
         WHERE email = 'p3@example.org'"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let response = post_form(&app, &client, &path, &path, &message).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("In deze groep zit niemand.")
    );
    assert_eq!(read_mails(&app).len(), p3);
}

async fn the_audit_log_shows_who_changed_what(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, _) = published_cafe(&app, &client).await;
    let log = "/beheer/organisaties/movisie/logboek";
    let (status, page) = get(&app, &client, log).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Activiteit gemaakt",
        "Bijeenkomst toegevoegd",
        "Vraag toegevoegd",
        "Activiteit gepubliceerd",
        "organisator@example.org",
        "Leercafé Buurtkracht",
    ] {
        assert!(page.contains(expected), "{expected} in the log");
    }
    // Newest first.
    assert!(page.find("Activiteit gepubliceerd") < page.find("Activiteit gemaakt"));
    let narrowed = format!("{log}?activiteit={public_id}");
    let (status, page) = get(&app, &client, &narrowed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Je ziet alleen de wijzigingen van"));
    assert!(
        !page.contains("Organisator doet mee"),
        "not about this activity"
    );

    // Another organisation's organiser sees neither this log nor these lines in theirs.
    make_organiser(&app, "b@example.org", "de-schoor").await;
    let other = browser();
    sign_in(&app, &other, "b@example.org").await;
    assert_eq!(get(&app, &other, log).await.0, StatusCode::NOT_FOUND);
    let (status, page) = get(&app, &other, "/beheer/organisaties/de-schoor/logboek").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Leercafé Buurtkracht"));
    // Bad page parameters are not found, not errors.
    for bad in ["?voor=abc", "?activiteit=../../x"] {
        assert_eq!(
            get(&app, &client, &format!("{log}{bad}")).await.0,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }

    // A long log comes in pages of 100.
    let movisie: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM organisation WHERE slug = 'movisie'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    for i in 0..120 {
        on_pool!(&app.db, |pool| sqlx::query(
            "INSERT INTO audit_event (organisation_id, action, detail, created_at) \
             VALUES ($1, 'activity_updated', $2, $3)"
        )
        .bind(movisie)
        .bind(format!("regel {i}"))
        .bind(chrono::Utc::now())
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
    }
    let total = count(
        &app,
        &format!("SELECT COUNT(*) FROM audit_event WHERE organisation_id = {movisie}"),
    )
    .await;
    let (_, page) = get(&app, &client, log).await;
    assert_eq!(page.matches("<time datetime=").count(), 100);
    let older = page
        .split(r#"href=""#)
        .find_map(|rest| {
            let href = rest.split('"').next()?;
            href.contains("voor=").then(|| href.replace("&amp;", "&"))
        })
        .expect("a link to older lines");
    let (_, page) = get(&app, &client, &older).await;
    assert_eq!(page.matches("<time datetime=").count() as i64, total - 100);
    assert!(!page.contains("Oudere wijzigingen"));
}

async fn registrations_are_anonymised_after_the_retention_period(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    for n in 1..=3 {
        register(&app, &slug, n).await;
    }
    wait_for_mails(&app, 3, |m| {
        ["p1@", "p2@", "p3@"].iter().any(|p| m.to.contains(p))
    })
    .await;

    // The organisation chooses 6 months instead of 12; nonsense is refused at the field.
    let path = "/beheer/organisaties/movisie/privacy";
    let (status, page) = get(&app, &client, path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"value="12""#), "the default");
    for bad in ["0", "121", "zes", ""] {
        let response = post_form(&app, &client, path, path, &[("months", bad)]).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let page = response.text().await.unwrap();
        assert!(page.contains("Vul een heel getal in van 1 tot en met 120."));
    }
    let response = post_form(&app, &client, path, path, &[("months", "6")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &client, &location(&response)).await;
    assert!(page.contains("De bewaartermijn is opgeslagen.") && page.contains(r#"value="6""#));
    let other = browser();
    make_organiser(&app, "b@example.org", "de-schoor").await;
    sign_in(&app, &other, "b@example.org").await;
    assert_eq!(get(&app, &other, path).await.0, StatusCode::NOT_FOUND);

    // Ended five months ago: kept. Seven months ago: anonymised.
    let ended = |months: i64| chrono::Utc::now() - chrono::Duration::days(months * 31);
    let move_session = |end: chrono::DateTime<chrono::Utc>| {
        let public_id = public_id.clone();
        let db = app.db.clone();
        async move {
            on_pool!(&db, |pool| sqlx::query(
                "UPDATE session SET starts_at = $1, ends_at = $2 WHERE activity_id = \
                 (SELECT id FROM activity WHERE public_id = $3)"
            )
            .bind(end - chrono::Duration::hours(3))
            .bind(end)
            .bind(&public_id)
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap());
        }
    };
    let kept = "SELECT COUNT(*) FROM registration WHERE email LIKE 'p%@example.org' \
                AND anonymised_at IS NULL";
    move_session(ended(5)).await;
    app.db.anonymise_ended(chrono::Utc::now()).await.unwrap();
    assert_eq!(count(&app, kept).await, 3);
    move_session(ended(7)).await;
    app.db.anonymise_ended(chrono::Utc::now()).await.unwrap();
    assert_eq!(count(&app, kept).await, 0);
    let (names, emails): (i64, i64) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT COUNT(NULLIF(r.name, '')), COUNT(NULLIF(r.email, '')) FROM registration r \
         JOIN activity a ON a.id = r.activity_id WHERE a.public_id = $1"
    )
    .bind(&public_id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!((names, emails), (0, 0), "no name or address is left");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'p%@example.org'"
        )
        .await,
        0,
        "nor the emails sent to them"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'registrations_anonymised'"
        )
        .await,
        1
    );
    // Running again changes nothing and logs nothing.
    assert_eq!(app.db.anonymise_ended(chrono::Utc::now()).await.unwrap(), 0);
    // The counts stay; the names are gone from the registrations screen.
    let (_, page) = get(
        &app,
        &client,
        &format!("/beheer/activiteiten/{public_id}/aanmeldingen"),
    )
    .await;
    let anonymous = r#"data-label="Naam">(geanonimiseerd)</td>"#;
    assert_eq!(page.matches(anonymous).count(), 3, "{page}");
    assert!(
        !page.contains("/wachtlijst\""),
        "no moves for anonymised registrations"
    );
    assert!(!page.contains("p1@example.org") && !page.contains("Deelnemer 1"));
    let (_, log) = get(&app, &client, "/beheer/organisaties/movisie/logboek").await;
    assert!(log.contains("Aanmeldingen geanonimiseerd") && log.contains("Bewaartermijn gewijzigd"));
    assert!(log.contains("Samenleren (automatisch)"));
}
