//! Rendered activity pages, kept in memory and keyed on the activity's revision.
//!
//! A hit costs no database work while the entry is fresher than the check interval;
//! after that one indexed read of `activity.revision` decides whether the page is
//! still right. Changes made through this process invalidate at once; changes made by
//! another server sharing PostgreSQL are seen within the interval.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::i18n::Lang;

/// A rendered page in both encodings.
pub struct CachedPage {
    pub revision: i32,
    pub html: Bytes,
    pub gzip: Bytes,
    pub etag: String,
    /// The page shows "ended" once this passes, whatever the revision says.
    pub stale_at: Option<DateTime<Utc>>,
    checked: RwLock<Instant>,
}

impl CachedPage {
    pub fn new(revision: i32, html: String, stale_at: Option<DateTime<Utc>>) -> Self {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = encoder.write_all(html.as_bytes());
        let gzip = encoder.finish().unwrap_or_default();
        let digest = {
            use sha2::Digest;
            sha2::Sha256::digest(html.as_bytes())
        };
        let etag = format!(
            "\"{}\"",
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        Self {
            revision,
            html: Bytes::from(html),
            gzip: Bytes::from(gzip),
            etag,
            stale_at,
            checked: RwLock::new(Instant::now()),
        }
    }
}

/// Rendered pages by activity slug, one slot per language. Keyed by slug alone so a
/// hit looks up with the borrowed `&str` (no allocation on the hot path).
type Entries = HashMap<String, [Option<Arc<CachedPage>>; 2]>;

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Nl => 0,
        Lang::En => 1,
    }
}

#[derive(Clone)]
pub struct PageCache {
    entries: Arc<RwLock<Entries>>,
    check_every: Duration,
}

/// What a lookup found.
pub enum Lookup {
    /// Fresh: serve it.
    Fresh(Arc<CachedPage>),
    /// Present but due for a revision check.
    Check(Arc<CachedPage>),
    Missing,
}

impl PageCache {
    pub fn new(check_every: Duration) -> Self {
        Self {
            entries: Arc::default(),
            check_every,
        }
    }

    pub fn lookup(&self, slug: &str, lang: Lang, now: DateTime<Utc>) -> Lookup {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let Some(page) = entries
            .get(slug)
            .and_then(|slots| slots[slot(lang)].as_ref())
        else {
            return Lookup::Missing;
        };
        if page.stale_at.is_some_and(|t| t <= now) {
            return Lookup::Missing;
        }
        let checked = *page.checked.read().unwrap_or_else(|e| e.into_inner());
        if checked.elapsed() < self.check_every {
            Lookup::Fresh(page.clone())
        } else {
            Lookup::Check(page.clone())
        }
    }

    /// The stored revision is still current: serve it for another interval.
    pub fn confirm(&self, page: &CachedPage) {
        *page.checked.write().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    pub fn store(&self, slug: &str, lang: Lang, page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(slug.to_owned())
            .or_default()[slot(lang)] = Some(page.clone());
        page
    }

    /// Forget every rendering of one activity (after a change made here).
    pub fn invalidate(&self, slug: &str) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(slug);
    }

    /// Stored renderings (an activity in both languages counts twice).
    pub fn len(&self) -> usize {
        self.entries
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .map(|slots| slots.iter().flatten().count())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_entry_is_served_then_checked_then_invalidated() {
        let cache = PageCache::new(Duration::from_secs(3600));
        let now = Utc::now();
        assert!(matches!(cache.lookup("a", Lang::Nl, now), Lookup::Missing));
        cache.store("a", Lang::Nl, CachedPage::new(3, "<p>x</p>".into(), None));
        assert!(matches!(cache.lookup("a", Lang::Nl, now), Lookup::Fresh(p) if p.revision == 3));
        assert!(matches!(cache.lookup("a", Lang::En, now), Lookup::Missing));
        cache.store("a", Lang::En, CachedPage::new(3, "<p>y</p>".into(), None));
        assert_eq!(cache.len(), 2);
        cache.invalidate("a");
        assert!(cache.is_empty());

        let zero = PageCache::new(Duration::ZERO);
        zero.store("a", Lang::Nl, CachedPage::new(1, "x".into(), None));
        assert!(matches!(zero.lookup("a", Lang::Nl, now), Lookup::Check(_)));
    }

    #[test]
    fn an_entry_past_its_stale_time_is_not_served() {
        let cache = PageCache::new(Duration::from_secs(3600));
        let now = Utc::now();
        cache.store("a", Lang::Nl, CachedPage::new(1, "x".into(), Some(now)));
        assert!(matches!(cache.lookup("a", Lang::Nl, now), Lookup::Missing));
    }

    #[test]
    fn the_gzip_copy_inflates_to_the_html() {
        use std::io::Read;
        let page = CachedPage::new(1, "<h1>Blik op samenlevingsopbouw</h1>".repeat(20), None);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&page.gzip[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out.as_bytes(), &page.html[..]);
    }
}
