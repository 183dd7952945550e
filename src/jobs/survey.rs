//! AVG for the theme inventory: rounds that closed longer ago than their
//! organisation keeps personal data lose their voters' and proposers' addresses,
//! with every figure of the results unchanged (see [`crate::db::survey::retention`]).

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx.db.anonymise_closed_rounds(crate::time::now()).await?)
}
