//! Public people (`/beheer/mensen`), for platform admins: two pages that turn out to
//! be one person (a speaker typed with another spelling before names were matched)
//! are merged into one. People are shared by every organisation's activities, so
//! only a platform admin merges them.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;

use crate::db::profile::{MergeOutcome, ProfileUse};
use crate::http::AppState;
use crate::http::backoffice::access::{Staff, require_admin};
use crate::http::backoffice::form::{FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::{FieldView, Group, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::i18n::Lang;

const PATH: &str = "/beheer/mensen";

pub fn router() -> Router<AppState> {
    Router::new().route(PATH, get(merge_form).post(merge_people))
}

/// The notice after a merge.
pub const NOTICES: Notices = &[("samengevoegd", "people-merged")];

/// Names that appear more than once, so the admin sees where to look.
fn alike(lang: Lang, people: &[ProfileUse]) -> Vec<String> {
    let key = |p: &ProfileUse| p.name.to_lowercase();
    let mut names: Vec<String> = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let twice = people
            .iter()
            .skip(i + 1)
            .any(|other| key(other) == key(person));
        if twice && !names.iter().any(|n| n.to_lowercase() == key(person)) {
            names.push(person.name.clone());
        }
    }
    let found = if names.is_empty() {
        lang.t("people-none-alike")
    } else {
        lang.t1("people-alike", "names", names.join(", "))
    };
    vec![lang.t("people-intro"), found]
}

fn groups(lang: Lang, people: &[ProfileUse], keep: &str, gone: &str) -> Vec<Group> {
    let options: Vec<(String, String)> = std::iter::once((String::new(), lang.t("form-choose")))
        .chain(people.iter().map(|p| {
            let label = match p.affiliation.as_str() {
                "" => p.name.clone(),
                affiliation => format!("{} ({affiliation})", p.name),
            };
            let uses = lang.t1("people-uses", "count", p.uses);
            (
                p.id.to_string(),
                format!("{label} – /mensen/{} – {uses}", p.slug),
            )
        }))
        .collect();
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("keep", lang.t("people-keep"), "select", keep)
                .required()
                .described(lang.t("people-keep-help"))
                .options(options.clone()),
            FieldView::new("gone", lang.t("people-gone"), "select", gone)
                .required()
                .described(lang.t("people-gone-help"))
                .options(options),
        ],
    )]
}

fn frame(lang: Lang, people: &[ProfileUse]) -> FormFrame {
    FormFrame::for_platform(lang, lang.t("people-heading"), PATH.into(), "people-merge")
        .intro(alike(lang, people))
}

async fn merge_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let people = state.db.profiles().await?;
    render_form(
        &state,
        lang,
        staff.0.csrf(&state),
        StatusCode::OK,
        frame(lang, &people).notice(notice(&uri, lang, NOTICES)),
        groups(lang, &people, "", ""),
        &[],
    )
}

async fn merge_people(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let pairs = Pairs::parse(&body);
    let (keep, gone) = (pairs.get("keep"), pairs.get("gone"));
    let people = state.db.profiles().await?;
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            staff.0.csrf(&state),
            refusal.status(),
            frame(lang, &people).notice(refusal.notice(lang)),
            groups(lang, &people, &keep, &gone),
            refusal.errors(),
        )
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(Refusal::Expired);
    }
    let known = |raw: &str| {
        raw.parse::<i64>()
            .ok()
            .filter(|id| people.iter().any(|p| p.id == *id))
    };
    let mut errors = Vec::new();
    if known(&keep).is_none() {
        errors.push(("keep".to_owned(), lang.t("people-error-choose")));
    }
    match known(&gone) {
        None => errors.push(("gone".to_owned(), lang.t("people-error-choose"))),
        Some(id) if Some(id) == known(&keep) => {
            errors.push(("gone".to_owned(), lang.t("people-error-same")));
        }
        Some(_) => {}
    }
    let (Some(keep_id), Some(gone_id), true) = (known(&keep), known(&gone), errors.is_empty())
    else {
        return refuse(Refusal::Invalid(errors));
    };
    match state
        .db
        .merge_profiles(keep_id, gone_id, staff.0.account.id, crate::time::now())
        .await?
    {
        MergeOutcome::Merged => Ok(see_other(format!("{PATH}?bericht=samengevoegd"))),
        // Merged or removed meanwhile (another admin): choose again from what is left.
        MergeOutcome::NotFound => refuse(Refusal::NotNow(lang.t("people-error-gone"))),
    }
}
