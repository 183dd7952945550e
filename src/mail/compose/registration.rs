//! The registration family: everything about a registration for an activity (to the
//! person: confirmation, waitlist, offers, reminders, changes, cancellations, an
//! organiser's message) or about the activity (to its organisers: it is full). The
//! activity and the registration are read as they are now, once per batch.

use std::collections::HashMap;

use lettre::Message;
use lettre::message::Mailbox;

use super::{Context, Failure};
use crate::db::Db;
use crate::db::catalog::CalendarSession;
use crate::db::outbox::{MailActivity, MailRegistration, OutboxItem};
use crate::domain::editor::Change;
use crate::domain::mail::MailKind;
use crate::domain::registration::RegistrationState;
use crate::i18n::Lang;
use crate::ical;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};
use crate::mail::qr;
use crate::time::Timestamp;

/// The facts a registration message's payload may hold.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Facts {
    /// An organiser's message: its subject.
    pub subject: Option<String>,
    /// An organiser's message or a cancellation: the organiser's text.
    pub message: Option<String>,
    /// An update: what changed.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// An organiser's message: the organiser's own address, for answers.
    #[serde(default)]
    pub reply_to: Option<String>,
}

/// What the registration messages of one claimed batch are about: the registrations
/// read in one query, each activity once when first needed.
pub struct Batch {
    registrations: HashMap<i64, MailRegistration>,
    activities: HashMap<i64, Option<MailActivity>>,
}

impl Batch {
    pub async fn load(db: &Db, items: &[OutboxItem]) -> sqlx::Result<Self> {
        let mut ids: Vec<i64> = items.iter().filter_map(|i| i.registration_id).collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(Self {
            registrations: db.mail_registrations(&ids).await?,
            activities: HashMap::new(),
        })
    }
}

/// Builds the message for `item`: the activity and registration as they are now,
/// the manage and check-in links derived again from the registration's public id.
pub async fn compose_item(
    cx: &Context<'_>,
    batch: &mut Batch,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let activity_id = item
        .activity_id
        .ok_or_else(|| Failure::Permanent(format!("{} message without an activity", item.kind)))?;
    let facts: Facts = super::facts(item)?;
    if let std::collections::hash_map::Entry::Vacant(entry) = batch.activities.entry(activity_id) {
        entry.insert(cx.db.mail_activity(activity_id).await?);
    }
    let activity = batch
        .activities
        .get(&activity_id)
        .and_then(Option::as_ref)
        .ok_or_else(|| anyhow::anyhow!("activity {activity_id} is gone"))?;
    let registration = match item.registration_id {
        Some(id) => Some(
            batch
                .registrations
                .get(&id)
                .ok_or_else(|| anyhow::anyhow!("registration {id} is gone"))?,
        ),
        None => None,
    };
    let input = MailInput {
        kind,
        lang: Lang::parse(&item.lang).unwrap_or_default(),
        to: &item.recipient,
        message_id: &item.message_id,
        created_at: item.created_at,
        position: item.waitlist_position,
        registration,
        manage_token: registration.map(|r| cx.secret.manage_token(&r.public_id)),
        activity,
        session_id: item.session_id,
        facts: &facts,
        check_in_url: registration
            .map(|r| format!("{}{}", cx.base_url, cx.secret.check_in_path(&r.public_id))),
    };
    Ok(compose(&input, cx.base_url, cx.from)?)
}

/// Everything one message is made from.
pub struct MailInput<'a> {
    pub kind: MailKind,
    pub lang: Lang,
    pub to: &'a str,
    pub message_id: &'a str,
    pub created_at: Timestamp,
    /// The position when the message was caused (a waitlist email keeps it).
    pub position: Option<i32>,
    pub registration: Option<&'a MailRegistration>,
    /// The manage token, derived again from the registration's public id.
    pub manage_token: Option<String>,
    pub activity: &'a MailActivity,
    /// Only the session a reminder is about; `None`: every session.
    pub session_id: Option<i64>,
    /// The message's own facts from its payload (an update's changes, an
    /// organiser's text).
    pub facts: &'a Facts,
    /// The registration's check-in link (absolute), shown as a QR code to people
    /// with a place.
    pub check_in_url: Option<String>,
}

/// Builds the message. `base_url` makes the links absolute; `from` is the sender.
pub fn compose(input: &MailInput<'_>, base_url: &str, from: &Mailbox) -> anyhow::Result<Message> {
    let lang = input.lang;
    let activity = input.activity;
    let title = activity.title.as_str();
    // The sessions the message is about; removed ones only go into the calendar
    // file, where they cancel the appointment people had.
    let about = |s: &&CalendarSession| input.session_id.is_none_or(|id| id == s.session_id);
    let sessions: Vec<&CalendarSession> = activity
        .sessions
        .iter()
        .filter(|s| !s.removed)
        .filter(about)
        .collect();
    let first = sessions.first().map(|s| s.starts_at);
    let kind = input.kind.as_str();
    let mut args: Vec<(&str, crate::i18n::FluentArg)> = vec![("title", title.into())];
    if let Some(position) = input.position {
        args.push(("position", i64::from(position).into()));
    }
    if let Some(until) = input.registration.and_then(|r| r.offer_expires_at) {
        args.push((
            "until",
            format!("{} {}", lang.date_long(until), lang.time(until)).into(),
        ));
    }
    if let Some(start) = first {
        args.push(("date", lang.date_long(start).into()));
    }
    if let Some(capacity) = activity.capacity {
        args.push(("capacity", i64::from(capacity).into()));
    }
    let facts = input.facts;
    let subject = match (input.kind, facts.subject.as_deref()) {
        (MailKind::Organiser, Some(subject)) => format!("{subject} ({title})"),
        _ => lang.t_args(&format!("mail-subject-{kind}"), &args),
    };
    let mut paragraphs = vec![lang.t_args(&format!("mail-body-{kind}"), &args)];
    match input.kind {
        MailKind::Updated => {
            paragraphs.extend(facts.changes.iter().map(|c| describe_change(lang, c)));
        }
        MailKind::ActivityCancelled | MailKind::Organiser | MailKind::Cancelled => {
            let text = facts.message.as_deref().unwrap_or_default().trim();
            if !text.is_empty() {
                if input.kind != MailKind::Organiser {
                    paragraphs.push(lang.t("mail-organiser-says"));
                }
                paragraphs.extend(
                    text.split("\n\n")
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_owned),
                );
            }
        }
        _ => {}
    }
    let facts: Vec<(String, String)> = sessions
        .iter()
        .flat_map(|s| {
            let mut rows = vec![(
                lang.t("mail-when"),
                format!(
                    "{}, {}",
                    lang.date_long(s.starts_at),
                    lang.time_range(s.starts_at, s.ends_at)
                ),
            )];
            if let Some(location) = &s.location {
                rows.push((lang.t("mail-where"), location.clone()));
            }
            rows
        })
        .collect();
    let page = format!("{base_url}/activiteiten/{}", activity.slug);
    let action = match (input.kind, &input.manage_token) {
        (MailKind::OrganiserFull, _) => Some((lang.t("mail-open-activity"), page.clone())),
        (MailKind::Offer, Some(token)) => Some((
            lang.t("mail-accept"),
            format!("{base_url}/aanmelding/{token}"),
        )),
        (MailKind::Cancelled | MailKind::OfferExpired | MailKind::ActivityCancelled, _) => {
            Some((lang.t("mail-open-activity"), page.clone()))
        }
        (MailKind::Certificate, Some(token)) => Some((
            lang.t("mail-certificate-download"),
            format!("{base_url}/aanmelding/{token}/bewijs.pdf"),
        )),
        (_, Some(token)) => Some((
            lang.t("mail-manage"),
            format!("{base_url}/aanmelding/{token}"),
        )),
        (_, None) => None,
    };
    // Only people with a place get a calendar file (a waitlist is no appointment).
    let holds_place = input
        .registration
        .is_some_and(|r| RegistrationState::parse(&r.state).is_some_and(|s| s.holds_place()));
    if holds_place
        && !sessions.is_empty()
        && matches!(
            input.kind,
            MailKind::Confirmation | MailKind::Promoted | MailKind::Updated
        )
    {
        paragraphs.push(lang.t("mail-calendar-attached"));
    }
    // People with a place show this at the door; the organiser scans it.
    let qr = match &input.check_in_url {
        Some(url)
            if holds_place
                && !sessions.is_empty()
                && matches!(
                    input.kind,
                    MailKind::Confirmation
                        | MailKind::Promoted
                        | MailKind::Reminder
                        | MailKind::Updated
                ) =>
        {
            paragraphs.push(lang.t("mail-check-in"));
            Some(qr::png(url)?)
        }
        _ => None,
    };
    let greeting = match input.registration {
        Some(r) => lang.t1("mail-greeting", "name", r.name.as_str()),
        None => lang.t("mail-greeting-organiser"),
    };
    let content = Content {
        lang,
        subject,
        greeting,
        paragraphs,
        facts,
        action,
        qr: qr
            .as_ref()
            .map(|(_, side)| (lang.t("mail-check-in-alt"), *side)),
        qr_cid: QR_CID,
        footer: lang.t1("mail-footer", "title", title),
    };
    let with_calendar = matches!(
        input.kind,
        MailKind::Confirmation
            | MailKind::Promoted
            | MailKind::Reminder
            | MailKind::Updated
            | MailKind::ActivityCancelled
    ) && holds_place;
    let calendar = (with_calendar && !sessions.is_empty()).then(|| {
        let (events, method) = match input.kind {
            MailKind::ActivityCancelled => (sessions.clone(), ical::Method::Cancel),
            // An update also carries the sessions removed: cancelled events.
            MailKind::Updated => (
                activity.sessions.iter().filter(about).collect(),
                ical::Method::Publish,
            ),
            _ => (sessions.clone(), ical::Method::Publish),
        };
        let events = ical::session_events(base_url, events.into_iter().cloned().collect());
        (
            format!("{}.ics", activity.slug),
            ical::calendar(title, &events, method),
            method,
        )
    });
    // Answers go to the organiser who wrote, else to the activity's contact.
    let reply_to = match input.kind {
        MailKind::Organiser => input.facts.reply_to.as_deref(),
        _ => None,
    }
    .or(activity.reply_to.as_deref());
    let envelope = Envelope {
        reply_to,
        to: input.to,
        message_id: input.message_id,
        created_at: input.created_at,
    };
    let parts = Parts {
        calendar,
        qr: qr.map(|(png, _)| png),
    };
    assemble(&content, &envelope, base_url, from, parts)
}

/// One change of an update email, in the reader's language.
fn describe_change(lang: Lang, change: &Change) -> String {
    let when = |start: Timestamp, end: Timestamp| {
        format!("{}, {}", lang.date_long(start), lang.time_range(start, end))
    };
    match change {
        Change::Time {
            before_start,
            before_end,
            after_start,
            after_end,
        } => lang.t_args(
            "mail-change-time",
            &[
                ("before", when(*before_start, *before_end).into()),
                ("after", when(*after_start, *after_end).into()),
            ],
        ),
        Change::Venue {
            starts_at, after, ..
        } => match after {
            Some(venue) => lang.t_args(
                "mail-change-venue",
                &[
                    ("date", lang.date_long(*starts_at).into()),
                    ("venue", venue.as_str().into()),
                ],
            ),
            None => lang.t1("mail-change-venue-none", "date", lang.date_long(*starts_at)),
        },
        Change::Program { starts_at } => {
            lang.t1("mail-change-program", "date", lang.date_long(*starts_at))
        }
        Change::Added { starts_at, ends_at } => {
            lang.t1("mail-change-added", "when", when(*starts_at, *ends_at))
        }
        Change::Removed { starts_at, ends_at } => {
            lang.t1("mail-change-removed", "when", when(*starts_at, *ends_at))
        }
    }
}
