//! The OpenAPI document as outside tools read it: every operation has its own
//! `operationId` (code generators need that), and the document validates as OpenAPI
//! 3.1 with `openapi-spec-validator` (Python), which the project did not write. The
//! validator is shown a broken copy too, so the check is known to bite.

use std::collections::BTreeMap;
use std::process::Command;

use crate::common::{Backend, in_ci, spawn_app_with};

/// Runs `openapi-spec-validator` on `doc`; `None` when it is not installed.
fn validate(doc: &serde_json::Value) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let output = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .ok()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if said.contains("No module named openapi_spec_validator") {
        return None;
    }
    Some((output.status.success(), said))
}

#[tokio::test]
async fn the_openapi_document_has_unique_operation_ids_and_validates() {
    let Some(app) = spawn_app_with(Backend::Sqlite, false).await else {
        return;
    };
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            ids.entry(id.to_owned())
                .or_default()
                .push(format!("{method} {path}"));
        }
    }
    let twice: Vec<_> = ids.iter().filter(|(_, at)| at.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "operationIds used more than once: {twice:?}"
    );
    assert!(ids.len() >= 19, "every route is in the document: {ids:?}");
    assert!(ids.contains_key("get_activity") && ids.contains_key("get_managed_activity"));
    // What the server answers before a handler runs is in the document too.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            assert!(responses.get("414").is_some(), "{method} {path}: no 414");
            if operation.get("requestBody").is_some() {
                assert!(responses.get("413").is_some(), "{method} {path}: no 413");
            }
        }
    }

    let Some((valid, said)) = validate(&doc) else {
        assert!(!in_ci(), "openapi-spec-validator is required in CI");
        eprintln!("SKIPPED: python3 -m pip install openapi-spec-validator");
        return;
    };
    assert!(valid, "the document does not validate:\n{said}");

    // The same document with one operationId used twice is refused.
    let mut broken = doc.clone();
    broken["paths"]["/api/v1/organiser/activities/{id}"]["get"]["operationId"] =
        "get_activity".into();
    let (valid, said) = validate(&broken).unwrap();
    assert!(!valid, "a duplicate operationId went unnoticed:\n{said}");
}
