//! Load client for the form benchmarks (`bench/vote.sh`): sends a list of requests,
//! each with its own path and form body, with C in flight over keep-alive
//! connections, and reports what came back. Redirects are not followed: a form
//! that worked answers 303, and that is what is counted.
//!
//! ```text
//! cargo run --release --example form_client -- send --url http://127.0.0.1:18094 \
//!     --requests requests.tsv [--concurrency 64] [--header 'Cookie: a=b'] [--out results.tsv]
//! cargo run --release --example form_client -- links --dir outbox/ --prefix /inventarisatie/bevestigen/
//! ```
//!
//! `send`: each line of the requests file is `METHOD<TAB>PATH<TAB>BODY[<TAB>COOKIE]`
//! (the body URL-encoded, sent as a form, empty for none; the cookie, when given,
//! replaces a `--header 'Cookie: …'` for that request). Prints one JSON summary on stdout:
//! count, statuses, elapsed, requests/s, latency p50/p99/max (ms) and the client's
//! own CPU time; `--out` gets one line per request: `LINE<TAB>STATUS<TAB>LOCATION`.
//! Exit 0 when every request got an answer (whatever its status), else 1.
//!
//! `links`: prints every link starting with the prefix found in the `.eml` files of
//! a directory (quoted-printable soft line breaks undone), one per line, each once.
//!
//! It runs on one thread: the client shares the machine with the server it measures.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::json;

#[path = "load_stats.rs"]
mod load_stats;
use load_stats::{cpu_seconds, percentile, round2};

struct Request {
    method: reqwest::Method,
    path: String,
    body: String,
    cookie: String,
}

struct Outcome {
    line: usize,
    status: String,
    location: String,
    ms: f64,
}

fn usage(error: &str) -> ! {
    eprintln!("form_client: {error}");
    eprintln!(
        "usage: form_client send --url URL --requests FILE [--concurrency N] [--header H]... [--out FILE]\n       form_client links --dir DIR --prefix PREFIX"
    );
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let mut pairs: Vec<(String, String)> = Vec::new();
    while let Some(key) = args.next() {
        let Some(value) = args.next() else {
            usage(&format!("{key} needs a value"));
        };
        pairs.push((key, value));
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match command.as_str() {
        "links" => {
            let (Some(dir), Some(prefix)) = (get("--dir"), get("--prefix")) else {
                usage("links needs --dir and --prefix");
            };
            links(&dir, &prefix);
        }
        "send" => {
            let (Some(url), Some(file)) = (get("--url"), get("--requests")) else {
                usage("send needs --url and --requests");
            };
            let concurrency = get("--concurrency")
                .map(|c| c.parse::<usize>().unwrap_or_else(|e| usage(&e.to_string())))
                .unwrap_or(64)
                .max(1);
            let headers: Vec<String> = pairs
                .iter()
                .filter(|(k, _)| k == "--header")
                .map(|(_, v)| v.clone())
                .collect();
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| usage(&format!("cannot read {file}: {e}")));
            let requests: Vec<Request> = text
                .lines()
                .filter(|l| !l.is_empty())
                .map(|line| {
                    let mut parts = line.splitn(4, '\t');
                    let method = parts.next().unwrap_or("GET");
                    Request {
                        method: method
                            .parse()
                            .unwrap_or_else(|_| usage(&format!("bad method {method}"))),
                        path: parts.next().unwrap_or("/").to_owned(),
                        body: parts.next().unwrap_or("").to_owned(),
                        cookie: parts.next().unwrap_or("").to_owned(),
                    }
                })
                .collect();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            let all_answered = runtime.block_on(send(
                url.trim_end_matches('/').to_owned(),
                requests,
                concurrency,
                headers,
                get("--out"),
            ));
            std::process::exit(if all_answered { 0 } else { 1 });
        }
        other => usage(&format!("unknown command {other:?}")),
    }
}

/// Undoes quoted-printable soft line breaks and the `=3D` of `=`.
fn unfold(text: &str) -> String {
    text.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

fn links(dir: &str, prefix: &str) {
    let mut found = BTreeSet::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| usage(&format!("{dir}: {e}")));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = unfold(&raw);
        let mut rest = text.as_str();
        while let Some(at) = rest.find(prefix) {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | ')'))
                .unwrap_or(tail.len());
            found.insert(tail[..end].to_owned());
            rest = &tail[end..];
        }
    }
    for link in found {
        println!("{link}");
    }
}

async fn one(client: &reqwest::Client, base: &str, line: usize, request: &Request) -> Outcome {
    let mut builder = client.request(request.method.clone(), format!("{base}{}", request.path));
    if !request.body.is_empty() {
        builder = builder
            .header("content-type", "application/x-www-form-urlencoded")
            .body(request.body.clone());
    }
    if !request.cookie.is_empty() {
        builder = builder.header("cookie", request.cookie.clone());
    }
    let started = Instant::now();
    let (status, location) = match builder.send().await {
        Ok(response) => {
            let status = response.status().as_u16().to_string();
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or("")
                .to_owned();
            match response.bytes().await {
                Ok(_) => (status, location),
                Err(e) => (format!("body-error:{e}"), location),
            }
        }
        Err(e) => (format!("socket-error:{e}"), String::new()),
    };
    Outcome {
        line,
        status,
        location,
        ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

async fn send(
    base: String,
    requests: Vec<Request>,
    concurrency: usize,
    headers: Vec<String>,
    out: Option<String>,
) -> bool {
    let mut defaults = reqwest::header::HeaderMap::new();
    for header in &headers {
        let Some((name, value)) = header.split_once(':') else {
            usage(&format!("bad header {header}"));
        };
        defaults.insert(
            reqwest::header::HeaderName::from_bytes(name.trim().as_bytes())
                .unwrap_or_else(|e| usage(&e.to_string())),
            value
                .trim()
                .parse()
                .unwrap_or_else(|_| usage(&format!("bad header value {value}"))),
        );
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(defaults)
        .no_proxy()
        .build()
        .expect("an HTTP client");
    let total = requests.len();
    let shared = Arc::new((client, base, requests));
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (shared, next) = (shared.clone(), next.clone());
        workers.spawn(async move {
            let (client, base, requests) = &*shared;
            let mut results = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(request) = requests.get(n) else {
                    return results;
                };
                results.push(one(client, base, n + 1, request).await);
            }
        });
    }
    let mut results: Vec<Outcome> = Vec::with_capacity(total);
    while let Some(done) = workers.join_next().await {
        results.extend(done.expect("a load worker"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    results.sort_by_key(|r| r.line);
    let mut latencies: Vec<f64> = results.iter().map(|r| r.ms).collect();
    latencies.sort_by(f64::total_cmp);
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &results {
        *statuses.entry(r.status.as_str()).or_default() += 1;
    }
    let answered = results.iter().all(|r| r.status.parse::<u16>().is_ok());
    let summary = json!({
        "client": "bench/form_client.rs (Rust, reqwest, one thread)",
        "count": results.len(),
        "statuses": statuses,
        "concurrency": concurrency,
        "elapsed_s": (elapsed * 1000.0).round() / 1000.0,
        "rps": (results.len() as f64 / elapsed).round(),
        "latency_ms": {
            "p50": round2(percentile(&latencies, 50.0)),
            "p99": round2(percentile(&latencies, 99.0)),
            "max": round2(latencies.last().copied().unwrap_or(0.0)),
        },
        "client_cpu_s": (cpu * 1000.0).round() / 1000.0,
    });
    if let Some(out) = &out {
        let lines: String = results
            .iter()
            .map(|r| format!("{}\t{}\t{}\n", r.line, r.status, r.location))
            .collect();
        if let Err(error) = std::fs::write(out, lines) {
            eprintln!("form_client: cannot write {out}: {error}");
        }
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&summary).unwrap_or_default()
    );
    results.len() == total && answered
}
