//! Response headers the surfaces share.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// Headers of every page behind a manage link: the token is in the URL, so no
/// referrer, no caching, no indexing.
pub fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// [`private`] as a layer (`axum::middleware::map_response(private_layer)`), for a
/// surface whose every answer is personal: the back office, the organiser API.
pub async fn private_layer(response: Response) -> Response {
    private(response)
}
