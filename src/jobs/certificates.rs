//! Certificates of attendance for the checked-in attendees of activities that ended
//! (within the registers' two months), once each, with their email.

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx.db.issue_due_certificates(crate::time::now()).await?)
}
