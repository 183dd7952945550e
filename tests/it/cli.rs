//! The `samenleren` binary as a newcomer runs it: `serve --demo`, `demo` twice,
//! `migrate`, `admin create`, and a graceful stop on SIGTERM.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_samenleren");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn demo_and_migrate_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = Command::new(BIN)
            .args(args)
            .env("SAMENLEREN_DATA_DIR", dir.path())
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(run(&["migrate"]).contains("Migraties toegepast"));
    assert!(run(&["demo"]).contains("22 activiteiten toegevoegd, 0 waren er al"));
    assert!(run(&["demo"]).contains("0 activiteiten toegevoegd, 22 waren er al"));
    assert!(dir.path().join("samenleren.db").exists());
}

#[test]
fn admin_create_makes_the_first_platform_admin_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("SAMENLEREN_DATA_DIR", dir.path())
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let first = run(&["admin", "create", "--email", "Beheer@Example.org"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("Beheer@Example.org: aangemaakt"));
    let again = run(&["admin", "create", "--email", "beheer@example.org"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("was al beheerder"));
    let bad = run(&["admin", "create", "--email", "geen adres"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("geen geldig e-mailadres"));
}

#[test]
fn serve_with_demo_answers_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
        .env("SAMENLEREN_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/activiteiten/blik-op-samenlevingsopbouw");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let body = runtime.block_on(async {
        loop {
            if let Ok(response) = reqwest::get(&url).await {
                break response.text().await.unwrap();
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "server did not come up"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    assert!(body.contains("Buurtcentrum Filmwijk"));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "no exit within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "exit status {exit}");
}

#[test]
fn an_unsupported_database_url_is_refused_with_a_message() {
    let output = Command::new(BIN)
        .args(["migrate"])
        .env("DATABASE_URL", "mysql://localhost/x")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("DATABASE_URL must start with postgres://")
    );
}
