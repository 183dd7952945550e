//! Form views every surface's forms share: one control ([`FieldView`], rendered by
//! `partials/field.html`) and the error summary's links ([`ErrorLink`]).

use axum::response::{IntoResponse, Redirect, Response};

use crate::domain::input::FieldError;
use crate::i18n::Lang;

/// One form control, rendered by `partials/field.html`.
pub struct FieldView {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    pub required: bool,
    pub description: String,
    pub error: Option<String>,
    pub autocomplete: &'static str,
    /// Organiser-written label (a question), Dutch whatever the interface language.
    pub dutch: bool,
    /// The values ticked in a `checkboxes` group.
    pub chosen: Vec<String>,
    /// Lines of a `textarea`.
    pub rows: u8,
    /// The id of a `<datalist>` of suggestions (the browser's own search list; the
    /// field works the same without it).
    pub list: &'static str,
}

impl FieldView {
    pub fn new(name: &str, label: String, kind: &'static str, value: &str) -> Self {
        Self {
            name: name.to_owned(),
            label,
            kind,
            value: value.to_owned(),
            options: Vec::new(),
            required: false,
            description: String::new(),
            error: None,
            autocomplete: "",
            dutch: false,
            chosen: Vec::new(),
            rows: 3,
            list: "",
        }
    }

    /// Suggests the values of the `<datalist>` with this id.
    pub fn list(mut self, id: &'static str) -> Self {
        self.list = id;
        self
    }

    /// A group of checkboxes (`kind` "checkboxes") with these values ticked.
    pub fn chosen(mut self, chosen: &[String]) -> Self {
        self.chosen = chosen.to_vec();
        self
    }

    pub fn rows(mut self, rows: u8) -> Self {
        self.rows = rows;
        self
    }

    pub fn is_chosen(&self, value: &str) -> bool {
        self.chosen.iter().any(|c| c == value)
    }

    /// A single checkbox, ticked when `on`.
    pub fn checkbox(name: &str, label: String, on: bool) -> Self {
        Self::new(name, label, "checkbox", if on { "1" } else { "" })
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, token: &'static str) -> Self {
        self.autocomplete = token;
        self
    }

    pub fn described(mut self, description: String) -> Self {
        self.description = description;
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Self {
        self.options = options;
        self
    }

    /// Whether a required select needs an empty first option: HTML wants one (a
    /// required `<select>` without it is invalid), and it is what shows until a
    /// choice is made. Options that already start with an empty value have it.
    pub fn needs_placeholder(&self) -> bool {
        self.kind == "select"
            && self.required
            && self
                .options
                .first()
                .is_none_or(|(value, _)| !value.is_empty())
    }

    pub fn is_selected(&self, value: &str) -> bool {
        self.value == value
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.description.is_empty() {
            ids.push(format!("{}-d", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-e", self.name));
        }
        ids.join(" ")
    }
}

/// A link in the error summary.
pub struct ErrorLink {
    pub field: String,
    pub message: String,
}

impl ErrorLink {
    /// The summary of (field, message) pairs, in order.
    pub fn list(errors: &[(&str, String)]) -> Vec<Self> {
        errors
            .iter()
            .map(|(field, message)| Self {
                field: (*field).to_owned(),
                message: message.clone(),
            })
            .collect()
    }
}
/// Form fields as sent, in order; a name may repeat (checkbox groups).
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    pub(crate) fn parse(body: &[u8]) -> Self {
        Self(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    pub(crate) fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn on(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == "1")
    }
}

/// A group of fields under a heading (no heading: plain fields).
pub struct Group {
    pub heading: String,
    pub help: String,
    pub fields: Vec<FieldView>,
}

impl Group {
    pub(crate) fn new(heading: String, fields: Vec<FieldView>) -> Self {
        Self {
            heading,
            help: String::new(),
            fields,
        }
    }
}

/// The field errors in the reader's language, for the fields and the summary.
pub(crate) fn translated(lang: Lang, errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), lang.t(e.message)))
        .collect()
}

/// Marks each field with its error.
pub fn mark(groups: &mut [Group], errors: &[(String, String)]) {
    for field in groups.iter_mut().flat_map(|g| g.fields.iter_mut()) {
        if let Some((_, message)) = errors.iter().find(|(f, _)| *f == field.name) {
            field.error = Some(message.clone());
        }
    }
}

pub(crate) fn see_other(path: String) -> Response {
    Redirect::to(&path).into_response()
}

/// Why a submitted form comes back instead of being stored. Each kind has its status
/// and says itself what the person reads; the form is shown again as it was filled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The form's CSRF token is missing, old or from another session (403): "send it
    /// again".
    Expired,
    /// Fields that are wrong, each (field, message) shown at its field (422).
    Invalid(Vec<(String, String)>),
    /// Fields that clash with what is stored now, at their field (409).
    Conflict(Vec<(String, String)>),
    /// The thing no longer allows this change (409), with what to say about it.
    NotNow(String),
    /// Sent again too soon from this client (429): wait this many seconds, which
    /// `Retry-After` also tells a machine.
    TooSoon(u64),
}

impl Refusal {
    /// [`Refusal::Invalid`] with the messages of `errors` in the reader's language.
    pub fn invalid(lang: Lang, errors: &[FieldError]) -> Self {
        Self::Invalid(translated(lang, errors))
    }

    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Self::Expired => StatusCode::FORBIDDEN,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) | Self::NotNow(_) => StatusCode::CONFLICT,
            Self::TooSoon(_) => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// One field's message as a refusal of the form (422).
    pub fn field(name: &str, message: String) -> Self {
        Self::Invalid(vec![(name.to_owned(), message)])
    }

    /// The message at field `name`, if it has one.
    pub fn error(&self, name: &str) -> Option<String> {
        self.errors()
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.clone())
    }

    /// The error summary's links, in the order of the messages.
    pub fn error_links(&self) -> Vec<ErrorLink> {
        self.errors()
            .iter()
            .map(|(field, message)| ErrorLink {
                field: field.clone(),
                message: message.clone(),
            })
            .collect()
    }

    /// A rendered form page answered with the refusal's status (200 without one),
    /// plus `Retry-After` when the client must wait.
    pub fn answer(refusal: Option<&Self>, page: impl IntoResponse) -> Response {
        let status = refusal.map_or(axum::http::StatusCode::OK, Self::status);
        let mut response = (status, page).into_response();
        if let Some(Self::TooSoon(seconds)) = refusal {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*seconds),
            );
        }
        response
    }

    /// The notice above the form, if any.
    pub fn notice(&self, lang: Lang) -> Option<String> {
        match self {
            Self::Expired => Some(lang.t("form-expired")),
            Self::NotNow(notice) => Some(notice.clone()),
            Self::TooSoon(seconds) => Some(lang.t1("rate-text", "seconds", *seconds as i64)),
            Self::Invalid(_) | Self::Conflict(_) => None,
        }
    }

    /// The messages at their fields.
    pub fn errors(&self) -> &[(String, String)] {
        match self {
            Self::Invalid(errors) | Self::Conflict(errors) => errors,
            Self::Expired | Self::NotNow(_) | Self::TooSoon(_) => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_has_its_status_notice_and_field_messages() {
        let lang = Lang::Nl;
        assert_eq!(Refusal::Expired.status().as_u16(), 403);
        assert_eq!(Refusal::Expired.notice(lang), Some(lang.t("form-expired")));
        let invalid = Refusal::invalid(lang, &[FieldError::new("email", "error-email")]);
        assert_eq!(invalid.status().as_u16(), 422);
        assert_eq!(
            invalid.errors(),
            [("email".to_owned(), lang.t("error-email"))]
        );
        assert_eq!(invalid.notice(lang), None);
        assert_eq!(Refusal::Conflict(vec![]).status().as_u16(), 409);
        let not_now = Refusal::NotNow("al geannuleerd".into());
        assert_eq!(not_now.status().as_u16(), 409);
        assert_eq!(not_now.notice(lang).as_deref(), Some("al geannuleerd"));
        assert!(not_now.errors().is_empty());
        let field = Refusal::field("email", "Vul je e-mailadres in.".into());
        assert_eq!(
            field.error("email").as_deref(),
            Some("Vul je e-mailadres in.")
        );
        assert_eq!(field.error("name"), None);
        assert_eq!(field.error_links()[0].field, "email");
    }

    #[test]
    fn a_required_select_starts_with_an_empty_option_once() {
        let options = |values: &[&str]| {
            values
                .iter()
                .map(|v| ((*v).to_owned(), format!("optie {v}")))
                .collect::<Vec<_>>()
        };
        let select =
            FieldView::new("kind", "Soort".into(), "select", "a").options(options(&["a", "b"]));
        assert!(
            !select.needs_placeholder(),
            "optional: no empty option needed"
        );
        assert!(select.required().needs_placeholder());
        let chosen = FieldView::new("kind", "Soort".into(), "select", "")
            .required()
            .options(options(&["", "a"]));
        assert!(!chosen.needs_placeholder(), "already has one");
        let text = FieldView::new("name", "Naam".into(), "text", "").required();
        assert!(!text.needs_placeholder());
    }

    #[test]
    fn a_refused_page_carries_the_status_and_a_wait_carries_retry_after() {
        let ok = Refusal::answer(None, "pagina");
        assert_eq!(ok.status().as_u16(), 200);
        assert!(ok.headers().get("retry-after").is_none());
        let wait = Refusal::TooSoon(42);
        assert!(wait.notice(Lang::Nl).unwrap().contains("42"));
        let response = Refusal::answer(Some(&wait), "pagina");
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(response.headers()["retry-after"], "42");
        let expired = Refusal::answer(Some(&Refusal::Expired), "pagina");
        assert_eq!(expired.status().as_u16(), 403);
    }
}
