//! The atelier's online space for those inside: the threads, newest activity
//! first, paged by keyset (`/ateliers/{slug}/gesprekken?na=…`), how a member hears
//! of new posts (`…/gesprekken/mail`), starting a thread (`…/gesprekken/nieuw`),
//! and one thread with its posts (`thread`). Members of every level take part;
//! anyone else gets 404, as on the other member pages.

mod thread;

pub use thread::{
    answer_thread, confirm_remove, follow_thread, mark_helpful, remove_post, show_thread,
};

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::Visit;
use crate::db::community::ThreadRow;
use crate::domain::community::membership::Standing;
use crate::domain::community::space::{Cursor, MailChoice, THREADS_PER_PAGE, ThreadForm};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::query_param;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The space's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("mail", "space-notice-mail"),
    ("weggehaald", "space-notice-removed"),
    ("nuttig", "space-notice-helpful"),
    ("volgen", "space-notice-following"),
    ("niet-volgen", "space-notice-not-following"),
];

/// The visit if the person is inside the atelier; 404 otherwise.
async fn inside(state: &AppState, signed: &Signed, slug: &str) -> Result<Visit, PageError> {
    Visit::of(state, signed, slug)
        .await?
        .filter(|v| v.standing.inside())
        .ok_or(PageError::NotFound)
}

/// A thread in a list: on the space's page and on the atelier's home.
pub(crate) struct ThreadItem {
    pub href: String,
    pub title: String,
    pub starter: String,
    pub posts: String,
    pub last: String,
    pub following: bool,
}

impl ThreadItem {
    pub(crate) fn of(lang: Lang, base: &str, row: &ThreadRow) -> Self {
        Self {
            href: format!("{base}/gesprekken/{}", row.public_id),
            title: row.title.clone(),
            starter: row
                .starter
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| lang.t("community-former-member")),
            posts: lang.t1("space-post-count", "count", i64::from(row.post_count)),
            last: lang.date_long(row.last_post_at),
            following: row.following,
        }
    }
}

/// The newest threads of an atelier for its home page.
pub(crate) async fn newest_threads(
    state: &AppState,
    lang: Lang,
    visit: &Visit,
    viewer: i64,
    count: usize,
) -> sqlx::Result<Vec<ThreadItem>> {
    let base = visit.base();
    Ok(state
        .db
        .threads(visit.atelier.id, viewer, None, count)
        .await?
        .iter()
        .map(|row| ThreadItem::of(lang, &base, row))
        .collect())
}

#[derive(Template)]
#[template(path = "site/community/space.html")]
struct SpacePage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    base: String,
    notice: Option<String>,
    threads: Vec<ThreadItem>,
    /// The next page's address, when there is one.
    next: Option<String>,
    /// The first page's address, when this is a later one.
    first: Option<String>,
    /// The member's mail choice (one field); kartrekkers who are not members have
    /// none.
    fields: Vec<FieldView>,
    csrf: String,
}

pub(in crate::http::site::community) async fn list_threads(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let after = query_param(&uri, "na").and_then(|raw| Cursor::parse(&raw));
    let notice = notice(&uri, lang, NOTICES);
    render_list(&state, lang, &signed, &visit, after, notice, None).await
}

async fn render_list(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    after: Option<Cursor>,
    notice: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let base = visit.base();
    // One row more than a page says whether there is a next page, without counting.
    let mut rows = state
        .db
        .threads(
            visit.atelier.id,
            signed.account.id,
            after,
            THREADS_PER_PAGE + 1,
        )
        .await?;
    let more = rows.len() > THREADS_PER_PAGE;
    rows.truncate(THREADS_PER_PAGE);
    let path = format!("{base}/gesprekken");
    let next = more
        .then(|| {
            rows.last()
                .map(|r| format!("{path}?na={}", r.cursor().encode()))
        })
        .flatten();
    let threads = rows
        .iter()
        .map(|row| ThreadItem::of(lang, &base, row))
        .collect();
    let mail = state
        .db
        .space_mail(visit.atelier.id, signed.account.id)
        .await?
        .filter(|_| matches!(visit.standing, Standing::Member(_)))
        .map(|choice| {
            let mut view = FieldView::new(
                "mail",
                lang.t("space-field-mail"),
                "radios",
                choice.as_str(),
            )
            // Always one of the three: not optional.
            .required()
            .options(
                MailChoice::ALL
                    .iter()
                    .map(|c| {
                        (
                            c.as_str().to_owned(),
                            lang.t(&format!("space-mail-{}", c.as_str())),
                        )
                    })
                    .collect(),
            );
            view.error = refusal.as_ref().and_then(|r| r.error("mail"));
            view
        });
    let page = SpacePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("space-heading"), &path, "account"),
        title: visit.atelier.title.clone(),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        threads,
        next,
        first: after.map(|_| path.clone()),
        fields: mail.into_iter().collect(),
        csrf: signed.csrf(state),
        base,
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

/// Saves how the member hears of new posts.
pub(in crate::http::site::community) async fn save_mail(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render_list(&state, lang, &signed, &visit, None, None, refusal).await;
    }
    let Some(choice) = MailChoice::parse(&pairs.get("mail")) else {
        let refusal = Some(Refusal::field("mail", lang.t("space-error-mail")));
        return render_list(&state, lang, &signed, &visit, None, None, refusal).await;
    };
    if !state
        .db
        .set_space_mail(
            visit.atelier.id,
            signed.account.id,
            choice,
            crate::time::now(),
        )
        .await?
    {
        // Those who run the atelier without being a member have no choice to save.
        return Err(PageError::NotFound);
    }
    Ok(private(see_other(format!(
        "{}/gesprekken?bericht=mail",
        visit.base()
    ))))
}

// ------------------------------------------------------------------ a new thread

#[derive(Template)]
#[template(path = "site/community/thread_form.html")]
struct ThreadFormPage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    base: String,
    action: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

/// What a thread may be about: the atelier's open cases and its meetings, as
/// (value, label) for the form and the values the form accepts.
async fn about_choices(
    state: &AppState,
    lang: Lang,
    visit: &Visit,
) -> sqlx::Result<(Vec<(String, String)>, Vec<String>, Vec<i64>)> {
    let now = crate::time::now();
    let cases = state.db.atelier_cases(visit.atelier.id).await?;
    let meetings = state.db.atelier_meetings(visit.atelier.id, now).await?;
    let mut options = vec![(String::new(), lang.t("space-field-about-none"))];
    options.extend(cases.iter().map(|c| {
        (
            format!("case:{}", c.public_id),
            lang.t1("space-about-case", "title", c.title.as_str()),
        )
    }));
    options.extend(meetings.iter().map(|m| {
        (
            format!("meeting:{}", m.id),
            lang.t1(
                "space-about-meeting",
                "when",
                lang.date_long(m.starts_at).as_str(),
            ),
        )
    }));
    Ok((
        options,
        cases.into_iter().map(|c| c.public_id).collect(),
        meetings.into_iter().map(|m| m.id).collect(),
    ))
}

async fn render_thread_form(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    typed: &ThreadForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let (about, ..) = about_choices(state, lang, visit).await?;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("space-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("title", "text", &typed.title).required(),
        field("body", "textarea", &typed.body)
            .required()
            .rows(8)
            .described(lang.t("space-field-body-help")),
        field("about", "select", &typed.about)
            .options(about)
            .described(lang.t("space-field-about-help")),
    ];
    let base = visit.base();
    let action = format!("{base}/gesprekken/nieuw");
    let page = ThreadFormPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("space-new-heading"), &action, "account"),
        title: visit.atelier.title.clone(),
        base,
        action,
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

pub(in crate::http::site::community) async fn new_thread(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    render_thread_form(&state, lang, &signed, &visit, &ThreadForm::default(), None).await
}

pub(in crate::http::site::community) async fn start_thread(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let pairs = Pairs::parse(&body);
    let form = ThreadForm {
        title: pairs.get("title"),
        body: pairs.get("body"),
        about: pairs.get("about"),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render_thread_form(&state, lang, &signed, &visit, &form, refusal).await;
    }
    let (_, cases, meetings) = about_choices(&state, lang, &visit).await?;
    let thread = match form.parse(&cases, &meetings) {
        Ok(thread) => thread,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_thread_form(&state, lang, &signed, &visit, &form, refusal).await;
        }
    };
    let public_id = state
        .db
        .start_thread(
            visit.atelier.id,
            signed.account.id,
            &thread,
            crate::time::now(),
        )
        .await?;
    state.mail_wake.notify_one();
    Ok(private(see_other(format!(
        "{}/gesprekken/{public_id}",
        visit.base()
    ))))
}
