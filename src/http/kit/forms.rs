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
        }
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
