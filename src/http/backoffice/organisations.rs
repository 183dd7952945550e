//! The organiser's back office (`/beheer`): the organisations an account manages,
//! each with its activities and organisers, invitations to organise, how long
//! registrations are kept (AVG), and (for platform admins) new organisations.
//!
//! Every handler starts from [`Staff`] (signed in, and admin or organiser) and
//! reaches an organisation only through [`managed_organisation`], which answers 404
//! for one the account does not manage: an organiser of A cannot tell whether a page
//! of B exists.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::access::KartrekkerActivity;
use crate::db::account::{InviteOutcome, OpenInvitation};
use crate::db::organisation::{ActivityListRow, Member, OrganisationRef};
use crate::db::privacy::RETENTION_MONTHS;
use crate::domain::activity::{ActivityKind, ActivityStatus};
use crate::domain::input::line;
use crate::domain::registration::Email;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::backoffice::access::{
    InviteTo, Staff, email_error_key, managed_organisation, require_admin, send_invitation,
};
use crate::http::backoffice::form::{FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Refusal};
use crate::http::kit::forms::{Group, Pairs, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::{Chrome, activity_status, kind_label};
use crate::i18n::Lang;

const MAX_BODY: usize = 16 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer", get(dashboard))
        .route(
            "/beheer/organisaties/nieuw",
            get(new_organisation_form).post(create_organisation),
        )
        .route("/beheer/organisaties/{org}", get(organisation_page))
        .route("/beheer/organisaties/{org}/uitnodigen", post(invite))
        .route(
            "/beheer/organisaties/{org}/privacy",
            get(retention_form).post(save_retention),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

// ------------------------------------------------------------------ dashboard

#[derive(Template)]
#[template(path = "backoffice/dashboard.html")]
struct DashboardPage {
    lang: Lang,
    chrome: Chrome,
    organisations: Vec<OrganisationRef>,
    /// The activities this account is a kartrekker of.
    kartrekker_of: Vec<KartrekkerActivity>,
    admin: bool,
    /// Organisers and admins: links to the theme inventories and mentoring programmes.
    organiser: bool,
}

async fn dashboard(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
) -> Result<Response, PageError> {
    let roles = &staff.0.account.roles;
    let organisations = state.db.managed_organisations(roles).await?;
    let kartrekker_of = if roles.kartrekker_of.is_empty() {
        Vec::new()
    } else {
        state.db.kartrekker_activities(staff.0.account.id).await?
    };
    let page = DashboardPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("bo-title"), "/beheer", "backoffice"),
        organisations,
        kartrekker_of,
        admin: roles.admin,
        organiser: roles.admin || !roles.organiser_of.is_empty(),
    };
    Ok(Html(page.render()?).into_response())
}

// ------------------------------------------------------------------ an organisation

/// An activity row of the organisation page.
pub struct ActivityItem {
    pub title: String,
    pub kind: String,
    pub status: String,
    pub when: String,
    pub places: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "backoffice/organisation.html")]
struct OrganisationPage {
    lang: Lang,
    chrome: Chrome,
    organisation: OrganisationRef,
    activities: Vec<ActivityItem>,
    members: Vec<Member>,
    /// "address (valid until date)" per open invitation.
    invitations: Vec<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

fn activity_item(lang: Lang, row: &ActivityListRow) -> ActivityItem {
    let kind = ActivityKind::parse(&row.kind)
        .map(|k| kind_label(lang, k))
        .unwrap_or_else(|| row.kind.clone());
    let status = ActivityStatus::parse(&row.status)
        .map(|s| activity_status(lang, s))
        .unwrap_or_else(|| row.status.clone());
    let places = match row.capacity {
        Some(capacity) => lang.t_args(
            "bo-places-of",
            &[
                ("confirmed", i64::from(row.confirmed_count).into()),
                ("capacity", i64::from(capacity).into()),
                ("waitlist", i64::from(row.waitlist_count).into()),
            ],
        ),
        None => lang.t_args(
            "bo-places-open",
            &[
                ("confirmed", i64::from(row.confirmed_count).into()),
                ("waitlist", i64::from(row.waitlist_count).into()),
            ],
        ),
    };
    ActivityItem {
        title: row.title.clone(),
        kind,
        status,
        when: row
            .first_start
            .map(|t| format!("{} {}", lang.date_short(t), lang.time(t)))
            .unwrap_or_else(|| lang.t("bo-no-date")),
        places,
        href: format!("/beheer/activiteiten/{}", row.public_id),
    }
}

/// What the organisation page shows besides its stored facts: a notice after a
/// change, or why the invitation form came back with the address as typed.
#[derive(Default)]
struct OrganisationRender {
    notice: Option<String>,
    refusal: Option<Refusal>,
    email: String,
}

async fn render_organisation(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    organisation: OrganisationRef,
    render: OrganisationRender,
) -> Result<Response, PageError> {
    let now = crate::time::now();
    let activities = state
        .db
        .organisation_activities(organisation.id)
        .await?
        .iter()
        .map(|row| activity_item(lang, row))
        .collect();
    let (members, invitations) = state.db.organisation_people(organisation.id, now).await?;
    let mut email = FieldView::new("email", lang.t("bo-invite-email"), "email", &render.email)
        .required()
        .autocomplete("off")
        .described(lang.t("bo-invite-help"));
    let refusal = render.refusal.as_ref();
    email.error = refusal.and_then(|r| r.error("email"));
    let path = format!("/beheer/organisaties/{}", organisation.slug);
    let page = OrganisationPage {
        lang,
        chrome: Chrome::new(state, lang, organisation.name.clone(), &path, "backoffice"),
        organisation,
        activities,
        members,
        invitations: invitations
            .iter()
            .map(|i: &OpenInvitation| {
                lang.t_args(
                    "bo-invitation-until",
                    &[
                        ("email", i.email.as_str().into()),
                        ("date", lang.date_short(i.expires_at).into()),
                    ],
                )
            })
            .collect(),
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: vec![email],
        csrf: staff.0.csrf(state),
    };
    Ok(Refusal::answer(refusal, Html(page.render()?)))
}

async fn organisation_page(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let notice = notice(&uri, lang, NOTICES);
    render_organisation(
        &state,
        lang,
        &staff,
        organisation,
        OrganisationRender {
            notice,
            ..OrganisationRender::default()
        },
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct InviteForm {
    email: String,
    csrf: String,
}

async fn invite(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let form: InviteForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let refuse = |refusal| OrganisationRender {
        refusal: Some(refusal),
        email: form.email.clone(),
        ..OrganisationRender::default()
    };
    if !staff.0.csrf_ok(&state, &headers, &form.csrf) {
        let render = refuse(Refusal::Expired);
        return render_organisation(&state, lang, &staff, organisation, render).await;
    }
    let Some(email) = Email::parse(&form.email) else {
        let key = email_error_key(&form.email);
        let render = refuse(Refusal::field("email", lang.t(key)));
        return render_organisation(&state, lang, &staff, organisation, render).await;
    };
    let outcome = send_invitation(
        &state,
        organisation.id,
        InviteTo::Organise,
        email,
        staff.0.account.id,
        lang,
    )
    .await?;
    let notice = match outcome {
        InviteOutcome::Sent => "uitgenodigd",
        InviteOutcome::AlreadyMember => "al-lid",
    };
    Ok(Redirect::to(&format!(
        "/beheer/organisaties/{}?bericht={notice}",
        organisation.slug
    ))
    .into_response())
}

// ------------------------------------------------------------------ new organisation

#[derive(Template)]
#[template(path = "backoffice/new_organisation.html")]
struct NewOrganisationPage {
    lang: Lang,
    chrome: Chrome,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

#[derive(Clone, Default, Deserialize)]
#[serde(default)]
struct OrganisationForm {
    name: String,
    kind: String,
    city: String,
    website: String,
    csrf: String,
}

/// Kinds an organisation may have (shown on its page, never branched on).
const ORGANISATION_KINDS: [&str; 4] = [
    "kennisinstituut",
    "welzijnsorganisatie",
    "lectoraat",
    "anders",
];

fn organisation_fields(
    lang: Lang,
    form: &OrganisationForm,
    refusal: Option<&Refusal>,
) -> Vec<FieldView> {
    let error = |field: &str| refusal.and_then(|r| r.error(field));
    let mut name = FieldView::new("name", lang.t("bo-org-name"), "text", &form.name)
        .required()
        .autocomplete("organization");
    name.error = error("name");
    let mut kind = FieldView::new("kind", lang.t("bo-org-kind"), "select", &form.kind)
        .required()
        .options(
            ORGANISATION_KINDS
                .iter()
                .map(|k| ((*k).to_owned(), lang.t(&format!("bo-org-kind-{k}"))))
                .collect(),
        );
    kind.error = error("kind");
    let mut city = FieldView::new("city", lang.t("bo-org-city"), "text", &form.city);
    city.error = error("city");
    let mut website = FieldView::new("website", lang.t("bo-org-website"), "url", &form.website)
        .described(lang.t("bo-org-website-help"));
    website.error = error("website");
    vec![name, kind, city, website]
}

/// The new-organisation form, as typed, and why it came back (none when first shown).
fn render_new_organisation(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    form: &OrganisationForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let refusal = refusal.as_ref();
    let page = NewOrganisationPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("bo-org-new-title"),
            "/beheer/organisaties/nieuw",
            "backoffice",
        ),
        notice: refusal.and_then(|r| r.notice(lang)),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: organisation_fields(lang, form, refusal),
        csrf: staff.0.csrf(state),
    };
    Ok(Refusal::answer(refusal, Html(page.render()?)))
}

async fn new_organisation_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let form = OrganisationForm {
        kind: "anders".into(),
        ..OrganisationForm::default()
    };
    render_new_organisation(&state, lang, &staff, &form, None)
}

const MAX_ORG_TEXT: usize = 200;

/// Checks the form: (field, message key) for each problem.
fn organisation_problems(form: &OrganisationForm) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    let text = |field: &'static str, value: &str, problems: &mut Vec<_>| {
        if let Err(message) = line(value, MAX_ORG_TEXT) {
            problems.push((field, message));
        }
    };
    if form.name.trim().is_empty() {
        problems.push(("name", "error-required"));
    } else if Slug::from_title(form.name.trim()).is_none() {
        problems.push(("name", "bo-org-name-letters"));
    }
    text("name", form.name.trim(), &mut problems);
    text("city", form.city.trim(), &mut problems);
    if !ORGANISATION_KINDS.contains(&form.kind.as_str()) {
        problems.push(("kind", "error-choice"));
    }
    let website = form.website.trim();
    let web_address = website.starts_with("https://") || website.starts_with("http://");
    if !website.is_empty() && !web_address {
        problems.push(("website", "bo-org-website-invalid"));
    }
    text("website", website, &mut problems);
    problems
}

async fn create_organisation(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let form: OrganisationForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if !staff.0.csrf_ok(&state, &headers, &form.csrf) {
        return render_new_organisation(&state, lang, &staff, &form, Some(Refusal::Expired));
    }
    let problems: Vec<(String, String)> = organisation_problems(&form)
        .into_iter()
        .map(|(field, key)| (field.to_owned(), lang.t(key)))
        .collect();
    if !problems.is_empty() {
        let refusal = Refusal::Invalid(problems);
        return render_new_organisation(&state, lang, &staff, &form, Some(refusal));
    }
    let slug = Slug::from_title(form.name.trim()).ok_or(PageError::NotFound)?;
    let created = state
        .db
        .create_organisation(
            &crate::db::organisation::NewOrganisation {
                slug: slug.as_str(),
                name: form.name.trim(),
                kind: &form.kind,
                city: form.city.trim(),
                website: form.website.trim(),
                created_by: staff.0.account.id,
            },
            crate::time::now(),
        )
        .await?;
    match created {
        Some(slug) => Ok(
            Redirect::to(&format!("/beheer/organisaties/{slug}?bericht=aangemaakt"))
                .into_response(),
        ),
        None => {
            let taken = Refusal::Conflict(vec![("name".into(), lang.t("bo-org-name-taken"))]);
            render_new_organisation(&state, lang, &staff, &form, Some(taken))
        }
    }
}

// ------------------------------------------------------------------ retention (AVG)

fn retention_frame(lang: Lang, organisation: &OrganisationRef) -> FormFrame {
    FormFrame::for_organisation(
        lang,
        organisation,
        lang.t("privacy-heading"),
        format!("/beheer/organisaties/{}/privacy", organisation.slug),
        "privacy-save",
    )
    .intro(vec![
        lang.t("privacy-intro"),
        lang.t("privacy-intro-survey"),
    ])
}

fn retention_groups(lang: Lang, months: &str) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("months", lang.t("privacy-months"), "number", months)
                .required()
                .described(lang.t1(
                    "privacy-months-help",
                    "max",
                    i64::from(*RETENTION_MONTHS.end()),
                )),
        ],
    )]
}

async fn retention_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let notice = notice(&uri, lang, RETENTION_NOTICES);
    let months = organisation.retention_months.to_string();
    render_form(
        &state,
        lang,
        staff.0.csrf(&state),
        StatusCode::OK,
        retention_frame(lang, &organisation).notice(notice),
        retention_groups(lang, &months),
        &[],
    )
}

async fn save_retention(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("months");
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            staff.0.csrf(&state),
            refusal.status(),
            retention_frame(lang, &organisation).notice(refusal.notice(lang)),
            retention_groups(lang, &raw),
            refusal.errors(),
        )
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(Refusal::Expired);
    }
    let Some(months) = raw
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|m| RETENTION_MONTHS.contains(m))
    else {
        let message = lang.t1(
            "privacy-error-months",
            "max",
            i64::from(*RETENTION_MONTHS.end()),
        );
        return refuse(Refusal::Invalid(vec![("months".into(), message)]));
    };
    state
        .db
        .set_retention(
            organisation.id,
            months,
            staff.0.account.id,
            crate::time::now(),
        )
        .await?;
    Ok(see_other(format!(
        "/beheer/organisaties/{}/privacy?bericht=opgeslagen",
        organisation.slug
    )))
}

/// The organisation page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("uitgenodigd", "bo-notice-invited"),
    ("al-lid", "bo-notice-already-member"),
    ("aangemaakt", "bo-notice-organisation-created"),
];

/// The retention form's notice after saving.
pub const RETENTION_NOTICES: Notices = &[("opgeslagen", "privacy-saved")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_organisation_needs_a_name_a_known_kind_and_a_web_address() {
        let good = OrganisationForm {
            name: "Buurtwerk Noord".into(),
            kind: "welzijnsorganisatie".into(),
            city: "Zwolle".into(),
            website: "https://buurtwerk.example".into(),
            csrf: String::new(),
        };
        assert!(organisation_problems(&good).is_empty());
        let bad = OrganisationForm {
            name: "  ".into(),
            kind: "bank".into(),
            city: "x".repeat(MAX_ORG_TEXT + 1),
            website: "javascript:alert(1)".into(),
            csrf: String::new(),
        };
        let fields: Vec<&str> = organisation_problems(&bad).iter().map(|p| p.0).collect();
        assert_eq!(fields, ["name", "city", "kind", "website"]);
        let symbols = OrganisationForm {
            name: "!!!".into(),
            ..good
        };
        assert_eq!(
            organisation_problems(&symbols),
            [("name", "bo-org-name-letters")]
        );
    }
}
