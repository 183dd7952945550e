//! A pair's page (`/mentoring/koppels/{pair}`), for its two people only: how to
//! reach each other (shown now that the request was accepted), the agreement on
//! goals and period, the meeting log with its form (asking what the mentor learned
//! from the mentee), sharing the log with the coordinator, and the evaluation from
//! both. Each form refused comes back at its fields with what was typed (422);
//! a meeting on an ended pair is refused (409).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::PATH;
use crate::db::mentoring::pairs::PairRow;
use crate::domain::mentoring::path::{AgreementForm, LogForm, MAX_MONTHS, MIN_MONTHS, evaluation};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The pair page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("gekoppeld", "mentoring-notice-paired"),
    ("afspraken", "mentoring-notice-agreed"),
    ("gesprek", "mentoring-notice-logged"),
    ("gedeeld", "mentoring-notice-shared"),
    ("geevalueerd", "mentoring-notice-evaluated"),
    ("afgerond", "mentoring-notice-ended"),
];

/// Which of the page's forms came back, with what was typed.
enum Typed {
    None,
    Agreement(AgreementForm),
    Log(LogForm),
    Evaluation(String),
}

struct MeetingView {
    heading: String,
    topics: String,
    mentor_learned: String,
    mentee_learned: String,
}

#[derive(Template)]
#[template(path = "site/mentoring/pair.html")]
struct PairPage {
    lang: Lang,
    chrome: Chrome,
    base: String,
    heading: String,
    programme_href: String,
    programme_title: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    contact_name: String,
    contact_email: String,
    reverse: bool,
    theme: Option<String>,
    period: Option<String>,
    goals: String,
    active: bool,
    agreement_fields: Vec<FieldView>,
    log_fields: Vec<FieldView>,
    meetings: Vec<MeetingView>,
    mentor_name: String,
    mentee_name: String,
    share_fields: Vec<FieldView>,
    shared: bool,
    evaluations: Vec<(String, String)>,
    evaluation_fields: Vec<FieldView>,
    csrf: String,
}

/// The pair a path names, if this account is in it; 404 otherwise.
async fn pair_of(state: &AppState, signed: &Signed, id: &str) -> Result<PairRow, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .pair_for(id, signed.account.id)
        .await?
        .ok_or(PageError::NotFound)
}

fn hours(lang: Lang, minutes: i32) -> String {
    lang.t1(
        "mentoring-hours",
        "hours",
        crate::certificate::hours(lang, u32::try_from(minutes).unwrap_or(0)),
    )
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    pair: &PairRow,
    typed: Typed,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let me = signed.account.id;
    let (meetings, evaluations) = tokio::try_join!(
        state.db.pair_meetings(pair.id),
        state.db.pair_evaluations(pair.id),
    )?;
    let error = |name: &str| refusal.as_ref().and_then(|r| r.error(name));
    let field = |name: &str, label: String, kind: &'static str, value: &str| {
        let mut f = FieldView::new(name, label, kind, value).required();
        f.error = error(name);
        if let Some(help) = lang.try_t(&format!("mentoring-field-{name}-help")) {
            f = f.described(help);
        }
        f
    };
    let label = |name: &str| lang.t(&format!("mentoring-field-{name}"));
    let agreement = match &typed {
        Typed::Agreement(form) => form.clone(),
        _ => AgreementForm {
            goals: pair.goals.clone(),
            starts_on: pair
                .starts_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| crate::time::today().format("%Y-%m-%d").to_string()),
            months: pair.months.unwrap_or(6).to_string(),
        },
    };
    let agreement_fields = vec![
        field("goals", label("goals"), "textarea", &agreement.goals).rows(4),
        field(
            "starts_on",
            label("starts_on"),
            "date",
            &agreement.starts_on,
        ),
        field("months", label("months"), "select", &agreement.months).options(
            (MIN_MONTHS..=MAX_MONTHS)
                .map(|m| (m.to_string(), m.to_string()))
                .collect(),
        ),
    ];
    let log = match &typed {
        Typed::Log(form) => form.clone(),
        _ => LogForm {
            held_on: crate::time::today().format("%Y-%m-%d").to_string(),
            ..LogForm::default()
        },
    };
    let names = [
        ("mentor", pair.mentor_name.as_str().into()),
        ("mentee", pair.mentee_name.as_str().into()),
    ];
    let log_fields = vec![
        field("held_on", label("held_on"), "date", &log.held_on),
        field("hours", label("hours"), "text", &log.hours),
        field("topics", label("topics"), "textarea", &log.topics).rows(3),
        field(
            "mentor_learned",
            lang.t_args("mentoring-field-mentor_learned", &names),
            "textarea",
            &log.mentor_learned,
        )
        .rows(3),
        field(
            "mentee_learned",
            lang.t_args("mentoring-field-mentee_learned", &names),
            "textarea",
            &log.mentee_learned,
        )
        .rows(3),
    ];
    let mine_shared = if pair.is_mentor(me) {
        pair.mentor_shares_log
    } else {
        pair.mentee_shares_log
    };
    let share_fields = vec![FieldView::checkbox(
        "share",
        lang.t("mentoring-field-share"),
        mine_shared,
    )];
    let evaluation_text = match &typed {
        Typed::Evaluation(text) => text.clone(),
        _ => evaluations
            .iter()
            .find(|(account, _)| *account == me)
            .map(|(_, body)| body.clone())
            .unwrap_or_default(),
    };
    let evaluation_fields = vec![
        field(
            "evaluation",
            label("evaluation"),
            "textarea",
            &evaluation_text,
        )
        .rows(4),
    ];
    let other_is_mentor = !pair.is_mentor(me);
    let (contact_name, contact_email) = if other_is_mentor {
        (pair.mentor_name.clone(), pair.mentor_email.clone())
    } else {
        (pair.mentee_name.clone(), pair.mentee_email.clone())
    };
    let base = format!("{PATH}/koppels/{}", pair.public_id);
    let heading = lang.t_args("mentoring-pair-heading", &names);
    let period = match (pair.starts_on, pair.months) {
        (Some(from), Some(months)) => {
            let agreed = crate::domain::mentoring::path::Agreement {
                goals: String::new(),
                starts_on: from,
                months: u32::try_from(months).unwrap_or(MIN_MONTHS),
            };
            Some(lang.t_args(
                "mentoring-period",
                &[
                    ("from", lang.day(from).into()),
                    ("to", lang.day(agreed.ends_on()).into()),
                ],
            ))
        }
        _ => None,
    };
    let page = PairPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &base, "account"),
        heading,
        programme_href: format!("{PATH}/{}", pair.programme_public_id),
        programme_title: pair.programme_title.clone(),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        contact_name,
        contact_email,
        reverse: pair.reverse,
        theme: if lang == Lang::En {
            pair.theme_en.clone()
        } else {
            pair.theme_nl.clone()
        },
        period,
        goals: pair.goals.clone(),
        active: pair.active(),
        agreement_fields,
        log_fields,
        meetings: meetings
            .iter()
            .map(|m| MeetingView {
                heading: lang.t_args(
                    "mentoring-log-entry",
                    &[
                        ("date", lang.day(m.held_on).into()),
                        ("hours", hours(lang, m.minutes).into()),
                    ],
                ),
                topics: m.topics.clone(),
                mentor_learned: m.mentor_learned.clone(),
                mentee_learned: m.mentee_learned.clone(),
            })
            .collect(),
        mentor_name: pair.mentor_name.clone(),
        mentee_name: pair.mentee_name.clone(),
        share_fields,
        shared: pair.shared(),
        evaluations: evaluations
            .iter()
            .map(|(account, body)| {
                let name = if *account == pair.mentor_account_id {
                    &pair.mentor_name
                } else {
                    &pair.mentee_name
                };
                (
                    lang.t1("mentoring-evaluation-by", "name", name.as_str()),
                    body.clone(),
                )
            })
            .collect(),
        evaluation_fields,
        csrf: signed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

pub(super) async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let pair = pair_of(&state, &signed, &id).await?;
    let notice = notice(&uri, lang, NOTICES);
    let response = render(&state, lang, &signed, &pair, Typed::None, None, notice).await?;
    Ok(crate::http::kit::headers::private(response))
}

/// The pair and the form's fields, or the refusal page when the token is off.
async fn posted(
    state: &AppState,
    signed: &Signed,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(PairRow, Pairs, bool), PageError> {
    let pair = pair_of(state, signed, id).await?;
    let pairs = Pairs::parse(body);
    let ok = signed.csrf_ok(state, headers, &pairs.get("csrf"));
    Ok((pair, pairs, ok))
}

pub(super) async fn agree(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (pair, pairs, ok) = posted(&state, &signed, &id, &headers, &body).await?;
    let form = AgreementForm {
        goals: pairs.get("goals"),
        starts_on: pairs.get("starts_on"),
        months: pairs.get("months"),
    };
    if !ok {
        let typed = Typed::Agreement(form);
        return render(
            &state,
            lang,
            &signed,
            &pair,
            typed,
            Some(Refusal::Expired),
            None,
        )
        .await;
    }
    match form.parse() {
        Ok(agreement) => {
            state
                .db
                .save_agreement(pair.id, &agreement, crate::time::now())
                .await?;
            Ok(see_other(format!("{PATH}/koppels/{id}?bericht=afspraken")))
        }
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            render(
                &state,
                lang,
                &signed,
                &pair,
                Typed::Agreement(form),
                refusal,
                None,
            )
            .await
        }
    }
}

pub(super) async fn log(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (pair, pairs, ok) = posted(&state, &signed, &id, &headers, &body).await?;
    let form = LogForm {
        held_on: pairs.get("held_on"),
        hours: pairs.get("hours"),
        topics: pairs.get("topics"),
        mentor_learned: pairs.get("mentor_learned"),
        mentee_learned: pairs.get("mentee_learned"),
    };
    if !ok {
        let typed = Typed::Log(form);
        return render(
            &state,
            lang,
            &signed,
            &pair,
            typed,
            Some(Refusal::Expired),
            None,
        )
        .await;
    }
    let entry = match form.parse(crate::time::today()) {
        Ok(entry) => entry,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(
                &state,
                lang,
                &signed,
                &pair,
                Typed::Log(form),
                refusal,
                None,
            )
            .await;
        }
    };
    if !state
        .db
        .log_meeting(&pair, signed.account.id, &entry, crate::time::now())
        .await?
    {
        let refusal = Some(Refusal::NotNow(lang.t("mentoring-refused-ended")));
        return render(
            &state,
            lang,
            &signed,
            &pair,
            Typed::Log(form),
            refusal,
            None,
        )
        .await;
    }
    Ok(see_other(format!("{PATH}/koppels/{id}?bericht=gesprek")))
}

pub(super) async fn share(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (pair, pairs, ok) = posted(&state, &signed, &id, &headers, &body).await?;
    if !ok {
        return render(
            &state,
            lang,
            &signed,
            &pair,
            Typed::None,
            Some(Refusal::Expired),
            None,
        )
        .await;
    }
    state
        .db
        .share_log(&pair, signed.account.id, pairs.on("share"))
        .await?;
    Ok(see_other(format!("{PATH}/koppels/{id}?bericht=gedeeld")))
}

pub(super) async fn evaluate(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (pair, pairs, ok) = posted(&state, &signed, &id, &headers, &body).await?;
    let typed = pairs.get("evaluation");
    if !ok {
        let typed = Typed::Evaluation(typed);
        return render(
            &state,
            lang,
            &signed,
            &pair,
            typed,
            Some(Refusal::Expired),
            None,
        )
        .await;
    }
    match evaluation(&typed) {
        Ok(text) => {
            let ended = state
                .db
                .evaluate_pair(&pair, signed.account.id, &text, crate::time::now())
                .await?;
            let notice = if ended { "afgerond" } else { "geevalueerd" };
            Ok(see_other(format!("{PATH}/koppels/{id}?bericht={notice}")))
        }
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            let typed = Typed::Evaluation(typed);
            render(&state, lang, &signed, &pair, typed, refusal, None).await
        }
    }
}
