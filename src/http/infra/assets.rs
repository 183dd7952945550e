//! Static files, embedded at build time: fingerprinted URLs cached for a year,
//! compressed once on first use.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::http::AppState;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// One embedded file.
pub struct Asset {
    pub bytes: &'static [u8],
    pub content_type: &'static str,
    /// First 10 hex digits of its SHA-256: the `?v=` of its URL and its ETag.
    pub hash: String,
    gzip: OnceLock<Option<Vec<u8>>>,
}

/// All embedded files by path below `static/`.
#[derive(Clone)]
pub struct Assets(Arc<HashMap<&'static str, Asset>>);

impl Default for Assets {
    fn default() -> Self {
        Self::load()
    }
}

impl Assets {
    pub fn load() -> Self {
        let map = embedded::FILES
            .iter()
            .map(|(path, bytes)| {
                let digest = Sha256::digest(bytes);
                let hash = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
                let asset = Asset {
                    bytes,
                    content_type: content_type(path),
                    hash,
                    gzip: OnceLock::new(),
                };
                (*path, asset)
            })
            .collect();
        Self(Arc::new(map))
    }

    /// The fingerprinted URL of a file, e.g. `/static/css/app.css?v=1a2b3c4d5e`.
    /// Panics on a missing file: templates name files that ship with the binary.
    pub fn url(&self, path: &str) -> String {
        let asset = self
            .0
            .get(path)
            .unwrap_or_else(|| panic!("no static file {path}"));
        format!("/static/{path}?v={}", asset.hash)
    }

    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.0.get(path)
    }
}

impl Asset {
    /// Gzip only pays off for text.
    fn gzipped(&self) -> Option<&[u8]> {
        self.gzip
            .get_or_init(|| {
                let compressible = self.content_type.starts_with("text/")
                    || self.content_type.contains("javascript")
                    || self.content_type.contains("svg");
                if !compressible || self.bytes.len() < 1024 {
                    return None;
                }
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                encoder.write_all(self.bytes).ok()?;
                encoder.finish().ok()
            })
            .as_deref()
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[derive(serde::Deserialize)]
pub struct Version {
    v: Option<String>,
}

/// Whether the client accepts gzip (a `q=0` refusal counts as no).
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut pieces = part.split(';');
            let coding = pieces.next().unwrap_or_default().trim();
            let refused =
                pieces.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
}

pub async fn serve_asset(
    State(state): State<AppState>,
    Path(path): Path<String>,
    Query(version): Query<Version>,
    headers: HeaderMap,
) -> Response {
    let Some(asset) = state.assets.get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", asset.hash);
    // A matching fingerprint never changes: cache for a year. A bare or stale URL
    // is revalidated every time.
    let cache = if version.v.as_deref() == Some(asset.hash.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=0, must-revalidate"
    };
    let mut builder = Response::builder()
        .header(header::CACHE_CONTROL, cache)
        .header(header::ETAG, &etag)
        .header(header::VARY, "Accept-Encoding");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    builder = builder.header(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    let body = match asset.gzipped().filter(|_| accepts_gzip(&headers)) {
        Some(gz) => {
            builder = builder.header(header::CONTENT_ENCODING, "gzip");
            Body::from(gz.to_vec())
        }
        None => Body::from(asset.bytes),
    };
    builder.body(body).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_negotiation_honours_refusals() {
        let mut headers = HeaderMap::new();
        assert!(!accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0.8"),
        );
        assert!(accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0, br"),
        );
        assert!(!accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("identity"),
        );
        assert!(!accepts_gzip(&headers));
    }
}
