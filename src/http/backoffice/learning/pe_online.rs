//! The attendance of an accredited activity for PE-online: per run (the whole
//! activity, or each session when accredited per session) the number of attendees
//! with a registration number, the deadline (two months after the end), a text
//! file to paste into PE-online's import (`#number` a line) and the names of
//! attendees without a number.

use askama::Template;
use axum::extract::{Extension, Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::db::learning::pe_online::{PeOnline, PeOnlineRun};
use crate::domain::access::Permission;
use crate::domain::learning::pe_online::bulk_list;
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

struct RunView {
    heading: String,
    deadline: String,
    passed: bool,
    count: String,
    /// Nobody checked in yet.
    empty: bool,
    download: String,
    without: Vec<String>,
}

#[derive(Template)]
#[template(path = "backoffice/pe_online.html")]
struct PeOnlinePage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    list_href: String,
    path: String,
    register: String,
    without_intro: String,
    runs: Vec<RunView>,
}

/// The accreditation in the path (a number, else 404) and its lists.
async fn lists(
    state: &AppState,
    managed: &Managed,
    params: &[(String, String)],
) -> Result<(i64, PeOnline), PageError> {
    managed.require(Permission::Registrations)?;
    let id: i64 = params
        .iter()
        .find(|(k, _)| k == "accreditation")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or(PageError::NotFound)?;
    let lists = state
        .db
        .pe_online(managed.activity.id, id)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok((id, lists))
}

fn run_heading(lang: Lang, run: &PeOnlineRun) -> String {
    match run.session {
        Some((_, starts_at)) => lang.t_args(
            "pe-run-session",
            &[
                ("date", lang.date_long(starts_at).into()),
                ("id", run.id_number.as_str().into()),
            ],
        ),
        None => lang.t1("pe-run-whole", "id", run.id_number.as_str()),
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path(params): Path<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (id, lists) = lists(&state, &managed, &params).await?;
    let list_href = format!("{}/accreditatie", managed.base());
    let path = format!("{list_href}/{id}/pe-online");
    let today = crate::time::today();
    let runs = lists
        .runs
        .iter()
        .map(|run| RunView {
            heading: run_heading(lang, run),
            passed: run.deadline < today,
            deadline: lang.t1(
                if run.deadline < today {
                    "pe-deadline-passed"
                } else {
                    "pe-deadline"
                },
                "date",
                lang.day(run.deadline),
            ),
            count: lang.t1("pe-count", "count", run.numbers.len() as i64),
            empty: run.numbers.is_empty() && run.without_number.is_empty(),
            download: match run.session {
                Some((session, _)) => format!("{path}.txt?sessie={session}"),
                None => format!("{path}.txt"),
            },
            without: run.without_number.clone(),
        })
        .collect();
    let page = PeOnlinePage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("pe-heading"), &path, "backoffice"),
        managed: &managed,
        list_href,
        path,
        without_intro: lang.t1("pe-without", "register", lists.register_name.as_str()),
        register: lists.register_name,
        runs,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
pub(super) struct Which {
    sessie: Option<i64>,
}

/// The text file for PE-online's import: the whole activity, or with `?sessie=` one
/// session of an accreditation per session. A session that is not one of its runs
/// answers 404.
pub(super) async fn download(
    State(state): State<AppState>,
    managed: Managed,
    Path(params): Path<Vec<(String, String)>>,
    Query(which): Query<Which>,
) -> Result<Response, PageError> {
    let (_, lists) = lists(&state, &managed, &params).await?;
    let run = lists
        .runs
        .iter()
        .find(|run| run.session.map(|(id, _)| id) == which.sessie)
        .ok_or(PageError::NotFound)?;
    let name: String = run
        .id_number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"pe-online-{name}.txt\""),
            ),
        ],
        bulk_list(run.numbers.iter().map(String::as_str)),
    )
        .into_response())
}
