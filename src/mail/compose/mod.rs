//! Composing an outbox row into an email: its kind names its family
//! ([`crate::domain::mail::MailFamily`]), and each family has one composer here that
//! reads what it needs (the row's columns, the facts in its payload, the rows it is
//! about). A message need not belong to an activity.
//!
//! A row that can never become an email (a kind no family knows, a payload that
//! does not parse, facts that are missing) is a [`Failure::Permanent`]: the worker
//! marks it failed with the reason at once, so it never holds up the queue. Anything
//! else (the database or the mail server away) is retried with backoff.

pub mod account;
pub mod community;
pub mod mentoring;
pub mod prerequisite;
pub mod registration;
pub mod space;
pub mod survey;

use lettre::Message;
use lettre::message::Mailbox;
use serde::de::DeserializeOwned;

use crate::db::Db;
use crate::db::outbox::OutboxItem;
use crate::domain::mail::{MailFamily, MailKind};
use crate::secret::Secret;

/// What every composer may use.
pub struct Context<'a> {
    pub db: &'a Db,
    pub secret: &'a Secret,
    /// Makes links absolute.
    pub base_url: &'a str,
    pub from: &'a Mailbox,
}

/// Why a row did not become an email.
#[derive(Debug)]
pub enum Failure {
    /// It never will: mark it failed now, with this reason.
    Permanent(String),
    /// It may next time: retry with backoff.
    Retry(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Self::Retry(error)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        Self::Retry(error.into())
    }
}

/// What the composers of one claimed batch read once for all its rows.
pub struct Batch {
    registration: registration::Batch,
}

impl Batch {
    pub async fn load(db: &Db, items: &[OutboxItem]) -> sqlx::Result<Self> {
        Ok(Self {
            registration: registration::Batch::load(db, items).await?,
        })
    }
}

/// The email for `item`, by the composer of its kind's family.
pub async fn compose(
    cx: &Context<'_>,
    batch: &mut Batch,
    item: &OutboxItem,
) -> Result<Message, Failure> {
    let kind = MailKind::parse(&item.kind).ok_or_else(|| {
        Failure::Permanent(format!(
            "unknown kind {:?}: no mail family composes it",
            item.kind
        ))
    })?;
    match kind.family() {
        MailFamily::Registration => {
            registration::compose_item(cx, &mut batch.registration, item, kind).await
        }
        MailFamily::Account => account::compose_item(cx, item, kind).await,
        MailFamily::Community => match kind {
            MailKind::SpacePost | MailKind::SpaceDigest => {
                space::compose_item(cx, item, kind).await
            }
            _ => community::compose_item(cx, item, kind).await,
        },
        MailFamily::Prerequisite => prerequisite::compose_item(cx, item, kind).await,
        MailFamily::Survey => survey::compose_item(cx, item, kind).await,
        MailFamily::Mentoring => mentoring::compose_item(cx, item, kind).await,
    }
}

/// The facts in `item`'s payload as `T` (an empty payload reads as `{}`); a payload
/// that does not parse is permanent.
pub fn facts<T: DeserializeOwned>(item: &OutboxItem) -> Result<T, Failure> {
    let raw = match item.payload.trim() {
        "" => "{}",
        raw => raw,
    };
    serde_json::from_str(raw).map_err(|error| {
        Failure::Permanent(format!(
            "{} message with a payload that does not parse: {error}",
            item.kind
        ))
    })
}
