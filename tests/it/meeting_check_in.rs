//! Atelier meetings at the door, on SQLite and PostgreSQL: the check-in page of an
//! atelier's meeting lists the invited members (ja and misschien first) beside the
//! registrations; one button marks a member present, which is the same attendance
//! and "attended" ledger line as the agenda page writes (the member sees it in their
//! give and take), and undoing takes both away; a meeting of another atelier is 404.

use chrono::Duration;
use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::web::{activity_public_id, add_meeting, count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const OTHER: &str = "leeratelier-samenlevingsopbouw";

both_databases!(a_member_is_checked_in_at_a_meeting_and_it_counts_as_attended);

async fn answer(app: &TestApp, email: &str, session: i64, answer: &str) {
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO meeting_rsvp (session_id, account_id, answer, invited_at, answered_at) \
         SELECT $1, id, $2, $3, $3 FROM account WHERE email_key = $4"
    )
    .bind(session)
    .bind(answer)
    .bind(samenleren::time::now())
    .bind(email)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn membership(app: &TestApp, email: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT m.public_id FROM atelier_member m JOIN account a ON a.id = m.account_id \
         JOIN activity x ON x.id = m.activity_id WHERE a.email_key = $1 AND x.slug = $2"
    )
    .bind(email)
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn a_member_is_checked_in_at_a_meeting_and_it_counts_as_attended(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let atelier = activity_public_id(&app, ATELIER).await;
    let other_atelier = activity_public_id(&app, OTHER).await;
    let joost = app
        .person("joost@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await
        .client;
    let comes = app
        .person("komt@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await
        .client;
    app.person("nee@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    // Under way: began half an hour ago.
    let now = add_meeting(&app, ATELIER, "deur-nu", -Duration::minutes(30), true).await;
    let later = add_meeting(&app, ATELIER, "deur-later", Duration::days(20), true).await;
    let elsewhere = add_meeting(&app, OTHER, "deur-elders", -Duration::minutes(30), true).await;
    answer(&app, "nee@example.org", now, "no").await;
    answer(&app, "komt@example.org", now, "yes").await;

    // The list: invited members, those who said yes first, and the registrations.
    let list = format!("/beheer/activiteiten/{atelier}/inchecken");
    let (status, html) = get(&app, &joost, &format!("{list}?sessie={now}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Leden van het atelier") && html.contains("Aanmeldingen van niet-leden"));
    let yes = html.find("komt@example.org").expect("listed");
    let no = html.find("nee@example.org").expect("listed");
    assert!(yes < no, "ja first");
    assert!(html.contains("Antwoord: Ja"));
    let member = membership(&app, "komt@example.org").await;
    assert!(html.contains(&format!(r#"name="lid" value="{member}""#)));

    // Checked in with one button: present, and "attended" in their give and take.
    let mark = |session: i64, action: &'static str| {
        let (app, joost, list, member, under_way) = (&app, &joost, &list, &member, now);
        async move {
            let session = session.to_string();
            post_form(
                app,
                joost,
                // (The page under way has the forms to take the CSRF token from.)
                &format!("{list}?sessie={under_way}"),
                list,
                &[
                    ("lid", member.as_str()),
                    ("sessie", session.as_str()),
                    ("actie", action),
                ],
            )
            .await
        }
    };
    let response = mark(now, "aanwezig").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location(&response);
    assert!(back.contains("bericht=aanwezig"), "{back}");
    let (_, html) = get(&app, &joost, &back).await;
    assert!(html.contains("is aanwezig gemeld") && html.contains("Aanwezig sinds"));
    let attended = format!(
        "SELECT COUNT(*) FROM ledger_entry WHERE kind = 'attended' AND source = 'session:{now}' \
         AND account_id = (SELECT id FROM account WHERE email_key = 'komt@example.org')"
    );
    assert_eq!(count(&app, &attended).await, 1);
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM meeting_attendance WHERE session_id = {now}")
        )
        .await,
        1
    );
    let balance = format!("/ateliers/{ATELIER}/halen-en-brengen");
    let (status, html) = get(&app, &comes, &balance).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("bijeenkomst bijgewoond"), "{html}");
    // Twice is once; and the agenda page shows them ticked (one record, two pages).
    assert!(
        mark(now, "aanwezig").await.headers()["location"]
            .to_str()
            .unwrap()
            .contains("bericht=al-gedaan")
    );
    assert_eq!(count(&app, &attended).await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'member_attendance_marked'"
        )
        .await,
        1
    );

    // Undone: both gone.
    let response = mark(now, "ongedaan").await;
    assert!(location(&response).contains("bericht=ongedaan"));
    assert_eq!(count(&app, &attended).await, 0);
    let (_, html) = get(&app, &comes, &balance).await;
    assert!(!html.contains("bijeenkomst bijgewoond"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'member_attendance_undone'"
        )
        .await,
        1
    );

    // A meeting weeks ahead: no buttons yet, and a forged one changes nothing.
    let present_at_ours =
        format!("SELECT COUNT(*) FROM meeting_attendance WHERE session_id IN ({now}, {later})");
    let (_, html) = get(&app, &joost, &format!("{list}?sessie={later}")).await;
    assert!(html.contains("vanaf een uur voor het begin"));
    assert!(!html.contains(r#"name="lid""#));
    let response = mark(later, "aanwezig").await;
    assert!(location(&response).contains("bericht=te-vroeg"));
    assert_eq!(count(&app, &present_at_ours).await, 0);

    // A meeting of another atelier, through this atelier's page or its own: 404.
    assert_eq!(
        get(&app, &joost, &format!("{list}?sessie={elsewhere}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        mark(elsewhere, "aanwezig").await.status(),
        StatusCode::NOT_FOUND
    );
    let theirs = format!("/beheer/activiteiten/{other_atelier}/inchecken");
    assert_eq!(get(&app, &joost, &theirs).await.0, StatusCode::NOT_FOUND);
    // Someone who is no member of this atelier.
    let response = post_form(
        &app,
        &joost,
        &format!("{list}?sessie={now}"),
        &list,
        &[
            ("lid", "0123456789abcdef0123456789abcdef"),
            ("sessie", &now.to_string()),
            ("actie", "aanwezig"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, &present_at_ours).await, 0);
}
