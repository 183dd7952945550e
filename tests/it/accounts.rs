//! Accounts over HTTP, on SQLite and PostgreSQL: sign-in by emailed link and by
//! password, sessions and signing out, invitations, the account page and its data,
//! and who reaches which back-office page.

use crate::common::mail::wait_for_mails;
use crate::common::web::{
    DemoTargets, browser, count, csrf_of, demo_targets, get, location, make_admin, make_kartrekker,
    make_organiser, newest_link_path, post_form, secret, sign_in,
};
use crate::common::{Backend, TestApp, spawn_app, spawn_app_configured};
use reqwest::StatusCode;
use samenleren::on_pool;
use serde_json::{Value, json};

both_databases!(
    an_admin_signs_in_by_emailed_link_and_invites_an_organiser,
    sessions_end_on_sign_out_and_everywhere,
    password_sign_in_locks_after_five_wrong_tries,
    guest_registrations_belong_to_the_verified_account,
    every_back_office_route_answers_each_role_as_it_should,
    bad_sign_in_input_gets_a_clear_answer,
    sign_in_is_rate_limited_per_client_and_per_address,
    expired_sessions_and_links_are_removed,
);

// ------------------------------------------------------------------ tests

async fn an_admin_signs_in_by_emailed_link_and_invites_an_organiser(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    make_admin(&app, "Beheer@Example.org").await;
    let admin = browser();

    // The sign-in page sets the CSRF cookie; the link goes out by email.
    let response = post_form(
        &app,
        &admin,
        "/inloggen?next=/beheer",
        "/inloggen",
        &[("email", "beheer@example.org"), ("next", "/beheer")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("Kijk in je e-mail"));
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("beheer@example.org"))
        .await
        .remove(0);
    assert_eq!(mail.subject, "Je link om in te loggen bij Samenleren");
    let token = mail.token_after("/inloggen/link/").expect("link in mail");

    // Opening the link signs nobody in (mail scanners open links); the button does.
    let path = format!("/inloggen/link/{token}");
    let (status, page) = get(&app, &admin, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Inloggen bij Samenleren"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 0);
    let response = post_form(&app, &admin, &path, &path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/beheer",
        "back to where sign-in began"
    );
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("sl_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http: no Secure flag");
    assert!(
        cookie.contains("Max-Age=34560000"),
        "the server, not the cookie, ends idle sessions"
    );
    // The link works once.
    let again = post_form(&app, &browser(), &path, &path, &[]).await;
    assert_eq!(again.status(), StatusCode::GONE);

    let (status, page) = get(&app, &admin, "/beheer").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Movisie") && page.contains("Nieuwe organisatie"));

    // The admin invites an organiser for De Schoor.
    let org_page = "/beheer/organisaties/de-schoor";
    let response = post_form(
        &app,
        &admin,
        org_page,
        "/beheer/organisaties/de-schoor/uitnodigen",
        &[("email", "organisator@schoor.example")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &admin, &location(&response)).await;
    assert!(page.contains("De uitnodiging is verstuurd."));
    assert!(page.contains("organisator@schoor.example (geldig tot"));
    let mail = wait_for_mails(&app, 1, |m| m.to.contains("organisator@schoor.example"))
        .await
        .remove(0);
    assert!(mail.subject.contains("De Schoor"), "{}", mail.subject);
    let token = mail.token_after("/uitnodiging/").expect("invitation link");

    // The organiser accepts in a browser of their own and lands on the organisation.
    let organiser = browser();
    let path = format!("/uitnodiging/{token}");
    let response = post_form(&app, &organiser, &path, &path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), org_page);
    let (status, page) = get(&app, &organiser, org_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("organisator@schoor.example"));
    assert!(
        page.contains("Blik op samenlevingsopbouw"),
        "a hosted activity"
    );
    // … and sees nothing of another organisation, nor the admin's pages.
    let (status, _) = get(&app, &organiser, "/beheer/organisaties/movisie").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&app, &organiser, "/beheer/organisaties/nieuw").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Inviting again: already an organiser, nothing sent.
    let response = post_form(
        &app,
        &admin,
        org_page,
        "/beheer/organisaties/de-schoor/uitnodigen",
        &[("email", "Organisator@Schoor.example")],
    )
    .await;
    assert!(location(&response).ends_with("bericht=al-lid"));
    let again = post_form(&app, &browser(), &path, &path, &[]).await;
    assert_eq!(again.status(), StatusCode::GONE);
    let actions: Vec<String> = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT action FROM audit_event ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(actions, ["organiser_invited", "organiser_joined"]);

    // The admin creates an organisation; its name must be new.
    let response = post_form(
        &app,
        &admin,
        "/beheer/organisaties/nieuw",
        "/beheer/organisaties/nieuw",
        &[
            ("name", "Buurtwerk Noord"),
            ("kind", "welzijnsorganisatie"),
            ("city", "Zwolle"),
            ("website", "https://buurtwerk.example"),
        ],
    )
    .await;
    assert_eq!(
        location(&response),
        "/beheer/organisaties/buurtwerk-noord?bericht=aangemaakt"
    );
    let response = post_form(
        &app,
        &admin,
        "/beheer/organisaties/nieuw",
        "/beheer/organisaties/nieuw",
        &[("name", "Buurtwerk Noord"), ("kind", "anders")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("Er is al een organisatie met deze naam."));
    assert!(page.contains(r#"value="Buurtwerk Noord""#), "form kept");
}

async fn sessions_end_on_sign_out_and_everywhere(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (laptop, phone) = (browser(), browser());
    sign_in(&app, &laptop, "an@example.org").await;
    sign_in(&app, &phone, "an@example.org").await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 2);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE email_verified_at IS NOT NULL"
        )
        .await,
        1,
        "the first link made the account, verified"
    );
    let (status, page) = get(&app, &laptop, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Je bent ingelogd als an@example.org."));
    // A participant has no back office.
    let (status, _) = get(&app, &laptop, "/beheer").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let response = post_form(&app, &laptop, "/account", "/uitloggen", &[]).await;
    assert_eq!(location(&response), "/inloggen?bericht=uitgelogd");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 1);
    let (status, _) = get(&app, &laptop, "/account").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed out");

    // Signing out everywhere ends the phone's session and a new laptop one.
    sign_in(&app, &laptop, "an@example.org").await;
    let response = post_form(&app, &phone, "/account", "/account/overal-uitloggen", &[]).await;
    assert_eq!(location(&response), "/inloggen?bericht=overal-uitgelogd");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 0);
    for client in [&laptop, &phone] {
        let response = client.get(app.url("/account")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/inloggen?next=%2Faccount");
    }
}

/// A session cookie of a signed-out session is refused, and the browser told to drop it.
async fn replayed_cookie_is_refused(app: &TestApp, token: &str) {
    let response = app
        .client
        .get(app.url("/account"))
        .header("cookie", format!("sl_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cleared = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("sl_session=;"));
    assert!(cleared, "the stale cookie is cleared");
}

async fn password_sign_in_locks_after_five_wrong_tries(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let owner = browser();
    sign_in(&app, &owner, "wachtwoord@example.org").await;
    let other_device = browser();
    sign_in(&app, &other_device, "wachtwoord@example.org").await;
    // Too short, then not the same twice: errors next to the fields, nothing stored.
    let response = post_form(
        &app,
        &owner,
        "/account",
        "/account/wachtwoord",
        &[("password", "kort"), ("password_repeat", "kort")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("minstens 12 tekens")
    );
    let response = post_form(
        &app,
        &owner,
        "/account",
        "/account/wachtwoord",
        &[
            ("password", "lange zin als wachtwoord"),
            ("password_repeat", "lange zin als wachtwoorD"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("niet hetzelfde"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE password_hash IS NOT NULL"
        )
        .await,
        0
    );
    let response = post_form(
        &app,
        &owner,
        "/account",
        "/account/wachtwoord",
        &[
            ("password", "lange zin als wachtwoord"),
            ("password_repeat", "lange zin als wachtwoord"),
        ],
    )
    .await;
    assert_eq!(location(&response), "/account?bericht=wachtwoord");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM auth_session").await,
        1,
        "a new password ends every other session"
    );
    let (status, _) = get(&app, &other_device, "/account").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            let client = browser();
            post_form(
                app,
                &client,
                "/inloggen",
                "/inloggen/wachtwoord",
                &[
                    ("pw-email", "Wachtwoord@example.org"),
                    ("password", password),
                ],
            )
            .await
        }
    };
    let good = attempt("lange zin als wachtwoord").await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&good), "/account");
    for _ in 0..4 {
        let wrong = attempt("fout fout fout fout").await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = wrong.text().await.unwrap();
        assert!(page.contains("klopt niet"));
        assert!(
            page.contains(r#"value="Wachtwoord@example.org""#),
            "email kept"
        );
    }
    let fifth = attempt("fout fout fout fout").await;
    assert_eq!(fifth.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fifth
            .text()
            .await
            .unwrap()
            .contains("te vaak een verkeerd wachtwoord")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE locked_until IS NOT NULL"
        )
        .await,
        1
    );
    // Locked: even the right password waits, answered like a wrong one (the answer
    // must not tell that the address has an account); a link still works.
    let locked = attempt("lange zin als wachtwoord").await;
    assert_eq!(locked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    sign_in(&app, &browser(), "wachtwoord@example.org").await;
    // Once the lock has passed, the right password works and the count starts again.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE account SET locked_until = $1"
    )
    .bind(samenleren::time::now() - chrono::Duration::seconds(1))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let good = attempt("lange zin als wachtwoord").await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE failed_logins = 0 AND locked_until IS NULL"
        )
        .await,
        1
    );
    // An unknown address answers like a wrong password.
    let client = browser();
    let unknown = post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen/wachtwoord",
        &[
            ("pw-email", "niemand@example.org"),
            ("password", "wat dan ook hier"),
        ],
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn guest_registrations_belong_to_the_verified_account(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app
        .client
        .post(app.url("/api/v1/activities/hoe-noemen-we-onszelf/registrations"))
        .json(&json!({"name": "Gast Één", "email": "Gast@Example.org", "role": "opbouwwerker", "privacy_consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let guest = browser();
    sign_in(&app, &guest, "gast@example.org").await;
    let (_, page) = get(&app, &guest, "/account").await;
    assert!(page.contains("Hoe noemen we onszelf"), "{page}");
    assert!(
        page.contains("/aanmelding/"),
        "a manage link per registration"
    );

    let response = guest
        .get(app.url("/account/gegevens.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: Value = response.json().await.unwrap();
    assert_eq!(data["account"]["email"], "gast@example.org");
    assert_eq!(data["registrations"][0]["name"], "Gast Één");
    assert_eq!(
        data["registrations"][0]["activity_slug"],
        "hoe-noemen-we-onszelf"
    );
    // The registry's part: every table that holds something about the account.
    let stored: Vec<&str> = data["stored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["table"].as_str().unwrap())
        .collect();
    for table in ["account", "auth_session", "sign_in_link", "registration"] {
        assert!(stored.contains(&table), "{table} in {stored:?}");
    }
    let registration = data["stored"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "registration")
        .unwrap();
    assert_eq!(registration["rows"][0]["name"], "Gast Één");

    // Deleting the account keeps the registration, unlinked; the session is gone.
    let response = post_form(
        &app,
        &guest,
        "/account/verwijderen",
        "/account/verwijderen",
        &[],
    )
    .await;
    assert_eq!(location(&response), "/inloggen?bericht=verwijderd");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE email_key = 'gast@example.org'"
        )
        .await,
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sign_in_link").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM registration WHERE email_key = 'gast@example.org' AND account_id IS NULL").await,
        1
    );
}

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
    let roles = [
        ("guest", &guest),
        ("participant", &participant),
        ("organiser A", &organiser_a),
        ("organiser B", &organiser_b),
        ("admin", &admin),
        ("kartrekker of A's activity", &kartrekker),
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
    let mut table: Vec<(&str, String, [u16; 6])> = vec![
        (
            "GET",
            format!("{a}/accreditatie"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/accreditatie/nieuw"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/accreditatie/nieuw"),
            [303, 403, 403, 404, 403, 403],
        ),
        // Another activity's accreditation is not found under this one.
        (
            "GET",
            format!("{a}/accreditatie/{accreditation}"),
            [303, 403, 404, 404, 404, 404],
        ),
        ("GET", accredited.clone(), [303, 403, 200, 200, 200, 404]),
        ("POST", accredited.clone(), [303, 403, 403, 403, 403, 404]),
        (
            "POST",
            format!("{accredited}/verwijderen"),
            [303, 403, 403, 403, 403, 404],
        ),
        (
            "GET",
            format!("{accredited}/pe-online"),
            [303, 403, 200, 200, 200, 404],
        ),
        (
            "GET",
            format!("{accredited}/pe-online.txt"),
            [303, 403, 200, 200, 200, 404],
        ),
        ("GET", a.clone(), [303, 403, 200, 404, 200, 200]),
        (
            "GET",
            format!("{a}/bewerken"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/bewerken"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/voorbeeld"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/status"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/annuleren"),
            [303, 403, 200, 404, 200, 403],
        ),
        (
            "POST",
            format!("{a}/annuleren"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/volgende-editie"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bijeenkomsten/nieuw"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/nieuw"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bijeenkomsten/{session}"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/{session}"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/bijeenkomsten/{session}/verwijderen"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/vragen/nieuw"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/vragen/999999"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/vragen/999999"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/vragen/999999/verwijderen"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/vragen/nieuw"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/voorkennis"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/voorkennis/afgerond"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/voorkennis/0123456789abcdef0123456789abcdef"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/export.csv"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/export.xlsx"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/presentielijst"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "GET",
            format!("{a}/aanmeldingen/nieuw"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/nieuw"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/{registration}/plaats"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/aanmeldingen/{registration}/afmelden"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/inchecken"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/inchecken"),
            [303, 403, 403, 404, 403, 403],
        ),
        ("GET", qr.clone(), [303, 403, 200, 404, 200, 200]),
        ("POST", qr, [303, 403, 403, 404, 403, 403]),
        ("GET", wrong_qr, [303, 403, 404, 404, 404, 404]),
        (
            "GET",
            format!("{a}/bericht"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/bericht"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/kartrekkers"),
            [303, 403, 200, 404, 200, 403],
        ),
        (
            "POST",
            format!("{a}/kartrekkers"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "POST",
            format!("{a}/kartrekkers/00000000-0000-4000-8000-000000000000/verwijderen"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bewijzen"),
            [303, 403, 200, 404, 200, 200],
        ),
        (
            "POST",
            format!("{a}/bewijzen"),
            [303, 403, 403, 404, 403, 403],
        ),
        (
            "GET",
            format!("{a}/bewijzen/00000000000000000000000000000000/intrekken"),
            [303, 403, 404, 404, 404, 403],
        ),
        (
            "POST",
            format!("{a}/bewijzen/00000000000000000000000000000000/intrekken"),
            [303, 403, 404, 404, 404, 403],
        ),
        // A café has no members page: 404 for everyone who may see the café.
        ("GET", format!("{a}/leden"), [303, 403, 404, 404, 404, 404]),
        ("POST", format!("{a}/leden"), [303, 403, 404, 404, 404, 404]),
        (
            "POST",
            format!("{a}/leden/instellingen"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{a}/agenda/{session}"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/versturen"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/1/verwijderen"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/agenda/{session}/aanwezig"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{a}/halen-en-brengen"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/halen-en-brengen/instellingen"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{a}/onderzoek"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/onderzoek"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{a}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/onderzoek/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404],
        ),
        ("GET", format!("{a}/reeks"), [303, 403, 404, 404, 404, 404]),
        ("POST", format!("{a}/reeks"), [303, 403, 404, 404, 404, 404]),
        (
            "GET",
            format!("{a}/leden/00000000000000000000000000000000"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/leden/00000000000000000000000000000000/besluit"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{a}/leden/00000000000000000000000000000000/rol"),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{ab}/inchecken"),
            [303, 403, 200, 200, 200, 404],
        ),
        ("GET", ab.clone(), [303, 403, 200, 200, 200, 404]),
        (
            "GET",
            format!("{ab}/aanmeldingen"),
            [303, 403, 200, 200, 200, 404],
        ),
        (
            "GET",
            format!("{ab}/bewerken"),
            [303, 403, 200, 200, 200, 404],
        ),
        (
            "GET",
            "/beheer/activiteiten/00000000000000000000000000000000".into(),
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/activiteiten/nieuw".into(),
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/activiteiten/nieuw".into(),
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor/activiteiten/nieuw".into(),
            [303, 403, 404, 200, 200, 404],
        ),
    ];
    let fixed: &[(&str, &str, [u16; 6])] = &[
        ("GET", "/beheer", [303, 403, 200, 200, 200, 200]),
        (
            "GET",
            "/beheer/organisaties/movisie/logboek",
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor/logboek",
            [303, 403, 404, 200, 200, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/privacy",
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/privacy",
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie",
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/de-schoor",
            [303, 403, 404, 200, 200, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/bestaat-niet",
            [303, 403, 404, 404, 404, 404],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/uitnodigen",
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "GET",
            "/beheer/organisaties/nieuw",
            [303, 403, 403, 403, 200, 403],
        ),
        (
            "POST",
            "/beheer/organisaties/nieuw",
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/beheer/toegankelijkheid",
            [303, 403, 403, 403, 200, 403],
        ),
        (
            "POST",
            "/beheer/toegankelijkheid",
            [303, 403, 403, 403, 403, 403],
        ),
        ("GET", "/beheer/mensen", [303, 403, 403, 403, 200, 403]),
        ("POST", "/beheer/mensen", [303, 403, 403, 403, 403, 403]),
        (
            "GET",
            "/beheer/api-sleutels",
            [303, 403, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/beheer/api-sleutels",
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/beheer/api-sleutels/00000000-0000-4000-8000-000000000000/intrekken",
            [303, 403, 403, 403, 403, 403],
        ),
        ("GET", "/account", [303, 200, 200, 200, 200, 200]),
        (
            "GET",
            "/account/api-sleutels",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/api-sleutels",
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/account/api-sleutels/00000000-0000-4000-8000-000000000000/intrekken",
            [303, 403, 403, 403, 403, 403],
        ),
        ("GET", "/account/registers", [303, 200, 200, 200, 200, 200]),
        ("POST", "/account/registers", [303, 403, 403, 403, 403, 403]),
        (
            "POST",
            "/account/registers/1/verwijderen",
            [303, 403, 403, 403, 403, 403],
        ),
        // Mijn leerdossier (issue 16).
        (
            "GET",
            "/account/leerdossier",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier.csv",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier.pdf",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/account/leerdossier/toevoegen",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/leerdossier/toevoegen",
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/account/leerdossier/00000000000000000000000000000000/verwijderen",
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/account/leerdossier/00000000000000000000000000000000/bewijs",
            [303, 404, 404, 404, 404, 404],
        ),
        (
            "GET",
            "/account/gegevens.json",
            [303, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/account/overal-uitloggen",
            [303, 403, 403, 403, 403, 403],
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
    // Mentoring: the demo programme is Movisie's; a coordinator's own table is in
    // tests/it/mentoring.rs. Without any role the list is 403, like every /beheer page.
    let (programme, pair): (String, String) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT g.public_id, p.public_id FROM mentoring_programme g \
         JOIN mentoring_pair p ON p.programme_id = g.id ORDER BY p.id LIMIT 1"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let survey: Vec<(&str, String, [u16; 6])> = vec![
        (
            "GET",
            "/beheer/inventarisaties".into(),
            [303, 403, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/beheer/organisaties/movisie/inventarisaties/nieuw".into(),
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "POST",
            "/beheer/organisaties/movisie/inventarisaties/nieuw".into(),
            [303, 403, 403, 404, 403, 404],
        ),
        ("GET", round.clone(), [303, 403, 200, 404, 200, 404]),
        ("POST", round.clone(), [303, 403, 403, 404, 403, 404]),
        (
            "POST",
            format!("{round}/status"),
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "POST",
            format!("{round}/besluit"),
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "POST",
            format!("{round}/voorstellen/{proposal}/merge"),
            [303, 403, 403, 404, 403, 404],
        ),
        (
            "GET",
            format!("{round}/uitslag.csv"),
            [303, 403, 200, 404, 200, 404],
        ),
        (
            "GET",
            format!("{round}/uitslag.xlsx"),
            [303, 403, 200, 404, 200, 404],
        ),
    ];
    table.extend(survey);
    let mentoring = format!("/beheer/mentoring/{programme}");
    table.extend([
        (
            "GET",
            "/beheer/mentoring".to_owned(),
            [303, 403, 200, 200, 200, 200],
        ),
        ("GET", mentoring.clone(), [303, 404, 200, 404, 200, 404]),
        ("POST", mentoring.clone(), [303, 404, 403, 404, 403, 404]),
        (
            "POST",
            "/beheer/mentoring".to_owned(),
            [303, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{mentoring}/coordinatoren"),
            [303, 404, 403, 404, 403, 404],
        ),
        (
            "GET",
            format!("{mentoring}/koppels/{pair}"),
            [303, 404, 200, 404, 200, 404],
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
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 5);
}

async fn bad_sign_in_input_gets_a_clear_answer(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = browser();
    // No CSRF cookie or a forged token: 403, the form back with the address kept.
    let response = app
        .client
        .post(app.url("/inloggen"))
        .form(&[("email", "x@example.org"), ("csrf", "vervalst")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"value="x@example.org""#)
    );
    let response = post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[("email", "geen adres")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Vul een geldig e-mailadres in"));
    assert!(page.contains(r#"value="geen adres""#));
    assert!(
        page.contains(r##"href="#email""##),
        "error summary links to the field"
    );
    let response = post_form(&app, &client, "/inloggen", "/inloggen", &[("email", "")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A cross-site post is refused whatever its token.
    let (_, html) = get(&app, &client, "/inloggen").await;
    let response = client
        .post(app.url("/inloggen"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "x@example.org"), ("csrf", &csrf_of(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sign_in_link").await, 0);

    // Malformed, unknown and expired links: 410, never a 5xx.
    for token in ["kort", &"A".repeat(43), "../../etc/passwd"] {
        let path = format!("/inloggen/link/{token}");
        let response = post_form(&app, &client, "/inloggen", &path, &[]).await;
        let status = response.status();
        assert!(
            status == StatusCode::GONE || status == StatusCode::NOT_FOUND,
            "{token}: {status}"
        );
    }
    post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[("email", "laat@example.org")],
    )
    .await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE sign_in_link SET expires_at = $1"
    )
    .bind(samenleren::time::now() - chrono::Duration::seconds(1))
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let path = newest_link_path(&app, "laat@example.org").await;
    let response = post_form(&app, &client, &path, &path, &[]).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Deze link werkt niet meer")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE email_key = 'laat@example.org'"
        )
        .await,
        0
    );

    // `next` is followed only to a path on this site.
    post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[
            ("email", "volgende@example.org"),
            ("next", "//evil.example/x"),
        ],
    )
    .await;
    let path = newest_link_path(&app, "volgende@example.org").await;
    let response = post_form(&app, &client, &path, &path, &[]).await;
    assert_eq!(location(&response), "/account");
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| v.to_str().unwrap().strip_prefix("sl_session="))
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();

    // A session cookie of a signed-out session is refused.
    let response = post_form(&app, &client, "/account", "/uitloggen", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    replayed_cookie_is_refused(&app, &session).await;
}

async fn sign_in_is_rate_limited_per_client_and_per_address(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, false, |settings| {
        settings.sign_in_rate = samenleren::config::RateLimit {
            per_minute: 1,
            burst: 4,
        };
    })
    .await
    else {
        return;
    };
    let client = browser();
    // Three open links per address; the fourth request is answered the same, but
    // sends nothing.
    for _ in 0..4 {
        let response = post_form(
            &app,
            &client,
            "/inloggen",
            "/inloggen",
            &[("email", "veel@example.org")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sign_in_link").await, 3);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'sign_in'").await,
        3
    );
    // The fifth attempt from this client is over the burst: 429 with Retry-After.
    let response = post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[("email", "ander@example.org")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"value="ander@example.org""#)
    );
}

async fn expired_sessions_and_links_are_removed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = browser();
    sign_in(&app, &client, "kort@example.org").await;
    post_form(
        &app,
        &client,
        "/inloggen",
        "/inloggen",
        &[("email", "open@example.org")],
    )
    .await;
    let now = samenleren::time::now();
    // Nothing has expired yet.
    assert_eq!(app.db.purge_expired_sign_ins(now).await.unwrap(), 0);
    // Half an hour on, the links have expired but are kept a day; the session lives.
    let later = now + chrono::Duration::hours(2);
    assert_eq!(app.db.purge_expired_sign_ins(later).await.unwrap(), 0);
    // Two days on: both links go; fifteen days on: the session too.
    let days = |n| now + chrono::Duration::days(n);
    assert_eq!(app.db.purge_expired_sign_ins(days(2)).await.unwrap(), 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 1);
    assert_eq!(app.db.purge_expired_sign_ins(days(15)).await.unwrap(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM auth_session").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account WHERE email_key = 'kort@example.org'"
        )
        .await,
        1,
        "accounts stay"
    );
}
