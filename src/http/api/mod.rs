//! The JSON API (`/api/v1/…`) and its OpenAPI 3.1 document (`/api/openapi.json`):
//! the public catalog, registration, the organiser API for personal tokens, and the
//! member API (a member's own meetings and cases, with the same tokens).
//! Errors are RFC 9457 problem details ([`crate::http::error::ApiError`]).
//!
//! Each route is declared once, with its document: a feature's `routes()` lists its
//! handlers with `routes!`, whose `#[utoipa::path]` gives both the axum route and
//! the OpenAPI operation (its `operationId` is the handler's name, so names are
//! unique across the API).

pub mod community;
pub mod member;
pub mod organiser;
pub mod public;
pub mod registration;

use std::sync::Arc;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::http::AppState;
use crate::http::error::{InvalidParam, Problem};

/// Every API route, and the document that describes them at `/api/openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, mut document) = routes().split_for_parts();
    // After the merge: the routes' operations exist only now.
    utoipa::Modify::modify(&EveryRouteAnswers, &mut document);
    let mut value = serde_json::to_value(&document).unwrap_or_default();
    as_enforced(&mut value);
    let body: Arc<str> = value.to_string().into();
    router.route(
        "/api/openapi.json",
        get(move || openapi_document(body.clone())),
    )
}

fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(public::routes())
        .merge(community::routes())
        .merge(registration::routes())
        .merge(organiser::routes())
        .merge(member::routes())
}

async fn openapi_document(body: Arc<str>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samenleren API",
        description = "Leercafés, leerateliers and keuzemodules: the public catalog and registration; (under `/api/v1/organiser`, with a personal API token) what organisers do in the back office; and (under `/api/v1/me`, with the same kind of token) a member's own meetings and cases in the leerateliers.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    modifiers(&ApiTokenScheme),
    tags(
        (name = "public", description = "The catalog and registration: no token needed."),
        (name = "organiser", description = "Activities and registrations of the organisations the token's account manages. Make a token in the back office under API-sleutels and send it as `Authorization: Bearer sl_…`. Anything of another organisation answers 404, as if it did not exist."),
        (name = "member", description = "A member's own meetings (with their answer) and cases in the leerateliers they are an active member of. Any account makes a token on its account page under API-sleutels (`/account/api-sleutels`). Read only; an atelier they left shows nothing."),
    ),
    components(schemas(
        public::ActivityList,
        public::ActivitySummary,
        public::Activity,
        Problem,
        InvalidParam,
        crate::http::api::registration::RegistrationRequest,
        crate::http::api::registration::RegistrationAccepted,
        crate::http::api::registration::Registration
    ))
)]
struct ApiDoc;

/// Answers a route can give before its handler runs: an address longer than the
/// server takes (414) on every route, and a body larger than it takes (413) on
/// every route that takes one.
struct EveryRouteAnswers;

impl utoipa::Modify for EveryRouteAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build()
        };
        let too_long = ResponseBuilder::new()
            .description("The address (path and query) is longer than the server takes")
            .content("application/problem+json", problem())
            .build();
        let too_large = ResponseBuilder::new()
            .description("The body is larger than the server takes")
            .content("application/problem+json", problem())
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                responses
                    .entry("414".to_owned())
                    .or_insert_with(|| too_long.clone().into());
                if operation.request_body.is_some() {
                    responses
                        .entry("413".to_owned())
                        .or_insert_with(|| too_large.clone().into());
                }
            }
        }
    }
}

/// What the derive cannot say, said in the document as the server enforces it:
/// request bodies refuse fields they do not know (400, at any depth), and a PATCH
/// (JSON Merge Patch) requires no field and takes `null` to restore a default, so
/// it gets its own schema, `ActivityPatch`, made from `ActivityFields`.
fn as_enforced(doc: &mut serde_json::Value) {
    use serde_json::{Value, json};
    // Schemas a request body uses, and schemas an answer uses: only those that are
    // never part of an answer can refuse unknown properties (an answer's schema may
    // be composed with more fields).
    let requests = referenced(doc, "requestBody");
    let answers = referenced(doc, "responses");
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (name, schema) in schemas.iter_mut() {
        let request_only = requests.contains(name) && !answers.contains(name);
        if request_only && schema.get("properties").is_some() {
            schema["additionalProperties"] = json!(false);
        }
    }
    if let Some(fields) = schemas.get("ActivityFields").cloned() {
        let mut patch = fields;
        if let Some(object) = patch.as_object_mut() {
            object.remove("required");
            object.insert("additionalProperties".into(), json!(false));
            object.insert(
                "description".into(),
                json!("Only the fields that change; `null` puts one back to its default."),
            );
        }
        if let Some(properties) = patch.get_mut("properties").and_then(Value::as_object_mut) {
            for property in properties.values_mut() {
                *property = json!({ "anyOf": [property.take(), { "type": "null" }] });
            }
        }
        schemas.insert("ActivityPatch".into(), patch);
        let at = "/paths/~1api~1v1~1organiser~1activities~1{id}/patch/requestBody/content";
        if let Some(content) = doc.pointer_mut(at).and_then(Value::as_object_mut) {
            for media in content.values_mut() {
                media["schema"] = json!({ "$ref": "#/components/schemas/ActivityPatch" });
            }
        }
    }
}

/// The component schemas that the operations' `part` (`requestBody` or `responses`)
/// refer to, directly or through other schemas.
fn referenced(doc: &serde_json::Value, part: &str) -> std::collections::BTreeSet<String> {
    fn refs(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner.as_str()) {
                        ("$ref", Some(target)) => {
                            if let Some(name) = target.strip_prefix("#/components/schemas/") {
                                out.push(name.to_owned());
                            }
                        }
                        _ => refs(inner, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| refs(i, out)),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
            refs(&operation[part], &mut pending);
        }
    }
    let mut found = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if found.insert(name.clone()) {
            refs(&doc["components"]["schemas"][&name], &mut pending);
        }
    }
    found
}

/// The personal API token of the organiser endpoints.
struct ApiTokenScheme;

impl utoipa::Modify for ApiTokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token (`sl_…`), made and revoked on the account page under API-sleutels (organisers also in the back office).",
                    ))
                    .build(),
            ),
        );
    }
}
