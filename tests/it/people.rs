//! Public people merged by a platform admin, on SQLite and PostgreSQL: two pages of
//! one person (left from before names were matched) become one; everything that
//! named the second names the first; only an admin may; bad choices are answered at
//! the field with nothing changed.

use reqwest::StatusCode;
use samenleren::on_pool;

use crate::common::editor::published_cafe;
use crate::common::web::{count, get, post_form};
use crate::common::{Backend, TestApp, spawn_app};

both_databases!(an_admin_merges_two_pages_of_one_person);

const PATH: &str = "/beheer/mensen";

async fn profile_id(app: &TestApp, slug: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM profile WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn an_admin_merges_two_pages_of_one_person(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let organiser = app
        .person("organisator@example.org")
        .organiser_of("movisie")
        .sign_in()
        .await;
    let (_, slug) = published_cafe(&app, &organiser.client).await;
    // The café's speaker Anna de Vries (Movisie); a second page for her, as the
    // editor made before names were matched, named as the café's kartrekker.
    let keep = on_pool!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT p.slug FROM profile p JOIN program_item_speaker k ON k.profile_id = p.id \
         WHERE p.name = 'Anna de Vries'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let now = samenleren::time::now();
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO profile (slug, name, affiliation, email, phone, created_at, updated_at) \
         VALUES ('anna-de-vries-2', 'anna de vries', '', 'anna@movisie.example', '', $1, $1)"
    )
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (keep_id, gone_id) = (
        profile_id(&app, &keep).await,
        profile_id(&app, "anna-de-vries-2").await,
    );
    on_pool!(&app.db, |pool| sqlx::query(
        "INSERT INTO activity_facilitator (activity_id, profile_id, position) \
         SELECT id, $1, 0 FROM activity WHERE slug = $2"
    )
    .bind(gone_id)
    .bind(&slug)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());

    // Only a platform admin reaches the page.
    let (status, _) = get(&app, &organiser.client, PATH).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.person("beheer@example.org").admin().sign_in().await;
    let (status, page) = get(&app, &admin.client, PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Deze namen komen meer dan één keer voor"),
        "{page}"
    );

    // The same person twice, or nobody: refused at the field, nothing changed.
    let same = [("keep", keep_id.to_string()), ("gone", keep_id.to_string())];
    let same: Vec<(&str, &str)> = same.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(&app, &admin.client, PATH, PATH, &same).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kies twee verschillende personen."));
    assert!(
        page.contains(&format!(r#"<option value="{keep_id}" selected"#)),
        "kept"
    );
    let response = post_form(&app, &admin.client, PATH, PATH, &[("gone", "999999")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM profile WHERE slug = 'anna-de-vries-2'"
        )
        .await,
        1
    );

    // Merged: one page, named as speaker and kartrekker, with the email it lacked.
    let pair = [("keep", keep_id.to_string()), ("gone", gone_id.to_string())];
    let pair: Vec<(&str, &str)> = pair.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_form(&app, &admin.client, PATH, PATH, &pair).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &admin.client, &format!("{PATH}?bericht=samengevoegd")).await;
    assert!(page.contains("De twee personen zijn samengevoegd."));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM profile WHERE slug = 'anna-de-vries-2'"
        )
        .await,
        0
    );
    let facilitators = count(
        &app,
        &format!("SELECT COUNT(*) FROM activity_facilitator WHERE profile_id = {keep_id}"),
    )
    .await;
    assert_eq!(facilitators, 1, "the kartrekker is the page that stayed");
    let email: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT email FROM profile WHERE id = $1"
    )
    .bind(keep_id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(email, "anna@movisie.example");
    let (status, _) = app.get_text("/mensen/anna-de-vries-2").await;
    assert_eq!(status, 404);
    let (status, page) = app.get_text(&format!("/mensen/{keep}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Leercafé Buurtkracht"),
        "her activity on her page"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'profiles_merged'"
        )
        .await,
        1
    );
}
