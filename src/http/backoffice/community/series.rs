//! An atelier's meeting series (`/beheer/activiteiten/{id}/reeks`): every how many
//! months, which week and weekday, the times, where (a venue, an online link or
//! both) and whether new meetings are open to non-members. Saving makes the
//! meetings of the coming months at once; each is then changed or cancelled on its
//! own in the session editor, which the page links to.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::get;

use super::require_atelier;
use crate::db::community::StoredSeries;
use crate::domain::community::series::{MAX_INTERVAL_MONTHS, SeriesForm, Week};
use crate::domain::input::{FieldError, line};
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/reeks",
            get(show_series).post(save_series),
        )
        .layer(DefaultBodyLimit::max(16 * 1024))
}

/// The series page's notices (`?bericht=`).
pub const NOTICES: Notices = &[("opgeslagen", "series-notice-saved")];

/// The longest online link.
const MAX_URL: usize = 500;

/// The form as typed (or as stored): the series fields and where it meets.
#[derive(Default)]
struct Typed {
    series: SeriesForm,
    venue: String,
    online_url: String,
    public: bool,
}

/// A made meeting as the page lists it, with the way to change it.
struct MeetingItem {
    when: String,
    access: String,
    /// The session editor (move, other venue, cancel).
    href: String,
    agenda_href: String,
}

#[derive(Template)]
#[template(path = "backoffice/series.html")]
struct SeriesPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    meetings: Vec<MeetingItem>,
    csrf: String,
}

async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    typed: Option<Typed>,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let activity = managed.activity.id;
    let venues = state.db.venues().await?;
    let typed = match typed {
        Some(typed) => typed,
        None => match state.db.atelier_series(activity).await? {
            Some(stored) => Typed {
                series: SeriesForm::from(&stored.series),
                venue: stored
                    .venue_id
                    .and_then(|id| venues.iter().find(|v| v.id == id))
                    .map(|v| v.slug.clone())
                    .unwrap_or_default(),
                online_url: stored.online_url,
                public: stored.public,
            },
            None => Typed {
                series: SeriesForm {
                    interval_months: "2".into(),
                    ..SeriesForm::default()
                },
                ..Typed::default()
            },
        },
    };
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("series-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let interval = field("interval_months", "select", &typed.series.interval_months)
        .required()
        .options(
            (1..=MAX_INTERVAL_MONTHS)
                .map(|n| {
                    (
                        n.to_string(),
                        lang.t1("series-every-months", "count", i64::from(n)),
                    )
                })
                .collect(),
        );
    let week = field("week", "select", &typed.series.week)
        .required()
        .options(
            Week::ALL
                .iter()
                .map(|w| {
                    (
                        w.ordinal().to_string(),
                        lang.t(&format!("series-week-{}", w.as_str())),
                    )
                })
                .collect(),
        );
    let weekday = field("weekday", "select", &typed.series.weekday)
        .required()
        .options(
            (1..=7)
                .map(|d| (d.to_string(), lang.t(&format!("series-weekday-{d}"))))
                .collect(),
        );
    let start = field("start_time", "time", &typed.series.start_time).required();
    let end = field("end_time", "time", &typed.series.end_time).required();
    let first = field("first_date", "date", &typed.series.first_date)
        .required()
        .described(lang.t("series-field-first_date-help"));
    let until = field("until", "date", &typed.series.until);
    // An optional choice starts empty, else the first venue is sent.
    let venue = field("venue", "select", &typed.venue).options(
        std::iter::once((String::new(), lang.t("series-field-venue-none")))
            .chain(
                venues
                    .iter()
                    .map(|v| (v.slug.clone(), format!("{}, {}", v.name, v.city))),
            )
            .collect(),
    );
    let online = field("online_url", "url", &typed.online_url)
        .described(lang.t("series-field-online_url-help"));
    let public = FieldView::checkbox("public", lang.t("series-field-public"), typed.public)
        .described(lang.t("series-field-public-help"));
    let base = managed.base();
    let meetings = state
        .db
        .member_meetings(activity, 0, crate::time::now(), 12)
        .await?
        .into_iter()
        .map(|m| MeetingItem {
            when: format!(
                "{}, {}",
                lang.date_long(m.starts_at),
                lang.time_range(m.starts_at, m.ends_at)
            ),
            access: lang.t(if m.members_only {
                "community-meeting-members-only"
            } else {
                "community-meeting-public"
            }),
            href: format!("{base}/bijeenkomsten/{}", m.session_id),
            agenda_href: format!("{base}/agenda/{}", m.session_id),
        })
        .collect();
    let page = SeriesPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("series-heading"),
            &format!("{base}/reeks"),
            "backoffice",
        ),
        managed,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![
            interval, week, weekday, start, end, first, until, venue, online, public,
        ],
        meetings,
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_series(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &managed, None, None, notice).await
}

/// An online link: empty, or an http(s) address of one line.
fn parse_online_url(raw: &str) -> Result<String, &'static str> {
    let value = line(raw, MAX_URL)?;
    if value.is_empty()
        || ((value.starts_with("https://") || value.starts_with("http://"))
            && !value.contains(char::is_whitespace))
    {
        Ok(value)
    } else {
        Err("editor-error-link")
    }
}

async fn save_series(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        series: SeriesForm {
            interval_months: pairs.get("interval_months"),
            weekday: pairs.get("weekday"),
            week: pairs.get("week"),
            start_time: pairs.get("start_time"),
            end_time: pairs.get("end_time"),
            first_date: pairs.get("first_date"),
            until: pairs.get("until"),
        },
        venue: pairs.get("venue"),
        online_url: pairs.get("online_url"),
        public: pairs.on("public"),
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return render(
            &state,
            lang,
            &managed,
            Some(typed),
            Some(Refusal::Expired),
            None,
        )
        .await;
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let series = typed.series.parse().map_err(|e| errors.extend(e)).ok();
    let online_url = parse_online_url(&typed.online_url)
        .map_err(|m| errors.push(FieldError::new("online_url", m)))
        .ok();
    let venues = state.db.venues().await?;
    let venue_id = match typed.venue.trim() {
        "" => None,
        slug => match venues.iter().find(|v| v.slug == slug) {
            Some(venue) => Some(venue.id),
            None => {
                errors.push(FieldError::new("venue", "error-choice"));
                None
            }
        },
    };
    let (Some(series), Some(online_url), true) = (series, online_url, errors.is_empty()) else {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render(&state, lang, &managed, Some(typed), refusal, None).await;
    };
    let stored = StoredSeries {
        series,
        venue_id,
        online_url,
        public: typed.public,
    };
    let activity = managed.activity.id;
    state
        .db
        .save_series(activity, &stored, managed.actor())
        .await?;
    // The coming meetings exist at once, not an hour later when the job runs.
    state
        .db
        .make_meetings_for(activity, &stored, crate::time::now())
        .await?;
    state.pages.invalidate(&managed.activity.slug);
    Ok(see_other(format!(
        "{}/reeks?bericht=opgeslagen",
        managed.base()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_online_link_is_empty_or_a_web_address() {
        assert_eq!(parse_online_url(" "), Ok(String::new()));
        assert_eq!(
            parse_online_url("https://meet.example.org/atelier"),
            Ok("https://meet.example.org/atelier".into())
        );
        assert_eq!(
            parse_online_url("javascript:alert(1)"),
            Err("editor-error-link")
        );
        assert_eq!(parse_online_url("https://a b"), Err("editor-error-link"));
        let long = format!("https://{}", "a".repeat(MAX_URL));
        assert_eq!(parse_online_url(&long), Err("error-too-long"));
    }
}
