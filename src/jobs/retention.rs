//! AVG: registrations of activities that ended longer ago than their organisations
//! keep them are anonymised (see [`crate::db::privacy`]).

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx.db.anonymise_ended(crate::time::now()).await?)
}
