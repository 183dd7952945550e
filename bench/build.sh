#!/usr/bin/env bash
# Build times of Samenleren's own crates, with the dependencies already built:
# - release: `cargo build --release --timings` after cleaning only our crates (the
#   timing report lands in target/cargo-timings/);
# - incremental debug: one handler file touched, then `cargo build` and
#   `cargo test --no-run` (the library and every test binary linked again).
# Run it on an idle machine; it prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."

ours=(-p samenleren)
[ -d crates/domain ] && ours+=(-p samenleren-domain)

cargo build --release --quiet
cargo test --no-run --quiet 2>/dev/null || cargo test --no-run --quiet
cargo clean --release "${ours[@]}" --quiet 2>/dev/null || cargo clean --release "${ours[@]}"
start=$(date +%s%N)
cargo build --release --timings --quiet
echo "release build of our crates: $(( ($(date +%s%N) - start) / 1000000 )) ms"

page=src/http/site/pages.rs
[ -f "$page" ] || page=src/http/pages.rs
touch "$page"
start=$(date +%s%N)
cargo build --quiet
echo "incremental debug build after touching $page: $(( ($(date +%s%N) - start) / 1000000 )) ms"
touch "$page"
start=$(date +%s%N)
cargo test --no-run --quiet 2>/dev/null
echo "incremental cargo test --no-run after touching $page: $(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "test binaries: $(find target/debug/deps -maxdepth 1 -type f -executable -newer "$page" | grep -vE '\.(so|d|rlib)$' | wc -l)"
