//! An atelier's public meetings through the ordinary registration, on SQLite and
//! PostgreSQL: the activity page offers the form, which asks for one of the coming
//! public meetings (never one for members only: not offered, and a forged choice is
//! refused at the field, nothing stored); one address registers once per meeting;
//! the confirmation, the reminder and the check-in are about that meeting only.

use chrono::Duration;
use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::mail::wait_for_mails;
use crate::common::web::{
    activity_public_id, add_meeting, browser, count, get, location, post_form,
};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";

both_databases!(a_non_member_registers_for_a_public_meeting_only);

async fn register(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    meeting: &str,
) -> reqwest::Response {
    let form = format!("/activiteiten/{ATELIER}/aanmelden");
    post_form(
        app,
        client,
        &form,
        &form,
        &[
            ("meeting", meeting),
            ("name", "Fatima Bakker"),
            ("email", email),
            ("role", "anders"),
            ("role_other", "Buurtwerker"),
            ("privacy_consent", "ja"),
        ],
    )
    .await
}

/// The meetings an address is registered for (their UIDs).
async fn registered(app: &TestApp, email: &str) -> Vec<String> {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT meeting_uid FROM registration WHERE email_key = $1 AND state <> 'cancelled' \
         ORDER BY meeting_uid"
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn a_non_member_registers_for_a_public_meeting_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let june = add_meeting(&app, ATELIER, "open-juni", Duration::days(10), false).await;
    let july = add_meeting(&app, ATELIER, "open-juli", Duration::days(40), false).await;
    let members = add_meeting(&app, ATELIER, "leden-juni", Duration::days(20), true).await;

    // The page offers the form; the form offers the public meetings only.
    let (status, html) = app.get_text(&format!("/activiteiten/{ATELIER}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Aanmelden voor een openbare bijeenkomst"));
    let visitor = browser();
    let form = format!("/activiteiten/{ATELIER}/aanmelden");
    let (status, html) = get(&app, &visitor, &form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"<option value="{june}""#)));
    assert!(html.contains(&format!(r#"<option value="{july}""#)));
    assert!(!html.contains(&format!(r#"<option value="{members}""#)));
    let (_, html) = get(&app, &visitor, &format!("{form}?meeting={july}")).await;
    assert!(
        html.contains(&format!(r#"<option value="{july}" selected"#)),
        "chosen from a link"
    );

    // A forged choice of the members' meeting, or none: refused at the field, the
    // form kept, nothing stored.
    for (choice, message) in [
        (members.to_string(), "alleen voor leden van het atelier"),
        (String::new(), "Kies een van de openbare bijeenkomsten"),
        (
            "999999".to_owned(),
            "Kies een van de openbare bijeenkomsten",
        ),
    ] {
        let response = register(&app, &visitor, "fatima@example.org", &choice).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{choice:?}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{choice:?}");
        assert!(html.contains(r##"href="#meeting""##) && html.contains(r#"value="Fatima Bakker""#));
    }
    assert!(registered(&app, "fatima@example.org").await.is_empty());

    // A public meeting: registered, the confirmation and its calendar about it alone.
    let response = register(&app, &visitor, "fatima@example.org", &june.to_string()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(registered(&app, "fatima@example.org").await, ["open-juni"]);
    let confirmation = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM outbox o JOIN registration r ON r.id = o.registration_id \
             WHERE o.kind = 'confirmation' AND o.session_id = {june} \
             AND r.email_key = 'fatima@example.org'"
        ),
    )
    .await;
    assert_eq!(confirmation, 1);
    let mails = wait_for_mails(&app, 1, |m| m.to.contains("fatima@example.org")).await;
    let (_, calendar) = mails[0].calendar().expect("the meeting's calendar file");
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1, "{calendar}");
    assert!(calendar.contains("open-juni") && !calendar.contains("open-juli"));
    // Their manage page is about that meeting too.
    let starts = |session: i64| {
        let app = &app;
        async move {
            let at: chrono::DateTime<chrono::Utc> = on_pool!(&app.db, |pool| sqlx::query_scalar(
                "SELECT starts_at FROM session WHERE id = $1"
            )
            .bind(session)
            .fetch_one(pool)
            .await
            .unwrap());
            at.to_rfc3339()
        }
    };
    let token = mails[0].manage_token().expect("a manage link");
    let (status, html) = app.get_text(&format!("/aanmelding/{token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&starts(june).await) && !html.contains(&starts(july).await));
    // Once per meeting: the same meeting again is the manage link, another is new.
    let again = browser();
    register(&app, &again, "fatima@example.org", &june.to_string()).await;
    assert_eq!(registered(&app, "fatima@example.org").await, ["open-juni"]);
    let response = register(&app, &again, "fatima@example.org", &july.to_string()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        registered(&app, "fatima@example.org").await,
        ["open-juli", "open-juni"]
    );
    register(&app, &browser(), "bram@example.org", &july.to_string()).await;

    // A reminder for the meeting they chose, never for the members' meeting.
    app.db
        .queue_reminders(samenleren::time::now(), 45)
        .await
        .unwrap();
    let reminders = |session: i64| {
        format!(
            "SELECT COUNT(*) FROM outbox o JOIN registration r ON r.id = o.registration_id \
             WHERE o.kind = 'reminder' AND o.session_id = {session} AND r.activity_id = \
             (SELECT id FROM activity WHERE slug = '{ATELIER}')"
        )
    };
    assert_eq!(count(&app, &reminders(june)).await, 1, "Fatima in June");
    assert_eq!(
        count(&app, &reminders(july)).await,
        2,
        "Fatima and Bram in July"
    );
    assert_eq!(count(&app, &reminders(members)).await, 0);

    // At the door of the June meeting: Fatima, not Bram; and not at another meeting.
    let atelier = activity_public_id(&app, ATELIER).await;
    let joost = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    // A member who comes to public meetings only is on the list of a public one
    // (they answer as members do), not on the members' meeting's.
    app.person("publiek@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE atelier_member SET level = 'public_only' WHERE account_id = \
         (SELECT id FROM account WHERE email_key = 'publiek@example.org')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let list = format!("/beheer/activiteiten/{atelier}/inchecken");
    let (_, html) = get(&app, &joost, &format!("{list}?sessie={members}")).await;
    assert!(html.contains("Leden van het atelier") && !html.contains("publiek@example.org"));
    let page = format!("{list}?sessie={june}");
    let (status, html) = get(&app, &joost, &page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Fatima Bakker") && !html.contains("bram@example.org"));
    assert!(
        html.contains("publiek@example.org"),
        "a public-only member is invited"
    );
    let june_registration: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM registration WHERE email_key = 'fatima@example.org' \
         AND meeting_uid = 'open-juni'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let mark = |session: i64| {
        let (app, joost, list, page, registration) =
            (&app, &joost, &list, &page, &june_registration);
        async move {
            post_form(
                app,
                joost,
                page,
                list,
                &[
                    ("registratie", registration.as_str()),
                    ("sessie", &session.to_string()),
                    ("actie", "aanwezig"),
                ],
            )
            .await
        }
    };
    assert_eq!(
        mark(july).await.status(),
        StatusCode::NOT_FOUND,
        "not their meeting"
    );
    let response = mark(june).await;
    assert!(location(&response).contains("bericht=aanwezig"));
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM attendance WHERE session_id = {june}")
        )
        .await,
        1
    );
}
