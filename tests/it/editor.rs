//! The activity editor over HTTP, on SQLite and PostgreSQL: an organiser creates a
//! café with program and venue, publishes it, changes it (registrants get update
//! emails), lowers the places (only with consent), cancels it (everyone is emailed);
//! bad input is refused at its field with nothing stored; a next edition copies
//! everything but the registrations.

use crate::common::editor::{
    NEW, activity_row, cafe_form, organiser, outbox_count, public_id_in, published_cafe, register,
    register_with, session_form, theme_slug,
};
use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{count, get, location, post_form};
use crate::common::{Backend, spawn_app};
use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::json;

both_databases!(
    an_organiser_runs_a_cafe_from_draft_to_cancellation,
    bad_editor_input_is_refused_at_its_field_and_nothing_is_stored,
    a_next_edition_copies_everything_but_the_registrations,
    the_registrations_screen_moves_people_exports_and_prints,
    a_person_named_again_keeps_one_public_page,
);

/// Typing a speaker's name again, in other case or without the affiliation, names
/// the same public person; a different affiliation is another person.
async fn a_person_named_again_keeps_one_public_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, _) = published_cafe(&app, &client).await;
    let new_session = format!("/beheer/activiteiten/{public_id}/bijeenkomsten/nieuw");
    // The speaker fields suggest the people already known (a datalist: the browser's
    // own search list; typing works the same without it).
    let (_, page) = get(&app, &client, &new_session).await;
    assert!(page.contains(r#"<datalist id="known-people">"#));
    assert!(page.contains(r#"<option value="Anna de Vries (Movisie)">"#));
    assert!(page.contains(r#"name="p0_speakers" type="text" value="" list="known-people""#));
    let mut form = session_form("13:30", "14:00");
    form[0] = ("date", "2027-03-11");
    form[12] = ("p1_speakers", "anna  de vries; Piet Post (Gemeente Almere)");
    let response = post_form(&app, &client, &new_session, &new_session, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut form = session_form("13:30", "14:00");
    form[0] = ("date", "2027-03-18");
    form[12] = ("p1_speakers", "Piet Post (Hogeschool Utrecht)");
    let response = post_form(&app, &client, &new_session, &new_session, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let annas = count(
        &app,
        "SELECT COUNT(*) FROM profile WHERE lower(name) = 'anna de vries'",
    )
    .await;
    assert_eq!(annas, 1, "one public page for Anna de Vries");
    let affiliation: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT affiliation FROM profile WHERE lower(name) = 'anna de vries'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(affiliation, "Movisie", "kept");
    let piets = count(
        &app,
        "SELECT COUNT(*) FROM profile WHERE name = 'Piet Post'",
    )
    .await;
    assert_eq!(
        piets, 2,
        "two people of that name, each with their own affiliation"
    );
}

async fn an_organiser_runs_a_cafe_from_draft_to_cancellation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let theme = theme_slug(&app).await;

    // Create: a draft, not public, but previewable.
    let (status, html) = get(&app, &client, NEW).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"name="title""#) && html.contains(r#"name="themes""#));
    let response = post_form(&app, &client, NEW, NEW, &cafe_form(&theme, "2")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let public_id = public_id_in(&location(&response));
    assert!(location(&response).ends_with("?bericht=aangemaakt"));
    assert_eq!(public_id.len(), 32, "an unguessable id");
    let base = format!("/beheer/activiteiten/{public_id}");
    let (slug, status, capacity, _, _) = activity_row(&app, &public_id).await;
    assert_eq!(
        (slug.as_str(), status.as_str(), capacity),
        ("leercafe-buurtkracht", "draft", Some(2))
    );
    let (status, _) = app.get_text(&format!("/activiteiten/{slug}")).await;
    assert_eq!(status, 404, "a draft is not public");
    let (status, html) = get(&app, &client, &format!("{base}/voorbeeld")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Voorbeeld") && html.contains("Leercafé Buurtkracht"));
    assert!(
        html.contains(&format!(r#"href="{base}">Terug naar het beheer"#)),
        "a way back"
    );
    assert!(html.contains("Carla Contact") && html.contains("Dossier buurtkracht"));

    // A session with a new venue and a program with a speaker.
    let sessions = format!("{base}/bijeenkomsten/nieuw");
    let response = post_form(
        &app,
        &client,
        &sessions,
        &sessions,
        &session_form("13:30", "14:00"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "session saved");
    let program = format!(
        "SELECT COUNT(*) FROM program_item i JOIN session s ON s.id = i.session_id \
         JOIN activity a ON a.id = s.activity_id WHERE a.public_id = '{public_id}'"
    );
    assert_eq!(
        count(&app, &program).await,
        2,
        "two program rows, blanks skipped"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM venue WHERE name = 'Buurthuis De Ster'"
        )
        .await,
        1
    );

    // Publish: public, with venue and speaker.
    let response = post_form(
        &app,
        &client,
        &base,
        &format!("{base}/status"),
        &[("action", "publish")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("bericht=gepubliceerd"));
    let (status, html) = app.get_text(&format!("/activiteiten/{slug}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Buurthuis De Ster") && html.contains("Anna de Vries"));
    assert!(html.contains("13:30") || html.contains("13.30"));

    // Three registrations: two places, the third waits.
    assert_eq!(register(&app, &slug, 1).await, "confirmed");
    assert_eq!(register(&app, &slug, 2).await, "confirmed");
    assert_eq!(register(&app, &slug, 3).await, "waitlisted");

    // The start moves: all three hear what changed, with a new calendar file.
    let session_id: i64 = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id WHERE a.public_id = $1"
    )
    .bind(&public_id)
    .fetch_one(pool)
    .await
    .unwrap()
    });
    let session_page = format!("{base}/bijeenkomsten/{session_id}");
    let (status, html) = get(&app, &client, &session_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"value="13:30""#) && html.contains("Anna de Vries (Movisie)"));
    let mut later = session_form("14:00", "14:30");
    later.retain(|(k, _)| !k.starts_with("venue_"));
    let venue: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT slug FROM venue WHERE name = 'Buurthuis De Ster'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    later.push(("venue", &venue));
    later.push(("notify", "1"));
    let response = post_form(&app, &client, &session_page, &session_page, &later).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&response).contains("mails=3"),
        "{}",
        location(&response)
    );
    assert_eq!(outbox_count(&app, "updated").await, 3);
    let mails = wait_for_mails(&app, 3, |m| m.subject.starts_with("Gewijzigd")).await;
    let mail = mails.iter().find(|m| m.to == "p1@example.org").unwrap();
    assert!(
        mail.text.contains("Het was") && mail.text.contains("14.00–17.00"),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("Het programma van"), "{}", mail.text);
    assert!(
        mail.raw.contains("text/calendar"),
        "an updated calendar file"
    );
    let (_, html) = app.get_text(&format!("/activiteiten/{slug}")).await;
    assert!(html.contains("14:00") || html.contains("14.00"));

    // A small fix with the switch off: no email.
    let mut quiet = later.clone();
    quiet.retain(|(k, _)| *k != "notify");
    quiet.retain(|(k, _)| *k != "p1_title");
    quiet.push(("p1_title", "Wat is buurtkracht eigenlijk?"));
    let response = post_form(&app, &client, &session_page, &session_page, &quiet).await;
    assert!(location(&response).contains("mails=0"));
    assert_eq!(outbox_count(&app, "updated").await, 3);

    // Fewer places than people with a place: explained, stored only with consent.
    let edit = format!("{base}/bewerken");
    let response = post_form(&app, &client, &edit, &edit, &cafe_form(&theme, "1")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("Er hebben al 2 mensen een plaats"), "{html}");
    assert!(html.contains(r#"name="consent""#) && html.contains(r#"value="1""#));
    assert_eq!(
        activity_row(&app, &public_id).await.2,
        Some(2),
        "nothing stored"
    );
    let mut agreed = cafe_form(&theme, "1");
    agreed.push(("consent", "1"));
    let response = post_form(&app, &client, &edit, &edit, &agreed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(activity_row(&app, &public_id).await.2, Some(1));
    assert_eq!(
        activity_row(&app, &public_id).await.3,
        2,
        "nobody lost a place"
    );
    // More places go to the waitlist at once.
    let response = post_form(&app, &client, &edit, &edit, &cafe_form(&theme, "3")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, _, _, confirmed, waiting) = activity_row(&app, &public_id).await;
    assert_eq!((confirmed, waiting), (3, 0));
    assert_eq!(outbox_count(&app, "promoted").await, 1);

    // Cancel: the page says who is emailed; everyone registered gets the message.
    let cancel = format!("{base}/annuleren");
    let (status, html) = get(&app, &client, &cancel).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("3 aangemelde mensen"), "{html}");
    let response = post_form(
        &app,
        &client,
        &cancel,
        &cancel,
        &[("message", "De zaal is niet beschikbaar.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("mails=3"));
    let mails = wait_for_mails(&app, 3, |m| m.subject.starts_with("Gaat niet door")).await;
    assert!(mails[0].text.contains("De zaal is niet beschikbaar."));
    assert!(
        mails[0].raw.contains("STATUS:CANCELLED"),
        "the calendar entry is cancelled"
    );
    let (_, html) = app.get_text(&format!("/activiteiten/{slug}")).await;
    assert!(html.contains("Deze activiteit gaat niet door."));

    // A cancelled activity cannot be edited: a clear answer, nothing changes.
    let (status, _) = get(&app, &client, &edit).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let response = client
        .post(app.url(&edit))
        .form(&cafe_form(&theme, "50"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "no token: refused first"
    );
    let (_, html) = get(&app, &client, &base).await;
    let csrf = crate::common::web::csrf_of(&html);
    let mut form = cafe_form(&theme, "50");
    form.push(("csrf", &csrf));
    let response = client
        .post(app.url(&edit))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("niet opgeslagen"));
    assert_eq!(activity_row(&app, &public_id).await.2, Some(3));
    let mut form = later.clone();
    form.push(("csrf", &csrf));
    let response = client
        .post(app.url(&session_page))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = client
        .post(app.url(&format!("{base}/status")))
        .form(&[("action", "publish"), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::CONFLICT,
        "no way back from cancelled"
    );

    // Every change is in the audit log, by this organiser.
    let actions: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT e.action FROM audit_event e JOIN activity a ON a.id = e.activity_id \
         JOIN account u ON u.id = e.account_id WHERE a.public_id = $1 \
         AND u.email_key = 'organisator@example.org' ORDER BY e.id"
    )
    .bind(&public_id)
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        actions,
        [
            "activity_created",
            "session_added",
            "activity_published",
            "session_updated",
            "session_updated",
            "activity_updated",
            "activity_updated",
            "activity_cancelled"
        ]
    );
    // The worker sent everything it was given.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL"
        )
        .await,
        0
    );
    assert!(read_mails(&app).len() >= 6);
}

async fn bad_editor_input_is_refused_at_its_field_and_nothing_is_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let theme = theme_slug(&app).await;
    let activities = count(&app, "SELECT COUNT(*) FROM activity").await;

    // Missing title, a cost nobody can read, an unknown theme: each at its field,
    // the form kept filled in.
    let mut bad = cafe_form(&theme, "2");
    bad.retain(|(k, _)| !matches!(*k, "title" | "cost" | "themes"));
    bad.extend([
        ("title", " "),
        ("cost", "een tientje"),
        ("themes", "verzonnen"),
    ]);
    let response = post_form(&app, &client, NEW, NEW, &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="title-e""#) && html.contains("Vul een titel in."));
    assert!(html.contains(r#"id="cost-e""#) && html.contains(r#"value="een tientje""#));
    assert!(html.contains(r##"href="#themes""##));
    assert!(
        html.contains("Samen leren over wat buurten sterk maakt."),
        "form kept"
    );
    // A forged token: refused, nothing stored.
    let response = client
        .post(app.url(NEW))
        .form(&[
            ("kind", "cafe"),
            ("title", "Vervalst"),
            ("summary", "x"),
            ("csrf", "vervalst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM activity").await,
        activities
    );

    // A good draft to put sessions on.
    let response = post_form(&app, &client, NEW, NEW, &cafe_form(&theme, "2")).await;
    let base = format!(
        "/beheer/activiteiten/{}",
        public_id_in(&location(&response))
    );
    let sessions = format!("{base}/bijeenkomsten/nieuw");
    let before = count(&app, "SELECT COUNT(*) FROM session").await;
    let venues = count(&app, "SELECT COUNT(*) FROM venue").await;

    // End before start.
    let mut backwards = session_form("13:30", "14:00");
    backwards.retain(|(k, _)| *k != "end");
    backwards.push(("end", "12:00"));
    let response = post_form(&app, &client, &sessions, &sessions, &backwards).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("De eindtijd moet na de begintijd liggen."));
    assert!(html.contains(r#"value="Buurthuis De Ster""#), "form kept");

    // Overlapping and out-of-session program times.
    let overlapping = session_form("13:30", "13:30");
    let response = post_form(&app, &client, &sessions, &sessions, &overlapping).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="p1_time-e""#) && html.contains("overlapt"));
    let outside = session_form("13:30", "18:00");
    let response = post_form(&app, &client, &sessions, &sessions, &outside).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("buiten de bijeenkomst")
    );
    // The hour skipped when summer time starts.
    let mut gap = session_form("02:00", "02:30");
    gap.retain(|(k, _)| !matches!(*k, "date" | "end"));
    gap.extend([("date", "2027-03-28"), ("end", "04:00")]);
    let response = post_form(&app, &client, &sessions, &sessions, &gap).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Deze tijd bestaat niet")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM session").await, before);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM venue").await,
        venues,
        "no half-made venue"
    );

    // A choice question needs two choices.
    let questions = format!("{base}/vragen/nieuw");
    let response = post_form(
        &app,
        &client,
        &questions,
        &questions,
        &[
            ("kind", "choice"),
            ("label", "Welke ronde?"),
            ("options", "Ronde 1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("minstens twee keuzes")
    );
    let response = post_form(
        &app,
        &client,
        &questions,
        &questions,
        &[
            ("kind", "choice"),
            ("label", "Welke ronde?"),
            ("options", "Ronde 1\nRonde 2"),
            ("required", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM question WHERE label = 'Welke ronde?' AND options = 'Ronde 1\nRonde 2'").await,
        1
    );
    // Unknown ids under a managed activity are 404, not 500.
    for path in [
        format!("{base}/bijeenkomsten/999999"),
        format!("{base}/bijeenkomsten/abc"),
        format!("{base}/vragen/999999"),
    ] {
        let (status, _) = get(&app, &client, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn a_next_edition_copies_everything_but_the_registrations(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    let base = format!("/beheer/activiteiten/{public_id}");
    register(&app, &slug, 1).await;

    // A bad date is refused on the overview page.
    let next = format!("{base}/volgende-editie");
    let response = post_form(&app, &client, &base, &next, &[("date", "volgend jaar")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains(r#"id="date-e""#));

    // Half a year later, across summer time: same Dutch times.
    let response = post_form(&app, &client, &base, &next, &[("date", "2027-09-02")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let copy = public_id_in(&location(&response));
    assert_ne!(copy, public_id);
    let (copy_slug, status, capacity, confirmed, waiting) = activity_row(&app, &copy).await;
    assert_eq!(copy_slug, "leercafe-buurtkracht-2027-09-02");
    assert_eq!(
        (status.as_str(), capacity, confirmed, waiting),
        ("draft", Some(2), 0, 0)
    );
    let (status, html) = get(
        &app,
        &client,
        &format!("/beheer/activiteiten/{copy}/voorbeeld"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 september 2027"), "the new date");
    assert!(
        html.contains("13:30") || html.contains("13.30"),
        "the same wall-clock time"
    );
    assert!(html.contains("Anna de Vries") && html.contains("Buurthuis De Ster"));
    assert!(html.contains("Carla Contact") && html.contains("Dossier buurtkracht"));
    let copied = |table: &str| {
        format!(
            "SELECT COUNT(*) FROM {table} WHERE activity_id = \
             (SELECT id FROM activity WHERE public_id = '{copy}')"
        )
    };
    assert_eq!(count(&app, &copied("question")).await, 1);
    assert_eq!(count(&app, &copied("activity_theme")).await, 1);
    assert_eq!(count(&app, &copied("registration")).await, 0);
    assert_eq!(count(&app, &copied("activity_organisation")).await, 1);
    // The copy is an edition of its own: the next one gets a fresh slug too.
    let copy_base = format!("/beheer/activiteiten/{copy}");
    let response = post_form(
        &app,
        &client,
        &copy_base,
        &format!("{copy_base}/volgende-editie"),
        &[("date", "2028-03-02")],
    )
    .await;
    let third = public_id_in(&location(&response));
    assert_eq!(
        activity_row(&app, &third).await.0,
        "leercafe-buurtkracht-2028-03-02"
    );
}

async fn the_registrations_screen_moves_people_exports_and_prints(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = organiser(&app).await;
    let (public_id, slug) = published_cafe(&app, &client).await;
    let base = format!("/beheer/activiteiten/{public_id}");
    let question: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM question WHERE label = 'Dieetwensen'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    register_with(
        &app,
        &slug,
        1,
        json!({ question.to_string(): "Geen gluten, graag crème brûlée" }),
    )
    .await;
    register(&app, &slug, 2).await;
    assert_eq!(register(&app, &slug, 3).await, "waitlisted");

    // Counts and sections; search narrows the list.
    let roster = format!("{base}/aanmeldingen");
    let (status, html) = get(&app, &client, &roster).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Met een plaats (2)") && html.contains("Wachtlijst (1)"),
        "{html}"
    );
    assert!(html.contains("Plaats 1 op de wachtlijst"));
    let (_, html) = get(&app, &client, &format!("{roster}?zoek=P3%40EXAMPLE")).await;
    assert!(html.contains("p3@example.org") && !html.contains("p1@example.org"));

    // The waiting person gets a place by hand (over the limit: the organiser decides).
    let p3: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM registration WHERE email_key = 'p3@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let response = post_form(
        &app,
        &client,
        &roster,
        &format!("{roster}/{p3}/plaats"),
        &[],
    )
    .await;
    assert_eq!(location(&response), format!("{roster}?bericht=plaats"));
    assert_eq!(activity_row(&app, &public_id).await.3, 3);
    assert_eq!(activity_row(&app, &public_id).await.4, 0);
    // And back to the waitlist; a second time is not possible and says so.
    let response = post_form(
        &app,
        &client,
        &roster,
        &format!("{roster}/{p3}/wachtlijst"),
        &[],
    )
    .await;
    assert_eq!(location(&response), format!("{roster}?bericht=wachtlijst"));
    let response = post_form(
        &app,
        &client,
        &roster,
        &format!("{roster}/{p3}/wachtlijst"),
        &[],
    )
    .await;
    assert_eq!(location(&response), format!("{roster}?bericht=kan-niet"));
    assert_eq!(
        (
            activity_row(&app, &public_id).await.3,
            activity_row(&app, &public_id).await.4
        ),
        (2, 1)
    );
    // Removing someone with a place moves the waitlist up.
    let p2: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM registration WHERE email_key = 'p2@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    // The list links to a page that asks first and says what will happen.
    let confirm = format!("{roster}/{p2}/afmelden");
    let (_, list) = get(&app, &client, &roster).await;
    assert!(
        list.contains(&format!(r#"href="{confirm}""#)),
        "a link, not a one-click button"
    );
    let (status, page) = get(&app, &client, &confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("krijgt een e-mail") && page.contains("De eerste van de wachtlijst"));
    assert!(page.contains(r#"name="reason""#));
    // A reason with a control character: refused at the field, kept, nobody removed.
    let response = post_form(
        &app,
        &client,
        &confirm,
        &confirm,
        &[("reason", "te\u{7}laat")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"id="reason-e""#),
        "the message at the field"
    );
    let reason = "De groep is te groot geworden.";
    let response = post_form(&app, &client, &confirm, &confirm, &[("reason", reason)]).await;
    assert_eq!(location(&response), format!("{roster}?bericht=afgemeld"));
    let removed = wait_for_mails(&app, 1, |m| {
        m.to == "p2@example.org" && m.subject.starts_with("Je bent afgemeld")
    })
    .await;
    assert!(
        removed[0].text.contains(reason),
        "the reason is in the email"
    );
    let detail: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT detail FROM audit_event WHERE action = 'registration_removed'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(detail.contains(reason), "{detail}");
    let (_, log) = get(&app, &client, "/beheer/organisaties/movisie/logboek").await;
    assert!(
        log.contains(&format!("Reden: {reason}")),
        "the log says why"
    );
    let state: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT state FROM registration WHERE email_key = 'p3@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(state, "confirmed");
    // Unknown registrations and changes are 404.
    let response = post_form(
        &app,
        &client,
        &roster,
        &format!("{roster}/{p2}/vliegen"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Added by hand: a place and a confirmation; a known address is refused at the field.
    let add = format!("{roster}/nieuw");
    let response = post_form(
        &app,
        &client,
        &add,
        &add,
        &[
            ("name", "Zoë Hand"),
            ("email", "zoe@example.org"),
            ("organisation", "Wijkteam Oost"),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("{roster}?bericht=toegevoegd"));
    let response = post_form(
        &app,
        &client,
        &add,
        &add,
        &[("name", "Zoë Twee"), ("email", "ZOE@example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="email-e""#) && html.contains("al aangemeld"));
    let response = post_form(
        &app,
        &client,
        &add,
        &add,
        &[("name", ""), ("email", "geen adres")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    wait_for_mails(&app, 1, |m| {
        m.to == "zoe@example.org" && m.subject.contains("aangemeld")
    })
    .await;

    // CSV: UTF-8 with a byte-order mark, semicolons, every field and the answer.
    let response = client
        .get(app.url(&format!("{roster}/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("aanmeldingen-leercafe-buurtkracht.csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("Status;Wachtlijstplaats;Naam;E-mailadres;Organisatie;Functie"),
        "{header}"
    );
    assert!(header.ends_with(";Dieetwensen"));
    assert!(text.contains("Geen gluten, graag crème brûlée") && text.contains("Zoë Hand"));
    assert!(text.contains("Buurtwerker") && text.contains("Afgemeld"));
    assert_eq!(text.lines().count(), 5, "a header and four registrations");

    // XLSX: a real workbook (a zip with the sheet and shared strings).
    let response = client
        .get(app.url(&format!("{roster}/export.xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let zip = String::from_utf8_lossy(&bytes);
    assert!(zip.contains("xl/worksheets/sheet1.xml") && zip.contains("xl/sharedStrings.xml"));

    // The printable list: everyone with a place, alphabetical, room to sign.
    let (status, html) = get(&app, &client, &format!("{base}/presentielijst")).await;
    assert_eq!(status, StatusCode::OK);
    let (d1, d3, zoe) = (
        html.find("Deelnemer 1").unwrap(),
        html.find("Deelnemer 3").unwrap(),
        html.find("Zoë Hand").unwrap(),
    );
    assert!(d1 < d3 && d3 < zoe);
    assert!(
        !html.contains("Deelnemer 2"),
        "cancelled people are not on it"
    );
    assert!(html.contains("Handtekening"));

    // Each change is in the audit log.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_event WHERE action IN ('registration_confirmed', 'registration_waitlisted', 'registration_removed', 'registration_added')").await,
        4
    );
}
