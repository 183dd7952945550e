//! Open Badges 2.0, hosted verification: every certificate is also an assertion at a
//! stable address (`/openbadges/assertions/{id}`), pointing at the badge class of its
//! activity (`/openbadges/badges/{slug}`), which points at its issuer, the activity's
//! first host (`/openbadges/issuers/{slug}`). A backpack checks a badge by fetching
//! the assertion again: a revoked certificate — or one no longer in anyone's name —
//! answers 410 Gone with `revoked: true`, as the specification asks. The recipient is
//! the person's address, hashed with a salt per certificate.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::db::certificate::BadgeIssuer;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::site::certificate::certificate_id_shaped;

const CONTEXT: &str = "https://w3id.org/openbadges/v2";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openbadges/issuers/{slug}", get(issuer))
        .route("/openbadges/badges/{slug}", get(badge_class))
        .route("/openbadges/assertions/{id}", get(assertion))
        .route("/openbadges/badge.svg", get(image))
}

/// JSON-LD with the status; anyone may fetch it (backpacks do so from their server
/// or from the browser), nobody stores it (a revocation must be seen at once).
fn json_ld(status: StatusCode, value: &Value) -> Response {
    let mut response = (status, value.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/ld+json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

fn issuer_id(base: &str, slug: &str) -> String {
    format!("{base}/openbadges/issuers/{slug}")
}

fn badge_id(base: &str, slug: &str) -> String {
    format!("{base}/openbadges/badges/{slug}")
}

/// The issuer profile of an organisation.
pub fn issuer_json(base: &str, issuer: &BadgeIssuer) -> Value {
    let url = if issuer.website.is_empty() {
        format!("{base}/organisaties/{}", issuer.slug)
    } else {
        issuer.website.clone()
    };
    let mut value = json!({
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_id(base, &issuer.slug),
        "name": issuer.name,
        "url": url,
    });
    if !issuer.description.is_empty() {
        value["description"] = json!(issuer.description);
    }
    value
}

async fn issuer(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let issuer = state
        .db
        .badge_issuer(&slug)
        .await?
        .ok_or(PageError::NotFound)?;
    let base = &state.settings.base_url;
    Ok(json_ld(StatusCode::OK, &issuer_json(base, &issuer)))
}

async fn badge_class(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let activity = state
        .db
        .badge_activity(&slug)
        .await?
        .ok_or(PageError::NotFound)?;
    let issuer = state
        .db
        .badge_issuer_of(activity.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let base = &state.settings.base_url;
    let page = format!("{base}/activiteiten/{}", activity.slug);
    let description = if activity.summary.is_empty() {
        format!("Bewijs van deelname aan {}.", activity.title)
    } else {
        activity.summary.clone()
    };
    let value = json!({
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_id(base, &activity.slug),
        "name": format!("Bewijs van deelname: {}", activity.title),
        "description": description,
        "image": format!("{base}/openbadges/badge.svg"),
        "criteria": {
            "id": page,
            "narrative": format!(
                "Aanwezig geweest (ingecheckt) bij {}. Uitgegeven na afloop, met de netto \
                 leertijd en de accreditatie op het bewijs.",
                activity.title
            ),
        },
        "issuer": issuer_id(base, &issuer.slug),
    });
    Ok(json_ld(StatusCode::OK, &value))
}

async fn assertion(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if !certificate_id_shaped(&id) {
        return Err(PageError::NotFound);
    }
    let row = state
        .db
        .certificate(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    let base = &state.settings.base_url;
    let assertion_id = format!("{base}/openbadges/assertions/{}", row.public_id);
    // Revoked, or no longer anyone's: the hosted answer the specification gives.
    let gone = match (
        row.revoked_at,
        row.anonymised || row.badge_identity.is_empty(),
    ) {
        (Some(_), _) => Some("Ingetrokken door de organisatie."),
        (None, true) => Some("Niet meer op naam: de gegevens van de deelnemer zijn verwijderd."),
        (None, false) => None,
    };
    if let Some(reason) = gone {
        let value = json!({
            "@context": CONTEXT,
            "type": "Assertion",
            "id": assertion_id,
            "revoked": true,
            "revocationReason": reason,
        });
        return Ok(json_ld(StatusCode::GONE, &value));
    }
    let value = json!({
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_id,
        "recipient": {
            "type": "email",
            "hashed": true,
            "salt": row.badge_salt,
            "identity": row.badge_identity,
        },
        "badge": badge_id(base, &row.activity_slug),
        "verification": { "type": "hosted" },
        "issuedOn": row.issued_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "evidence": crate::db::certificate::verify_url(base, &row.public_id),
    });
    Ok(json_ld(StatusCode::OK, &value))
}

/// The badge's picture: a rosette with a check mark, the same for every activity.
const BADGE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img" aria-label="Bewijs van deelname"><circle cx="100" cy="100" r="92" fill="#173d73"/><circle cx="100" cy="100" r="74" fill="none" stroke="#ffffff" stroke-width="6"/><path d="M62 102 L88 128 L140 74" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/></svg>"##;

async fn image() -> Response {
    let mut response = BADGE_SVG.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}
