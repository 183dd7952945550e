//! Resources in the online space (`/ateliers/{slug}/bronnen`): the links and files
//! the atelier's people share, newest first, filtered by theme without script
//! (`?thema=<slug>`), and the form to share one (a link or a file, sent as
//! `multipart/form-data`). Files are served at `…/bronnen/{id}/{name}` to those
//! inside only, as a download (PDF and images may show in the browser), never
//! sniffed and never stored by a cache. The sharer and those who run the atelier
//! remove a resource after a confirmation (`…/bronnen/{id}/verwijderen`).
//! Anyone not inside ([`crate::domain::community::membership::Standing::inside`]) gets 404, whether it exists or not.

mod upload;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use super::{ConfirmPage, Visit};
use crate::db::community::{ResourceFiles, ResourceRow};
use crate::domain::community::resource::{
    Content, FileType, MAX_FILE_BYTES, ResourceForm, may_remove,
};
use crate::http::AppState;
use crate::http::error::{PageError, error_marker};
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::{public_id_shaped, query_param};
use crate::http::kit::views::{Chrome, MessagePage};
use crate::http::site::auth::Signed;
use crate::i18n::Lang;
use upload::{MAX_UPLOAD_BODY, Read};

/// The page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("gedeeld", "resources-notice-shared"),
    ("verwijderd", "resources-notice-removed"),
];

/// Resources per page; older ones follow a link.
const PAGE: i64 = 50;

pub(super) fn router() -> Router<AppState> {
    let small = Router::new()
        .route(
            "/ateliers/{slug}/bronnen/{resource}/verwijderen",
            get(confirm_remove).post(remove),
        )
        .route("/ateliers/{slug}/bronnen/{resource}/{file}", get(download))
        .layer(DefaultBodyLimit::max(8 * 1024));
    let sharing = Router::new()
        .route("/ateliers/{slug}/bronnen", get(list).post(share))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY));
    small.merge(sharing)
}

/// The visit if the person is inside the atelier; 404 otherwise.
async fn inside(state: &AppState, signed: &Signed, slug: &str) -> Result<Visit, PageError> {
    Visit::of(state, signed, slug)
        .await?
        .filter(|v| v.standing.inside())
        .ok_or(PageError::NotFound)
}

fn files(state: &AppState) -> ResourceFiles {
    ResourceFiles::in_data_dir(&state.settings.data_dir)
}

/// "120 kB", "2,4 MB", in the units file managers use (1 kB = 1024 bytes), so the
/// limit of 10 MiB reads "10 MB" as the form says.
fn size_label(lang: Lang, bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if bytes < MB {
        let kb = ((bytes + KB - 1) / KB).max(1);
        lang.t1("resources-size-kb", "size", kb.to_string())
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let separator = if lang == Lang::Nl { ',' } else { '.' };
        let text = if tenths % 10 == 0 {
            (tenths / 10).to_string()
        } else {
            format!("{}{separator}{}", tenths / 10, tenths % 10)
        };
        lang.t1("resources-size-mb", "size", text)
    }
}

/// The host a link leads to, shown beside it.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.trim_start_matches("www.").to_owned()
}

/// The address a resource is opened at: its link, or its file here.
fn href_of(base: &str, row: &ResourceRow) -> String {
    if row.url.is_empty() {
        format!("{base}/bronnen/{}/{}", row.public_id, row.file_name)
    } else {
        row.url.clone()
    }
}

// ------------------------------------------------------------------ the page

struct Item {
    title: String,
    href: String,
    external: bool,
    /// "link naar movisie.nl" or "PDF, 120 kB".
    what: String,
    themes: String,
    shared: String,
    remove_href: Option<String>,
}

#[derive(Template)]
#[template(path = "site/community/resources.html")]
struct ResourcesPage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    notice: Option<String>,
    items: Vec<Item>,
    /// (slug, name) of the themes the resources have, for the filter.
    filter: Vec<(String, String)>,
    theme: String,
    older_href: Option<String>,
    error_links: Vec<ErrorLink>,
    title: FieldView,
    link: FieldView,
    file: FieldView,
    themes: FieldView,
    csrf: String,
}

struct Listing {
    theme: String,
    before: Option<i64>,
}

impl Listing {
    fn of(uri: &OriginalUri) -> Self {
        Self {
            theme: query_param(uri, "thema").unwrap_or_default(),
            before: query_param(uri, "voor").and_then(|v| v.parse().ok()),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    listing: &Listing,
    typed: &ResourceForm,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let base = visit.base();
    let name = |nl: &str, en: &str| {
        if lang == Lang::En {
            en.to_owned()
        } else {
            nl.to_owned()
        }
    };
    let filter: Vec<(String, String)> = state
        .db
        .resource_themes(visit.atelier.id)
        .await?
        .into_iter()
        .map(|(slug, nl, en)| (slug, name(&nl, &en)))
        .collect();
    // A theme no resource has (any more) lists everything.
    let theme = filter
        .iter()
        .find(|(slug, _)| *slug == listing.theme)
        .map(|(slug, _)| slug.clone())
        .unwrap_or_default();
    let mut rows = state
        .db
        .atelier_resources(
            visit.atelier.id,
            Some(theme.as_str()).filter(|t| !t.is_empty()),
            listing.before,
            PAGE + 1,
        )
        .await?;
    let more = rows.len() > PAGE as usize;
    rows.truncate(PAGE as usize);
    let older_href = more
        .then(|| rows.last())
        .flatten()
        .map(|last| match theme.as_str() {
            "" => format!("{base}/bronnen?voor={}", last.id),
            theme => format!("{base}/bronnen?thema={theme}&voor={}", last.id),
        });
    let items = rows
        .iter()
        .map(|row| {
            let kind = FileType::parse(&row.file_type);
            Item {
                title: row.title.clone(),
                href: href_of(&base, row),
                external: kind.is_none(),
                what: match kind {
                    None => lang.t1("resources-link-to", "host", host_of(&row.url)),
                    Some(kind) => lang.t_args(
                        "resources-file-of",
                        &[
                            ("type", lang.t(kind.label_key()).into()),
                            ("size", size_label(lang, row.file_size).into()),
                        ],
                    ),
                },
                themes: row
                    .themes
                    .iter()
                    .map(|(nl, en)| name(nl, en))
                    .collect::<Vec<_>>()
                    .join(", "),
                shared: lang.t_args(
                    "resources-shared-by",
                    &[
                        (
                            "name",
                            match &row.shared_by {
                                None => lang.t("community-former-member"),
                                Some(n) if n.is_empty() => lang.t("resources-nameless"),
                                Some(n) => n.clone(),
                            }
                            .into(),
                        ),
                        ("date", lang.date_long(row.created_at).into()),
                    ],
                ),
                remove_href: may_remove(visit.standing, row.account_id == Some(signed.account.id))
                    .then(|| format!("{base}/bronnen/{}/verwijderen", row.public_id)),
            }
        })
        .collect();
    let choices = state.db.theme_choices().await?;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(
            name,
            lang.t(&format!("resources-field-{name}")),
            kind,
            value,
        );
        view.error = error_of(name);
        view
    };
    let path = format!("{base}/bronnen");
    let page = ResourcesPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("resources-heading"), &path, "account"),
        atelier: visit.atelier.title.clone(),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        items,
        filter,
        theme,
        older_href,
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        title: field("title", "text", &typed.title).required(),
        link: field("link", "url", &typed.link).described(lang.t("resources-field-link-help")),
        file: field("file", "file", "").described(lang.t("resources-field-file-help")),
        themes: field("themes", "checkboxes", "")
            .options(
                choices
                    .iter()
                    .map(|(id, nl, en)| (id.to_string(), name(nl, en)))
                    .collect(),
            )
            .chosen(&typed.themes),
        csrf: signed.csrf(state),
        base,
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

pub(super) async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let notice = notice(&uri, lang, NOTICES);
    let listing = Listing::of(&uri);
    let form = ResourceForm::default();
    render(&state, lang, &signed, &visit, &listing, &form, None, notice).await
}

/// A Dutch page for a body larger than the form may send (413): nothing was kept.
fn too_large_page(state: &AppState, lang: Lang, base: &str) -> Result<Response, PageError> {
    let heading = lang.t("resources-too-large-title");
    let back = format!("{base}/bronnen");
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &back, "account"),
        heading,
        paragraphs: vec![lang.t1(
            "resources-too-large-text",
            "size",
            size_label(lang, MAX_FILE_BYTES as i64),
        )],
        link: Some((lang.t("resources-back"), back)),
    };
    Ok(private(
        (StatusCode::PAYLOAD_TOO_LARGE, Html(page.render()?)).into_response(),
    ))
}

pub(super) async fn share(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, PageError> {
    // Those outside are answered before a byte of the body is read.
    let visit = inside(&state, &signed, &slug).await?;
    let sent = match upload::read(request, &state).await {
        Read::Sent(sent) => sent,
        Read::TooLarge => return too_large_page(&state, lang, &visit.base()),
        Read::Unreadable => return Ok(error_marker(StatusCode::BAD_REQUEST)),
    };
    let listing = Listing {
        theme: String::new(),
        before: None,
    };
    if !signed.csrf_ok(&state, &headers, &sent.csrf) {
        let refusal = Some(Refusal::Expired);
        return render(
            &state, lang, &signed, &visit, &listing, &sent.form, refusal, None,
        )
        .await;
    }
    let themes: Vec<i64> = state
        .db
        .theme_choices()
        .await?
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let parsed = sent
        .form
        .parse(&themes, sent.file.as_ref().map(|f| f.upload()));
    let resource = match parsed {
        Ok(resource) => resource,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(
                &state, lang, &signed, &visit, &listing, &sent.form, refusal, None,
            )
            .await;
        }
    };
    let bytes = match resource.content {
        Content::File(_) => sent.file.map(|f| f.bytes),
        Content::Link(_) => None,
    };
    state
        .db
        .share_resource(
            &files(&state),
            visit.atelier.id,
            signed.account.id,
            &resource,
            bytes,
            crate::time::now(),
        )
        .await?;
    Ok(private(see_other(format!(
        "{}/bronnen?bericht=gedeeld",
        visit.base()
    ))))
}

// ------------------------------------------------------------------ one resource

async fn resource_of(state: &AppState, visit: &Visit, id: &str) -> Result<ResourceRow, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .atelier_resource(visit.atelier.id, id)
        .await?
        .ok_or(PageError::NotFound)
}

/// A file, to those inside: its stored type, a download (PDF and images may show
/// in the browser), never sniffed, never cached.
pub(super) async fn download(
    State(state): State<AppState>,
    Path((slug, id, file)): Path<(String, String, String)>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let row = resource_of(&state, &visit, &id).await?;
    let kind = FileType::parse(&row.file_type).ok_or(PageError::NotFound)?;
    if file != row.file_name {
        return Err(PageError::NotFound);
    }
    let bytes = match tokio::fs::read(files(&state).path(&row.public_id)).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(resource = %row.public_id, "the file of a resource is missing");
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
        row.file_name
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

/// The resource if this person may remove it: 404 when it is not there, 403 when
/// it is someone else's and they do not run the atelier.
async fn removable(
    state: &AppState,
    signed: &Signed,
    slug: &str,
    id: &str,
) -> Result<(Visit, ResourceRow), PageError> {
    let visit = inside(state, signed, slug).await?;
    let row = resource_of(state, &visit, id).await?;
    if !may_remove(visit.standing, row.account_id == Some(signed.account.id)) {
        return Err(PageError::Forbidden);
    }
    Ok((visit, row))
}

fn render_remove(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    row: &ResourceRow,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let base = visit.base();
    let action = format!("{base}/bronnen/{}/verwijderen", row.public_id);
    let heading = lang.t("resources-remove-heading");
    let text_key = if row.url.is_empty() {
        "resources-remove-text-file"
    } else {
        "resources-remove-text-link"
    };
    let page = ConfirmPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "account"),
        heading,
        text: lang.t1(text_key, "title", row.title.as_str()),
        button: lang.t("resources-remove-button"),
        back_label: lang.t("resources-back"),
        back: format!("{base}/bronnen"),
        action,
        notice: notice.clone(),
        csrf: signed.csrf(state),
    };
    let status = if notice.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    Ok(private((status, Html(page.render()?)).into_response()))
}

pub(super) async fn confirm_remove(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
) -> Result<Response, PageError> {
    let (visit, row) = removable(&state, &signed, &slug, &id).await?;
    render_remove(&state, lang, &signed, &visit, &row, None)
}

pub(super) async fn remove(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (visit, row) = removable(&state, &signed, &slug, &id).await?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let notice = Some(lang.t("form-expired"));
        return render_remove(&state, lang, &signed, &visit, &row, notice);
    }
    state
        .db
        .remove_resource(
            &files(&state),
            visit.atelier.id,
            &row.public_id,
            Some(signed.account.id),
            crate::time::now(),
        )
        .await?;
    Ok(private(see_other(format!(
        "{}/bronnen?bericht=verwijderd",
        visit.base()
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_file_managers_show_them_and_the_limit_as_the_form_says() {
        assert_eq!(size_label(Lang::Nl, 1), "1 kB");
        assert_eq!(size_label(Lang::Nl, 120 * 1024), "120 kB");
        assert_eq!(size_label(Lang::Nl, 2_516_582), "2,4 MB");
        assert_eq!(size_label(Lang::En, 2_516_582), "2.4 MB");
        let limit = size_label(Lang::Nl, MAX_FILE_BYTES as i64);
        assert_eq!(limit, "10 MB");
        for lang in Lang::ALL {
            let limit = size_label(lang, MAX_FILE_BYTES as i64);
            for key in ["resources-field-file-help", "resource-error-file-too-large"] {
                assert!(lang.t(key).contains(&limit), "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_link_shows_its_host() {
        assert_eq!(host_of("https://www.movisie.nl/artikel?x=1"), "movisie.nl");
        assert_eq!(host_of("http://example.org"), "example.org");
    }
}
