//! Writes the demo data set. Idempotent: rows are keyed by slug (accounts by address)
//! and an activity that already exists is left alone with everything under it (its
//! kartrekkers and members too), so running `demo` twice changes nothing.

use chrono::NaiveDate;

use crate::db::Db;
use crate::demo::{self, DemoData};
use crate::domain::community::ledger::ContributionKind;
use crate::domain::community::resource::{download_name, sniff};
use crate::write_tx;

/// What a demo load did, for the command's output.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub activities_added: usize,
    pub activities_present: usize,
    /// The shared files of the ateliers added, (resource public id, bytes): the
    /// caller keeps them in the data directory ([`crate::db::community::ResourceFiles::store`]).
    pub files: Vec<(String, Vec<u8>)>,
}

/// In `$tx`, a conversation of atelier `$activity`: the thread, its posts (hours
/// before `$now`), what others marked helpful, and its writers following it.
macro_rules! load_thread {
    ($tx:ident, $activity:expr, $thread:expr, $now:expr) => {{
        let thread = $thread;
        let at = |hours: u32| $now - chrono::Duration::hours(i64::from(hours));
        let opened = at(thread.posts[0].hours_ago);
        let last = at(thread.posts[thread.posts.len() - 1].hours_ago);
        let thread_id: i64 = sqlx::query_scalar(
            "INSERT INTO space_thread (public_id, activity_id, account_id, title, post_count, \
             last_post_at, created_at) \
             SELECT $1, $2, id, $4, $5, $6, $7 FROM account WHERE email_key = $3 RETURNING id",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind($activity)
        .bind(thread.posts[0].by.to_lowercase())
        .bind(&thread.title)
        .bind(thread.posts.len() as i32)
        .bind(last)
        .bind(opened)
        .fetch_one(&mut *$tx)
        .await?;
        for post in &thread.posts {
            let post_id: i64 = sqlx::query_scalar(
                "INSERT INTO space_post (thread_id, activity_id, account_id, body, helpful_count, \
                 created_at) SELECT $1, $2, id, $4, $5, $6 FROM account WHERE email_key = $3 \
                 RETURNING id",
            )
            .bind(thread_id)
            .bind($activity)
            .bind(post.by.to_lowercase())
            .bind(&post.body)
            .bind(post.helpful.len() as i32)
            .bind(at(post.hours_ago))
            .fetch_one(&mut *$tx)
            .await?;
            sqlx::query(
                "INSERT INTO space_follow (thread_id, account_id, created_at) \
                 SELECT $1, id, $3 FROM account WHERE email_key = $2 \
                 ON CONFLICT (thread_id, account_id) DO NOTHING",
            )
            .bind(thread_id)
            .bind(post.by.to_lowercase())
            .bind(at(post.hours_ago))
            .execute(&mut *$tx)
            .await?;
            for by in &post.helpful {
                sqlx::query(
                    "INSERT INTO post_helpful (post_id, account_id, created_at) \
                     SELECT $1, id, $3 FROM account WHERE email_key = $2",
                )
                .bind(post_id)
                .bind(by.to_lowercase())
                .bind(at(post.hours_ago))
                .execute(&mut *$tx)
                .await?;
            }
            // Marked helpful: bringing, as the platform records it.
            if !post.helpful.is_empty() {
                sqlx::query(
                    "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, \
                     source, created_at) SELECT $1, id, $3, 'helpful_post', $4, $5, $6 \
                     FROM account WHERE email_key = $2",
                )
                .bind($activity)
                .bind(post.by.to_lowercase())
                .bind(crate::domain::community::ledger::dutch_date(at(
                    post.hours_ago
                )))
                .bind(i64::from(
                    crate::domain::community::ledger::ContributionKind::HelpfulPost
                        .default_minutes(),
                ))
                .bind(format!("post:{post_id}"))
                .bind(at(post.hours_ago))
                .execute(&mut *$tx)
                .await?;
            }
        }
    }};
}

impl Db {
    /// Loads `data` with dates relative to `today`, in one transaction.
    pub async fn load_demo(&self, data: &DemoData, today: NaiveDate) -> anyhow::Result<DemoReport> {
        let now = crate::time::now();
        let report = write_tx!(self, |tx| {
            let mut report = DemoReport::default();
            for o in &data.organisations {
                sqlx::query(
                    "INSERT INTO organisation (slug, name, kind, city, website, description, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&o.slug)
                .bind(&o.name)
                .bind(&o.kind)
                .bind(&o.city)
                .bind(&o.website)
                .bind(&o.description)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            for t in &data.themes {
                sqlx::query(
                    "INSERT INTO theme (slug, name_nl, name_en, description_nl, description_en, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&t.slug)
                .bind(&t.name_nl)
                .bind(&t.name_en)
                .bind(&t.description_nl)
                .bind(&t.description_en)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            for (position, a) in data.audiences.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO audience (slug, name_nl, name_en, position, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&a.slug)
                .bind(&a.name_nl)
                .bind(&a.name_en)
                .bind(position as i32)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            for p in &data.profiles {
                sqlx::query(
                    "INSERT INTO profile (slug, name, affiliation, bio, email, phone, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&p.slug)
                .bind(&p.name)
                .bind(&p.affiliation)
                .bind(&p.bio)
                .bind(&p.email)
                .bind(&p.phone)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            for v in &data.venues {
                sqlx::query(
                    "INSERT INTO venue (slug, name, address, postcode, city, route_car, route_transit, \
                       accessibility, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&v.slug)
                .bind(&v.name)
                .bind(&v.address)
                .bind(&v.postcode)
                .bind(&v.city)
                .bind(&v.route_car)
                .bind(&v.route_transit)
                .bind(&v.accessibility)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            // Accounts are keyed by address: one already there (loaded before, or made
            // by someone signing in with that address) is used as it is.
            for account in &data.accounts {
                sqlx::query(
                    "INSERT INTO account (public_id, email, email_key, name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (email_key) DO NOTHING",
                )
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(&account.email)
                .bind(account.email.to_lowercase())
                .bind(&account.name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }

            // Activities first, links between them (prerequisites) after all exist.
            let mut added = Vec::new();
            for a in &data.activities {
                let contact: Option<i64> = match &a.contact {
                    Some(slug) => Some(
                        sqlx::query_scalar("SELECT id FROM profile WHERE slug = $1")
                            .bind(slug)
                            .fetch_one(&mut *tx)
                            .await?,
                    ),
                    None => None,
                };
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO activity (slug, kind, title, subtitle, summary, body, status, region, \
                       cost_cents, cost_note, time_investment, recurrence_note, participation_note, \
                       contact_profile_id, capacity, confirmed_count, waitlist_enabled, registration_open, \
                       organiser_email, public_id, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $20, $21, $19, $19) \
                     ON CONFLICT (slug) DO NOTHING RETURNING id",
                )
                .bind(&a.slug)
                .bind(&a.kind)
                .bind(&a.title)
                .bind(&a.subtitle)
                .bind(&a.summary)
                .bind(&a.body)
                .bind(&a.status)
                .bind(&a.region)
                .bind(a.cost_cents)
                .bind(&a.cost_note)
                .bind(&a.time_investment)
                .bind(&a.recurrence_note)
                .bind(&a.participation_note)
                .bind(contact)
                .bind(a.capacity)
                .bind(a.confirmed_count)
                .bind(a.waitlist)
                .bind(a.registration_open)
                .bind(now)
                .bind(&a.organiser_email)
                .bind(crate::db::new_public_key())
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    report.activities_present += 1;
                    continue;
                };
                report.activities_added += 1;
                added.push((id, a));

                for (position, q) in a.questions.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO question (activity_id, position, kind, label, help, required, options) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(id)
                    .bind(position as i32)
                    .bind(&q.kind)
                    .bind(&q.label)
                    .bind(&q.help)
                    .bind(q.required)
                    .bind(q.options.join("\n"))
                    .execute(&mut *tx)
                    .await?;
                }
                // The places already taken belong to fictional people, so the counter
                // and the registrations agree. Their manage tokens are thrown away.
                let role = a.audiences.first().map_or("anders", String::as_str);
                for n in 1..=a.confirmed_count {
                    let token = crate::secret::random_token::<32>();
                    sqlx::query(
                        "INSERT INTO registration (public_id, activity_id, name, email, email_key, \
                           organisation, role, lang, state, token_hash, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $4, $5, $6, 'nl', 'confirmed', $7, $8, $8)",
                    )
                    .bind(uuid::Uuid::new_v4().to_string())
                    .bind(id)
                    .bind(format!("Deelnemer {n} (demo)"))
                    .bind(format!("deelnemer-{n}@demo.samenleren.invalid"))
                    .bind("Demo-organisatie")
                    .bind(role)
                    .bind(crate::secret::token_hash(&token))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                for slug in &a.themes {
                    sqlx::query(
                        "INSERT INTO activity_theme (activity_id, theme_id) SELECT $1, id FROM theme WHERE slug = $2",
                    )
                    .bind(id)
                    .bind(slug)
                    .execute(&mut *tx)
                    .await?;
                }
                for slug in &a.audiences {
                    sqlx::query(
                        "INSERT INTO activity_audience (activity_id, audience_id) SELECT $1, id FROM audience WHERE slug = $2",
                    )
                    .bind(id)
                    .bind(slug)
                    .execute(&mut *tx)
                    .await?;
                }
                for (position, slug) in a.organisations.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO activity_organisation (activity_id, organisation_id, position) \
                         SELECT $1, id, $3 FROM organisation WHERE slug = $2",
                    )
                    .bind(id)
                    .bind(slug)
                    .bind(position as i32)
                    .execute(&mut *tx)
                    .await?;
                }
                for (position, slug) in a.facilitators.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO activity_facilitator (activity_id, profile_id, position) \
                         SELECT $1, id, $3 FROM profile WHERE slug = $2",
                    )
                    .bind(id)
                    .bind(slug)
                    .bind(position as i32)
                    .execute(&mut *tx)
                    .await?;
                }
                for email in &a.kartrekker_accounts {
                    let account: i64 =
                        sqlx::query_scalar("SELECT id FROM account WHERE email_key = $1")
                            .bind(email.to_lowercase())
                            .fetch_optional(&mut *tx)
                            .await?
                            .ok_or_else(|| anyhow::anyhow!("demo data: no account {}", email))?;
                    sqlx::query(
                        "INSERT INTO activity_facilitator_account (activity_id, account_id, created_at) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(account)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                // Memberships as joining, the kartrekker's decision and leaving would
                // have left them, dated back. No audit rows and no emails: nothing
                // happened here that anyone must be told.
                for m in &a.members {
                    let account: i64 =
                        sqlx::query_scalar("SELECT id FROM account WHERE email_key = $1")
                            .bind(m.account.to_lowercase())
                            .fetch_optional(&mut *tx)
                            .await?
                            .ok_or_else(|| {
                                anyhow::anyhow!("demo data: no account {}", m.account)
                            })?;
                    let days = |n: u32| now - chrono::Duration::days(i64::from(n));
                    let since = days(m.days_ago);
                    let changed = m.left_days_ago.map_or(since, days);
                    sqlx::query(
                        "INSERT INTO atelier_member (public_id, activity_id, account_id, level, role, state, \
                           brings, listed, joined_at, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(uuid::Uuid::new_v4().simple().to_string())
                    .bind(id)
                    .bind(account)
                    .bind(&m.level)
                    .bind(&m.role)
                    .bind(&m.state)
                    .bind(&m.brings)
                    .bind(m.listed)
                    .bind((m.state == "active").then_some(since))
                    .bind(since)
                    .bind(changed)
                    .execute(&mut *tx)
                    .await?;
                }
                // An atelier's history: past meetings with who came, the cases
                // discussed there with their expert and outcome, and the ledger lines
                // the platform writes for them; cases still waiting; research.
                let account_of = |email: &str| email.to_lowercase();
                for meeting in &a.past_meetings {
                    let date = today - chrono::Duration::days(i64::from(meeting.days_ago));
                    let starts = demo::local_to_utc(date, demo::time(&meeting.start)?)?;
                    let ends = demo::local_to_utc(date, demo::time(&meeting.end)?)?;
                    let session: i64 = sqlx::query_scalar(
                        "INSERT INTO session (activity_id, starts_at, ends_at, created_at, uid, members_only, \
                         agenda_published_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6) RETURNING id",
                    )
                    .bind(id)
                    .bind(starts)
                    .bind(ends)
                    .bind(now)
                    .bind(crate::db::session_uid())
                    .bind(starts - chrono::Duration::days(7))
                    .fetch_one(&mut *tx)
                    .await?;
                    let minutes = (ends - starts).num_minutes();
                    for email in &meeting.attended {
                        sqlx::query(
                            "INSERT INTO meeting_attendance (session_id, account_id, created_at) \
                             SELECT $1, id, $3 FROM account WHERE email_key = $2",
                        )
                        .bind(session)
                        .bind(account_of(email))
                        .bind(ends)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query(
                            "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, \
                             source, created_at) SELECT $1, id, $3, 'attended', $4, $5, $6 \
                             FROM account WHERE email_key = $2",
                        )
                        .bind(id)
                        .bind(account_of(email))
                        .bind(date)
                        .bind(minutes)
                        .bind(format!("session:{session}"))
                        .bind(ends)
                        .execute(&mut *tx)
                        .await?;
                    }
                    for (n, case) in meeting.cases.iter().enumerate() {
                        let outcome = case.outcome.as_ref().ok_or_else(|| {
                            anyhow::anyhow!("demo data: a past case without outcome")
                        })?;
                        let state = if outcome.finished {
                            "discussed"
                        } else {
                            "carried_over"
                        };
                        let brought = starts - chrono::Duration::days(20);
                        let case_id: i64 = sqlx::query_scalar(
                            "INSERT INTO atelier_case (public_id, activity_id, account_id, title, situation, \
                             question, state, meeting_id, created_at, updated_at) \
                             SELECT $1, $2, id, $4, $5, $6, $7, $8, $9, $10 FROM account WHERE email_key = $3 \
                             RETURNING id",
                        )
                        .bind(uuid::Uuid::new_v4().simple().to_string())
                        .bind(id)
                        .bind(account_of(&case.by))
                        .bind(&case.title)
                        .bind(&case.situation)
                        .bind(&case.question)
                        .bind(state)
                        .bind(outcome.finished.then_some(session))
                        .bind(brought)
                        .bind(ends)
                        .fetch_one(&mut *tx)
                        .await?;
                        sqlx::query(
                            "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, \
                             source, created_at) SELECT $1, id, $3, 'case', 60, $4, $5 \
                             FROM account WHERE email_key = $2",
                        )
                        .bind(id)
                        .bind(account_of(&case.by))
                        .bind(crate::domain::community::ledger::dutch_date(brought))
                        .bind(format!("case:{case_id}"))
                        .bind(brought)
                        .execute(&mut *tx)
                        .await?;
                        // Each case gets three quarters of an hour, from half an hour in.
                        let from = starts + chrono::Duration::minutes(30 + 45 * n as i64);
                        let to = from + chrono::Duration::minutes(45);
                        let expert: Option<i64> = match &case.expert {
                            Some(email) => {
                                sqlx::query_scalar("SELECT id FROM account WHERE email_key = $1")
                                    .bind(account_of(email))
                                    .fetch_optional(&mut *tx)
                                    .await?
                            }
                            None => None,
                        };
                        let item: i64 = sqlx::query_scalar(
                            "INSERT INTO agenda_item (session_id, kind, case_id, title, starts_at, ends_at, \
                             expert_account_id, created_at) VALUES ($1, 'case', $2, $3, $4, $5, $6, $7) RETURNING id",
                        )
                        .bind(session)
                        .bind(case_id)
                        .bind(&case.title)
                        .bind(from)
                        .bind(to)
                        .bind(expert)
                        .bind(brought)
                        .fetch_one(&mut *tx)
                        .await?;
                        if let Some(expert) = expert {
                            sqlx::query(
                                "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, \
                                 source, created_at) VALUES ($1, $2, $3, 'expert', 45, $4, $5)",
                            )
                            .bind(id)
                            .bind(expert)
                            .bind(date)
                            .bind(format!("agenda:{item}"))
                            .bind(ends)
                            .execute(&mut *tx)
                            .await?;
                        }
                        sqlx::query(
                            "INSERT INTO case_outcome (case_id, session_id, learned, next_steps, public, \
                             finished, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        )
                        .bind(case_id)
                        .bind(session)
                        .bind(&outcome.learned)
                        .bind(&outcome.next_steps)
                        .bind(outcome.public)
                        .bind(outcome.finished)
                        .bind(ends)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                for case in &a.waiting_cases {
                    sqlx::query(
                        "INSERT INTO atelier_case (public_id, activity_id, account_id, title, situation, \
                         question, state, created_at, updated_at) \
                         SELECT $1, $2, id, $4, $5, $6, 'submitted', $7, $7 FROM account WHERE email_key = $3",
                    )
                    .bind(uuid::Uuid::new_v4().simple().to_string())
                    .bind(id)
                    .bind(account_of(&case.by))
                    .bind(&case.title)
                    .bind(&case.situation)
                    .bind(&case.question)
                    .bind(now - chrono::Duration::days(5))
                    .execute(&mut *tx)
                    .await?;
                }
                for research in &a.research {
                    let project: i64 = sqlx::query_scalar(
                        "INSERT INTO research_project (public_id, activity_id, title, question, status, \
                         public, outputs, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                         RETURNING id",
                    )
                    .bind(uuid::Uuid::new_v4().simple().to_string())
                    .bind(id)
                    .bind(&research.title)
                    .bind(&research.question)
                    .bind(&research.status)
                    .bind(research.public)
                    .bind(
                        research
                            .outputs
                            .iter()
                            .map(|(t, u)| format!("{t} | {u}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    for (position, (name, role)) in research.researchers.iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO research_researcher (project_id, position, name, role) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(project)
                        .bind(position as i64)
                        .bind(name)
                        .bind(role)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                for thread in &a.threads {
                    load_thread!(tx, id, thread, now);
                }
                for resource in &a.resources {
                    let shared = now - chrono::Duration::days(i64::from(resource.days_ago));
                    let public_id = crate::db::new_public_key();
                    let (url, file) = match (&resource.url, &resource.file) {
                        (Some(url), None) => (url.clone(), None),
                        (None, Some(file)) => {
                            let bytes = file.bytes();
                            let kind = sniff(&bytes, &file.name)
                                .map_err(|e| anyhow::anyhow!("demo file {}: {e}", file.name))?;
                            (
                                String::new(),
                                Some((download_name(&file.name, kind), kind, bytes)),
                            )
                        }
                        _ => anyhow::bail!("demo data: a resource is a link or a file"),
                    };
                    let resource_id: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO atelier_resource (public_id, activity_id, account_id, title, url, \
                         file_name, file_type, file_size, created_at) \
                         SELECT $1, $2, id, $4, $5, $6, $7, $8, $9 FROM account WHERE email_key = $3 \
                         RETURNING id",
                    )
                    .bind(&public_id)
                    .bind(id)
                    .bind(account_of(&resource.by))
                    .bind(&resource.title)
                    .bind(&url)
                    .bind(file.as_ref().map_or("", |f| f.0.as_str()))
                    .bind(file.as_ref().map_or("", |f| f.1.as_str()))
                    .bind(file.as_ref().map_or(0, |f| f.2.len() as i64))
                    .bind(shared)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(resource_id) = resource_id else {
                        anyhow::bail!("demo data: no account {}", resource.by);
                    };
                    for slug in &resource.themes {
                        sqlx::query(
                            "INSERT INTO resource_theme (resource_id, theme_id) \
                             SELECT $1, id FROM theme WHERE slug = $2",
                        )
                        .bind(resource_id)
                        .bind(slug)
                        .execute(&mut *tx)
                        .await?;
                    }
                    sqlx::query(
                        "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, \
                         source, created_at) SELECT $1, id, $3, 'resource', $4, $5, $6 \
                         FROM account WHERE email_key = $2",
                    )
                    .bind(id)
                    .bind(account_of(&resource.by))
                    .bind(crate::domain::community::ledger::dutch_date(shared))
                    .bind(i64::from(ContributionKind::Resource.default_minutes()))
                    .bind(format!("resource:{resource_id}"))
                    .bind(shared)
                    .execute(&mut *tx)
                    .await?;
                    if let Some((_, _, bytes)) = file {
                        report.files.push((public_id, bytes));
                    }
                }
                for (position, link) in a.links.iter().enumerate() {
                    sqlx::query("INSERT INTO activity_link (activity_id, position, title, url) VALUES ($1, $2, $3, $4)")
                        .bind(id)
                        .bind(position as i32)
                        .bind(&link.title)
                        .bind(&link.url)
                        .execute(&mut *tx)
                        .await?;
                }
                let mut first_session: Option<(i64, crate::time::Timestamp)> = None;
                for (starts, ends, session) in demo::session_times(a, today)? {
                    let venue: Option<i64> = match &session.venue {
                        Some(slug) => Some(
                            sqlx::query_scalar("SELECT id FROM venue WHERE slug = $1")
                                .bind(slug)
                                .fetch_one(&mut *tx)
                                .await?,
                        ),
                        None => None,
                    };
                    let session_id: i64 = sqlx::query_scalar(
                        "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, title, capacity, \
                         created_at, uid) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    )
                    .bind(id)
                    .bind(starts)
                    .bind(ends)
                    .bind(venue)
                    .bind(&session.title)
                    .bind(session.capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX)))
                    .bind(now)
                    .bind(crate::db::session_uid())
                    .fetch_one(&mut *tx)
                    .await?;
                    first_session.get_or_insert((session_id, starts));
                }
                if let Some((session_id, starts)) = first_session {
                    for (position, item) in a.program.iter().enumerate() {
                        let item_id: i64 = sqlx::query_scalar(
                            "INSERT INTO program_item (session_id, position, starts_at, kind, title, description) \
                             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        )
                        .bind(session_id)
                        .bind(position as i32)
                        .bind(demo::program_time(item, Some(starts))?)
                        .bind(&item.kind)
                        .bind(&item.title)
                        .bind(&item.description)
                        .fetch_one(&mut *tx)
                        .await?;
                        for (position, slug) in item.speakers.iter().enumerate() {
                            sqlx::query(
                                "INSERT INTO program_item_speaker (program_item_id, profile_id, position) \
                                 SELECT $1, id, $3 FROM profile WHERE slug = $2",
                            )
                            .bind(item_id)
                            .bind(slug)
                            .bind(position as i32)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                }
            }
            for (id, a) in &added {
                for accreditation in &a.accreditations {
                    sqlx::query(
                        "INSERT INTO accreditation (activity_id, register_id, category_id, \
                         id_number, created_at, updated_at) \
                         SELECT $1, r.id, c.id, $4, $5, $5 FROM register r \
                         JOIN register_category c ON c.register_id = r.id \
                         WHERE r.slug = $2 AND c.slug = $3",
                    )
                    .bind(*id)
                    .bind(&accreditation.register)
                    .bind(&accreditation.category)
                    .bind(&accreditation.id_number)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                for slug in &a.prerequisites {
                    sqlx::query(
                        "INSERT INTO activity_prerequisite (activity_id, required_activity_id) \
                         SELECT $1, id FROM activity WHERE slug = $2",
                    )
                    .bind(*id)
                    .bind(slug)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            crate::db::survey::demo::load_survey_demo!(tx);
            report
        });
        // The mentoring programme of the meester-gezel café, its profiles and pairs.
        self.load_mentoring_demo(today).await?;
        Ok(report)
    }
}
