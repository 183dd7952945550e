//! Reading a request's path and query string.

use axum::extract::OriginalUri;

pub fn path_of(uri: &OriginalUri) -> String {
    uri.0
        .path_and_query()
        .map_or_else(|| uri.0.path().to_owned(), |p| p.as_str().to_owned())
}

/// Query parameters as pairs; undecodable input yields no pairs rather than an error,
/// because an unreadable filter is ignored like any other.
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

/// The first value of query parameter `name` (e.g. a page's `bericht`).
pub fn query_param(uri: &OriginalUri, name: &str) -> Option<String> {
    query_pairs(uri.query())
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Whether a path segment can be a public id made by `Uuid::new_v4().simple()` (32 hex
/// digits: a membership, case or research project), checked before any lookup.
pub fn public_id_shaped(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}
