//! The organiser API: what the back office does with activities and registrations,
//! as JSON, for a personal API token (`Authorization: Bearer sl_…`, made under
//! `/beheer/api-sleutels`). It follows the pages' rules exactly: it finds
//! organisations and activities through the same functions
//! ([`organisation_for`], [`activity_for`]), so an organisation the token's account
//! does not manage, or an activity none of whose hosts it manages, is 404 whether it
//! exists or not; it checks input with the editor's rules (errors name the JSON
//! field) and stores through the editor's storage, so the audit rows and the emails
//! to registrants are the same. A missing, unknown or revoked token is 401.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::api_token::TokenAccount;
use crate::db::catalog::SessionDetail;
use crate::db::editor::{
    ActivityAccess, Actor, DeleteOutcome, EditorActivity, NewVenue, SaveOutcome, StatusOutcome,
};
use crate::db::organisation::OrganisationRef;
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind};
use crate::domain::editor::{
    ActivityInput, ProgramInput, SessionInput, StatusAction, validate_activity,
};
use crate::domain::input::FieldError;
use crate::domain::input::{local_datetime_value, people_value};
use crate::domain::registration::{QuestionKind, RegistrationState};
use crate::export::{Table, csv_bytes, xlsx_bytes};
use crate::http::AppState;
use crate::http::api::registration::json_body;
use crate::http::backoffice::access::activity_for;
use crate::http::backoffice::access::organisation_for;
use crate::http::backoffice::editor::{Choices, SessionForm, offered, refresh_slug};
use crate::http::backoffice::roster::{CSV_TYPE, XLSX_TYPE, attachment, export_name, export_table};
use crate::http::error::{ApiError, InvalidParam, Problem};
use crate::http::kit::headers::private_layer;
use crate::i18n::Lang;
use crate::secret::{is_api_token_shaped, token_hash};
use crate::time::now;

mod access;
mod activities;
mod answers;
mod documents;
mod registrations;
mod sessions;

pub use access::*;
pub use activities::*;
use answers::*;
pub use documents::*;
pub use registrations::*;
pub use sessions::*;

/// Bodies are activity documents: the same limit as the activity form.
const MAX_BODY: usize = 256 * 1024;

const ORGANISER: &str = "/api/v1/organiser";

/// The organiser API, each route with its document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(venues))
        .routes(routes!(list_managed_activities, create_activity))
        .routes(routes!(
            get_managed_activity,
            update_activity,
            delete_activity
        ))
        .routes(routes!(change_status))
        .routes(routes!(create_session))
        .routes(routes!(update_session, delete_session))
        .routes(routes!(list_registrations))
        .routes(routes!(export_csv))
        .routes(routes!(export_xlsx))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        // Every answer is about the token's own account and organisations.
        .layer(axum::middleware::map_response(private_layer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        // The examples of RFC 7396, appendix A, that concern objects.
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": "b", "b": "c"}),
                json!({"a": null}),
                json!({"b": "c"}),
            ),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": {"b": "c"}}),
                json!({"a": {"b": "d", "c": null}}),
                json!({"a": {"b": "d"}}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!([1, 2]),
                json!({"a": "b", "c": null}),
                json!({"a": "b"}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (mut target, patch, expected) in cases {
            merge_patch(&mut target, patch.clone());
            assert_eq!(target, expected, "patch {patch}");
        }
    }

    #[test]
    fn editor_field_names_become_json_paths() {
        assert_eq!(activity_field("cost"), "cost_cents");
        assert_eq!(activity_field("opens_at"), "registration_opens_at");
        assert_eq!(activity_field("contact_email"), "contact.email");
        assert_eq!(activity_field("title"), "title");
        assert_eq!(session_field("p3_time"), "program.3.time");
        assert_eq!(session_field("p12_speakers"), "program.12.speakers");
        assert_eq!(session_field("venue_name"), "new_venue.name");
        assert_eq!(session_field("venue_transit"), "new_venue.route_transit");
        assert_eq!(session_field("venue"), "venue");
        assert_eq!(session_field("postcode"), "postcode");
    }

    #[test]
    fn fields_become_the_form_the_editor_checks() {
        let fields: ActivityFields = serde_json::from_value(json!({
            "kind": "cafe",
            "title": "Leercafé",
            "summary": "Samen leren.",
            "cost_cents": 1250,
            "capacity": 30,
            "registration_opens_at": "2026-12-01T08:00:00Z",
            "contact": {"name": "An", "email": "an@example.nl"},
            "facilitators": [{"name": "Bo", "affiliation": "Movisie"}, {"name": "Cas"}],
            "links": [{"title": "Lees", "url": "https://example.nl/a"}]
        }))
        .unwrap();
        assert!(fields.waitlist && fields.registration_open, "defaults on");
        assert_eq!(fields.offer_hours, 48);
        let input = fields.input();
        assert_eq!(input.cost, "12,50");
        assert_eq!(input.capacity, "30");
        // 08:00 UTC on 1 December is 09:00 in Amsterdam.
        assert_eq!(input.opens_at, "2026-12-01T09:00");
        assert_eq!(input.contact_name, "An");
        assert_eq!(input.facilitators, "Bo (Movisie)\nCas");
        assert_eq!(input.links, "Lees | https://example.nl/a");
        let valid = validate_activity(&input, Default::default()).unwrap();
        assert_eq!(valid.cost_cents, Some(1250));
        assert_eq!(valid.facilitators.len(), 2);
        // A negative cost stays negative, so the editor refuses it.
        let negative = ActivityFields {
            cost_cents: Some(-5),
            ..fields
        };
        let errors = validate_activity(&negative.input(), Default::default()).unwrap_err();
        assert_eq!(activity_field(&errors[0].field), "cost_cents");
    }

    #[test]
    fn unknown_fields_are_refused_not_ignored() {
        let sent = json!({"kind": "cafe", "title": "T", "summary": "S", "status": "published"});
        match strict::<ActivityFields>(sent) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("unknown field `status`"), "{detail}")
            }
            _ => panic!("an unknown field is refused"),
        }
        // In a nested object too, and a null only asks for the default.
        let nested = json!({"kind": "cafe", "title": "T", "summary": "S",
            "contact": {"name": "An", "telefoon": "1"}});
        assert!(matches!(
            strict::<ActivityFields>(nested),
            Err(ApiError::BadRequest(_))
        ));
        let nulls = json!({"kind": "cafe", "title": "T", "summary": "S", "capacity": null});
        assert!(strict::<ActivityFields>(nulls).is_ok());
        let session = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "new_venue": {"name": "Zaal"}, "notify": false});
        match strict::<SessionFields>(session) {
            Err(ApiError::BadRequest(detail)) => assert!(detail.contains("`notify`"), "{detail}"),
            _ => panic!("notify belongs in the query"),
        }
        // Deeper: in a new venue, in the second program row's second speaker.
        let deep = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "new_venue": {"name": "Zaal", "stad": "Utrecht"}});
        match strict::<SessionFields>(deep) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("`new_venue.stad`"), "{detail}")
            }
            _ => panic!("a misspelt venue field is refused"),
        }
        let deeper = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "program": [{"title": "A"}, {"title": "B", "speakers": [{"name": "C"}, {"name": "D", "rol": "x"}]}]});
        match strict::<SessionFields>(deeper) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("`program.1.speakers.1.rol`"), "{detail}")
            }
            _ => panic!("a misspelt speaker field is refused"),
        }
    }
}
