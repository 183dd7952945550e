//! The atelier's online space in storage: threads and their posts, read by keyset
//! (the list newest activity first, a thread's posts in order, never counting a
//! table per request: a thread keeps its own post count), following a thread,
//! marking a post helpful (the first mark is a ledger line for its writer), taking
//! a post away, and who hears of a new post ([`delivery`]): an email at once, now,
//! in the same transaction; the daily digest later (`jobs::space`).
//!
//! A post's writer is named while they are in the atelier (or run it); once they
//! left, or their account is gone, the post stays and shows as a former member's
//! ("oud-lid").

use serde_json::json;

use super::ledger::platform_entry;
use crate::db::Db;
use crate::db::audit::audit;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::community::ledger::{ContributionKind, dutch_date};
use crate::domain::community::space::{
    About, Cursor, Delivery, MailChoice, NewThread, PostKind, delivery, digest_due, digest_since,
};
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// The writer's name while they are in the atelier; NULL (shown "oud-lid") once
/// they left or their account is gone. Needs `account a` and `atelier_member m`
/// joined on the row's writer.
const AUTHOR: &str = "CASE WHEN m.state IS NULL OR m.state = 'active' THEN a.name END";

/// A thread in the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    /// Who started it; `None`: a former member.
    pub starter: Option<String>,
    pub post_count: i32,
    pub last_post_at: Timestamp,
    pub following: bool,
}

impl ThreadRow {
    /// Where the next page of the list starts.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            at: self.last_post_at,
            id: self.id,
        }
    }
}

/// One thread with what it is about.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadDetail {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    pub starter: Option<String>,
    pub account_id: Option<i64>,
    pub post_count: i32,
    pub following: bool,
    pub case_public_id: Option<String>,
    pub case_title: Option<String>,
    pub session_id: Option<i64>,
    pub session_starts_at: Option<Timestamp>,
}

/// A post as a thread shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub author: Option<String>,
    pub account_id: Option<i64>,
    /// Empty once taken away.
    pub body: String,
    pub helpful_count: i32,
    /// The reader marked it helpful.
    pub marked: bool,
    pub created_at: Timestamp,
    pub removed_at: Option<Timestamp>,
}

/// What became of marking a post helpful or taking it away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostOutcome {
    Done,
    /// Already so: marked before, or already taken away.
    Unchanged,
    /// One's own post cannot be marked helpful.
    Own,
    /// No such post in this thread of this atelier (or not one's own to take away).
    NotFound,
}

/// A member a new post may reach.
#[derive(sqlx::FromRow)]
struct Reader {
    account_id: i64,
    email: String,
    lang: String,
    space_mail: String,
    follows: bool,
}

/// A line of someone's daily digest: a thread with new posts since their last one.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DigestLine {
    pub public_id: String,
    pub title: String,
    pub new_posts: i64,
    /// The thread itself is new.
    pub started: bool,
}

/// A digest that is due: the member, their atelier and the window.
#[derive(Clone, Debug)]
pub struct DueDigest {
    pub activity_id: i64,
    pub account_id: i64,
    pub since: Timestamp,
}

/// In `$tx`, emails the members who want each post about post `$post` of thread
/// `$thread` (see [`delivery`]); those on the digest hear of it later.
macro_rules! notify {
    ($tx:ident, $kind:expr, $activity:expr, $thread:expr, $post:expr, $author:expr, $now:expr) => {{
        let readers: Vec<Reader> = sqlx::query_as(
            "SELECT m.account_id, a.email, a.lang, m.space_mail, \
             EXISTS (SELECT 1 FROM space_follow f WHERE f.thread_id = $2 AND f.account_id = m.account_id) \
             AS follows \
             FROM atelier_member m JOIN account a ON a.id = m.account_id \
             WHERE m.activity_id = $1 AND m.state = 'active' AND m.space_mail <> 'none'",
        )
        .bind($activity)
        .bind($thread)
        .fetch_all(&mut *$tx)
        .await?;
        for reader in readers {
            let choice = MailChoice::parse(&reader.space_mail).unwrap_or_default();
            if delivery($kind, choice, reader.follows, reader.account_id == $author)
                == Some(Delivery::Now)
            {
                enqueue_mail!(
                    $tx,
                    MailKind::SpacePost,
                    to = &reader.email,
                    lang = Lang::parse(&reader.lang).unwrap_or_default(),
                    payload = json!({ "atelier": $activity, "post": $post }),
                    now = $now
                );
            }
        }
    }};
}

/// In `$tx`, takes away every post account `$account` wrote in atelier
/// `$activity`, and the helpful-post ledger lines they earned; evaluates to how many
/// posts.
macro_rules! take_away_posts {
    ($tx:ident, $activity:expr, $account:expr, $now:expr) => {{
        let removed = sqlx::query(
            "UPDATE space_post SET body = '', removed_at = $3 \
             WHERE activity_id = $1 AND account_id = $2 AND removed_at IS NULL",
        )
        .bind($activity)
        .bind($account)
        .bind($now)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        sqlx::query(
            "DELETE FROM ledger_entry WHERE activity_id = $1 AND account_id = $2 AND kind = $3",
        )
        .bind($activity)
        .bind($account)
        .bind($crate::domain::community::ledger::ContributionKind::HelpfulPost.as_str())
        .execute(&mut *$tx)
        .await?;
        removed
    }};
}
pub(crate) use take_away_posts;

impl Db {
    /// A page of atelier `activity_id`'s threads, newest activity first, after
    /// `after` (the last row of the previous page); `viewer` to show what they follow.
    pub async fn threads(
        &self,
        activity_id: i64,
        viewer: i64,
        after: Option<Cursor>,
        limit: usize,
    ) -> sqlx::Result<Vec<ThreadRow>> {
        // The first page starts after a row later than any. Not `MAX_UTC`: SQLite
        // compares times as text, and "+262143-…" sorts before "2026-…".
        let after = after.unwrap_or(Cursor {
            at: chrono::DateTime::from_timestamp(253_402_300_799, 0).unwrap_or_default(),
            id: i64::MAX,
        });
        let sql = format!(
            "SELECT t.id, t.public_id, t.title, {AUTHOR} AS starter, t.post_count, t.last_post_at, \
             EXISTS (SELECT 1 FROM space_follow f WHERE f.thread_id = t.id AND f.account_id = $2) \
             AS following \
             FROM space_thread t LEFT JOIN account a ON a.id = t.account_id \
             LEFT JOIN atelier_member m ON m.activity_id = t.activity_id AND m.account_id = t.account_id \
             WHERE t.activity_id = $1 AND (t.last_post_at < $3 OR (t.last_post_at = $3 AND t.id < $4)) \
             ORDER BY t.last_post_at DESC, t.id DESC LIMIT $5"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .bind(viewer)
        .bind(after.at)
        .bind(after.id)
        .bind(limit as i64)
        .fetch_all(pool)
        .await)
    }

    /// Thread `public_id` of atelier `activity_id`, as `viewer` sees it.
    pub async fn thread(
        &self,
        activity_id: i64,
        public_id: &str,
        viewer: i64,
    ) -> sqlx::Result<Option<ThreadDetail>> {
        let sql = format!(
            "SELECT t.id, t.public_id, t.title, {AUTHOR} AS starter, t.account_id, t.post_count, \
             EXISTS (SELECT 1 FROM space_follow f WHERE f.thread_id = t.id AND f.account_id = $3) \
             AS following, c.public_id AS case_public_id, c.title AS case_title, \
             s.id AS session_id, s.starts_at AS session_starts_at \
             FROM space_thread t LEFT JOIN account a ON a.id = t.account_id \
             LEFT JOIN atelier_member m ON m.activity_id = t.activity_id AND m.account_id = t.account_id \
             LEFT JOIN atelier_case c ON c.id = t.case_id \
             LEFT JOIN session s ON s.id = t.session_id \
             WHERE t.activity_id = $1 AND t.public_id = $2"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .bind(public_id)
        .bind(viewer)
        .fetch_optional(pool)
        .await)
    }

    /// Up to `limit` posts of thread `thread_id` after post `after` (0: from the
    /// first), in order; `viewer` to show what they marked helpful.
    pub async fn thread_posts(
        &self,
        thread_id: i64,
        viewer: i64,
        after: i64,
        limit: usize,
    ) -> sqlx::Result<Vec<PostRow>> {
        let sql = format!(
            "SELECT p.id, {AUTHOR} AS author, p.account_id, p.body, p.helpful_count, \
             EXISTS (SELECT 1 FROM post_helpful h WHERE h.post_id = p.id AND h.account_id = $2) \
             AS marked, p.created_at, p.removed_at \
             FROM space_post p LEFT JOIN account a ON a.id = p.account_id \
             LEFT JOIN atelier_member m ON m.activity_id = p.activity_id AND m.account_id = p.account_id \
             WHERE p.thread_id = $1 AND p.id > $3 ORDER BY p.id LIMIT $4"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(thread_id)
        .bind(viewer)
        .bind(after)
        .bind(limit as i64)
        .fetch_all(pool)
        .await)
    }

    /// The titles of the cases and the start of the meetings of atelier
    /// `activity_id` that posts mention: (public id, title) and (id, starts at).
    pub async fn mentioned(
        &self,
        activity_id: i64,
        cases: &[String],
        meetings: &[i64],
    ) -> sqlx::Result<(Vec<(String, String)>, Vec<(i64, Timestamp)>)> {
        let mut found_cases = Vec::new();
        for case in cases {
            let row: Option<(String, String)> = on_pool!(self, |pool| {
                sqlx::query_as(
                "SELECT public_id, title FROM atelier_case WHERE activity_id = $1 AND public_id = $2"
            )
            .bind(activity_id)
            .bind(case)
            .fetch_optional(pool)
            .await
            })?;
            found_cases.extend(row);
        }
        let mut found_meetings = Vec::new();
        for meeting in meetings {
            let row: Option<(i64, Timestamp)> = on_pool!(self, |pool| sqlx::query_as(
                "SELECT id, starts_at FROM session WHERE activity_id = $1 AND id = $2"
            )
            .bind(activity_id)
            .bind(meeting)
            .fetch_optional(pool)
            .await)?;
            found_meetings.extend(row);
        }
        Ok((found_cases, found_meetings))
    }

    /// Starts a thread in atelier `activity_id` with its first post; the starter
    /// follows it. Members who want each post get an email now. Returns its public id.
    pub async fn start_thread(
        &self,
        activity_id: i64,
        account_id: i64,
        thread: &NewThread,
        now: Timestamp,
    ) -> sqlx::Result<String> {
        let public_id = uuid::Uuid::new_v4().simple().to_string();
        write_tx!(self, |tx| {
            let (case_id, session_id) = match &thread.about {
                None => (None, None),
                Some(About::Case(case)) => {
                    let id: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM atelier_case WHERE activity_id = $1 AND public_id = $2",
                    )
                    .bind(activity_id)
                    .bind(case)
                    .fetch_optional(&mut *tx)
                    .await?;
                    (id, None)
                }
                Some(About::Meeting(session)) => {
                    let id: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM session WHERE activity_id = $1 AND id = $2",
                    )
                    .bind(activity_id)
                    .bind(session)
                    .fetch_optional(&mut *tx)
                    .await?;
                    (None, id)
                }
            };
            let thread_id: i64 = sqlx::query_scalar(
                "INSERT INTO space_thread (public_id, activity_id, account_id, title, case_id, \
                 session_id, post_count, last_post_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id",
            )
            .bind(&public_id)
            .bind(activity_id)
            .bind(account_id)
            .bind(&thread.title)
            .bind(case_id)
            .bind(session_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let post_id: i64 = sqlx::query_scalar(
                "INSERT INTO space_post (thread_id, activity_id, account_id, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(thread_id)
            .bind(activity_id)
            .bind(account_id)
            .bind(&thread.body)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO space_follow (thread_id, account_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(thread_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            notify!(
                tx,
                PostKind::Thread,
                activity_id,
                thread_id,
                post_id,
                account_id,
                now
            );
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = "thread_started",
                detail = &thread.title,
                now = now
            );
        });
        Ok(public_id)
    }

    /// Adds a reply to thread `thread_id` of atelier `activity_id`; the writer
    /// follows the thread from now on. Followers who want each post get an email now.
    /// Returns the post's id.
    pub async fn reply(
        &self,
        activity_id: i64,
        thread_id: i64,
        account_id: i64,
        body: &str,
        now: Timestamp,
    ) -> sqlx::Result<i64> {
        Ok(write_tx!(self, |tx| {
            let post_id: i64 = sqlx::query_scalar(
                "INSERT INTO space_post (thread_id, activity_id, account_id, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(thread_id)
            .bind(activity_id)
            .bind(account_id)
            .bind(body)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE space_thread SET post_count = post_count + 1, last_post_at = $2 WHERE id = $1",
            )
            .bind(thread_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO space_follow (thread_id, account_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (thread_id, account_id) DO NOTHING",
            )
            .bind(thread_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            notify!(
                tx,
                PostKind::Reply,
                activity_id,
                thread_id,
                post_id,
                account_id,
                now
            );
            post_id
        }))
    }

    /// Follows (or stops following) thread `thread_id`.
    pub async fn set_following(
        &self,
        thread_id: i64,
        account_id: i64,
        follow: bool,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        if follow {
            on_pool!(self, |pool| sqlx::query(
                "INSERT INTO space_follow (thread_id, account_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (thread_id, account_id) DO NOTHING"
            )
            .bind(thread_id)
            .bind(account_id)
            .bind(now)
            .execute(pool)
            .await
            .map(drop))?;
        } else {
            on_pool!(self, |pool| sqlx::query(
                "DELETE FROM space_follow WHERE thread_id = $1 AND account_id = $2"
            )
            .bind(thread_id)
            .bind(account_id)
            .execute(pool)
            .await
            .map(drop))?;
        }
        Ok(())
    }

    /// Marks post `post_id` of thread `thread_id` helpful for `account_id`. The
    /// first mark is a ledger line for the writer: others found it helpful.
    pub async fn mark_helpful(
        &self,
        activity_id: i64,
        thread_id: i64,
        post_id: i64,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<PostOutcome> {
        Ok(write_tx!(self, |tx| {
            let post: Option<(Option<i64>, Option<Timestamp>)> = sqlx::query_as(
                "SELECT account_id, removed_at FROM space_post \
                 WHERE id = $1 AND thread_id = $2 AND activity_id = $3",
            )
            .bind(post_id)
            .bind(thread_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let writer = match post {
                None | Some((_, Some(_))) => return Ok(PostOutcome::NotFound),
                Some((writer, None)) => writer,
            };
            if writer == Some(account_id) {
                return Ok(PostOutcome::Own);
            }
            let marked = sqlx::query(
                "INSERT INTO post_helpful (post_id, account_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (post_id, account_id) DO NOTHING",
            )
            .bind(post_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if marked == 0 {
                return Ok(PostOutcome::Unchanged);
            }
            sqlx::query("UPDATE space_post SET helpful_count = helpful_count + 1 WHERE id = $1")
                .bind(post_id)
                .execute(&mut *tx)
                .await?;
            if let Some(writer) = writer {
                platform_entry!(
                    tx,
                    activity_id,
                    writer,
                    dutch_date(now),
                    ContributionKind::HelpfulPost.as_str(),
                    i64::from(ContributionKind::HelpfulPost.default_minutes()),
                    &format!("post:{post_id}"),
                    account_id,
                    now
                );
            }
            PostOutcome::Done
        }))
    }

    /// Takes post `post_id` away: its text goes, its place in the thread stays.
    /// `own_only`: only if `account_id` wrote it (a member); otherwise whoever runs
    /// the atelier. A helpful-post ledger line it earned goes too.
    pub async fn remove_post(
        &self,
        activity_id: i64,
        thread_id: i64,
        post_id: i64,
        account_id: i64,
        own_only: bool,
        now: Timestamp,
    ) -> sqlx::Result<PostOutcome> {
        Ok(write_tx!(self, |tx| {
            let post: Option<(Option<i64>, Option<Timestamp>)> = sqlx::query_as(
                "SELECT account_id, removed_at FROM space_post \
                 WHERE id = $1 AND thread_id = $2 AND activity_id = $3",
            )
            .bind(post_id)
            .bind(thread_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let writer = match post {
                None => return Ok(PostOutcome::NotFound),
                Some((writer, _)) if own_only && writer != Some(account_id) => {
                    return Ok(PostOutcome::NotFound);
                }
                Some((_, Some(_))) => return Ok(PostOutcome::Unchanged),
                Some((writer, None)) => writer,
            };
            sqlx::query("UPDATE space_post SET body = '', removed_at = $2 WHERE id = $1")
                .bind(post_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if let Some(writer) = writer {
                sqlx::query("DELETE FROM ledger_entry WHERE account_id = $1 AND source = $2")
                    .bind(writer)
                    .bind(format!("post:{post_id}"))
                    .execute(&mut *tx)
                    .await?;
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = "post_removed",
                detail = &post_id.to_string(),
                now = now
            );
            PostOutcome::Done
        }))
    }

    /// Takes away every post `account_id` wrote in atelier `activity_id` (a member
    /// who asks for it); returns how many.
    pub async fn remove_posts_of(
        &self,
        activity_id: i64,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<u64> {
        Ok(write_tx!(self, |tx| {
            take_away_posts!(tx, activity_id, account_id, now)
        }))
    }

    /// Member `account_id`'s mail choice for the space of atelier `activity_id`.
    pub async fn space_mail(
        &self,
        activity_id: i64,
        account_id: i64,
    ) -> sqlx::Result<Option<MailChoice>> {
        let raw: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT space_mail FROM atelier_member WHERE activity_id = $1 AND account_id = $2"
        )
        .bind(activity_id)
        .bind(account_id)
        .fetch_optional(pool)
        .await)?;
        Ok(raw.and_then(|r| MailChoice::parse(&r)))
    }

    /// Sets how member `account_id` hears of new posts; `false` when not a member.
    pub async fn set_space_mail(
        &self,
        activity_id: i64,
        account_id: i64,
        choice: MailChoice,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        let changed = on_pool!(self, |pool| sqlx::query(
            "UPDATE atelier_member SET space_mail = $3, updated_at = $4 \
             WHERE activity_id = $1 AND account_id = $2 AND state = 'active'"
        )
        .bind(activity_id)
        .bind(account_id)
        .bind(choice.as_str())
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Queues the daily digests that are due at `now` (a job): one email per member
    /// who chose the digest and has news since their last one, a new thread in their
    /// atelier or a reply in a thread they follow, not their own. Each member's
    /// digest moment moves on, news or not. Returns how many were queued.
    pub async fn queue_digests(&self, now: Timestamp) -> sqlx::Result<usize> {
        let members: Vec<(i64, i64, String, String, Option<Timestamp>)> =
            on_pool!(self, |pool| sqlx::query_as(
                "SELECT m.activity_id, m.account_id, a.email, a.lang, m.digest_at \
                 FROM atelier_member m JOIN account a ON a.id = m.account_id \
                 WHERE m.state = 'active' AND m.space_mail = 'daily'"
            )
            .fetch_all(pool)
            .await)?;
        let mut queued = 0;
        for (activity_id, account_id, email, lang, last) in members {
            if !digest_due(last, now) {
                continue;
            }
            let since = digest_since(last, now);
            let news = self
                .digest_lines(
                    &DueDigest {
                        activity_id,
                        account_id,
                        since,
                    },
                    now,
                )
                .await?;
            let sent = write_tx!(self, |tx| {
                // Moved only if no other server made this digest meanwhile.
                let moved = sqlx::query(
                    "UPDATE atelier_member SET digest_at = $3 WHERE activity_id = $1 \
                     AND account_id = $2 AND (digest_at IS NULL OR digest_at = $4)",
                )
                .bind(activity_id)
                .bind(account_id)
                .bind(now)
                .bind(last)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved == 1 && !news.is_empty() {
                    enqueue_mail!(
                        tx,
                        MailKind::SpaceDigest,
                        to = &email,
                        lang = Lang::parse(&lang).unwrap_or_default(),
                        payload = json!({
                            "atelier": activity_id,
                            "account": account_id,
                            "since": since,
                            "until": now,
                        }),
                        now = now
                    );
                    true
                } else {
                    false
                }
            });
            queued += usize::from(sent);
        }
        Ok(queued)
    }

    /// What a digest tells: the threads with news for the member from `since` up to
    /// `until` (the moment the digest was made), at most 50, most news first.
    pub async fn digest_lines(
        &self,
        due: &DueDigest,
        until: Timestamp,
    ) -> sqlx::Result<Vec<DigestLine>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.public_id, t.title, COUNT(p.id) AS new_posts, \
             (t.created_at > $3) AS started \
             FROM space_post p JOIN space_thread t ON t.id = p.thread_id \
             WHERE p.activity_id = $1 AND p.created_at > $3 AND p.created_at <= $4 \
             AND p.removed_at IS NULL \
             AND (p.account_id IS NULL OR p.account_id <> $2) \
             AND (t.created_at > $3 \
                  OR EXISTS (SELECT 1 FROM space_follow f WHERE f.thread_id = t.id AND f.account_id = $2)) \
             GROUP BY t.id, t.public_id, t.title, t.created_at \
             ORDER BY COUNT(p.id) DESC, t.title LIMIT 50"
        )
        .bind(due.activity_id)
        .bind(due.account_id)
        .bind(due.since)
        .bind(until)
        .fetch_all(pool)
        .await
        })
    }

    /// The post an each-post email is about: (thread public id, thread title,
    /// writer's name, text, whether it opened the thread).
    pub async fn post_for_mail(
        &self,
        post_id: i64,
    ) -> sqlx::Result<Option<(String, String, Option<String>, String, bool)>> {
        let sql = format!(
            "SELECT t.public_id, t.title, {AUTHOR} AS author, p.body, \
             (p.id = (SELECT MIN(q.id) FROM space_post q WHERE q.thread_id = t.id)) AS opening \
             FROM space_post p JOIN space_thread t ON t.id = p.thread_id \
             LEFT JOIN account a ON a.id = p.account_id \
             LEFT JOIN atelier_member m ON m.activity_id = p.activity_id AND m.account_id = p.account_id \
             WHERE p.id = $1 AND p.removed_at IS NULL"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(post_id)
        .fetch_optional(pool)
        .await)
    }
}
