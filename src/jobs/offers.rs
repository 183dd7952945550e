//! Offers of a freed place that were not accepted in time move on to the next
//! person on the waitlist (who is emailed).

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx.db.expire_offers(crate::time::now()).await? as u64)
}
