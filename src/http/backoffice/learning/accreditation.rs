//! The accreditation page of an activity: net learning time per session, the
//! accreditations per register with their points (set by hand or worked out), and
//! the form to add, change or remove one. A refused form comes back as typed with
//! the message at its field (422, or 409 when it clashes with what is stored);
//! nothing is stored then.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::{learning_time, points_text, problem_text};
use crate::db::learning::accreditation::AccreditationSaved;
use crate::domain::access::Permission;
use crate::domain::learning::form::validate_accreditation;
use crate::domain::learning::{
    AccreditationCredit, AccreditationInput, ActivityCredit, Register, SessionInput,
};
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::backoffice::form::{Danger, FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::{FieldView, Group, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

/// The page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("opgeslagen", "accr-notice-saved"),
    ("verwijderd", "accr-notice-removed"),
];

/// A session's row in the net-time table.
struct SessionRow {
    when: String,
    net: String,
    points: String,
}

/// An accreditation in the list.
struct AccreditationRow {
    register: String,
    category: String,
    /// The ID number, or per session "date: number" lines.
    ids: Vec<String>,
    points: String,
    href: String,
    pe_online_href: String,
    remove_action: String,
}

#[derive(Template)]
#[template(path = "backoffice/accreditation.html")]
struct AccreditationPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    notice: Option<String>,
    problem: Option<String>,
    sessions: Vec<SessionRow>,
    accreditations: Vec<AccreditationRow>,
    can_add: bool,
    csrf: String,
}

fn page_path(managed: &Managed) -> String {
    format!("{}/accreditatie", managed.base())
}

/// "di 8 december 2026, 13.30–18.00".
fn when(lang: Lang, starts_at: crate::time::Timestamp, ends_at: crate::time::Timestamp) -> String {
    format!(
        "{}, {}",
        lang.date_long(starts_at),
        lang.time_range(starts_at, ends_at)
    )
}

fn accreditation_row(
    lang: Lang,
    base: &str,
    credit: &ActivityCredit,
    a: &AccreditationCredit,
) -> AccreditationRow {
    let ids = if a.per_session {
        a.sessions
            .iter()
            .map(|s| {
                let date = credit
                    .sessions
                    .iter()
                    .find(|c| c.session_id == s.session_id)
                    .map(|c| lang.date_long(c.starts_at))
                    .unwrap_or_default();
                format!("{date}: {} ({})", s.id_number, points_text(lang, s.points))
            })
            .collect()
    } else {
        vec![a.id_number.clone()]
    };
    let how = lang.t(if a.by_hand {
        "accr-by-hand"
    } else {
        "accr-computed"
    });
    let path = format!("{base}/{}", a.id);
    AccreditationRow {
        register: a.register_name.clone(),
        category: if a.per_session {
            format!("{} ({})", a.category_name, lang.t("accr-per-session"))
        } else {
            a.category_name.clone()
        },
        ids,
        points: format!("{} ({how})", points_text(lang, a.points)),
        pe_online_href: format!("{path}/pe-online"),
        remove_action: format!("{path}/verwijderen"),
        href: path,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    managed.require(Permission::Edit)?;
    let credit = state.db.activity_credit(managed.activity.id).await?;
    let registers = state.registers().await?;
    let base = page_path(&managed);
    let page = AccreditationPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("accr-heading"), &base, "backoffice"),
        managed: &managed,
        notice: notice(&uri, lang, NOTICES),
        problem: credit.problem.map(|p| problem_text(lang, p)),
        sessions: credit
            .sessions
            .iter()
            .map(|s| SessionRow {
                when: when(lang, s.starts_at, s.ends_at),
                net: match s.problem {
                    Some(problem) => problem_text(lang, problem),
                    None => learning_time(lang, s.net_minutes),
                },
                points: points_text(lang, s.points()),
            })
            .collect(),
        accreditations: credit
            .accreditations
            .iter()
            .map(|a| accreditation_row(lang, &base, &credit, a))
            .collect(),
        can_add: credit.accreditations.len() < registers.len(),
        csrf: managed.csrf(&state),
        base,
    };
    Ok(Html(page.render()?).into_response())
}

/// The accreditation named in the path: `None` on `…/nieuw`; not a number: 404.
fn named(raw: Option<&str>) -> Result<Option<i64>, PageError> {
    match raw {
        None | Some("nieuw") => Ok(None),
        Some(raw) => raw.parse().map(Some).map_err(|_| PageError::NotFound),
    }
}

/// The form's fields: register and category, ID number, points, per session, and
/// per session its ID number and points.
fn groups(
    lang: Lang,
    input: &AccreditationInput,
    registers: &[Register],
    credit: &ActivityCredit,
) -> Vec<Group> {
    let field = |name: &str, kind: &'static str, value: &str| {
        FieldView::new(name, lang.t(&format!("accr-field-{name}")), kind, value)
    };
    let categories = registers
        .iter()
        .flat_map(|r| {
            r.categories.iter().map(move |c| {
                let mut label = format!("{}: {}", r.name, c.name);
                if c.to_check {
                    label.push_str(&format!(" ({})", lang.t("accr-to-check")));
                }
                (c.id.to_string(), label)
            })
        })
        .collect();
    let mut groups = vec![Group::new(
        String::new(),
        vec![
            field("category", "select", &input.category)
                .required()
                .options(categories),
            field("id_number", "text", &input.id_number)
                .autocomplete("off")
                .described(lang.t("accr-field-id_number-help")),
            field("points", "text", &input.points).described(lang.t1(
                "accr-field-points-help",
                "points",
                credit.points().display(lang.code()),
            )),
            FieldView::checkbox(
                "per_session",
                lang.t("accr-field-per_session"),
                input.per_session,
            )
            .described(lang.t("accr-field-per_session-help")),
        ],
    )];
    for s in &input.sessions {
        let date = credit
            .sessions
            .iter()
            .find(|c| c.session_id == s.session_id)
            .map(|c| lang.date_long(c.starts_at))
            .unwrap_or_default();
        let label = |key: &str| lang.t1(key, "date", date.as_str());
        groups.push(Group::new(
            label("accr-session-group"),
            vec![
                FieldView::new(
                    &format!("s{}_id_number", s.session_id),
                    label("accr-session-id"),
                    "text",
                    &s.id_number,
                )
                .autocomplete("off"),
                FieldView::new(
                    &format!("s{}_points", s.session_id),
                    label("accr-session-points"),
                    "text",
                    &s.points,
                ),
            ],
        ));
    }
    groups
}

fn frame(lang: Lang, managed: &Managed, existing: Option<i64>) -> FormFrame {
    let list = page_path(managed);
    let (heading, action) = match existing {
        Some(id) => (lang.t("accr-edit"), format!("{list}/{id}")),
        None => (lang.t("accr-add"), format!("{list}/nieuw")),
    };
    let mut frame = FormFrame::for_activity(lang, managed, heading, action.clone(), "accr-save")
        .intro(vec![lang.t("accr-intro")]);
    // The way back is the accreditation page, one level up.
    let at = frame.crumbs.len() - 1;
    frame
        .crumbs
        .insert(at, (list.clone(), lang.t("accr-heading")));
    frame.back_href = list;
    if existing.is_some() {
        frame.danger = Some(Danger {
            action: format!("{action}/verwijderen"),
            label: lang.t("accr-remove"),
            notify_label: None,
        });
    }
    frame
}

/// The form as stored (or empty for a new one), with a row per session.
fn stored_input(
    credit: &ActivityCredit,
    existing: Option<&AccreditationCredit>,
) -> AccreditationInput {
    let text = |p: crate::domain::learning::Points| p.display("nl");
    AccreditationInput {
        category: existing
            .map(|a| a.category_id.to_string())
            .unwrap_or_default(),
        id_number: existing.map(|a| a.id_number.clone()).unwrap_or_default(),
        points: existing
            .filter(|a| a.by_hand && !a.per_session)
            .map(|a| text(a.points))
            .unwrap_or_default(),
        per_session: existing.is_some_and(|a| a.per_session),
        sessions: credit
            .sessions
            .iter()
            .map(|s| {
                let stored =
                    existing.and_then(|a| a.sessions.iter().find(|x| x.session_id == s.session_id));
                SessionInput {
                    session_id: s.session_id,
                    id_number: stored.map(|x| x.id_number.clone()).unwrap_or_default(),
                    points: stored
                        .filter(|x| x.by_hand)
                        .map(|x| text(x.points))
                        .unwrap_or_default(),
                }
            })
            .collect(),
    }
}

pub(super) async fn form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path(params): Path<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    managed.require(Permission::Edit)?;
    let existing = named(param(&params))?;
    let credit = state.db.activity_credit(managed.activity.id).await?;
    let stored = match existing {
        None => None,
        Some(id) => Some(
            credit
                .accreditations
                .iter()
                .find(|a| a.id == id)
                .ok_or(PageError::NotFound)?,
        ),
    };
    let registers = state.registers().await?;
    let input = stored_input(&credit, stored);
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        frame(lang, &managed, existing),
        groups(lang, &input, &registers, &credit),
        &[],
    )
}

fn param(params: &[(String, String)]) -> Option<&str> {
    params
        .iter()
        .find(|(k, _)| k == "accreditation")
        .map(|(_, v)| v.as_str())
}

pub(super) async fn store(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path(params): Path<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Edit)?;
    let existing = named(param(&params))?;
    let credit = state.db.activity_credit(managed.activity.id).await?;
    if let Some(id) = existing
        && !credit.accreditations.iter().any(|a| a.id == id)
    {
        return Err(PageError::NotFound);
    }
    let registers = state.registers().await?;
    let pairs = Pairs::parse(&body);
    let input = AccreditationInput {
        category: pairs.get("category"),
        id_number: pairs.get("id_number"),
        points: pairs.get("points"),
        per_session: pairs.on("per_session"),
        sessions: credit
            .sessions
            .iter()
            .map(|s| SessionInput {
                session_id: s.session_id,
                id_number: pairs.get(&format!("s{}_id_number", s.session_id)),
                points: pairs.get(&format!("s{}_points", s.session_id)),
            })
            .collect(),
    };
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            frame(lang, &managed, existing).notice(refusal.notice(lang)),
            groups(lang, &input, &registers, &credit),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired);
    }
    let valid = match validate_accreditation(&input, &registers) {
        Ok(valid) => valid,
        Err(errors) => return refuse(Refusal::invalid(lang, &errors)),
    };
    let by = managed.staff.0.account.id;
    match state
        .db
        .save_accreditation(managed.activity.id, existing, &valid, by)
        .await?
    {
        AccreditationSaved::Saved(_) => {
            crate::http::backoffice::editor::refresh(&state, &managed).await?;
            Ok(see_other(format!(
                "{}?bericht=opgeslagen",
                page_path(&managed)
            )))
        }
        AccreditationSaved::RegisterTaken => refuse(Refusal::Conflict(vec![(
            "category".into(),
            lang.t("learning-error-register-taken"),
        )])),
        AccreditationSaved::SessionGone => refuse(Refusal::Conflict(vec![(
            "per_session".into(),
            lang.t("learning-error-session-gone"),
        )])),
        AccreditationSaved::NotFound => Err(PageError::NotFound),
    }
}

pub(super) async fn remove(
    State(state): State<AppState>,
    managed: Managed,
    Path(params): Path<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Edit)?;
    let id = named(param(&params))?.ok_or(PageError::NotFound)?;
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        return Err(PageError::Forbidden);
    }
    let by = managed.staff.0.account.id;
    if !state
        .db
        .remove_accreditation(managed.activity.id, id, by)
        .await?
    {
        return Err(PageError::NotFound);
    }
    crate::http::backoffice::editor::refresh(&state, &managed).await?;
    Ok(see_other(format!(
        "{}?bericht=verwijderd",
        page_path(&managed)
    )))
}
