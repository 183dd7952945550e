//! Mijn leerdossier: writes the record entries earned by activities and atelier
//! meetings that ended (each once, with its values frozen), then removes evidence
//! files whose entry is gone (an account deleted, an entry removed halfway).

use super::{JobContext, JobResult};
use crate::db::learning::record::RecordFiles;
use crate::db::learning::record_files::SWEEP_AGE;

pub async fn run(cx: &JobContext) -> JobResult {
    let written = cx.db.record_due(crate::time::now()).await?;
    let swept = RecordFiles::in_data_dir(&cx.data_dir)
        .sweep(&cx.db, SWEEP_AGE)
        .await?;
    Ok(written + swept)
}
