//! Evidence files of external record entries, kept in the data directory under the
//! entry's public id (`<data_dir>/record/<public_id>`), never under the name they
//! came with. A file is written under a temporary name first and renamed into place
//! inside the transaction that stores its entry; [`RecordFiles::sweep`] (run by the
//! `record_learning` job) removes files whose entry is gone — an account deleted
//! through the personal-data registry takes its rows, the sweep then its files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::db::Db;

/// Where evidence files are kept.
#[derive(Clone, Debug)]
pub struct RecordFiles {
    dir: PathBuf,
}

/// The prefix of a file being written, not yet an entry's.
const TEMP_PREFIX: &str = ".upload-";
/// How old a file without an entry must be before the sweep removes it (an upload
/// in progress is renamed into place before its transaction commits).
pub const SWEEP_AGE: Duration = Duration::from_secs(15 * 60);

impl RecordFiles {
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("record"),
        }
    }

    /// The file of entry `public_id` (32 hex digits: no path in it).
    pub fn path(&self, public_id: &str) -> PathBuf {
        debug_assert!(public_id.chars().all(|c| c.is_ascii_alphanumeric()));
        self.dir.join(public_id)
    }

    /// Writes `bytes` under a new temporary name in the same directory, flushed.
    pub async fn write_temp(&self, bytes: Vec<u8>) -> std::io::Result<PathBuf> {
        let path = self
            .dir
            .join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple()));
        let (dir, target) = (self.dir.clone(), path.clone());
        tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&dir)?;
            let mut file = std::fs::File::create_new(&target)?;
            let written = file.write_all(&bytes).and_then(|()| file.sync_all());
            if written.is_err() {
                let _ = std::fs::remove_file(&target);
            }
            written
        })
        .await
        .map_err(std::io::Error::other)??;
        Ok(path)
    }

    /// Renames a written temporary file into place as entry `public_id`'s.
    pub async fn place(&self, temp: &Path, public_id: &str) -> std::io::Result<()> {
        tokio::fs::rename(temp, self.path(public_id)).await
    }

    /// Removes a file; one that is not there is fine.
    pub async fn remove_path(path: &Path) {
        match tokio::fs::remove_file(path).await {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "record file not removed");
            }
        }
    }

    /// Removes the file of entry `public_id`, if there is one.
    pub async fn remove(&self, public_id: &str) {
        Self::remove_path(&self.path(public_id)).await;
    }

    /// Removes files older than `age` ([`SWEEP_AGE`] in the job) that no entry has
    /// (any more); returns how many.
    pub async fn sweep(&self, db: &Db, age: Duration) -> anyhow::Result<u64> {
        let dir = self.dir.clone();
        let old: Vec<(String, bool)> = tokio::task::spawn_blocking(move || {
            let Ok(read) = std::fs::read_dir(&dir) else {
                return Vec::new();
            };
            let cutoff = SystemTime::now() - age;
            read.filter_map(Result::ok)
                .filter(|e| {
                    e.metadata()
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t <= cutoff)
                })
                .filter_map(|e| e.file_name().into_string().ok())
                .map(|name| {
                    let temp = name.starts_with(TEMP_PREFIX);
                    (name, temp)
                })
                .collect()
        })
        .await?;
        let mut removed = 0;
        let (temps, ids): (Vec<_>, Vec<_>) = old.into_iter().partition(|(_, temp)| *temp);
        for (name, _) in temps {
            Self::remove_path(&self.dir.join(name)).await;
            removed += 1;
        }
        let ids: Vec<String> = ids
            .into_iter()
            .map(|(name, _)| name)
            .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
            .collect();
        for orphan in db.record_orphans(&ids).await? {
            self.remove(&orphan).await;
            removed += 1;
        }
        Ok(removed)
    }
}
