//! The public page of a theme inventory (`/inventarisatie/{id}`): what it is for,
//! the proposed themes (merged and declined ones with what happened to them, the
//! reason shown to the proposer), a form to propose a theme and one to vote, and —
//! once closed, if the organiser chose so — the results and the decision. Voting
//! needs no account: the vote counts when the emailed link is followed
//! ([`confirm`]); a signed-in account's own address counts at once.

pub mod confirm;
pub mod results;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, Response};
use axum::routing::{get, post};

use crate::db::survey::{CastOutcome, ProposalRow, RoundRow, Vote};
use crate::domain::input::FieldError;
use crate::domain::registration::Email;
use crate::domain::survey::tally::THRESHOLD;
use crate::domain::survey::{
    BallotForm, Phase, ProposalForm, ProposalStatus, REGIONS, Role, phase, results_public,
};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::csrf::{cross_site, csrf_binding, csrf_cookie};
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inventarisatie/{id}", get(show_round))
        .route("/inventarisatie/{id}/voorstellen", post(propose))
        .route("/inventarisatie/{id}/stemmen", post(vote))
        .route(
            "/inventarisatie/bevestigen/{token}",
            get(confirm::show).post(confirm::confirm),
        )
        .layer(DefaultBodyLimit::max(64 * 1024))
}

/// The round page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("voorgesteld", "survey-notice-proposed"),
    ("gestemd", "survey-notice-voted"),
    ("mail", "survey-notice-check-mail"),
    ("bevestigd", "survey-notice-confirmed"),
];

/// A proposal as the page lists it.
pub struct ProposalItem {
    pub id: i64,
    pub title: String,
    pub want: String,
    pub why_now: String,
    /// The proposer's own words when the organiser reworded it.
    pub original: Option<(String, String, String)>,
    pub votes: String,
    pub chosen: bool,
    /// What happened to a merged or declined one.
    pub outcome: Option<String>,
}

impl ProposalItem {
    pub fn new(lang: Lang, p: &ProposalRow, all: &[ProposalRow]) -> Self {
        let outcome = match p.status() {
            ProposalStatus::Open => None,
            ProposalStatus::Merged => {
                let into = all
                    .iter()
                    .find(|q| Some(q.id) == p.merged_into)
                    .map(|q| q.title.as_str())
                    .unwrap_or("");
                Some(lang.t1("survey-proposal-merged", "title", into))
            }
            ProposalStatus::Declined => Some(lang.t1(
                "survey-proposal-declined",
                "reason",
                p.declined_reason.as_str(),
            )),
        };
        Self {
            id: p.id,
            title: p.title.clone(),
            want: p.want.clone(),
            why_now: p.why_now.clone(),
            original: p.reworded().then(|| {
                (
                    p.original_title.clone().unwrap_or_default(),
                    p.original_want.clone().unwrap_or_default(),
                    p.original_why_now.clone().unwrap_or_default(),
                )
            }),
            votes: lang.t1("survey-proposal-votes", "votes", p.votes),
            chosen: p.chosen,
            outcome,
        }
    }
}

#[derive(Template)]
#[template(path = "site/survey/round.html")]
struct RoundPage {
    lang: Lang,
    chrome: Chrome,
    round: RoundRow,
    dates: String,
    votes_text: String,
    phase_text: String,
    open: bool,
    open_items: Vec<ProposalItem>,
    other_items: Vec<ProposalItem>,
    /// The results block as HTML (see [`results::ResultsBlock`]).
    results: Option<std::sync::Arc<String>>,
    decision: String,
    chosen: Vec<(String, Vec<(String, String)>)>,
    notice: Option<String>,
    /// The vote form: its notice and errors apart from the proposal form's.
    vote_notice: Option<String>,
    vote_errors: Vec<ErrorLink>,
    vote_fields: Vec<FieldView>,
    vote_how: String,
    your_votes: Option<String>,
    propose_notice: Option<String>,
    propose_errors: Vec<ErrorLink>,
    propose_fields: Vec<FieldView>,
    csrf: String,
}

/// Which form a refusal belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Vote,
    Propose,
}

/// The two forms as typed.
#[derive(Default)]
struct Typed {
    ballot: BallotForm,
    proposal: ProposalForm,
    author_email: String,
}

/// The round with public id `id` the public may see (not a draft); 404 otherwise.
async fn public_round(state: &AppState, id: &str) -> Result<RoundRow, PageError> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .survey_round(id)
        .await?
        .filter(|r| r.status() != crate::domain::survey::RoundStatus::Draft)
        .ok_or(PageError::NotFound)
}

fn round_phase(round: &RoundRow) -> Phase {
    phase(round.status(), &round.round(), crate::time::today())
}

fn signed_email(signed: Option<&Signed>) -> Option<Email> {
    signed.and_then(|s| Email::parse(&s.account.email))
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    path: &str,
    headers: &HeaderMap,
    signed: Option<&Signed>,
    round: RoundRow,
    typed: &Typed,
    refusal: Option<(Which, Refusal)>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let phase = round_phase(&round);
    let proposals = state.db.survey_proposals(round.id).await?;
    let (open, other): (Vec<&ProposalRow>, Vec<&ProposalRow>) = proposals
        .iter()
        .partition(|p| p.status() == ProposalStatus::Open);
    let open_items: Vec<ProposalItem> = open
        .iter()
        .map(|p| ProposalItem::new(lang, p, &proposals))
        .collect();
    let other_items = other
        .iter()
        .map(|p| ProposalItem::new(lang, p, &proposals))
        .collect();
    let of = |which: Which| {
        refusal
            .as_ref()
            .filter(|(w, _)| *w == which)
            .map(|(_, r)| r)
    };
    let votes = i64::from(round.votes_per_person);
    let me = signed_email(signed);
    let vote_fields = {
        let r = of(Which::Vote);
        let err = |name: &str| r.and_then(|r| r.error(name));
        let mut fields = vec![
            FieldView::new(
                "proposals",
                lang.t1("survey-field-proposals", "votes", votes),
                "checkboxes",
                "",
            )
            .required()
            .options(
                open_items
                    .iter()
                    .map(|p| (p.id.to_string(), p.title.clone()))
                    .collect(),
            )
            .chosen(&typed.ballot.proposals),
        ];
        if me.is_none() {
            fields.push(
                FieldView::new(
                    "email",
                    lang.t("survey-field-email"),
                    "email",
                    &typed.ballot.email,
                )
                .required()
                .autocomplete("email")
                .described(lang.t("survey-field-email-help")),
            );
        }
        fields.push(
            FieldView::new(
                "role",
                lang.t("survey-field-role"),
                "select",
                &typed.ballot.role,
            )
            .options(
                std::iter::once((String::new(), lang.t("form-choose")))
                    .chain(Role::ALL.iter().map(|r| {
                        (
                            r.as_str().to_owned(),
                            lang.t(&format!("survey-role-{}", r.as_str())),
                        )
                    }))
                    .collect(),
            )
            .described(lang.t1(
                "survey-about-you-help",
                "threshold",
                i64::from(THRESHOLD),
            )),
        );
        fields.push(
            FieldView::new(
                "region",
                lang.t("survey-field-region"),
                "select",
                &typed.ballot.region,
            )
            .options(
                std::iter::once((String::new(), lang.t("form-choose")))
                    .chain(
                        REGIONS
                            .iter()
                            .map(|r| ((*r).to_owned(), lang.t(&format!("survey-region-{r}")))),
                    )
                    .collect(),
            ),
        );
        fields.push(FieldView::new(
            "years",
            lang.t("survey-field-years"),
            "number",
            &typed.ballot.years,
        ));
        fields.push(FieldView::checkbox(
            "notify",
            lang.t("survey-field-notify"),
            typed.ballot.notify,
        ));
        for f in &mut fields {
            f.error = err(&f.name);
        }
        fields
    };
    let propose_fields = {
        let r = of(Which::Propose);
        let err = |name: &str| r.and_then(|r| r.error(name));
        let mut fields = vec![
            FieldView::new(
                "title",
                lang.t("survey-field-title"),
                "text",
                &typed.proposal.title,
            )
            .required(),
            FieldView::new(
                "want",
                lang.t("survey-field-want"),
                "textarea",
                &typed.proposal.want,
            )
            .required()
            .rows(4),
            FieldView::new(
                "why_now",
                lang.t("survey-field-why_now"),
                "textarea",
                &typed.proposal.why_now,
            )
            .required()
            .rows(3),
        ];
        if me.is_none() {
            fields.push(
                FieldView::new(
                    "author_email",
                    lang.t("survey-field-author-email"),
                    "email",
                    &typed.author_email,
                )
                .autocomplete("email")
                .described(lang.t("survey-field-author-email-help")),
            );
        }
        for f in &mut fields {
            f.error = err(&f.name);
        }
        fields
    };
    let your_votes = match &me {
        Some(email) => {
            let mine = state.db.votes_of(round.id, &email.key).await?;
            let titles: Vec<String> = proposals
                .iter()
                .filter(|p| mine.contains(&p.id))
                .map(|p| p.title.clone())
                .collect();
            (!titles.is_empty()).then(|| lang.t1("survey-your-votes", "themes", titles.join(", ")))
        }
        None => None,
    };
    let show_results = results_public(phase, round.results_public);
    let results = if show_results {
        Some(state.survey_results(&round, lang).await?)
    } else {
        None
    };
    let chosen = if show_results {
        let activities = state.db.survey_activities(round.id).await?;
        proposals
            .iter()
            .filter(|p| p.chosen)
            .map(|p| {
                (
                    p.title.clone(),
                    activities
                        .iter()
                        .filter(|a| a.0 == p.id && a.4 == "published")
                        .map(|a| {
                            (
                                lang.t1("survey-chosen-activity", "title", a.3.as_str()),
                                format!("/activiteiten/{}", a.2),
                            )
                        })
                        .collect(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let phase_text = lang.t(match phase {
        Phase::NotYetOpen => "survey-phase-not-yet",
        Phase::Open => "survey-phase-open",
        Phase::Closed => "survey-phase-closed",
    });
    let (binding, set_cookie) = csrf_binding(state, headers);
    let vote_refusal = of(Which::Vote);
    let propose_refusal = of(Which::Propose);
    let page = RoundPage {
        lang,
        chrome: Chrome::new(state, lang, round.title.clone(), path, "catalog")
            .with_description(&round.why),
        dates: lang.t_args(
            "survey-dates",
            &[
                ("opens", lang.day(round.opens_on).into()),
                ("closes", lang.day(round.closes_on).into()),
            ],
        ),
        votes_text: lang.t1("survey-votes-per-person", "votes", votes),
        phase_text,
        open: phase == Phase::Open,
        open_items,
        other_items,
        results,
        decision: if show_results {
            round.decision.clone()
        } else {
            String::new()
        },
        chosen,
        notice,
        vote_notice: vote_refusal.and_then(|r| r.notice(lang)),
        vote_errors: vote_refusal.map(Refusal::error_links).unwrap_or_default(),
        vote_fields,
        vote_how: match &me {
            Some(email) => lang.t1("survey-vote-as", "email", email.address.as_str()),
            None => lang.t("survey-vote-by-email"),
        },
        your_votes,
        propose_notice: propose_refusal.and_then(|r| r.notice(lang)),
        propose_errors: propose_refusal
            .map(Refusal::error_links)
            .unwrap_or_default(),
        propose_fields,
        csrf: state.secret.csrf_token(&binding),
        round,
    };
    let mut response = Refusal::answer(refusal.as_ref().map(|(_, r)| r), Html(page.render()?));
    let out = response.headers_mut();
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = set_cookie {
        out.append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

async fn show_round(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Option<Signed>,
    Path(id): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let round = public_round(&state, &id).await?;
    let notice = notice(&uri, lang, NOTICES);
    let typed = Typed::default();
    let path = uri.to_string();
    render(
        &state,
        lang,
        &path,
        &headers,
        signed.as_ref(),
        round,
        &typed,
        None,
        notice,
    )
    .await
}

fn form_ok(state: &AppState, headers: &HeaderMap, pairs: &Pairs) -> bool {
    !cross_site(headers)
        && csrf_cookie(headers).is_some_and(|c| state.secret.csrf_matches(&c, &pairs.get("csrf")))
}

async fn propose(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Option<Signed>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = public_round(&state, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        proposal: ProposalForm {
            title: pairs.get("title"),
            want: pairs.get("want"),
            why_now: pairs.get("why_now"),
        },
        author_email: pairs.get("author_email"),
        ..Typed::default()
    };
    let path = format!("/inventarisatie/{id}");
    let again = |round, refusal| {
        let typed = &typed;
        let state = &state;
        let headers = &headers;
        let path = &path;
        let signed = signed.as_ref();
        async move {
            render(
                state,
                lang,
                path,
                headers,
                signed,
                round,
                typed,
                Some((Which::Propose, refusal)),
                None,
            )
            .await
        }
    };
    if !form_ok(&state, &headers, &pairs) {
        return again(round, Refusal::Expired).await;
    }
    if round_phase(&round) != Phase::Open {
        return again(round, Refusal::NotNow(lang.t("survey-error-closed"))).await;
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let proposal = typed.proposal.parse().map_err(|e| errors.extend(e)).ok();
    let author = match signed_email(signed.as_ref()) {
        Some(email) => Some(email),
        None => match typed.author_email.trim() {
            "" => None,
            raw => {
                let parsed = Email::parse(raw);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        "author_email",
                        "survey-error-email-invalid",
                    ));
                }
                parsed
            }
        },
    };
    let Some(proposal) = proposal.filter(|_| errors.is_empty()) else {
        return again(round, Refusal::invalid(lang, &errors)).await;
    };
    let added = state
        .db
        .add_proposal(
            round.id,
            &proposal,
            author
                .as_ref()
                .map(|e| (e.address.as_str(), e.key.as_str())),
            signed.as_ref().map(|s| s.account.id),
            crate::time::today(),
            crate::time::now(),
        )
        .await?;
    if !added {
        return again(round, Refusal::NotNow(lang.t("survey-error-closed"))).await;
    }
    Ok(see_other(format!(
        "/inventarisatie/{id}?bericht=voorgesteld#voorstellen"
    )))
}

async fn vote(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    signed: Option<Signed>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = public_round(&state, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        ballot: BallotForm {
            email: pairs.get("email"),
            proposals: pairs.all("proposals"),
            role: pairs.get("role"),
            region: pairs.get("region"),
            years: pairs.get("years"),
            notify: pairs.on("notify"),
        },
        ..Typed::default()
    };
    let path = format!("/inventarisatie/{id}");
    let again = |round, refusal| {
        let typed = &typed;
        let state = &state;
        let headers = &headers;
        let path = &path;
        let signed = signed.as_ref();
        async move {
            render(
                state,
                lang,
                path,
                headers,
                signed,
                round,
                typed,
                Some((Which::Vote, refusal)),
                None,
            )
            .await
        }
    };
    if !form_ok(&state, &headers, &pairs) {
        return again(round, Refusal::Expired).await;
    }
    if round_phase(&round) != Phase::Open {
        return again(round, Refusal::NotNow(lang.t("survey-error-closed"))).await;
    }
    let choices: Vec<_> = state
        .db
        .survey_proposals(round.id)
        .await?
        .iter()
        .map(ProposalRow::choice)
        .collect();
    let me = signed_email(signed.as_ref());
    let ballot = match typed
        .ballot
        .parse(&choices, round.round().votes_per_person, me.as_ref())
    {
        Ok(ballot) => ballot,
        Err(errors) => return again(round, Refusal::invalid(lang, &errors)).await,
    };
    let vote = Vote {
        email: ballot.email.address.clone(),
        email_key: ballot.email.key.clone(),
        answers: ballot.answers.clone(),
        notify: ballot.notify,
        lang,
        proposals: ballot.proposals.clone(),
    };
    let now = crate::time::now();
    if me.is_some() {
        return match state
            .db
            .cast_vote(round.id, &vote, crate::time::today(), now)
            .await?
        {
            CastOutcome::Counted => Ok(see_other(format!(
                "/inventarisatie/{id}?bericht=gestemd#stemmen"
            ))),
            CastOutcome::Refused("survey-error-closed") => {
                again(round, Refusal::NotNow(lang.t("survey-error-closed"))).await
            }
            CastOutcome::Refused(message) => {
                let errors = [FieldError::new("proposals", message)];
                again(round, Refusal::invalid(lang, &errors)).await
            }
        };
    }
    // Each guest ballot emails a link, like a sign-in: the same limit per client.
    let ip = crate::http::infra::rate_limit::client_ip(peer, &headers, state.settings.trust_proxy);
    if let Err(wait) = state.sign_in_limiter.check(ip, std::time::Instant::now()) {
        return again(round, Refusal::TooSoon(wait.as_secs().max(1))).await;
    }
    let public_id = uuid::Uuid::new_v4().simple().to_string();
    let token = state.secret.survey_token(&public_id);
    state
        .db
        .start_ballot(
            round.id,
            &vote,
            &public_id,
            &crate::secret::token_hash(&token),
            now,
        )
        .await?;
    state.mail_wake.notify_one();
    Ok(see_other(format!(
        "/inventarisatie/{id}?bericht=mail#stemmen"
    )))
}
