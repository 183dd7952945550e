//! The back office's form page (`backoffice/form.html`): a frame (heading, crumbs,
//! where it posts, the way back), groups of fields, the error summary, and an
//! optional remove button below.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::db::organisation::OrganisationRef;
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, Group, mark};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;
#[derive(Template)]
#[template(path = "backoffice/form.html")]
struct FormPage {
    lang: Lang,
    chrome: Chrome,
    crumbs: Vec<(String, String)>,
    heading: String,
    intro: Vec<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    action: String,
    groups: Vec<Group>,
    csrf: String,
    submit: String,
    back_href: String,
    /// A second form below, to remove what this page edits.
    danger: Option<Danger>,
    known_people: Vec<String>,
}

/// A remove button under a form, with the update-email switch when registrants
/// would be told.
pub struct Danger {
    pub action: String,
    pub label: String,
    pub notify_label: Option<String>,
}

/// What every editor form page shares.
pub(crate) struct FormFrame {
    pub(crate) heading: String,
    pub(crate) action: String,
    pub(crate) back_href: String,
    pub(crate) submit: String,
    pub(crate) crumbs: Vec<(String, String)>,
    pub(crate) danger: Option<Danger>,
    /// Paragraphs above the form.
    pub(crate) intro: Vec<String>,
    /// A warning above the form (an expired form, a change that was not saved).
    pub(crate) notice: Option<String>,
    /// The public people the form's name fields suggest (`known-people`).
    pub(crate) known_people: Vec<String>,
}

impl FormFrame {
    pub(crate) fn intro(mut self, intro: Vec<String>) -> Self {
        self.intro = intro;
        self
    }

    pub(crate) fn notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }

    /// Suggest these people ("Name (organisation)") in fields with
    /// `.list("known-people")`.
    pub(crate) fn known_people(mut self, people: Vec<String>) -> Self {
        self.known_people = people;
        self
    }
}

impl FormFrame {
    /// A form about the whole site (platform admins).
    pub(crate) fn for_platform(lang: Lang, heading: String, action: String, submit: &str) -> Self {
        Self {
            crumbs: vec![
                ("/beheer".into(), lang.t("bo-title")),
                (action.clone(), heading.clone()),
            ],
            heading,
            back_href: "/beheer".into(),
            action,
            submit: lang.t(submit),
            danger: None,
            intro: Vec::new(),
            notice: None,
            known_people: Vec::new(),
        }
    }

    /// A form about an organisation as a whole.
    pub(crate) fn for_organisation(
        lang: Lang,
        organisation: &OrganisationRef,
        heading: String,
        action: String,
        submit: &str,
    ) -> Self {
        let back = format!("/beheer/organisaties/{}", organisation.slug);
        Self {
            crumbs: vec![
                ("/beheer".into(), lang.t("bo-title")),
                (back.clone(), organisation.name.clone()),
                (action.clone(), heading.clone()),
            ],
            heading,
            back_href: back,
            action,
            submit: lang.t(submit),
            danger: None,
            intro: Vec::new(),
            notice: None,
            known_people: Vec::new(),
        }
    }

    pub(crate) fn for_activity(
        lang: Lang,
        managed: &Managed,
        heading: String,
        action: String,
        submit: &str,
    ) -> Self {
        Self {
            crumbs: std::iter::once(("/beheer".into(), lang.t("bo-title")))
                .chain(
                    managed
                        .host_crumb()
                        .map(|host| (format!("/beheer/organisaties/{}", host.slug), host.name)),
                )
                .chain([
                    (managed.base(), managed.activity.title.clone()),
                    (action.clone(), heading.clone()),
                ])
                .collect(),
            heading,
            back_href: managed.base(),
            action,
            submit: lang.t(submit),
            danger: None,
            intro: Vec::new(),
            notice: None,
            known_people: Vec::new(),
        }
    }
}

pub(crate) fn render_form(
    state: &AppState,
    lang: Lang,
    csrf: String,
    status: StatusCode,
    frame: FormFrame,
    mut groups: Vec<Group>,
    errors: &[(String, String)],
) -> Result<Response, PageError> {
    mark(&mut groups, errors);
    let page = FormPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            frame.heading.clone(),
            &frame.action,
            "backoffice",
        ),
        crumbs: frame.crumbs,
        heading: frame.heading,
        intro: frame.intro,
        notice: frame.notice,
        error_links: errors
            .iter()
            .map(|(field, message)| ErrorLink {
                field: field.clone(),
                message: message.clone(),
            })
            .collect(),
        action: frame.action,
        groups,
        csrf,
        submit: frame.submit,
        back_href: frame.back_href,
        danger: frame.danger,
        known_people: frame.known_people,
    };
    Ok((status, Html(page.render()?)).into_response())
}
