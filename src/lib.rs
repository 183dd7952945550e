//! Samenleren: a self-hostable platform for professional learning in Dutch community
//! building. See `docs/ARCHITECTURE.md` for the map.

pub use samenleren_domain as domain;

pub mod certificate;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod export;
pub mod http;
pub mod i18n;
pub mod ical;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod secret;
pub mod startup;
pub mod telemetry;
pub mod time;
