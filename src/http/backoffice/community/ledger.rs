//! Give and take for the kartrekker (`/beheer/activiteiten/{id}/halen-en-brengen`):
//! every member's meetings attended and contributions, with a gentle signal for
//! those who only take (a reason for a conversation, never an automatic step), and
//! the atelier's settings: the expected time per month and the signal's threshold.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::{get, post};

use super::require_atelier;
use crate::db::community::TimeSettings;
use crate::domain::community::ledger::{Balance, ExpectedTime, Threshold, only_takes_signal};
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::community::hours;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/halen-en-brengen",
            get(show_overview),
        )
        .route(
            "/beheer/activiteiten/{id}/halen-en-brengen/instellingen",
            post(save_settings),
        )
        .layer(DefaultBodyLimit::max(8 * 1024))
}

/// The overview's notices (`?bericht=`).
pub const NOTICES: Notices = &[("opgeslagen", "ledger-notice-settings")];

struct MemberLine {
    name: String,
    attended: i64,
    taken: String,
    contributions: i64,
    brought: String,
    /// Only takes, by the atelier's threshold.
    signal: bool,
}

#[derive(Template)]
#[template(path = "backoffice/ledger.html")]
struct OverviewPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    members: Vec<MemberLine>,
    signal_text: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

/// The settings form as typed.
struct Typed {
    expected_hours: String,
    expected_minutes: String,
    contributions: String,
    per_meetings: String,
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
    let settings = state.db.time_settings(activity).await?;
    let members = state
        .db
        .ledger_overview(activity)
        .await?
        .into_iter()
        .map(|m| {
            let balance = Balance {
                attended: u32::try_from(m.attended).unwrap_or(0),
                minutes_taken: u32::try_from(m.minutes_taken).unwrap_or(0),
                contributions: u32::try_from(m.contributions).unwrap_or(0),
                minutes_brought: u32::try_from(m.minutes_brought).unwrap_or(0),
            };
            MemberLine {
                name: m.name,
                attended: m.attended,
                taken: hours(lang, m.minutes_taken),
                contributions: m.contributions,
                brought: hours(lang, m.minutes_brought),
                signal: only_takes_signal(&balance, settings.threshold),
            }
        })
        .collect();
    let typed = typed.unwrap_or_else(|| Typed {
        expected_hours: settings
            .expected
            .map(|e| e.hours().to_string())
            .unwrap_or_default(),
        expected_minutes: settings
            .expected
            .map(|e| e.minutes())
            .filter(|m| *m > 0)
            .map(|m| m.to_string())
            .unwrap_or_default(),
        contributions: settings.threshold.contributions.to_string(),
        per_meetings: settings.threshold.per_meetings.to_string(),
    });
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, value: &str| {
        let mut view = FieldView::new(
            name,
            lang.t(&format!("ledger-field-{name}")),
            "number",
            value,
        );
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("expected_hours", &typed.expected_hours)
            .described(lang.t("ledger-field-expected_hours-help")),
        field("expected_minutes", &typed.expected_minutes),
        field("signal_contributions", &typed.contributions).required(),
        field("signal_meetings", &typed.per_meetings)
            .required()
            .described(lang.t("ledger-field-signal_meetings-help")),
    ];
    let base = managed.base();
    let path = format!("{base}/halen-en-brengen");
    let page = OverviewPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("ledger-overview-heading"),
            &path,
            "backoffice",
        ),
        managed,
        members,
        signal_text: lang.t_args(
            "ledger-signal-explained",
            &[
                (
                    "contributions",
                    i64::from(settings.threshold.contributions).into(),
                ),
                (
                    "meetings",
                    i64::from(settings.threshold.per_meetings).into(),
                ),
            ],
        ),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_overview(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &managed, None, None, notice).await
}

async fn save_settings(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        expected_hours: pairs.get("expected_hours"),
        expected_minutes: pairs.get("expected_minutes"),
        contributions: pairs.get("signal_contributions"),
        per_meetings: pairs.get("signal_meetings"),
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, Some(typed), refusal, None).await;
    }
    let expected = ExpectedTime::parse(&typed.expected_hours, &typed.expected_minutes);
    let threshold = Threshold::parse(&typed.contributions, &typed.per_meetings);
    let (expected, threshold) = match (expected, threshold) {
        (Ok(expected), Ok(threshold)) => (expected, threshold),
        (expected, threshold) => {
            let errors: Vec<_> = expected
                .err()
                .into_iter()
                .chain(threshold.err())
                .flatten()
                .collect();
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &managed, Some(typed), refusal, None).await;
        }
    };
    state
        .db
        .set_time_settings(
            managed.activity.id,
            TimeSettings {
                expected,
                threshold,
            },
            managed.actor(),
        )
        .await?;
    state.pages.invalidate(&managed.activity.slug);
    Ok(see_other(format!(
        "{}/halen-en-brengen?bericht=opgeslagen",
        managed.base()
    )))
}
