//! The decision on a round (`…/besluit`): what was decided and with whom, and which
//! themes are chosen; and the results as CSV or XLSX (the same table the page shows,
//! with the same threshold).

use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{Problem, actor, owned, render};
use crate::domain::survey::parse_decision;
use crate::export::{csv_bytes, xlsx_bytes};
use crate::http::AppState;
use crate::http::backoffice::access::Staff;
use crate::http::backoffice::roster::{CSV_TYPE, XLSX_TYPE, attachment};
use crate::http::error::PageError;
use crate::http::kit::forms::{Pairs, Refusal, see_other};
use crate::http::site::survey::results::export_table;
use crate::i18n::Lang;

pub(super) async fn decide(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let pairs = Pairs::parse(&body);
    let problem = |refusal| Problem {
        form: "decision".into(),
        refusal,
        typed: Pairs(pairs.0.clone()),
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return render(
            &state,
            lang,
            &staff,
            round,
            Some(problem(Refusal::Expired)),
            None,
        )
        .await;
    }
    let decision = match parse_decision(&pairs.get("decision")) {
        Ok(decision) => decision,
        Err(error) => {
            let refusal = Refusal::invalid(lang, &[error]);
            return render(&state, lang, &staff, round, Some(problem(refusal)), None).await;
        }
    };
    let chosen: Vec<i64> = pairs
        .all("chosen")
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    let by = actor(&staff, &round);
    state.db.record_decision(round.id, &decision, by).await?;
    state.db.choose_proposals(round.id, &chosen, by).await?;
    Ok(see_other(format!(
        "/beheer/inventarisaties/{id}?bericht=besloten#besluit"
    )))
}

fn file_name(id: &str, extension: &str) -> String {
    format!("inventarisatie-{id}.{extension}")
}

pub(super) async fn export_csv(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let table = export_table(lang, &state.db.survey_tally(round.id).await?);
    let bytes = csv_bytes(&table)?;
    Ok(attachment(bytes, CSV_TYPE, file_name(&id, "csv")))
}

pub(super) async fn export_xlsx(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let table = export_table(lang, &state.db.survey_tally(round.id).await?);
    let bytes = xlsx_bytes(lang, &table).map_err(|e| PageError::Internal(e.into()))?;
    Ok(attachment(bytes, XLSX_TYPE, file_name(&id, "xlsx")))
}
