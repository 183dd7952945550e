//! A member's own give and take (`/ateliers/{slug}/halen-en-brengen`): meetings
//! attended and what they brought, their hours per month against what the atelier
//! asks, and a form to record a contribution (a presentation, a tool shared, …).
//! Nobody else's lines are here: only the kartrekker sees everyone's.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::Visit;
use crate::domain::community::ledger::{Balance, ContributionForm, ContributionKind, month_hours};
use crate::domain::community::membership::Standing;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The page's notices (`?bericht=`).
pub const NOTICES: Notices = &[("opgeslagen", "ledger-notice-saved")];

/// How many months the hours table shows.
const MONTHS: u32 = 6;

struct Line {
    date: String,
    kind: String,
    hours: String,
    note: String,
}

struct MonthRow {
    month: String,
    hours: String,
    expected: String,
}

#[derive(Template)]
#[template(path = "site/community/ledger.html")]
struct LedgerPage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    summary: String,
    months: Vec<MonthRow>,
    lines: Vec<Line>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

/// Minutes as Dutch hours: "1,5 uur".
pub fn hours(lang: Lang, minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    let text = if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else if lang == Lang::Nl {
        format!("{},{}", tenths / 10, tenths % 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    lang.t1("ledger-hours", "hours", text)
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    typed: &ContributionForm,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let rows = state
        .db
        .member_ledger(visit.atelier.id, signed.account.id)
        .await?;
    let entries: Vec<_> = rows.iter().filter_map(|r| r.entry()).collect();
    let balance = Balance::of(&entries);
    let settings = state.db.time_settings(visit.atelier.id).await?;
    let today = crate::time::today();
    let months = month_hours(&entries, settings.expected, today, MONTHS)
        .into_iter()
        .rev()
        .map(|m| MonthRow {
            month: lang.month_year(m.month),
            hours: hours(lang, i64::from(m.total_minutes())),
            expected: m
                .expected_minutes
                .map(|e| hours(lang, i64::from(e)))
                .unwrap_or_default(),
        })
        .collect();
    let summary = lang.t_args(
        "ledger-summary",
        &[
            ("attended", i64::from(balance.attended).into()),
            (
                "taken",
                hours(lang, i64::from(balance.minutes_taken)).into(),
            ),
            ("contributions", i64::from(balance.contributions).into()),
            (
                "brought",
                hours(lang, i64::from(balance.minutes_brought)).into(),
            ),
        ],
    );
    let lines = rows
        .iter()
        .map(|r| Line {
            date: lang.day(r.entry_date),
            kind: lang.t(&format!("ledger-kind-{}", r.kind)),
            hours: hours(lang, i64::from(r.minutes)),
            note: r.note.clone(),
        })
        .collect();
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("ledger-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("kind", "select", &typed.kind).required().options(
            ContributionKind::ALL
                .iter()
                .filter(|k| !matches!(k, ContributionKind::Case | ContributionKind::Expert))
                .map(|k| {
                    (
                        k.as_str().to_owned(),
                        lang.t(&format!("ledger-kind-{}", k.as_str())),
                    )
                })
                .collect(),
        ),
        field("date", "date", &typed.date).required(),
        field("minutes", "number", &typed.minutes).described(lang.t("ledger-field-minutes-help")),
        field("note", "text", &typed.note),
    ];
    let base = visit.base();
    let path = format!("{base}/halen-en-brengen");
    let page = LedgerPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("ledger-heading"), &path, "account"),
        atelier: visit.atelier.title.clone(),
        base,
        summary,
        months,
        lines,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
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

/// The visit of an active member; 404 for anyone else (those who run the atelier
/// have the overview in the back office).
async fn member_visit(state: &AppState, signed: &Signed, slug: &str) -> Result<Visit, PageError> {
    Visit::of(state, signed, slug)
        .await?
        .filter(|v| matches!(v.standing, Standing::Member(_)))
        .ok_or(PageError::NotFound)
}

pub(super) async fn show_ledger(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let visit = member_visit(&state, &signed, &slug).await?;
    let typed = ContributionForm {
        date: crate::time::today().to_string(),
        ..ContributionForm::default()
    };
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &signed, &visit, &typed, None, notice).await
}

pub(super) async fn add_contribution(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = member_visit(&state, &signed, &slug).await?;
    let pairs = Pairs::parse(&body);
    let form = ContributionForm {
        date: pairs.get("date"),
        kind: pairs.get("kind"),
        minutes: pairs.get("minutes"),
        note: pairs.get("note"),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &signed, &visit, &form, refusal, None).await;
    }
    // Cases and expert contributions are written when they happen, not by hand.
    let by_hand = ContributionKind::parse(form.kind.trim())
        .is_some_and(|k| !matches!(k, ContributionKind::Case | ContributionKind::Expert));
    let parsed = if by_hand {
        form.parse(crate::time::today())
    } else {
        Err(vec![crate::domain::input::FieldError::new(
            "kind",
            "error-choice",
        )])
    };
    let contribution = match parsed {
        Ok(contribution) => contribution,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &signed, &visit, &form, refusal, None).await;
        }
    };
    state
        .db
        .add_contribution(
            visit.atelier.id,
            signed.account.id,
            &contribution,
            signed.account.id,
            crate::time::now(),
        )
        .await?;
    Ok(private(see_other(format!(
        "{}/halen-en-brengen?bericht=opgeslagen",
        visit.base()
    ))))
}
