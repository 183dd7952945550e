//! The member area's front page: where the person stands in the atelier, the next
//! meetings with their answer (ja / nee / misschien, for the meetings their level
//! invites them to) and their private calendar address, and who else takes part
//! (those who agreed to be listed, and the kartrekkers). Cases and the online space
//! join it as they are built.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::Visit;
use crate::db::community::Listing;
use crate::db::community::{Answer, AnswerOutcome, MemberMeeting};
use crate::domain::access::ActivityRole;
use crate::domain::community::membership::Standing;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{Pairs, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The member area's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("welkom", "community-notice-welcome"),
    ("antwoord", "community-notice-answered"),
];

/// How many coming meetings the page lists.
const MEETINGS_SHOWN: i64 = 6;
/// The newest threads of the space the home shows.
const THREADS_SHOWN: usize = 5;
/// The listed members the home shows (the kartrekkers and those who joined last);
/// the members page has them all, by name.
const MEMBERS_SHOWN: i64 = 24;

/// A member in the list other members see.
struct MemberItem {
    name: String,
    role: String,
    brings: String,
}

/// A coming meeting with the person's answer.
struct MeetingItem {
    id: i64,
    when: String,
    place: String,
    online_url: String,
    /// "Alleen voor leden" or "Openbaar".
    access: String,
    coming: String,
    /// The stored answer (`yes`, `no`, `maybe`), or empty.
    answer: String,
    /// Whether their level invites them (so they may answer).
    invited: bool,
    /// The message at this meeting's answer, after a refused one.
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "site/community/home.html")]
struct HomePage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    notice: Option<String>,
    /// Where the person stands, in a sentence.
    standing: String,
    meetings: Vec<MeetingItem>,
    threads: Vec<super::space::ThreadItem>,
    /// More listed members than the home shows: a link to them all.
    more_members: bool,
    /// (value, label) of the three answers.
    answers: Vec<(&'static str, String)>,
    /// The member's private calendar address (members only).
    feed_href: Option<String>,
    members: Vec<MemberItem>,
    /// The member's own page (members only).
    membership_href: Option<String>,
    /// The back office's members page (those who run it).
    manage_href: Option<String>,
    /// The back office's give-and-take overview (those who run it).
    ledger_href: String,
    /// The atelier in the back office (its series and research pages, for those who run it).
    manage_base: String,
    public_href: String,
    base: String,
    csrf: String,
}

/// A refused answer: which meeting, what to say, with which status.
struct Refused {
    session_id: i64,
    message: String,
    status: StatusCode,
}

fn meeting_item(
    lang: Lang,
    standing: Standing,
    meeting: MemberMeeting,
    refused: Option<&Refused>,
) -> MeetingItem {
    let place = match (&meeting.venue_name, &meeting.venue_city) {
        (Some(name), Some(city)) if !city.is_empty() => format!("{name}, {city}"),
        (Some(name), _) => name.clone(),
        (None, _) if !meeting.online_url.is_empty() => lang.t("community-meeting-online"),
        (None, _) => String::new(),
    };
    MeetingItem {
        id: meeting.session_id,
        when: format!(
            "{}, {}",
            lang.date_long(meeting.starts_at),
            lang.time_range(meeting.starts_at, meeting.ends_at)
        ),
        place,
        online_url: meeting.online_url,
        access: lang.t(if meeting.members_only {
            "community-meeting-members-only"
        } else {
            "community-meeting-public"
        }),
        coming: lang.t1("community-meeting-coming", "count", meeting.coming),
        answer: meeting.answer.unwrap_or_default(),
        invited: match standing {
            Standing::Member(level) => level.invited_to(!meeting.members_only),
            _ => false,
        },
        error: refused
            .filter(|r| r.session_id == meeting.session_id)
            .map(|r| r.message.clone()),
    }
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Response, PageError> {
    let standing = match visit.standing {
        Standing::Runs(role) => lang.t(match role {
            ActivityRole::Kartrekker => "community-standing-runs-kartrekker",
            _ => "community-standing-runs-organiser",
        }),
        Standing::Member(level) => {
            let since = visit
                .membership
                .as_ref()
                .and_then(|m| m.joined_at)
                .map(|t| lang.date_long(t))
                .unwrap_or_default();
            lang.t_args(
                "community-standing-member",
                &[
                    ("since", since.into()),
                    (
                        "level",
                        lang.t(&format!("community-level-{}", level.as_str()))
                            .to_lowercase()
                            .into(),
                    ),
                ],
            )
        }
        // Waiting: their own membership page says where the request stands.
        Standing::Waiting(_) => {
            return Ok(private(see_other(format!("{}/lidmaatschap", visit.base()))));
        }
        Standing::Outside => return Err(PageError::NotFound),
    };
    let now = crate::time::now();
    let meetings = state
        .db
        .member_meetings(visit.atelier.id, signed.account.id, now, MEETINGS_SHOWN)
        .await?
        .into_iter()
        .map(|m| meeting_item(lang, visit.standing, m, refused.as_ref()))
        .collect();
    // The newest members here; all of them on their own page.
    let mut members = member_items(state, lang, visit, Listing::Newest(MEMBERS_SHOWN + 1)).await?;
    let more_members = members.len() > MEMBERS_SHOWN as usize;
    members.truncate(MEMBERS_SHOWN as usize);
    let threads =
        super::space::newest_threads(state, lang, visit, signed.account.id, THREADS_SHOWN).await?;
    let base = visit.base();
    let member = matches!(visit.standing, Standing::Member(_));
    let feed_href = visit.membership.as_ref().filter(|_| member).map(|m| {
        format!(
            "{}{base}/agenda/{}/{}.ics",
            state.settings.base_url(),
            m.public_id,
            state.secret.feed_token(&m.public_id)
        )
    });
    let page = HomePage {
        lang,
        chrome: Chrome::new(state, lang, visit.atelier.title.clone(), &base, "account"),
        title: visit.atelier.title.clone(),
        notice,
        standing,
        meetings,
        threads,
        more_members,
        answers: Answer::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str(),
                    lang.t(&format!("community-answer-{}", a.as_str())),
                )
            })
            .collect(),
        feed_href,
        members,
        membership_href: member.then(|| format!("{base}/lidmaatschap")),
        manage_href: matches!(visit.standing, Standing::Runs(_))
            .then(|| format!("/beheer/activiteiten/{}/leden", visit.atelier.public_id)),
        ledger_href: format!(
            "/beheer/activiteiten/{}/halen-en-brengen",
            visit.atelier.public_id
        ),
        manage_base: format!("/beheer/activiteiten/{}", visit.atelier.public_id),
        public_href: format!("/activiteiten/{}", visit.atelier.slug),
        csrf: signed.csrf(state),
        base,
    };
    let status = refused.map_or(StatusCode::OK, |r| r.status);
    Ok(private((status, Html(page.render()?)).into_response()))
}

pub(super) async fn show_atelier(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .ok_or(PageError::NotFound)?;
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &signed, &visit, notice, None).await
}

/// A member answers one meeting: ja, nee or misschien.
pub(super) async fn answer_meeting(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, session)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .ok_or(PageError::NotFound)?;
    let Standing::Member(level) = visit.standing else {
        // Those who run it are not invited as members; anyone else is outside.
        return Err(match visit.standing {
            Standing::Runs(_) => PageError::Forbidden,
            _ => PageError::NotFound,
        });
    };
    let session_id: i64 = session.parse().map_err(|_| PageError::NotFound)?;
    let pairs = Pairs::parse(&body);
    let refuse = |message: String, status: StatusCode| {
        Some(Refused {
            session_id,
            message,
            status,
        })
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refused = refuse(lang.t("form-expired"), StatusCode::FORBIDDEN);
        return render(&state, lang, &signed, &visit, None, refused).await;
    }
    let Some(answer) = Answer::parse(&pairs.get("answer")) else {
        let refused = refuse(
            lang.t("community-error-answer"),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
        return render(&state, lang, &signed, &visit, None, refused).await;
    };
    let outcome = state
        .db
        .answer_meeting(
            visit.atelier.id,
            signed.account.id,
            level,
            session_id,
            answer,
            crate::time::now(),
        )
        .await?;
    let message = match outcome {
        AnswerOutcome::Saved => {
            return Ok(private(see_other(format!(
                "{}?bericht=antwoord#bijeenkomsten",
                visit.base()
            ))));
        }
        AnswerOutcome::NotFound => return Err(PageError::NotFound),
        AnswerOutcome::Past => "community-error-answer-past",
        AnswerOutcome::NotInvited => "community-error-answer-not-invited",
    };
    // The meeting may not be listed any more (past): the message then heads the page.
    let refused = refuse(lang.t(message), StatusCode::CONFLICT);
    let notice = Some(lang.t(message));
    render(&state, lang, &signed, &visit, notice, refused).await
}

/// The listed members `listing` names, each role's name looked up once.
async fn member_items(
    state: &AppState,
    lang: Lang,
    visit: &Visit,
    listing: Listing,
) -> sqlx::Result<Vec<MemberItem>> {
    let mut roles: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    Ok(state
        .db
        .listed_members(visit.atelier.id, listing)
        .await?
        .into_iter()
        .map(|m| {
            let key = if m.kartrekker {
                "kartrekker"
            } else {
                m.role.as_str()
            };
            let role = roles
                .entry(key.to_owned())
                .or_insert_with(|| lang.t(&format!("community-role-{key}")))
                .clone();
            MemberItem {
                role,
                name: m.name,
                brings: m.brings,
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "site/community/members.html")]
struct MembersPage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    base: String,
    members: Vec<MemberItem>,
}

/// Every member who agreed to be listed (`/ateliers/{slug}/leden`), for those inside.
pub(super) async fn list_members(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .filter(|v| v.standing.inside())
        .ok_or(PageError::NotFound)?;
    let base = visit.base();
    let members = member_items(&state, lang, &visit, Listing::All).await?;
    let path = format!("{base}/leden");
    let page = MembersPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("community-members-heading"),
            &path,
            "account",
        ),
        title: visit.atelier.title.clone(),
        base,
        members,
    };
    Ok(private(Html(page.render()?).into_response()))
}
