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
use crate::db::account::InviteOutcome;
use crate::domain::access::Permission;
use crate::domain::registration::Email;
use crate::http::AppState;
use crate::http::backoffice::access::{
    InviteTo, Managed, email_error_key, registration_id_shaped, send_invitation,
};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

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

/// The page, with the invite form holding `email`; refused (403, 422) when
/// `refusal` says so, with `notice` above it otherwise.
async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    refusal: Option<Refusal>,
    notice: Option<String>,
    email: &str,
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
    let errors = refusal.as_ref().map(Refusal::errors).unwrap_or_default();
    let error_links = ErrorLink::list(
        &errors
            .iter()
            .map(|(field, message)| (field.as_str(), message.clone()))
            .collect::<Vec<_>>(),
    );
    field.error = errors.first().map(|(_, message)| message.clone());
    let status = refusal.as_ref().map_or(StatusCode::OK, Refusal::status);
    let notice = refusal.as_ref().and_then(|r| r.notice(lang)).or(notice);
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
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &managed, None, notice, "").await
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
        return render(&state, lang, &managed, Some(Refusal::Expired), None, &typed).await;
    }
    let Some(email) = Email::parse(&typed) else {
        let refusal = Refusal::Invalid(vec![("email".into(), lang.t(email_error_key(&typed)))]);
        return render(&state, lang, &managed, Some(refusal), None, &typed).await;
    };
    let account = managed.staff.0.account.id;
    let (organisation, to) = (
        managed.organisation.id,
        InviteTo::Kartrekker(managed.activity.id),
    );
    let notice = match send_invitation(&state, organisation, to, email, account, lang).await? {
        InviteOutcome::Sent => "uitgenodigd",
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
        return render(&state, lang, &managed, Some(Refusal::Expired), None, "").await;
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

/// The page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("uitgenodigd", "kartrekkers-invited"),
    ("al-kartrekker", "kartrekkers-already"),
    ("verwijderd", "kartrekkers-removed"),
];
