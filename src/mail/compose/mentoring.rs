//! The mentoring family: to the person asked, a request with the asker's message
//! and the link to answer it; to the asker, the answer (accepted, with the pair's
//! page where contact details now show; declined, with the kind message); to both
//! people a coordinator proposes as a pair, the proposal. Everything a message says
//! is in its payload, written with the change, so no row is read again.

use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::outbox::OutboxItem;
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The facts in a mentoring message's payload.
#[derive(Deserialize)]
struct Facts {
    programme: String,
    programme_id: String,
    /// The other person.
    name: String,
    #[serde(default)]
    message: String,
    /// A request's direction (`learn`: they want to learn from you).
    #[serde(default)]
    direction: String,
    /// The pair's public id (accepted).
    #[serde(default)]
    pair: String,
}

/// Builds a mentoring message.
pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let name = kind.as_str();
    let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
        ("programme", facts.programme.as_str().into()),
        ("name", facts.name.as_str().into()),
    ];
    let mut paragraphs = vec![lang.t_args(&format!("mail-body-{name}"), &args)];
    if kind == MailKind::MentoringRequested {
        let key = if facts.direction == "offer" {
            "mail-mentoring-offer"
        } else {
            "mail-mentoring-learn"
        };
        paragraphs.push(lang.t_args(key, &args));
    }
    if !facts.message.is_empty() {
        paragraphs.push(lang.t1("mail-mentoring-message", "name", facts.name.as_str()));
        paragraphs.push(facts.message.clone());
    }
    let programme = format!("{}/mentoring/{}", cx.base_url, facts.programme_id);
    let action = match kind {
        MailKind::MentoringAccepted if !facts.pair.is_empty() => Some((
            lang.t("mail-action-mentoring_accepted"),
            format!("{}/mentoring/koppels/{}", cx.base_url, facts.pair),
        )),
        _ => Some((lang.t(&format!("mail-action-{name}")), programme)),
    };
    let content = Content {
        lang,
        subject: lang.t_args(&format!("mail-subject-{name}"), &args),
        greeting: lang.t("mail-greeting-plain"),
        paragraphs,
        facts: vec![(lang.t("mail-mentoring-programme"), facts.programme.clone())],
        action,
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-mentoring"),
    };
    let envelope = Envelope {
        reply_to: None,
        to: &item.recipient,
        message_id: &item.message_id,
        created_at: item.created_at,
    };
    Ok(assemble(
        &content,
        &envelope,
        cx.base_url,
        cx.from,
        Parts::default(),
    )?)
}
