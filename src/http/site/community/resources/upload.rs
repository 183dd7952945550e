//! Reading the sharing form: `multipart/form-data` as the page sends it (the file
//! beside the fields), or a plain form without a file. At most
//! [`MAX_FILE_BYTES`] + 1 bytes of a file are kept; a body larger than the route
//! allows is read to its end and dropped ([`Read::TooLarge`]), so the browser gets
//! the answer instead of a broken connection.

use axum::body::{Body, HttpBody};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};

use crate::domain::community::resource::{MAX_FILE_BYTES, ResourceForm, Upload};
use crate::http::AppState;
use crate::http::kit::forms::Pairs;

/// The largest body the sharing form may send: a file of [`MAX_FILE_BYTES`] and
/// room for the other fields, so a file just over the limit still arrives whole
/// and is answered at its field.
pub const MAX_UPLOAD_BODY: usize = MAX_FILE_BYTES + 512 * 1024;
/// How much of a body that is too large is read and dropped before answering. A
/// browser that is cut off while sending shows a broken connection, not our page.
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;
/// The most a text field may hold (a title of 10 kB is answered at its field).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// The file as it came.
pub struct SentFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub too_large: bool,
}

impl SentFile {
    pub fn upload(&self) -> Upload<'_> {
        Upload {
            name: &self.name,
            bytes: &self.bytes,
            too_large: self.too_large,
        }
    }
}

/// What the form sent.
pub struct Sent {
    pub form: ResourceForm,
    pub csrf: String,
    pub file: Option<SentFile>,
}

/// How reading went.
pub enum Read {
    Sent(Sent),
    /// The body is larger than [`MAX_UPLOAD_BODY`].
    TooLarge,
    /// Not a form we can read (a broken multipart body).
    Unreadable,
}

/// Reads the sharing form from `request`.
pub async fn read(request: Request, state: &AppState) -> Read {
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if length.is_some_and(|l| l > MAX_UPLOAD_BODY as u64) {
        drain(request.into_body()).await;
        return Read::TooLarge;
    }
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if !multipart {
        let Ok(body) = axum::body::Bytes::from_request(request, state).await else {
            return Read::TooLarge;
        };
        let pairs = Pairs::parse(&body);
        return Read::Sent(Sent {
            form: ResourceForm {
                title: pairs.get("title"),
                themes: pairs.all("themes"),
                link: pairs.get("link"),
            },
            csrf: pairs.get("csrf"),
            file: None,
        });
    }
    let Ok(mut multipart) = Multipart::from_request(request, state).await else {
        return Read::Unreadable;
    };
    let mut sent = Sent {
        form: ResourceForm::default(),
        csrf: String::new(),
        file: None,
    };
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => return Read::TooLarge,
            Err(_) => return Read::Unreadable,
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let mut file = SentFile {
                name: file_name,
                bytes: Vec::new(),
                too_large: false,
            };
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if file.bytes.len() + chunk.len() > MAX_FILE_BYTES {
                            file.too_large = true;
                        } else {
                            file.bytes.extend_from_slice(&chunk);
                        }
                    }
                    Ok(None) => break,
                    Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return Read::TooLarge;
                    }
                    Err(_) => return Read::Unreadable,
                }
            }
            // A file input left empty sends a part without name or content.
            let chosen = !file.name.is_empty() || !file.bytes.is_empty() || file.too_large;
            if chosen && sent.file.is_none() {
                sent.file = Some(file);
            }
            continue;
        }
        let mut value = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if value.len() < MAX_TEXT_FIELD {
                        value.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Read::TooLarge;
                }
                Err(_) => return Read::Unreadable,
            }
        }
        let value = String::from_utf8_lossy(&value).into_owned();
        match name.as_str() {
            "title" => sent.form.title = value,
            "link" => sent.form.link = value,
            "themes" => sent.form.themes.push(value),
            "csrf" => sent.csrf = value,
            _ => {}
        }
    }
    Read::Sent(sent)
}

/// Reads and drops what is left of a body, up to [`DRAIN_LIMIT`].
async fn drain(mut body: Body) {
    let mut read: u64 = 0;
    while read < DRAIN_LIMIT {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            Some(Ok(frame)) => {
                read += frame.data_ref().map_or(0, |d| d.len() as u64);
            }
            Some(Err(_)) | None => break,
        }
    }
}
