//! An atelier's community in the back office, for its kartrekkers and the organisers
//! of its hosts: the members (`members`), the meeting series (`series`), each
//! meeting's agenda and attendance (`agenda`), give and take (`ledger`) and practice
//! research (`research`); later the online space. Every page needs
//! [`Permission::Members`] and an atelier: another kind of activity answers 404.

mod agenda;
mod ledger;
mod members;
mod research;
mod series;

use axum::Router;

pub use agenda::NOTICES as AGENDA_NOTICES;
pub use ledger::NOTICES as LEDGER_NOTICES;
pub use members::NOTICES as MEMBER_NOTICES;
pub use research::NOTICES as RESEARCH_NOTICES;
pub use series::NOTICES as SERIES_NOTICES;

use crate::domain::access::Permission;
use crate::domain::activity::ActivityKind;
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;

pub fn router() -> Router<AppState> {
    members::router()
        .merge(series::router())
        .merge(agenda::router())
        .merge(ledger::router())
        .merge(research::router())
}

/// 404 unless the activity is an atelier, 403 unless the role may run its community.
fn require_atelier(managed: &Managed) -> Result<(), PageError> {
    if managed.activity.kind != ActivityKind::Atelier {
        return Err(PageError::NotFound);
    }
    managed.require(Permission::Members)
}
