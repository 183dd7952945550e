//! The community family: membership of an atelier and its meetings. To the
//! kartrekkers, a request to decide on (with a link to the members page); to the
//! person, the decision with the kartrekker's message (with a link to the atelier);
//! to a member, the invitation to a meeting and a reminder to answer, each with the
//! meeting's calendar file. The atelier is read by id,
//! so a title changed since the request shows as it is now.

use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::outbox::OutboxItem;
use crate::domain::community::membership::Level;
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The facts in a membership message's payload.
#[derive(Deserialize)]
struct Facts {
    atelier: i64,
    /// The kartrekker's message with a decision.
    #[serde(default)]
    message: String,
    /// Who asks to join, their level and what they bring (a request).
    #[serde(default)]
    name: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    brings: String,
    /// The meeting of an invitation or reminder.
    #[serde(default)]
    session: Option<i64>,
}

/// Builds a membership message.
pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let Some((title, slug, public_id)) = cx.db.atelier_names(facts.atelier).await? else {
        return Err(Failure::Permanent(format!(
            "{} message for atelier {} that is gone",
            item.kind, facts.atelier
        )));
    };
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let name = kind.as_str();
    let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
        ("title", title.as_str().into()),
        ("name", facts.name.as_str().into()),
    ];
    let mut paragraphs = vec![lang.t_args(&format!("mail-body-{name}"), &args)];
    let mut facts_rows = Vec::new();
    let mut parts = Parts::default();
    if let Some(session_id) = facts.session {
        // The meeting as it is now, with its calendar file (same UID as the
        // member's feed, so the calendar updates one event).
        let meeting = cx
            .db
            .calendar_sessions(crate::db::catalog::CalendarSelection::Members(&slug))
            .await?
            .into_iter()
            .find(|s| s.session_id == session_id)
            .ok_or_else(|| {
                Failure::Permanent(format!("{} message for a meeting that is gone", item.kind))
            })?;
        facts_rows.push((
            lang.t("mail-when"),
            format!(
                "{}, {}",
                lang.date_long(meeting.starts_at),
                lang.time_range(meeting.starts_at, meeting.ends_at)
            ),
        ));
        if let Some(location) = &meeting.location {
            facts_rows.push((lang.t("mail-where"), location.clone()));
        }
        if !meeting.online_url.is_empty() {
            facts_rows.push((lang.t("mail-meeting-online"), meeting.online_url.clone()));
        }
        if kind == MailKind::AgendaPublished {
            for item in cx.db.agenda(session_id).await? {
                let who = match (&item.expert_name, item.speaker_name.is_empty()) {
                    (Some(name), _) if !name.is_empty() => format!(" — {name}"),
                    (_, false) => format!(" — {}", item.speaker_name),
                    _ => String::new(),
                };
                paragraphs.push(format!(
                    "{} {}{who}",
                    lang.time_range(item.starts_at, item.ends_at),
                    item.title
                ));
            }
        }
        let events = crate::ical::session_events(cx.base_url, vec![meeting]);
        parts.calendar = Some((
            "bijeenkomst.ics".to_owned(),
            crate::ical::calendar(&title, &events, crate::ical::Method::Publish),
            crate::ical::Method::Publish,
        ));
    }
    let action = match kind {
        MailKind::MembershipRequested => {
            let level = Level::parse(&facts.level).map_or_else(String::new, |level| {
                lang.t(&format!("community-level-{}", level.as_str()))
            });
            facts_rows.push((lang.t("community-field-level"), level));
            facts_rows.push((lang.t("community-field-brings"), facts.brings.clone()));
            format!("{}/beheer/activiteiten/{public_id}/leden", cx.base_url)
        }
        MailKind::MeetingInvitation | MailKind::MeetingReminder => {
            format!("{}/ateliers/{slug}#bijeenkomsten", cx.base_url)
        }
        MailKind::AgendaPublished => format!(
            "{}/ateliers/{slug}/bijeenkomsten/{}",
            cx.base_url,
            facts.session.unwrap_or_default()
        ),
        _ => format!("{}/ateliers/{slug}", cx.base_url),
    };
    if !facts.message.is_empty() {
        paragraphs.push(lang.t("mail-membership-message"));
        paragraphs.push(facts.message.clone());
    }
    let content = Content {
        lang,
        subject: lang.t_args(&format!("mail-subject-{name}"), &args),
        greeting: lang.t("mail-greeting-plain"),
        paragraphs,
        facts: facts_rows,
        action: (kind != MailKind::MembershipDeclined)
            .then(|| (lang.t(&format!("mail-action-{name}")), action)),
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-community"),
    };
    let envelope = Envelope {
        reply_to: None,
        to: &item.recipient,
        message_id: &item.message_id,
        created_at: item.created_at,
    };
    Ok(assemble(&content, &envelope, cx.base_url, cx.from, parts)?)
}
