//! The bad-input list: each refusal in Dutch, the form kept, a 4xx, nothing stored.

use reqwest::StatusCode;
use samenleren::on_pool;

use super::*;
use crate::common::editor::organiser;
use crate::common::web::secret;
use crate::common::web::{browser, count, get, post_form};
use crate::common::{Backend, spawn_app};

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

/// Each guest ballot emails a link: the sign-in limit per client holds them back
/// (429 with the wait, the form kept, no second ballot).
async fn guest_ballots_are_rate_limited_like_sign_in_links(backend: Backend) {
    let Some(app) = crate::common::spawn_app_configured(backend, true, |settings| {
        settings.sign_in_rate = samenleren::config::RateLimit {
            per_minute: 1,
            burst: 3,
        };
    })
    .await
    else {
        return;
    };
    // The organiser signs in once (one of the three).
    let org = organiser(&app).await;
    let round = open_round(&app, &org).await;
    let guest = browser();
    let response = propose(
        &app,
        &guest,
        &round,
        &[("title", "Een"), ("want", "x"), ("why_now", "y")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let one = proposal_id(&app, &round, "Een").await.to_string();
    let mut statuses = Vec::new();
    for n in 0..3 {
        let email = format!("gast{n}@example.org");
        let response = vote(
            &app,
            &guest,
            &round,
            &[("email", &email), ("proposals", &one)],
        )
        .await;
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
            assert!(
                response.text().await.unwrap().contains("gast"),
                "the form is kept"
            );
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    assert_eq!(in_round(&app, &round, "survey_ballot", "").await, 2);
}

both_databases!(
    bad_input_is_refused_in_dutch_with_nothing_stored,
    guest_ballots_are_rate_limited_like_sign_in_links,
);
