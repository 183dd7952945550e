//! How long `mentoring::matching::suggest` takes among 5,000 profiles (issue 17,
//! "Speed": suggestions p99 ≤ 50 ms). The rule alone, without the database: every
//! direction and experience preference, 2,000 times each, on the same generated
//! programme (36 themes, six regions); prints p50, p99 and the maximum in µs.
//!
//!   cargo run --release -p samenleren-domain --example matching [profiles]

use std::time::Instant;

use samenleren_domain::mentoring::Direction;
use samenleren_domain::mentoring::matching::{Prefer, generated, suggest};

fn main() {
    let profiles: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let (seeker, candidates) = generated(profiles, 36);
    let mut times = Vec::new();
    let mut found = 0;
    for direction in Direction::ALL {
        for prefer in Prefer::ALL {
            for _ in 0..2_000 {
                let start = Instant::now();
                let list = suggest(&seeker, direction, prefer, &candidates, &[], 10);
                times.push(start.elapsed().as_micros());
                found += list.len();
            }
        }
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{profiles} profiles, {} runs ({} suggestions): p50 {} µs, p99 {} µs, max {} µs",
        times.len(),
        found,
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
}
