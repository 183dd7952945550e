//! Who runs an activity besides its organisers
//! (`/beheer/activiteiten/{id}/kartrekkers`): an organiser invites someone by email
//! to be its kartrekker, sees who has access and who is invited, and takes access
//! away. A kartrekker reaches only this activity's pages, and not its status, next
//! edition or this page ([`crate::domain::access`]). The page says the same for an
//! address with and without an account: the invitation makes one when needed.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::access::{KartrekkerRow, OpenKartrekkerInvitation};
use crate::db::account::{InviteOutcome, NewInvitation};
use crate::domain::access::Permission;
use crate::domain::registration::Email;
use crate::http::AppState;
use crate::http::backoffice::access::{Managed, registration_id_shaped};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, see_other};
use crate::http::kit::query::query_param;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;
use crate::secret::token_hash;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/kartrekkers",
            get(show).post(invite),
        )
        .route(
            "/beheer/activiteiten/{id}/kartrekkers/{account}/verwijderen",
            post(remove),
        )
        .layer(DefaultBodyLimit::max(4 * 1024))
}

#[derive(Template)]
#[template(path = "backoffice/kartrekkers.html")]
struct KartrekkersPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    kartrekkers: Vec<KartrekkerRow>,
    invited: Vec<(String, String)>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

/// The page, with the invite form holding `email` and its error.
async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    status: StatusCode,
    notice: Option<String>,
    email: &str,
    email_error: Option<String>,
) -> Result<Response, PageError> {
    let now = crate::time::now();
    let kartrekkers = state.db.kartrekkers(managed.activity.id).await?;
    let invited = state
        .db
        .open_kartrekker_invitations(managed.activity.id, now)
        .await?
        .into_iter()
        .map(|OpenKartrekkerInvitation { email, expires_at }| (email, lang.date_long(expires_at)))
        .collect();
    let mut field = FieldView::new("email", lang.t("kartrekkers-email"), "email", email)
        .required()
        .autocomplete("email")
        .described(lang.t("kartrekkers-email-help"));
    let error_links = match &email_error {
        Some(message) => ErrorLink::list(&[("email", message.clone())]),
        None => Vec::new(),
    };
    field.error = email_error;
    let base = managed.base();
    let page = KartrekkersPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("kartrekkers-heading"),
            &format!("{base}/kartrekkers"),
            "backoffice",
        ),
        managed,
        base,
        kartrekkers,
        invited,
        notice,
        error_links,
        fields: vec![field],
        csrf: managed.csrf(state),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    managed.require(Permission::Access)?;
    let notice = match query_param(&uri, "bericht").as_deref() {
        Some("uitgenodigd") => Some(lang.t("kartrekkers-invited")),
        Some("al-kartrekker") => Some(lang.t("kartrekkers-already")),
        Some("verwijderd") => Some(lang.t("kartrekkers-removed")),
        _ => None,
    };
    render(&state, lang, &managed, StatusCode::OK, notice, "", None).await
}

async fn invite(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Access)?;
    let pairs = Pairs::parse(&body);
    let typed = pairs.get("email");
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render(
            &state,
            lang,
            &managed,
            StatusCode::FORBIDDEN,
            notice,
            &typed,
            None,
        )
        .await;
    }
    let Some(email) = Email::parse(&typed) else {
        let key = if typed.trim().is_empty() {
            "error-email-required"
        } else {
            "error-email"
        };
        let error = Some(lang.t(key));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&state, lang, &managed, status, None, &typed, error).await;
    };
    let public_id = uuid::Uuid::new_v4().to_string();
    let invitation = NewInvitation {
        token_hash: token_hash(&state.secret.invitation_token(&public_id)),
        public_id,
        organisation_id: managed.organisation.id,
        activity_id: Some(managed.activity.id),
        email,
        invited_by: managed.staff.0.account.id,
        lang,
    };
    let outcome = state.db.invite(&invitation, crate::time::now()).await?;
    let notice = match outcome {
        InviteOutcome::Sent => {
            state.mail_wake.notify_one();
            "uitgenodigd"
        }
        InviteOutcome::AlreadyMember => "al-kartrekker",
    };
    Ok(see_other(format!(
        "{}/kartrekkers?bericht={notice}",
        managed.base()
    )))
}

async fn remove(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, account)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Access)?;
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render(
            &state,
            lang,
            &managed,
            StatusCode::FORBIDDEN,
            notice,
            "",
            None,
        )
        .await;
    }
    if !registration_id_shaped(&account)
        || !state
            .db
            .remove_kartrekker(managed.activity.id, &account, managed.actor())
            .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(see_other(format!(
        "{}/kartrekkers?bericht=verwijderd",
        managed.base()
    )))
}
