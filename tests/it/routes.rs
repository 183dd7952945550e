//! Who reaches which back-office route, on SQLite and PostgreSQL: one table of
//! routes × roles — guest, participant, organisers of two organisations, admin, a
//! kartrekker, and the mentoring coordinators of two programmes (each reaches their
//! own programme only). The survey owner is the organiser of the round's
//! organisation; the other organisation's organiser finds nothing (404). Every
//! route the back office declares must have a row.

use crate::common::web::{
    DemoTargets, browser, count, demo_targets, make_admin, make_kartrekker, make_organiser, secret,
    sign_in,
};
use crate::common::{Backend, spawn_app};
use samenleren::on_pool;

both_databases!(every_back_office_route_answers_each_role_as_it_should);

/// The route patterns (`/beheer/…/{id}/…`) the back office's code declares.
fn back_office_routes() -> Vec<String> {
    fn read(dir: &std::path::Path, into: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                read(&path, into);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                // The first argument of `.route(`, a literal or a `const … = "…"`.
                for part in text
                    .split(".route(")
                    .skip(1)
                    .chain(text.split("const PATH: &str = ").skip(1))
                {
                    let part = part.trim_start();
                    if let Some(rest) = part.strip_prefix('"') {
                        into.push(rest.split('"').next().unwrap().to_owned());
                    }
                }
            }
        }
    }
    let mut routes = Vec::new();
    read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/http/backoffice"),
        &mut routes,
    );
    routes.sort();
    routes.dedup();
    assert!(routes.len() > 25, "{routes:?}");
    routes
}

/// Whether `path` (without its query) is an instance of `route`.
fn route_matches(route: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap();
    let (r, p): (Vec<_>, Vec<_>) = (route.split('/').collect(), path.split('/').collect());
    r.len() == p.len()
        && r.iter()
            .zip(&p)
            .all(|(r, p)| r == p || (r.starts_with('{') && !p.is_empty()))
}

/// Who may reach which back-office route. Extended with every organiser route.
async fn every_back_office_route_answers_each_role_as_it_should(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    make_admin(&app, "admin@example.org").await;
    make_organiser(&app, "a@example.org", "movisie").await;
    make_organiser(&app, "b@example.org", "de-schoor").await;
    let guest = browser();
    let participant = browser();
    sign_in(&app, &participant, "deelnemer@example.org").await;
    let organiser_a = browser();
    sign_in(&app, &organiser_a, "a@example.org").await;
    let organiser_b = browser();
    sign_in(&app, &organiser_b, "b@example.org").await;
    let admin = browser();
    sign_in(&app, &admin, "admin@example.org").await;
    let DemoTargets {
        mine,
        shared,
        session,
    } = demo_targets(&app).await;
    // Not an organiser anywhere: runs Movisie's activity `mine` only.
    make_kartrekker(&app, "kartrekker@example.org", &mine).await;
    let kartrekker = browser();
    sign_in(&app, &kartrekker, "kartrekker@example.org").await;
    // The demo programme's coordinator (Movisie's), and the coordinator of a
    // programme of De Schoor; neither is staff anywhere.
    let coordinator = app
        .person(crate::mentoring::COORDINATOR)
        .sign_in()
        .await
        .client;
    let coordinator_b = app.person("elders@example.org").sign_in().await.client;
    let elsewhere = count(
        &app,
        "SELECT id FROM account WHERE email_key = 'elders@example.org'",
    )
    .await;
    let schoor = count(&app, "SELECT id FROM organisation WHERE slug = 'de-schoor'").await;
    let other_programme = app
        .db
        .add_programme(
            &samenleren::db::mentoring::NewProgramme {
                organisation_id: schoor,
                activity_id: None,
                title: "Regionaal mentorschap",
                intro: "",
                coordinators: &[elsewhere],
            },
            elsewhere,
            samenleren::time::now(),
        )
        .await
        .unwrap();
    let roles = [
        ("guest", &guest),
        ("participant", &participant),
        ("organiser A", &organiser_a),
        ("organiser B", &organiser_b),
        ("admin", &admin),
        ("kartrekker of A's activity", &kartrekker),
        ("coordinator of A's programme", &coordinator),
        ("coordinator of B's programme", &coordinator_b),
    ];
    // (method, path, expected status per role in the order above). 303 = to sign-in.
    // A kartrekker reaches their activity's pages but not its status steps, next
    // edition or access page (403), and nothing else (404).
    // A POST without a valid CSRF token is refused even for those allowed (403), so
    // the table checks reachability; the flows above check that allowed POSTs work.
    // A published activity of Movisie alone, and one Movisie hosts with De Schoor.
    let registration: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT r.public_id FROM registration r JOIN activity a ON a.id = r.activity_id \
         WHERE a.public_id = $1 ORDER BY r.id LIMIT 1"
    )
    .bind(&mine)
    .fetch_one(pool)
    .await
    .unwrap());
    let qr = secret(&app).check_in_path(&registration);
    let wrong_qr = format!(
        "/beheer/inchecken/{registration}/{}",
        secret(&app).check_in_token("another registration")
    );
    let a = format!("/beheer/activiteiten/{mine}");
    let ab = format!("/beheer/activiteiten/{shared}");
    // The demo café's accreditation by Register Sociaal Werker.
    let accreditation: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT c.id FROM accreditation c JOIN activity a ON a.id = c.activity_id \
         WHERE a.public_id = $1"
    )
    .bind(&shared)
    .fetch_one(pool)
    .await
    .unwrap());
    let accredited = format!("{ab}/accreditatie/{accreditation}");
    let mut table: Vec<(&str, String, [u16; 8])> = vec![
        (
            "GET",
            format!("{a}/accreditatie"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/accreditatie/nieuw"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/accreditatie/nieuw"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        // Another activity's accreditation is not found under this one.
        (
            "GET",
            format!("{a}/accreditatie/{accreditation}"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            accredited.clone(),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        (
            "POST",
            accredited.clone(),
            [303, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{accredited}/verwijderen"),
            [303, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{accredited}/pe-online"),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        (
            "GET",
            format!("{accredited}/pe-online.txt"),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        ("GET", a.clone(), [303, 403, 200, 404, 200, 200, 403, 403]),
        (
            "GET",
            format!("{a}/bewerken"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bewerken"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/voorbeeld"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/status"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/annuleren"),
            [303, 403, 200, 404, 200, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/annuleren"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/volgende-editie"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bijeenkomsten/nieuw"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/nieuw"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bijeenkomsten/{session}"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/{session}"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/{session}/verwijderen"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/vragen/nieuw"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/vragen/999999"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/vragen/999999"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/vragen/999999/verwijderen"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/vragen/nieuw"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/voorkennis"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/voorkennis/afgerond"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/voorkennis/0123456789abcdef0123456789abcdef"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/export.csv"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/export.xlsx"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/presentielijst"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/nieuw"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/nieuw"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/{registration}/plaats"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/{registration}/afmelden"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/inchecken"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/inchecken"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        ("GET", qr.clone(), [303, 403, 200, 404, 200, 200, 403, 403]),
        ("POST", qr, [303, 403, 403, 404, 403, 403, 403, 403]),
        ("GET", wrong_qr, [303, 403, 404, 404, 404, 404, 403, 403]),
        (
            "GET",
            format!("{a}/bericht"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bericht"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/kartrekkers"),
            [303, 403, 200, 404, 200, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/kartrekkers"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/kartrekkers/00000000-0000-4000-8000-000000000000/verwijderen"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bewijzen"),
            [303, 403, 200, 404, 200, 200, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bewijzen"),
            [303, 403, 403, 404, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bewijzen/00000000000000000000000000000000/intrekken"),
            [303, 403, 404, 404, 404, 403, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bewijzen/00000000000000000000000000000000/intrekken"),
            [303, 403, 404, 404, 404, 403, 403, 403],
        ),
        // A café has no members page: 404 for everyone who may see the café.
        (
            "GET",
            format!("{a}/leden"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/leden"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/leden/instellingen"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/agenda/{session}"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/versturen"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/1/verwijderen"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/aanwezig"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/halen-en-brengen"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/halen-en-brengen/instellingen"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/onderzoek"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/onderzoek"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/reeks"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/reeks"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/leden/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/leden/00000000000000000000000000000000/besluit"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/leden/00000000000000000000000000000000/rol"),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            format!("{ab}/inchecken"),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        ("GET", ab.clone(), [303, 403, 200, 200, 200, 404, 403, 403]),
        (
            "GET",
            format!("{ab}/aanmeldingen"),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        (
            "GET",
            format!("{ab}/bewerken"),
            [303, 403, 200, 200, 200, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/activiteiten/00000000000000000000000000000000".into(),
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/activiteiten/nieuw".into(),
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/activiteiten/nieuw".into(),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor/activiteiten/nieuw".into(),
            [303, 403, 404, 200, 200, 404, 403, 403],
        ),
    ];
    let fixed: &[(&str, &str, [u16; 8])] = &[
        ("GET", "/beheer", [303, 403, 200, 200, 200, 200, 403, 403]),
        (
            "GET",
            "/beheer/organisaties/movisie/logboek",
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor/logboek",
            [303, 403, 404, 200, 200, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/privacy",
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/privacy",
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie",
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor",
            [303, 403, 404, 200, 200, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/bestaat-niet",
            [303, 403, 404, 404, 404, 404, 403, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/uitnodigen",
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/nieuw",
            [303, 403, 403, 403, 200, 403, 403, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/nieuw",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/beheer/toegankelijkheid",
            [303, 403, 403, 403, 200, 403, 403, 403],
        ),
        (
            "POST",
            "/beheer/toegankelijkheid",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/beheer/mensen",
            [303, 403, 403, 403, 200, 403, 403, 403],
        ),
        (
            "POST",
            "/beheer/mensen",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/beheer/api-sleutels",
            [303, 403, 200, 200, 200, 200, 403, 403],
        ),
        (
            "POST",
            "/beheer/api-sleutels",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/beheer/api-sleutels/00000000-0000-4000-8000-000000000000/intrekken",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        ("GET", "/account", [303, 200, 200, 200, 200, 200, 200, 200]),
        (
            "GET",
            "/account/api-sleutels",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/api-sleutels",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/account/api-sleutels/00000000-0000-4000-8000-000000000000/intrekken",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/account/registers",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/registers",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/account/registers/1/verwijderen",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        // Mijn leerdossier (issue 16).
        (
            "GET",
            "/account/leerdossier",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier.csv",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier.pdf",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier/toevoegen",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/leerdossier/toevoegen",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/account/leerdossier/00000000000000000000000000000000/verwijderen",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/account/leerdossier/00000000000000000000000000000000/bewijs",
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            "/account/gegevens.json",
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/overal-uitloggen",
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
    ];
    table.extend(
        fixed
            .iter()
            .map(|(method, path, expected)| (*method, (*path).to_owned(), *expected)),
    );
    // The theme inventory: the demo round belongs to Movisie, its survey owner.
    let round = format!(
        "/beheer/inventarisaties/{}",
        samenleren::db::survey::demo::DEMO_ROUND
    );
    let proposal: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT MIN(id) FROM survey_proposal"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    // The demo programme and one of its pairs.
    let (programme, pair): (String, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT g.public_id, p.public_id FROM mentoring_programme g \
         JOIN mentoring_pair p ON p.programme_id = g.id ORDER BY p.id LIMIT 1"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let survey: Vec<(&str, String, [u16; 8])> = vec![
        (
            "GET",
            "/beheer/inventarisaties".into(),
            [303, 403, 200, 200, 200, 200, 403, 403],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/inventarisaties/nieuw".into(),
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/inventarisaties/nieuw".into(),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "GET",
            round.clone(),
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "POST",
            round.clone(),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{round}/status"),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{round}/besluit"),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{round}/voorstellen/{proposal}/merge"),
            [303, 403, 403, 404, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{round}/uitslag.csv"),
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
        (
            "GET",
            format!("{round}/uitslag.xlsx"),
            [303, 403, 200, 404, 200, 404, 403, 403],
        ),
    ];
    table.extend(survey);
    // Mentoring: the demo programme is Movisie's. A coordinator reaches their own
    // programme only (another's is 404, as for anyone outside it) and may not name
    // coordinators (403); forged tokens are refused (403).
    let mentoring = format!("/beheer/mentoring/{programme}");
    let other = format!("/beheer/mentoring/{other_programme}");
    table.extend([
        (
            "GET",
            "/beheer/mentoring".to_owned(),
            [303, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/beheer/mentoring".to_owned(),
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            mentoring.clone(),
            [303, 404, 200, 404, 200, 404, 200, 404],
        ),
        (
            "POST",
            mentoring.clone(),
            [303, 404, 403, 404, 403, 404, 403, 404],
        ),
        (
            "POST",
            format!("{mentoring}/coordinatoren"),
            [303, 404, 403, 404, 403, 404, 403, 404],
        ),
        (
            "POST",
            format!("{mentoring}/activiteit"),
            [303, 404, 403, 404, 403, 404, 403, 404],
        ),
        (
            "GET",
            format!("{mentoring}/koppels/{pair}"),
            [303, 404, 200, 404, 200, 404, 200, 404],
        ),
        (
            "GET",
            other.clone(),
            [303, 404, 404, 200, 200, 404, 404, 200],
        ),
        (
            "POST",
            format!("{other}/activiteit"),
            [303, 404, 404, 403, 403, 404, 404, 403],
        ),
        (
            "GET",
            format!("{other}/koppels/{pair}"),
            [303, 404, 404, 404, 404, 404, 404, 404],
        ),
    ]);
    // Every back-office route in the code has a row here.
    assert!(route_matches("/beheer/a/{id}/b", "/beheer/a/x1/b?c=d"));
    assert!(!route_matches("/beheer/a/{id}/b", "/beheer/a/x1/c"));
    for route in back_office_routes() {
        assert!(
            table.iter().any(|(_, path, _)| route_matches(&route, path)),
            "{route} is in no row of the table"
        );
    }
    for (method, path, expected) in &table {
        for ((role, client), want) in roles.iter().zip(expected) {
            let request = match *method {
                "GET" => client.get(app.url(path)),
                _ => client.post(app.url(path)).form(&[("csrf", "vervalst")]),
            };
            let path = path.as_str();
            let status = request.send().await.unwrap().status().as_u16();
            assert_eq!(status, *want, "{method} {path} as {role}");
        }
    }
    // Nobody was signed out by the forged POSTs.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 7);
}
