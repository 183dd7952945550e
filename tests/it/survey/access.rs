//! Who reaches a round (the survey owner's route × role table), a vote rush, and
//! the demo round of seed 000.

use reqwest::StatusCode;
use samenleren::on_pool;

use super::*;
use crate::common::TestApp;
use crate::common::editor::organiser;
use crate::common::web::{browser, count, get};
use crate::common::{Backend, spawn_app};
use samenleren::db::survey::{CastOutcome, Vote};
use samenleren::domain::survey::{Answers, Role};

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
    only_the_survey_owner_reaches_a_round,
    a_vote_rush_loses_nothing_and_counts_nothing_twice,
    the_demo_round_follows_the_seed_and_loads_once,
);
