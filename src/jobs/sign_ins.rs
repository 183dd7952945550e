//! Sessions past their end, and sign-in links and invitations a day past theirs,
//! are removed.

use super::{JobContext, JobResult};

pub async fn run(cx: &JobContext) -> JobResult {
    Ok(cx.db.purge_expired_sign_ins(crate::time::now()).await?)
}
