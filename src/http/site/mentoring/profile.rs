//! The profile form (`/mentoring/{programme}/profiel`): making or changing one's
//! profile in a programme. A refusal shows each message at its field (422) with
//! everything as typed; nothing is stored until all of it is right.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::{PATH, programme_of};
use crate::db::mentoring::Programme;
use crate::domain::mentoring::profile::{MAX_PAIRS, ProfileForm};
use crate::domain::mentoring::{Meeting, Role};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// A form page of the mentoring pages: profile, request, decline.
#[derive(Template)]
#[template(path = "site/mentoring/form.html")]
pub(crate) struct FormPage {
    pub lang: Lang,
    pub chrome: Chrome,
    pub programme_href: String,
    pub programme_title: String,
    pub heading: String,
    pub intro: String,
    /// About the person asked (term, text), on the request form.
    pub about: Vec<(String, String)>,
    pub notice: Option<String>,
    pub error_links: Vec<ErrorLink>,
    pub fields: Vec<FieldView>,
    pub action: String,
    pub button: String,
    pub csrf: String,
}

fn form_of(pairs: &Pairs) -> ProfileForm {
    ProfileForm {
        name: pairs.get("name"),
        role: pairs.get("role"),
        themes: pairs.all("themes"),
        years: pairs.get("years"),
        region: pairs.get("region"),
        meeting: pairs.get("meeting"),
        offers: pairs.get("offers"),
        wants: pairs.get("wants"),
        max_pairs: pairs.get("max_pairs"),
        open: pairs.on("open"),
    }
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    programme: &Programme,
    typed: &ProfileForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let themes = state.db.theme_choices().await?;
    let error = |name: &str| refusal.as_ref().and_then(|r| r.error(name));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut f = FieldView::new(
            name,
            lang.t(&format!("mentoring-field-{name}")),
            kind,
            value,
        );
        f.error = error(name);
        if let Some(help) = lang.try_t(&format!("mentoring-field-{name}-help")) {
            f = f.described(help);
        }
        f
    };
    let fields = vec![
        field("name", "text", &typed.name)
            .required()
            .autocomplete("name"),
        field("role", "radios", &typed.role).required().options(
            Role::ALL
                .iter()
                .map(|r| {
                    (
                        r.as_str().to_owned(),
                        lang.t(&format!("mentoring-role-{}", r.as_str())),
                    )
                })
                .collect(),
        ),
        field("themes", "checkboxes", "")
            .required()
            .options(
                themes
                    .iter()
                    .map(|(id, nl, en)| {
                        (
                            id.to_string(),
                            if lang == Lang::En {
                                en.clone()
                            } else {
                                nl.clone()
                            },
                        )
                    })
                    .collect(),
            )
            .chosen(&typed.themes),
        field("years", "text", &typed.years).required(),
        field("region", "text", &typed.region).required(),
        field("meeting", "radios", &typed.meeting)
            .required()
            .options(
                Meeting::ALL
                    .iter()
                    .map(|m| {
                        (
                            m.as_str().to_owned(),
                            lang.t(&format!("mentoring-meeting-{}", m.as_str())),
                        )
                    })
                    .collect(),
            ),
        field("offers", "textarea", &typed.offers).rows(4),
        field("wants", "textarea", &typed.wants).rows(4),
        field("max_pairs", "select", &typed.max_pairs)
            .required()
            .options(
                (1..=MAX_PAIRS)
                    .map(|n| (n.to_string(), n.to_string()))
                    .collect(),
            ),
        {
            let mut f = FieldView::checkbox("open", lang.t("mentoring-field-open"), typed.open)
                .described(lang.t("mentoring-field-open-help"));
            f.error = error("open");
            f
        },
    ];
    let action = format!("{PATH}/{}/profiel", programme.public_id);
    let page = FormPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("mentoring-profile-heading"),
            &action,
            "account",
        ),
        programme_href: format!("{PATH}/{}", programme.public_id),
        programme_title: programme.title.clone(),
        heading: lang.t("mentoring-profile-heading"),
        intro: lang.t("mentoring-profile-intro"),
        about: Vec::new(),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        action,
        button: lang.t("mentoring-profile-save"),
        csrf: signed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

pub(super) async fn form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let programme = programme_of(&state, &id).await?;
    let typed = match state
        .db
        .participant(programme.id, signed.account.id)
        .await?
    {
        Some(p) => ProfileForm::from(&p.stored.profile),
        None if !programme.open => {
            return Err(PageError::NotFound);
        }
        None => ProfileForm {
            name: signed.account.name.clone(),
            max_pairs: "1".into(),
            open: true,
            ..ProfileForm::default()
        },
    };
    render(&state, lang, &signed, &programme, &typed, None).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let programme = programme_of(&state, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = form_of(&pairs);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return render(
            &state,
            lang,
            &signed,
            &programme,
            &typed,
            Some(Refusal::Expired),
        )
        .await;
    }
    let exists = state
        .db
        .participant(programme.id, signed.account.id)
        .await?
        .is_some();
    if !programme.open && !exists {
        return Err(PageError::NotFound);
    }
    let themes: Vec<i64> = state
        .db
        .theme_choices()
        .await?
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let profile = match typed.parse(&themes) {
        Ok(profile) => profile,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &signed, &programme, &typed, refusal).await;
        }
    };
    state
        .db
        .save_profile(
            programme.id,
            signed.account.id,
            &profile,
            crate::time::now(),
        )
        .await?;
    Ok(see_other(format!(
        "{PATH}/{}?bericht=opgeslagen",
        programme.public_id
    )))
}
