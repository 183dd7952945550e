//! Values worked out from the database and kept in memory per key: for at most the
//! page cache's check interval, and only while a stamp the caller reads anyway (a
//! row's `updated_at`) stays the same. The first request after the interval works
//! the value out again while the others are still served the one before; after a
//! new stamp, requests that come meanwhile wait for that one making instead of each
//! doing the same work (a results page under load would otherwise run its counts
//! once per waiting request).
//!
//! What a stamp cannot see (a change made by another server sharing PostgreSQL, a
//! deleted account's votes) shows within the interval.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

struct Slot<S, V> {
    stamp: S,
    made: Instant,
    value: Arc<OnceCell<Arc<V>>>,
    /// The value before, of the same stamp: served while `value` is being made.
    previous: Option<Arc<V>>,
}

/// What a lookup found.
enum Found<V> {
    Ready(Arc<V>),
    /// Being made (or to make): wait for it, or make it.
    Cell(Arc<OnceCell<Arc<V>>>),
}

/// Keyed values with a stamp and a maximum age. Holds at most `capacity` keys;
/// when full, the oldest half is dropped.
pub struct Memo<K, S, V> {
    slots: RwLock<HashMap<K, Slot<S, V>>>,
    max_age: Duration,
    capacity: usize,
}

impl<K, S, V> Memo<K, S, V>
where
    K: Eq + Hash + Clone,
    S: PartialEq + Clone,
{
    pub fn new(max_age: Duration, capacity: usize) -> Self {
        Self {
            slots: RwLock::new(HashMap::new()),
            max_age,
            capacity: capacity.max(1),
        }
    }

    /// The value for `key` made at `stamp`, from memory or from `make`.
    pub async fn get_or_try<E, F, Fut>(&self, key: &K, stamp: &S, make: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        match self.find(key, stamp) {
            Found::Ready(value) => Ok(value),
            Found::Cell(cell) => cell
                .get_or_try_init(|| async { make().await.map(Arc::new) })
                .await
                .cloned(),
        }
    }

    /// A fresh slot's value (or, while it is being made, the one before it); else a
    /// new slot whose cell the caller fills, keeping the old value of the same stamp
    /// for whoever comes meanwhile.
    fn find(&self, key: &K, stamp: &S) -> Found<V> {
        let ready = |slot: &Slot<S, V>| {
            if slot.stamp != *stamp || slot.made.elapsed() >= self.max_age {
                return None;
            }
            Some(match (slot.value.get(), &slot.previous) {
                (Some(value), _) | (None, Some(value)) => Found::Ready(value.clone()),
                (None, None) => Found::Cell(slot.value.clone()),
            })
        };
        {
            let slots = self.slots.read().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = slots.get(key).and_then(ready) {
                return found;
            }
        }
        let mut slots = self.slots.write().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = slots.get(key).and_then(ready) {
            return found;
        }
        let previous = slots
            .get(key)
            .filter(|slot| slot.stamp == *stamp)
            .and_then(|slot| slot.value.get().cloned().or_else(|| slot.previous.clone()));
        if slots.len() >= self.capacity && !slots.contains_key(key) {
            let mut ages: Vec<Instant> = slots.values().map(|s| s.made).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            slots.retain(|_, s| s.made > cut);
        }
        let value = Arc::new(OnceCell::new());
        slots.insert(
            key.clone(),
            Slot {
                stamp: stamp.clone(),
                made: Instant::now(),
                value: value.clone(),
                previous,
            },
        );
        Found::Cell(value)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    async fn count(memo: &Memo<i64, u32, u32>, key: i64, stamp: u32, made: &AtomicU32) -> u32 {
        let value = memo
            .get_or_try(&key, &stamp, || async {
                Ok::<_, ()>(made.fetch_add(1, Ordering::SeqCst) + 1)
            })
            .await
            .unwrap();
        *value
    }

    #[tokio::test]
    async fn a_value_is_kept_while_its_stamp_holds_and_made_again_when_it_changes() {
        let memo = Memo::new(Duration::from_secs(60), 8);
        let made = AtomicU32::new(0);
        assert_eq!(count(&memo, 1, 10, &made).await, 1);
        assert_eq!(count(&memo, 1, 10, &made).await, 1, "kept");
        assert_eq!(count(&memo, 2, 10, &made).await, 2, "another key");
        assert_eq!(count(&memo, 1, 11, &made).await, 3, "a new stamp");
        assert_eq!(count(&memo, 1, 11, &made).await, 3);
    }

    #[tokio::test]
    async fn a_value_older_than_the_maximum_age_is_made_again() {
        let memo = Memo::new(Duration::ZERO, 8);
        let made = AtomicU32::new(0);
        assert_eq!(count(&memo, 1, 10, &made).await, 1);
        assert_eq!(count(&memo, 1, 10, &made).await, 2);
    }

    #[tokio::test]
    async fn an_old_value_is_served_while_one_request_makes_the_new_one() {
        let memo = Arc::new(Memo::<i64, u32, u32>::new(Duration::from_millis(20), 8));
        let made = AtomicU32::new(0);
        assert_eq!(count(&memo, 1, 10, &made).await, 1);
        std::thread::sleep(Duration::from_millis(25));
        // The first request past the age makes the new value, slowly.
        let (started, release) = (
            Arc::new(tokio::sync::Notify::new()),
            Arc::new(tokio::sync::Notify::new()),
        );
        let maker = {
            let (memo, started, release) = (memo.clone(), started.clone(), release.clone());
            tokio::spawn(async move {
                memo.get_or_try(&1, &10, || async move {
                    started.notify_one();
                    release.notified().await;
                    Ok::<_, ()>(2)
                })
                .await
                .map(|v| *v)
            })
        };
        started.notified().await;
        // Meanwhile: the value before, at once.
        assert_eq!(count(&memo, 1, 10, &made).await, 1);
        release.notify_one();
        assert_eq!(maker.await.unwrap(), Ok(2));
        assert_eq!(count(&memo, 1, 10, &made).await, 2);
        // A new stamp never gets the old value.
        assert_eq!(
            count(&memo, 1, 11, &made).await,
            2,
            "made for the new stamp"
        );
    }

    #[tokio::test]
    async fn a_failure_is_not_kept() {
        let memo: Memo<i64, u32, u32> = Memo::new(Duration::from_secs(60), 8);
        let failed = memo
            .get_or_try(&1, &1, || async { Err::<u32, &str>("database gone") })
            .await;
        assert_eq!(failed, Err("database gone"));
        let made = AtomicU32::new(0);
        assert_eq!(count(&memo, 1, 1, &made).await, 1);
    }

    #[tokio::test]
    async fn requests_that_come_meanwhile_wait_for_one_making() {
        let memo = Arc::new(Memo::<i64, u32, u32>::new(Duration::from_secs(60), 8));
        let made = Arc::new(AtomicU32::new(0));
        let waiting: Vec<_> = (0..16)
            .map(|_| {
                let (memo, made) = (memo.clone(), made.clone());
                tokio::spawn(async move {
                    memo.get_or_try(&7, &1, || async {
                        tokio::task::yield_now().await;
                        Ok::<_, ()>(made.fetch_add(1, Ordering::SeqCst))
                    })
                    .await
                    .map(|v| *v)
                })
            })
            .collect();
        for w in waiting {
            assert_eq!(w.await.unwrap(), Ok(0));
        }
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_full_memo_drops_its_oldest_half() {
        let memo = Memo::new(Duration::from_secs(60), 4);
        let made = AtomicU32::new(0);
        for key in 0..4 {
            count(&memo, key, 1, &made).await;
            std::thread::sleep(Duration::from_millis(2));
        }
        count(&memo, 9, 1, &made).await;
        let before = made.load(Ordering::SeqCst);
        assert_eq!(count(&memo, 3, 1, &made).await, 4, "the newest stays");
        assert_eq!(
            count(&memo, 0, 1, &made).await,
            before + 1,
            "the oldest went"
        );
    }
}
