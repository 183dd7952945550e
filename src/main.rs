use clap::Parser;

/// mimalloc instead of glibc's malloc: under load the record page spent a fifth of
/// its CPU in malloc and free (many small strings per row, handed between the
/// database thread and the request's); see docs/BENCHMARKS.md. With the crate's
/// `override` feature it is C's malloc as well, for the bundled SQLite.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    samenleren::telemetry::init();
    let cli = samenleren::cli::Cli::parse();
    // Two workers match the machines we run on; more threads only add switching.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()?
        .block_on(samenleren::cli::run(cli))
}
