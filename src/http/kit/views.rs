//! View models shared by the page templates: the page chrome, activity cards, status
//! labels, page links and the error page.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::db::catalog::ActivityCard;
use crate::domain::activity::{ActivityKind, Availability, availability};
use crate::http::AppState;
use crate::i18n::Lang;

/// The parts of every page around its content.
pub struct Chrome {
    pub title: String,
    pub description: String,
    pub css: Vec<String>,
    /// This page in the other language.
    pub switch_href: String,
    /// Which main navigation item is current.
    pub current: &'static str,
}

/// Stylesheets in cascade order: the component library, its design tokens, our theme
/// on top of those tokens, our layout.
pub const STYLESHEETS: [&str; 4] = [
    "vendor/utrecht-component-library-css/index.css",
    "vendor/voorbeeld-design-tokens/theme.css",
    "css/theme.css",
    "css/app.css",
];

impl Chrome {
    /// `path_and_query` is this page's path with its query, to build the language
    /// switch from.
    pub fn new(
        state: &AppState,
        lang: Lang,
        title: String,
        path_and_query: &str,
        current: &'static str,
    ) -> Self {
        Self {
            title,
            description: String::new(),
            css: STYLESHEETS.iter().map(|p| state.assets.url(p)).collect(),
            switch_href: switch_href(path_and_query, lang.other()),
            current,
        }
    }

    pub fn with_description(mut self, description: &str) -> Self {
        self.description = description.to_owned();
        self
    }
}

/// The same URL with `lang` set to `to` (other parameters kept).
pub fn switch_href(path_and_query: &str, to: Lang) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    let lang = format!("lang={}", to.code());
    params.push(&lang);
    format!("{path}?{}", params.join("&"))
}

/// A link with its text. `dutch` marks text written by organisers, which is Dutch
/// whatever the interface language (WCAG 3.1.2, language of parts).
pub struct LinkItem {
    pub text: String,
    pub href: Option<String>,
    pub dutch: bool,
}

impl LinkItem {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            href: None,
            dutch: false,
        }
    }

    /// Organiser-written (Dutch) text.
    pub fn dutch(text: impl Into<String>) -> Self {
        Self {
            dutch: true,
            ..Self::text(text)
        }
    }

    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            href: Some(href.into()),
            dutch: false,
        }
    }
}

/// A row of a definition list.
pub struct Fact {
    pub term: String,
    pub items: Vec<LinkItem>,
}

impl Fact {
    pub fn new(term: String, items: Vec<LinkItem>) -> Self {
        Self { term, items }
    }
}

/// A `tel:` link for a phone number as people write it ("06-21845158").
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

pub fn kind_label(lang: Lang, kind: ActivityKind) -> String {
    lang.t(&format!("kind-{}", kind.as_str()))
}

/// The short status ("Vol", "Nog 3 plekken vrij") and its status-badge modifier.
pub fn status_label(lang: Lang, availability: Availability) -> (String, &'static str) {
    match availability {
        Availability::Open => (lang.t("status-open"), "success"),
        Availability::PlacesLeft { places } => (lang.t1("places-left", "count", places), "success"),
        Availability::Full { waitlist: true } => (lang.t("status-full-waitlist"), "warning"),
        Availability::Full { waitlist: false } => (lang.t("status-full"), "danger"),
        Availability::NotYetOpen { opens_at } => (
            lang.t1("status-opens", "date", lang.date_short(opens_at)),
            "inactive",
        ),
        Availability::Closed => (lang.t("status-closed"), "inactive"),
        Availability::Cancelled => (lang.t("status-cancelled"), "danger"),
        Availability::Ended => (lang.t("status-ended"), "inactive"),
    }
}

/// [`status_label`] for an activity of `kind`: an atelier that takes members says so
/// in its own words, since joining it is membership, not registering.
pub fn activity_status_label(
    lang: Lang,
    availability: Availability,
    kind: ActivityKind,
) -> (String, &'static str) {
    match availability {
        Availability::Open | Availability::PlacesLeft { .. } if kind == ActivityKind::Atelier => {
            (lang.t("status-open-atelier"), "success")
        }
        _ => status_label(lang, availability),
    }
}

/// The sentence under the status on an activity page.
pub fn status_message(lang: Lang, availability: Availability, kind: ActivityKind) -> String {
    match availability {
        Availability::Open | Availability::PlacesLeft { .. } => {
            lang.t(&format!("status-message-open-{}", kind.as_str()))
        }
        Availability::Full { waitlist: true } => lang.t("status-message-full-waitlist"),
        Availability::Full { waitlist: false } => lang.t("status-message-full"),
        Availability::NotYetOpen { opens_at } => lang.t_args(
            "status-message-opens",
            &[
                ("date", lang.date_long(opens_at).into()),
                ("time", lang.time(opens_at).into()),
            ],
        ),
        Availability::Closed => lang.t("status-message-closed"),
        Availability::Cancelled => lang.t("status-message-cancelled"),
        Availability::Ended => lang.t("status-message-ended"),
    }
}

/// An activity in a list.
pub struct CardView {
    pub href: String,
    pub kind_label: String,
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub when: String,
    pub region: String,
    pub status_label: String,
    pub status_class: &'static str,
}

impl CardView {
    pub fn new(lang: Lang, card: &ActivityCard, now: DateTime<Utc>) -> Self {
        let core = &card.core;
        let (status_label, status_class) = activity_status_label(
            lang,
            availability(&core.registration_facts(card.last_end), now),
            core.kind,
        );
        let when = match (card.next_start, card.upcoming_sessions) {
            (Some(start), n) if n > 1 => lang.t_args(
                "card-when-series",
                &[
                    ("date", lang.date_short(start).into()),
                    ("count", (n - 1).into()),
                ],
            ),
            (Some(start), _) => lang.date_short(start),
            (None, _) => lang.t("card-when-none"),
        };
        Self {
            href: format!("/activiteiten/{}", core.slug),
            kind_label: kind_label(lang, core.kind),
            title: core.title.clone(),
            subtitle: core.subtitle.clone(),
            summary: core.summary.clone(),
            when,
            region: core.region.clone(),
            status_label,
            status_class,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    message: String,
}

/// A friendly error page in the visitor's language with the given status.
pub fn error_page(state: &AppState, lang: Lang, status: StatusCode, path: &str) -> Response {
    let key = match status.as_u16() {
        403 => "403",
        404 => "404",
        405 => "405",
        413 => "413",
        414 | 431 => "414",
        503 => "503",
        code if code >= 500 => "500",
        _ => "400",
    };
    let page = ErrorTemplate {
        lang,
        chrome: Chrome::new(state, lang, lang.t(&format!("error-{key}-title")), path, ""),
        heading: lang.t(&format!("error-{key}-title")),
        message: lang.t(&format!("error-{key}-message")),
    };
    match page.render() {
        Ok(html) => (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "error page failed to render");
            (status, "Er ging iets mis.").into_response()
        }
    }
}

/// A heading, a few paragraphs and a way on: "check your email", "this link no
/// longer works".
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub lang: Lang,
    pub chrome: Chrome,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(template: &T) -> Result<Response, crate::http::error::PageError> {
    Ok(Html(template.render()?).into_response())
}

/// An activity's status as the back office names it ("Concept", "Gepubliceerd" …).
pub fn activity_status(lang: Lang, status: crate::domain::activity::ActivityStatus) -> String {
    lang.t(&format!("bo-status-{}", status.as_str()))
}

/// One numbered link of a list shown page by page (`partials/pagination.html`).
pub struct PageLink {
    pub number: u32,
    pub href: String,
    pub label: String,
    pub current: bool,
}

impl PageLink {
    /// Links to pages 1 to `count` of the list at `href(number)`, `current` marked.
    pub fn all(lang: Lang, count: u32, current: u32, href: impl Fn(u32) -> String) -> Vec<Self> {
        (1..=count)
            .map(|number| Self {
                number,
                href: href(number),
                label: lang.t1("pagination-page", "number", number),
                current: number == current,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_keeps_other_parameters() {
        assert_eq!(
            switch_href("/activiteiten", Lang::En),
            "/activiteiten?lang=en"
        );
        assert_eq!(
            switch_href("/activiteiten?soort=leercafe&lang=nl&pagina=2", Lang::En),
            "/activiteiten?soort=leercafe&pagina=2&lang=en"
        );
    }
}
