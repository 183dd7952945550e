//! Moderation of one proposal (`…/voorstellen/{proposal}/{action}`): merge into
//! another open proposal (votes move along, nobody counted twice), reword (the
//! proposer's words are kept), decline with a reason the proposer sees, or make a
//! leercafé draft from a chosen theme. A refused form comes back at its proposal
//! with the message at the field and the text as typed.

use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{Problem, actor, owned, render};
use crate::db::survey::Moderation;
use crate::domain::activity::ActivityKind;
use crate::domain::editor::{ActivityInput, Offered, validate_activity};
use crate::domain::input::FieldError;
use crate::domain::survey::{ProposalForm, parse_decline_reason};
use crate::http::AppState;
use crate::http::backoffice::access::Staff;
use crate::http::error::PageError;
use crate::http::kit::forms::{Pairs, Refusal, see_other};
use crate::i18n::Lang;

pub(super) async fn moderate(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path((id, proposal, action)): Path<(String, i64, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let proposals = state.db.survey_proposals(round.id).await?;
    let Some(stored) = proposals.iter().find(|p| p.id == proposal) else {
        return Err(PageError::NotFound);
    };
    if !["merge", "reword", "decline", "activity"].contains(&action.as_str()) {
        return Err(PageError::NotFound);
    }
    let raw = Pairs::parse(&body);
    // The fields carry the proposal's id (`reason-12`): read them by their own name.
    let suffix = format!("-{proposal}");
    let pairs = Pairs(
        raw.0
            .iter()
            .map(|(k, v)| (k.strip_suffix(&suffix).unwrap_or(k).to_owned(), v.clone()))
            .collect(),
    );
    let form = format!("{action}-{proposal}");
    let refuse = |refusal: Refusal, pairs: Pairs| Problem {
        form: form.clone(),
        refusal,
        typed: pairs,
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let problem = refuse(Refusal::Expired, pairs);
        return render(&state, lang, &staff, round, Some(problem), None).await;
    }
    let by = actor(&staff, &round);
    let outcome = match action.as_str() {
        "merge" => {
            let target = pairs.get("target").parse::<i64>().unwrap_or(0);
            state
                .db
                .merge_proposals(round.id, proposal, target, by)
                .await?
        }
        "reword" => {
            let form = ProposalForm {
                title: pairs.get("title"),
                want: pairs.get("want"),
                why_now: pairs.get("why_now"),
            };
            match form.parse() {
                Ok(valid) => {
                    state
                        .db
                        .reword_proposal(round.id, proposal, &valid, by)
                        .await?
                }
                Err(errors) => {
                    let problem = refuse(Refusal::invalid(lang, &errors), pairs);
                    return render(&state, lang, &staff, round, Some(problem), None).await;
                }
            }
        }
        "decline" => match parse_decline_reason(&pairs.get("reason")) {
            Ok(reason) => {
                state
                    .db
                    .decline_proposal(round.id, proposal, &reason, by)
                    .await?
            }
            Err(error) => {
                let problem = refuse(Refusal::invalid(lang, &[error]), pairs);
                return render(&state, lang, &staff, round, Some(problem), None).await;
            }
        },
        _ => {
            // A leercafé draft from the theme, linked back to the round.
            let input = ActivityInput {
                title: stored.title.clone(),
                summary: stored.want.clone(),
                body: stored.why_now.clone(),
                organiser_email: staff.0.account.email.clone(),
                ..ActivityInput::default()
            };
            let offered = Offered {
                themes: &[],
                audiences: &[],
                activities: &[],
            };
            let Ok(valid) = validate_activity(&input, offered) else {
                let error = FieldError::new("target", "survey-bo-refused");
                let problem = refuse(Refusal::invalid(lang, &[error]), pairs);
                return render(&state, lang, &staff, round, Some(problem), None).await;
            };
            let public_id = state
                .db
                .create_activity(ActivityKind::Cafe, &valid, by)
                .await?;
            let activity = state
                .db
                .activity_access(&public_id)
                .await?
                .ok_or(PageError::NotFound)?;
            state.db.link_survey_activity(activity.id, proposal).await?;
            return Ok(see_other(format!(
                "/beheer/activiteiten/{public_id}?bericht=aangemaakt"
            )));
        }
    };
    match outcome {
        Moderation::Done => {
            let word = match action.as_str() {
                "merge" => "samengevoegd",
                "reword" => "verwoord",
                _ => "afgewezen",
            };
            Ok(see_other(format!(
                "/beheer/inventarisaties/{id}?bericht={word}"
            )))
        }
        Moderation::NotFound => {
            let error = FieldError::new("target", "survey-error-unknown-proposal");
            let problem = refuse(Refusal::invalid(lang, &[error]), pairs);
            render(&state, lang, &staff, round, Some(problem), None).await
        }
        Moderation::Refused(message) => {
            let field = if action == "merge" {
                "target"
            } else {
                "reason"
            };
            let problem = refuse(
                Refusal::Conflict(vec![(field.into(), lang.t(message))]),
                pairs,
            );
            render(&state, lang, &staff, round, Some(problem), None).await
        }
    }
}
