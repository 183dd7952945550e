//! Accounts over HTTP, on SQLite and PostgreSQL: sign-in by emailed link and by
//! password, sessions and signing out, invitations, the account page and its data,
//! (who reaches which back-office page is in [`crate::routes`]).

use crate::common::mail::wait_for_mails;
use crate::common::web::{
    browser, count, csrf_of, get, location, make_admin, newest_link_path, post_form, sign_in,
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
