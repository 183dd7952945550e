//! Resources in an atelier's online space over HTTP, on SQLite and PostgreSQL: a
//! member shares a link and a file (a multipart form, as a browser sends it), finds
//! them by theme and downloads the file; bad files and fields are refused at their
//! field with nothing stored on disk or in the database; only those inside reach a
//! resource (not a non-member, someone waiting, a former member with an old link, nor
//! through another atelier's address); the sharer or the kartrekker removes one, and
//! its file and ledger line go with it; a deleted account's resources stay, as a
//! former member's.

use reqwest::StatusCode;
use samenleren::db::community::ResourceFiles;
use samenleren::domain::community::resource::{
    CheckedFile, Content, FileType, MAX_FILE_BYTES, NewResource,
};
use samenleren::on_pool;

use crate::common::web::{count, csrf_of, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const OTHER: &str = "leeratelier-samenlevingsopbouw";

both_databases!(
    members_share_links_and_files_and_find_them_by_theme,
    bad_files_and_fields_are_refused_with_nothing_stored,
    only_those_inside_reach_a_resource_and_removing_takes_its_file_and_ledger_line,
);

/// A chosen file: its name and bytes.
type File<'a> = (&'a str, &'a [u8]);
/// Form fields in order.
type Fields<'a> = &'a [(&'a str, &'a str)];

/// A `multipart/form-data` body as a browser sends the sharing form: the fields in
/// order, then the file input (empty when no file was chosen).
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----samenleren-test-7d3f9a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Sends the sharing form of `slug` with the page's CSRF token.
async fn share(
    app: &TestApp,
    client: &reqwest::Client,
    slug: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let page = format!("/ateliers/{slug}/bronnen");
    let (status, html) = get(app, client, &page).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&html);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let (content_type, body) = multipart(&all, file);
    client
        .post(app.url(&page))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("request")
}

async fn theme_id(app: &TestApp, slug: &str) -> String {
    let id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM theme WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap());
    id.to_string()
}

/// (public id, file name) of the resource titled `title`.
async fn resource(app: &TestApp, title: &str) -> (String, String) {
    on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT public_id, file_name FROM atelier_resource WHERE title = $1"
    )
    .bind(title)
    .fetch_one(pool)
    .await
    .unwrap())
}

fn resources_dir(app: &TestApp) -> std::path::PathBuf {
    app.test_db.data_dir.path().join("resources")
}

/// Every file in the resources directory, temporary ones included.
fn files_on_disk(app: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(resources_dir(app))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

async fn name_account(app: &TestApp, email: &str, name: &str) {
    on_pool!(&app.db, |pool| {
        sqlx::query("UPDATE account SET name = $2 WHERE email_key = $1")
            .bind(email)
            .bind(name)
            .execute(pool)
            .await
            .unwrap();
    });
}

async fn resource_lines(app: &TestApp, email: &str) -> i64 {
    count(
        app,
        &format!(
            "SELECT COUNT(*) FROM ledger_entry l JOIN account a ON a.id = l.account_id \
             WHERE l.kind = 'resource' AND a.email_key = '{email}'"
        ),
    )
    .await
}

async fn members_share_links_and_files_and_find_them_by_theme(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let sanne = app
        .person("sanne@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    name_account(&app, "sanne@example.org", "Sanne de Vries").await;
    let page = format!("/ateliers/{ATELIER}/bronnen");

    // The atelier's home leads here; the demo's resources are listed, newest first,
    // with the form to share one (multipart, so it works without script).
    let (_, home) = get(&app, &sanne, &format!("/ateliers/{ATELIER}")).await;
    assert!(home.contains(&format!(r#"href="{page}""#)));
    let (status, html) = get(&app, &sanne, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"enctype="multipart/form-data""#));
    let newest = html.find("Leeslijst veerkracht en gemeenschap").unwrap();
    let older = html.find("Verslag: veerkracht na een conflict").unwrap();
    assert!(newest < older, "newest first");
    assert!(html.contains("PDF, 1 kB"), "the demo's PDF with its size");

    // The demo's PDF downloads as a PDF, privately.
    let (id, name) = resource(&app, "Verslag: veerkracht na een conflict in de buurt").await;
    let response = sanne
        .get(app.url(&format!("{page}/{id}/{name}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "inline; filename=\"Verslag-veerkracht-na-een-conflict.pdf\""
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF-1.4"));

    // A link with a theme; the title is kept as typed and shown escaped.
    let power = theme_id(&app, "macht-en-democratie").await;
    let response = share(
        &app,
        &sanne,
        ATELIER,
        &[
            ("title", "Handreiking <script>alert(1)</script>"),
            ("link", "https://www.movisie.nl/handreiking"),
            ("themes", &power),
        ],
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{page}?bericht=gedeeld"));
    let (_, html) = get(&app, &sanne, &location(&response)).await;
    assert!(html.contains("Je bron is gedeeld"));
    assert!(html.contains("Handreiking &#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(!html.contains("<script>alert"));
    assert!(html.contains(
        r#"href="https://www.movisie.nl/handreiking" rel="noopener noreferrer nofollow""#
    ));
    assert!(html.contains("link naar movisie.nl"));
    assert!(html.contains("Gedeeld door Sanne de Vries"));

    // A text file with a name from another computer: kept under its public id, shown
    // under a clean name.
    let text = "Agenda\n1. Welkom\n2. Kwestie van Sanne: één buurt, twee teams\n";
    let response = share(
        &app,
        &sanne,
        ATELIER,
        &[("title", "Agenda van de intervisie"), ("link", "")],
        Some(("..\\..\\Agenda één.txt", text.as_bytes())),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (id, name) = resource(&app, "Agenda van de intervisie").await;
    assert_eq!(name, "Agenda-een.txt");
    assert_eq!(
        std::fs::read(resources_dir(&app).join(&id)).unwrap(),
        text.as_bytes()
    );
    assert!(
        !files_on_disk(&app).iter().any(|f| f.starts_with('.')),
        "no temporary file left"
    );
    let response = sanne
        .get(app.url(&format!("{page}/{id}/{name}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"Agenda-een.txt\""
    );
    assert_eq!(response.text().await.unwrap(), text);
    // Another name for the same file is no address.
    let wrong = format!("{page}/{id}/Agenda.txt");
    assert_eq!(get(&app, &sanne, &wrong).await.0, StatusCode::NOT_FOUND);

    // Sharing is bringing: one ledger line each, shown on her give and take.
    assert_eq!(resource_lines(&app, "sanne@example.org").await, 2);
    let (_, ledger) = get(
        &app,
        &sanne,
        &format!("/ateliers/{ATELIER}/halen-en-brengen"),
    )
    .await;
    assert!(ledger.contains("hulpmiddel of bron gedeeld"));

    // By theme, without script: only the link has "macht en democratie".
    let (status, html) = get(&app, &sanne, &format!("{page}?thema=macht-en-democratie")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<option value="macht-en-democratie" selected>"#));
    assert!(html.contains("Handreiking &#60;script&#62;"));
    assert!(!html.contains("Agenda van de intervisie"));
    assert!(!html.contains("Leeslijst veerkracht"));
    // An unknown theme lists everything.
    let (_, html) = get(&app, &sanne, &format!("{page}?thema=bestaat-niet")).await;
    assert!(html.contains("Agenda van de intervisie") && html.contains("Leeslijst veerkracht"));

    // Her data download holds what she shared.
    let (_, json) = get(&app, &sanne, "/account/gegevens.json").await;
    assert!(json.contains("atelier_resource") && json.contains("Agenda van de intervisie"));
    assert!(json.contains("Agenda-een.txt"));
}

async fn bad_files_and_fields_are_refused_with_nothing_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let sanne = app
        .person("sanne@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let page = format!("/ateliers/{ATELIER}/bronnen");
    let rows = "SELECT COUNT(*) FROM atelier_resource";
    let (rows_before, files_before) = (count(&app, rows).await, files_on_disk(&app));
    let theme = theme_id(&app, "gemeenschapsvorming").await;
    let fields = [
        ("title", "Mijn bestand"),
        ("themes", theme.as_str()),
        ("link", ""),
    ];

    // Each refused at the file field (422), the title and theme kept.
    let just_over = vec![b'a'; MAX_FILE_BYTES + 1];
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode";
    let html_page = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let cases: [(&str, &[u8], &str); 4] = [
        ("groot.txt", &just_over, "Dit bestand is groter dan 10 MB"),
        ("leeg.pdf", b"", "Dit bestand is leeg"),
        (
            "pagina.txt",
            html_page,
            "Dit soort bestand kun je hier niet delen",
        ),
        (
            "verslag.pdf",
            exe,
            "Dit soort bestand kun je hier niet delen",
        ),
    ];
    for (name, bytes, message) in cases {
        let response = share(&app, &sanne, ATELIER, &fields, Some((name, bytes))).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{name}: {message}");
        assert!(html.contains(r##"href="#file""##), "{name}: in the summary");
        assert!(html.contains(r#"id="file-e""#), "{name}: at the field");
        assert!(
            html.contains(r#"value="Mijn bestand""#),
            "{name}: title kept"
        );
        assert!(
            html.contains(&format!(r#"value="{theme}" checked"#)),
            "{name}: theme kept"
        );
    }

    // Far over the limit: a Dutch page that says so (413), the body read to its end.
    let far_over = vec![b'a'; 3 * MAX_FILE_BYTES];
    let response = share(
        &app,
        &sanne,
        ATELIER,
        &fields,
        Some(("enorm.txt", &far_over)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let html = response.text().await.unwrap();
    assert!(html.contains("Dit bestand is te groot") && html.contains("hoogstens 10 MB"));

    // A good file with a wrong title: the title is answered, and the file must be
    // chosen again (browsers never keep it) — the page says so at the file.
    let long = "x".repeat(10_000);
    let response = share(
        &app,
        &sanne,
        ATELIER,
        &[("title", &long), ("link", "")],
        Some(("goed.txt", b"Een goede tekst")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Dit is te lang"));
    assert!(html.contains("Je bestand is nog niet bewaard. Kies het opnieuw."));

    // Link and file both, neither, a link that is no web address, control
    // characters: each at its field, the link kept.
    let cases: [(Fields<'_>, Option<File<'_>>, &str); 4] = [
        (
            &[("title", "Twee"), ("link", "https://example.org/a")],
            Some(("a.txt", b"tekst")),
            "Deel er \u{e9}\u{e9}n",
        ),
        (
            &[("title", "Niets"), ("link", "")],
            None,
            "Vul een link in of kies een bestand",
        ),
        (
            &[("title", "Script"), ("link", "javascript:alert(1)")],
            None,
            "begint met https://",
        ),
        (
            &[
                ("title", "Bel\u{7}letje"),
                ("link", "https://example.org/b"),
            ],
            None,
            "tekens in die we niet kunnen gebruiken",
        ),
    ];
    for (fields, file, message) in cases {
        let response = share(&app, &sanne, ATELIER, fields, file).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{message}");
        let link = fields[1].1;
        assert!(html.contains(&format!(r#"value="{link}""#)), "link kept");
    }

    // A form without its token (or from another session): 403, nothing stored.
    let (content_type, body) = multipart(
        &[("csrf", "vervalst"), ("title", "Vervalst"), ("link", "")],
        Some(("a.txt", b"tekst")),
    );
    let response = sanne
        .post(app.url(&page))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Het formulier was verlopen")
    );

    // A broken multipart body: 400, in Dutch.
    let response = sanne
        .post(app.url(&page))
        .header("content-type", "multipart/form-data; boundary=x")
        .body("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nonaf")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    assert_eq!(count(&app, rows).await, rows_before, "no row");
    assert_eq!(
        files_on_disk(&app),
        files_before,
        "no file, no temporary file"
    );
    assert_eq!(resource_lines(&app, "sanne@example.org").await, 0);

    // Storage failing after the file was written (here: an atelier that does not
    // exist) leaves neither a row nor a file behind.
    let account: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'sanne@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let orphan = NewResource {
        title: "Wees".into(),
        themes: Vec::new(),
        content: Content::File(CheckedFile {
            kind: FileType::Text,
            name: "wees.txt".into(),
            size: 5,
        }),
    };
    let files = ResourceFiles::in_data_dir(app.test_db.data_dir.path());
    let failed = app
        .db
        .share_resource(
            &files,
            i64::MAX,
            account,
            &orphan,
            Some(b"tekst".to_vec()),
            samenleren::time::now(),
        )
        .await;
    assert!(failed.is_err());
    assert_eq!(count(&app, rows).await, rows_before);
    assert_eq!(
        files_on_disk(&app),
        files_before,
        "the written file removed"
    );
}

async fn only_those_inside_reach_a_resource_and_removing_takes_its_file_and_ledger_line(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    let sanne = app
        .person("sanne@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    name_account(&app, "sanne@example.org", "Sanne de Vries").await;
    let bram = app
        .person("bram@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    let kartrekker = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let outsider = app.person("p@example.org").sign_in().await.client;
    let other = app
        .person("lb@example.org")
        .member_of(OTHER)
        .sign_in()
        .await
        .client;
    let waiting = app.person("w@example.org").sign_in().await.client;
    on_pool!(&app.db, |pool| {
        sqlx::query(
        "INSERT INTO atelier_member (public_id, activity_id, account_id, level, state, brings, \
         listed, created_at, updated_at) SELECT $1, x.id, a.id, 'meetings', 'requested', '', \
         FALSE, $3, $3 FROM activity x, account a WHERE x.slug = $2 AND a.email_key = 'w@example.org'"
    )
    .bind(uuid::Uuid::new_v4().simple().to_string())
    .bind(ATELIER)
    .bind(samenleren::time::now())
    .execute(pool)
    .await
    .unwrap();
    });

    let page = format!("/ateliers/{ATELIER}/bronnen");
    let shared = share(
        &app,
        &sanne,
        ATELIER,
        &[("title", "Werkblad"), ("link", "")],
        Some(("werkblad.csv", b"vraag;antwoord\nwie;wat\n")),
    )
    .await;
    assert_eq!(shared.status(), StatusCode::SEE_OTHER);
    let (id, name) = resource(&app, "Werkblad").await;
    assert_eq!(name, "werkblad.csv");
    let file = format!("{page}/{id}/{name}");
    assert_eq!(get(&app, &bram, &file).await.0, StatusCode::OK);

    // Outside: 404 for the list, the file and the removal, as if nothing were there.
    for (who, client) in [
        ("outsider", &outsider),
        ("member of B", &other),
        ("waiting", &waiting),
    ] {
        for path in [
            page.clone(),
            file.clone(),
            format!("{page}/{id}/verwijderen"),
        ] {
            let status = get(&app, client, &path).await.0;
            assert_eq!(status, StatusCode::NOT_FOUND, "{who}: {path}");
        }
    }
    // Atelier A's file through atelier B's address: not there.
    let through_b = format!("/ateliers/{OTHER}/bronnen/{id}/{name}");
    assert_eq!(get(&app, &other, &through_b).await.0, StatusCode::NOT_FOUND);

    // Another member may not remove it (403); the confirmation for the sharer.
    let remove = format!("{page}/{id}/verwijderen");
    assert_eq!(get(&app, &bram, &remove).await.0, StatusCode::FORBIDDEN);
    let response = post_form(&app, &sanne, &remove, &remove, &[]).await;
    assert_eq!(location(&response), format!("{page}?bericht=verwijderd"));
    assert!(!resources_dir(&app).join(&id).exists(), "the file is gone");
    assert_eq!(resource_lines(&app, "sanne@example.org").await, 0);
    assert_eq!(get(&app, &sanne, &file).await.0, StatusCode::NOT_FOUND);

    // The kartrekker removes a member's resource: its file and ledger line go.
    share(
        &app,
        &bram,
        ATELIER,
        &[("title", "Foto van de flip-over"), ("link", "")],
        Some(("flip.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")),
    )
    .await;
    let (flip, _) = resource(&app, "Foto van de flip-over").await;
    assert_eq!(resource_lines(&app, "bram@example.org").await, 1);
    let (status, html) = get(&app, &kartrekker, &page).await;
    assert_eq!(status, StatusCode::OK);
    let remove = format!("{page}/{flip}/verwijderen");
    assert!(html.contains(&format!(r#"href="{remove}""#)));
    let (status, html) = get(&app, &kartrekker, &remove).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Foto van de flip-over") && html.contains("Ja, verwijderen"));
    let response = post_form(&app, &kartrekker, &remove, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!resources_dir(&app).join(&flip).exists());
    assert_eq!(resource_lines(&app, "bram@example.org").await, 0);
    let logged = "SELECT COUNT(*) FROM audit_event WHERE action = 'resource_removed'";
    assert_eq!(count(&app, logged).await, 2);

    // A member who leaves: their old links stop working; their resource stays, as
    // a former member's.
    share(
        &app,
        &sanne,
        ATELIER,
        &[("title", "Notities"), ("link", "")],
        Some(("notities.txt", b"Wat we leerden")),
    )
    .await;
    let (notes, notes_name) = resource(&app, "Notities").await;
    let notes_file = format!("{page}/{notes}/{notes_name}");
    let (_, html) = get(&app, &bram, &page).await;
    assert!(html.contains("Gedeeld door Sanne de Vries"));
    let leave = format!("/ateliers/{ATELIER}/opzeggen");
    let response = post_form(&app, &sanne, &leave, &leave, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in [page.clone(), notes_file.clone()] {
        assert_eq!(
            get(&app, &sanne, &path).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (_, html) = get(&app, &bram, &page).await;
    assert!(!html.contains("Sanne de Vries"));
    assert!(html.contains("Gedeeld door oud-lid"));
    assert_eq!(get(&app, &bram, &notes_file).await.0, StatusCode::OK);

    // Her account deleted: the resource and its file stay without her.
    let account: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM account WHERE email_key = 'sanne@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(app.db.delete_account(account).await.unwrap());
    let owner = format!(
        "SELECT COUNT(*) FROM atelier_resource WHERE public_id = '{notes}' AND account_id IS NULL"
    );
    assert_eq!(count(&app, &owner).await, 1);
    assert_eq!(get(&app, &bram, &notes_file).await.0, StatusCode::OK);
}
