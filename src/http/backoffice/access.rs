//! Who may do what in the back office, per resource: [`Staff`] (signed in with a
//! role on something: admin, organiser or kartrekker), the organisation a path names
//! ([`managed_organisation`]: its organisers) and the activity ([`Managed`]: with the
//! account's [`ActivityRole`] on it, checked per action with [`Managed::require`]).
//! Anything an account has no role on answers 404, whether it exists or not; a role
//! that does not allow the action answers 403. The pages and the organiser API both
//! start here. The rules themselves are [`crate::domain::access`].

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::db::account::{InviteOutcome, NewInvitation};
use crate::db::editor::{ActivityAccess, Actor};
use crate::db::organisation::OrganisationRef;
use crate::domain::access::{ActivityRole, Permission, Roles};
use crate::domain::registration::Email;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::Pairs;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;
use crate::secret::token_hash;

// ------------------------------------------------------------------ access

/// An activity this account has a role on, with the organisation it acts for.
pub struct Managed {
    pub staff: Staff,
    pub activity: ActivityAccess,
    pub organisation: OrganisationRef,
    pub role: ActivityRole,
}

impl Managed {
    /// 403 unless this account's role allows `permission` on the activity.
    pub(crate) fn require(&self, permission: Permission) -> Result<(), PageError> {
        if self.role.may(permission) {
            Ok(())
        } else {
            Err(PageError::Forbidden)
        }
    }

    /// The host organisation as a breadcrumb, for those who may open its pages.
    pub(crate) fn host_crumb(&self) -> Option<OrganisationRef> {
        self.may(Permission::Status)
            .then(|| self.organisation.clone())
    }

    /// Whether this account's role allows `permission` (to show or hide a button).
    pub(crate) fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    pub(crate) fn base(&self) -> String {
        format!("/beheer/activiteiten/{}", self.activity.public_id)
    }

    pub(crate) fn actor(&self) -> Actor {
        Actor {
            account_id: self.staff.0.account.id,
            organisation_id: self.organisation.id,
            now: crate::time::now(),
        }
    }

    pub(crate) fn csrf(&self, state: &AppState) -> String {
        self.staff.0.csrf(state)
    }

    /// Whether a submitted form carries this session's CSRF token.
    pub(crate) fn form_ok(&self, state: &AppState, headers: &HeaderMap, pairs: &Pairs) -> bool {
        self.staff.0.csrf_ok(state, headers, &pairs.get("csrf"))
    }
}

/// 403 unless the account is a platform admin (pages about the whole site, not one
/// organisation or activity).
pub(crate) fn require_admin(staff: &Staff) -> Result<(), PageError> {
    if staff.0.account.roles.admin {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

/// Whether `id` can be an activity's public id (checked before any lookup).
pub(crate) fn activity_id_shaped(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `id` can be a registration's public id (a UUID).
pub(crate) fn registration_id_shaped(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// The activity with public id `id` if `roles` hold a role on it, with that role and
/// the organisation a change is made for (the first host they manage; for a
/// kartrekker the first host); `None` otherwise, whether it exists or not. Pages and
/// the API both start here.
pub(crate) async fn activity_for(
    state: &AppState,
    roles: &Roles,
    id: &str,
) -> sqlx::Result<Option<(ActivityAccess, OrganisationRef, ActivityRole)>> {
    if !activity_id_shaped(id) {
        return Ok(None);
    }
    let Some(activity) = state.db.activity_access(id).await? else {
        return Ok(None);
    };
    let Some(role) = roles.on_activity(activity.id, &activity.organisations) else {
        return Ok(None);
    };
    let Some(host) = activity
        .organisations
        .iter()
        .copied()
        .find(|org| roles.manages(*org))
        .or_else(|| activity.organisations.first().copied())
    else {
        return Ok(None);
    };
    Ok(state
        .db
        .organisation_ref_by_id(host)
        .await?
        .map(|organisation| (activity, organisation, role)))
}

/// The activity with public id `id` if this account manages one of its hosts; 404
/// otherwise, whether it exists or not.
pub(crate) async fn managed_activity(
    state: &AppState,
    staff: Staff,
    id: &str,
) -> Result<Managed, PageError> {
    let (activity, organisation, role) = activity_for(state, &staff.0.account.roles, id)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(Managed {
        staff,
        activity,
        organisation,
        role,
    })
}

/// The path's parameters by name.
async fn path_params(
    parts: &mut Parts,
    state: &AppState,
) -> Result<HashMap<String, String>, Response> {
    Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map(|Path(params)| params)
        .map_err(IntoResponse::into_response)
}

/// Every page under `/beheer/activiteiten/{id}` starts here: signed in as staff
/// ([`Staff`]: otherwise to sign-in or 403), then [`managed_activity`] (404).
impl FromRequestParts<AppState> for Managed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let params = path_params(parts, state).await?;
        let id = params.get("id").map(String::as_str).unwrap_or_default();
        managed_activity(state, staff, id)
            .await
            .map_err(IntoResponse::into_response)
    }
}

/// The session or question a path names under its activity (`{session}`,
/// `{question}`); `None` on the `…/nieuw` paths. Not a number: 404.
pub struct Child(pub Option<i64>);

impl FromRequestParts<AppState> for Child {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let params = path_params(parts, state).await?;
        match params.get("session").or_else(|| params.get("question")) {
            None => Ok(Self(None)),
            Some(raw) => raw
                .parse()
                .map(|id| Self(Some(id)))
                .map_err(|_| PageError::NotFound.into_response()),
        }
    }
}

/// A signed-in account with a role on something in the back office (admin, organiser,
/// kartrekker). Participants without one get 403.
pub struct Staff(pub Signed);

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed = Signed::from_request_parts(parts, state).await?;
        if signed.account.roles.is_staff() {
            Ok(Self(signed))
        } else {
            Err(PageError::Forbidden.into_response())
        }
    }
}

/// The organisation `slug` if `roles` manage it; `None` otherwise, whether it exists
/// or not. Pages and the API both start here.
pub async fn organisation_for(
    state: &AppState,
    roles: &Roles,
    slug: &str,
) -> sqlx::Result<Option<OrganisationRef>> {
    let Some(slug) = Slug::parse(slug) else {
        return Ok(None);
    };
    Ok(state
        .db
        .organisation_ref(slug.as_str())
        .await?
        .filter(|organisation| roles.manages(organisation.id)))
}

/// The organisation `slug` if this account manages it; 404 otherwise, whether it
/// exists or not.
pub async fn managed_organisation(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<OrganisationRef, PageError> {
    organisation_for(state, &staff.0.account.roles, slug)
        .await?
        .ok_or(PageError::NotFound)
}

/// The theme inventory round with public id `id` if `roles` make this account its
/// owner (an organiser of the organisation that holds it, or an admin); `None`
/// otherwise, whether it exists or not.
pub(crate) async fn survey_round_for(
    state: &AppState,
    roles: &Roles,
    id: &str,
) -> sqlx::Result<Option<crate::db::survey::RoundRow>> {
    if !activity_id_shaped(id) {
        return Ok(None);
    }
    Ok(state
        .db
        .survey_round(id)
        .await?
        .filter(|round| roles.manages(round.organisation_id)))
}

/// What an invitation is for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum InviteTo {
    /// Organise for the organisation.
    Organise,
    /// Be the kartrekker of this activity.
    Kartrekker(i64),
    /// Join this atelier as a member.
    Member(i64),
}

/// Sends an invitation to `email` for `to`; the organisation is the one to organise
/// for, or the host the inviter acts for. Wakes the mail worker when one was sent.
pub(crate) async fn send_invitation(
    state: &AppState,
    organisation_id: i64,
    to: InviteTo,
    email: Email,
    invited_by: i64,
    lang: Lang,
) -> Result<InviteOutcome, PageError> {
    let public_id = uuid::Uuid::new_v4().to_string();
    let invitation = NewInvitation {
        token_hash: token_hash(&state.secret.invitation_token(&public_id)),
        public_id,
        organisation_id,
        activity_id: match to {
            InviteTo::Organise => None,
            InviteTo::Kartrekker(id) | InviteTo::Member(id) => Some(id),
        },
        membership: matches!(to, InviteTo::Member(_)),
        email,
        invited_by,
        lang,
    };
    let outcome = state.db.invite(&invitation, crate::time::now()).await?;
    if outcome == InviteOutcome::Sent {
        state.mail_wake.notify_one();
    }
    Ok(outcome)
}

/// The message key for an address that does not parse: missing or malformed.
pub(crate) fn email_error_key(typed: &str) -> &'static str {
    if typed.trim().is_empty() {
        "error-email-required"
    } else {
        "error-email"
    }
}
