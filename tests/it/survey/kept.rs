//! A round's results are counted once and kept while the round is unchanged
//! (`Shared::survey_results`): a vote the round's stamp cannot see waits for the check
//! interval, and a moderation shows at once.

use std::time::Duration;

use reqwest::StatusCode;
use samenleren::on_pool;

use super::moderate;
use crate::common::editor::organiser;
use crate::common::web::{browser, get};
use crate::common::{Backend, spawn_app_configured};

/// The number in "N mensen hebben gestemd."
fn voters(page: &str) -> Option<u32> {
    let text = page.replace(['\u{2068}', '\u{2069}'], "");
    let at = text.find(" mensen hebben gestemd")?;
    text[..at]
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

async fn results_are_kept_until_the_round_changes(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, true, |s| {
        s.page_cache_check = Duration::from_secs(3600);
    })
    .await
    else {
        return;
    };
    let round = samenleren::db::survey::demo::DEMO_ROUND;
    let path = format!("/inventarisatie/{round}");
    let (status, page) = get(&app, &browser(), &path).await;
    assert_eq!(status, StatusCode::OK);
    let before = voters(&page).expect("the number of voters on the page");

    // A voter added behind the app's back: the round's stamp does not change.
    let (round_id, proposal): (i64, i64) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT r.id, MIN(p.id) FROM survey_round r JOIN survey_proposal p \
         ON p.round_id = r.id AND p.status = 'open' WHERE r.public_id = $1 GROUP BY r.id"
    )
    .bind(round)
    .fetch_one(pool)
    .await
    .unwrap());
    let now = samenleren::time::now();
    on_pool!(&app.db, |pool| {
        let voter: i64 = sqlx::query_scalar(
            "INSERT INTO survey_voter (round_id, email, email_key, verified_at, created_at, \
             updated_at) VALUES ($1, 'laat@example.org', 'laat@example.org', $2, $2, $2) \
             RETURNING id",
        )
        .bind(round_id)
        .bind(now)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO survey_vote (voter_id, proposal_id, round_id, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(voter)
        .bind(proposal)
        .bind(round_id)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    });
    let (_, page) = get(&app, &browser(), &path).await;
    assert_eq!(voters(&page), Some(before), "the kept count is shown");

    // Rewording a theme changes the round: the page counts again, with that voter.
    let org = organiser(&app).await;
    let response = moderate(
        &app,
        &org,
        round,
        proposal,
        "reword",
        &[
            ("title", "Een nieuwe naam voor dit thema"),
            ("want", "Wat we willen leren"),
            ("why_now", "Omdat het nu speelt"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &browser(), &path).await;
    assert_eq!(
        voters(&page),
        Some(before + 1),
        "counted again after the change"
    );
}

both_databases!(results_are_kept_until_the_round_changes);
