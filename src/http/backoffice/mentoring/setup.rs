//! Setting a programme up (`/beheer/mentoring`): the list of the programmes this
//! account reaches, a new programme of an organisation one manages — with the
//! activity it belongs to, such as the café "De meester-gezel relatie" — and,
//! on the programme's page, linking it to another of its organisation's activities
//! (or to none) ([`link`]).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::{PATH, Typed, reached, render};
use crate::db::mentoring::ActivityChoice;
use crate::domain::input::FieldError;
use crate::domain::mentoring::ProgrammeRole;
use crate::domain::mentoring::programme::{ProgrammeForm, linked_activity};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The select of activities to link: "none" first, then each activity, named with
/// its organisation when there are several.
pub(super) fn activity_field(
    lang: Lang,
    choices: &[ActivityChoice],
    value: &str,
    error: Option<String>,
) -> FieldView {
    let several = choices
        .iter()
        .any(|c| c.organisation_id != choices[0].organisation_id);
    let mut options = vec![(String::new(), lang.t("mentoring-activity-none"))];
    options.extend(choices.iter().map(|c| {
        let text = if several {
            format!("{} ({})", c.title, c.organisation_name)
        } else {
            c.title.clone()
        };
        (c.id.to_string(), text)
    }));
    let mut field = FieldView::new(
        "activity",
        lang.t("mentoring-field-activity"),
        "select",
        value,
    )
    .options(options)
    .described(lang.t("mentoring-field-activity-help"));
    field.error = error;
    field
}

/// (activity id, organisation id) of the choices, as the form's rules take them.
fn pairs_of(choices: &[ActivityChoice]) -> Vec<(i64, i64)> {
    choices.iter().map(|c| (c.id, c.organisation_id)).collect()
}

#[derive(Template)]
#[template(path = "backoffice/mentoring/list.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    programmes: Vec<(String, String, String)>,
    /// The new programme form, for those who manage an organisation.
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    notice: Option<String>,
    csrf: String,
}

fn programme_form_of(pairs: &Pairs) -> ProgrammeForm {
    ProgrammeForm {
        organisation: pairs.get("organisation"),
        title: pairs.get("title"),
        intro: pairs.get("intro"),
        activity: pairs.get("activity"),
        coordinator: pairs.get("coordinator"),
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    render_list(&state, lang, &signed, &ProgrammeForm::default(), None).await
}

async fn render_list(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    typed: &ProgrammeForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let coordinated = state.db.coordinated_by(signed.account.id).await?;
    // Like every back-office page: nothing here for someone without any role.
    if coordinated.is_empty() && !signed.account.roles.is_staff() {
        return Err(PageError::Forbidden);
    }
    let programmes = state
        .db
        .programmes()
        .await?
        .into_iter()
        .filter(|p| {
            ProgrammeRole::of(
                &signed.account.roles,
                p.organisation_id,
                coordinated.contains(&p.id),
            )
            .is_some()
        })
        .map(|p| {
            (
                format!("{PATH}/{}", p.public_id),
                p.title,
                p.organisation_name,
            )
        })
        .collect();
    let organisations = state
        .db
        .managed_organisations(&signed.account.roles)
        .await?;
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
    let fields = if organisations.is_empty() {
        Vec::new()
    } else {
        let ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
        let choices = state.db.programme_activity_choices(&ids).await?;
        vec![
            field("organisation", "select", &typed.organisation)
                .required()
                .options(
                    organisations
                        .iter()
                        .map(|o| (o.id.to_string(), o.name.clone()))
                        .collect(),
                ),
            field("title", "text", &typed.title).required(),
            field("intro", "textarea", &typed.intro).rows(3),
            activity_field(lang, &choices, &typed.activity, error("activity")),
            field("coordinator", "email", &typed.coordinator).autocomplete("off"),
        ]
    };
    let page = ListPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("mentoring-bo-heading"),
            PATH,
            "backoffice",
        ),
        programmes,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: signed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

/// An organiser (or admin) makes a programme of an organisation they manage.
pub(super) async fn create(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisations: Vec<i64> = state
        .db
        .managed_organisations(&signed.account.roles)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    if organisations.is_empty() {
        return Err(PageError::Forbidden);
    }
    let pairs = Pairs::parse(&body);
    let typed = programme_form_of(&pairs);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return render_list(&state, lang, &signed, &typed, Some(Refusal::Expired)).await;
    }
    let choices = state.db.programme_activity_choices(&organisations).await?;
    let new = match typed.parse(&organisations, &pairs_of(&choices)) {
        Ok(new) => new,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_list(&state, lang, &signed, &typed, refusal).await;
        }
    };
    let mut coordinators = Vec::new();
    if let Some(email) = &new.coordinator {
        match state.db.account_id_by_key(&email.key).await? {
            Some(id) => coordinators.push(id),
            None => {
                let refusal = Some(Refusal::invalid(
                    lang,
                    &[FieldError::new(
                        "coordinator",
                        "mentoring-error-coordinator-unknown",
                    )],
                ));
                return render_list(&state, lang, &signed, &typed, refusal).await;
            }
        }
    }
    let public_id = state
        .db
        .add_programme(
            &crate::db::mentoring::NewProgramme {
                organisation_id: new.organisation_id,
                activity_id: new.activity_id,
                title: &new.title,
                intro: &new.intro,
                coordinators: &coordinators,
            },
            signed.account.id,
            crate::time::now(),
        )
        .await?;
    Ok(see_other(format!("{PATH}/{public_id}")))
}

/// The coordinator, an organiser or an admin of the programme links it to one of
/// its organisation's activities, or to none; another organisation's activity is
/// refused at the field (422), the form kept.
pub(super) async fn link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (programme, role) = reached(&state, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        activity: Some(pairs.get("activity")),
        ..Typed::new(lang)
    };
    let refuse = |refusal: Refusal| Some(refusal);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = refuse(Refusal::Expired);
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
        )
        .await;
    }
    let choices = state
        .db
        .programme_activity_choices(&[programme.organisation_id])
        .await?;
    let raw = typed.activity.as_deref().unwrap_or_default();
    let chosen = match linked_activity(raw, Some(programme.organisation_id), &pairs_of(&choices)) {
        Ok(chosen) => chosen,
        Err(message) => {
            let refusal = refuse(Refusal::invalid(
                lang,
                &[FieldError::new("activity", message)],
            ));
            return render(
                &state, lang, &signed, programme, role, &typed, refusal, None,
            )
            .await;
        }
    };
    if !state
        .db
        .link_programme(&programme, chosen, signed.account.id, crate::time::now())
        .await?
    {
        // Moved to another organisation meanwhile: no longer one of its own.
        let error = FieldError::new("activity", "mentoring-error-activity");
        let refusal = refuse(Refusal::invalid(lang, &[error]));
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
        )
        .await;
    }
    Ok(see_other(format!(
        "{PATH}/{}?bericht=gekoppeld",
        programme.public_id
    )))
}
