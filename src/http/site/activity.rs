//! The public page of one activity (served from the page cache) and the calendar
//! feeds.

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use serde_json::json;

use crate::db::catalog::{ActivityDetail, CalendarSelection, VenueRow};
use crate::domain::activity::{ActivityKind, ActivityStatus, Availability, availability};
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::assets::accepts_gzip;
use crate::http::infra::cache::{CachedPage, Lookup};
use crate::http::kit::views::{
    Chrome, Fact, LinkItem, activity_status_label, kind_label, status_message, tel_href,
};
use crate::i18n::Lang;
use crate::{ical, markdown};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/activiteiten/{slug}", get(show_activity))
        .route("/activiteiten/{slug}/agenda.ics", get(activity_calendar))
        .route("/agenda.ics", get(full_calendar))
}

async fn show_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let page = match state.pages.lookup(slug.as_str(), lang, Utc::now()) {
        Lookup::Fresh(page) => page,
        Lookup::Check(page) => match state.db.activity_revision(slug.as_str()).await? {
            Some(revision) if revision == page.revision => {
                state.pages.confirm(&page);
                page
            }
            Some(_) => render_and_store(&state, &slug, lang).await?,
            None => {
                state.pages.invalidate(slug.as_str());
                return Err(PageError::NotFound);
            }
        },
        Lookup::Missing => render_and_store(&state, &slug, lang).await?,
    };
    Ok(cached_response(&page, &headers))
}

async fn render_and_store(
    state: &AppState,
    slug: &Slug,
    lang: Lang,
) -> Result<Arc<CachedPage>, PageError> {
    let detail = state
        .db
        .activity_detail(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)?;
    let now = Utc::now();
    // An atelier shows what it learned, where its members marked it public
    // (recording one moves the revision on, so this page is made again).
    let (outcomes, projects) = if detail.core.kind == ActivityKind::Atelier {
        let outcomes = state
            .db
            .public_outcomes(detail.core.id)
            .await?
            .into_iter()
            .map(|(title, learned, _)| (title, markdown::to_html(&learned)))
            .collect();
        let projects = state
            .db
            .research_projects(detail.core.id, true)
            .await?
            .into_iter()
            .map(|p| crate::http::site::community::research_view(lang, p))
            .collect();
        (outcomes, projects)
    } else {
        (Vec::new(), Vec::new())
    };
    // Accreditations move the revision on too, so this is read with the page.
    let credit = state.db.activity_credit(detail.core.id).await?;
    let html = ActivityPage::build(state, lang, &detail, now)
        .with_community(outcomes, projects)
        .with_learning(lang, &credit)
        .with_survey(lang, state.db.survey_origin(detail.core.id).await?)
        .with_mentoring(lang, state.db.activity_programmes(detail.core.id).await?)
        .render()?;
    // Not the last session's end: once that has passed, the page would be stale
    // from the start and re-rendered on every request.
    // The registration window opening or closing changes the page too.
    let stale_at = [
        detail.next_session_end(now),
        detail.core.window().next_change(now),
    ]
    .into_iter()
    .flatten()
    .min();
    Ok(state.pages.store(
        slug.as_str(),
        lang,
        CachedPage::new(detail.revision, html, stale_at),
    ))
}

/// A cached page with validators: browsers revalidate (`no-cache`) and get a 304
/// while the ETag holds.
fn cached_response(page: &CachedPage, headers: &HeaderMap) -> Response {
    let builder = Response::builder()
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::ETAG, &page.etag)
        .header(header::VARY, "Accept-Encoding, Cookie");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == page.etag));
    if matches {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let builder = builder.header(header::CONTENT_TYPE, "text/html; charset=utf-8");
    if accepts_gzip(headers) {
        builder
            .header(header::CONTENT_ENCODING, "gzip")
            .body(Body::from(page.gzip.clone()))
            .unwrap_or_default()
    } else {
        builder
            .body(Body::from(page.html.clone()))
            .unwrap_or_default()
    }
}

struct PersonView {
    href: String,
    name: String,
    affiliation: String,
    bio: String,
}

struct ProgramRow {
    time: String,
    title: String,
    description: String,
    speakers: Vec<PersonView>,
}

#[derive(Template)]
#[template(path = "site/activity.html")]
pub(crate) struct ActivityPage<'a> {
    lang: Lang,
    /// The back office's preview: a notice on top with the way back (text, link
    /// text, href), no registration button.
    preview: Option<(String, String, String)>,
    chrome: Chrome,
    canonical_path: String,
    ics_href: String,
    json_ld: String,
    kind_label: String,
    title: &'a str,
    subtitle: &'a str,
    summary: &'a str,
    /// The heading of the block with the status: registering, or for an atelier
    /// taking part (as a member).
    status_heading: String,
    status_label: String,
    status_class: &'static str,
    status_message: String,
    /// The registration button's text, while registering is possible.
    register_label: Option<String>,
    /// An atelier's outcomes marked public: (case title, what was learned as HTML).
    outcomes: Vec<(String, String)>,
    /// An atelier's research projects marked public.
    projects: Vec<crate::http::site::community::ResearchView>,
    /// Made from a theme chosen in a theme inventory: ("Gekozen in de inventarisatie
    /// van …", the link text, the round's results).
    survey_origin: Option<(String, String, String)>,
    /// Open mentoring programmes that belong to the activity (linking one moves the
    /// revision on): (text, link text, the programme's page).
    mentoring: Vec<(String, String, String)>,
    /// An atelier: (join page, member area). The page is the same for everyone
    /// (it is cached), so it offers both: "Lid worden" and, for members, the way in.
    membership: Option<(String, String)>,
    facts: Vec<Fact>,
    body_html: String,
    program_date: String,
    program: Vec<ProgramRow>,
    speakers: Vec<PersonView>,
    facilitators: Vec<PersonView>,
    participation_note: &'a str,
    venue: Option<&'a VenueRow>,
    sessions: Vec<String>,
    prerequisites: Vec<LinkItemHref>,
    followed_by: Vec<LinkItemHref>,
    links: Vec<LinkItemHref>,
    /// Net learning time, points and accreditations, where there is something to say.
    learning: Option<crate::http::site::learning::LearningView>,
}

struct LinkItemHref {
    text: String,
    href: String,
}

fn person(p: &crate::db::catalog::ProfileRow) -> PersonView {
    PersonView {
        href: format!("/mensen/{}", p.slug),
        name: p.name.clone(),
        affiliation: p.affiliation.clone(),
        bio: p.bio.clone(),
    }
}

impl<'a> ActivityPage<'a> {
    /// With an atelier's public outcomes and research projects.
    pub(crate) fn with_community(
        mut self,
        outcomes: Vec<(String, String)>,
        projects: Vec<crate::http::site::community::ResearchView>,
    ) -> Self {
        self.outcomes = outcomes;
        self.projects = projects;
        self
    }

    /// With the theme inventory the activity's theme was chosen in, if any.
    pub(crate) fn with_survey(
        mut self,
        lang: Lang,
        origin: Option<(String, String, chrono::NaiveDate, bool)>,
    ) -> Self {
        self.survey_origin = origin.map(|(public_id, title, _, _)| {
            (
                lang.t1("survey-activity-origin", "round", title.as_str()),
                lang.t("survey-activity-origin-link"),
                format!("/inventarisatie/{public_id}#uitslag"),
            )
        });
        self
    }

    /// With the open mentoring programmes that belong to the activity.
    pub(crate) fn with_mentoring(mut self, lang: Lang, programmes: Vec<(String, String)>) -> Self {
        self.mentoring = programmes
            .into_iter()
            .map(|(public_id, title)| {
                (
                    lang.t1("mentoring-activity-programme", "title", title.as_str()),
                    lang.t("mentoring-activity-programme-link"),
                    format!("/mentoring/{public_id}"),
                )
            })
            .collect();
        self
    }

    /// With the net learning time and the accreditations.
    pub(crate) fn with_learning(
        mut self,
        lang: Lang,
        credit: &crate::domain::learning::ActivityCredit,
    ) -> Self {
        self.learning = crate::http::site::learning::LearningView::of(lang, credit);
        self
    }

    /// The page as the public would see it, marked as a preview.
    pub(crate) fn preview(mut self, notice: String, back: String, back_href: String) -> Self {
        self.preview = Some((notice, back, back_href));
        self.register_label = None;
        self.membership = None;
        self
    }

    pub(crate) fn build(
        state: &AppState,
        lang: Lang,
        d: &'a ActivityDetail,
        now: chrono::DateTime<Utc>,
    ) -> Self {
        let core = &d.core;
        let canonical_path = format!("/activiteiten/{}", core.slug);
        let available = availability(&core.registration_facts(d.last_session_end()), now);
        let (status_label, status_class) = activity_status_label(lang, available, core.kind);
        let upcoming: Vec<_> = d.sessions.iter().filter(|s| s.ends_at > now).collect();
        let first = upcoming.first().copied().or(d.sessions.last());

        let mut facts = Vec::new();
        if let Some(s) = first {
            facts.push(Fact::new(
                lang.t("fact-date"),
                vec![LinkItem::text(lang.date_long(s.starts_at))],
            ));
            facts.push(Fact::new(
                lang.t("fact-time"),
                vec![LinkItem::text(lang.time_range(s.starts_at, s.ends_at))],
            ));
        } else {
            facts.push(Fact::new(
                lang.t("fact-date"),
                vec![LinkItem::text(lang.t("card-when-none"))],
            ));
        }
        if !d.recurrence_note.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-recurrence"),
                vec![LinkItem::dutch(&d.recurrence_note)],
            ));
        }
        let venue = first.and_then(|s| s.venue.as_ref());
        facts.push(Fact::new(
            lang.t("fact-venue"),
            vec![match venue {
                Some(v) => LinkItem::link(v.full_address(), "#locatie"),
                None => LinkItem::text(lang.t("fact-venue-unknown")),
            }],
        ));
        if !core.region.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-region"),
                vec![LinkItem::dutch(&core.region)],
            ));
        }
        let cost = match d.cost_cents {
            Some(cents) => lang.money(cents),
            None => lang.t("cost-unknown"),
        };
        let mut cost_items = vec![LinkItem::text(cost)];
        if !d.cost_note.is_empty() {
            cost_items.push(LinkItem::dutch(&d.cost_note));
        }
        facts.push(Fact::new(lang.t("fact-cost"), cost_items));
        if !d.time_investment.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-time-investment"),
                vec![LinkItem::dutch(&d.time_investment)],
            ));
        }
        if let Some(capacity) = core.capacity {
            facts.push(Fact::new(
                lang.t("fact-capacity"),
                vec![LinkItem::text(lang.t1(
                    "fact-capacity-value",
                    "count",
                    capacity,
                ))],
            ));
        }
        if !d.audiences.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-audience"),
                d.audiences
                    .iter()
                    .map(|a| {
                        LinkItem::link(
                            lang.pick(&a.name_nl, &a.name_en),
                            format!("/activiteiten?doelgroep={}", a.slug),
                        )
                    })
                    .collect(),
            ));
        }
        if !d.themes.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-themes"),
                d.themes
                    .iter()
                    .map(|t| {
                        LinkItem::link(
                            lang.pick(&t.name_nl, &t.name_en),
                            format!("/themas/{}", t.slug),
                        )
                    })
                    .collect(),
            ));
        }
        if !d.organisations.is_empty() {
            facts.push(Fact::new(
                lang.t("fact-organisations"),
                d.organisations
                    .iter()
                    .map(|o| LinkItem::link(&o.name, format!("/organisaties/{}", o.slug)))
                    .collect(),
            ));
        }
        if let Some(c) = &d.contact {
            let mut items = vec![LinkItem::link(&c.name, format!("/mensen/{}", c.slug))];
            if !c.affiliation.is_empty() {
                items.push(LinkItem::text(&c.affiliation));
            }
            if !c.email.is_empty() {
                items.push(LinkItem::link(&c.email, format!("mailto:{}", c.email)));
            }
            if !c.phone.is_empty() {
                items.push(LinkItem::link(&c.phone, tel_href(&c.phone)));
            }
            facts.push(Fact::new(lang.t("fact-contact"), items));
        }

        let program_session = d.sessions.iter().find(|s| !s.program.is_empty());
        let program = program_session
            .map(|s| {
                s.program
                    .iter()
                    .map(|item| ProgramRow {
                        time: item.starts_at.map(|t| lang.time(t)).unwrap_or_default(),
                        title: item.title.clone(),
                        description: item.description.clone(),
                        speakers: item.speakers.iter().map(person).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let refs = |list: &[crate::db::catalog::ActivityRef]| {
            list.iter()
                .map(|r| LinkItemHref {
                    text: format!("{} ({})", r.title, kind_label(lang, r.kind).to_lowercase()),
                    href: format!("/activiteiten/{}", r.slug),
                })
                .collect()
        };
        let base = state.settings.base_url();
        Self {
            preview: None,
            lang,
            chrome: Chrome::new(state, lang, core.title.clone(), &canonical_path, "catalog")
                .with_description(&core.summary),
            ics_href: format!("{canonical_path}/agenda.ics"),
            json_ld: json_ld(base, d, available),
            canonical_path,
            kind_label: kind_label(lang, core.kind),
            title: &core.title,
            subtitle: &core.subtitle,
            summary: &core.summary,
            status_heading: lang.t(if core.kind == ActivityKind::Atelier {
                "activity-registration-atelier"
            } else {
                "activity-registration"
            }),
            status_label,
            status_class,
            status_message: status_message(lang, available, core.kind),
            outcomes: Vec::new(),
            projects: Vec::new(),
            survey_origin: None,
            mentoring: Vec::new(),
            membership: (core.kind == ActivityKind::Atelier
                && core.status == ActivityStatus::Published)
                .then(|| {
                    (
                        format!("/ateliers/{}/lidmaatschap", core.slug),
                        format!("/ateliers/{}", core.slug),
                    )
                }),
            register_label: match available {
                // Joining an atelier is membership, not a registration; non-members
                // register for one of its coming public meetings (the only sessions
                // the page knows).
                _ if core.kind == ActivityKind::Atelier => {
                    // Open until its last public meeting starts, as the form is.
                    let mut facts = core.registration_facts(d.last_session_end());
                    facts.window.first_session_start = d.sessions.iter().map(|s| s.starts_at).max();
                    (crate::http::site::registration::can_register(availability(&facts, now))
                        && d.sessions.iter().any(|s| s.starts_at > now))
                    .then(|| lang.t("activity-register-meeting"))
                }
                Availability::Full { waitlist: true } => Some(lang.t("activity-register-waitlist")),
                a if crate::http::site::registration::can_register(a) => {
                    Some(lang.t("activity-register"))
                }
                _ => None,
            },
            facts,
            body_html: markdown::to_html(&d.body),
            program_date: program_session
                .map(|s| lang.date_long(s.starts_at))
                .unwrap_or_default(),
            program,
            speakers: d.speakers().into_iter().map(person).collect(),
            facilitators: d.facilitators.iter().map(person).collect(),
            participation_note: &d.participation_note,
            venue,
            sessions: d
                .sessions
                .iter()
                .map(|s| {
                    let when = format!(
                        "{}, {}",
                        lang.date_long(s.starts_at),
                        lang.time_range(s.starts_at, s.ends_at)
                    );
                    match s.capacity {
                        Some(places) => format!(
                            "{when} ({})",
                            lang.t1("session-capacity", "count", i64::from(places))
                        ),
                        None => when,
                    }
                })
                .collect(),
            prerequisites: refs(&d.prerequisites),
            followed_by: refs(&d.followed_by),
            links: d
                .links
                .iter()
                .map(|l| LinkItemHref {
                    text: l.title.clone(),
                    href: l.url.clone(),
                })
                .collect(),
            learning: None,
        }
    }
}

/// schema.org `Event`s, one per session, for search engines and agendas. `<` is
/// escaped so the JSON cannot close its script element.
fn json_ld(base: &str, d: &ActivityDetail, available: Availability) -> String {
    let url = format!("{base}/activiteiten/{}", d.core.slug);
    let organizers: Vec<_> = d
        .organisations
        .iter()
        .map(|o| json!({"@type": "Organization", "name": o.name, "url": format!("{base}/organisaties/{}", o.slug)}))
        .collect();
    let performers: Vec<_> = d
        .speakers()
        .into_iter()
        .map(|p| json!({"@type": "Person", "name": p.name, "affiliation": p.affiliation}))
        .collect();
    let offer_availability = match available {
        Availability::Full { .. } => "https://schema.org/SoldOut",
        Availability::Open | Availability::PlacesLeft { .. } => "https://schema.org/InStock",
        _ => "https://schema.org/Discontinued",
    };
    let status = if d.core.status == ActivityStatus::Cancelled {
        "https://schema.org/EventCancelled"
    } else {
        "https://schema.org/EventScheduled"
    };
    let events: Vec<_> = d
        .sessions
        .iter()
        .map(|s| {
            let mut event = json!({
                "@type": "Event",
                "name": d.core.title,
                "description": d.core.summary,
                "url": url,
                "startDate": s.starts_at.with_timezone(&chrono_tz::Europe::Amsterdam).to_rfc3339(),
                "endDate": s.ends_at.with_timezone(&chrono_tz::Europe::Amsterdam).to_rfc3339(),
                "eventStatus": status,
                "inLanguage": "nl",
                "organizer": organizers,
                "performer": performers,
            });
            if let Some(cents) = d.cost_cents {
                event["offers"] = json!({
                    "@type": "Offer",
                    "price": format!("{}.{:02}", cents / 100, cents % 100),
                    "priceCurrency": "EUR",
                    "availability": offer_availability,
                    "url": url,
                });
            }
            match &s.venue {
                Some(v) => {
                    event["eventAttendanceMode"] =
                        json!("https://schema.org/OfflineEventAttendanceMode");
                    event["location"] = json!({
                        "@type": "Place",
                        "name": v.name,
                        "address": {
                            "@type": "PostalAddress",
                            "streetAddress": v.address,
                            "postalCode": v.postcode,
                            "addressLocality": v.city,
                            "addressCountry": "NL",
                        },
                    });
                }
                None => {
                    event["eventAttendanceMode"] =
                        json!("https://schema.org/MixedEventAttendanceMode");
                }
            }
            event
        })
        .collect();
    let doc = json!({"@context": "https://schema.org", "@graph": events});
    doc.to_string().replace('<', "\\u003c")
}

fn calendar_response(
    state: &AppState,
    name: &str,
    sessions: Vec<crate::db::catalog::CalendarSession>,
) -> Response {
    let events = ical::session_events(state.settings.base_url(), sessions);
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        ical::calendar(name, &events, ical::Method::Publish),
    )
        .into_response()
}

async fn activity_calendar(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let sessions = state
        .db
        .calendar_sessions(CalendarSelection::Activity(slug.as_str()))
        .await?;
    // An activity without a public page has no calendar either.
    if sessions.is_empty() && state.db.activity_revision(slug.as_str()).await?.is_none() {
        return Err(PageError::NotFound);
    }
    let name = sessions
        .first()
        .map_or("Samenleren".to_owned(), |s| s.title.clone());
    Ok(calendar_response(&state, &name, sessions))
}

/// All published sessions; `?thema=<slug>` narrows to one theme. An unknown or
/// malformed theme is a 404 rather than an empty calendar, so a typo in a
/// subscription shows up.
async fn full_calendar(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let pairs: Vec<(String, String)> = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    let theme = pairs
        .iter()
        .find(|(k, _)| k == "thema")
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty());
    let Some(raw) = theme else {
        let sessions = state.db.calendar_sessions(CalendarSelection::All).await?;
        return Ok(calendar_response(&state, "Samenleren", sessions));
    };
    let slug = Slug::parse(raw).ok_or(PageError::NotFound)?;
    let theme = state
        .db
        .theme_by_slug(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)?;
    let sessions = state
        .db
        .calendar_sessions(CalendarSelection::Theme(slug.as_str()))
        .await?;
    let name = format!("Samenleren: {}", theme.name_nl);
    Ok(calendar_response(&state, &name, sessions))
}
