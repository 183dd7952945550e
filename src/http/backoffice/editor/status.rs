//! Status changes: publish, cancel (with a message to everyone registered),
//! archive, and a next edition.

use super::*;
use crate::domain::access::Permission;

pub(super) async fn change_status(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let render = OverviewRender::refused(Refusal::Expired);
        return render_overview(&state, lang, &managed, render).await;
    }
    // Cancelling has its own page: it emails everyone registered.
    let action = match StatusAction::parse(&pairs.get("action")) {
        Some(StatusAction::Cancel) => {
            return Ok(see_other(format!("{}/annuleren", managed.base())));
        }
        Some(action) => action,
        None => {
            return Ok(see_other(format!(
                "{}?bericht=niet-toegestaan",
                managed.base()
            )));
        }
    };
    apply_status(&state, lang, &managed, action, "").await
}

pub(super) async fn apply_status(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    action: StatusAction,
    message: &str,
) -> Result<Response, PageError> {
    let outcome = state
        .db
        .change_status(managed.activity.id, action, message, managed.actor())
        .await?;
    match outcome {
        StatusOutcome::Changed { status, notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            let word = match status {
                ActivityStatus::Published => "gepubliceerd",
                ActivityStatus::Cancelled => "geannuleerd",
                _ => "gearchiveerd",
            };
            Ok(see_other(format!(
                "{}?bericht={word}&mails={notified}",
                managed.base()
            )))
        }
        StatusOutcome::NoSession => {
            let refusal = Refusal::NotNow(lang.t("bo-publish-needs-session"));
            render_overview(state, lang, managed, OverviewRender::refused(refusal)).await
        }
        StatusOutcome::NotAllowed(_) => {
            let refusal = Refusal::NotNow(lang.t("bo-notice-not-allowed"));
            render_overview(state, lang, managed, OverviewRender::refused(refusal)).await
        }
    }
}

pub(super) fn cancel_groups(lang: Lang, message: &str) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("message", lang.t("bo-cancel-message"), "textarea", message)
                .rows(6)
                .described(lang.t("bo-cancel-message-help")),
        ],
    )]
}

pub(super) async fn cancel_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    if transition(managed.activity.status, StatusAction::Cancel).is_none() {
        return Ok(see_other(format!(
            "{}?bericht=niet-toegestaan",
            managed.base()
        )));
    }
    let informed = state.db.informed_count(managed.activity.id).await?;
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        cancel_frame(lang, &managed).intro(vec![lang.t1(
            "bo-cancel-intro",
            "count",
            informed as i64,
        )]),
        cancel_groups(lang, ""),
        &[],
    )
}

pub(super) fn cancel_frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("bo-cancel-heading"),
        format!("{}/annuleren", managed.base()),
        "bo-cancel-confirm",
    )
}

pub(super) async fn cancel_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("message");
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            cancel_frame(lang, &managed).notice(refusal.notice(lang)),
            cancel_groups(lang, &raw),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired);
    }
    let message = match text(&raw, MAX_NOTE) {
        Ok(message) => message,
        Err(key) => {
            return refuse(Refusal::Invalid(vec![("message".into(), lang.t(key))]));
        }
    };
    apply_status(&state, lang, &managed, StatusAction::Cancel, &message).await
}

pub(super) async fn next_edition(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Copy)?;
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("date");
    if !managed.form_ok(&state, &headers, &pairs) {
        let render = OverviewRender::refused(Refusal::Expired);
        return render_overview(&state, lang, &managed, render).await;
    }
    let date = match crate::domain::input::parse_date(&raw) {
        Ok(date) => date,
        Err(key) => {
            let render = OverviewRender {
                refusal: Some(Refusal::field("date", lang.t(key))),
                date: raw.clone(),
                ..OverviewRender::default()
            };
            return render_overview(&state, lang, &managed, render).await;
        }
    };
    let public_id = state
        .db
        .duplicate_activity(managed.activity.id, date, managed.actor())
        .await?;
    Ok(see_other(format!(
        "/beheer/activiteiten/{public_id}?bericht=gekopieerd"
    )))
}
