//! The `samenleren serve` binary under stress, as operators run it: two processes on
//! one PostgreSQL database in a registration rush, a SIGKILL in the middle of a rush,
//! and an SMTP server that is down first and up later.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::mail::{aiosmtpd_available, free_port, smtp_sink};
use crate::common::{Backend, TestDb};
use samenleren::config::DatabaseTarget;
use samenleren::on_pool;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_samenleren");
const SECRET: &str = "test-secret-shared-by-every-process-0123456789";

both_databases!(
    a_sigkill_mid_rush_loses_no_answered_registration_and_no_email,
    an_smtp_server_down_first_and_up_later_gets_every_email_once,
);

/// `DATABASE_URL` for the binary (empty: the SQLite file in the data dir).
fn database_url(db: &TestDb) -> String {
    match &db.target {
        DatabaseTarget::Sqlite(_) => String::new(),
        DatabaseTarget::Postgres(url) => url.clone(),
    }
}

/// A running `samenleren serve`.
struct Server {
    child: Child,
    port: u16,
    data_dir: PathBuf,
}

impl Server {
    async fn start(db: &TestDb, data_dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let mut command = Command::new(BIN);
        command
            .args(["--data-dir", data_dir.to_str().unwrap(), "serve"])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(["--registration-rate", "1000000/min,burst=1000000"])
            .args(["--mail-poll-ms", "50", "--mail-lease-secs", "2"])
            .args(["--mail-retry-secs", "1", "--mail-retry-max-secs", "1"])
            .args(extra)
            .env("DATABASE_URL", database_url(db))
            .env("SAMENLEREN_SECRET", SECRET)
            .env("SAMENLEREN_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("serve starts");
        let server = Self {
            child,
            port,
            data_dir: data_dir.to_owned(),
        };
        let started = Instant::now();
        while reqwest::get(server.url("/healthz")).await.is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "server did not come up"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Loads one café (`capacity` places, waitlist on) with the binary's `demo --data`.
fn load_cafe(db: &TestDb, data_dir: &Path, slug: &str, capacity: u32) {
    let data = json!({
        "audiences": [{"slug": "opbouwwerker", "name_nl": "Opbouwwerkers", "name_en": "Community workers"}],
        "activities": [{
            "slug": slug, "kind": "cafe", "title": "Drukke middag", "subtitle": "", "summary": "Test.",
            "body": "", "themes": [], "audiences": ["opbouwwerker"], "organisations": [], "contact": null,
            "facilitators": [], "region": "", "status": "published", "cost_cents": 0, "cost_note": "",
            "time_investment": "", "recurrence_note": "", "participation_note": "", "capacity": capacity,
            "confirmed_count": 0, "waitlist": true, "registration_open": true,
            "organiser_email": "organisator@example.org", "questions": [],
            "sessions": [{"date": {"in_days": 20, "weekday": "Tue"}, "start": "19:30", "end": "21:30", "venue": null, "title": ""}],
            "repeat": null, "program": [], "prerequisites": [], "links": []
        }]
    });
    let file = data_dir.join("fixture.json");
    std::fs::write(&file, data.to_string()).unwrap();
    let output = Command::new(BIN)
        .args(["--data-dir", data_dir.to_str().unwrap(), "demo", "--data"])
        .arg(&file)
        .env("DATABASE_URL", database_url(db))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn person(n: usize) -> Value {
    json!({"name": format!("Deelnemer {n}"), "email": format!("p{n}@example.org"), "role": "opbouwwerker", "privacy_consent": true})
}

/// Registrations, counters and outbox as stored.
struct Stored {
    /// email → (state, position)
    registrations: BTreeMap<String, (String, Option<i32>)>,
    confirmed_count: i32,
    waitlist_count: i32,
    unsent: i64,
    /// (recipient, kind) of every outbox row.
    outbox: Vec<(String, String)>,
}

async fn stored(db: &TestDb, slug: &str) -> Stored {
    let pool = db.connect().await;
    let rows: Vec<(String, String, Option<i32>)> = on_pool!(&pool, |p| sqlx::query_as(
        "SELECT r.email, r.state, r.waitlist_position FROM registration r \
         JOIN activity a ON a.id = r.activity_id WHERE a.slug = $1"
    )
    .bind(slug)
    .fetch_all(p)
    .await
    .unwrap());
    let (confirmed_count, waitlist_count): (i32, i32) = on_pool!(&pool, |p| sqlx::query_as(
        "SELECT confirmed_count, waitlist_count FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(p)
    .await
    .unwrap());
    let unsent: i64 = on_pool!(&pool, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"
    )
    .fetch_one(p)
    .await
    .unwrap());
    let outbox: Vec<(String, String)> = on_pool!(&pool, |p| sqlx::query_as(
        "SELECT recipient, kind FROM outbox"
    )
    .fetch_all(p)
    .await
    .unwrap());
    pool.close().await;
    Stored {
        registrations: rows.into_iter().map(|(e, s, p)| (e, (s, p))).collect(),
        confirmed_count,
        waitlist_count,
        unsent,
        outbox,
    }
}

/// Capacity holds, the counters agree with the rows, and positions are 1..n.
fn assert_consistent(s: &Stored, capacity: usize) {
    let confirmed = s
        .registrations
        .values()
        .filter(|r| r.0 == "confirmed")
        .count();
    let mut positions: Vec<i32> = s.registrations.values().filter_map(|r| r.1).collect();
    positions.sort_unstable();
    assert!(
        confirmed <= capacity,
        "{confirmed} confirmed for {capacity} places"
    );
    assert_eq!(confirmed, s.confirmed_count as usize);
    assert_eq!(positions.len(), s.waitlist_count as usize);
    assert_eq!(
        positions,
        (1..=positions.len() as i32).collect::<Vec<_>>(),
        "gapless"
    );
    if !positions.is_empty() {
        assert_eq!(confirmed, capacity, "nobody waits while places are free");
    }
}

/// `To:` of every `.eml` file in `dir`.
fn eml_recipients(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| {
            let raw = std::fs::read_to_string(e.path()).unwrap();
            let header = |name: &str| {
                raw.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            };
            (header("To:"), header("Subject:"))
        })
        .collect()
}

async fn wait_until_sent(db: &TestDb, slug: &str) -> Stored {
    let started = Instant::now();
    loop {
        let s = stored(db, slug).await;
        if s.unsent == 0 {
            return s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} emails still unsent",
            s.unsent
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Sends `people` registrations with `in_flight` at a time, spread over `servers`
/// (by port); returns the emails answered with 202.
async fn rush(ports: Vec<u16>, slug: &str, people: usize, in_flight: usize) -> Vec<String> {
    use std::sync::Arc;
    let semaphore = Arc::new(tokio::sync::Semaphore::new(in_flight));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut tasks = Vec::new();
    for n in 0..people {
        let port = ports[n % ports.len()];
        let url = format!("http://127.0.0.1:{port}/api/v1/activities/{slug}/registrations");
        let (client, semaphore) = (client.clone(), semaphore.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = semaphore.acquire().await.unwrap();
            let body = person(n);
            match client.post(url).json(&body).send().await {
                Ok(r) if r.status() == 202 => Some(body["email"].as_str().unwrap().to_owned()),
                Ok(r) => {
                    let status = r.status();
                    panic!(
                        "unexpected {status}: {}",
                        r.text().await.unwrap_or_default()
                    )
                }
                Err(_) => None, // the server was killed
            }
        }));
    }
    let mut answered = Vec::new();
    for task in tasks {
        if let Some(email) = task.await.unwrap() {
            answered.push(email);
        }
    }
    answered
}

#[tokio::test]
async fn two_servers_on_one_postgres_never_overbook() {
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    load_cafe(&db, dirs[0].path(), "tweecafe", 25);
    let a = Server::start(&db, dirs[0].path(), &[], &[]).await;
    let b = Server::start(&db, dirs[1].path(), &[], &[]).await;
    let answered = rush(vec![a.port, b.port], "tweecafe", 300, 48).await;
    assert_eq!(answered.len(), 300, "every request answered 202");
    let s = wait_until_sent(&db, "tweecafe").await;
    assert_consistent(&s, 25);
    assert_eq!(s.registrations.len(), 300);
    assert_eq!(s.waitlist_count, 275);
    // Both workers sent, and each message went out once: one file per outbox row.
    let mut files = eml_recipients(&a.data_dir.join("outbox"));
    let from_b = eml_recipients(&b.data_dir.join("outbox"));
    assert!(
        !files.is_empty() && !from_b.is_empty(),
        "both servers' workers sent mail"
    );
    files.extend(from_b);
    assert_eq!(files.len(), s.outbox.len(), "one .eml per outbox row");
    assert_eq!(
        s.outbox.len(),
        301,
        "300 registrations and one notice to the organiser"
    );
    // And manage links made by one server work on the other (shared secret).
    let token = {
        let response = reqwest::Client::new()
            .post(a.url("/api/v1/activities/tweecafe/registrations"))
            .json(&person(1000))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 202);
        let pool = db.connect().await;
        let public_id: String = on_pool!(&pool, |p| sqlx::query_scalar(
            "SELECT public_id FROM registration WHERE email_key = 'p1000@example.org'"
        )
        .fetch_one(p)
        .await
        .unwrap());
        samenleren::secret::Secret::from_passphrase(SECRET)
            .unwrap()
            .manage_token(&public_id)
    };
    let status = reqwest::get(b.url(&format!("/api/v1/registrations/{token}")))
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
}

async fn a_sigkill_mid_rush_loses_no_answered_registration_and_no_email(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let dir = db.data_dir.path().to_owned();
    load_cafe(&db, &dir, "killcafe", 40);
    let mut server = Server::start(&db, &dir, &[], &[]).await;
    let port = server.port;
    // Many more than the kill lets through: on a quiet machine 400 sign-ups could
    // all be answered before the watcher below sees the 60th and kills.
    const PEOPLE: usize = 3000;
    let rush = tokio::spawn(rush(vec![port], "killcafe", PEOPLE, 16));
    // Kill it once some registrations are in, while requests are in flight.
    let started = Instant::now();
    loop {
        let s = stored(&db, "killcafe").await;
        if s.registrations.len() >= 60 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the rush did not start"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    let answered = rush.await.unwrap();
    assert!(!answered.is_empty());
    assert!(answered.len() < PEOPLE, "the kill interrupted the rush");

    let server = Server::start(&db, &dir, &[], &[]).await;
    let s = wait_until_sent(&db, "killcafe").await;
    for email in &answered {
        assert!(
            s.registrations.contains_key(email),
            "{email} got 202 but is missing"
        );
    }
    assert_consistent(&s, 40);
    // Every stored registration has exactly one confirmation or waitlist email, in
    // the outbox and as one file.
    let files = eml_recipients(&server.data_dir.join("outbox"));
    for email in s.registrations.keys() {
        let rows = s
            .outbox
            .iter()
            .filter(|(to, kind)| to == email && (kind == "confirmation" || kind == "waitlisted"))
            .count();
        assert_eq!(rows, 1, "{email}: {rows} outbox rows");
        let sent = files.iter().filter(|(to, _)| to == email).count();
        assert_eq!(sent, 1, "{email}: {sent} files");
    }
}

async fn an_smtp_server_down_first_and_up_later_gets_every_email_once(backend: Backend) {
    if !aiosmtpd_available() {
        return;
    }
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let dir = db.data_dir.path().to_owned();
    load_cafe(&db, &dir, "smtpcafe", 3);
    let smtp_port = free_port();
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");
    let _server = Server::start(&db, &dir, &[], &[("SMTP_URL", &smtp_url)]).await;
    let answered = rush(vec![_server.port], "smtpcafe", 5, 5).await;
    assert_eq!(answered.len(), 5);
    // Nobody listens yet: the messages wait and are retried.
    let started = Instant::now();
    loop {
        let pool = db.connect().await;
        let retried: i64 = on_pool!(&pool, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE attempts >= 2 AND sent_at IS NULL AND last_error <> ''"
        )
        .fetch_one(p)
        .await
        .unwrap()
        });
        pool.close().await;
        if retried >= 5 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no retries seen"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        stored(&db, "smtpcafe").await.unsent,
        6,
        "5 people and the organiser"
    );

    let received = tempfile::tempdir().unwrap();
    let mut sink = smtp_sink(smtp_port, received.path()).await;
    let s = wait_until_sent(&db, "smtpcafe").await;
    // Give a duplicate the chance to show up, then count.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = sink.kill();
    let _ = sink.wait();
    let mut ids = BTreeSet::new();
    let mut recipients = Vec::new();
    for entry in std::fs::read_dir(received.path()).unwrap().flatten() {
        let raw = std::fs::read_to_string(entry.path()).unwrap();
        let id = raw
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .expect("Message-ID")
            .to_owned();
        assert!(ids.insert(id.clone()), "{id} delivered twice");
        recipients.push(
            raw.lines()
                .find_map(|l| l.strip_prefix("To: "))
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(ids.len(), s.outbox.len());
    recipients.sort();
    let mut expected: Vec<String> = s.outbox.iter().map(|(to, _)| to.clone()).collect();
    expected.sort();
    assert_eq!(recipients, expected);
}
