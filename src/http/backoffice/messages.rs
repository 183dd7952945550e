//! Writing to registrants (`/beheer/activiteiten/{id}/bericht`): a subject and a
//! text for everyone with a place or everyone on the waitlist. Each person gets their
//! own email through the outbox, in the same transaction as the audit row.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;

use crate::db::messages::Recipients;
use crate::domain::editor::MAX_TITLE;
use crate::domain::input::{line, text};
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::backoffice::form::{FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::FieldView;
use crate::http::kit::forms::{Group, Pairs, Refusal, see_other};
use crate::http::kit::query::query_param;
use crate::i18n::Lang;

/// The longest message.
pub const MAX_MESSAGE: usize = 10_000;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/beheer/activiteiten/{id}/bericht",
        get(message_form).post(send_message),
    )
}

/// The form as typed.
#[derive(Default)]
struct Draft {
    to: String,
    subject: String,
    message: String,
}

fn groups(lang: Lang, draft: &Draft, counts: (i64, i64)) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("to", lang.t("message-to"), "select", &draft.to)
                .required()
                .options(vec![
                    (
                        Recipients::Places.as_str().into(),
                        lang.t1("message-to-places", "count", counts.0),
                    ),
                    (
                        Recipients::Waitlist.as_str().into(),
                        lang.t1("message-to-waitlist", "count", counts.1),
                    ),
                ]),
            FieldView::new("subject", lang.t("message-subject"), "text", &draft.subject)
                .required()
                .described(lang.t("message-subject-help")),
            FieldView::new(
                "message",
                lang.t("message-text"),
                "textarea",
                &draft.message,
            )
            .required()
            .rows(10)
            .described(lang.t("message-text-help")),
        ],
    )]
}

fn frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("message-heading"),
        format!("{}/bericht", managed.base()),
        "message-send",
    )
}

async fn counts(state: &AppState, managed: &Managed) -> Result<(i64, i64), PageError> {
    let db = &state.db;
    let id = managed.activity.id;
    Ok((
        db.recipient_count(id, Recipients::Places).await?,
        db.recipient_count(id, Recipients::Waitlist).await?,
    ))
}

async fn message_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let counts = counts(&state, &managed).await?;
    let notice = query_param(&uri, "verstuurd")
        .and_then(|n| n.parse::<i64>().ok())
        .map(|n| lang.t1("message-sent", "count", n));
    let draft = Draft {
        to: Recipients::Places.as_str().into(),
        ..Draft::default()
    };
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        frame(lang, &managed)
            .intro(vec![lang.t("message-intro")])
            .notice(notice),
        groups(lang, &draft, counts),
        &[],
    )
}

async fn send_message(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let draft = Draft {
        to: pairs.get("to"),
        subject: pairs.get("subject"),
        message: pairs.get("message"),
    };
    let counts = counts(&state, &managed).await?;
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            frame(lang, &managed)
                .intro(vec![lang.t("message-intro")])
                .notice(refusal.notice(lang)),
            groups(lang, &draft, counts),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired);
    }
    let mut errors = Vec::new();
    let to = Recipients::parse(&draft.to);
    match to {
        None => errors.push(("to".into(), lang.t("error-choice"))),
        Some(to) => {
            let count = match to {
                Recipients::Places => counts.0,
                Recipients::Waitlist => counts.1,
            };
            if count == 0 {
                errors.push(("to".into(), lang.t("message-error-nobody")));
            }
        }
    }
    let required = |value: Result<String, &'static str>, key: &str| match value {
        Ok(v) if v.is_empty() => Err(key.to_owned()),
        Ok(v) => Ok(v),
        Err(key) => Err(key.to_owned()),
    };
    let subject = required(line(&draft.subject, MAX_TITLE), "message-error-subject");
    let message = required(text(&draft.message, MAX_MESSAGE), "message-error-text");
    if let Err(key) = &subject {
        errors.push(("subject".into(), lang.t(key)));
    }
    if let Err(key) = &message {
        errors.push(("message".into(), lang.t(key)));
    }
    let (Some(to), Ok(subject), Ok(message), true) = (to, subject, message, errors.is_empty())
    else {
        return refuse(Refusal::Invalid(errors));
    };
    let sent = state
        .db
        .write_to_registrants(
            managed.activity.id,
            to,
            &subject,
            &message,
            &managed.staff.0.account.email,
            managed.actor(),
        )
        .await?;
    state.mail_wake.notify_one();
    Ok(see_other(format!(
        "{}/bericht?verstuurd={sent}",
        managed.base()
    )))
}
