//! A signed-in browser against the test app: cookies, CSRF tokens, sign-in by the
//! emailed link, and roles made directly in the database.

use reqwest::StatusCode;
use samenleren::domain::registration::Email;
use samenleren::on_pool;
use samenleren::secret::Secret;

use super::TestApp;

/// A browser of its own: cookie jar, no redirects followed.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token of the (first) form on a page.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no csrf field in page:\n{html}"))
        + r#"name="csrf" value=""#.len();
    html[at..].split('"').next().unwrap().to_owned()
}

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("request");
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// Posts a form with the CSRF token of the page at `form_page`.
pub async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, html) = get(app, client, form_page).await;
    let csrf = csrf_of(&html);
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf", &csrf));
    client
        .post(app.url(action))
        .form(&form)
        .send()
        .await
        .expect("request")
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn secret(app: &TestApp) -> Secret {
    Secret::load(None, app.test_db.data_dir.path()).expect("the app's key file")
}

/// Asks for a sign-in link for `email` and uses the newest one, in `client`. The link
/// is derived from the stored public id with the app's key, as the mail worker does.
pub async fn sign_in(app: &TestApp, client: &reqwest::Client, email: &str) {
    let response = post_form(app, client, "/inloggen", "/inloggen", &[("email", email)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let path = newest_link_path(app, email).await;
    let response = post_form(app, client, &path, &path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "link sign-in");
}

/// The path of the newest sign-in link sent to `email`.
pub async fn newest_link_path(app: &TestApp, email: &str) -> String {
    let public_id: String = on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM sign_in_link WHERE email_key = $1 ORDER BY id DESC LIMIT 1"
    )
    .bind(email.to_lowercase())
    .fetch_one(pool)
    .await
    .unwrap());
    format!("/inloggen/link/{}", secret(app).sign_in_token(&public_id))
}

pub async fn make_admin(app: &TestApp, email: &str) {
    app.db
        .create_admin(&Email::parse(email).unwrap(), samenleren::time::now())
        .await
        .unwrap();
}

/// The account of `email`, made when missing.
pub async fn ensure_account(app: &TestApp, email: &str) {
    on_pool!(&app.db, |pool| {
        let now = samenleren::time::now();
        sqlx::query(
            "INSERT INTO account (public_id, email, email_key, created_at, updated_at) \
             VALUES ($1, $2, $2, $3, $3) ON CONFLICT (email_key) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(email)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    });
}

/// Makes `email` (an account made when missing) the kartrekker of the activity with
/// public id `activity`.
pub async fn make_kartrekker(app: &TestApp, email: &str, activity: &str) {
    ensure_account(app, email).await;
    on_pool!(&app.db, |pool| {
        let now = samenleren::time::now();
        sqlx::query(
            "INSERT INTO activity_facilitator_account (activity_id, account_id, created_at) \
             SELECT x.id, a.id, $3 FROM activity x, account a WHERE x.public_id = $1 AND a.email_key = $2",
        )
        .bind(activity)
        .bind(email)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    });
}

/// Makes `email` (an account made when missing) an active member of the atelier
/// with slug `atelier`, at level `meetings` and listed.
pub async fn make_member(app: &TestApp, email: &str, atelier: &str) {
    ensure_account(app, email).await;
    on_pool!(&app.db, |pool| {
        let now = samenleren::time::now();
        sqlx::query(
            "INSERT INTO atelier_member (public_id, activity_id, account_id, level, state, brings, \
             listed, joined_at, created_at, updated_at) \
             SELECT $4, x.id, a.id, 'meetings', 'active', 'Ervaring uit de wijk', TRUE, $3, $3, $3 \
             FROM activity x, account a WHERE x.slug = $1 AND x.kind = 'atelier' AND a.email_key = $2",
        )
        .bind(atelier)
        .bind(email)
        .bind(now)
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .execute(pool)
        .await
        .unwrap();
    });
}

/// A two-hour meeting of the atelier with slug `atelier`, with calendar UID `uid`,
/// starting `from_now` from now, made directly in the database; its session id.
pub async fn add_meeting(
    app: &TestApp,
    atelier: &str,
    uid: &str,
    from_now: chrono::Duration,
    members_only: bool,
) -> i64 {
    on_pool!(&app.db, |pool| {
        let start = samenleren::time::now() + from_now;
        sqlx::query_scalar(
            "INSERT INTO session (activity_id, starts_at, ends_at, created_at, uid, members_only) \
             SELECT id, $2, $3, $2, $4, $5 FROM activity WHERE slug = $1 RETURNING id",
        )
        .bind(atelier)
        .bind(start)
        .bind(start + chrono::Duration::hours(2))
        .bind(uid)
        .bind(members_only)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// The public id (as in back-office addresses) of the activity with this slug.
pub async fn activity_public_id(app: &TestApp, slug: &str) -> String {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Makes `email` an organiser of the organisation `slug` directly in the database.
pub async fn make_organiser(app: &TestApp, email: &str, slug: &str) {
    ensure_account(app, email).await;
    on_pool!(&app.db, |pool| {
        let now = samenleren::time::now();
        sqlx::query(
            "INSERT INTO organisation_member (organisation_id, account_id, created_at) \
             SELECT o.id, a.id, $3 FROM organisation o, account a WHERE o.slug = $1 AND a.email_key = $2",
        )
        .bind(slug)
        .bind(email)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    });
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
        sql.to_owned()
    ))
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Demo activities the route tables reach for.
pub struct DemoTargets {
    /// A published activity of Movisie alone, with registrations.
    pub mine: String,
    /// "Blik op samenlevingsopbouw", hosted by Movisie and De Schoor.
    pub shared: String,
    /// The first session of `mine`.
    pub session: i64,
}

pub async fn demo_targets(app: &TestApp) -> DemoTargets {
    on_pool!(&app.db, |pool| {
        let mine: String = sqlx::query_scalar(
            "SELECT a.public_id FROM activity a JOIN activity_organisation x \
             ON x.activity_id = a.id JOIN organisation o ON o.id = x.organisation_id \
             WHERE o.slug = 'movisie' AND a.status = 'published' \
             AND (SELECT COUNT(*) FROM activity_organisation y WHERE y.activity_id = a.id) = 1 \
             AND a.confirmed_count > 0 ORDER BY a.id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let shared: String = sqlx::query_scalar(
            "SELECT public_id FROM activity WHERE slug = 'blik-op-samenlevingsopbouw'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let session: i64 = sqlx::query_scalar(
            "SELECT s.id FROM session s JOIN activity a ON a.id = s.activity_id \
             WHERE a.public_id = $1 ORDER BY s.id LIMIT 1",
        )
        .bind(&mine)
        .fetch_one(pool)
        .await
        .unwrap();
        DemoTargets {
            mine,
            shared,
            session,
        }
    })
}

pub const TOKENS: &str = "/beheer/api-sleutels";

/// Makes a token named `name` on the back-office page and reads it from the page.
pub async fn make_token(app: &TestApp, client: &reqwest::Client, name: &str) -> String {
    make_token_on(app, client, TOKENS, name).await
}

/// Makes a token named `name` on the tokens page at `page` (the back office's or the
/// account's) and reads it from the page.
pub async fn make_token_on(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    name: &str,
) -> String {
    let response = post_form(app, client, page, page, &[("name", name)]).await;
    assert_eq!(response.status(), StatusCode::CREATED, "token made");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    let at = html.find(r#"id="token""#).expect("the token is shown");
    let token = html[at..]
        .split('>')
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert!(token.starts_with("sl_") && token.len() == 46, "{token}");
    token
}

/// Someone signed in for a test, in a browser of their own.
pub struct Person {
    pub email: String,
    pub client: reqwest::Client,
    /// Their personal API token, when asked for with [`PersonBuilder::with_token`].
    pub token: Option<String>,
}

/// Who a test person is before they sign in: `app.person(email)`, then their roles,
/// then [`PersonBuilder::sign_in`].
pub struct PersonBuilder<'a> {
    app: &'a TestApp,
    email: String,
    admin: bool,
    organiser_of: Vec<String>,
    kartrekker_of: Vec<String>,
    member_of: Vec<String>,
    token: bool,
}

impl TestApp {
    pub fn person(&self, email: &str) -> PersonBuilder<'_> {
        PersonBuilder {
            app: self,
            email: email.to_owned(),
            admin: false,
            organiser_of: Vec::new(),
            kartrekker_of: Vec::new(),
            member_of: Vec::new(),
            token: false,
        }
    }
}

impl PersonBuilder<'_> {
    /// A platform admin.
    pub fn admin(mut self) -> Self {
        self.admin = true;
        self
    }

    /// An organiser of the organisation with this slug.
    pub fn organiser_of(mut self, slug: &str) -> Self {
        self.organiser_of.push(slug.to_owned());
        self
    }

    /// The kartrekker of the activity with this public id.
    pub fn kartrekker_of(mut self, activity: &str) -> Self {
        self.kartrekker_of.push(activity.to_owned());
        self
    }

    /// An active member (level `meetings`, listed) of the atelier with this slug.
    pub fn member_of(mut self, atelier: &str) -> Self {
        self.member_of.push(atelier.to_owned());
        self
    }

    /// With a personal API token, made on the back-office page.
    pub fn with_token(mut self) -> Self {
        self.token = true;
        self
    }

    /// Grants the roles, signs in by the emailed link and makes the token.
    pub async fn sign_in(self) -> Person {
        let app = self.app;
        if self.admin {
            make_admin(app, &self.email).await;
        }
        for slug in &self.organiser_of {
            make_organiser(app, &self.email, slug).await;
        }
        for activity in &self.kartrekker_of {
            make_kartrekker(app, &self.email, activity).await;
        }
        for atelier in &self.member_of {
            make_member(app, &self.email, atelier).await;
        }
        let client = browser();
        sign_in(app, &client, &self.email).await;
        let token = if self.token {
            Some(make_token(app, &client, "koppeling").await)
        } else {
            None
        };
        Person {
            email: self.email,
            client,
            token,
        }
    }
}
