//! What a sign-up checks before it queues — the activity with its questions, and
//! the roles people can pick — kept in memory for the page cache's check interval.
//!
//! In a rush every sign-up would otherwise read the same three rows before it
//! writes. Nothing here decides a place: the counters are read again under the
//! activity's row lock, and so are the status and the registration switch. A stale
//! entry can only say "open" where a fresh read would say "closed" or "full", and
//! then the lock says so; when an entry says a sign-up is not possible, the caller
//! reads again ([`FormCache::reload`]) before it answers. An edited question or
//! registration window is seen within the interval.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::db::catalog::AudienceRow;
use crate::db::registration::FormActivity;

/// The roles a person can pick: the audiences, and their slugs for validation.
pub struct Roles {
    pub audiences: Vec<AudienceRow>,
    pub slugs: Vec<String>,
}

struct Entry<T> {
    read_at: Instant,
    value: Arc<T>,
}

impl<T> Entry<T> {
    fn new(value: Arc<T>) -> Self {
        Self {
            read_at: Instant::now(),
            value,
        }
    }

    fn fresh(&self, within: Duration) -> Option<Arc<T>> {
        (self.read_at.elapsed() < within).then(|| self.value.clone())
    }
}

#[derive(Clone)]
pub struct FormCache {
    activities: Arc<RwLock<HashMap<String, Entry<FormActivity>>>>,
    roles: Arc<RwLock<Option<Entry<Roles>>>>,
    fresh_for: Duration,
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FormCache {
    pub fn new(fresh_for: Duration) -> Self {
        Self {
            activities: Arc::default(),
            roles: Arc::default(),
            fresh_for,
        }
    }

    /// The activity behind a sign-up (drafts excluded), read at most `fresh_for` ago.
    pub async fn activity(
        &self,
        db: &Db,
        slug: &str,
    ) -> Result<Option<Arc<FormActivity>>, sqlx::Error> {
        let cached = read(&self.activities)
            .get(slug)
            .and_then(|e| e.fresh(self.fresh_for));
        match cached {
            Some(activity) => Ok(Some(activity)),
            None => self.reload(db, slug).await,
        }
    }

    /// The activity as the database has it now; the cache keeps this read.
    pub async fn reload(
        &self,
        db: &Db,
        slug: &str,
    ) -> Result<Option<Arc<FormActivity>>, sqlx::Error> {
        let Some(activity) = db.form_activity(slug).await?.map(Arc::new) else {
            // Unknown slugs are not kept: anyone can make up as many as they like.
            write(&self.activities).remove(slug);
            return Ok(None);
        };
        let mut entries = write(&self.activities);
        // Bounded by the number of activities; an old entry costs one read to renew.
        entries.retain(|_, e| e.read_at.elapsed() < self.fresh_for);
        entries.insert(slug.to_owned(), Entry::new(activity.clone()));
        Ok(Some(activity))
    }

    /// The roles a person can pick: every audience.
    pub async fn roles(&self, db: &Db) -> Result<Arc<Roles>, sqlx::Error> {
        if let Some(roles) = read(&self.roles)
            .as_ref()
            .and_then(|e| e.fresh(self.fresh_for))
        {
            return Ok(roles);
        }
        let audiences = db.audiences().await?;
        let slugs = audiences.iter().map(|a| a.slug.clone()).collect();
        let roles = Arc::new(Roles { audiences, slugs });
        *write(&self.roles) = Some(Entry::new(roles.clone()));
        Ok(roles)
    }
}
