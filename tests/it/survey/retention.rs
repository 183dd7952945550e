//! The inventory's retention: a round closed longer ago than its organisation keeps
//! personal data loses its voters' and proposers' addresses, its waiting ballots
//! and the emails about it, and every figure of its results stays the same.

use reqwest::StatusCode;
use samenleren::on_pool;

use super::*;
use crate::common::editor::organiser;
use crate::common::mail::wait_for_mails;
use crate::common::web::{browser, count, post_form};
use crate::common::{Backend, TestApp, spawn_app};

async fn round_id(app: &TestApp, public_id: &str) -> i64 {
    count(
        app,
        &format!("SELECT id FROM survey_round WHERE public_id = '{public_id}'"),
    )
    .await
}

/// The results as the owner exports them.
async fn csv(app: &TestApp, client: &reqwest::Client, round: &str) -> String {
    let response = client
        .get(app.url(&format!("/beheer/inventarisaties/{round}/uitslag.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

/// Voter rows of a round that still say something about who it was.
async fn named_voters(app: &TestApp, round: &str) -> i64 {
    in_round(
        app,
        round,
        "survey_voter",
        " AND (email <> '' OR email_key LIKE '%@%' OR years IS NOT NULL \
         OR account_id IS NOT NULL OR notify)",
    )
    .await
}

async fn closed_rounds_lose_their_addresses_and_keep_their_results(backend: Backend) {
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
            ("title", "De meester-gezel relatie"),
            ("want", "Wat senioren van junioren leren"),
            ("why_now", "Veel nieuwe collega's"),
            ("author_email", "indiener@example.org"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let p1 = proposal_id(&app, &round, "De meester-gezel relatie")
        .await
        .to_string();
    // Anne votes by emailed link and confirms; Carl never opens his; Bert is
    // signed in.
    for email in ["anne@example.org", "carl@example.org"] {
        let response = vote(
            &app,
            &browser(),
            &round,
            &[
                ("email", email),
                ("proposals", &p1),
                ("role", "opbouwwerker"),
                ("region", "utrecht"),
                ("years", "22"),
                ("notify", "1"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email}");
    }
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("anne@example.org"))
        .await
        .remove(0);
    let link = format!(
        "/inventarisatie/bevestigen/{}",
        mail.token_after("/inventarisatie/bevestigen/").unwrap()
    );
    let anne = browser();
    let response = post_form(&app, &anne, &link, &link, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "confirmed");
    let bert = app.person("bert@example.org").sign_in().await.client;
    let response = vote(&app, &bert, &round, &[("proposals", &p1)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let bo = format!("/beheer/inventarisaties/{round}");
    let response = post_form(
        &app,
        &org,
        &bo,
        &format!("{bo}/status"),
        &[("action", "close"), ("results_public", "1")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "closed today");
    let download = |client: reqwest::Client| {
        let app = &app;
        async move {
            let response = client
                .get(app.url("/account/gegevens.json"))
                .send()
                .await
                .unwrap();
            response.text().await.unwrap()
        }
    };
    assert!(download(bert.clone()).await.contains("survey_voter"));

    let demo = samenleren::db::survey::demo::DEMO_ROUND;
    let (demo_id, new_id) = (round_id(&app, demo).await, round_id(&app, &round).await);
    let demo_before = (
        app.db.survey_tally(demo_id).await.unwrap(),
        csv(&app, &org, demo).await,
    );
    let new_before = (
        app.db.survey_tally(new_id).await.unwrap(),
        csv(&app, &org, &round).await,
    );
    assert_eq!(new_before.0.voters, 2);
    assert_eq!(named_voters(&app, demo).await, 48);
    assert_eq!(named_voters(&app, &round).await, 2);
    assert_eq!(in_round(&app, &round, "survey_ballot", "").await, 2);

    // Now: the seed's round closed in 2021, long past Movisie's 12 months; the
    // new one closed today and stays as it is.
    let now = samenleren::time::now();
    assert!(app.db.anonymise_closed_rounds(now).await.unwrap() >= 48);
    assert_eq!(named_voters(&app, demo).await, 0, "no address is left");
    assert_eq!(in_round(&app, demo, "survey_voter", "").await, 48);
    assert_eq!(
        (
            app.db.survey_tally(demo_id).await.unwrap(),
            csv(&app, &org, demo).await
        ),
        demo_before,
        "the same results, to the last figure"
    );
    assert_eq!(named_voters(&app, &round).await, 2, "closed today: kept");
    assert_eq!(
        app.db.anonymise_closed_rounds(now).await.unwrap(),
        0,
        "once"
    );

    // An organisation that keeps data for 24 months: 13 months on, still kept.
    let movisie = count(&app, "SELECT id FROM organisation WHERE slug = 'movisie'").await;
    let admin = count(
        &app,
        "SELECT id FROM account WHERE email_key = 'organisator@example.org'",
    )
    .await;
    app.db.set_retention(movisie, 24, admin, now).await.unwrap();
    let months = |n| now.checked_add_months(chrono::Months::new(n)).unwrap();
    app.db.anonymise_closed_rounds(months(13)).await.unwrap();
    assert_eq!(named_voters(&app, &round).await, 2);
    app.db.anonymise_closed_rounds(months(25)).await.unwrap();
    assert_eq!(named_voters(&app, &round).await, 0);
    assert_eq!(in_round(&app, &round, "survey_voter", "").await, 2);
    assert_eq!(in_round(&app, &round, "survey_ballot", "").await, 0);
    assert_eq!(
        in_round(
            &app,
            &round,
            "survey_proposal",
            " AND author_email IS NOT NULL"
        )
        .await,
        0,
        "nor the proposer's address"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_confirm' \
             AND recipient IN ('anne@example.org', 'carl@example.org')"
        )
        .await,
        0,
        "nor the emails with the links"
    );
    assert_eq!(
        (
            app.db.survey_tally(new_id).await.unwrap(),
            csv(&app, &org, &round).await
        ),
        new_before
    );
    assert!(!download(bert.clone()).await.contains("survey_voter"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'survey_anonymised'"
        )
        .await,
        2
    );

    // Opened again, the round takes no vote: Bert would count a second time.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE survey_round SET status = 'open', closes_on = $2 WHERE id = $1"
    )
    .bind(new_id)
    .bind(samenleren::time::today() + chrono::Duration::days(7))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let response = vote(&app, &bert, &round, &[("proposals", &p1)]).await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(in_round(&app, &round, "survey_voter", "").await, 2);
}

both_databases!(closed_rounds_lose_their_addresses_and_keep_their_results);
