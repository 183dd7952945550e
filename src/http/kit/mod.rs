//! What every surface's pages share: form views and refusals, view models, response
//! headers and query helpers. No routes.

pub mod forms;
pub mod headers;
pub mod notices;
pub mod query;
pub mod views;
