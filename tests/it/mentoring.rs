//! Meester-gezel mentoring on SQLite and PostgreSQL, through the pages as people use
//! them: a junior and a senior make profiles in the demo programme; the senior finds
//! the junior among the suggestions with the reason in words and asks for reverse
//! mentoring; the junior sees the request without the senior's address, accepts,
//! and only then do both see each other's address; they log a meeting, and both
//! learning records show the hours as *reflectie (mentorschap)*; the coordinator
//! sees the totals but not the log until both share it; both evaluate and the pair
//! ends. Bad input: asking someone at their limit or resting, accepting an expired
//! request, negative hours, a date in the future, a 10 kB text — a Dutch message at
//! the field or above the form, the input kept, 4xx, nothing stored. Who reaches
//! what, proposals and new programmes: [`super::mentoring_roles`].

use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::web::{count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

both_databases!(
    a_junior_and_a_senior_pair_up_in_reverse_and_both_records_show_the_hours,
    bad_input_is_refused_with_the_form_kept_and_nothing_stored,
);

pub(crate) const COORDINATOR: &str = "maud.hermans@example.org";

pub(crate) async fn scalar_text(app: &TestApp, sql: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        sqlx::AssertSqlSafe(sql.to_owned())
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

pub(crate) async fn programme(app: &TestApp) -> String {
    scalar_text(
        app,
        "SELECT public_id FROM mentoring_programme ORDER BY id LIMIT 1",
    )
    .await
}

pub(crate) async fn theme_id(app: &TestApp, slug: &str) -> String {
    count(app, &format!("SELECT id FROM theme WHERE slug = '{slug}'"))
        .await
        .to_string()
}

pub(crate) async fn profile_id(app: &TestApp, email: &str) -> i64 {
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

    // Deleting Joost's account takes his profile, requests and pair (with its two
    // meetings) along, by the registry; Naima keeps her own learning record entries.
    let joost_id = count(
        &app,
        "SELECT id FROM account WHERE email_key = 'joost.weling@example.org'",
    )
    .await;
    let naima_entries = "SELECT COUNT(*) FROM record_entry WHERE kind = 'mentoring' \
         AND account_id = (SELECT id FROM account WHERE email_key = 'naima.bouzid@example.org')";
    let kept = count(&app, naima_entries).await;
    assert_eq!(kept, 2, "the demo pair's two meetings");
    let meetings_before = count(&app, meetings).await;
    assert!(app.db.delete_account(joost_id).await.unwrap());
    for table in [
        "mentoring_profile WHERE account_id = $1",
        "mentoring_request WHERE asker_account_id = $1 OR asked_account_id = $1",
        "mentoring_pair WHERE mentor_account_id = $1 OR mentee_account_id = $1",
    ] {
        let left: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
            format!("SELECT COUNT(*) FROM {table}")
        ))
        .bind(joost_id)
        .fetch_one(pool)
        .await
        .unwrap());
        assert_eq!(left, 0, "{table}");
    }
    assert_eq!(count(&app, meetings).await, meetings_before - 2);
    assert_eq!(count(&app, naima_entries).await, kept);
}
