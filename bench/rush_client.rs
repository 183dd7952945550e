//! Load client for `bench/rush.sh`: registers N distinct people for one activity
//! through `POST /api/v1/activities/<slug>/registrations`, with C requests in flight,
//! spread round-robin over one or more base URLs (keep-alive connections).
//!
//! ```text
//! cargo run --release --example rush_client -- --url http://127.0.0.1:18090 \
//!     [--url http://127.0.0.1:18091] [--count 2000] [--concurrency 64] \
//!     [--slug rush-cafe] [--capacity 60] [--out results.json]
//! ```
//!
//! Prints one JSON summary on stdout (the same fields as `bench/rush.mjs`): count, ok
//! (202), errors by status, elapsed, rps, latency p50/p99/max (ms), the client's own
//! CPU time, and the check on the 202 bodies: every one is the same neutral
//! "accepted" answer (what became of each sign-up goes by email; `bench/rush.sh`
//! checks places and positions in the database). Exit 0 when every request got 202
//! and the check passes, else 1.
//!
//! It runs on one thread: the client shares the machine with the server it measures,
//! and every cycle it spends is one the server does not get. (Node's `http`, which
//! `bench/rush.mjs` uses, took about as much CPU as the server itself.)

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::{Value, json};

#[path = "load_stats.rs"]
mod load_stats;
use load_stats::{cpu_seconds, percentile, round2};

struct Options {
    urls: Vec<String>,
    count: usize,
    concurrency: usize,
    slug: String,
    capacity: usize,
    out: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        urls: Vec::new(),
        count: 2000,
        concurrency: 64,
        slug: "rush-cafe".into(),
        capacity: 60,
        out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(key) = args.next() {
        let value = args.next().ok_or_else(|| format!("{key} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{key}: {e}"));
        match key.as_str() {
            "--url" => opts.urls.push(value.trim_end_matches('/').to_owned()),
            "--count" => opts.count = number()?,
            "--concurrency" => opts.concurrency = number()?.max(1),
            "--slug" => opts.slug = value,
            "--capacity" => opts.capacity = number()?,
            "--out" => opts.out = Some(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if opts.urls.is_empty() {
        return Err("at least one --url".into());
    }
    Ok(opts)
}

/// One request's result.
struct Outcome {
    n: usize,
    status: String,
    ms: f64,
    body: String,
}

async fn post(client: &reqwest::Client, url: &str, n: usize) -> Outcome {
    let body = json!({
        "name": format!("Deelnemer {n}"),
        "email": format!("p{n}@rush.example"),
        "role": "anders",
        "privacy_consent": true,
    })
    .to_string();
    let started = Instant::now();
    let sent = client
        .post(url)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(body)
        .send()
        .await;
    let (status, body) = match sent {
        Ok(response) => {
            let status = response.status().as_u16().to_string();
            match response.text().await {
                Ok(text) => (status, text),
                Err(e) => (format!("body-error:{e}"), String::new()),
            }
        }
        Err(e) => (format!("socket-error:{e}"), String::new()),
    };
    Outcome {
        n,
        status,
        ms: started.elapsed().as_secs_f64() * 1000.0,
        body,
    }
}

fn main() {
    let opts = match options() {
        Ok(opts) => opts,
        Err(error) => {
            eprintln!("rush_client: {error}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let pass = runtime.block_on(run(opts));
    std::process::exit(if pass { 0 } else { 1 });
}

async fn run(opts: Options) -> bool {
    let per_target = opts.concurrency.div_ceil(opts.urls.len());
    let targets: Vec<(String, reqwest::Client)> = opts
        .urls
        .iter()
        .map(|url| {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(per_target)
                .no_proxy()
                .build()
                .expect("an HTTP client");
            (
                format!(
                    "{url}/api/v1/activities/{}/registrations",
                    opts.slug.replace('/', "%2F")
                ),
                client,
            )
        })
        .collect();
    let targets = Arc::new(targets);
    let sent: Arc<Vec<AtomicUsize>> =
        Arc::new((0..opts.urls.len()).map(|_| AtomicUsize::new(0)).collect());
    let next = Arc::new(AtomicUsize::new(1));
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..opts.concurrency {
        let (targets, sent, next) = (targets.clone(), sent.clone(), next.clone());
        let count = opts.count;
        workers.spawn(async move {
            let t = w % targets.len();
            let (url, client) = &targets[t];
            let mut results = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n > count {
                    return results;
                }
                sent[t].fetch_add(1, Ordering::Relaxed);
                results.push(post(client, url, n).await);
            }
        });
    }
    let mut results: Vec<Outcome> = Vec::with_capacity(opts.count);
    while let Some(done) = workers.join_next().await {
        results.extend(done.expect("a load worker"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;

    let mut latencies: Vec<f64> = results.iter().map(|r| r.ms).collect();
    latencies.sort_by(f64::total_cmp);
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut samples = Vec::new();
    let (mut ok, mut bad_bodies) = (0, 0);
    let mut answers: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for r in &results {
        if r.status != "202" {
            *errors.entry(r.status.clone()).or_default() += 1;
            if samples.len() < 5 {
                samples.push(json!({ "n": r.n, "status": r.status, "body": r.body.chars().take(300).collect::<String>() }));
            }
            continue;
        }
        ok += 1;
        answers.insert(r.body.as_str());
        let accepted = serde_json::from_str::<Value>(&r.body)
            .is_ok_and(|body| body["status"] == "accepted" && body.get("state").is_none());
        if !accepted {
            bad_bodies += 1;
        }
    }
    // One answer for everyone: the response must not tell who got a place.
    let neutral_ok = bad_bodies == 0 && answers.len() <= 1;
    let mean = latencies.iter().sum::<f64>() / latencies.len().max(1) as f64;
    let summary = json!({
        "client": "bench/rush_client.rs (Rust, reqwest, one thread)",
        "count": results.len(),
        "ok": ok,
        "errors": errors,
        "error_samples": samples,
        "targets": opts.urls.iter().zip(sent.iter()).map(|(u, s)| json!({ "url": u, "requests": s.load(Ordering::Relaxed) })).collect::<Vec<_>>(),
        "concurrency": opts.concurrency,
        "elapsed_s": (elapsed * 1000.0).round() / 1000.0,
        "rps": (results.len() as f64 / elapsed).round(),
        "latency_ms": {
            "p50": round2(percentile(&latencies, 50.0)),
            "p99": round2(percentile(&latencies, 99.0)),
            "max": round2(latencies.last().copied().unwrap_or(0.0)),
            "mean": round2(mean),
        },
        "client_cpu_s": (cpu * 1000.0).round() / 1000.0,
        "client_checks": {
            "bad_bodies": bad_bodies,
            "distinct_answers": answers.len(),
            "neutral_ok": neutral_ok,
        },
    });
    let text = serde_json::to_string_pretty(&summary).unwrap_or_default();
    if let Some(out) = &opts.out
        && let Err(error) = std::fs::write(out, format!("{text}\n"))
    {
        eprintln!("rush_client: cannot write {out}: {error}");
    }
    println!("{text}");
    results.len() == opts.count && ok == opts.count && neutral_ok
}
