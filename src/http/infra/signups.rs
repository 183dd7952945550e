//! Sign-ups of this process, written in batches: one writer per activity.
//!
//! A request puts its sign-up in the activity's queue and waits for its answer. When
//! no writer runs for that activity, the request starts one (a spawned task, so a
//! client that goes away cannot cut a batch in half). The writer takes everything
//! that is waiting (up to [`MAX_BATCH`]) and stores it with
//! [`Db::register_batch`] — one lock, one commit — while the next sign-ups queue up
//! behind it; it stops when the queue is empty. Under a trickle every batch holds one
//! sign-up; in a rush the batches grow by themselves. Correctness stays with the
//! database: other processes' writers meet this one at the activity's row lock.
//!
//! If a batch fails as a whole (say, a constraint that one sign-up broke), its
//! sign-ups are stored again one by one, so one bad sign-up cannot fail the others.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::oneshot;

use crate::db::Db;
use crate::db::registration::{NewRegistration, RegisterOutcome};
use crate::http::infra::gate::Gates;

/// Most sign-ups in one transaction: bounds the time the row lock is held.
pub const MAX_BATCH: usize = 256;

type Reply = oneshot::Sender<Result<RegisterOutcome, sqlx::Error>>;

#[derive(Default)]
struct Queue {
    waiting: Vec<(NewRegistration, Reply)>,
    writing: bool,
}

#[derive(Clone)]
pub struct Signups {
    db: Db,
    gates: Gates,
    queues: Arc<Mutex<HashMap<i64, Arc<Mutex<Queue>>>>>,
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Signups {
    pub fn new(db: Db, gates: Gates) -> Self {
        Self {
            db,
            gates,
            queues: Arc::default(),
        }
    }

    /// Stores one sign-up (in whichever batch it lands) and returns its outcome.
    pub async fn register(&self, new: NewRegistration) -> Result<RegisterOutcome, sqlx::Error> {
        let activity_id = new.activity_id;
        let queue = {
            let mut queues = locked(&self.queues);
            if queues.len() > 10_000 {
                queues.retain(|_, q| Arc::strong_count(q) > 1 || locked(q).writing);
            }
            queues.entry(activity_id).or_default().clone()
        };
        let (reply, answer) = oneshot::channel();
        let start_writer = {
            let mut q = locked(&queue);
            q.waiting.push((new, reply));
            !std::mem::replace(&mut q.writing, true)
        };
        if start_writer {
            tokio::spawn(self.clone().write(activity_id, queue));
        }
        answer.await.unwrap_or_else(|_| {
            Err(sqlx::Error::Protocol(
                "the sign-up writer stopped before answering".into(),
            ))
        })
    }

    /// Writes batches until the queue is empty.
    async fn write(self, activity_id: i64, queue: Arc<Mutex<Queue>>) {
        // If this task panics, the queue must not stay marked as written: the
        // waiting sign-ups get an error and the next one starts a new writer.
        let mut guard = StopGuard {
            queue: queue.clone(),
            armed: true,
        };
        loop {
            let batch: Vec<(NewRegistration, Reply)> = {
                let mut q = locked(&queue);
                if q.waiting.is_empty() {
                    q.writing = false;
                    break;
                }
                let n = q.waiting.len().min(MAX_BATCH);
                q.waiting.drain(..n).collect()
            };
            let (news, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
            metrics::histogram!("registration_batch_size").record(news.len() as f64);
            let result = {
                let _gate = self.gates.enter(activity_id).await;
                self.db
                    .register_batch(activity_id, &news, crate::time::now())
                    .await
            };
            match result {
                Ok(outcomes) => {
                    for (reply, outcome) in replies.into_iter().zip(outcomes) {
                        // The requester may have gone; its sign-up is stored anyway.
                        let _ = reply.send(Ok(outcome));
                    }
                }
                Err(error) if news.len() > 1 => {
                    tracing::warn!(%error, size = news.len(), "sign-up batch failed; storing one by one");
                    for (new, reply) in news.into_iter().zip(replies) {
                        let outcome = {
                            let _gate = self.gates.enter(activity_id).await;
                            self.db.register(&new, crate::time::now()).await
                        };
                        let _ = reply.send(outcome);
                    }
                }
                Err(error) => {
                    if let Some(reply) = replies.into_iter().next() {
                        let _ = reply.send(Err(error));
                    }
                }
            }
        }
        guard.armed = false;
    }
}

struct StopGuard {
    queue: Arc<Mutex<Queue>>,
    armed: bool,
}

impl Drop for StopGuard {
    fn drop(&mut self) {
        if self.armed {
            let mut q = locked(&self.queue);
            q.writing = false;
            q.waiting.clear();
        }
    }
}
