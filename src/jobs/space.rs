//! `queue_space_digests`: every quarter of an hour, the daily digests of the
//! ateliers' online space that are due (from 07:00 Dutch time, once a day per
//! member who chose it). A member's digest moment moves only where it still has the
//! value it was read with, so two servers running this queue one digest.

use super::{JobContext, JobResult};

pub async fn digests(cx: &JobContext) -> JobResult {
    Ok(cx.db.queue_digests(crate::time::now()).await? as u64)
}
