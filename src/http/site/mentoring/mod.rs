//! Meester-gezel mentoring for a signed-in professional (`/mentoring`): the
//! programmes, and a programme's page (`/mentoring/{programme}`) with their profile,
//! the suggestions that fit them with the reason in words (a GET form: learn or
//! offer, more or less experience — reverse mentoring is one choice among others),
//! their requests to answer and their pairs. Profiles are shown only to those with a
//! profile in the same programme; an email address only on the pair's page, after
//! acceptance. The profile form is in [`profile`], asking and answering in
//! [`requests`], a pair's path in [`pair`].

mod pair;
mod profile;
mod requests;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::mentoring::requests::RequestView;
use crate::db::mentoring::{Participant, Programme};
use crate::domain::mentoring::matching::{Place, Prefer, Reason, Seeker, suggest};
use crate::domain::mentoring::{Direction, ProgrammeRole, join_names};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::{public_id_shaped, query_param};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

pub(crate) const PATH: &str = "/mentoring";
/// Suggestions shown at most.
const SUGGESTIONS: usize = 10;
/// Largest form body: the longest texts are 2,000 characters.
const MAX_BODY: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(list))
        .route("/mentoring/{programme}", get(home))
        .route(
            "/mentoring/{programme}/profiel",
            get(profile::form).post(profile::save),
        )
        .route(
            "/mentoring/{programme}/vragen/{profile}",
            get(requests::ask_form).post(requests::ask),
        )
        .route(
            "/mentoring/verzoeken/{request}/accepteren",
            post(requests::accept),
        )
        .route(
            "/mentoring/verzoeken/{request}/afwijzen",
            get(requests::decline_form).post(requests::decline),
        )
        .route("/mentoring/koppels/{pair}", get(pair::show))
        .route("/mentoring/koppels/{pair}/afspraken", post(pair::agree))
        .route("/mentoring/koppels/{pair}/logboek", post(pair::log))
        .route("/mentoring/koppels/{pair}/delen", post(pair::share))
        .route("/mentoring/koppels/{pair}/evaluatie", post(pair::evaluate))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// The programme page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("opgeslagen", "mentoring-notice-saved"),
    ("verstuurd", "mentoring-notice-sent"),
    ("afgewezen", "mentoring-notice-declined"),
    ("wacht", "mentoring-notice-waiting"),
];

/// The programme a path names; 404 when there is none (or the id is not shaped
/// like one).
pub(crate) async fn programme_of(state: &AppState, id: &str) -> Result<Programme, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state.db.programme(id).await?.ok_or(PageError::NotFound)
}

/// Whether the account reaches the programme's back office.
async fn manages(
    state: &AppState,
    signed: &Signed,
    programme: &Programme,
) -> Result<bool, PageError> {
    let coordinator = state
        .db
        .coordinated_by(signed.account.id)
        .await?
        .contains(&programme.id);
    Ok(ProgrammeRole::of(
        &signed.account.roles,
        programme.organisation_id,
        coordinator,
    )
    .is_some())
}

/// A theme's name in the reader's language, from (id, nl, en).
pub(crate) fn theme_name(lang: Lang, themes: &[(i64, String, String)], id: i64) -> String {
    themes
        .iter()
        .find(|(t, ..)| *t == id)
        .map(|(_, nl, en)| {
            if lang == Lang::En {
                en.clone()
            } else {
                nl.clone()
            }
        })
        .unwrap_or_default()
}

/// "jullie delen A en B; Anne werkt 22 jaar in het vak; jullie kunnen afspreken in
/// Utrecht".
pub(crate) fn reason_text(
    lang: Lang,
    themes: &[(i64, String, String)],
    name: &str,
    region: &str,
    reason: &Reason,
) -> String {
    let names: Vec<String> = reason
        .shared
        .iter()
        .map(|id| theme_name(lang, themes, *id))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut parts = vec![lang.t1(
        "mentoring-reason-shared",
        "themes",
        join_names(&refs, &lang.t("mentoring-and")),
    )];
    parts.push(lang.t_args(
        "mentoring-reason-years",
        &[
            ("name", name.into()),
            ("years", i64::from(reason.years).into()),
        ],
    ));
    parts.push(match reason.place {
        Place::SameRegion => lang.t1("mentoring-reason-region", "region", region),
        Place::Online => lang.t("mentoring-reason-online"),
    });
    parts.join("; ")
}

struct ProgrammeItem {
    href: String,
    title: String,
    organisation: String,
    intro: String,
    linked: Option<(String, String)>,
    taking_part: bool,
    open: bool,
    manage: Option<String>,
}

#[derive(Template)]
#[template(path = "site/mentoring/list.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    programmes: Vec<ProgrammeItem>,
}

async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let account = signed.account.id;
    let coordinated = state.db.coordinated_by(account).await?;
    let mut programmes = Vec::new();
    for p in state.db.programmes().await? {
        let taking_part = state.db.participant(p.id, account).await?.is_some();
        let manage = ProgrammeRole::of(
            &signed.account.roles,
            p.organisation_id,
            coordinated.contains(&p.id),
        )
        .map(|_| format!("/beheer/mentoring/{}", p.public_id));
        if !p.open && !taking_part && manage.is_none() {
            continue;
        }
        programmes.push(ProgrammeItem {
            href: format!("{PATH}/{}", p.public_id),
            linked: p
                .activity_slug
                .clone()
                .zip(p.activity_title.clone())
                .map(|(slug, title)| (format!("/activiteiten/{slug}"), title)),
            title: p.title,
            organisation: p.organisation_name,
            intro: p.intro,
            taking_part,
            open: p.open,
            manage,
        });
    }
    let page = ListPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("mentoring-heading"), PATH, "account"),
        programmes,
    };
    Ok(private(Html(page.render()?).into_response()))
}

/// A suggestion as the page shows it.
struct SuggestionView {
    name: String,
    facts: String,
    themes: String,
    offers: String,
    wants: String,
    reason: String,
    ask: String,
}

/// A request as the page shows it.
pub(crate) struct RequestItem {
    title: String,
    role: String,
    theme: Option<String>,
    message: String,
    state: String,
    answer: String,
    expires: String,
    accept: Option<String>,
    decline: Option<String>,
}

pub(crate) fn request_item(lang: Lang, r: &RequestView) -> RequestItem {
    let now = crate::time::now();
    let state = if r.state == "open" && r.expires_at <= now {
        "expired".to_owned()
    } else {
        r.state.clone()
    };
    let name = r.other_name.as_str();
    let title = if r.proposed {
        lang.t1("mentoring-request-proposed", "name", name)
    } else if r.asked_by_me {
        lang.t1("mentoring-request-to", "name", name)
    } else {
        lang.t1("mentoring-request-from", "name", name)
    };
    let role = if r.me_mentor() {
        lang.t("mentoring-request-you-mentor")
    } else {
        lang.t1("mentoring-request-you-mentee", "name", name)
    };
    let base = format!("{PATH}/verzoeken/{}", r.public_id);
    RequestItem {
        title,
        role,
        theme: if lang == Lang::En {
            r.theme_en.clone()
        } else {
            r.theme_nl.clone()
        }
        .map(|t| lang.t1("mentoring-request-theme", "theme", t)),
        message: r.message.clone(),
        state: lang.t(&format!("mentoring-state-{state}")),
        answer: r.answer.clone(),
        expires: lang.t1(
            "mentoring-request-expires",
            "date",
            lang.date_long(r.expires_at),
        ),
        accept: r.mine_to_answer.then(|| format!("{base}/accepteren")),
        decline: r.mine_to_answer.then(|| format!("{base}/afwijzen")),
    }
}

struct PairItem {
    href: String,
    title: String,
    state: String,
    reverse: bool,
}

#[derive(Template)]
#[template(path = "site/mentoring/home.html")]
struct HomePage {
    lang: Lang,
    chrome: Chrome,
    programme: Programme,
    base: String,
    notice: Option<String>,
    manage: Option<String>,
    /// Their own profile, in words; `None`: none yet.
    me: Option<Vec<(String, String)>>,
    resting: bool,
    directions: Vec<(String, String)>,
    direction: String,
    prefers: Vec<(String, String)>,
    prefer: String,
    suggestions: Vec<SuggestionView>,
    requests: Vec<RequestItem>,
    pairs: Vec<PairItem>,
    csrf: String,
}

/// A profile's facts in words: role, years, region and meeting, themes.
pub(crate) fn profile_facts(
    lang: Lang,
    themes: &[(i64, String, String)],
    p: &crate::domain::mentoring::profile::Profile,
) -> (String, String) {
    let facts = [
        lang.t(&format!("mentoring-role-{}", p.role.as_str())),
        lang.t1("mentoring-years", "years", i64::from(p.years)),
        p.region.clone(),
        lang.t(&format!("mentoring-meeting-{}", p.meeting.as_str())),
    ]
    .join(" · ");
    let names: Vec<String> = p
        .themes
        .iter()
        .map(|id| theme_name(lang, themes, *id))
        .collect();
    (facts, names.join(", "))
}

async fn home(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let programme = programme_of(&state, &id).await?;
    let account = signed.account.id;
    let base = format!("{PATH}/{}", programme.public_id);
    let manage = manages(&state, &signed, &programme)
        .await?
        .then(|| format!("/beheer/mentoring/{}", programme.public_id));
    let themes = state.db.theme_choices().await?;
    let own = state.db.participant(programme.id, account).await?;
    let mut page = HomePage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            programme.title.clone(),
            &crate::http::kit::query::path_of(&uri),
            "account",
        ),
        base: base.clone(),
        notice: notice(&uri, lang, NOTICES),
        manage,
        me: None,
        resting: false,
        directions: Direction::ALL
            .iter()
            .map(|d| {
                (
                    d.as_str().to_owned(),
                    lang.t(&format!("mentoring-direction-{}", d.as_str())),
                )
            })
            .collect(),
        direction: String::new(),
        prefers: Prefer::ALL
            .iter()
            .map(|p| {
                (
                    p.as_str().to_owned(),
                    lang.t(&format!("mentoring-prefer-{}", p.as_str())),
                )
            })
            .collect(),
        prefer: String::new(),
        suggestions: Vec::new(),
        requests: Vec::new(),
        pairs: Vec::new(),
        csrf: signed.csrf(&state),
        programme,
    };
    let Some(own) = own else {
        return Ok(private(Html(page.render()?).into_response()));
    };
    let me = &own.stored.profile;
    let (facts, theme_names) = profile_facts(lang, &themes, me);
    page.me = Some(vec![
        (lang.t("mentoring-field-name"), me.name.clone()),
        (lang.t("mentoring-your-profile"), facts),
        (lang.t("mentoring-field-themes"), theme_names),
    ]);
    page.resting = !me.open;
    let direction = query_param(&uri, "richting")
        .and_then(|d| Direction::parse(&d))
        .unwrap_or(if me.role.asks() {
            Direction::Learn
        } else {
            Direction::Offer
        });
    let prefer = query_param(&uri, "ervaring")
        .and_then(|p| Prefer::parse(&p))
        .unwrap_or(Prefer::Any);
    page.direction = direction.as_str().to_owned();
    page.prefer = prefer.as_str().to_owned();
    let (participants, requests, pairs) = tokio::try_join!(
        state.participants(page.programme.id),
        state.db.requests_of(page.programme.id, account),
        state.db.pairs_of(page.programme.id, account),
    )?;
    let now = crate::time::now();
    // Already asked or paired: not suggested again.
    let mut exclude: Vec<i64> = pairs
        .iter()
        .filter(|p| p.active())
        .map(|p| p.other(account))
        .collect();
    let by_profile = |id: Option<i64>| {
        participants
            .iter()
            .find(|p| Some(p.stored.id) == id)
            .map(|p| p.stored.account_id)
    };
    exclude.extend(
        requests
            .iter()
            .filter(|r| r.state == "open" && r.expires_at > now)
            .filter_map(|r| by_profile(r.other_profile)),
    );
    let seeker = Seeker {
        account_id: account,
        role: me.role,
        themes: me.themes.clone(),
        years: me.years,
        region: me.region.clone(),
        meeting: me.meeting,
    };
    let candidates: Vec<_> = participants.iter().map(Participant::candidate).collect();
    let found = suggest(
        &seeker,
        direction,
        prefer,
        &candidates,
        &exclude,
        SUGGESTIONS,
    );
    page.suggestions = found
        .iter()
        .map(|s| {
            let other = &participants[s.index].stored;
            let p = &other.profile;
            let (facts, themes_text) = profile_facts(lang, &themes, p);
            SuggestionView {
                reason: reason_text(lang, &themes, &p.name, &p.region, &s.reason),
                name: p.name.clone(),
                facts,
                themes: themes_text,
                offers: p.offers.clone(),
                wants: p.wants.clone(),
                ask: format!("{base}/vragen/{}?richting={}", other.id, direction.as_str()),
            }
        })
        .collect();
    page.requests = requests.iter().map(|r| request_item(lang, r)).collect();
    page.pairs = pairs
        .iter()
        .map(|p| {
            let other = if p.is_mentor(account) {
                lang.t1("mentoring-pair-with-mentor", "name", p.mentee_name.as_str())
            } else {
                lang.t1("mentoring-pair-with-mentee", "name", p.mentor_name.as_str())
            };
            PairItem {
                href: format!("{PATH}/koppels/{}", p.public_id),
                title: other,
                state: lang.t(&format!("mentoring-pair-state-{}", p.state)),
                reverse: p.reverse,
            }
        })
        .collect();
    Ok(private(Html(page.render()?).into_response()))
}
