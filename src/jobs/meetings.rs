//! Atelier meetings: `make_meetings` keeps the next months of every series made,
//! and `invite_to_meetings` invites members to the meetings of the coming weeks
//! (with the calendar file) and reminds those who have not answered. Both change
//! only rows that are not there yet, so two servers running them is harmless.

use super::{JobContext, JobResult};

pub async fn make(cx: &JobContext) -> JobResult {
    Ok(cx.db.make_meetings(crate::time::now()).await?)
}

pub async fn invite(cx: &JobContext) -> JobResult {
    let (invited, reminded) = cx.db.invite_to_meetings(crate::time::now()).await?;
    Ok(invited + reminded)
}
