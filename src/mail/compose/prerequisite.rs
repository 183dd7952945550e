//! The prerequisite family: to a person whose sign-up waits for a check, which
//! required modules we need to check first and the link to state one was followed
//! elsewhere (the link's token is the manage token of the registration that follows
//! on approval); and, when the organiser declines, their message. A place after
//! approval goes out as the ordinary confirmation or waitlist email.

use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::outbox::OutboxItem;
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The facts in a prerequisite message's payload.
#[derive(Deserialize)]
struct Facts {
    hold: i64,
    /// The organiser's message with a decline.
    #[serde(default)]
    message: String,
}

/// Builds a prerequisite message.
pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let Some(hold) = cx.db.held_signup(facts.hold).await? else {
        return Err(Failure::Permanent(format!(
            "{} message for a waiting sign-up that is gone",
            item.kind
        )));
    };
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let name = kind.as_str();
    let missing: Vec<&str> = hold
        .requirements
        .iter()
        .filter(|r| !r.met)
        .map(|r| r.title.as_str())
        .collect();
    let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
        ("title", hold.activity_title.as_str().into()),
        ("name", hold.name.as_str().into()),
        ("modules", missing.join(", ").into()),
        ("rule", hold.rule().as_str().into()),
    ];
    let mut paragraphs = vec![lang.t_args(&format!("mail-body-{name}"), &args)];
    let action = match kind {
        MailKind::PrerequisiteCheck => {
            paragraphs.push(lang.t("mail-prerequisite-how"));
            let token = cx.secret.manage_token(&hold.public_id);
            Some((
                lang.t("mail-action-prerequisite_check"),
                format!("{}/voorkennis/{token}", cx.base_url),
            ))
        }
        _ => {
            if !facts.message.is_empty() {
                paragraphs.push(lang.t("mail-prerequisite-message"));
                paragraphs.push(facts.message.clone());
            }
            None
        }
    };
    let content = Content {
        lang,
        subject: lang.t_args(&format!("mail-subject-{name}"), &args),
        greeting: lang.t("mail-greeting-plain"),
        paragraphs,
        facts: vec![(
            lang.t("mail-prerequisite-activity"),
            hold.activity_title.clone(),
        )],
        action,
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-prerequisite"),
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
