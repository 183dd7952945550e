//! Asking to join an atelier and one's own membership: one page whose heading and
//! button follow where the membership stands (not yet asked, invited, waiting for the
//! kartrekker, member), and leaving (or withdrawing a request) after a confirmation.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use super::Visit;
use crate::db::community::JoinOutcome;
use crate::domain::activity::ActivityStatus;
use crate::domain::community::membership::{
    Level, MAX_BRINGS, MemberState, SettingsForm, Standing,
};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The membership page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("gevraagd", "community-notice-requested"),
    ("opgeslagen", "community-notice-saved"),
];

#[derive(Template)]
#[template(path = "site/community/membership.html")]
struct MembershipPage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    /// Paragraphs above the form: what this step means.
    intro: Vec<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    action: String,
    button: String,
    /// The way out: (text, href) — leaving, or withdrawing a request.
    leave: Option<(String, String)>,
    public_href: String,
    csrf: String,
}

/// What the form shows: the stored settings, or what was typed.
struct Typed {
    name: String,
    level: String,
    brings: String,
    listed: bool,
}

/// Whether the page is there for this visit: not for those who run the atelier
/// (they are inside already), and joining only a published atelier.
enum Access {
    Page,
    ToAtelier,
    NotFound,
}

fn access(visit: &Visit) -> Access {
    let waiting_or_in = visit.membership.as_ref().is_some_and(|m| {
        matches!(
            m.state,
            MemberState::Active | MemberState::Requested | MemberState::Invited
        )
    });
    match visit.standing {
        Standing::Runs(_) => Access::ToAtelier,
        _ if waiting_or_in || visit.atelier.status == ActivityStatus::Published => Access::Page,
        _ => Access::NotFound,
    }
}

fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    typed: Option<Typed>,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let title = &visit.atelier.title;
    let membership = visit.membership.as_ref();
    let current = membership.map(|m| m.state);
    let typed = typed.unwrap_or_else(|| match membership {
        Some(m) if m.state != MemberState::Invited => Typed {
            name: signed.account.name.clone(),
            level: m.level.as_str().to_owned(),
            brings: m.brings.clone(),
            listed: m.listed,
        },
        _ => Typed {
            name: signed.account.name.clone(),
            level: String::new(),
            brings: String::new(),
            listed: false,
        },
    });
    let base = visit.base();
    let (heading, button, mut intro, leave) = match current {
        Some(MemberState::Active) => (
            lang.t1("community-membership-heading", "title", title.as_str()),
            lang.t("community-save"),
            vec![lang.t("community-membership-intro")],
            Some((lang.t("community-leave"), format!("{base}/opzeggen"))),
        ),
        Some(MemberState::Requested) => (
            lang.t1("community-request-heading", "title", title.as_str()),
            lang.t("community-request-update"),
            vec![lang.t("community-request-waiting")],
            Some((
                lang.t("community-request-withdraw"),
                format!("{base}/opzeggen"),
            )),
        ),
        Some(MemberState::Invited) => (
            lang.t1("community-join-heading", "title", title.as_str()),
            lang.t("community-join"),
            vec![
                lang.t("community-join-invited"),
                lang.t("community-join-intro"),
            ],
            None,
        ),
        _ => (
            lang.t1("community-join-heading", "title", title.as_str()),
            if visit.atelier.open_joining {
                lang.t("community-join")
            } else {
                lang.t("community-join-ask")
            },
            vec![
                lang.t("community-join-intro"),
                if visit.atelier.open_joining {
                    lang.t("community-join-open")
                } else {
                    lang.t("community-join-decides")
                },
            ],
            None,
        ),
    };
    if let Some(m) = membership.filter(|m| m.state == MemberState::Declined) {
        intro.insert(0, lang.t("community-declined-before"));
        if !m.decision_message.is_empty() {
            intro.insert(1, m.decision_message.clone());
        }
    }
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let mut name = FieldView::new("name", lang.t("community-field-name"), "text", &typed.name)
        .required()
        .autocomplete("name")
        .described(lang.t("community-field-name-help"));
    name.error = error_of("name");
    let mut level = FieldView::new(
        "level",
        lang.t("community-field-level"),
        "radios",
        &typed.level,
    )
    .required()
    .options(
        Level::ALL
            .iter()
            .map(|l| {
                (
                    l.as_str().to_owned(),
                    format!(
                        "{} — {}",
                        lang.t(&format!("community-level-{}", l.as_str())),
                        lang.t(&format!("community-level-{}-help", l.as_str()))
                    ),
                )
            })
            .collect(),
    );
    level.error = error_of("level");
    // A box that wraps: the sentence (up to 300 characters) stays in view as a whole.
    let mut brings = FieldView::new(
        "brings",
        lang.t("community-field-brings"),
        "textarea",
        &typed.brings,
    )
    .rows(3)
    .required()
    .described(lang.t1("community-field-brings-help", "max", MAX_BRINGS as i64));
    brings.error = error_of("brings");
    let listed = FieldView::checkbox("listed", lang.t("community-field-listed"), typed.listed)
        .described(lang.t("community-field-listed-help"));
    let path = format!("{base}/lidmaatschap");
    let page = MembershipPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &path, "account"),
        heading,
        intro,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![name, level, brings, listed],
        action: path,
        button,
        leave,
        public_href: format!("/activiteiten/{}", visit.atelier.slug),
        csrf: signed.csrf(state),
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

pub(super) async fn show_membership(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .ok_or(PageError::NotFound)?;
    match access(&visit) {
        Access::NotFound => Err(PageError::NotFound),
        Access::ToAtelier => Ok(private(see_other(visit.base()))),
        Access::Page => {
            let notice = notice(&uri, lang, NOTICES);
            render(&state, lang, &signed, &visit, None, None, notice)
        }
    }
}

pub(super) async fn save_membership(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .ok_or(PageError::NotFound)?;
    match access(&visit) {
        Access::NotFound => return Err(PageError::NotFound),
        Access::ToAtelier => return Ok(private(see_other(visit.base()))),
        Access::Page => {}
    }
    let pairs = Pairs::parse(&body);
    let form = SettingsForm {
        name: pairs.get("name"),
        level: pairs.get("level"),
        brings: pairs.get("brings"),
        listed: pairs.on("listed").then(|| "1".to_owned()),
    };
    let typed = Typed {
        name: form.name.clone(),
        level: form.level.clone(),
        brings: form.brings.clone(),
        listed: form.listed.is_some(),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &signed, &visit, Some(typed), refusal, None);
    }
    let settings = match form.parse() {
        Ok(settings) => settings,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &signed, &visit, Some(typed), refusal, None);
        }
    };
    let outcome = state
        .db
        .join_atelier(
            visit.atelier.id,
            signed.account.id,
            &settings,
            lang,
            crate::time::now(),
        )
        .await?;
    let base = visit.base();
    let to = match outcome {
        JoinOutcome::Joined => format!("{base}?bericht=welkom"),
        JoinOutcome::Updated => format!("{base}/lidmaatschap?bericht=opgeslagen"),
        JoinOutcome::Requested | JoinOutcome::StillWaiting => {
            format!("{base}/lidmaatschap?bericht=gevraagd")
        }
        JoinOutcome::Conflict => {
            // Read again: the page shows the membership as it is now, the typed
            // values kept.
            let visit = Visit::of(&state, &signed, &slug)
                .await?
                .ok_or(PageError::NotFound)?;
            let refusal = Some(Refusal::NotNow(lang.t("community-conflict")));
            return render(&state, lang, &signed, &visit, Some(typed), refusal, None);
        }
    };
    if matches!(outcome, JoinOutcome::Joined | JoinOutcome::Requested) {
        state.mail_wake.notify_one();
    }
    Ok(private(see_other(to)))
}

#[derive(Template)]
#[template(path = "site/community/leave.html")]
struct LeavePage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    text: String,
    button: String,
    action: String,
    back: String,
    csrf: String,
    notice: Option<String>,
    /// An active member may ask to take their posts away as they leave.
    posts_choice: bool,
}

fn leave_page(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let title = visit.atelier.title.as_str();
    let waiting = visit
        .membership
        .as_ref()
        .is_some_and(|m| m.state != MemberState::Active);
    let (heading, text, button) = if waiting {
        (
            lang.t1("community-withdraw-heading", "title", title),
            lang.t("community-withdraw-text"),
            lang.t("community-request-withdraw"),
        )
    } else {
        (
            lang.t1("community-leave-heading", "title", title),
            lang.t("community-leave-text"),
            lang.t("community-leave"),
        )
    };
    let action = format!("{}/opzeggen", visit.base());
    let page = LeavePage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "account"),
        heading,
        text,
        button,
        back: format!("{}/lidmaatschap", visit.base()),
        action,
        csrf: signed.csrf(state),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        posts_choice: !waiting,
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

/// Leaving is for members and those waiting; anyone else has nothing to leave.
fn may_leave(visit: &Visit) -> bool {
    visit.membership.as_ref().is_some_and(|m| {
        matches!(
            m.state,
            MemberState::Active | MemberState::Requested | MemberState::Invited
        )
    })
}

pub(super) async fn confirm_leave(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .filter(may_leave)
        .ok_or(PageError::NotFound)?;
    leave_page(&state, lang, &signed, &visit, None)
}

pub(super) async fn leave(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .filter(may_leave)
        .ok_or(PageError::NotFound)?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return leave_page(&state, lang, &signed, &visit, Some(Refusal::Expired));
    }
    state
        .db
        .leave_atelier(
            visit.atelier.id,
            signed.account.id,
            pairs.on("remove_posts"),
            crate::time::now(),
        )
        .await?;
    Ok(private(
        see_other("/account?bericht=atelier-verlaten".to_owned()).into_response(),
    ))
}
