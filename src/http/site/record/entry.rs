//! A professional's own entries in Mijn leerdossier: the form
//! (`/account/leerdossier/toevoegen`, sent as `multipart/form-data` so an evidence
//! file can come along), checked by
//! [`crate::domain::learning::record::parse_external`] with the message at each
//! field, the form kept and a 4xx; removal by its owner; and the evidence file,
//! to its owner only, never sniffed or cached.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::PATH;
use crate::db::learning::record::{EvidenceFile, RecordFiles};
use crate::domain::community::resource::{FileType, download_name, sniff};
use crate::domain::input::FieldError;
use crate::domain::learning::Register;
use crate::domain::learning::record::{ExternalForm, MAX_EVIDENCE_BYTES, parse_external};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

const FORM_PATH: &str = "/account/leerdossier/toevoegen";
/// The largest body the form may send: a file a little over the limit still
/// arrives whole and is answered at its field.
pub(super) const MAX_BODY: usize = MAX_EVIDENCE_BYTES + 512 * 1024;
/// The most a text field may hold.
const MAX_TEXT_FIELD: usize = 16 * 1024;

fn files(state: &AppState) -> RecordFiles {
    RecordFiles::in_data_dir(&state.settings.data_dir)
}

/// The file as it came.
struct SentFile {
    name: String,
    bytes: Vec<u8>,
    too_large: bool,
}

impl SentFile {
    /// A file the body limit cut off: too large, whatever it was.
    fn cut() -> Self {
        Self {
            name: String::new(),
            bytes: Vec::new(),
            too_large: true,
        }
    }
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    form: ExternalForm,
    csrf: String,
    file: Option<SentFile>,
}

fn set(sent: &mut Sent, name: &str, value: String) {
    match name {
        "title" => sent.form.title = value,
        "provider" => sent.form.provider = value,
        "date" => sent.form.date = value,
        "hours" => sent.form.hours = value,
        "link" => sent.form.link = value,
        "csrf" => sent.csrf = value,
        other => {
            if let Some(id) = other
                .strip_prefix("category_")
                .and_then(|id| id.parse::<i64>().ok())
            {
                sent.form.categories.push((id, value));
            }
        }
    }
}

/// Reads the form: multipart as the page sends it, or a plain form. `None`: a
/// body too large or broken.
async fn read(request: Request, state: &AppState) -> Option<Sent> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    let mut sent = Sent::default();
    if !multipart {
        let body = Bytes::from_request(request, state).await.ok()?;
        for (name, value) in form_urlencoded(&body) {
            set(&mut sent, &name, value);
        }
        return Some(sent);
    }
    let mut multipart = Multipart::from_request(request, state).await.ok()?;
    // A body past the route's limit (a file far over 5 MB) stops the stream: the
    // fields that came before the file are kept and the file is refused as too
    // large. Any other broken body: `None`.
    let cut =
        |e: &axum::extract::multipart::MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if cut(&e) => {
                sent.file = Some(SentFile::cut());
                break;
            }
            Err(_) => return None,
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let limit = if name == "file" {
            MAX_EVIDENCE_BYTES
        } else {
            MAX_TEXT_FIELD
        };
        let (mut bytes, mut too_large) = (Vec::new(), false);
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > limit => too_large = true,
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) if cut(&e) => {
                    sent.file = Some(SentFile::cut());
                    return Some(sent);
                }
                Err(_) => return None,
            }
        }
        if name == "file" {
            let name = file_name.unwrap_or_default();
            // A file input left empty sends a part without name or content.
            if !name.is_empty() || !bytes.is_empty() || too_large {
                sent.file = Some(SentFile {
                    name,
                    bytes,
                    too_large,
                });
            }
        } else {
            set(
                &mut sent,
                &name,
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }
    Some(sent)
}

fn form_urlencoded(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

#[derive(Template)]
#[template(path = "site/record_entry.html")]
struct EntryPage {
    lang: Lang,
    chrome: Chrome,
    path: &'static str,
    record: &'static str,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    /// The entry's fields, a category per register, the evidence file.
    fields: Vec<FieldView>,
    csrf: String,
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    form: &ExternalForm,
    registers: &[Register],
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let error = |name: &str| refusal.as_ref().and_then(|r| r.error(name));
    let field = |name: &str, kind, value: &str, required: bool, help: Option<String>| {
        let mut f = FieldView::new(name, lang.t(&format!("record-field-{name}")), kind, value);
        if required {
            f = f.required();
        }
        if let Some(help) = help {
            f = f.described(help);
        }
        f.error = error(name);
        f
    };
    let mut fields = vec![
        field("title", "text", &form.title, true, None),
        field("provider", "text", &form.provider, false, None),
        field("date", "date", &form.date, true, None),
        field(
            "hours",
            "text",
            &form.hours,
            true,
            Some(lang.t("record-field-hours-help")),
        ),
        field(
            "link",
            "url",
            &form.link,
            false,
            Some(lang.t("record-field-link-help")),
        ),
    ];
    let categories: Vec<FieldView> = registers
        .iter()
        .map(|r| {
            let name = format!("category_{}", r.id);
            let chosen = form
                .categories
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, c)| c.as_str())
                .unwrap_or("");
            let mut options = vec![(String::new(), lang.t("record-category-none"))];
            options.extend(
                r.categories
                    .iter()
                    .map(|c| (c.id.to_string(), c.name.clone())),
            );
            let mut f = FieldView::new(
                &name,
                lang.t1("record-field-category", "register", r.name.as_str()),
                "select",
                chosen,
            )
            .options(options);
            f.error = error(&name);
            f
        })
        .collect();
    let mut file =
        FieldView::new("file", lang.t("record-field-file"), "file", "").described(lang.t1(
            "record-field-file-help",
            "size",
            (MAX_EVIDENCE_BYTES / (1024 * 1024)) as i64,
        ));
    file.error = error("file");
    fields.extend(categories);
    fields.push(file);
    let page = EntryPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("record-add-heading"),
            FORM_PATH,
            "account",
        ),
        path: FORM_PATH,
        record: PATH,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: signed.csrf(state),
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

pub(super) async fn form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let registers = state.registers().await?;
    render(
        &state,
        lang,
        &signed,
        &ExternalForm::default(),
        &registers,
        None,
    )
    .await
}

pub(super) async fn add(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, PageError> {
    let registers = state.registers().await?;
    let Some(sent) = read(request, &state).await else {
        let refusal = Refusal::field("file", lang.t("record-error-file-size"));
        let mut response = render(
            &state,
            lang,
            &signed,
            &ExternalForm::default(),
            &registers,
            Some(refusal),
        )
        .await?;
        *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        return Ok(response);
    };
    if !signed.csrf_ok(&state, &headers, &sent.csrf) {
        return render(
            &state,
            lang,
            &signed,
            &sent.form,
            &registers,
            Some(Refusal::Expired),
        )
        .await;
    }
    let today = crate::time::today();
    let parsed = parse_external(&sent.form, today, &registers);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let mut evidence = None;
    if let Some(file) = &sent.file {
        if file.too_large {
            errors.push(FieldError::new("file", "record-error-file-size"));
        } else {
            match sniff(&file.bytes, &file.name) {
                Ok(kind) => evidence = Some((kind, download_name(&file.name, kind))),
                Err(message) => errors.push(FieldError::new("file", message)),
            }
        }
    }
    let entry = match parsed {
        Ok(entry) if errors.is_empty() => entry,
        _ => {
            let refusal = Refusal::invalid(lang, &errors);
            return render(&state, lang, &signed, &sent.form, &registers, Some(refusal)).await;
        }
    };
    let file = match (sent.file, evidence) {
        (Some(file), Some((kind, name))) => Some(EvidenceFile {
            name,
            kind: kind.as_str().to_owned(),
            bytes: file.bytes,
        }),
        _ => None,
    };
    state
        .db
        .add_external_entry(
            &files(&state),
            signed.account.id,
            &entry,
            file,
            crate::time::now(),
        )
        .await?;
    Ok(see_other(format!("{PATH}?bericht=toegevoegd")))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    if !public_id_shaped(&id) {
        return Err(PageError::NotFound);
    }
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return Err(PageError::Forbidden);
    }
    if !state
        .db
        .remove_external_entry(&files(&state), signed.account.id, &id)
        .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(see_other(format!("{PATH}?bericht=verwijderd")))
}

/// An entry's evidence file, to its owner only (404 for anyone else).
pub(super) async fn evidence(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if !public_id_shaped(&id) {
        return Err(PageError::NotFound);
    }
    let found = state
        .db
        .record_evidence(signed.account.id, &id)
        .await?
        .ok_or(PageError::NotFound)?;
    let kind = FileType::parse(&found.evidence_type).ok_or(PageError::NotFound)?;
    let bytes = match tokio::fs::read(files(&state).path(&found.public_id)).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(PageError::NotFound);
        }
        Err(error) => return Err(PageError::Internal(error.into())),
    };
    let disposition = format!(
        "{}; filename=\"{}\"",
        if kind.inline() {
            "inline"
        } else {
            "attachment"
        },
        found.evidence_name
    );
    let mut response = Bytes::from(bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.content_type()),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| PageError::Internal(e.into()))?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(private(response))
}
