//! Mijn leerdossier (`/account/leerdossier`): a signed-in professional's learning
//! record — the totals per register over its period against each category's
//! minimum and cap (a bar with the figures in words), the totals per year, and every
//! entry (attended activities and atelier meetings as frozen when earned, with
//! the note "het programma is later gewijzigd" where the activity now counts
//! differently, and their own external entries with evidence). Their own entries
//! are added and removed in [`entry`]; the record downloads as CSV and PDF
//! ([`export`]).
//!
//! Registers shown: those the person has a registration number for (Mijn
//! registers); with none, every configured register, with a pointer to add one.

mod entry;
mod export;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::learning::record::{CountedRow, RecordRow};
use crate::domain::learning::record::{Counted, Totals};
use crate::domain::learning::{Points, Register};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::see_other;
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::query_param;
use crate::http::kit::views::{Chrome, PageLink};
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

pub(crate) const PATH: &str = "/account/leerdossier";

/// Entries listed per page (the totals count all of them; the CSV and the PDF
/// hold all of them).
pub(crate) const PER_PAGE: u32 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(show))
        .route("/account/leerdossier.csv", get(export::csv))
        .route("/account/leerdossier.pdf", get(export::pdf))
        .route(
            "/account/leerdossier/toevoegen",
            get(entry::form)
                .post(entry::add)
                .layer(DefaultBodyLimit::max(entry::MAX_BODY)),
        )
        .route(
            "/account/leerdossier/{id}/verwijderen",
            post(entry::remove).layer(DefaultBodyLimit::max(4 * 1024)),
        )
        .route("/account/leerdossier/{id}/bewijs", get(entry::evidence))
}

/// The page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("toegevoegd", "record-notice-added"),
    ("verwijderd", "record-notice-removed"),
];

/// Hours as people write them: 150 minutes is "2,5 uur".
pub(crate) fn hours_text(lang: Lang, minutes: u32) -> String {
    lang.t1(
        "record-hours",
        "hours",
        crate::certificate::hours(lang, minutes),
    )
}

/// The registers the totals are shown for, and whether the person named none.
pub(crate) fn shown_registers<'r>(
    registers: &'r [Register],
    numbered: &[i64],
) -> (Vec<&'r Register>, bool) {
    let named: Vec<&Register> = registers
        .iter()
        .filter(|r| numbered.contains(&r.id))
        .collect();
    if named.is_empty() {
        (registers.iter().collect(), true)
    } else {
        (named, false)
    }
}

/// The totals of `rows` for the registers shown.
pub(crate) fn totals(rows: &[CountedRow], shown: &[&Register], today: chrono::NaiveDate) -> Totals {
    let counted: Vec<Counted<'_>> = rows
        .iter()
        .map(|row| Counted {
            held_on: row.held_on,
            minutes: row.minutes(),
            credits: &row.credits,
        })
        .collect();
    Totals::compute(&counted, shown, today)
}

/// What an account's whole record comes to, kept per account while its record
/// version (moved by the database on every change of its entries and numbers) and
/// the day hold: reading and counting 300 entries was most of the page.
pub struct RecordTotals {
    /// The registers the account gave a number for.
    numbered: Vec<i64>,
    /// How many entries there are (for the page links).
    entries: usize,
    totals: Totals,
}

async fn kept_totals(
    state: &AppState,
    account: i64,
    today: chrono::NaiveDate,
) -> sqlx::Result<RecordTotals> {
    let (registers, summary) =
        tokio::try_join!(state.registers(), state.db.record_summary(account))?;
    let (shown, _) = shown_registers(&registers, &summary.numbered);
    Ok(RecordTotals {
        totals: totals(&summary.counted, &shown, today),
        entries: summary.counted.len(),
        numbered: summary.numbered,
    })
}

/// One category's bar.
struct BarView {
    id: String,
    name: String,
    /// "20 van de 60 punten", with the cap and "controleer in het reglement".
    figures: String,
    /// How far to the register's number; `None` when it names none (no bar then:
    /// an empty bar would say "nothing yet" where there is nothing to reach).
    percent: Option<u32>,
    /// "Minimum gehaald" / "Nog 40 punten nodig" / "".
    state: String,
}

struct RegisterView {
    name: String,
    period: String,
    bars: Vec<BarView>,
}

struct YearView {
    year: i32,
    hours: String,
    points: Vec<String>,
}

/// The certificate of an entry's registration.
struct CertificateLink {
    href: String,
    revoked: bool,
}

/// One entry in the list.
struct EntryView {
    date: String,
    title: String,
    provider: String,
    kind: String,
    hours: String,
    credits: Vec<String>,
    changed: bool,
    certificate: Option<CertificateLink>,
    link: String,
    file: Option<(String, String)>,
    remove: Option<String>,
}

pub(crate) fn credit_line(lang: Lang, c: &crate::domain::learning::record::Credit) -> String {
    let mut line = lang.t_args(
        "record-credit",
        &[
            ("register", c.register.as_str().into()),
            ("category", c.category.as_str().into()),
            ("points", c.points().display(lang.code()).into()),
        ],
    );
    if !c.id_number.is_empty() {
        line.push_str(&lang.t1("record-credit-id", "id", c.id_number.as_str()));
    }
    line
}

fn entry_view(lang: Lang, row: &RecordRow) -> EntryView {
    let base = format!("{PATH}/{}", row.public_id);
    EntryView {
        date: lang.day(row.held_on),
        title: row.title.clone(),
        provider: row.provider.clone(),
        kind: lang.t(&format!("record-kind-{}", row.kind)),
        hours: hours_text(lang, row.minutes()),
        credits: row.credits.iter().map(|c| credit_line(lang, c)).collect(),
        changed: row.changed_since,
        certificate: row.certificate.as_ref().map(|id| CertificateLink {
            href: format!("/certificaat/{id}"),
            revoked: row.certificate_revoked,
        }),
        link: row.evidence_url.clone(),
        file: (!row.evidence_name.is_empty())
            .then(|| (format!("{base}/bewijs"), row.evidence_name.clone())),
        remove: row.is_external().then(|| format!("{base}/verwijderen")),
    }
}

fn register_view(
    lang: Lang,
    total: &crate::domain::learning::record::RegisterTotal,
) -> RegisterView {
    RegisterView {
        name: total.name.clone(),
        period: lang.t_args(
            "record-period",
            &[
                ("years", i64::from(total.period_years).into()),
                ("from", lang.day(total.from).into()),
                ("to", lang.day(total.to).into()),
            ],
        ),
        bars: total
            .categories
            .iter()
            .map(|c| {
                let earned = c.counted.display(lang.code());
                let mut figures = match (c.minimum, c.maximum) {
                    (Some(min), _) => lang.t_args(
                        "record-bar-minimum",
                        &[
                            ("points", earned.into()),
                            ("minimum", i64::from(min).into()),
                        ],
                    ),
                    (None, Some(max)) => lang.t_args(
                        "record-bar-maximum",
                        &[
                            ("points", earned.into()),
                            ("maximum", i64::from(max).into()),
                        ],
                    ),
                    (None, None) => lang.t1("record-bar-plain", "points", earned),
                };
                if let (Some(_), Some(max)) = (c.minimum, c.maximum) {
                    figures.push_str(&lang.t1("record-bar-cap", "maximum", i64::from(max)));
                }
                if c.over_cap.0 > 0 {
                    figures.push_str(&lang.t1(
                        "record-bar-over",
                        "points",
                        c.over_cap.display(lang.code()),
                    ));
                }
                if c.to_check {
                    figures.push_str(&lang.t("record-bar-to-check"));
                }
                // A sentence of its own before "Nog … nodig." / "Minimum gehaald."
                figures.push('.');
                let state = match c.minimum {
                    Some(_) if c.met => lang.t("record-bar-met"),
                    Some(min) => lang.t1(
                        "record-bar-short",
                        "points",
                        Points(min * 2 - c.counted.0).display(lang.code()),
                    ),
                    None => String::new(),
                };
                BarView {
                    id: format!("bar-{}-{}", total.register_id, c.category_id),
                    name: c.name.clone(),
                    figures,
                    percent: (c.minimum.is_some() || c.maximum.is_some()).then_some(c.percent),
                    state,
                }
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "site/record.html")]
struct RecordPage {
    lang: Lang,
    chrome: Chrome,
    path: &'static str,
    notice: Option<String>,
    no_numbers: bool,
    registers: Vec<RegisterView>,
    register_names: Vec<String>,
    years: Vec<YearView>,
    entries: Vec<EntryView>,
    pages: Vec<PageLink>,
    csrf: String,
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let account = signed.account.id;
    let page = query_param(&uri, "pagina")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    // Everything counts in the totals (kept while the record is unchanged); the
    // list shows one page of it.
    let today = crate::time::today();
    let stamp = (signed.account.record_version, today);
    let (registers, kept, mut rows) = tokio::try_join!(
        state.registers(),
        state
            .record_totals
            .get_or_try(&account, &stamp, || kept_totals(&state, account, today)),
        state.db.record_page(account, page, PER_PAGE),
    )?;
    state.note_changes(&mut rows).await?;
    // A page past the end (an old link after entries were removed): the first.
    if rows.is_empty() && page > 1 {
        return Ok(see_other(PATH.to_owned()));
    }
    let (shown, no_numbers) = shown_registers(&registers, &kept.numbered);
    let totals = &kept.totals;
    let page_count = u32::try_from(kept.entries.div_ceil(PER_PAGE as usize))
        .unwrap_or(u32::MAX)
        .max(1);
    let pages = PageLink::all(lang, page_count, page, |n| match n {
        1 => format!("{PATH}#activiteiten"),
        n => format!("{PATH}?pagina={n}#activiteiten"),
    });
    let page = RecordPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("record-heading"), PATH, "account"),
        path: PATH,
        notice: notice(&uri, lang, NOTICES),
        no_numbers,
        registers: totals
            .registers
            .iter()
            .map(|t| register_view(lang, t))
            .collect(),
        register_names: shown.iter().map(|r| r.name.clone()).collect(),
        years: totals
            .years
            .iter()
            .map(|y| YearView {
                year: y.year,
                hours: hours_text(lang, y.minutes),
                points: y.points.iter().map(|p| p.display(lang.code())).collect(),
            })
            .collect(),
        entries: rows.iter().map(|r| entry_view(lang, r)).collect(),
        pages,
        csrf: signed.csrf(&state),
    };
    Ok(private(Html(page.render()?).into_response()))
}
