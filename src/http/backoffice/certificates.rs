//! Certificates of an activity in the back office
//! (`/beheer/activiteiten/{id}/bewijzen`): who has one and whether it still counts,
//! a button that issues them to every checked-in attendee in one go (the job does
//! the same after the activity ended), and revoking one with a reason. Anyone who may
//! see the registrations sees the list; issuing and revoking are the host's
//! decision ([`Permission::Status`]).

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::db::certificate::{CertificateRow, RevokeOutcome, Standing};
use crate::domain::access::Permission;
use crate::domain::certificate::revoke_reason;
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice_key};
use crate::http::kit::query::query_param;
use crate::http::kit::views::Chrome;
use crate::http::site::certificate::certificate_id_shaped;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/activiteiten/{id}/bewijzen", get(show).post(issue))
        .route(
            "/beheer/activiteiten/{id}/bewijzen/{certificate}/intrekken",
            get(show_revoke).post(revoke),
        )
        .layer(DefaultBodyLimit::max(8 * 1024))
}

/// One certificate as the list shows it.
struct Line {
    public_id: String,
    name: String,
    number: String,
    issued: String,
    status: String,
    revocable: bool,
}

#[derive(Template)]
#[template(path = "backoffice/certificates.html")]
struct CertificatesPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    due: String,
    may_issue: bool,
    may_revoke: bool,
    lines: Vec<Line>,
    notice: Option<String>,
    csrf: String,
}

#[derive(Template)]
#[template(path = "backoffice/certificate_revoke.html")]
struct RevokePage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    action: String,
    intro: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

fn line(lang: Lang, row: &CertificateRow) -> Line {
    let status = match row.standing() {
        Standing::Revoked(at) => {
            lang.t1("certificates-status-revoked", "date", lang.date_short(at))
        }
        Standing::Valid if row.anonymised => lang.t("certificates-status-anonymised"),
        Standing::Valid => lang.t("certificates-status-valid"),
    };
    Line {
        public_id: row.public_id.clone(),
        name: if row.anonymised {
            lang.t("certificate-anonymised")
        } else {
            row.name.clone()
        },
        number: row.number(),
        issued: lang.date_short(row.issued_at),
        status,
        revocable: row.revoked_at.is_none(),
    }
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    managed.require(Permission::Registrations)?;
    let id = managed.activity.id;
    let due = state.db.certificates_due(id).await?;
    let lines = state
        .db
        .certificates_of_activity(id)
        .await?
        .iter()
        .map(|row| line(lang, row))
        .collect();
    // The count after issuing rides along in the address.
    let notice = match notice_key(&uri, NOTICES) {
        Some("certificates-issued") => {
            let count = query_param(&uri, "aantal")
                .and_then(|n| n.parse::<i64>().ok())
                .unwrap_or(0);
            Some(lang.t1("certificates-issued", "count", count))
        }
        Some(key) => Some(lang.t(key)),
        None => None,
    };
    let base = managed.base();
    let page = CertificatesPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("certificates-heading"),
            &format!("{base}/bewijzen"),
            "backoffice",
        ),
        managed: &managed,
        base,
        due: lang.t1("certificates-due", "count", due),
        may_issue: managed.may(Permission::Status) && due > 0,
        may_revoke: managed.may(Permission::Status),
        lines,
        notice,
        csrf: managed.csrf(&state),
    };
    Ok(Html(page.render()?).into_response())
}

async fn issue(
    State(state): State<AppState>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        return Err(PageError::Forbidden);
    }
    let issued = state
        .db
        .issue_certificates(
            managed.activity.id,
            Some(managed.staff.0.account.id),
            crate::time::now(),
        )
        .await?;
    state.mail_wake.notify_one();
    Ok(see_other(format!(
        "{}/bewijzen?bericht=uitgegeven&aantal={issued}",
        managed.base()
    )))
}

/// The certificate of this activity that the path names; 404 otherwise.
async fn named(
    state: &AppState,
    managed: &Managed,
    public_id: &str,
) -> Result<CertificateRow, PageError> {
    if !certificate_id_shaped(public_id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .certificate(public_id)
        .await?
        .filter(|row| row.activity_id == managed.activity.id)
        .ok_or(PageError::NotFound)
}

/// The revoke form with `reason` as typed, refused when `refusal` says so.
async fn render_revoke(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    row: &CertificateRow,
    reason: &str,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let base = managed.base();
    let action = format!("{base}/bewijzen/{}/intrekken", row.public_id);
    let name = if row.anonymised {
        lang.t("certificate-anonymised")
    } else {
        row.name.clone()
    };
    let mut field = FieldView::new("reason", lang.t("certificates-reason"), "textarea", reason)
        .required()
        .rows(3)
        .described(lang.t("certificates-reason-help"));
    field.error = refusal.as_ref().and_then(|r| r.error("reason"));
    let page = RevokePage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("certificates-revoke-heading"),
            &action,
            "backoffice",
        ),
        managed,
        base,
        intro: lang.t_args(
            "certificates-revoke-intro",
            &[("name", name.into()), ("number", row.number().into())],
        ),
        action,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![field],
        csrf: managed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, public_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    let row = named(&state, &managed, &public_id).await?;
    let refusal = row.revoked_at.map(|at| {
        Refusal::NotNow(lang.t1("certificates-already-revoked", "date", lang.date_long(at)))
    });
    render_revoke(&state, lang, &managed, &row, "", refusal).await
}

async fn revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, public_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Status)?;
    let row = named(&state, &managed, &public_id).await?;
    let pairs = Pairs::parse(&body);
    let typed = pairs.get("reason");
    if !managed.form_ok(&state, &headers, &pairs) {
        return render_revoke(&state, lang, &managed, &row, &typed, Some(Refusal::Expired)).await;
    }
    let reason = match revoke_reason(&typed) {
        Ok(reason) => reason,
        Err(key) => {
            let refusal = Refusal::field("reason", lang.t(key));
            return render_revoke(&state, lang, &managed, &row, &typed, Some(refusal)).await;
        }
    };
    let outcome = state
        .db
        .revoke_certificate(
            managed.activity.id,
            &row.public_id,
            &reason,
            managed.staff.0.account.id,
            crate::time::now(),
        )
        .await?;
    match outcome {
        RevokeOutcome::Revoked => Ok(see_other(format!(
            "{}/bewijzen?bericht=ingetrokken",
            managed.base()
        ))),
        RevokeOutcome::AlreadyRevoked(at) => {
            let refusal = Refusal::NotNow(lang.t1(
                "certificates-already-revoked",
                "date",
                lang.date_long(at),
            ));
            render_revoke(&state, lang, &managed, &row, &typed, Some(refusal)).await
        }
        RevokeOutcome::NotFound => Err(PageError::NotFound),
    }
}

/// The page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("uitgegeven", "certificates-issued"),
    ("ingetrokken", "certificates-revoked"),
];
