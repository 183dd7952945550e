//! The theme inventory, as its users go through it on both databases: an organiser
//! opens a round, people propose and vote (by emailed link without an account, or at
//! once when signed in), change their votes, the organiser merges (counted once),
//! rewords, declines with a reason the proposer sees, closes, reads the results with
//! the threshold, exports them, records the decision and makes a café that links
//! back; publishing it emails the voters who asked, once ([`flow`]). Also every
//! refusal of the bad-input list ([`bad_input`]), the route × role table for the
//! survey owner, a vote rush and the demo round ([`access`]); a closed round's
//! addresses going after its retention, the results unchanged ([`retention`]);
//! results counted once and kept while the round is unchanged ([`kept`]). Here: the
//! helpers.

mod access;
mod bad_input;
mod flow;
mod kept;
mod retention;

use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::TestApp;
use crate::common::web::{browser, count, get, location, post_form};

pub(super) const NEW_ROUND: &str = "/beheer/organisaties/movisie/inventarisaties/nieuw";

pub(super) fn day(offset: i64) -> String {
    (samenleren::time::today() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// A round of Movisie made and opened by `client` (an organiser of Movisie), with
/// two votes per person; its public id.
pub(super) async fn open_round(app: &TestApp, client: &reqwest::Client) -> String {
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

pub(super) async fn proposal_id(app: &TestApp, round: &str, title: &str) -> i64 {
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
pub(super) async fn in_round(app: &TestApp, round: &str, table: &str, filter: &str) -> i64 {
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
pub(super) async fn votes_of(app: &TestApp, email: &str) -> Vec<i64> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT v.proposal_id FROM survey_vote v JOIN survey_voter w ON w.id = v.voter_id \
         WHERE w.email_key = $1 ORDER BY v.proposal_id"
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap())
}

pub(super) async fn propose(
    app: &TestApp,
    client: &reqwest::Client,
    round: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/inventarisatie/{round}");
    post_form(app, client, &page, &format!("{page}/voorstellen"), fields).await
}

pub(super) async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    round: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/inventarisatie/{round}");
    post_form(app, client, &page, &format!("{page}/stemmen"), fields).await
}

pub(super) async fn moderate(
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
