//! The account page: the profile, a password, the person's registrations, the data
//! download and deleting the account.

use super::*;

/// One of the person's registrations as the account page lists it.
pub struct RegistrationItem {
    pub title: String,
    pub href: String,
    pub when: String,
    pub state: String,
    pub manage_href: String,
}

#[derive(Template)]
#[template(path = "site/account.html")]
pub(super) struct AccountPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) account: SessionAccount,
    pub(super) notice: Option<String>,
    pub(super) error_links: Vec<ErrorLink>,
    pub(super) profile_fields: Vec<FieldView>,
    pub(super) password_fields: Vec<FieldView>,
    pub(super) registrations: Vec<RegistrationItem>,
    /// The ateliers they are in or asked to join: (title, href, standing).
    pub(super) ateliers: Vec<(String, String, String)>,
    pub(super) staff: bool,
    pub(super) csrf: String,
}

pub(super) fn state_text(lang: Lang, r: &MyRegistration) -> String {
    match RegistrationState::parse(&r.state) {
        Some(RegistrationState::Waitlisted) => lang.t1(
            "account-state-waitlisted",
            "position",
            i64::from(r.waitlist_position.unwrap_or(0)),
        ),
        Some(state) => lang.t(&format!("account-state-{}", state.as_str())),
        None => r.state.clone(),
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct AccountForm {
    pub(super) name: String,
    pub(super) lang: String,
    pub(super) password: String,
    pub(super) password_repeat: String,
    pub(super) remove: String,
    pub(super) csrf: String,
}

/// What the account page shows besides the stored facts: a notice after a change,
/// or why a form came back, with the name as typed.
#[derive(Default)]
pub(super) struct AccountRender {
    pub(super) notice: Option<String>,
    pub(super) refusal: Option<Refusal>,
    pub(super) name: Option<String>,
}

impl AccountRender {
    pub(super) fn refused(refusal: Refusal) -> Self {
        Self {
            refusal: Some(refusal),
            ..Self::default()
        }
    }
}

pub(super) async fn render_account(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    render: AccountRender,
) -> Result<Response, PageError> {
    let account = &signed.account;
    let refusal = render.refusal.as_ref();
    let error_of = |field: &str| refusal.and_then(|r| r.error(field));
    let mut name = FieldView::new(
        "name",
        lang.t("account-name"),
        "text",
        render.name.as_deref().unwrap_or(&account.name),
    )
    .autocomplete("name");
    name.error = error_of("name");
    let language =
        FieldView::new("lang", lang.t("account-lang"), "select", &account.lang).options(vec![
            ("nl".into(), "Nederlands".into()),
            ("en".into(), "English".into()),
        ]);
    let mut password = FieldView::new("password", lang.t("account-password"), "password", "")
        .required()
        .autocomplete("new-password")
        .described(lang.t("account-password-help"));
    password.error = error_of("password");
    let mut repeat = FieldView::new(
        "password_repeat",
        lang.t("account-password-repeat"),
        "password",
        "",
    )
    .required()
    .autocomplete("new-password");
    repeat.error = error_of("password_repeat");
    let registrations = state
        .db
        .my_registrations(account.id)
        .await?
        .into_iter()
        .map(|r| RegistrationItem {
            title: r.activity_title.clone(),
            href: format!("/activiteiten/{}", r.activity_slug),
            when: r
                .first_start
                .map(|t| format!("{}, {}", lang.date_long(t), lang.time(t)))
                .unwrap_or_default(),
            state: state_text(lang, &r),
            manage_href: format!("/aanmelding/{}", state.secret.manage_token(&r.public_id)),
        })
        .collect();
    let ateliers = state
        .db
        .my_ateliers(account.id)
        .await?
        .into_iter()
        .map(|(slug, title, standing)| {
            let href = match standing.as_str() {
                "active" => format!("/ateliers/{slug}"),
                _ => format!("/ateliers/{slug}/lidmaatschap"),
            };
            (title, href, lang.t(&format!("account-atelier-{standing}")))
        })
        .collect();
    let page = AccountPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("account-title"), "/account", "account"),
        account: account.clone(),
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        profile_fields: vec![name, language],
        password_fields: vec![password, repeat],
        registrations,
        ateliers,
        staff: account.roles.is_staff(),
        csrf: signed.csrf(state),
    };
    Ok(private(Refusal::answer(refusal, Html(page.render()?))))
}

pub(super) async fn show_account(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = notice(&uri, lang, ACCOUNT_NOTICES);
    render_account(
        &state,
        lang,
        &signed,
        AccountRender {
            notice,
            ..AccountRender::default()
        },
    )
    .await
}

pub(super) async fn update_profile(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: AccountForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        let render = AccountRender {
            name: Some(form.name),
            ..AccountRender::refused(Refusal::Expired)
        };
        return render_account(&state, lang, &signed, render).await;
    }
    let name = match line(&form.name, MAX_LINE) {
        Ok(name) => name,
        Err(key) => {
            let render = AccountRender {
                name: Some(form.name.clone()),
                ..AccountRender::refused(Refusal::field("name", lang.t(key)))
            };
            return render_account(&state, lang, &signed, render).await;
        }
    };
    let chosen = Lang::parse(&form.lang).unwrap_or(lang);
    state
        .db
        .update_profile(signed.account.id, &name, chosen, crate::time::now())
        .await?;
    Ok(Redirect::to("/account?bericht=opgeslagen").into_response())
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: AccountForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return render_account(
            &state,
            lang,
            &signed,
            AccountRender::refused(Refusal::Expired),
        )
        .await;
    }
    let now = crate::time::now();
    if !form.remove.is_empty() {
        state
            .db
            .set_password(signed.account.id, None, &signed.token_hash, now)
            .await?;
        return Ok(Redirect::to("/account?bericht=geen-wachtwoord").into_response());
    }
    let password = match Password::parse(&form.password, &form.password_repeat) {
        Ok(password) => password,
        Err(problem) => {
            let field = if problem == crate::domain::account::PasswordProblem::Mismatch {
                "password_repeat"
            } else {
                "password"
            };
            let render = AccountRender::refused(Refusal::field(field, lang.t(problem.message())));
            return render_account(&state, lang, &signed, render).await;
        }
    };
    let hash =
        tokio::task::spawn_blocking(move || password.hash(crate::secret::random_bytes::<16>()))
            .await
            .map_err(|e| PageError::Internal(e.into()))?;
    state
        .db
        .set_password(signed.account.id, Some(&hash), &signed.token_hash, now)
        .await?;
    Ok(Redirect::to("/account?bericht=wachtwoord").into_response())
}

pub(super) async fn download_data(
    State(state): State<AppState>,
    signed: Signed,
) -> Result<Response, PageError> {
    let data = state
        .db
        .account_data(signed.account.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let json = serde_json::to_vec_pretty(&data).map_err(|e| PageError::Internal(e.into()))?;
    let response = (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"samenleren-mijn-gegevens.json\"",
            ),
        ],
        json,
    )
        .into_response();
    Ok(private(response))
}

pub(super) async fn confirm_delete(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let page = ConfirmPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("delete-title"),
            "/account/verwijderen",
            "",
        ),
        heading: lang.t("delete-title"),
        paragraphs: vec![lang.t("delete-text"), lang.t("delete-registrations")],
        action: "/account/verwijderen".into(),
        button: lang.t("delete-button"),
        csrf: signed.csrf(&state),
        back: Some((lang.t("delete-back"), "/account".into())),
    };
    Ok(private(Html(page.render()?).into_response()))
}

pub(super) async fn delete_account(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return Err(PageError::Forbidden);
    }
    state.db.delete_account(signed.account.id).await?;
    tracing::info!(account = %signed.account.public_id, "account deleted by its owner");
    let mut response = Redirect::to("/inloggen?bericht=verwijderd").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(private(response))
}
