//! The atelier's online space over HTTP, on SQLite and PostgreSQL: starting a
//! thread (bad input answered at its field, nothing stored), replies reaching
//! followers by their mail choice (each post now, the daily digest later, none
//! never), an "alleen online" member taking part, helpful marks as ledger lines,
//! taking posts away, a former member's posts shown as "oud-lid" and their old
//! links closed, and paging by keyset through many threads and posts.

use chrono::Duration;
use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::mail::{read_mails, wait_for_mails};
use crate::common::web::{count, get, location, post_form};
use crate::common::{Backend, TestApp, spawn_app};

const ATELIER: &str = "veerkracht-en-onmacht-in-gemeenschappen";
const TITLE: &str = "Veerkracht en onmacht in gemeenschappen";

both_databases!(
    a_thread_reaches_members_by_their_choice_and_former_members_show_as_oud_lid,
    threads_and_posts_are_paged_without_gaps_or_repeats,
);

async fn set(app: &TestApp, sql: &str, email: &str) {
    on_pool!(&app.db, |pool| sqlx::query(sqlx::AssertSqlSafe(
        sql.to_owned()
    ))
    .bind(email)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// Sets a member's level, mail choice and name.
async fn member_as(app: &TestApp, email: &str, level: &str, mail: &str, name: &str) {
    let sql = format!(
        "UPDATE atelier_member SET level = '{level}', space_mail = '{mail}' \
         WHERE account_id = (SELECT id FROM account WHERE email_key = $1)"
    );
    set(app, &sql, email).await;
    let sql = format!("UPDATE account SET name = '{name}' WHERE email_key = $1");
    set(app, &sql, email).await;
}

fn mails_to(app: &TestApp, to: &str, subject_has: &str) -> usize {
    read_mails(app)
        .iter()
        .filter(|m| m.to.contains(to) && m.subject.contains(subject_has))
        .count()
}

async fn a_thread_reaches_members_by_their_choice_and_former_members_show_as_oud_lid(
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
    let starter = app
        .person("starter@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    let online = app
        .person("online@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    let each = app
        .person("each@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    app.person("daily@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    app.person("quiet@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    let outsider = app.person("buiten@example.org").sign_in().await;
    let kartrekker = app
        .person("trekker@example.org")
        .kartrekker_of(&atelier)
        .sign_in()
        .await;
    member_as(
        &app,
        "starter@example.org",
        "meetings",
        "each",
        "Sanne Starter",
    )
    .await;
    member_as(
        &app,
        "online@example.org",
        "online_only",
        "each",
        "Olaf Online",
    )
    .await;
    member_as(&app, "each@example.org", "meetings", "each", "Eva Elk").await;
    member_as(
        &app,
        "daily@example.org",
        "public_only",
        "daily",
        "Daan Dag",
    )
    .await;
    member_as(
        &app,
        "quiet@example.org",
        "meetings",
        "none",
        "Quinten Stil",
    )
    .await;

    let space = format!("/ateliers/{ATELIER}/gesprekken");
    let new = format!("{space}/nieuw");
    for client in [&outsider.client] {
        for path in [&space, &new] {
            assert_eq!(
                get(&app, client, path).await.0,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
    let (status, html) = get(&app, &online.client, &space).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Gesprekken") && html.contains("Wanneer wil je een mail?"));

    // Bad input: every field answered at its place, the text kept, nothing stored.
    let threads = "SELECT COUNT(*) FROM space_thread WHERE account_id = \
                   (SELECT id FROM account WHERE email_key = 'starter@example.org')";
    let long = "x".repeat(10_000);
    let response = post_form(
        &app,
        &starter.client,
        &new,
        &new,
        &[
            ("title", &long),
            ("body", "Mijn tekst blijft staan"),
            ("about", "case:nope"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r##"href="#title""##) && html.contains(r##"href="#about""##));
    assert!(html.contains("Mijn tekst blijft staan"), "the text is kept");
    let response = post_form(
        &app,
        &starter.client,
        &new,
        &new,
        &[("title", "Titel\u{7}"), ("body", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Schrijf een bericht."), "{html}");
    assert_eq!(count(&app, threads).await, 0);

    // A thread: members who want each post hear of it now, not its writer, not
    // those on the digest or without mail.
    let response = post_form(
        &app,
        &starter.client,
        &new,
        &new,
        &[
            ("title", "Wie kent <script>alert(1)</script> een buurtapp?"),
            (
                "body",
                "Ik zoek **tips** voor een app.\n\nZie https://example.org/app.",
            ),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let thread = location(&response);
    assert!(thread.starts_with(&format!("{space}/")), "{thread}");
    let subject = format!("{TITLE}: Wie kent");
    wait_for_mails(&app, 1, |m| {
        m.to.contains("each@") && m.subject.contains(&subject)
    })
    .await;
    wait_for_mails(&app, 1, |m| {
        m.to.contains("online@") && m.subject.contains(&subject)
    })
    .await;
    let (status, html) = get(&app, &each.client, &thread).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            && !html.contains("<script>alert")
    );
    assert!(html.contains("<strong>tips</strong>"));
    assert!(html.contains(r#"href="https://example.org/app" rel="nofollow ugc noopener""#));
    assert!(html.contains("Begonnen door Sanne Starter"));

    // The "alleen online" member replies: the starter (who follows) hears of it; Eva
    // does not follow, so she hears only of the thread.
    let response = post_form(
        &app,
        &online.client,
        &thread,
        &thread,
        &[("body", "Wij gebruiken een buurtapp van de gemeente.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mails = wait_for_mails(&app, 1, |m| {
        m.to.contains("starter@") && m.subject.contains(&subject)
    })
    .await;
    assert!(
        mails[0].text.contains("Olaf Online reageerde"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].text.contains("buurtapp van de gemeente"));
    // An empty reply is refused at its field; nothing stored.
    let posts = "SELECT COUNT(*) FROM space_post";
    let before = count(&app, posts).await;
    let response = post_form(&app, &online.client, &thread, &thread, &[("body", "  ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, posts).await, before);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(mails_to(&app, "each@", &subject), 1, "Eva does not follow");
    assert_eq!(mails_to(&app, "quiet@", &subject), 0);
    assert_eq!(mails_to(&app, "daily@", &subject), 0);
    assert_eq!(
        mails_to(&app, "online@", &subject),
        1,
        "not of one's own reply"
    );

    // The digest, the next morning: Daan gets one with the new thread; made again,
    // nothing more.
    let tomorrow = samenleren::time::now() + Duration::days(1);
    let morning = samenleren::domain::input::amsterdam(
        tomorrow
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive()
            .and_hms_opt(7, 30, 0)
            .unwrap(),
    )
    .unwrap();
    assert!(app.db.queue_digests(morning).await.unwrap() >= 1);
    let digest = format!("Nieuw in {TITLE}");
    // Queued for tomorrow morning: the worker would wait until then.
    on_pool!(&app.db, |pool| sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1 WHERE kind = 'space_digest'"
    )
    .bind(samenleren::time::now())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let mails = wait_for_mails(&app, 1, |m| {
        m.to.contains("daily@") && m.subject.contains(&digest)
    })
    .await;
    assert!(mails[0].text.contains("Wie kent"), "{}", mails[0].text);
    assert!(
        mails[0].text.contains("nieuw gesprek, 2 berichten"),
        "{}",
        mails[0].text
    );
    assert_eq!(app.db.queue_digests(morning).await.unwrap(), 0);

    // Helpful: Eva marks Olaf's reply; it is a ledger line for Olaf. His own: 409.
    let reply_id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT p.id FROM space_post p JOIN account a ON a.id = p.account_id \
         WHERE a.email_key = 'online@example.org'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let helpful = format!("{thread}/berichten/{reply_id}/nuttig");
    let response = post_form(&app, &each.client, &thread, &helpful, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(&app, &online.client, &thread, &helpful, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let ledger = "SELECT COUNT(*) FROM ledger_entry WHERE kind = 'helpful_post' AND account_id = \
                  (SELECT id FROM account WHERE email_key = 'online@example.org')";
    assert_eq!(count(&app, ledger).await, 1);
    let (_, html) = get(
        &app,
        &online.client,
        &format!("/ateliers/{ATELIER}/halen-en-brengen"),
    )
    .await;
    assert!(
        html.contains("bericht dat anderen hielp"),
        "the balance shows it"
    );

    // Taking away: Eva may not take Olaf's reply (404); the kartrekker may, and the
    // ledger line goes along.
    let remove = format!("{thread}/berichten/{reply_id}/weghalen");
    assert_eq!(
        get(&app, &each.client, &remove).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, html) = get(&app, &kartrekker.client, &remove).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Bericht weghalen?") && html.contains("Olaf Online"),
        "{html}"
    );
    let response = post_form(&app, &each.client, &thread, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = post_form(&app, &kartrekker.client, &thread, &remove, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, ledger).await, 0);
    let (_, html) = get(&app, &each.client, &thread).await;
    assert!(
        html.contains("Dit bericht is weggehaald.") && !html.contains("buurtapp van de gemeente")
    );

    // A member who leaves: their thread stays, as an oud-lid's; their old links are
    // closed. One who asks takes their posts along.
    let leave = format!("/ateliers/{ATELIER}/opzeggen");
    let response = post_form(&app, &starter.client, &leave, &leave, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &each.client, &thread).await;
    assert!(html.contains("Begonnen door oud-lid"), "{html}");
    assert!(html.contains("Ik zoek <strong>tips</strong>"));
    assert_eq!(
        get(&app, &starter.client, &thread).await.0,
        StatusCode::NOT_FOUND
    );
    let response = starter
        .client
        .post(app.url(&thread))
        .form(&[("body", "Nog iets"), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = post_form(
        &app,
        &each.client,
        &thread,
        &thread,
        &[("body", "Tot ziens!")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_form(&app, &each.client, &leave, &leave, &[("remove_posts", "1")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &online.client, &thread).await;
    assert!(!html.contains("Tot ziens!"));

    // The mail choice: an unknown one is answered at the field; "none" is kept.
    let mail = format!("{space}/mail");
    let response = post_form(&app, &online.client, &space, &mail, &[("mail", "weekly")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Kies wanneer je een mail wilt.")
    );
    let response = post_form(&app, &online.client, &space, &mail, &[("mail", "none")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let choice: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT space_mail FROM atelier_member WHERE account_id = \
         (SELECT id FROM account WHERE email_key = 'online@example.org')"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(choice, "none");
}

async fn threads_and_posts_are_paged_without_gaps_or_repeats(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let member = app
        .person("lezer@example.org")
        .member_of(ATELIER)
        .sign_in()
        .await;
    let (activity, account): (i64, i64) = on_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT x.id, a.id FROM activity x, account a \
         WHERE x.slug = $1 AND a.email_key = 'lezer@example.org'"
    )
    .bind(ATELIER)
    .fetch_one(pool)
    .await
    .unwrap());
    // 35 threads, two of them at the same moment (the cursor's id breaks the tie).
    let base = samenleren::time::now() - Duration::hours(100);
    let demo_threads = count(&app, "SELECT COUNT(*) FROM space_thread WHERE activity_id = (SELECT id FROM activity WHERE slug = 'veerkracht-en-onmacht-in-gemeenschappen')").await;
    for n in 0..35 {
        let at = base + Duration::minutes(if n == 20 { 19 } else { n });
        let thread = samenleren::domain::community::space::NewThread {
            title: format!("Gesprek {n:02}"),
            body: "Tekst".into(),
            about: None,
        };
        app.db
            .start_thread(activity, account, &thread, at)
            .await
            .unwrap();
    }
    let space = format!("/ateliers/{ATELIER}/gesprekken");
    let mut seen = Vec::new();
    let mut path = space.clone();
    loop {
        let (status, html) = get(&app, &member.client, &path).await;
        assert_eq!(status, StatusCode::OK);
        seen.extend(
            html.match_indices(">Gesprek ")
                .map(|(at, _)| html[at + 9..at + 11].to_owned()),
        );
        let Some(at) = html.find("?na=") else { break };
        let cursor: String = html[at..].chars().take_while(|c| *c != '"').collect();
        path = format!("{space}{cursor}");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 35, "every thread once: {seen:?}");
    assert_eq!(seen.len(), 35);
    assert_eq!(seen[0], "34", "newest first");
    assert!(demo_threads >= 1);

    // A thread of 150 posts: 50 a page, each reached from the one before.
    let thread = samenleren::domain::community::space::NewThread {
        title: "Lang gesprek".into(),
        body: "Bericht 000".into(),
        about: None,
    };
    let public_id = app
        .db
        .start_thread(activity, account, &thread, base)
        .await
        .unwrap();
    let thread_id: i64 = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM space_thread WHERE public_id = $1"
    )
    .bind(&public_id)
    .fetch_one(pool)
    .await
    .unwrap());
    for n in 1..150 {
        app.db
            .reply(
                activity,
                thread_id,
                account,
                &format!("Bericht {n:03}"),
                base + Duration::seconds(n),
            )
            .await
            .unwrap();
    }
    let page = format!("{space}/{public_id}");
    let mut path = page.clone();
    let mut read = Vec::new();
    loop {
        let (status, html) = get(&app, &member.client, &path).await;
        assert_eq!(status, StatusCode::OK);
        let posts: Vec<String> = html
            .match_indices("Bericht ")
            .map(|(at, _)| html[at + 8..at + 11].to_owned())
            .collect();
        assert_eq!(posts.len(), 50, "{path}");
        if path != page {
            assert!(html.contains("Naar het begin van het gesprek"));
        }
        read.extend(posts);
        let Some(at) = html.find("?vanaf=") else {
            break;
        };
        let next: String = html[at..].chars().take_while(|c| *c != '"').collect();
        path = format!("{page}{next}");
    }
    let expected: Vec<String> = (0..150).map(|n| format!("{n:03}")).collect();
    assert_eq!(read, expected, "every post once, in order");
    let kept =
        format!("SELECT CAST(post_count AS BIGINT) FROM space_thread WHERE id = {thread_id}");
    assert_eq!(count(&app, &kept).await, 150, "the thread keeps its count");
}
