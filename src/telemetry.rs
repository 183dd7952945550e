//! Logs: JSON lines when not on a terminal (for collectors), readable text on one.
//! `SAMENLEREN_LOG` filters (default `info`); `SAMENLEREN_LOG_FORMAT=json|text`
//! overrides the choice.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter =
        EnvFilter::try_from_env("SAMENLEREN_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let json = match std::env::var("SAMENLEREN_LOG_FORMAT").as_deref() {
        Ok("json") => true,
        Ok("text") => false,
        _ => !std::io::stdout().is_terminal(),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let result = if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.compact().try_init()
    };
    // A second init (tests) keeps the first subscriber.
    let _ = result;
}
