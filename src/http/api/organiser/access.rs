//! Who a request acts for: the personal API token in `Authorization: Bearer …`,
//! checked against its stored hash, as its account with the account's current roles.

use super::*;
use crate::domain::access::{ActivityRole, Permission};

/// A request with a valid personal API token: the account it acts for.
pub struct Bearer(pub TokenAccount);

impl FromRequestParts<AppState> for Bearer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let sent = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        let Some(token) = sent else {
            return Err(ApiError::Unauthorized { token_sent: false }.into_response());
        };
        if !is_api_token_shaped(token) {
            return Err(ApiError::Unauthorized { token_sent: true }.into_response());
        }
        match state.db.api_token_account(&token_hash(token), now()).await {
            Ok(Some(account)) => Ok(Self(account)),
            Ok(None) => Err(ApiError::Unauthorized { token_sent: true }.into_response()),
            Err(error) => Err(ApiError::from(error).into_response()),
        }
    }
}

/// An activity the token's account manages, with the host it acts for.
pub(super) struct Target {
    pub(super) bearer: Bearer,
    pub(super) activity: ActivityAccess,
    pub(super) organisation: OrganisationRef,
    pub(super) role: ActivityRole,
}

impl Target {
    /// 403 unless the token's account may do `permission` with the activity.
    pub(super) fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.role.may(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "A kartrekker runs this activity but cannot do this with it; ask an organiser of its host.".into(),
            ))
        }
    }

    pub(super) async fn find(state: &AppState, bearer: Bearer, id: &str) -> Result<Self, ApiError> {
        let (activity, organisation, role) = activity_for(state, &bearer.0.roles, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Self {
            bearer,
            activity,
            organisation,
            role,
        })
    }

    pub(super) fn actor(&self) -> Actor {
        Actor {
            account_id: self.bearer.0.account_id,
            organisation_id: self.organisation.id,
            now: now(),
        }
    }
}

pub(super) async fn managed_organisation(
    state: &AppState,
    bearer: &Bearer,
    slug: &str,
) -> Result<OrganisationRef, ApiError> {
    organisation_for(state, &bearer.0.roles, slug)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The query string as `T`; 400 naming the parameter that is not understood.
pub(super) fn query<T: DeserializeOwned>(raw: Option<String>) -> Result<T, ApiError> {
    serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).map_err(|error| {
        ApiError::InvalidParams(vec![InvalidParam {
            name: "query".into(),
            reason: error.to_string(),
        }])
    })
}

/// `T` from a JSON value, refusing keys `T` does not have, at any depth: a misspelt
/// field must not be dropped without a word. (Not serde's `deny_unknown_fields`:
/// these documents are flattened into the responses, and the schema would then
/// forbid the responses' other fields.) A key sent as `null` only asks for a default,
/// so it passes.
pub(super) fn strict<T: DeserializeOwned + Serialize>(
    value: serde_json::Value,
) -> Result<T, ApiError> {
    let invalid =
        |error: serde_json::Error| ApiError::BadRequest(format!("The body is not valid: {error}"));
    let parsed: T = serde_json::from_value(value.clone()).map_err(invalid)?;
    let known = serde_json::to_value(&parsed).map_err(anyhow::Error::from)?;
    match unknown_key(&value, &known, "") {
        Some(key) => Err(ApiError::BadRequest(format!(
            "The body is not valid: unknown field `{key}`"
        ))),
        None => Ok(parsed),
    }
}

/// The first key of `sent` that `known` (the same value, parsed and written back)
/// does not have, as a dotted path.
pub(super) fn unknown_key(
    sent: &serde_json::Value,
    known: &serde_json::Value,
    at: &str,
) -> Option<String> {
    use serde_json::Value;
    match (sent, known) {
        (Value::Object(sent), Value::Object(known)) => sent.iter().find_map(|(key, value)| {
            let path = format!("{at}{key}");
            match known.get(key) {
                _ if value.is_null() => None,
                None => Some(path),
                Some(known) => unknown_key(value, known, &format!("{path}.")),
            }
        }),
        (Value::Array(sent), Value::Array(known)) => sent
            .iter()
            .zip(known)
            .enumerate()
            .find_map(|(i, (sent, known))| unknown_key(sent, known, &format!("{at}{i}."))),
        _ => None,
    }
}

/// Editor errors as problem details, each under its JSON name.
pub(super) fn unprocessable(errors: Vec<FieldError>, rename: impl Fn(&str) -> String) -> ApiError {
    ApiError::Unprocessable(
        errors
            .into_iter()
            .map(|e| InvalidParam {
                name: rename(&e.field),
                reason: Lang::En.t(e.message),
            })
            .collect(),
    )
}

pub(super) fn capacity_conflict(taken: u32) -> ApiError {
    ApiError::Conflict(format!(
        "{taken} people already have a place, more than the new limit. Nobody loses a place, \
         but newcomers wait until places free up. Send the request again with \
         ?accept_capacity_below_taken=true to agree."
    ))
}

pub(super) fn not_editable(status: ActivityStatus) -> ApiError {
    ApiError::Conflict(format!(
        "This activity is {}: it cannot be changed any more. Make a next edition in the back office instead.",
        status.as_str()
    ))
}
