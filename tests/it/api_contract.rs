//! The API keeps the contract its OpenAPI document states, as an outside tool sees
//! it: schemathesis (PyPI) generates requests from the document for a bounded time
//! against a test server, as an organiser with a token, and fails on any 5xx, an
//! answer the document does not describe (status, content type, body schema), an
//! invalid request that is accepted, or a valid one that is refused. Its settings
//! are in tests/support/schemathesis.toml; `SCHEMATHESIS_MAX_TIME` sets the budget
//! per database (default 45 s).

use std::process::Command;

use crate::common::editor::organiser_with_token;
use crate::common::{Backend, in_ci, spawn_app};

both_databases!(the_api_keeps_its_openapi_contract_under_schemathesis);

fn schemathesis_available() -> bool {
    Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

async fn the_api_keeps_its_openapi_contract_under_schemathesis(backend: Backend) {
    if !schemathesis_available() {
        assert!(
            !in_ci(),
            "schemathesis is missing (pip install schemathesis)"
        );
        eprintln!("SKIPPED: schemathesis is missing (pip install schemathesis)");
        return;
    }
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = organiser_with_token(&app).await;
    let token = organiser.token.unwrap();
    let budget = std::env::var("SCHEMATHESIS_MAX_TIME").unwrap_or_else(|_| "45".into());
    let root = env!("CARGO_MANIFEST_DIR");
    let report = tempfile::tempdir().unwrap();
    let url = app.url("");
    let output = tokio::task::spawn_blocking(move || {
        Command::new("schemathesis")
            .arg("--config-file")
            .arg(format!("{root}/tests/support/schemathesis.toml"))
            .args(["--no-color", "run"])
            .arg(format!("{url}/api/openapi.json"))
            .args(["--url", &url])
            .args(["--header", &format!("Authorization: Bearer {token}")])
            .args(["--max-time", &budget])
            .arg("--report-dir")
            .arg(report.path())
            .output()
            .expect("schemathesis runs")
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let tail: Vec<&str> = text.lines().rev().take(12).collect();
    eprintln!(
        "schemathesis ({backend:?}):\n{}",
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    );
    assert!(
        output.status.success(),
        "schemathesis found contract failures:\n{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("generated"),
        "schemathesis ran no test cases:\n{text}"
    );
}
