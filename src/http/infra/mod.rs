//! Machinery under the surfaces, without pages of its own: layers (security headers,
//! language and error pages, metrics, limits), the page and form caches, CSRF, the
//! registration gate and batch writer, values kept per key (memo), rate limits, embedded assets, and the
//! operations endpoints (health, metrics).

pub mod assets;
pub mod cache;
pub mod csrf;
pub mod form_cache;
pub mod gate;
pub mod memo;
pub mod middleware;
pub mod ops;
pub mod rate_limit;
pub mod signups;
