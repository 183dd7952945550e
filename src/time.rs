//! Time as Samenleren keeps it: instants in UTC ([`Timestamp`], whole seconds, bound
//! from Rust rather than the database's clock) and the day in the Netherlands.

use chrono::{DateTime, Utc};

/// An instant, in UTC.
pub type Timestamp = DateTime<Utc>;

/// Now, truncated to whole seconds: SQLite keeps timestamps as text, and a fixed
/// width keeps text order equal to time order.
pub fn now() -> Timestamp {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(0)
}

/// Today in the Netherlands.
pub fn today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}
