//! The theme inventory, as its users go through it on both databases: an organiser
//! opens a round, people propose and vote (by emailed link without an account, or at
//! once when signed in), change their votes, the organiser merges (counted once),
//! rewords, declines with a reason the proposer sees, closes, reads the results with
//! the threshold, exports them, records the decision and makes a café that links
//! back; publishing it emails the voters who asked, once. Also every refusal of the
//! bad-input list, the route × role table for the survey owner, and a vote rush.

use reqwest::StatusCode;
use samenleren::db::survey::{CastOutcome, Vote};
use samenleren::domain::survey::{Answers, Role};
use samenleren::on_pool;

use crate::common::editor::{organiser, session_form};
use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{browser, count, get, location, post_form, secret};
use crate::common::{Backend, TestApp, spawn_app};

const NEW_ROUND: &str = "/beheer/organisaties/movisie/inventarisaties/nieuw";

fn day(offset: i64) -> String {
    (samenleren::time::today() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// A round of Movisie made and opened by `client` (an organiser of Movisie), with
/// two votes per person; its public id.
async fn open_round(app: &TestApp, client: &reqwest::Client) -> String {
    let (opens, closes) = (day(-1), day(14));
    let form = [
        ("title", "Inventarisatie leerwensen"),
        ("why", "Horen waar opbouwwerkers meer over willen leren."),
        ("audience", "Opbouwwerkers"),
        ("opens_on", opens.as_str()),
        ("closes_on", closes.as_str()),
        ("votes_per_person", "2"),
    ];
    let response = post_form(app, client, NEW_ROUND, NEW_ROUND, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "round made");
    let id = location(&response)
        .trim_start_matches("/beheer/inventarisaties/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    // A draft is not public yet.
    assert_eq!(
        get(app, &browser(), &format!("/inventarisatie/{id}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let page = format!("/beheer/inventarisaties/{id}");
    let response = post_form(
        app,
        client,
        &page,
        &format!("{page}/status"),
        &[("action", "open")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "opened");
    id
}

async fn proposal_id(app: &TestApp, round: &str, title: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT p.id FROM survey_proposal p JOIN survey_round r ON r.id = p.round_id \
         WHERE r.public_id = $1 AND p.title = $2"
    )
    .bind(round)
    .bind(title)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// How many rows of `table` (with a `round_id`) belong to the round.
async fn in_round(app: &TestApp, round: &str, table: &str, filter: &str) -> i64 {
    count(
        app,
        &format!(
            "SELECT COUNT(*) FROM {table} WHERE round_id = \
             (SELECT id FROM survey_round WHERE public_id = '{round}'){filter}"
        ),
    )
    .await
}

/// The proposals `email` has votes on, in id order.
async fn votes_of(app: &TestApp, email: &str) -> Vec<i64> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT v.proposal_id FROM survey_vote v JOIN survey_voter w ON w.id = v.voter_id \
         WHERE w.email_key = $1 ORDER BY v.proposal_id"
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn propose(
    app: &TestApp,
    client: &reqwest::Client,
    round: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/inventarisatie/{round}");
    post_form(app, client, &page, &format!("{page}/voorstellen"), fields).await
}

async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    round: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/inventarisatie/{round}");
    post_form(app, client, &page, &format!("{page}/stemmen"), fields).await
}

async fn moderate(
    app: &TestApp,
    client: &reqwest::Client,
    round: &str,
    proposal: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/beheer/inventarisaties/{round}");
    let fields: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (format!("{k}-{proposal}"), (*v).to_owned()))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    post_form(
        app,
        client,
        &page,
        &format!("{page}/voorstellen/{proposal}/{action}"),
        &fields,
    )
    .await
}

async fn the_whole_inventory_from_round_to_cafe(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let org = organiser(&app).await;
    let round = open_round(&app, &org).await;
    let guest = browser();
    for (title, want) in [
        (
            "De meester-gezel relatie",
            "Wat senioren van junioren leren",
        ),
        ("Meester en gezel", "Leren van elkaar tussen jong en oud"),
        ("Excel voor gevorderden", "Draaitabellen"),
    ] {
        let response = propose(
            &app,
            &guest,
            &round,
            &[
                ("title", title),
                ("want", want),
                ("why_now", "Veel nieuwe collega's"),
                ("author_email", "indiener@example.org"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
    }
    let p1 = proposal_id(&app, &round, "De meester-gezel relatie").await;
    let p2 = proposal_id(&app, &round, "Meester en gezel").await;
    let p3 = proposal_id(&app, &round, "Excel voor gevorderden").await;

    // Anne votes without an account: nothing counts until she follows the link.
    let anne = browser();
    let (a, b) = (p1.to_string(), p2.to_string());
    let response = vote(
        &app,
        &anne,
        &round,
        &[
            ("email", "anne@example.org"),
            ("proposals", &a),
            ("proposals", &b),
            ("role", "opbouwwerker"),
            ("region", "utrecht"),
            ("years", "22"),
            ("notify", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("bericht=mail"));
    assert!(votes_of(&app, "anne@example.org").await.is_empty());
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("anne@example.org"))
        .await
        .remove(0);
    assert!(
        mail.subject.contains("Bevestig je stem"),
        "{}",
        mail.subject
    );
    let token = mail
        .token_after("/inventarisatie/bevestigen/")
        .expect("the link in the mail");
    let link = format!("/inventarisatie/bevestigen/{token}");
    let (status, page) = get(&app, &anne, &link).await;
    assert_eq!(status, StatusCode::OK, "a button, not yet counted");
    assert!(page.contains("Mijn stem bevestigen"));
    assert!(votes_of(&app, "anne@example.org").await.is_empty());
    let response = post_form(&app, &anne, &link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("bericht=bevestigd"));
    assert_eq!(votes_of(&app, "anne@example.org").await, [p1, p2]);
    // The answers are kept as they were at that moment.
    let (role, band): (String, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT role, band FROM survey_voter WHERE email_key = 'anne@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!((role.as_str(), band.as_str()), ("opbouwwerker", "20+"));
    // The same link again: a clear message, nothing counted twice.
    let response = post_form(&app, &anne, &link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("al gebruikt"));
    assert_eq!(votes_of(&app, "anne@example.org").await, [p1, p2]);

    // Bert is signed in: his own address counts at once, no mail.
    let bert = app.person("bert@example.org").sign_in().await.client;
    let c = p3.to_string();
    let response = vote(&app, &bert, &round, &[("proposals", &c)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("bericht=gestemd"));
    assert_eq!(votes_of(&app, "bert@example.org").await, [p3]);
    // He changes his votes: the new ones replace the old.
    let response = vote(&app, &bert, &round, &[("proposals", &a), ("proposals", &b)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(votes_of(&app, "bert@example.org").await, [p1, p2]);
    assert!(
        !read_mails(&app)
            .iter()
            .any(|m| m.to.contains("bert@") && m.subject.contains("Bevestig")),
        "no mail to a signed-in voter"
    );
    let (_, page) = get(&app, &bert, &format!("/inventarisatie/{round}")).await;
    assert!(page.contains("Je hebt nu gestemd op"));

    // Merging p2 into p1: both voted for both, each counts once for p1.
    let response = moderate(&app, &org, &round, p2, "merge", &[("target", &a)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(votes_of(&app, "anne@example.org").await, [p1]);
    assert_eq!(votes_of(&app, "bert@example.org").await, [p1]);
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM survey_vote WHERE proposal_id = {p1}")
        )
        .await,
        2
    );

    // Declining needs a reason, which the proposer then reads on the page.
    let response = moderate(&app, &org, &round, p3, "decline", &[("reason", "")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("De indiener ziet deze reden")
    );
    let response = moderate(
        &app,
        &org,
        &round,
        p3,
        "decline",
        &[("reason", "Dit past beter bij een andere cursus.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Rewording keeps the proposer's words.
    let response = moderate(
        &app,
        &org,
        &round,
        p1,
        "reword",
        &[
            ("title", "De meester-gezel relatie, in twee richtingen"),
            ("want", "Wat senioren van junioren leren, en andersom"),
            ("why_now", "Veel nieuwe collega's"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &guest, &format!("/inventarisatie/{round}")).await;
    assert!(page.contains("Niet meegenomen. Reden: Dit past beter bij een andere cursus."));
    assert!(page.contains("De meester-gezel relatie, in twee richtingen"));
    assert!(page.contains("De oorspronkelijke tekst"));
    assert!(page.contains("Wat senioren van junioren leren —"));
    assert!(page.contains("Samengevoegd met"));

    // Results live for the organiser: a chart, a table, the threshold said.
    let bo = format!("/beheer/inventarisaties/{round}");
    let (status, page) = get(&app, &org, &bo).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg"), "a chart drawn on the server");
    assert!(page.contains("role=\"img\""));
    assert!(page.contains("minstens 5 mensen"));
    // One opbouwwerker voted: too few to show that group.
    assert!(page.contains("minder dan 5"));
    // Not public before closing.
    let (_, public) = get(&app, &guest, &format!("/inventarisatie/{round}")).await;
    assert!(!public.contains("<svg"));

    // Close, results public.
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/status"),
        &[("action", "close"), ("results_public", "1")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, public) = get(&app, &guest, &format!("/inventarisatie/{round}")).await;
    assert!(public.contains("<svg"));
    assert!(public.contains("Stemmen per thema"));
    assert!(public.contains("<table"));

    // Exports hold the same figures.
    let response = org
        .get(app.url(&format!("{bo}/uitslag.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.unwrap();
    assert!(
        csv.contains("De meester-gezel relatie, in twee richtingen;2;"),
        "{csv}"
    );
    assert!(csv.contains("minder dan 5"));
    let response = org
        .get(app.url(&format!("{bo}/uitslag.xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));
    if let Some(sheet) = crate::exports::read_xlsx(&bytes) {
        let rows = sheet["rows"].as_array().unwrap();
        assert_eq!(rows[0][0]["v"], "Thema");
        assert_eq!(
            rows[1][0]["v"],
            "De meester-gezel relatie, in twee richtingen"
        );
        assert_eq!(rows[1][1]["t"], "n");
        assert_eq!(rows[1][1]["v"], 2);
    }

    // The decision and the chosen theme, then a café made from it.
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/besluit"),
        &[("decision", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/besluit"),
        &[
            ("decision", "Besproken met 20 opbouwwerkers op 15 maart."),
            ("chosen", &a),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/voorstellen/{p1}/activity"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cafe = location(&response);
    assert!(cafe.starts_with("/beheer/activiteiten/"), "{cafe}");
    let base = cafe.split('?').next().unwrap().to_owned();
    let sessions = format!("{base}/bijeenkomsten/nieuw");
    let response = post_form(
        &app,
        &org,
        &sessions,
        &sessions,
        &session_form("13:30", "14:00"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "session saved");
    let response = post_form(
        &app,
        &org,
        &base,
        &format!("{base}/status"),
        &[("action", "publish")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "published");
    // Asking to publish again changes nothing and mails nobody again.
    let _ = post_form(
        &app,
        &org,
        &base,
        &format!("{base}/status"),
        &[("action", "publish")],
    )
    .await;
    let slug: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT a.slug FROM activity a JOIN survey_activity s ON s.activity_id = a.id \
         WHERE s.proposal_id = $1"
    )
    .bind(p1)
    .fetch_one(pool)
    .await
    .unwrap());
    let (status, page) = get(&app, &guest, &format!("/activiteiten/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Gekozen in de inventarisatie van Inventarisatie leerwensen"));
    assert!(page.contains(&format!("/inventarisatie/{round}#uitslag")));
    // Anne asked for one email; Bert did not.
    let mails = wait_for_mails(&app, 1, |m| m.subject.contains("thema waarop je stemde")).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.contains("anne@example.org"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_chosen'"
        )
        .await,
        1,
        "once"
    );
    let (_, public) = get(&app, &guest, &format!("/inventarisatie/{round}")).await;
    assert!(public.contains("Besproken met 20 opbouwwerkers"));
    assert!(public.contains(&format!("/activiteiten/{slug}")));
}

async fn bad_input_is_refused_in_dutch_with_nothing_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let org = organiser(&app).await;
    let round = open_round(&app, &org).await;
    let guest = browser();
    // An empty proposal and one of 10 kB.
    let response = propose(
        &app,
        &guest,
        &round,
        &[("title", ""), ("want", ""), ("why_now", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Geef je thema een titel."));
    assert!(page.contains("Schrijf wat je wilt leren."));
    let big = "x".repeat(10 * 1024);
    let response = propose(
        &app,
        &guest,
        &round,
        &[
            ("title", "Een groot thema"),
            ("want", &big),
            ("why_now", "Nu"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Dit is te lang"));
    assert!(
        page.contains("value=\"Een groot thema\""),
        "the form is kept"
    );
    assert_eq!(in_round(&app, &round, "survey_proposal", "").await, 0);

    for title in ["Een", "Twee", "Drie"] {
        let response = propose(
            &app,
            &guest,
            &round,
            &[("title", title), ("want", "Iets"), ("why_now", "Nu")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let (one, two, three) = (
        proposal_id(&app, &round, "Een").await.to_string(),
        proposal_id(&app, &round, "Twee").await.to_string(),
        proposal_id(&app, &round, "Drie").await.to_string(),
    );
    let voter = app.person("voter@example.org").sign_in().await.client;
    // More votes than allowed (two).
    let response = vote(
        &app,
        &voter,
        &round,
        &[
            ("proposals", &one),
            ("proposals", &two),
            ("proposals", &three),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Je hebt te veel thema&#x27;s gekozen") || page.contains("te veel thema")
    );
    assert!(page.contains("checked"), "the ticks are kept");
    // No address at all, for a guest.
    let response = vote(&app, &guest, &round, &[("proposals", &one)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Vul je e-mailadres in.")
    );
    assert_eq!(in_round(&app, &round, "survey_vote", "").await, 0);
    assert_eq!(in_round(&app, &round, "survey_ballot", "").await, 0);

    // A guest's ballot waits for its link while "Twee" is merged and "Drie"
    // declined; votes on them are refused by name.
    let response = vote(
        &app,
        &guest,
        &round,
        &[("email", "later@example.org"), ("proposals", &two)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let two_id: i64 = two.parse().unwrap();
    let three_id: i64 = three.parse().unwrap();
    let response = moderate(&app, &org, &round, two_id, "merge", &[("target", &one)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = moderate(
        &app,
        &org,
        &round,
        three_id,
        "decline",
        &[("reason", "Dubbel")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = vote(&app, &voter, &round, &[("proposals", &two)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("samengevoegd"));
    let response = vote(&app, &voter, &round, &[("proposals", &three)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("niet meegenomen"));
    assert_eq!(in_round(&app, &round, "survey_vote", "").await, 0);
    // Merging a merged one, or into itself, is refused.
    let response = moderate(&app, &org, &round, two_id, "merge", &[("target", &one)]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    // The waiting ballot, confirmed after the merge, counts for the merged theme.
    let public_id: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM survey_ballot WHERE email_key = 'later@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let link = format!(
        "/inventarisatie/bevestigen/{}",
        secret(&app).survey_token(&public_id)
    );
    let later = browser();
    let response = post_form(&app, &later, &link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        votes_of(&app, "later@example.org").await,
        [one.parse::<i64>().unwrap()]
    );
    // A link we never sent.
    let unknown = format!("/inventarisatie/bevestigen/{}", "A".repeat(43));
    let response = post_form(&app, &later, &unknown, &unknown, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Deze link kennen we niet")
    );

    // Closed: no more votes or proposals, nothing stored, never a 5xx. (A closed
    // round's page has no forms: the tokens are the ones from before closing.)
    let page = format!("/inventarisatie/{round}");
    let voter_csrf = crate::common::web::csrf_of(&get(&app, &voter, &page).await.1);
    let guest_csrf = crate::common::web::csrf_of(&get(&app, &guest, &page).await.1);
    let bo = format!("/beheer/inventarisaties/{round}");
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/status"),
        &[("action", "close")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let before = in_round(&app, &round, "survey_vote", "").await;
    let response = voter
        .post(app.url(&format!("{page}/stemmen")))
        .form(&[("proposals", one.as_str()), ("csrf", voter_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let text = response.text().await.unwrap();
    assert!(text.contains("Deze inventarisatie is gesloten"));
    let response = guest
        .post(app.url(&format!("{page}/voorstellen")))
        .form(&[
            ("title", "Laat"),
            ("want", "x"),
            ("why_now", "y"),
            ("csrf", guest_csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(in_round(&app, &round, "survey_vote", "").await, before);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM survey_proposal WHERE title = 'Laat'"
        )
        .await,
        0
    );
    // Closed but not public: no results for the guest.
    let (_, page) = get(&app, &guest, &format!("/inventarisatie/{round}")).await;
    assert!(!page.contains("<svg"));
    assert!(page.contains("De uitslag komt hier"));
    // A round form with the last day before the first.
    let response = post_form(
        &app,
        &org,
        NEW_ROUND,
        NEW_ROUND,
        &[
            ("title", "Fout"),
            ("why", "x"),
            ("audience", "y"),
            ("opens_on", "2027-03-01"),
            ("closes_on", "2027-02-01"),
            ("votes_per_person", "3"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("De einddatum moet na de begindatum liggen.")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM survey_round WHERE title = 'Fout'"
        )
        .await,
        0
    );
}

/// The route × role table of the inventory's back office: only the survey owner
/// (organisers of the organisation that holds the round) and admins get in; anyone
/// else gets 404 whether the round exists or not (a participant 403 at `/beheer`).
async fn only_the_survey_owner_reaches_a_round(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let owner = organiser(&app).await;
    let round = open_round(&app, &owner).await;
    let guest = browser();
    let participant = app.person("p@example.org").sign_in().await.client;
    let elsewhere = app
        .person("schoor@example.org")
        .organiser_of("de-schoor")
        .sign_in()
        .await
        .client;
    let admin = app
        .person("admin@example.org")
        .admin()
        .sign_in()
        .await
        .client;
    let bo = format!("/beheer/inventarisaties/{round}");
    let pages = [
        "/beheer/inventarisaties".to_owned(),
        bo.clone(),
        format!("{bo}/uitslag.csv"),
        format!("{bo}/uitslag.xlsx"),
        NEW_ROUND.to_owned(),
        "/beheer/inventarisaties/00000000000000000000000000000000".to_owned(),
        format!("/inventarisatie/{round}"),
    ];
    use StatusCode as S;
    let expected: [(&str, &reqwest::Client, [S; 7]); 5] = [
        (
            "guest",
            &guest,
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::OK,
            ],
        ),
        (
            "participant",
            &participant,
            [
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::OK,
            ],
        ),
        (
            "organiser elsewhere",
            &elsewhere,
            [
                S::OK,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::OK,
            ],
        ),
        (
            "survey owner",
            &owner,
            [S::OK, S::OK, S::OK, S::OK, S::OK, S::NOT_FOUND, S::OK],
        ),
        (
            "admin",
            &admin,
            [S::OK, S::OK, S::OK, S::OK, S::OK, S::NOT_FOUND, S::OK],
        ),
    ];
    for (role, client, statuses) in expected {
        for (path, status) in pages.iter().zip(statuses) {
            let got = client.get(app.url(path)).send().await.unwrap().status();
            assert_eq!(got, status, "{role} GET {path}");
        }
    }
    // Writing as someone else's organiser: 404, nothing changed.
    let csrf = crate::common::web::csrf_of(&page_with_form(&app, &elsewhere).await);
    let response = elsewhere
        .post(app.url(&format!("{bo}/status")))
        .form(&[("action", "close"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM survey_round WHERE status = 'open'"
        )
        .await,
        1
    );
}

/// A page of the back office with a form, for a CSRF token of that session.
async fn page_with_form(app: &TestApp, client: &reqwest::Client) -> String {
    get(
        app,
        client,
        "/beheer/organisaties/de-schoor/inventarisaties/nieuw",
    )
    .await
    .1
}

/// A vote rush on one round: many voters at once, some twice at the same moment;
/// every voter counts once per theme and nothing is lost.
async fn a_vote_rush_loses_nothing_and_counts_nothing_twice(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let org = organiser(&app).await;
    let round = open_round(&app, &org).await;
    let guest = browser();
    for title in ["A", "B"] {
        let response = propose(
            &app,
            &guest,
            &round,
            &[("title", title), ("want", "x"), ("why_now", "y")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let (a, b) = (
        proposal_id(&app, &round, "A").await,
        proposal_id(&app, &round, "B").await,
    );
    let round_id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM survey_round WHERE public_id = $1"
    )
    .bind(&round)
    .fetch_one(pool)
    .await
    .unwrap());
    let today = samenleren::time::today();
    let mut tasks = Vec::new();
    for i in 0..200 {
        // Voters 0..149, the first fifty of them twice.
        let n = i % 150;
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let vote = Vote {
                email: format!("v{n}@example.org"),
                email_key: format!("v{n}@example.org"),
                answers: Answers {
                    role: Some(Role::Opbouwwerker),
                    region: None,
                    years: Some(n as u32 % 30),
                },
                notify: false,
                lang: samenleren::i18n::Lang::Nl,
                proposals: if n % 2 == 0 { vec![a, b] } else { vec![a] },
            };
            db.cast_vote(round_id, &vote, today, samenleren::time::now())
                .await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), CastOutcome::Counted);
    }
    assert_eq!(in_round(&app, &round, "survey_voter", "").await, 150);
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM survey_vote WHERE proposal_id = {a}")
        )
        .await,
        150
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM survey_vote WHERE proposal_id = {b}")
        )
        .await,
        75
    );
    let tally = app.db.survey_tally(round_id).await.unwrap();
    assert_eq!(tally.voters, 150);
    assert_eq!(tally.themes[0].voters, 150);
}

/// The demo set holds the seed's round: closed, results public, the decision with
/// the 20 community workers, the three chosen themes linked to the three cafés;
/// loading the demo again adds nothing.
async fn the_demo_round_follows_the_seed_and_loads_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.db
        .load_demo(
            &samenleren::demo::data().unwrap(),
            samenleren::time::today(),
        )
        .await
        .unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_round").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_proposal").await, 7);
    let linked: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT a.slug FROM survey_activity s JOIN activity a ON a.id = s.activity_id \
         JOIN survey_proposal p ON p.id = s.proposal_id WHERE p.chosen ORDER BY a.slug"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        linked,
        [
            "de-meester-gezel-relatie",
            "hoe-noemen-we-onszelf",
            "samenlevingsopbouw-en-collectiviseren"
        ]
    );
    let round = samenleren::db::survey::demo::DEMO_ROUND;
    let (status, page) = get(&app, &browser(), &format!("/inventarisatie/{round}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("besproken met een groep van 20 opbouwwerkers"));
    assert!(page.contains("<svg"));
    assert!(page.contains("/activiteiten/de-meester-gezel-relatie"));
    let (_, cafe) = get(&app, &browser(), "/activiteiten/de-meester-gezel-relatie").await;
    assert!(cafe.contains("Gekozen in de inventarisatie van"));
    // Nobody is emailed about the demo cafés.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_chosen'"
        )
        .await,
        0
    );
}

both_databases!(
    the_demo_round_follows_the_seed_and_loads_once,
    the_whole_inventory_from_round_to_cafe,
    bad_input_is_refused_in_dutch_with_nothing_stored,
    only_the_survey_owner_reaches_a_round,
    a_vote_rush_loses_nothing_and_counts_nothing_twice,
);
