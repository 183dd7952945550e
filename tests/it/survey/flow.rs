//! The whole inventory, from an open round to a published café that links back.

use reqwest::StatusCode;
use samenleren::on_pool;

use super::*;
use crate::common::editor::{organiser, session_form};
use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{browser, count, get, location, post_form};
use crate::common::{Backend, spawn_app};

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
    // The draft's preview already links back to the inventory, as the public page will.
    let (status, preview) = get(&app, &org, &format!("{base}/voorbeeld")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.contains("Gekozen in de inventarisatie van Inventarisatie leerwensen"),
        "{preview}"
    );
    assert!(preview.contains(&format!("/inventarisatie/{round}#uitslag")));
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

/// Open rounds are listed on the home page (and only those), and an organiser finds
/// the inventories from the back office's start page.
async fn open_rounds_are_listed_on_the_home_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let org = organiser(&app).await;
    let (_, dashboard) = get(&app, &org, "/beheer").await;
    assert!(
        dashboard.contains("href=\"/beheer/inventarisaties\""),
        "{dashboard}"
    );
    assert!(dashboard.contains("href=\"/beheer/mentoring\""));
    let visitor = browser();
    let (_, home) = get(&app, &visitor, "/").await;
    assert!(
        !home.contains("Denk mee"),
        "the demo round is closed: no section"
    );
    // A draft is not listed.
    let draft = [
        ("title", "Nog een concept"),
        ("why", "Later open."),
        ("audience", "Opbouwwerkers"),
        ("opens_on", &day(-1)),
        ("closes_on", &day(14)),
        ("votes_per_person", "2"),
    ];
    let response = post_form(&app, &org, NEW_ROUND, NEW_ROUND, &draft).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let round = open_round(&app, &org).await;
    let (status, home) = get(&app, &visitor, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        home.contains("Denk mee: waar wil jij meer over leren?"),
        "{home}"
    );
    assert!(home.contains(&format!("href=\"/inventarisatie/{round}\"")));
    assert!(home.contains("Inventarisatie leerwensen"));
    assert!(home.contains("Movisie, open tot en met"), "{home}");
    assert!(!home.contains("Nog een concept"));
    let (_, english) = get(&app, &visitor, "/?lang=en").await;
    assert!(english.contains("Have your say"), "{english}");
    // Closed: no longer listed.
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
    let (_, home) = get(&app, &visitor, "/").await;
    assert!(!home.contains(&format!("/inventarisatie/{round}")));
    assert!(!home.contains("Denk mee"));
}

/// The page behind the emailed link names the round and leads back to it; a link
/// nobody was sent shows no such way back.
async fn the_emailed_link_leads_back_to_its_round(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let org = organiser(&app).await;
    let round = open_round(&app, &org).await;
    let guest = browser();
    let response = propose(
        &app,
        &guest,
        &round,
        &[
            ("title", "Buurtbudgetten"),
            ("want", "Hoe het werkt"),
            ("why_now", "Nieuw"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let p = proposal_id(&app, &round, "Buurtbudgetten")
        .await
        .to_string();
    let response = vote(
        &app,
        &guest,
        &round,
        &[("email", "cor@example.org"), ("proposals", &p)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("cor@example.org"))
        .await
        .remove(0);
    let token = mail
        .token_after("/inventarisatie/bevestigen/")
        .expect("the link in the mail");
    let (status, page) = get(&app, &guest, &format!("/inventarisatie/bevestigen/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Mijn stem bevestigen"));
    assert!(
        page.contains(&format!("href=\"/inventarisatie/{round}\"")),
        "{page}"
    );
    assert!(page.contains("Naar de inventarisatie: Inventarisatie leerwensen"));
    assert!(
        votes_of(&app, "cor@example.org").await.is_empty(),
        "opening counts nothing"
    );
    // Pressed on a page whose form token went stale: nothing counts, and the way on
    // is the same button on a fresh page.
    let link = format!("/inventarisatie/bevestigen/{token}");
    let response = guest
        .post(app.url(&link))
        .form(&[("csrf", "verlopen")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = response.text().await.unwrap();
    assert!(page.contains("Je stem is nog niet geteld."), "{page}");
    assert!(page.contains(&format!("href=\"{link}\"")), "{page}");
    assert!(votes_of(&app, "cor@example.org").await.is_empty());
    let unknown = format!("/inventarisatie/bevestigen/{}", "A".repeat(43));
    let (status, page) = get(&app, &guest, &unknown).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Naar de inventarisatie:"));
}

both_databases!(
    the_whole_inventory_from_round_to_cafe,
    open_rounds_are_listed_on_the_home_page,
    the_emailed_link_leads_back_to_its_round
);
