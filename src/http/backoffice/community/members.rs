//! The members of an atelier (`/beheer/activiteiten/{id}/leden`): requests waiting
//! for a decision, the members with their level and role, invitations, those who
//! left; inviting someone by email; whether people may join without a decision. One
//! member's page (`…/leden/{member}`) holds the decision (with a message, required
//! when declining) or, for a member, their role.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::{get, post};

use super::require_atelier;
use crate::db::account::InviteOutcome;
use crate::db::community::{DecideOutcome, MemberRow};
use crate::domain::community::membership::{
    DecisionForm, MAX_DECISION_MESSAGE, MemberRole, MemberState,
};
use crate::domain::registration::Email;
use crate::http::AppState;
use crate::http::backoffice::access::{InviteTo, Managed, email_error_key, send_invitation};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/activiteiten/{id}/leden", get(show).post(invite))
        .route(
            "/beheer/activiteiten/{id}/leden/instellingen",
            post(save_settings),
        )
        .route("/beheer/activiteiten/{id}/leden/{member}", get(show_member))
        .route(
            "/beheer/activiteiten/{id}/leden/{member}/besluit",
            post(decide),
        )
        .route(
            "/beheer/activiteiten/{id}/leden/{member}/rol",
            post(set_role),
        )
        .layer(DefaultBodyLimit::max(16 * 1024))
}

/// The members page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("uitgenodigd", "members-notice-invited"),
    ("al-lid", "members-notice-already"),
    ("opgeslagen", "members-notice-saved"),
    ("aangenomen", "members-notice-accepted"),
    ("afgewezen", "members-notice-declined"),
    ("rol", "members-notice-role"),
];

/// One membership as a row of the page.
struct MemberItem {
    href: String,
    /// The name, or the address when there is no name.
    name: String,
    email: String,
    level: String,
    role: String,
    brings: String,
    /// Where the membership stands ("Oud-lid").
    state: String,
    /// When they joined, asked or left, by state; short for the table's column.
    date: String,
    date_short: String,
}

#[derive(Template)]
#[template(path = "backoffice/members.html")]
struct MembersPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    requests: Vec<MemberItem>,
    /// "Leden (12)".
    active_heading: String,
    members: Vec<MemberItem>,
    /// Invited and the invitation used, not yet joined; then open invitations.
    invited: Vec<MemberItem>,
    invitations: Vec<(String, String)>,
    former: Vec<MemberItem>,
    invite_fields: Vec<FieldView>,
    settings_fields: Vec<FieldView>,
    csrf: String,
}

fn item(lang: Lang, base: &str, row: &MemberRow) -> MemberItem {
    let m = &row.membership;
    let date = match m.state {
        MemberState::Active => m.joined_at.unwrap_or(row.updated_at),
        _ => row.updated_at,
    };
    MemberItem {
        href: format!("{base}/leden/{}", m.public_id),
        name: if row.name.is_empty() {
            row.email.clone()
        } else {
            row.name.clone()
        },
        email: row.email.clone(),
        level: lang.t(&format!("community-level-{}", m.level.as_str())),
        role: if row.kartrekker {
            lang.t("community-role-kartrekker")
        } else {
            lang.t(&format!("community-role-{}", m.role.as_str()))
        },
        brings: m.brings.clone(),
        state: lang.t(&format!("members-state-{}", m.state.as_str())),
        date: lang.date_long(date),
        date_short: lang.date_short(date),
    }
}

async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    refusal: Option<Refusal>,
    notice: Option<String>,
    email: &str,
) -> Result<Response, PageError> {
    let base = managed.base();
    let activity = managed.activity.id;
    let rows = state.db.atelier_members(activity).await?;
    let pick = |states: &[MemberState]| -> Vec<MemberItem> {
        rows.iter()
            .filter(|r| states.contains(&r.membership.state))
            .map(|r| item(lang, &base, r))
            .collect()
    };
    let invitations = state
        .db
        .open_member_invitations(activity, crate::time::now())
        .await?
        .into_iter()
        .map(|(email, until)| (email, lang.date_long(until)))
        .collect();
    let open = state.db.atelier_open_joining(activity).await?;
    let members = pick(&[MemberState::Active]);
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let mut invite = FieldView::new("email", lang.t("members-invite-email"), "email", email)
        .required()
        .autocomplete("email")
        .described(lang.t("members-invite-help"));
    invite.error = error_of("email");
    let settings = FieldView::checkbox("open", lang.t("members-open-joining"), open)
        .described(lang.t("members-open-joining-help"));
    let page = MembersPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("members-heading"),
            &format!("{base}/leden"),
            "backoffice",
        ),
        managed,
        requests: pick(&[MemberState::Requested]),
        active_heading: lang.t1("members-active", "count", members.len() as i64),
        members,
        invited: pick(&[MemberState::Invited]),
        invitations,
        former: pick(&[MemberState::Left, MemberState::Declined]),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        invite_fields: vec![invite],
        settings_fields: vec![settings],
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &managed, None, notice, "").await
}

async fn invite(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let pairs = Pairs::parse(&body);
    let typed = pairs.get("email");
    if !managed.form_ok(&state, &headers, &pairs) {
        return render(&state, lang, &managed, Some(Refusal::Expired), None, &typed).await;
    }
    let Some(email) = Email::parse(&typed) else {
        let refusal = Refusal::field("email", lang.t(email_error_key(&typed)));
        return render(&state, lang, &managed, Some(refusal), None, &typed).await;
    };
    let to = InviteTo::Member(managed.activity.id);
    let account = managed.staff.0.account.id;
    let outcome =
        send_invitation(&state, managed.organisation.id, to, email, account, lang).await?;
    let notice = match outcome {
        InviteOutcome::Sent => "uitgenodigd",
        InviteOutcome::AlreadyMember => "al-lid",
    };
    Ok(see_other(format!(
        "{}/leden?bericht={notice}",
        managed.base()
    )))
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
    if !managed.form_ok(&state, &headers, &pairs) {
        return render(&state, lang, &managed, Some(Refusal::Expired), None, "").await;
    }
    state
        .db
        .set_open_joining(managed.activity.id, pairs.on("open"), managed.actor())
        .await?;
    Ok(see_other(format!(
        "{}/leden?bericht=opgeslagen",
        managed.base()
    )))
}

// ------------------------------------------------------------------ one member

#[derive(Template)]
#[template(path = "backoffice/member.html")]
struct MemberPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    heading: String,
    member: MemberItem,
    /// The message with the last decision, when there is one.
    decision_message: String,
    /// The decision form (a request) or the role form (a member); neither otherwise.
    decision_fields: Option<Vec<FieldView>>,
    role_fields: Option<Vec<FieldView>>,
    action: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    csrf: String,
}

async fn member_of(state: &AppState, managed: &Managed, id: &str) -> Result<MemberRow, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .atelier_member(managed.activity.id, id)
        .await?
        .ok_or(PageError::NotFound)
}

/// What the decision form shows: the choice and the message as typed.
#[derive(Default)]
struct Typed {
    decision: String,
    message: String,
}

fn render_member(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    row: &MemberRow,
    typed: Typed,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let base = managed.base();
    let member = item(lang, &base, row);
    let m = &row.membership;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let decision_fields = (m.state == MemberState::Requested).then(|| {
        let mut decision = FieldView::new(
            "decision",
            lang.t("members-decision"),
            "radios",
            &typed.decision,
        )
        .required()
        .options(vec![
            ("accept".into(), lang.t("members-decision-accept")),
            ("decline".into(), lang.t("members-decision-decline")),
        ]);
        decision.error = error_of("decision");
        let mut message = FieldView::new(
            "message",
            lang.t("members-decision-message"),
            "textarea",
            &typed.message,
        )
        .rows(4)
        .described(lang.t1(
            "members-decision-message-help",
            "max",
            MAX_DECISION_MESSAGE as i64,
        ));
        message.error = error_of("message");
        vec![decision, message]
    });
    let role_fields = (m.state == MemberState::Active && !row.kartrekker).then(|| {
        vec![
            FieldView::new("role", lang.t("members-role"), "select", m.role.as_str())
                .required()
                .options(
                    MemberRole::ALL
                        .iter()
                        .map(|r| {
                            (
                                r.as_str().to_owned(),
                                lang.t(&format!("community-role-{}", r.as_str())),
                            )
                        })
                        .collect(),
                ),
        ]
    });
    let heading = member.name.clone();
    let page = MemberPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &member.href, "backoffice"),
        managed,
        heading,
        decision_message: m.decision_message.clone(),
        decision_fields,
        role_fields,
        action: member.href.clone(),
        member,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_member(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let row = member_of(&state, &managed, &id).await?;
    render_member(&state, lang, &managed, &row, Typed::default(), None)
}

async fn decide(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let row = member_of(&state, &managed, &id).await?;
    let pairs = Pairs::parse(&body);
    let form = DecisionForm {
        decision: pairs.get("decision"),
        message: pairs.get("message"),
    };
    let typed = Typed {
        decision: form.decision.clone(),
        message: form.message.clone(),
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return render_member(&state, lang, &managed, &row, typed, Some(Refusal::Expired));
    }
    let decision = match form.parse() {
        Ok(decision) => decision,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_member(&state, lang, &managed, &row, typed, refusal);
        }
    };
    let outcome = state
        .db
        .decide_membership(managed.activity.id, &id, &decision, managed.actor())
        .await?;
    match outcome {
        DecideOutcome::Done => {
            state.mail_wake.notify_one();
            let word = match decision {
                crate::domain::community::membership::Decision::Accept { .. } => "aangenomen",
                crate::domain::community::membership::Decision::Decline { .. } => "afgewezen",
            };
            Ok(see_other(format!(
                "{}/leden?bericht={word}",
                managed.base()
            )))
        }
        DecideOutcome::NotWaiting => {
            // Decided meanwhile (another kartrekker, or the request withdrawn): the
            // page as it is now, with what was typed and why nothing was stored.
            let row = member_of(&state, &managed, &id).await?;
            let refusal = Some(Refusal::NotNow(lang.t("members-not-waiting")));
            render_member(&state, lang, &managed, &row, typed, refusal)
        }
        DecideOutcome::NotFound => Err(PageError::NotFound),
    }
}

async fn set_role(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let row = member_of(&state, &managed, &id).await?;
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render_member(&state, lang, &managed, &row, Typed::default(), refusal);
    }
    let Some(role) = MemberRole::parse(&pairs.get("role")) else {
        let refusal = Some(Refusal::field("role", lang.t("error-choice")));
        return render_member(&state, lang, &managed, &row, Typed::default(), refusal);
    };
    if !state
        .db
        .set_member_role(managed.activity.id, &id, role, managed.actor())
        .await?
    {
        let refusal = Some(Refusal::NotNow(lang.t("members-not-active")));
        return render_member(&state, lang, &managed, &row, Typed::default(), refusal);
    }
    Ok(see_other(format!("{}/leden?bericht=rol", managed.base())))
}
