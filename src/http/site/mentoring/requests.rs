//! Asking and answering. The request form (`/mentoring/{programme}/vragen/{profile}`)
//! shows the other's profile (never their address) with a kind message already
//! written; asking someone who rests or is at their limit, who does not fit the
//! direction, or who was asked already comes back with the form as typed (409).
//! Accepting (`…/verzoeken/{request}/accepteren`) makes the pair and leads to its
//! page; declining (`…/afwijzen`) sends a kind default message the person may
//! change. An expired or answered request says so (409).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::profile::FormPage;
use super::{PATH, profile_facts, programme_of, theme_name};
use crate::db::mentoring::requests::{AnswerOutcome, Ask, AskOutcome, RequestView};
use crate::db::mentoring::{Participant, Programme};
use crate::domain::input::FieldError;
use crate::domain::mentoring::Direction;
use crate::domain::mentoring::path::message;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::query::{public_id_shaped, query_param};
use crate::http::kit::views::{Chrome, MessagePage};
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The request form as typed.
#[derive(Default)]
struct AskForm {
    direction: String,
    theme: String,
    message: String,
}

/// The asker's and the asked's profiles; `Err`: where to go instead.
async fn parties(
    state: &AppState,
    signed: &Signed,
    programme: &Programme,
    profile: &str,
) -> Result<Result<(Participant, Participant), Response>, PageError> {
    let Some(me) = state
        .db
        .participant(programme.id, signed.account.id)
        .await?
    else {
        return Ok(Err(see_other(format!(
            "{PATH}/{}/profiel",
            programme.public_id
        ))));
    };
    let profile: i64 = profile.parse().map_err(|_| PageError::NotFound)?;
    let other = state
        .db
        .participants(programme.id)
        .await?
        .into_iter()
        .find(|p| p.stored.id == profile && p.stored.account_id != signed.account.id)
        .ok_or(PageError::NotFound)?;
    Ok(Ok((me, other)))
}

async fn render_ask(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    programme: &Programme,
    other: &Participant,
    typed: &AskForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let themes = state.db.theme_choices().await?;
    let p = &other.stored.profile;
    let name = p.name.as_str();
    let error = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let (facts, theme_names) = profile_facts(lang, &themes, p);
    let mut about = vec![
        (lang.t("mentoring-your-profile"), facts),
        (lang.t("mentoring-field-themes"), theme_names),
    ];
    if !p.offers.is_empty() {
        about.push((lang.t("mentoring-offers"), p.offers.clone()));
    }
    if !p.wants.is_empty() {
        about.push((lang.t("mentoring-wants"), p.wants.clone()));
    }
    let mut direction = FieldView::new(
        "direction",
        lang.t("mentoring-field-direction"),
        "radios",
        &typed.direction,
    )
    .required()
    .options(
        Direction::ALL
            .iter()
            .map(|d| {
                (
                    d.as_str().to_owned(),
                    lang.t1(
                        &format!("mentoring-field-direction-{}", d.as_str()),
                        "name",
                        name,
                    ),
                )
            })
            .collect(),
    );
    direction.error = error("direction");
    let mut theme = FieldView::new(
        "theme",
        lang.t("mentoring-field-theme"),
        "select",
        &typed.theme,
    )
    .required()
    .options(
        p.themes
            .iter()
            .map(|id| (id.to_string(), theme_name(lang, &themes, *id)))
            .collect(),
    );
    theme.error = error("theme");
    let mut text = FieldView::new(
        "message",
        lang.t("mentoring-field-message"),
        "textarea",
        &typed.message,
    )
    .required()
    .rows(6);
    text.error = error("message");
    let action = format!("{PATH}/{}/vragen/{}", programme.public_id, other.stored.id);
    let heading = lang.t1("mentoring-ask-heading", "name", name);
    let page = FormPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "account"),
        programme_href: format!("{PATH}/{}", programme.public_id),
        programme_title: programme.title.clone(),
        heading,
        intro: lang.t1("mentoring-ask-intro", "name", name),
        about,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![direction, theme, text],
        action,
        button: lang.t("mentoring-ask-send"),
        csrf: signed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

pub(super) async fn ask_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path((id, profile)): Path<(String, String)>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let programme = programme_of(&state, &id).await?;
    let (me, other) = match parties(&state, &signed, &programme, &profile).await? {
        Ok(parties) => parties,
        Err(to_profile) => return Ok(to_profile),
    };
    let direction = query_param(&uri, "richting")
        .and_then(|d| Direction::parse(&d))
        .filter(|d| d.fits(me.stored.profile.role, other.stored.profile.role))
        .or_else(|| {
            Direction::ALL
                .into_iter()
                .find(|d| d.fits(me.stored.profile.role, other.stored.profile.role))
        });
    let shared = other
        .stored
        .profile
        .themes
        .iter()
        .find(|t| me.stored.profile.themes.contains(t))
        .or(other.stored.profile.themes.first());
    let typed = AskForm {
        direction: direction.map(|d| d.as_str().to_owned()).unwrap_or_default(),
        theme: shared.map(i64::to_string).unwrap_or_default(),
        message: lang.t_args(
            "mentoring-ask-default",
            &[
                ("name", other.stored.profile.name.as_str().into()),
                ("me", me.stored.profile.name.as_str().into()),
            ],
        ),
    };
    render_ask(&state, lang, &signed, &programme, &other, &typed, None).await
}

pub(super) async fn ask(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path((id, profile)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let programme = programme_of(&state, &id).await?;
    let (_, other) = match parties(&state, &signed, &programme, &profile).await? {
        Ok(parties) => parties,
        Err(to_profile) => return Ok(to_profile),
    };
    let pairs = Pairs::parse(&body);
    let typed = AskForm {
        direction: pairs.get("direction"),
        theme: pairs.get("theme"),
        message: pairs.get("message"),
    };
    let refuse = |refusal: Refusal| {
        render_ask(
            &state,
            lang,
            &signed,
            &programme,
            &other,
            &typed,
            Some(refusal),
        )
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(Refusal::Expired).await;
    }
    let mut errors = Vec::new();
    let direction = Direction::parse(&typed.direction);
    if direction.is_none() {
        errors.push(FieldError::new("direction", "mentoring-error-direction"));
    }
    let theme = typed
        .theme
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|t| other.stored.profile.themes.contains(t));
    if theme.is_none() {
        errors.push(FieldError::new("theme", "mentoring-error-theme-choice"));
    }
    let text = message(
        "message",
        &typed.message,
        "mentoring-error-message",
        &mut errors,
    );
    let Some(direction) = direction.filter(|_| errors.is_empty()) else {
        return refuse(Refusal::invalid(lang, &errors)).await;
    };
    let name = other.stored.profile.name.as_str();
    let outcome = state
        .db
        .ask_mentoring(
            &programme,
            signed.account.id,
            &Ask {
                profile_id: other.stored.id,
                direction,
                theme,
                message: &text,
            },
            crate::time::now(),
        )
        .await?;
    match outcome {
        AskOutcome::Sent(_) => {
            state.mail_wake.notify_one();
            Ok(see_other(format!(
                "{PATH}/{}?bericht=verstuurd",
                programme.public_id
            )))
        }
        AskOutcome::Unavailable => {
            refuse(Refusal::NotNow(lang.t1(
                "mentoring-refused-unavailable",
                "name",
                name,
            )))
            .await
        }
        AskOutcome::NotFitting => {
            refuse(Refusal::Conflict(vec![(
                "direction".to_owned(),
                lang.t("mentoring-refused-fitting"),
            )]))
            .await
        }
        AskOutcome::AlreadyAsked => {
            refuse(Refusal::NotNow(lang.t("mentoring-refused-already"))).await
        }
        AskOutcome::NoProfile => {
            refuse(Refusal::NotNow(lang.t("mentoring-refused-no-profile"))).await
        }
    }
}

/// A refusal to answer, as a page with the way back to the programme (409).
fn refused(
    state: &AppState,
    lang: Lang,
    programme: &str,
    text: String,
) -> Result<Response, PageError> {
    let href = format!("{PATH}/{programme}");
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("mentoring-requests"), &href, "account"),
        heading: lang.t("mentoring-requests"),
        paragraphs: vec![text],
        link: Some((lang.t("mentoring-heading"), href)),
    };
    Ok(private(
        (StatusCode::CONFLICT, Html(page.render()?)).into_response(),
    ))
}

/// A one-button form sent with an old or foreign token (the page stood open too
/// long, or the session changed): nothing done, a page that says so with the way
/// back to the programme, where the button is fresh (403, like every stale form).
pub(super) async fn expired(
    state: &AppState,
    lang: Lang,
    programme: &str,
) -> Result<Response, PageError> {
    let href = format!("{PATH}/{programme}");
    let title = state
        .db
        .programme(programme)
        .await?
        .map(|p| p.title)
        .unwrap_or_else(|| lang.t("mentoring-heading"));
    let heading = lang.t("mentoring-expired-heading");
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &href, "account"),
        heading,
        paragraphs: vec![lang.t("mentoring-expired-text")],
        link: Some((
            lang.t1("mentoring-expired-back", "title", title.as_str()),
            format!("{href}#verzoeken"),
        )),
    };
    Ok(private(
        (StatusCode::FORBIDDEN, Html(page.render()?)).into_response(),
    ))
}

/// The request a path names, for this account; 404 otherwise.
async fn request_of(
    state: &AppState,
    signed: &Signed,
    id: &str,
) -> Result<(String, RequestView), PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    let (programme_id, request) = state
        .db
        .request_for(id, signed.account.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let programme = state
        .db
        .programmes()
        .await?
        .into_iter()
        .find(|p| p.id == programme_id)
        .ok_or(PageError::NotFound)?;
    Ok((programme.public_id, request))
}

/// What an answer came to, as the page that follows.
fn answered(
    state: &AppState,
    lang: Lang,
    programme: &str,
    outcome: AnswerOutcome,
) -> Result<Response, PageError> {
    match outcome {
        AnswerOutcome::Paired(pair) => Ok(see_other(format!(
            "{PATH}/koppels/{pair}?bericht=gekoppeld"
        ))),
        AnswerOutcome::Waiting => Ok(see_other(format!("{PATH}/{programme}?bericht=wacht"))),
        AnswerOutcome::Declined => Ok(see_other(format!("{PATH}/{programme}?bericht=afgewezen"))),
        AnswerOutcome::Expired => {
            refused(state, lang, programme, lang.t("mentoring-refused-expired"))
        }
        AnswerOutcome::AtLimit => {
            refused(state, lang, programme, lang.t("mentoring-refused-limit"))
        }
        AnswerOutcome::NotFound => Err(PageError::NotFound),
    }
}

pub(super) async fn accept(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (programme, _) = request_of(&state, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return expired(&state, lang, &programme).await;
    }
    let outcome = state
        .db
        .answer_request(&id, signed.account.id, None, crate::time::now())
        .await?;
    state.mail_wake.notify_one();
    answered(&state, lang, &programme, outcome)
}

async fn render_decline(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    programme: &str,
    request: &RequestView,
    typed: &str,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let name = request.other_name.as_str();
    let mut answer = FieldView::new(
        "answer",
        lang.t1("mentoring-field-answer", "name", name),
        "textarea",
        typed,
    )
    .required()
    .rows(6);
    answer.error = refusal.as_ref().and_then(|r| r.error("answer"));
    let action = format!("{PATH}/verzoeken/{}/afwijzen", request.public_id);
    let heading = lang.t1("mentoring-decline-heading", "name", name);
    let title = state
        .db
        .programme(programme)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    let page = FormPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "account"),
        programme_href: format!("{PATH}/{programme}"),
        programme_title: title,
        heading,
        intro: lang.t1("mentoring-decline-intro", "name", name),
        about: vec![(lang.t("mentoring-field-message"), request.message.clone())],
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![answer],
        action,
        button: lang.t("mentoring-decline-send"),
        csrf: signed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

pub(super) async fn decline_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (programme, request) = request_of(&state, &signed, &id).await?;
    if !request.mine_to_answer {
        return refused(
            &state,
            lang,
            &programme,
            lang.t("mentoring-refused-expired"),
        );
    }
    let me = state
        .db
        .programme(&programme)
        .await?
        .ok_or(PageError::NotFound)?;
    let own = state
        .db
        .participant(me.id, signed.account.id)
        .await?
        .map(|p| p.stored.profile.name)
        .unwrap_or_else(|| signed.account.name.clone());
    let text = lang.t_args(
        "mentoring-decline-default",
        &[
            ("name", request.other_name.as_str().into()),
            ("me", own.as_str().into()),
        ],
    );
    render_decline(&state, lang, &signed, &programme, &request, &text, None).await
}

pub(super) async fn decline(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (programme, request) = request_of(&state, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = pairs.get("answer");
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render_decline(&state, lang, &signed, &programme, &request, &typed, refusal).await;
    }
    let mut errors = Vec::new();
    let text = message("answer", &typed, "mentoring-error-answer", &mut errors);
    if !errors.is_empty() {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render_decline(&state, lang, &signed, &programme, &request, &typed, refusal).await;
    }
    let outcome = state
        .db
        .answer_request(&id, signed.account.id, Some(&text), crate::time::now())
        .await?;
    state.mail_wake.notify_one();
    answered(&state, lang, &programme, outcome)
}
