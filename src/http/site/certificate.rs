//! Certificates on the site: `/certificaat/{id}`, where anyone holding the link sees
//! whether the certificate is valid, revoked (with the date) or unknown (404), and
//! what the certificate itself says — nothing more about the person; and the PDF for
//! the person, behind their manage link (`/aanmelding/{token}/bewijs.pdf`).

use askama::Template;
use axum::Router;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::certificate::{dates, hours, pdf, points};
use crate::db::certificate::{CertificateRow, Standing};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::headers::private;
use crate::http::kit::views::{Chrome, MessagePage};
use crate::http::site::registration::find_by_token;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/certificaat/{id}", get(verify))
        .route("/aanmelding/{token}/bewijs.pdf", get(download))
}

/// Whether `id` can be a certificate's public id (32 hex digits), checked before
/// any lookup.
pub(crate) fn certificate_id_shaped(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One register row as the page shows it.
struct RegisterView {
    register: String,
    category: String,
    id_number: String,
    points: String,
}

#[derive(Template)]
#[template(path = "site/certificate.html")]
struct VerifyPage {
    lang: Lang,
    chrome: Chrome,
    /// The alert's words and whether it is the good news.
    status: String,
    valid: bool,
    name: String,
    anonymised: bool,
    activity: String,
    dates: String,
    hours: String,
    registers: Vec<RegisterView>,
    organiser: String,
    issued: String,
    number: String,
    badge_href: String,
}

/// The page saying there is no such certificate (404).
fn not_found(state: &AppState, lang: Lang, path: &str) -> Result<Response, PageError> {
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("verify-not-found-title"), path, ""),
        heading: lang.t("verify-not-found-title"),
        paragraphs: vec![lang.t("verify-not-found-text")],
        link: None,
    };
    Ok(private(
        (StatusCode::NOT_FOUND, Html(page.render()?)).into_response(),
    ))
}

async fn verify(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let path = format!("/certificaat/{id}");
    if !certificate_id_shaped(&id) {
        return not_found(&state, lang, "/certificaat");
    }
    let Some(row) = state.db.certificate(&id).await? else {
        return not_found(&state, lang, &path);
    };
    let (status, valid) = match row.standing() {
        Standing::Revoked(at) => (lang.t1("verify-revoked", "date", lang.date_long(at)), false),
        Standing::Valid if row.anonymised => (lang.t("verify-valid-anonymised"), true),
        Standing::Valid => (lang.t("verify-valid"), true),
    };
    let page = VerifyPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("verify-title"), &path, ""),
        status,
        valid,
        name: if row.anonymised {
            lang.t("certificate-anonymised")
        } else {
            row.name.clone()
        },
        anonymised: row.anonymised,
        activity: row.activity_title.clone(),
        dates: dates(lang, &row.days()),
        hours: lang.t1(
            "certificate-hours-value",
            "hours",
            hours(lang, u32::try_from(row.net_minutes).unwrap_or(0)),
        ),
        registers: row
            .register_lines()
            .into_iter()
            .map(|l| RegisterView {
                points: points(lang, l.points_tenths),
                register: l.register,
                category: l.category,
                id_number: l.id_number,
            })
            .collect(),
        organiser: row.organiser.clone(),
        issued: lang.date_long(row.issued_at),
        number: row.number(),
        badge_href: format!("/openbadges/assertions/{}", row.public_id),
    };
    Ok(private(Html(page.render()?).into_response()))
}

/// The PDF of a certificate, as a download named after its number.
pub(crate) fn pdf_response(state: &AppState, row: &CertificateRow) -> Result<Response, PageError> {
    let bytes = pdf::render(&row.document(&state.settings.base_url)).map_err(PageError::from)?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"bewijs-van-deelname-{}.pdf\"",
        row.number()
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(private(response))
}

/// The person's own certificate behind their manage link; a revoked one or none at
/// all is a page saying so (404).
async fn download(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let row = match find_by_token(&state, &token).await? {
        Some(registration) => {
            state
                .db
                .certificate_of_registration(registration.id)
                .await?
        }
        None => None,
    };
    match row {
        Some(row) if row.revoked_at.is_none() => pdf_response(&state, &row),
        _ => {
            let page = MessagePage {
                lang,
                chrome: Chrome::new(&state, lang, lang.t("certificate-gone-title"), "/", ""),
                heading: lang.t("certificate-gone-title"),
                paragraphs: vec![lang.t("certificate-gone-text")],
                link: None,
            };
            Ok(private(
                (StatusCode::NOT_FOUND, Html(page.render()?)).into_response(),
            ))
        }
    }
}
