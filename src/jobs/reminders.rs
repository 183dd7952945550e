//! Reminders to people with a place, a few days (`SAMENLEREN_REMINDER_DAYS`) before
//! each session; each session's reminder is queued once.

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx
        .db
        .queue_reminders(crate::time::now(), cx.mail.reminder_days)
        .await?)
}
