//! The JSON API (`/api/v1/…`) and its OpenAPI 3.1 document (`/api/openapi.json`):
//! the public catalog, registration, and the organiser API for personal tokens.
//! Errors are RFC 9457 problem details ([`crate::http::error::ApiError`]).
//!
//! Each route is declared once, with its document: a feature's `routes()` lists its
//! handlers with `routes!`, whose `#[utoipa::path]` gives both the axum route and
//! the OpenAPI operation (its `operationId` is the handler's name, so names are
//! unique across the API).

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
    let body: Arc<str> = document.to_json().unwrap_or_default().into();
    router.route(
        "/api/openapi.json",
        get(move || openapi_document(body.clone())),
    )
}

fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(public::routes())
        .merge(registration::routes())
        .merge(organiser::routes())
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
        description = "Leercafés, leerateliers and keuzemodules: the public catalog and registration, and (under `/api/v1/organiser`, with a personal API token) what organisers do in the back office.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    modifiers(&ApiTokenScheme),
    tags(
        (name = "public", description = "The catalog and registration: no token needed."),
        (name = "organiser", description = "Activities and registrations of the organisations the token's account manages. Make a token in the back office under API-sleutels and send it as `Authorization: Bearer sl_…`. Anything of another organisation answers 404, as if it did not exist."),
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
                        "A personal API token (`sl_…`), made and revoked in the back office under API-sleutels.",
                    ))
                    .build(),
            ),
        );
    }
}
