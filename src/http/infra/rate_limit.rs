//! A per-client token bucket for registrations (in memory, per server process).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

use crate::config::RateLimit;

/// Buckets of tokens per client address.
#[derive(Clone)]
pub struct Limiter {
    limit: RateLimit,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Forget clients idle this long, so the map stays small.
const IDLE: Duration = Duration::from_secs(600);

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Takes a token for `client`; `Err(wait)` says how long until the next one, in
    /// whole seconds rounded up (as `Retry-After` gives it: a client that waits that
    /// long gets through).
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let per_second = f64::from(self.limit.per_minute) / 60.0;
        let burst = f64::from(self.limit.burst);
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.duration_since(b.updated) < IDLE);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / per_second;
            Err(Duration::from_secs(wait.max(1.0).ceil() as u64))
        }
    }
}

/// The client's address: the peer, or (behind a trusted proxy) the last
/// `X-Forwarded-For` entry, which is the one the proxy itself added.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| {
            headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
                .next_back()
        })
        .flatten();
    forwarded.unwrap_or(peer.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_one_token_per_interval() {
        let limiter = Limiter::new(RateLimit {
            per_minute: 60,
            burst: 3,
        });
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(ip, t0).is_ok());
        }
        let wait = limiter.check(ip, t0).unwrap_err();
        assert_eq!(wait, Duration::from_secs(1));
        assert!(limiter.check(other, t0).is_ok(), "clients are separate");
        assert!(limiter.check(ip, t0 + Duration::from_millis(1100)).is_ok());
        assert!(limiter.check(ip, t0 + Duration::from_millis(1200)).is_err());
    }

    #[test]
    fn the_wait_is_rounded_up_to_whole_seconds() {
        let limiter = Limiter::new(RateLimit {
            per_minute: 10,
            burst: 1,
        });
        let ip: IpAddr = "192.0.2.3".parse().unwrap();
        let t0 = Instant::now();
        assert!(limiter.check(ip, t0).is_ok());
        // 1.5 s of 6 s per token: 4.5 s to go, said as 5.
        let wait = limiter
            .check(ip, t0 + Duration::from_millis(1500))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(5));
        assert!(limiter.check(ip, t0 + Duration::from_millis(6500)).is_ok());
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        assert_eq!(
            client_ip(peer, &headers, false),
            "127.0.0.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_ip(peer, &headers, true),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
    }
}
