//! Resources in an atelier's online space: links and files members share, with a
//! title and themes. A file's bytes are kept in the data directory under the
//! resource's public id ([`ResourceFiles`]), never under the name it came with.
//! Sharing is all or nothing: the file is written under a temporary name first,
//! the row (with its themes, its ledger line and its audit line) inserted, the file
//! renamed into place and then the transaction committed; any failure rolls back
//! and removes what was written. Removing a
//! resource deletes the row, its ledger line and then the file.
//! The rules are [`crate::domain::community::resource`].

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ledger::platform_entry;
use crate::db::Db;
use crate::db::audit::audit;
use crate::domain::community::ledger::{ContributionKind, dutch_date};
use crate::domain::community::resource::{Content, NewResource};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Where shared files are kept: `<data_dir>/resources/<public_id>`.
#[derive(Clone, Debug)]
pub struct ResourceFiles {
    dir: PathBuf,
}

/// The prefix of a file being written, not yet a resource's.
const TEMP_PREFIX: &str = ".upload-";

impl ResourceFiles {
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("resources"),
        }
    }

    /// The file of resource `public_id` (a public id is 32 hex digits: no path in it).
    pub fn path(&self, public_id: &str) -> PathBuf {
        debug_assert!(public_id.chars().all(|c| c.is_ascii_alphanumeric()));
        self.dir.join(public_id)
    }

    /// Writes `bytes` under a new temporary name in the same directory (so the
    /// rename into place is atomic), flushed to disk.
    async fn write_temp(&self, bytes: Vec<u8>) -> std::io::Result<PathBuf> {
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

    /// Keeps `bytes` as the file of resource `public_id` (the demo's files, whose
    /// rows are already written): written aside, then renamed into place.
    pub async fn store(&self, public_id: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let temp = self.write_temp(bytes).await?;
        let renamed = tokio::fs::rename(&temp, self.path(public_id)).await;
        if renamed.is_err() {
            Self::remove_path(&temp).await;
        }
        renamed
    }

    /// Removes a file; one that is not there is fine.
    async fn remove_path(path: &Path) {
        match tokio::fs::remove_file(path).await {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "resource file not removed");
            }
        }
    }

    /// Removes the file of resource `public_id`, if there is one.
    pub async fn remove(&self, public_id: &str) {
        Self::remove_path(&self.path(public_id)).await;
    }
}

/// A resource as the list shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResourceRow {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    /// A link; empty for a file.
    pub url: String,
    /// A file's download name, type (`pdf`, …) and size; empty / 0 for a link.
    pub file_name: String,
    pub file_type: String,
    pub file_size: i64,
    /// Who shared it; `None` once the account is deleted.
    pub account_id: Option<i64>,
    /// The sharer's name while they are in the atelier (an active member, or
    /// running it); `None`: a former member, or the account is gone.
    pub shared_by: Option<String>,
    pub created_at: Timestamp,
    /// Theme names (Dutch, English), filled in after the row is read.
    #[sqlx(skip)]
    pub themes: Vec<(String, String)>,
}

/// The columns of [`ResourceRow`] (`r`: the resource, `a`: its sharer's account).
const COLUMNS: &str = "r.id, r.public_id, r.title, r.url, r.file_name, r.file_type, r.file_size, \
     r.account_id, CASE WHEN a.is_admin \
       OR EXISTS (SELECT 1 FROM atelier_member m WHERE m.activity_id = r.activity_id \
                  AND m.account_id = r.account_id AND m.state = 'active') \
       OR EXISTS (SELECT 1 FROM activity_facilitator_account f \
                  WHERE f.activity_id = r.activity_id AND f.account_id = r.account_id) \
       OR EXISTS (SELECT 1 FROM organisation_member o JOIN activity_organisation h \
                  ON h.organisation_id = o.organisation_id \
                  WHERE h.activity_id = r.activity_id AND o.account_id = r.account_id) \
     THEN a.name END AS shared_by, r.created_at";

impl Db {
    /// The themes the resources of atelier `activity_id` have: (slug, Dutch name,
    /// English name), by Dutch name.
    pub async fn resource_themes(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Vec<(String, String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT t.slug, t.name_nl, t.name_en FROM theme t WHERE EXISTS \
             (SELECT 1 FROM resource_theme x JOIN atelier_resource r ON r.id = x.resource_id \
              WHERE x.theme_id = t.id AND r.activity_id = $1) ORDER BY t.name_nl"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Atelier `activity_id`'s resources, newest first: with theme `theme` (a slug)
    /// when given, older than resource `before` (its row id) when given, at most
    /// `limit`.
    pub async fn atelier_resources(
        &self,
        activity_id: i64,
        theme: Option<&str>,
        before: Option<i64>,
        limit: i64,
    ) -> sqlx::Result<Vec<ResourceRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM atelier_resource r LEFT JOIN account a ON a.id = r.account_id \
             WHERE r.activity_id = $1 AND r.id < $2 AND ($3 = '' OR EXISTS \
               (SELECT 1 FROM resource_theme x JOIN theme t ON t.id = x.theme_id \
                WHERE x.resource_id = r.id AND t.slug = $3)) \
             ORDER BY r.id DESC LIMIT $4"
        );
        let mut rows: Vec<ResourceRow> = on_pool!(self, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql.clone())
        )
        .bind(activity_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(theme.unwrap_or(""))
        .bind(limit)
        .fetch_all(pool)
        .await)?;
        self.fill_themes(&mut rows).await?;
        Ok(rows)
    }

    /// One resource of atelier `activity_id`.
    pub async fn atelier_resource(
        &self,
        activity_id: i64,
        public_id: &str,
    ) -> sqlx::Result<Option<ResourceRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM atelier_resource r LEFT JOIN account a ON a.id = r.account_id \
             WHERE r.activity_id = $1 AND r.public_id = $2"
        );
        let row: Option<ResourceRow> = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .bind(public_id)
        .fetch_optional(pool)
        .await)?;
        let mut rows: Vec<ResourceRow> = row.into_iter().collect();
        self.fill_themes(&mut rows).await?;
        Ok(rows.pop())
    }

    async fn fill_themes(&self, rows: &mut [ResourceRow]) -> sqlx::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT x.resource_id, t.name_nl, t.name_en FROM resource_theme x \
             JOIN theme t ON t.id = x.theme_id WHERE x.resource_id IN ({}) ORDER BY t.name_nl",
            crate::db::placeholders(rows.len(), 1)
        );
        let themes: Vec<(i64, String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for row in rows.iter() {
                query = query.bind(row.id);
            }
            query.fetch_all(pool).await
        })?;
        for (id, nl, en) in themes {
            if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                row.themes.push((nl, en));
            }
        }
        Ok(())
    }

    /// Account `account_id` shares `resource` in atelier `activity_id`: the row, its
    /// themes, a ledger line (sharing is bringing) and an audit line; a file's
    /// `bytes` are kept in `files`. Returns the public id. Nothing is left behind
    /// when any step fails.
    pub async fn share_resource(
        &self,
        files: &ResourceFiles,
        activity_id: i64,
        account_id: i64,
        resource: &NewResource,
        bytes: Option<Vec<u8>>,
        now: Timestamp,
    ) -> anyhow::Result<String> {
        let public_id = crate::db::new_public_key();
        let (url, file_name, file_type, file_size) = match &resource.content {
            Content::Link(url) => (url.as_str(), "", "", 0),
            Content::File(file) => (
                "",
                file.name.as_str(),
                file.kind.as_str(),
                i64::try_from(file.size)?,
            ),
        };
        let temp = match (&resource.content, bytes) {
            (Content::File(_), Some(bytes)) => Some(files.write_temp(bytes).await?),
            (Content::File(_), None) => anyhow::bail!("a file resource without its bytes"),
            (Content::Link(_), _) => None,
        };
        let target = temp
            .as_ref()
            .map(|temp| (temp.as_path(), files.path(&public_id)));
        let inserted = self
            .insert_resource(
                activity_id,
                account_id,
                resource,
                (&public_id, url, file_name, file_type, file_size),
                target.as_ref().map(|(temp, path)| (*temp, path.as_path())),
                now,
            )
            .await;
        if let Err(error) = inserted {
            // Rolled back: neither the temporary file nor (when the commit failed
            // after the rename) the file in place may stay.
            if let Some((temp, path)) = &target {
                ResourceFiles::remove_path(temp).await;
                ResourceFiles::remove_path(path).await;
            }
            return Err(error.into());
        }
        Ok(public_id)
    }

    async fn insert_resource(
        &self,
        activity_id: i64,
        account_id: i64,
        resource: &NewResource,
        (public_id, url, file_name, file_type, file_size): (&str, &str, &str, &str, i64),
        rename: Option<(&Path, &Path)>,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO atelier_resource (public_id, activity_id, account_id, title, url, \
                 file_name, file_type, file_size, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(public_id)
            .bind(activity_id)
            .bind(account_id)
            .bind(&resource.title)
            .bind(url)
            .bind(file_name)
            .bind(file_type)
            .bind(file_size)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for theme in &resource.themes {
                sqlx::query("INSERT INTO resource_theme (resource_id, theme_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(theme)
                    .execute(&mut *tx)
                    .await?;
            }
            // Sharing a tool or resource is bringing (halen en brengen).
            platform_entry!(
                tx,
                activity_id,
                account_id,
                dutch_date(now),
                ContributionKind::Resource.as_str(),
                i64::from(ContributionKind::Resource.default_minutes()),
                &format!("resource:{id}"),
                account_id,
                now
            );
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = "resource_shared",
                detail = &resource.title,
                now = now
            );
            // The file takes its place last, before the commit: a failed rename
            // rolls the rows back.
            if let Some((temp, path)) = rename {
                tokio::fs::rename(temp, path)
                    .await
                    .map_err(sqlx::Error::Io)?;
            }
        });
        Ok(())
    }

    /// Removes resource `public_id` of atelier `activity_id` (by `by`, for the audit
    /// log): the row with its themes and its ledger line, then its file. `false`
    /// when there was no such resource.
    pub async fn remove_resource(
        &self,
        files: &ResourceFiles,
        activity_id: i64,
        public_id: &str,
        by: Option<i64>,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        let removed = write_tx!(self, |tx| {
            let row: Option<(i64, String)> = sqlx::query_as(
                "DELETE FROM atelier_resource WHERE activity_id = $1 AND public_id = $2 \
                 RETURNING id, title",
            )
            .bind(activity_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((id, title)) => {
                    sqlx::query("DELETE FROM ledger_entry WHERE activity_id = $1 AND source = $2")
                        .bind(activity_id)
                        .bind(format!("resource:{id}"))
                        .execute(&mut *tx)
                        .await?;
                    if let Some(by) = by {
                        audit!(
                            tx,
                            organisation = None::<i64>,
                            activity = Some(activity_id),
                            registration = None::<i64>,
                            account = by,
                            action = "resource_removed",
                            detail = &title,
                            now = now
                        );
                    }
                    true
                }
            }
        });
        if removed {
            files.remove(public_id).await;
        }
        Ok(removed)
    }
}
