//! Periodic work, as one list: each [`Job`] has a name, an interval and what it runs.
//! [`Scheduler::run`] is a task of `serve` beside the mail worker; it runs every job
//! when the server starts and then at its interval, logs what each did under its
//! name, counts runs and failures in `/metrics` (`job_runs_total`,
//! `job_failures_total`, label `job`), and wakes the mail worker when a job queued
//! messages. Several servers on one database may run the same job: every job is
//! safe to run twice (each changes rows under the same conditions it reads).
//!
//! A new job is a file here with its `run` function and one line in [`JOBS`].

mod certificates;
mod meetings;
mod offers;
mod record;
mod reminders;
mod retention;
mod sign_ins;
mod space;
mod survey;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};

use crate::config::MailSettings;
use crate::db::Db;

/// What a job may use.
#[derive(Clone)]
pub struct JobContext {
    pub db: Db,
    pub mail: MailSettings,
    /// Where files are kept (the record's evidence files are swept there).
    pub data_dir: std::path::PathBuf,
}

/// A job's result: how many things it changed (0: nothing to do).
pub type JobResult = anyhow::Result<u64>;

type Run = for<'a> fn(&'a JobContext) -> Pin<Box<dyn Future<Output = JobResult> + Send + 'a>>;

/// One periodic job.
pub struct Job {
    /// Its name in logs and metrics.
    pub name: &'static str,
    pub interval: Duration,
    /// Whether what it changed means new messages in the outbox.
    pub queues_mail: bool,
    /// What it logs when it changed something (`{name}: {n} {what}`).
    pub what: &'static str,
    pub run: Run,
}

/// Every periodic job.
pub const JOBS: &[Job] = &[
    Job {
        name: "expire_offers",
        interval: Duration::from_secs(30),
        queues_mail: true,
        what: "offers expired and moved on",
        run: |cx| Box::pin(offers::run(cx)),
    },
    Job {
        name: "queue_reminders",
        interval: Duration::from_secs(30),
        queues_mail: true,
        what: "reminders queued",
        run: |cx| Box::pin(reminders::run(cx)),
    },
    Job {
        name: "purge_sign_ins",
        interval: Duration::from_secs(300),
        queues_mail: false,
        what: "expired sessions and sign-in links removed",
        run: |cx| Box::pin(sign_ins::run(cx)),
    },
    Job {
        name: "anonymise_registrations",
        interval: Duration::from_secs(300),
        queues_mail: false,
        what: "registrations past retention anonymised",
        run: |cx| Box::pin(retention::run(cx)),
    },
    Job {
        name: "make_meetings",
        interval: Duration::from_secs(3600),
        queues_mail: false,
        what: "atelier meetings made from their series",
        run: |cx| Box::pin(meetings::make(cx)),
    },
    Job {
        name: "invite_to_meetings",
        interval: Duration::from_secs(300),
        queues_mail: true,
        what: "meeting invitations and reminders queued",
        run: |cx| Box::pin(meetings::invite(cx)),
    },
    Job {
        name: "queue_space_digests",
        interval: Duration::from_secs(900),
        queues_mail: true,
        what: "daily digests of atelier spaces queued",
        run: |cx| Box::pin(space::digests(cx)),
    },
    Job {
        name: "issue_certificates",
        interval: Duration::from_secs(600),
        queues_mail: true,
        what: "certificates of attendance issued",
        run: |cx| Box::pin(certificates::run(cx)),
    },
    Job {
        name: "record_learning",
        interval: Duration::from_secs(600),
        queues_mail: false,
        what: "learning record entries written or evidence files swept",
        run: |cx| Box::pin(record::run(cx)),
    },
    Job {
        name: "anonymise_survey_voters",
        interval: Duration::from_secs(3600),
        queues_mail: false,
        what: "addresses of closed inventory rounds past retention removed",
        run: |cx| Box::pin(survey::run(cx)),
    },
];

/// Runs [`JOBS`] until told to stop.
pub struct Scheduler {
    pub context: JobContext,
    /// The mail worker's wake-up, for jobs that queue messages.
    pub mail_wake: Arc<Notify>,
}

impl Scheduler {
    /// Runs every job now and then whenever its interval has passed, until `stop`
    /// turns true; a job in progress is finished first.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut last: Vec<Option<Instant>> = vec![None; JOBS.len()];
        loop {
            if *stop.borrow() {
                break;
            }
            for (job, last) in JOBS.iter().zip(last.iter_mut()) {
                if last.is_none_or(|t| t.elapsed() >= job.interval) {
                    *last = Some(Instant::now());
                    self.run_one(job).await;
                }
            }
            let next = JOBS
                .iter()
                .zip(&last)
                .map(|(job, last)| {
                    last.map_or(Duration::ZERO, |t| job.interval.saturating_sub(t.elapsed()))
                })
                .min()
                .unwrap_or(Duration::from_secs(60));
            tokio::select! {
                () = tokio::time::sleep(next) => {},
                // A dropped sender means the server is gone: stop rather than spin.
                changed = stop.changed() => if changed.is_err() { break },
            }
        }
    }

    /// One run of `job`, logged and counted.
    pub async fn run_one(&self, job: &Job) {
        let started = Instant::now();
        match (job.run)(&self.context).await {
            Ok(changed) => {
                metrics::counter!("job_runs_total", "job" => job.name).increment(1);
                if changed > 0 {
                    tracing::info!(
                        job = job.name,
                        changed,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "{}",
                        job.what
                    );
                    if job.queues_mail {
                        self.mail_wake.notify_one();
                    }
                }
            }
            Err(error) => {
                metrics::counter!("job_failures_total", "job" => job.name).increment(1);
                tracing::warn!(job = job.name, error = format!("{error:#}"), "job failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_names_are_unique_and_intervals_positive() {
        let mut names: Vec<&str> = JOBS.iter().map(|j| j.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), JOBS.len());
        assert!(JOBS.iter().all(|j| !j.interval.is_zero()));
    }
}
