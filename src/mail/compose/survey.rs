//! The survey family: the link that confirms a vote in a theme inventory (its token
//! derived again from the ballot's public id, so no token is stored in the payload),
//! and the one email to a voter who asked for it when an activity made from their
//! theme is published.

use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::outbox::OutboxItem;
use crate::domain::mail::MailKind;
use crate::domain::survey::BALLOT_VALID_DAYS;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The facts in a survey message's payload.
#[derive(Deserialize)]
struct Facts {
    /// A waiting ballot's public id (the confirmation).
    ballot: Option<String>,
    /// The published activity's id.
    activity: Option<i64>,
}

/// Builds a survey message.
pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let gone = |what: &str| {
        Failure::Permanent(format!("{} message about a {what} that is gone", item.kind))
    };
    let name = kind.as_str();
    let (args, facts_shown, action): (Vec<(&str, crate::i18n::FluentArg)>, _, _) = match kind {
        MailKind::SurveyConfirm => {
            let ballot = facts
                .ballot
                .ok_or_else(|| Failure::Permanent("survey_confirm without ballot".into()))?;
            let (round, _, themes) = cx
                .db
                .ballot_about(&ballot)
                .await?
                .ok_or_else(|| gone("ballot"))?;
            let token = cx.secret.survey_token(&ballot);
            (
                vec![("round", round.into()), ("days", BALLOT_VALID_DAYS.into())],
                vec![(lang.t("mail-survey-themes"), themes.join(", "))],
                (
                    lang.t("mail-action-survey_confirm"),
                    format!("{}/inventarisatie/bevestigen/{token}", cx.base_url),
                ),
            )
        }
        _ => {
            let activity = facts
                .activity
                .ok_or_else(|| Failure::Permanent("survey_chosen without activity".into()))?;
            let (slug, title, round, _) = cx
                .db
                .survey_notice_about(activity)
                .await?
                .ok_or_else(|| gone("activity"))?;
            (
                vec![("round", round.into()), ("title", title.clone().into())],
                vec![(lang.t("mail-survey-activity"), title)],
                (
                    lang.t("mail-action-survey_chosen"),
                    format!("{}/activiteiten/{slug}", cx.base_url),
                ),
            )
        }
    };
    let content = Content {
        lang,
        subject: lang.t_args(&format!("mail-subject-{name}"), &args),
        greeting: lang.t("mail-greeting-plain"),
        paragraphs: vec![
            lang.t_args(&format!("mail-body-{name}"), &args),
            lang.t("mail-not-you"),
        ],
        facts: facts_shown,
        action: Some(action),
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-survey"),
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
