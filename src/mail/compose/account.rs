//! The account family: sign-in links and invitations (to organise for an
//! organisation, or to be the kartrekker of one activity). No activity; the
//! link's token is derived again from the public id in the payload, so it is never
//! stored.

use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::outbox::OutboxItem;
use crate::domain::account::{INVITATION_VALID, SIGN_IN_LINK_VALID};
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The facts of a sign-in link or an invitation: the public id its token is
/// derived from.
#[derive(Deserialize)]
struct Facts {
    /// A sign-in link's public id.
    link: Option<String>,
    /// An invitation's public id.
    invitation: Option<String>,
}

/// Builds a sign-in or invitation message.
pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let missing = |name: &str| Failure::Permanent(format!("{} message without {name}", item.kind));
    let (link, organisation, activity) = if kind == MailKind::SignIn {
        let token = cx
            .secret
            .sign_in_token(&facts.link.ok_or_else(|| missing("link"))?);
        (format!("{}/inloggen/link/{token}", cx.base_url), None, None)
    } else {
        let public_id = facts.invitation.ok_or_else(|| missing("invitation"))?;
        let (organisation, activity, _) = cx
            .db
            .invitation_about(&public_id, false)
            .await?
            .ok_or_else(|| anyhow::anyhow!("invitation {public_id} is gone"))?;
        let token = cx.secret.invitation_token(&public_id);
        (
            format!("{}/uitnodiging/{token}", cx.base_url),
            Some(organisation),
            activity,
        )
    };
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let kind = kind.as_str();
    let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
        ("organisation", organisation.as_deref().unwrap_or("").into()),
        ("title", activity.as_deref().unwrap_or("").into()),
        ("minutes", SIGN_IN_LINK_VALID.num_minutes().into()),
        ("days", INVITATION_VALID.num_days().into()),
    ];
    let content = Content {
        lang,
        subject: lang.t_args(&format!("mail-subject-{kind}"), &args),
        greeting: lang.t("mail-greeting-plain"),
        paragraphs: vec![
            lang.t_args(&format!("mail-body-{kind}"), &args),
            lang.t("mail-not-you"),
        ],
        facts: Vec::new(),
        action: Some((lang.t(&format!("mail-action-{kind}")), link)),
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-account"),
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
