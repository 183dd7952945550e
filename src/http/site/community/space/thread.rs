//! One thread of an atelier's space (`/ateliers/{slug}/gesprekken/{thread}`): its
//! posts in order, a page of them at a time (`?vanaf=<post>`), each with who wrote
//! it ("oud-lid" once they left), the cases and meetings it mentions, a "nuttig"
//! button for the others and a button to take it away for its writer and those
//! who run the atelier; the reply form; following the thread (`…/volgen`).

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use super::{NOTICES, inside};
use crate::db::community::{PostOutcome, PostRow, ThreadDetail};
use crate::domain::community::space::{
    MAX_MENTIONS, Mention, POSTS_PER_PAGE, may_remove, mentions, parse_reply,
};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::notice;
use crate::http::kit::query::{public_id_shaped, query_param};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::http::site::community::Visit;
use crate::i18n::Lang;
use crate::markdown;

struct PostItem {
    id: i64,
    author: String,
    when: String,
    removed: bool,
    body_html: String,
    /// (href, label) of the cases and meetings it names.
    mentions: Vec<(String, String)>,
    helpful: String,
    /// The reader may mark it helpful (not their own, not marked yet).
    may_mark: bool,
    marked: bool,
    may_remove: bool,
    /// Whose post and when, for the buttons' hidden text.
    label: String,
}

#[derive(Template)]
#[template(path = "site/community/thread.html")]
struct ThreadPage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    href: String,
    heading: String,
    starter: String,
    /// (href, label) of the case or meeting it is about.
    about: Option<(String, String)>,
    following: bool,
    posts: Vec<PostItem>,
    /// Earlier and later pages of the thread.
    earlier: Option<String>,
    later: Option<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
    /// The same words on every post, looked up once.
    words: PostWords,
}

/// The words every post of a page shows.
struct PostWords {
    helpful: String,
    marked: String,
    remove: String,
    removed: String,
    mentions: String,
}

impl PostWords {
    fn new(lang: Lang) -> Self {
        Self {
            helpful: lang.t("space-helpful"),
            marked: lang.t("space-helpful-marked"),
            remove: lang.t("space-remove"),
            removed: lang.t("space-post-removed"),
            mentions: lang.t("space-mentions"),
        }
    }
}

async fn thread_of(
    state: &AppState,
    visit: &Visit,
    signed: &Signed,
    id: &str,
) -> Result<ThreadDetail, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .thread(visit.atelier.id, id, signed.account.id)
        .await?
        .ok_or(PageError::NotFound)
}

/// The addresses and labels of what a page of posts mentions, read once per page.
async fn mention_links(
    state: &AppState,
    lang: Lang,
    visit: &Visit,
    posts: &[PostRow],
) -> sqlx::Result<HashMap<i64, Vec<(String, String)>>> {
    let slug = &visit.atelier.slug;
    let per_post: Vec<(i64, Vec<Mention>)> = posts
        .iter()
        .filter(|p| p.removed_at.is_none())
        .map(|p| (p.id, mentions(&p.body, slug)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    let mut cases: Vec<String> = Vec::new();
    let mut meetings: Vec<i64> = Vec::new();
    for (_, found) in &per_post {
        for mention in found {
            match mention {
                Mention::Case(id) if !cases.contains(id) => cases.push(id.clone()),
                Mention::Meeting(id) if !meetings.contains(id) => meetings.push(*id),
                _ => {}
            }
        }
    }
    // A page of posts names at most this many distinct things; beyond it, none more.
    cases.truncate(MAX_MENTIONS * 4);
    meetings.truncate(MAX_MENTIONS * 4);
    let (cases, meetings) = state
        .db
        .mentioned(visit.atelier.id, &cases, &meetings)
        .await?;
    let base = visit.base();
    Ok(per_post
        .into_iter()
        .map(|(post, found)| {
            let links = found
                .iter()
                .filter_map(|mention| match mention {
                    Mention::Case(id) => cases.iter().find(|(c, _)| c == id).map(|(c, title)| {
                        (
                            format!("{base}/kwesties/{c}"),
                            lang.t1("space-about-case", "title", title.as_str()),
                        )
                    }),
                    Mention::Meeting(id) => {
                        meetings.iter().find(|(m, _)| m == id).map(|(m, at)| {
                            (
                                format!("{base}/bijeenkomsten/{m}"),
                                lang.t1(
                                    "space-about-meeting",
                                    "when",
                                    lang.date_long(*at).as_str(),
                                ),
                            )
                        })
                    }
                })
                .collect();
            (post, links)
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    thread: &ThreadDetail,
    from: i64,
    typed: &str,
    notice: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let base = visit.base();
    let href = format!("{base}/gesprekken/{}", thread.public_id);
    let mut rows = state
        .db
        .thread_posts(thread.id, signed.account.id, from, POSTS_PER_PAGE + 1)
        .await?;
    let more = rows.len() > POSTS_PER_PAGE;
    rows.truncate(POSTS_PER_PAGE);
    let mut links = mention_links(state, lang, visit, &rows).await?;
    let me = signed.account.id;
    let former = lang.t("community-former-member");
    let posts = rows
        .iter()
        .map(|p| {
            let own = p.account_id == Some(me);
            let author = p
                .author
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| former.clone());
            let when = format!(
                "{}, {}",
                lang.date_long(p.created_at),
                lang.time(p.created_at)
            );
            let may_mark = !own && !p.marked && p.removed_at.is_none();
            let may_remove = p.removed_at.is_none() && may_remove(visit.standing, own);
            PostItem {
                id: p.id,
                // Only the buttons need it; a page of posts looks it up only for them.
                label: if may_mark || may_remove {
                    format!(
                        "{}, {when}",
                        lang.t1("space-post-by", "name", author.as_str())
                    )
                } else {
                    String::new()
                },
                author,
                when,
                removed: p.removed_at.is_some(),
                body_html: markdown::post_to_html(&p.body),
                mentions: links.remove(&p.id).unwrap_or_default(),
                helpful: if p.helpful_count > 0 {
                    lang.t1("space-helpful-count", "count", i64::from(p.helpful_count))
                } else {
                    String::new()
                },
                may_mark,
                marked: p.marked,
                may_remove,
            }
        })
        .collect();
    let about = match (
        &thread.case_public_id,
        &thread.case_title,
        thread.session_id,
    ) {
        (Some(case), Some(title), _) => Some((
            format!("{base}/kwesties/{case}"),
            lang.t1("space-about-case", "title", title.as_str()),
        )),
        (_, _, Some(session)) => thread.session_starts_at.map(|at| {
            (
                format!("{base}/bijeenkomsten/{session}"),
                lang.t1("space-about-meeting", "when", lang.date_long(at).as_str()),
            )
        }),
        _ => None,
    };
    let mut body = FieldView::new("body", lang.t("space-field-reply"), "textarea", typed)
        .required()
        .rows(6)
        .described(lang.t("space-field-body-help"));
    body.error = refusal.as_ref().and_then(|r| r.error("body"));
    let page = ThreadPage {
        lang,
        chrome: Chrome::new(state, lang, thread.title.clone(), &href, "account"),
        atelier: visit.atelier.title.clone(),
        heading: thread.title.clone(),
        starter: thread
            .starter
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| lang.t("community-former-member")),
        about,
        following: thread.following,
        posts,
        earlier: (from > 0).then(|| href.clone()),
        later: more
            .then(|| rows.last().map(|p| format!("{href}?vanaf={}", p.id)))
            .flatten(),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![body],
        csrf: signed.csrf(state),
        words: PostWords::new(lang),
        base,
        href,
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

pub async fn show_thread(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    uri: OriginalUri,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let from = query_param(&uri, "vanaf")
        .and_then(|raw| raw.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .unwrap_or(0);
    let notice = notice(&uri, lang, NOTICES);
    render(
        &state, lang, &signed, &visit, &thread, from, "", notice, None,
    )
    .await
}

/// A reply; the writer follows the thread from now on.
pub async fn answer_thread(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = pairs.get("body");
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(
            &state, lang, &signed, &visit, &thread, 0, &typed, None, refusal,
        )
        .await;
    }
    let text = match parse_reply(&typed) {
        Ok(text) => text,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(
                &state, lang, &signed, &visit, &thread, 0, &typed, None, refusal,
            )
            .await;
        }
    };
    let post = state
        .db
        .reply(
            visit.atelier.id,
            thread.id,
            signed.account.id,
            &text,
            crate::time::now(),
        )
        .await?;
    state.mail_wake.notify_one();
    Ok(private(see_other(format!(
        "{}/gesprekken/{}?vanaf={}#bericht-{post}",
        visit.base(),
        thread.public_id,
        // The page that shows the new post: it starts just before it.
        post - 1
    ))))
}

/// Follows the thread (`follow=1`) or stops following it.
pub async fn follow_thread(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return Err(PageError::Forbidden);
    }
    let follow = pairs.on("follow");
    state
        .db
        .set_following(thread.id, signed.account.id, follow, crate::time::now())
        .await?;
    let word = if follow { "volgen" } else { "niet-volgen" };
    Ok(private(see_other(format!(
        "{}/gesprekken/{}?bericht={word}",
        visit.base(),
        thread.public_id
    ))))
}

/// The post a path names, as a number; 404 for anything else.
fn post_id(raw: &str) -> Result<i64, PageError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(PageError::NotFound)
}

/// Marks a post of someone else helpful.
pub async fn mark_helpful(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id, post)): Path<(String, String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let post = post_id(&post)?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &signed, &visit, &thread, 0, "", None, refusal).await;
    }
    let outcome = state
        .db
        .mark_helpful(
            visit.atelier.id,
            thread.id,
            post,
            signed.account.id,
            crate::time::now(),
        )
        .await?;
    match outcome {
        PostOutcome::Done | PostOutcome::Unchanged => Ok(private(see_other(format!(
            "{}/gesprekken/{}?bericht=nuttig&vanaf={}#bericht-{post}",
            visit.base(),
            thread.public_id,
            post - 1
        )))),
        PostOutcome::Own => {
            let refusal = Some(Refusal::NotNow(lang.t("space-error-helpful-own")));
            render(&state, lang, &signed, &visit, &thread, 0, "", None, refusal).await
        }
        PostOutcome::NotFound => Err(PageError::NotFound),
    }
}

/// Asks before a post is taken away, naming whose and when. Only for a post the
/// reader may take away; anyone else: 404.
pub async fn confirm_remove(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id, post)): Path<(String, String, String)>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let post = post_id(&post)?;
    let row = state
        .db
        .thread_posts(thread.id, signed.account.id, post - 1, 1)
        .await?
        .into_iter()
        .find(|p| p.id == post && p.removed_at.is_none())
        .filter(|p| may_remove(visit.standing, p.account_id == Some(signed.account.id)))
        .ok_or(PageError::NotFound)?;
    let href = format!("{}/gesprekken/{}", visit.base(), thread.public_id);
    let action = format!("{href}/berichten/{post}/weghalen");
    let heading = lang.t("space-remove-heading");
    let who = row
        .author
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| lang.t("community-former-member"));
    let page = super::super::ConfirmPage {
        lang,
        chrome: Chrome::new(&state, lang, heading.clone(), &action, "account"),
        heading,
        text: lang.t_args(
            "space-remove-text",
            &[
                ("name", who.as_str().into()),
                ("when", lang.date_long(row.created_at).as_str().into()),
                ("thread", thread.title.as_str().into()),
            ],
        ),
        button: lang.t("space-remove-button"),
        back_label: lang.t("space-remove-back"),
        back: format!("{href}?vanaf={}#bericht-{post}", post - 1),
        action,
        notice: None,
        csrf: signed.csrf(&state),
    };
    Ok(private(Html(page.render()?).into_response()))
}

/// Takes a post away: its writer, or someone who runs the atelier.
pub async fn remove_post(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id, post)): Path<(String, String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let thread = thread_of(&state, &visit, &signed, &id).await?;
    let post = post_id(&post)?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &signed, &visit, &thread, 0, "", None, refusal).await;
    }
    // Whoever runs the atelier may take any post away; a member only their own.
    let own_only = !may_remove(visit.standing, false);
    let outcome = state
        .db
        .remove_post(
            visit.atelier.id,
            thread.id,
            post,
            signed.account.id,
            own_only,
            crate::time::now(),
        )
        .await?;
    match outcome {
        PostOutcome::Done | PostOutcome::Unchanged | PostOutcome::Own => {
            Ok(private(see_other(format!(
                "{}/gesprekken/{}?bericht=weggehaald&vanaf={}#bericht-{post}",
                visit.base(),
                thread.public_id,
                post - 1
            ))))
        }
        PostOutcome::NotFound => Err(PageError::NotFound),
    }
}
