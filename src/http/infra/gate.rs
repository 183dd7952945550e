//! In-process gates in front of the database's own locks. Correctness comes from the
//! database (the activity's row lock); the gate only keeps a crowd from queueing
//! inside it. SQLite has one writer per database, and a writer that finds the lock
//! taken sleeps in SQLite's busy handler (1, 2, 5, 10 … ms), which wrecks throughput
//! in a rush; PostgreSQL wakes every waiter on a row lock when it is released. So
//! requests of this process wait here, in order, instead: on SQLite one write at a
//! time, on PostgreSQL one per activity (other processes still contend fairly at the
//! row lock).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

#[derive(Clone, Default)]
pub struct Gates {
    /// `true`: one gate for everything (SQLite).
    single: bool,
    gates: Arc<Mutex<HashMap<i64, Arc<AsyncMutex<()>>>>>,
}

impl Gates {
    pub fn new(single: bool) -> Self {
        Self {
            single,
            gates: Arc::default(),
        }
    }

    /// Waits for the gate of `activity_id` (or the only gate) and holds it until the
    /// guard is dropped.
    pub async fn enter(&self, activity_id: i64) -> OwnedMutexGuard<()> {
        let key = if self.single { 0 } else { activity_id };
        let gate = {
            let mut gates = self
                .gates
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if gates.len() > 10_000 {
                gates.retain(|_, g| Arc::strong_count(g) > 1);
            }
            gates.entry(key).or_default().clone()
        };
        gate.lock_owned().await
    }
}
