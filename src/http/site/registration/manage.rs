//! The manage page behind the emailed link: see the registration, change the
//! details, cancel, accept an offered place.

use super::*;

#[derive(Template)]
#[template(path = "site/manage.html")]
pub(super) struct ManagePage<'a> {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) registration: &'a RegistrationView,
    pub(super) activity_href: String,
    /// The activity's sessions: date and time, and the session title and venue.
    pub(super) sessions: Vec<SessionLine>,
    pub(super) state_heading: String,
    pub(super) state_text: String,
    pub(super) notice: Option<String>,
    /// Details can be changed and the registration cancelled.
    pub(super) open: bool,
    pub(super) offer: bool,
    pub(super) error_links: Vec<ErrorLink>,
    pub(super) fields: Vec<FieldView>,
    pub(super) csrf: String,
    pub(super) token: String,
    /// The certificate of attendance: `Ok(())` to download, `Err(text)` when it was
    /// revoked; `None` when none was issued.
    pub(super) certificate: Option<Result<(), String>>,
}

/// A session as the manage page lists it.
pub(super) struct SessionLine {
    /// "dinsdag 8 december 2026".
    pub(super) date: String,
    /// "13.30–18.00 uur".
    pub(super) time: String,
    /// For `<time datetime>`.
    pub(super) starts_at: String,
    /// The session's own title, if any (organiser text, Dutch).
    pub(super) title: String,
    /// Venue and address, if the session has a venue.
    pub(super) place: String,
}

/// The sessions of the registration's activity, in order (for an atelier only the
/// public meeting it is for).
async fn session_lines(
    state: &AppState,
    lang: Lang,
    registration: &RegistrationView,
) -> Result<Vec<SessionLine>, sqlx::Error> {
    let sessions = state
        .db
        .calendar_sessions(crate::db::catalog::CalendarSelection::Activity(
            &registration.activity_slug,
        ))
        .await?;
    let meeting = registration.meeting_uid.as_str();
    Ok(sessions
        .into_iter()
        .filter(|s| meeting.is_empty() || s.uid == meeting)
        .map(|s| SessionLine {
            date: lang.date_long(s.starts_at),
            time: lang.time_range(s.starts_at, s.ends_at),
            starts_at: s.starts_at.to_rfc3339(),
            title: s.session_title,
            place: s.location.unwrap_or_default(),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "site/cancel.html")]
pub(super) struct CancelPage<'a> {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) registration: &'a RegistrationView,
    pub(super) csrf: String,
    pub(super) token: String,
}

/// The registration a token opens, or the 404 page that says what may be wrong with
/// the link (a person followed it from an email; "page not found" would not help).
pub(super) async fn by_token(
    state: &AppState,
    lang: Lang,
    token: &str,
) -> Result<Result<RegistrationView, Response>, PageError> {
    if let Some(registration) = find_by_token(state, token).await? {
        return Ok(Ok(registration));
    }
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("link-unknown-title"), "/", ""),
        heading: lang.t("link-unknown-title"),
        paragraphs: vec![lang.t("link-unknown-text")],
        link: Some((lang.t("link-unknown-back"), "/activiteiten".to_owned())),
    };
    Ok(Err(private(
        (StatusCode::NOT_FOUND, Html(page.render()?)).into_response(),
    )))
}

impl ManageRender<'_> {
    /// The page as stored, refusing a button that was pressed.
    pub(super) fn refused(refusal: Refusal) -> Self {
        Self {
            values: None,
            refusal: Some(refusal),
            notice: None,
        }
    }
}

pub(super) fn manage_csrf(state: &AppState, token: &str) -> String {
    state
        .secret
        .csrf_token(&format!("manage:{}", token_hash(token)))
}

pub(super) fn manage_csrf_ok(
    state: &AppState,
    token: &str,
    values: &FormValues,
    headers: &HeaderMap,
) -> bool {
    !cross_site(headers)
        && state
            .secret
            .csrf_matches(&format!("manage:{}", token_hash(token)), &values.csrf)
}

pub(super) fn state_texts(lang: Lang, r: &RegistrationView) -> (String, String) {
    let title = r.activity_title.as_str();
    match r.state {
        RegistrationState::Confirmed | RegistrationState::Attended => (
            lang.t("manage-confirmed"),
            lang.t1("manage-confirmed-text", "title", title),
        ),
        RegistrationState::Waitlisted => (
            lang.t("manage-waitlisted"),
            lang.t_args(
                "manage-waitlisted-text",
                &[
                    ("title", title.into()),
                    ("position", r.waitlist_position.unwrap_or(0).into()),
                ],
            ),
        ),
        RegistrationState::Offered => {
            let until = r
                .offer_expires_at
                .map(|u| format!("{} {}", lang.date_long(u), lang.time(u)))
                .unwrap_or_default();
            (
                lang.t("manage-offered"),
                lang.t_args(
                    "manage-offered-text",
                    &[("title", title.into()), ("until", until.into())],
                ),
            )
        }
        RegistrationState::Cancelled => (
            lang.t("manage-cancelled"),
            lang.t1("manage-cancelled-text", "title", title),
        ),
        RegistrationState::NoShow => (
            lang.t("manage-no-show"),
            lang.t1("manage-no-show-text", "title", title),
        ),
    }
}

/// What the manage page shows besides the stored registration: the change form as
/// sent, and why it came back, or a notice after a change.
pub(super) struct ManageRender<'a> {
    pub(super) values: Option<&'a FormValues>,
    pub(super) refusal: Option<Refusal>,
    pub(super) notice: Option<String>,
}

pub(super) async fn render_manage(
    state: &AppState,
    lang: Lang,
    path: &str,
    token: &str,
    registration: &RegistrationView,
    render: ManageRender<'_>,
) -> Result<Response, PageError> {
    let questions = state.db.questions(registration.activity_id).await?;
    let stored = FormValues {
        input: RegistrationInput {
            name: registration.name.clone(),
            email: registration.email.clone(),
            organisation: registration.organisation.clone(),
            role: registration.role.clone(),
            role_other: registration.role_other.clone(),
            region: registration.region.clone(),
            answers: registration.answers.clone(),
            privacy_consent: true,
        },
        ..FormValues::default()
    };
    let values = render.values.unwrap_or(&stored);
    let (state_heading, state_text) = state_texts(lang, registration);
    let refusal = render.refusal.as_ref();
    let page = ManagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("manage-title"), path, ""),
        registration,
        activity_href: format!("/activiteiten/{}", registration.activity_slug),
        sessions: session_lines(state, lang, registration).await?,
        state_heading,
        state_text,
        notice: refusal
            .and_then(|r| r.notice(lang))
            .or(render.notice.clone()),
        open: registration.state.is_open(),
        offer: registration.state == RegistrationState::Offered,
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: fields(state, lang, &questions, values, refusal, false).await?,
        csrf: manage_csrf(state, token),
        token: token.to_owned(),
        certificate: state
            .db
            .certificate_of_registration(registration.id)
            .await?
            .map(|c| match c.revoked_at {
                None => Ok(()),
                Some(at) => Err(lang.t1("certificate-revoked-note", "date", lang.date_long(at))),
            }),
    };
    Ok(private(Refusal::answer(refusal, Html(page.render()?))))
}

/// `?bericht=` after a change (post/redirect/get).
pub(super) fn notice_of(lang: Lang, uri: &OriginalUri) -> Option<String> {
    crate::http::kit::notices::notice(uri, lang, MANAGE_NOTICES)
}

pub(super) async fn show_manage(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let registration = match by_token(&state, lang, &token).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(page),
    };
    let path = format!("/aanmelding/{token}");
    render_manage(
        &state,
        lang,
        &path,
        &token,
        &registration,
        ManageRender {
            values: None,
            refusal: None,
            notice: notice_of(lang, &uri),
        },
    )
    .await
}

pub(super) async fn update_manage(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let registration = match by_token(&state, lang, &token).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(page),
    };
    let path = format!("/aanmelding/{token}");
    let values = FormValues::parse(&body);
    // Every refusal shows the change form again as it was typed.
    let manage = |refusal| ManageRender {
        values: Some(&values),
        refusal: Some(refusal),
        notice: None,
    };
    if !manage_csrf_ok(&state, &token, &values, &headers) {
        let render = manage(Refusal::Expired);
        return render_manage(&state, lang, &path, &token, &registration, render).await;
    }
    let questions = state.db.questions(registration.activity_id).await?;
    let roles = state.forms.roles(&state.db).await?;
    let mut errors = Vec::new();
    let Some(details) = validate_details(
        &values.input,
        &roles.slugs,
        &REGIONS,
        &questions,
        &mut errors,
    ) else {
        let render = manage(Refusal::invalid(lang, &errors));
        return render_manage(&state, lang, &path, &token, &registration, render).await;
    };
    if !state
        .db
        .update_details(registration.id, &details, crate::time::now())
        .await?
    {
        let render = manage(Refusal::NotNow(lang.t("manage-not-editable")));
        return render_manage(&state, lang, &path, &token, &registration, render).await;
    }
    Ok(private(
        Redirect::to(&format!("{path}?bericht=gewijzigd")).into_response(),
    ))
}

pub(super) async fn confirm_cancel(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let registration = match by_token(&state, lang, &token).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(page),
    };
    if !registration.state.is_open() {
        return Ok(private(
            Redirect::to(&format!("/aanmelding/{token}")).into_response(),
        ));
    }
    let page = CancelPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("cancel-title"),
            &format!("/aanmelding/{token}/afmelden"),
            "",
        ),
        registration: &registration,
        csrf: manage_csrf(&state, &token),
        token: token.clone(),
    };
    Ok(private(Html(page.render()?).into_response()))
}

/// The registration a button on the manage page (cancel, accept) was pressed for,
/// once the form's CSRF token checks out; otherwise the page to answer with.
pub(super) async fn manage_button(
    state: &AppState,
    lang: Lang,
    token: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Result<RegistrationView, Response>, PageError> {
    let registration = match by_token(state, lang, token).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(Err(page)),
    };
    if manage_csrf_ok(state, token, &FormValues::parse(body), headers) {
        return Ok(Ok(registration));
    }
    let render = ManageRender::refused(Refusal::Expired);
    let path = format!("/aanmelding/{token}");
    Ok(Err(render_manage(
        state,
        lang,
        &path,
        token,
        &registration,
        render,
    )
    .await?))
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let registration = match manage_button(&state, lang, &token, &headers, &body).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(page),
    };
    let path = format!("/aanmelding/{token}");
    match cancel_by_token(&state, &registration).await? {
        CancelOutcome::Cancelled => Ok(private(
            Redirect::to(&format!("{path}?bericht=afgemeld")).into_response(),
        )),
        // Cancelled already (a second click): show where it stands.
        CancelOutcome::AlreadyCancelled => Ok(private(Redirect::to(&path).into_response())),
        CancelOutcome::NotCancellable => {
            let render = ManageRender::refused(Refusal::NotNow(lang.t("manage-not-editable")));
            render_manage(&state, lang, &path, &token, &registration, render).await
        }
        CancelOutcome::NotFound => Err(PageError::NotFound),
    }
}

pub(super) async fn accept(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let registration = match manage_button(&state, lang, &token, &headers, &body).await? {
        Ok(registration) => registration,
        Err(page) => return Ok(page),
    };
    let path = format!("/aanmelding/{token}");
    let notice = match accept_by_token(&state, &registration).await? {
        AcceptOutcome::Confirmed => Some("bevestigd"),
        AcceptOutcome::Expired => Some("verlopen"),
        AcceptOutcome::NoOffer => None,
        AcceptOutcome::NotFound => return Err(PageError::NotFound),
    };
    let target = match notice {
        Some(notice) => format!("{path}?bericht={notice}"),
        None => path,
    };
    Ok(private(Redirect::to(&target).into_response()))
}
