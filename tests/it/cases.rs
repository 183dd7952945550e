//! Cases and agendas over HTTP, on SQLite and PostgreSQL: a member brings a case,
//! the kartrekker puts it on a meeting's agenda with an expert and sends the agenda
//! (by email), a second kartrekker on an old version is told and loses nothing, the
//! outcome is recorded after the meeting, a case not finished moves on with its
//! history; attendance and contributions make each member's give and take.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::mail::wait_for_mails;
use crate::common::web::{count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";

both_databases!(
    a_case_goes_from_brought_to_discussed_through_two_meetings,
    practice_research_is_kept_by_the_kartrekker_and_shown_as_marked,
);

async fn set_series(app: &TestApp, client: &reqwest::Client, atelier: &str) {
    let date = samenleren::time::today() + Duration::days(14);
    let week = match (date.day() - 1) / 7 + 1 {
        5 => -1,
        n => n as i32,
    };
    let page = format!("/beheer/activiteiten/{atelier}/reeks");
    let (week, weekday, first) = (
        week.to_string(),
        date.weekday().number_from_monday().to_string(),
        date.to_string(),
    );
    let response = post_form(
        app,
        client,
        &page,
        &page,
        &[
            ("interval_months", "2"),
            ("week", &week),
            ("weekday", &weekday),
            ("start_time", "19:00"),
            ("end_time", "21:00"),
            ("first_date", &first),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

async fn case_state(app: &TestApp) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT state FROM atelier_case WHERE title LIKE 'Bewoners <script>%'"
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn a_case_goes_from_brought_to_discussed_through_two_meetings(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    let joost = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let chantal = app
        .person("chantal@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let member = app
        .person("lid@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE account SET name = 'Priya Ramdin' WHERE email_key = 'lid@example.org'"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    set_series(&app, &joost, &atelier).await;
    let meetings: Vec<i64> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id \
         WHERE a.slug = $1 AND s.series_date IS NOT NULL ORDER BY s.starts_at"
    )
    .bind(ATELIER)
    .fetch_all(pool)
    .await
    .unwrap());
    let (first, second) = (meetings[0], meetings[1]);

    // Bringing a case: every field answered at its place, nothing stored; then a
    // good one, for the first meeting.
    let home = format!("/ateliers/{ATELIER}");
    let new = format!("{home}/kwesties/nieuw");
    let (status, html) = get(&app, &member, &new).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Wat speelt er?"));
    let response = post_form(&app, &member, &new, &new, &[("meeting", "999999")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for field in ["title", "situation", "question", "meeting"] {
        assert!(html.contains(&format!(r##"href="#{field}""##)), "{field}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM atelier_case WHERE account_id = (SELECT id FROM account WHERE email_key = 'lid@example.org')").await, 0);
    let first_text = first.to_string();
    let response = post_form(
        &app,
        &member,
        &new,
        &new,
        &[
            ("title", "Bewoners <script> haken af"),
            (
                "situation",
                "In de wijk komen steeds minder bewoners naar de avonden.",
            ),
            ("question", "Hoe houd je mensen betrokken?"),
            ("meeting", &first_text),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let case_page = location(&response);
    let (_, html) = get(&app, &member, &case_page).await;
    assert!(
        html.contains("Bewoners &#60;script&#62; haken af"),
        "escaped"
    );
    assert!(html.contains("Ingebracht door</dt>") && html.contains(">Priya Ramdin</dd>"));
    assert_eq!(case_state(&app).await, "submitted");

    // The kartrekker puts it on the first meeting's agenda with the member as expert.
    let agenda = format!("/beheer/activiteiten/{atelier}/agenda/{first}");
    let (status, html) = get(&app, &joost, &agenda).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Bewoners &#60;script&#62; haken af"),
        "waiting case offered"
    );
    let case_id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM atelier_case WHERE title LIKE 'Bewoners <script>%'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let expert: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'lid@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let (case_text, expert_text) = (case_id.to_string(), expert.to_string());
    // A time outside the meeting is refused at its field.
    let response = post_form(
        &app,
        &joost,
        &agenda,
        &agenda,
        &[
            ("kind", "case"),
            ("case", &case_text),
            ("start", "22:00"),
            ("duration", "30"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("buiten de tijd"));
    // Chantal opens the agenda now (version 0); Joost adds the case first.
    let (_, stale_page) = get(&app, &chantal, &agenda).await;
    assert!(stale_page.contains(r#"name="version" value="0""#));
    let item = [
        ("kind", "case"),
        ("case", case_text.as_str()),
        ("start", "19:15"),
        ("duration", "45"),
        ("expert", expert_text.as_str()),
        ("version", "0"),
    ];
    let response = post_form(&app, &joost, &agenda, &agenda, &item).await;
    assert_eq!(location(&response), format!("{agenda}?bericht=toegevoegd"));
    assert_eq!(case_state(&app).await, "scheduled");
    // Chantal's item, made on version 0, is refused with her input kept.
    let response = post_form(
        &app,
        &chantal,
        &agenda,
        &agenda,
        &[
            ("kind", "other"),
            ("title", "Pauze met soep"),
            ("start", "20:00"),
            ("duration", "15"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("Iemand anders heeft de agenda net veranderd"));
    assert!(html.contains(r#"value="Pauze met soep""#), "input kept");
    assert!(
        html.contains(r#"name="version" value="1""#),
        "the new version"
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM agenda_item WHERE session_id = {first}")
        )
        .await,
        1
    );

    // Before it is sent, members do not see the agenda; then it is sent by email.
    let meeting_page = format!("{home}/bijeenkomsten/{first}");
    let (_, html) = get(&app, &member, &meeting_page).await;
    assert!(html.contains("maakt de agenda nog"));
    let response = post_form(
        &app,
        &joost,
        &agenda,
        &format!("{agenda}/versturen"),
        &[("version", "1")],
    )
    .await;
    assert_eq!(location(&response), format!("{agenda}?bericht=verstuurd"));
    let mail = wait_for_mails(&app, 1, |m| {
        m.subject.starts_with("Agenda:") && m.to.contains("lid@example.org")
    })
    .await
    .remove(0);
    assert!(
        mail.text
            .contains("19.15–20.00 uur Bewoners <script> haken af — Priya Ramdin")
    );
    assert!(mail.calendar().is_some(), "with the meeting's .ics");
    let (_, html) = get(&app, &member, &meeting_page).await;
    assert!(html.contains("Priya Ramdin") && html.contains(&case_page));

    // The outcome: not before the meeting has begun.
    let (_, html) = get(&app, &member, &case_page).await;
    assert!(!html.contains("Uitkomst vastleggen"));
    let outcome = format!("{case_page}/uitkomst");
    // (No form on the page yet to take the CSRF token from: the membership page has it.)
    let form_page = format!("{home}/lidmaatschap");
    let response = post_form(
        &app,
        &member,
        &form_page,
        &outcome,
        &[("finished", "carry_over")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("nog niet begonnen"));
    // After the meeting, the member who brought it says it is not finished.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE session SET starts_at = $2, ends_at = $3 WHERE id = $1"
    )
    .bind(first)
    .bind(samenleren::time::now() - Duration::hours(3))
    .bind(samenleren::time::now() - Duration::hours(1))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (_, html) = get(&app, &member, &case_page).await;
    assert!(html.contains("Uitkomst vastleggen"));
    let response = post_form(&app, &member, &case_page, &outcome, &[("public", "1")]).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "choose first"
    );
    let response = post_form(
        &app,
        &member,
        &case_page,
        &outcome,
        &[
            ("finished", "carry_over"),
            ("learned", "We kwamen maar half toe aan de vraag."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(case_state(&app).await, "carried_over");

    // It goes on the second meeting, and there it is finished, publicly.
    let agenda2 = format!("/beheer/activiteiten/{atelier}/agenda/{second}");
    let item = [
        ("kind", "case"),
        ("case", case_text.as_str()),
        ("start", "19:00"),
        ("end", "20:00"),
        ("speaker_name", "Joost Weling"),
        ("speaker_affiliation", "Zuyd Hogeschool"),
        ("version", "0"),
    ];
    let response = post_form(&app, &joost, &agenda2, &agenda2, &item).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &joost, &agenda2).await;
    assert!(
        html.contains("Joost Weling (Zuyd Hogeschool)"),
        "the speaker with their organisation"
    );
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE session SET starts_at = $2, ends_at = $3 WHERE id = $1"
    )
    .bind(second)
    .bind(samenleren::time::now() - Duration::minutes(30))
    .bind(samenleren::time::now() + Duration::minutes(90))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let response = post_form(
        &app,
        &joost,
        &case_page,
        &outcome,
        &[
            ("finished", "finished"),
            ("learned", "Kleine, vaste rollen houden bewoners betrokken."),
            ("next_steps", "Uitproberen in twee wijken."),
            ("links", "Verslag | https://example.org/verslag"),
            ("public", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(case_state(&app).await, "discussed");
    let (_, html) = get(&app, &member, &case_page).await;
    assert!(
        html.contains("half toe") && html.contains("vaste rollen"),
        "history kept"
    );
    assert!(html.contains(r#"href="https://example.org/verslag""#));
    // Finished: no more outcomes.
    assert!(!html.contains("Uitkomst vastleggen"));
    // The public outcome shows on the atelier's public page; the other does not.
    let (_, public) = get(&app, &app.client, &format!("/activiteiten/{ATELIER}")).await;
    assert!(public.contains("Wat het atelier leerde") && public.contains("vaste rollen"));
    assert!(!public.contains("half toe"));
    // And in the API.
    let outcomes: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/ateliers/{ATELIER}/outcomes")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // (The newest first; the demo has its own.)
    assert_eq!(
        outcomes["items"][0]["case_title"],
        "Bewoners <script> haken af"
    );

    // Give and take: the kartrekker ticks who was at the first meeting; the member
    // sees the case brought, the expert contribution and the meeting attended.
    let taker = app
        .person("haalt@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let taker_id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'haalt@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let present = [
        ("present", expert_text.clone()),
        ("present", taker_id.to_string()),
    ];
    let present: Vec<(&str, &str)> = present.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(
        &app,
        &joost,
        &agenda,
        &format!("{agenda}/aanwezig"),
        &present,
    )
    .await;
    assert_eq!(location(&response), format!("{agenda}?bericht=aanwezig"));
    // Ticking again counts once.
    post_form(
        &app,
        &joost,
        &agenda,
        &format!("{agenda}/aanwezig"),
        &present,
    )
    .await;
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM ledger_entry WHERE kind = 'attended' AND source = 'session:{first}'"
            )
        )
        .await,
        2
    );
    let ledger = format!("{home}/halen-en-brengen");
    let (status, html) = get(&app, &member, &ledger).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("kwestie ingebracht"), "{html}");
    assert!(html.contains("bijdrage als expert") && html.contains("bijeenkomst bijgewoond"));
    assert!(html.contains("Je was bij 1 bijeenkomst (2 uur) en bracht 2 keer iets in"));
    assert!(!html.contains("haalt@example.org"), "only their own lines");
    // Recording a contribution: a case by hand and a date ahead are refused.
    let tomorrow = (samenleren::time::today() + Duration::days(1)).to_string();
    let response = post_form(
        &app,
        &member,
        &ledger,
        &ledger,
        &[("kind", "case"), ("date", &tomorrow)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post_form(
        &app,
        &member,
        &ledger,
        &ledger,
        &[("kind", "resource"), ("date", &tomorrow)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("in de toekomst"));
    let today = samenleren::time::today().to_string();
    let response = post_form(
        &app,
        &member,
        &ledger,
        &ledger,
        &[
            ("kind", "resource"),
            ("date", &today),
            ("note", "Methode buurtgesprekken gedeeld"),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("{ledger}?bericht=opgeslagen"));

    // The kartrekker's overview: everyone's totals, and with 1 per 1 the member who
    // only came gets the signal; the expected time shows on the member's page.
    let overview = format!("/beheer/activiteiten/{atelier}/halen-en-brengen");
    let settings = format!("{overview}/instellingen");
    let response = post_form(
        &app,
        &joost,
        &overview,
        &settings,
        &[("signal_contributions", "x"), ("signal_meetings", "0")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post_form(
        &app,
        &joost,
        &overview,
        &settings,
        &[
            ("expected_hours", "2"),
            ("signal_contributions", "1"),
            ("signal_meetings", "1"),
        ],
    )
    .await;
    assert_eq!(
        location(&response),
        format!("{overview}?bericht=opgeslagen")
    );
    let (_, html) = get(&app, &joost, &overview).await;
    let row_of = |who: &str| {
        html.split("<tr")
            .find(|row| row.contains(who))
            .unwrap_or_else(|| panic!("a row for {who}"))
            .to_owned()
    };
    assert!(
        row_of("haalt@example.org").contains("haalt vooral"),
        "only came"
    );
    assert!(
        !row_of("Priya Ramdin").contains("haalt vooral"),
        "brought too"
    );
    let (_, html) = get(&app, &member, &ledger).await;
    assert!(html.contains("2 uur"), "expected per month");
    // Members do not reach the overview; the taker's own page is theirs alone.
    assert_eq!(get(&app, &member, &overview).await.0, StatusCode::FORBIDDEN);
    let (_, html) = get(&app, &taker, &ledger).await;
    assert!(html.contains("Je was bij 1 bijeenkomst ") && !html.contains("buurtgesprekken"));

    // The member's data download holds their case, attendance and ledger lines.
    let (_, json) = get(&app, &member, "/account/gegevens.json").await;
    for table in ["atelier_case", "meeting_attendance", "ledger_entry"] {
        assert!(json.contains(table), "{table} in the download");
    }
    assert!(json.contains("Methode buurtgesprekken gedeeld"));

    // Outside the atelier: 404 for its cases.
    let outsider = app.person("buiten@example.org").sign_in().await.client;
    for path in [
        format!("{home}/kwesties"),
        case_page.clone(),
        new.clone(),
        ledger.clone(),
    ] {
        assert_eq!(
            get(&app, &outsider, &path).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

async fn practice_research_is_kept_by_the_kartrekker_and_shown_as_marked(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    let joost = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let member = app
        .person("lid@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let page = format!("/beheer/activiteiten/{atelier}/onderzoek");
    let (status, html) = get(&app, &joost, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Onderzoeksvraag"));

    // Bad input: each field at its place, the input kept, nothing stored.
    let response = post_form(
        &app,
        &joost,
        &page,
        &page,
        &[
            ("status", "bezig"),
            ("researchers", "Iemand zonder rol"),
            ("outputs", "geen link"),
            ("themes", "999999"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for field in [
        "title",
        "question",
        "status",
        "researchers",
        "outputs",
        "themes",
    ] {
        assert!(html.contains(&format!(r##"href="#{field}""##)), "{field}");
    }
    assert!(html.contains("Iemand zonder rol"), "kept");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM research_project WHERE title = 'Vaste rollen in buurtavonden'"
        )
        .await,
        0
    );

    // A project for members only, then made public.
    let fields = [
        ("title", "Vaste rollen in buurtavonden"),
        ("question", "Welke rollen houden bewoners betrokken?"),
        ("status", "running"),
        (
            "researchers",
            "Lisa de Boer | student\nJoost Weling | docent-onderzoeker",
        ),
        (
            "outputs",
            "Tussenrapport | https://example.org/tussenrapport",
        ),
    ];
    let response = post_form(&app, &joost, &page, &page, &fields).await;
    assert_eq!(location(&response), format!("{page}?bericht=toegevoegd"));
    let (_, html) = get(&app, &member, &format!("/ateliers/{ATELIER}/onderzoek")).await;
    assert!(html.contains("Vaste rollen in buurtavonden"));
    assert!(html.contains("Lisa de Boer (student)"));
    assert!(html.contains("Joost Weling (docent-onderzoeker)"));
    let public_page = format!("/activiteiten/{ATELIER}");
    let (_, public) = get(&app, &app.client, &public_page).await;
    assert!(
        !public.contains("Vaste rollen in buurtavonden"),
        "not public yet"
    );
    let project: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM research_project WHERE title = 'Vaste rollen in buurtavonden'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let edit = format!("{page}/{project}");
    let (_, html) = get(&app, &joost, &edit).await;
    assert!(
        html.contains("Lisa de Boer | student"),
        "the form filled in"
    );
    let mut public_fields = fields.to_vec();
    public_fields.push(("status", "finished"));
    public_fields.retain(|(k, v)| *k != "status" || *v == "finished");
    public_fields.push(("public", "1"));
    let response = post_form(&app, &joost, &edit, &edit, &public_fields).await;
    assert_eq!(location(&response), format!("{page}?bericht=opgeslagen"));
    let (_, public) = get(&app, &app.client, &public_page).await;
    assert!(
        public.contains("Praktijkonderzoek") && public.contains("Vaste rollen in buurtavonden")
    );
    assert!(public.contains("afgerond") && public.contains("https://example.org/tussenrapport"));
    // Members of no atelier do not reach the list; a project of nothing is 404.
    let outsider = app.person("buiten@example.org").sign_in().await.client;
    let path = format!("/ateliers/{ATELIER}/onderzoek");
    assert_eq!(get(&app, &outsider, &path).await.0, StatusCode::NOT_FOUND);
    let missing = format!("{page}/00000000000000000000000000000000");
    assert_eq!(get(&app, &joost, &missing).await.0, StatusCode::NOT_FOUND);
}
