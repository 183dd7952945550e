use clap::Parser;

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
