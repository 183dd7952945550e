//! Leerateliers over HTTP, on SQLite and PostgreSQL: a professional asks to join, the
//! kartrekker declines with a reason or accepts, the member changes how they take
//! part and leaves; open joining and invitations by email; and who reaches which
//! atelier page (the route × role table of the community pages).

use crate::common::mail::wait_for_mails;
use crate::common::web::{browser, count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};
use reqwest::StatusCode;
use samenleren::on_pool;

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const OTHER: &str = "leeratelier-samenlevingsopbouw";

async fn public_id(app: &TestApp, slug: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn membership_state(app: &TestApp, email: &str) -> Option<String> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT m.state FROM atelier_member m JOIN account a ON a.id = m.account_id \
         JOIN activity x ON x.id = m.activity_id WHERE a.email_key = $1 AND x.slug = $2"
    )
    .bind(email)
    .bind(ATELIER)
    .fetch_optional(pool)
    .await
    .unwrap())
}

both_databases!(
    a_professional_asks_to_join_and_the_kartrekker_decides,
    an_open_atelier_and_an_invitation_let_people_in_at_once,
    every_atelier_page_answers_each_role_as_it_should,
);

async fn a_professional_asks_to_join_and_the_kartrekker_decides(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier = public_id(&app, ATELIER).await;
    let kartrekker = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let join = format!("/ateliers/{ATELIER}/lidmaatschap");
    let home = format!("/ateliers/{ATELIER}");

    // The public page offers joining, and the way in for members; no café form
    // (non-members register for one of its public meetings: tests/it/public_meetings.rs).
    let (_, page) = get(&app, &app.client, &format!("/activiteiten/{ATELIER}")).await;
    assert!(page.contains(&format!(r#"href="{join}""#)), "Lid worden");
    assert!(
        page.contains(&format!(r#"href="{home}""#)),
        "Naar het atelier"
    );
    assert!(page.contains("Lid worden") && page.contains("Naar het atelier"));
    assert!(
        !page.contains(">Aanmelden</a>"),
        "no café registration button"
    );

    // Joining needs sign-in, and comes back to the form afterwards.
    let anonymous = browser();
    let response = anonymous.get(app.url(&join)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/inloggen?next=%2Fateliers%2F"));

    let sanne = app.person("sanne@example.org").sign_in().await.client;
    let (status, html) = get(&app, &sanne, &join).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Vraag om lid te worden"),
        "the kartrekker decides"
    );

    // Bad input: every field answered at its place, the input kept, nothing stored.
    let response = post_form(&app, &sanne, &join, &join, &[("level", "kartrekker")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for field in ["name", "level", "brings"] {
        assert!(html.contains(&format!(r##"href="#{field}""##)), "{field}");
    }
    let long = "x".repeat(301);
    let response = post_form(
        &app,
        &sanne,
        &join,
        &join,
        &[
            ("name", "Sanne <script>"),
            ("level", "meetings"),
            ("brings", &long),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Dit is te lang"));
    assert!(html.contains("Sanne &#60;script&#62;"), "kept, escaped");
    assert!(html.contains(r#"value="meetings" checked"#), "level kept");
    assert_eq!(
        membership_state(&app, "sanne@example.org").await,
        None,
        "nothing stored"
    );

    // A good request waits for the kartrekker, who gets an email.
    let fields = [
        ("name", "Sanne de Vries"),
        ("level", "meetings"),
        ("brings", "Ervaring met buurtteams in Heerlen"),
        ("listed", "1"),
    ];
    let response = post_form(&app, &sanne, &join, &join, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{join}?bericht=gevraagd"));
    let (_, html) = get(&app, &sanne, &location(&response)).await;
    assert!(html.contains("Je aanvraag is verstuurd"));
    assert!(html.contains("Aanvraag intrekken"));
    assert_eq!(
        membership_state(&app, "sanne@example.org").await.as_deref(),
        Some("requested")
    );
    let response = sanne.get(app.url(&home)).send().await.unwrap();
    assert_eq!(location(&response), join, "waiting: to the request");
    let mail = wait_for_mails(&app, 1, |m| {
        m.to.contains("joost@example.org") && m.subject.contains("wil lid worden")
    })
    .await
    .remove(0);
    assert!(
        mail.subject.contains("Sanne de Vries wil lid worden"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Ervaring met buurtteams in Heerlen"));
    assert!(
        mail.text
            .contains(&format!("/beheer/activiteiten/{atelier}/leden"))
    );

    // The kartrekker sees the request; declining needs a reason.
    let members = format!("/beheer/activiteiten/{atelier}/leden");
    let (status, html) = get(&app, &kartrekker, &members).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Sanne de Vries"));
    let member: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT m.public_id FROM atelier_member m JOIN account a ON a.id = m.account_id \
         WHERE a.email_key = 'sanne@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let page = format!("{members}/{member}");
    assert!(html.contains(&format!(r#"href="{page}""#)));
    let decide = format!("{page}/besluit");
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &decide,
        &[("decision", "decline")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Schrijf waarom je de aanvraag afwijst"));
    assert!(html.contains(r#"value="decline" checked"#), "choice kept");
    assert_eq!(
        membership_state(&app, "sanne@example.org").await.as_deref(),
        Some("requested")
    );

    // Accepting, with a message that reaches the member.
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &decide,
        &[("decision", "accept"), ("message", "Welkom, tot de 12e!")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{members}?bericht=aangenomen"));
    let mail = wait_for_mails(&app, 1, |m| {
        m.to.contains("sanne@example.org") && m.subject.starts_with("Je bent lid")
    })
    .await
    .remove(0);
    assert!(
        mail.subject.starts_with("Je bent lid van "),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Welkom, tot de 12e!"));
    assert!(mail.text.contains(&home));
    // A second decision (another tab) is told it came too late; nothing changes.
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &decide,
        &[("decision", "decline"), ("message", "Toch niet")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("al beslist"));
    assert_eq!(
        membership_state(&app, "sanne@example.org").await.as_deref(),
        Some("active")
    );

    // Her account page lists the atelier, linking into it.
    let (_, html) = get(&app, &sanne, "/account").await;
    assert!(html.contains("Je leerateliers") && html.contains(&format!(r#"href="{home}""#)));

    // The member is inside: their standing, the listed members, the kartrekker.
    let (status, html) = get(&app, &sanne, &home).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Je bent lid sinds"));
    assert!(html.contains("bijeenkomsten"), "the level");
    assert!(html.contains("Sanne de Vries"), "listed with consent");
    assert!(!html.contains("sanne@example.org"), "never an address");

    // The kartrekker makes her an expert; she moves to online only.
    let response = post_form(
        &app,
        &kartrekker,
        &page,
        &format!("{page}/rol"),
        &[("role", "expert")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(
        &app,
        &sanne,
        &join,
        &join,
        &[
            ("name", "Sanne de Vries"),
            ("level", "online_only"),
            ("brings", "Ervaring met buurtteams"),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("{join}?bericht=opgeslagen"));
    let (_, html) = get(&app, &sanne, &home).await;
    assert!(html.contains("alleen online"));
    assert!(
        !html.contains("<strong>Sanne de Vries</strong>"),
        "no longer listed"
    );
    let (_, html) = get(&app, &kartrekker, &page).await;
    assert!(html.contains("Expert") && html.contains("Alleen online"));

    // Her data download holds the membership.
    let (_, json) = get(&app, &sanne, "/account/gegevens.json").await;
    assert!(json.contains("atelier_member") && json.contains("online_only"));

    // Leaving, after a confirmation; the member area closes.
    let leave = format!("/ateliers/{ATELIER}/opzeggen");
    let (status, html) = get(&app, &sanne, &leave).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Lidmaatschap opzeggen"));
    let response = post_form(&app, &sanne, &leave, &leave, &[]).await;
    assert_eq!(location(&response), "/account?bericht=atelier-verlaten");
    assert_eq!(get(&app, &sanne, &home).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &sanne, &leave).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        membership_state(&app, "sanne@example.org").await.as_deref(),
        Some("left")
    );
    let logged = count(
        &app,
        "SELECT COUNT(*) FROM audit_event WHERE action IN ('member_requested', \
         'member_accepted', 'member_role_changed', 'member_settings_changed', 'member_left')",
    )
    .await;
    assert_eq!(logged, 5);
    // The kartrekker's list shows her as a former member.
    let (_, html) = get(&app, &kartrekker, &members).await;
    assert!(html.contains("Oud-leden"));
}

async fn an_open_atelier_and_an_invitation_let_people_in_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier = public_id(&app, ATELIER).await;
    let organiser = app
        .person("org@example.org")
        .organiser_of("zuyd-lectoraat-sociale-integratie")
        .sign_in()
        .await
        .client;
    let members = format!("/beheer/activiteiten/{atelier}/leden");
    let join = format!("/ateliers/{ATELIER}/lidmaatschap");

    // Invited by email: the link signs in (making the account) and lands on the
    // form; sending it makes a member without a decision.
    let response = post_form(&app, &organiser, &members, &members, &[("email", "geen")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post_form(
        &app,
        &organiser,
        &members,
        &members,
        &[("email", "nieuw@example.org")],
    )
    .await;
    assert_eq!(
        location(&response),
        format!("{members}?bericht=uitgenodigd")
    );
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("nieuw@example.org"))
        .await
        .remove(0);
    assert!(mail.subject.contains("word lid van"), "{}", mail.subject);
    let token = mail.token_after("/uitnodiging/").expect("invitation link");
    let invited = browser();
    let path = format!("/uitnodiging/{token}");
    let (_, html) = get(&app, &invited, &path).await;
    assert!(html.contains("Uitnodiging om lid te worden"));
    let response = post_form(&app, &invited, &path, &path, &[]).await;
    assert_eq!(location(&response), join);
    let (_, html) = get(&app, &invited, &join).await;
    assert!(html.contains("Je bent uitgenodigd"));
    let fields = [
        ("name", "Noor Bakker"),
        ("level", "public_only"),
        ("brings", "Vragen uit de wijkraad"),
    ];
    let response = post_form(&app, &invited, &join, &join, &fields).await;
    assert_eq!(
        location(&response),
        format!("/ateliers/{ATELIER}?bericht=welkom")
    );
    assert_eq!(
        membership_state(&app, "nieuw@example.org").await.as_deref(),
        Some("active")
    );
    // Inviting a member again says so and sends nothing.
    let response = post_form(
        &app,
        &organiser,
        &members,
        &members,
        &[("email", "nieuw@example.org")],
    )
    .await;
    assert_eq!(location(&response), format!("{members}?bericht=al-lid"));

    // Open joining: the next person is a member at once and gets a welcome.
    let settings = format!("{members}/instellingen");
    let response = post_form(&app, &organiser, &members, &settings, &[("open", "1")]).await;
    assert_eq!(location(&response), format!("{members}?bericht=opgeslagen"));
    let open = app.person("open@example.org").sign_in().await.client;
    let (_, html) = get(&app, &open, &join).await;
    assert!(html.contains("Je bent meteen lid"));
    let fields = [
        ("name", "Ahmed Yilmaz"),
        ("level", "meetings"),
        ("brings", "Een methode voor buurtgesprekken"),
    ];
    let response = post_form(&app, &open, &join, &join, &fields).await;
    assert_eq!(
        location(&response),
        format!("/ateliers/{ATELIER}?bericht=welkom")
    );
    let (_, html) = get(&app, &open, &location(&response)).await;
    assert!(html.contains("Welkom!"));
    let mail = wait_for_mails(&app, 1, |m| {
        m.to.contains("open@example.org") && m.subject.starts_with("Je bent lid")
    })
    .await
    .remove(0);
    assert!(mail.subject.starts_with("Je bent lid van "));
    // Not listed: the others do not see her, the organiser does.
    let (_, html) = get(&app, &invited, &format!("/ateliers/{ATELIER}")).await;
    assert!(!html.contains("Ahmed Yilmaz"));
    // Counted with the demo's members.
    let active = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM atelier_member m JOIN activity x ON x.id = m.activity_id \
             WHERE x.slug = '{ATELIER}' AND m.state = 'active'"
        ),
    )
    .await;
    let (_, html) = get(&app, &organiser, &members).await;
    assert!(html.contains("Ahmed Yilmaz") && html.contains(&format!("Leden ({active})")));
}

/// The route × role table of the community pages: the member area, the membership
/// page and the back office's members pages, for everyone who might knock.
async fn every_atelier_page_answers_each_role_as_it_should(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let a = public_id(&app, ATELIER).await;
    let b = public_id(&app, OTHER).await;
    let cafe: String = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE kind = 'cafe' AND status = 'published' ORDER BY id LIMIT 1"
    )
    .fetch_one(pool)
    .await
    .unwrap()
    });
    let guest = browser();
    let participant = app.person("p@example.org").sign_in().await.client;
    let member_a = app
        .person("la@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    let member_b = app
        .person("lb@example.org")
        .member_of(OTHER)
        .sign_in()
        .await;
    let kartrekker_a = app
        .person("ka@example.org")
        .kartrekker_of(&a)
        .sign_in()
        .await
        .client;
    let host = app
        .person("host@example.org")
        .organiser_of("zuyd-lectoraat-sociale-integratie")
        .sign_in()
        .await
        .client;
    let elsewhere = app
        .person("movisie@example.org")
        .organiser_of("movisie")
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
        ("member of A", &member_a.client),
        ("member of B", &member_b.client),
        ("kartrekker of A", &kartrekker_a),
        ("organiser of the host", &host),
        ("organiser elsewhere", &elsewhere),
        ("admin", &admin),
    ];
    let member_of_a: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT m.public_id FROM atelier_member m JOIN activity x ON x.id = m.activity_id \
         JOIN account a ON a.id = m.account_id WHERE x.slug = $1 AND a.email_key = 'la@example.org'"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    // A meeting of atelier B (the demo gives both ateliers sessions).
    let meeting_b: i64 = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id WHERE a.slug = $1 LIMIT 1"
    )
    .bind(OTHER)
    .fetch_one(pool)
    .await
    .unwrap()
    });
    // A file the demo shared in atelier A (not by member A).
    let (resource, file): (String, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT r.public_id, r.file_name FROM atelier_resource r JOIN activity x \
         ON x.id = r.activity_id WHERE x.slug = $1 AND r.file_name <> '' LIMIT 1"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    let resource_a = format!("/ateliers/{ATELIER}/bronnen/{resource}/{file}");
    let remove_a = format!("/ateliers/{ATELIER}/bronnen/{resource}/verwijderen");
    // A thread of atelier B (the demo starts conversations in both).
    let thread_b: String = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
            "SELECT t.public_id FROM space_thread t JOIN activity a ON a.id = t.activity_id \
             WHERE a.slug = $1 LIMIT 1",
        )
        .bind(OTHER)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    // Its opening post (written by a demo member, not by member B).
    let post_b: i64 = on_pool!(&app.db, |pool| {
        sqlx::query_scalar(
            "SELECT MIN(p.id) FROM space_post p JOIN space_thread t ON t.id = p.thread_id \
             WHERE t.public_id = $1",
        )
        .bind(&thread_b)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    let site_a = format!("/ateliers/{ATELIER}");
    let site_b = format!("/ateliers/{OTHER}");
    let bo_a = format!("/beheer/activiteiten/{a}/leden");
    let bo_b = format!("/beheer/activiteiten/{b}/leden");
    // 303: to sign-in (guests), or from the membership page into the atelier (those
    // who run it). A forged POST is 403 for those allowed.
    let table: Vec<(&str, String, [u16; 8])> = vec![
        (
            "GET",
            site_a.clone(),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "GET",
            site_b.clone(),
            [303, 404, 404, 200, 404, 200, 404, 200],
        ),
        (
            "GET",
            "/ateliers/bestaat-niet".into(),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{site_a}/lidmaatschap"),
            [303, 200, 200, 200, 303, 303, 200, 303],
        ),
        (
            "POST",
            format!("{site_a}/lidmaatschap"),
            [303, 403, 403, 403, 303, 303, 403, 303],
        ),
        (
            "GET",
            format!("{site_a}/opzeggen"),
            [303, 404, 200, 404, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{site_a}/opzeggen"),
            [303, 404, 403, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            bo_a.clone(),
            [303, 403, 403, 403, 200, 200, 404, 200],
        ),
        (
            "POST",
            bo_a.clone(),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "GET",
            bo_b.clone(),
            [303, 403, 403, 403, 404, 200, 404, 200],
        ),
        (
            "POST",
            format!("{bo_a}/instellingen"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("{bo_a}/{member_of_a}"),
            [303, 403, 403, 403, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("{bo_b}/{member_of_a}"),
            [303, 403, 403, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{bo_a}/00000000000000000000000000000000"),
            [303, 403, 403, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{bo_a}/{member_of_a}/besluit"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "POST",
            format!("{bo_a}/{member_of_a}/rol"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{a}/reeks"),
            [303, 403, 403, 403, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{a}/reeks"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{b}/reeks"),
            [303, 403, 403, 403, 404, 200, 404, 200],
        ),
        // Answering a meeting: members only (a forged form is 403); those who run
        // the atelier are not invited as members (403).
        (
            "POST",
            format!("{site_a}/bijeenkomsten/1"),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        // Cases and agendas: those inside only; 404 for everyone else.
        (
            "GET",
            format!("{site_a}/kwesties"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("{site_a}/kwesties/nieuw"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("{site_a}/kwesties/nieuw"),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("{site_a}/kwesties/00000000000000000000000000000000"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{site_a}/kwesties/00000000000000000000000000000000/uitkomst"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{site_a}/bijeenkomsten/{meeting_b}"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{a}/agenda/{meeting_b}"),
            [303, 403, 403, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{b}/agenda/{meeting_b}"),
            [303, 403, 403, 403, 404, 200, 404, 200],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{b}/agenda/{meeting_b}"),
            [303, 403, 403, 403, 404, 403, 404, 403],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{b}/agenda/{meeting_b}/versturen"),
            [303, 403, 403, 403, 404, 403, 404, 403],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{b}/agenda/{meeting_b}/1/verwijderen"),
            [303, 403, 403, 403, 404, 403, 404, 403],
        ),
        (
            "GET",
            format!("{site_a}/halen-en-brengen"),
            [303, 404, 200, 404, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{site_a}/halen-en-brengen"),
            [303, 404, 403, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{a}/halen-en-brengen"),
            [303, 403, 403, 403, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{a}/halen-en-brengen/instellingen"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{b}/agenda/{meeting_b}/aanwezig"),
            [303, 403, 403, 403, 404, 403, 404, 403],
        ),
        (
            "GET",
            format!("{site_a}/onderzoek"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{a}/onderzoek"),
            [303, 403, 403, 403, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{a}/onderzoek"),
            [303, 403, 403, 403, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("/beheer/activiteiten/{a}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 403, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("/beheer/activiteiten/{b}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 403, 403, 404, 403, 404, 403],
        ),
        // Resources: those inside only; a file of atelier A is not in B; a member
        // may not remove another's (403), those who run the atelier may.
        (
            "GET",
            format!("{site_a}/bronnen"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("{site_a}/bronnen"),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        (
            "GET",
            resource_a.clone(),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "GET",
            resource_a.replace(ATELIER, OTHER),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{site_a}/bronnen/00000000000000000000000000000000/bestand.pdf"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            remove_a.clone(),
            [303, 404, 403, 404, 200, 200, 404, 200],
        ),
        (
            "POST",
            remove_a.clone(),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        // All listed members: those inside.
        (
            "GET",
            format!("{site_a}/leden"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        // The online space: those inside; a thread of another atelier, or none, 404.
        (
            "GET",
            format!("{site_a}/gesprekken"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("{site_a}/gesprekken/nieuw"),
            [303, 404, 200, 404, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("{site_a}/gesprekken/nieuw"),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        (
            "POST",
            format!("{site_a}/gesprekken/mail"),
            [303, 404, 403, 404, 403, 403, 404, 403],
        ),
        (
            "GET",
            format!("{site_a}/gesprekken/{thread_b}"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{site_b}/gesprekken/{thread_b}"),
            [303, 404, 404, 200, 404, 200, 404, 200],
        ),
        (
            "POST",
            format!("{site_b}/gesprekken/{thread_b}"),
            [303, 404, 404, 403, 404, 403, 404, 403],
        ),
        (
            "POST",
            format!("{site_b}/gesprekken/{thread_b}/volgen"),
            [303, 404, 404, 403, 404, 403, 404, 403],
        ),
        (
            "POST",
            format!("{site_b}/gesprekken/{thread_b}/berichten/1/nuttig"),
            [303, 404, 404, 403, 404, 403, 404, 403],
        ),
        (
            "POST",
            format!("{site_b}/gesprekken/{thread_b}/berichten/1/weghalen"),
            [303, 404, 404, 403, 404, 403, 404, 403],
        ),
        // Asking to take a post away: only for those who may (its writer, or who
        // runs the atelier); a post of A through B's address is not there.
        (
            "GET",
            format!("{site_b}/gesprekken/{thread_b}/berichten/{post_b}/weghalen"),
            [303, 404, 404, 404, 404, 200, 404, 200],
        ),
        (
            "GET",
            format!("{site_a}/gesprekken/{thread_b}/berichten/{post_b}/weghalen"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        // A member's calendar needs no sign-in: the address is the secret.
        (
            "GET",
            format!("{site_a}/agenda/{member_of_a}/geheim.ics"),
            [404, 404, 404, 404, 404, 404, 404, 404],
        ),
        // A café has no members page.
        (
            "GET",
            format!("/beheer/activiteiten/{cafe}/leden"),
            [303, 403, 403, 403, 404, 404, 404, 404],
        ),
    ];
    let active = "SELECT COUNT(*) FROM atelier_member WHERE state = 'active'";
    let active_before = count(&app, active).await;
    let resources = "SELECT COUNT(*) FROM atelier_resource";
    let resources_before = count(&app, resources).await;
    for (method, path, expected) in &table {
        for ((role, client), want) in roles.iter().zip(expected) {
            let request = match *method {
                "GET" => client.get(app.url(path)),
                _ => client.post(app.url(path)).form(&[("csrf", "vervalst")]),
            };
            let status = request.send().await.unwrap().status().as_u16();
            assert_eq!(status, *want, "{method} {path} as {role}");
        }
    }
    // Nothing changed by the forged POSTs: every member still in.
    assert_eq!(count(&app, active).await, active_before);
    assert_eq!(count(&app, resources).await, resources_before);
}
