//! Practice research of an atelier: projects with their researchers, status, linked
//! cases and themes, and outputs; the kartrekker keeps them, members read them, the
//! public reads those marked public.

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::domain::community::research::{Research, ResearchStatus, ResearcherRole};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A project's researchers (name, role), cases and themes (id, title or name).
type Links = (
    Vec<(String, String)>,
    Vec<(i64, String)>,
    Vec<(i64, String)>,
);

/// A project as its pages show it.
#[derive(Clone, Debug)]
pub struct ResearchProject {
    pub public_id: String,
    pub research: Research,
    /// Titles of the linked cases and names of the themes, for reading.
    pub case_titles: Vec<String>,
    pub theme_names: Vec<String>,
    pub updated_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct ProjectRow {
    id: i64,
    public_id: String,
    title: String,
    question: String,
    status: String,
    public: bool,
    outputs: String,
    updated_at: Timestamp,
}

/// A public project changes the public page: its revision moves on, in `$tx`.
macro_rules! bump_if_public {
    ($tx:ident, $activity:expr, $public:expr, $now:expr) => {
        if $public {
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind($activity)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// Writes a project's researchers, cases and themes in `$tx` (after removing the
/// old ones).
macro_rules! write_links {
    ($tx:ident, $id:expr, $research:expr) => {{
        for table in ["research_researcher", "research_case", "research_theme"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE project_id = $1"
            )))
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        }
        for (position, (name, role)) in $research.researchers.iter().enumerate() {
            sqlx::query(
                "INSERT INTO research_researcher (project_id, position, name, role) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind($id)
            .bind(position as i64)
            .bind(name)
            .bind(role.as_str())
            .execute(&mut *$tx)
            .await?;
        }
        for case in &$research.cases {
            sqlx::query("INSERT INTO research_case (project_id, case_id) VALUES ($1, $2)")
                .bind($id)
                .bind(case)
                .execute(&mut *$tx)
                .await?;
        }
        for theme in &$research.themes {
            sqlx::query("INSERT INTO research_theme (project_id, theme_id) VALUES ($1, $2)")
                .bind($id)
                .bind(theme)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

fn outputs_text(research: &Research) -> String {
    research
        .outputs
        .iter()
        .map(|(title, url)| format!("{title} | {url}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Db {
    /// Adds a project to atelier `activity_id`; its public id.
    pub async fn add_research(
        &self,
        activity_id: i64,
        research: &Research,
        actor: Actor,
    ) -> sqlx::Result<String> {
        let now = actor.now;
        let public_id = uuid::Uuid::new_v4().simple().to_string();
        write_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO research_project (public_id, activity_id, title, question, status, \
                 public, outputs, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                 RETURNING id",
            )
            .bind(&public_id)
            .bind(activity_id)
            .bind(&research.title)
            .bind(&research.question)
            .bind(research.status.as_str())
            .bind(research.public)
            .bind(outputs_text(research))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            write_links!(tx, id, research);
            bump_if_public!(tx, activity_id, research.public, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "research_added",
                detail = &research.title,
                now = now
            );
        });
        Ok(public_id)
    }

    /// Changes project `public_id` of atelier `activity_id`; `false` when there is none.
    pub async fn update_research(
        &self,
        activity_id: i64,
        public_id: &str,
        research: &Research,
        actor: Actor,
    ) -> sqlx::Result<bool> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let before: Option<(i64, bool)> = sqlx::query_as(
                "SELECT id, public FROM research_project WHERE activity_id = $1 AND public_id = $2",
            )
            .bind(activity_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, was_public)) = before else {
                return Ok(false);
            };
            sqlx::query(
                "UPDATE research_project SET title = $2, question = $3, status = $4, public = $5, \
                 outputs = $6, updated_at = $7 WHERE id = $1",
            )
            .bind(id)
            .bind(&research.title)
            .bind(&research.question)
            .bind(research.status.as_str())
            .bind(research.public)
            .bind(outputs_text(research))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            write_links!(tx, id, research);
            bump_if_public!(tx, activity_id, research.public || was_public, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "research_changed",
                detail = &research.title,
                now = now
            );
            true
        }))
    }

    /// The atelier's projects, newest change first; only the public ones when
    /// `public_only`.
    pub async fn research_projects(
        &self,
        activity_id: i64,
        public_only: bool,
    ) -> sqlx::Result<Vec<ResearchProject>> {
        let rows: Vec<ProjectRow> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, public_id, title, question, status, public, outputs, updated_at \
             FROM research_project WHERE activity_id = $1 AND (public OR NOT $2) \
             ORDER BY updated_at DESC, id DESC"
        )
        .bind(activity_id)
        .bind(public_only)
        .fetch_all(pool)
        .await)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.research_links(row).await?);
        }
        Ok(out)
    }

    /// One project of the atelier.
    pub async fn research_project(
        &self,
        activity_id: i64,
        public_id: &str,
    ) -> sqlx::Result<Option<ResearchProject>> {
        let row: Option<ProjectRow> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, public_id, title, question, status, public, outputs, updated_at \
             FROM research_project WHERE activity_id = $1 AND public_id = $2"
        )
        .bind(activity_id)
        .bind(public_id)
        .fetch_optional(pool)
        .await)?;
        match row {
            Some(row) => Ok(Some(self.research_links(row).await?)),
            None => Ok(None),
        }
    }

    async fn research_links(&self, row: ProjectRow) -> sqlx::Result<ResearchProject> {
        let id = row.id;
        let (researchers, cases, themes): Links = on_pool!(self, |pool| {
            let researchers = sqlx::query_as(
                    "SELECT name, role FROM research_researcher WHERE project_id = $1 ORDER BY position",
                )
                .bind(id)
                .fetch_all(pool)
                .await?;
            let cases = sqlx::query_as(
                "SELECT c.id, c.title FROM research_case x JOIN atelier_case c ON c.id = x.case_id \
                     WHERE x.project_id = $1 ORDER BY c.title",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let themes = sqlx::query_as(
                "SELECT t.id, t.name_nl FROM research_theme x JOIN theme t ON t.id = x.theme_id \
                     WHERE x.project_id = $1 ORDER BY t.name_nl",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((researchers, cases, themes))
        })?;
        let status = ResearchStatus::parse(&row.status)
            .ok_or_else(|| crate::db::decode_error("research_project.status", &row.status))?;
        Ok(ResearchProject {
            public_id: row.public_id,
            research: Research {
                title: row.title,
                question: row.question,
                status,
                researchers: researchers
                    .into_iter()
                    .filter_map(|(name, role)| Some((name, ResearcherRole::parse(&role)?)))
                    .collect(),
                outputs: row
                    .outputs
                    .lines()
                    .filter_map(|l| l.rsplit_once(" | "))
                    .map(|(t, u)| (t.to_owned(), u.to_owned()))
                    .collect(),
                themes: themes.iter().map(|(id, _)| *id).collect(),
                cases: cases.iter().map(|(id, _)| *id).collect(),
                public: row.public,
            },
            case_titles: cases.into_iter().map(|(_, t)| t).collect(),
            theme_names: themes.into_iter().map(|(_, n)| n).collect(),
            updated_at: row.updated_at,
        })
    }

    /// The atelier's cases a project may link to: (id, title), newest first.
    pub async fn case_choices(&self, activity_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, title FROM atelier_case WHERE activity_id = $1 ORDER BY created_at DESC"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }
}
