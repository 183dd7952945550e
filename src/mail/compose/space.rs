//! The atelier space's messages (community family): a new post to a member who
//! wants each one — who wrote it, in which thread, its text, a link to answer —
//! and the daily digest: the threads with news since the previous one, each with
//! how many new posts, and a link to the space. Both say how to change the choice.
//! A post taken away before its email went out is not sent.

use chrono::{DateTime, Utc};
use lettre::Message;
use serde::Deserialize;

use super::{Context, Failure, facts};
use crate::db::community::DueDigest;
use crate::db::outbox::OutboxItem;
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::mail::message::{Content, Envelope, Parts, QR_CID, assemble};

/// The longest part of a post an email quotes; the rest is on the site.
const QUOTE: usize = 3_000;

#[derive(Deserialize)]
struct Facts {
    atelier: i64,
    /// The post of an each-post message.
    #[serde(default)]
    post: Option<i64>,
    /// The member and the window of a digest.
    #[serde(default)]
    account: Option<i64>,
    #[serde(default)]
    since: Option<DateTime<Utc>>,
    #[serde(default)]
    until: Option<DateTime<Utc>>,
}

pub async fn compose_item(
    cx: &Context<'_>,
    item: &OutboxItem,
    kind: MailKind,
) -> Result<Message, Failure> {
    let facts: Facts = facts(item)?;
    let Some((title, slug, _)) = cx.db.atelier_names(facts.atelier).await? else {
        return Err(Failure::Permanent(format!(
            "{} message for atelier {} that is gone",
            item.kind, facts.atelier
        )));
    };
    let lang = Lang::parse(&item.lang).unwrap_or_default();
    let space = format!("{}/ateliers/{slug}/gesprekken", cx.base_url);
    let gone = |what: &str| Failure::Permanent(format!("{} message for {what}", item.kind));
    let content = match kind {
        MailKind::SpacePost => {
            let post = facts.post.ok_or_else(|| gone("no post"))?;
            let (thread, thread_title, author, body, opening) = cx
                .db
                .post_for_mail(post)
                .await?
                .ok_or_else(|| gone("a post that is gone"))?;
            let author = author.unwrap_or_else(|| lang.t("community-former-member"));
            let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
                ("title", title.as_str().into()),
                ("thread", thread_title.as_str().into()),
                ("name", author.as_str().into()),
            ];
            let said = if opening {
                "mail-body-space_post-thread"
            } else {
                "mail-body-space_post-reply"
            };
            let mut quote: String = body.chars().take(QUOTE).collect();
            if quote.len() < body.len() {
                quote.push_str(" …");
            }
            Content {
                lang,
                subject: lang.t_args("mail-subject-space_post", &args),
                greeting: lang.t("mail-greeting-plain"),
                paragraphs: vec![lang.t_args(said, &args), quote],
                facts: Vec::new(),
                action: Some((
                    lang.t("mail-action-space_post"),
                    format!("{space}/{thread}#bericht-{post}"),
                )),
                qr: None,
                qr_cid: QR_CID,
                footer: lang.t_args("mail-footer-space-each", &[("link", space.as_str().into())]),
            }
        }
        MailKind::SpaceDigest => {
            let (Some(account_id), Some(since), Some(until)) =
                (facts.account, facts.since, facts.until)
            else {
                return Err(gone("no member or window"));
            };
            let due = DueDigest {
                activity_id: facts.atelier,
                account_id,
                since,
            };
            let lines = cx.db.digest_lines(&due, until).await?;
            let rows = lines
                .iter()
                .map(|line| {
                    let count = lang.t_args(
                        if line.started {
                            "mail-space-digest-started"
                        } else {
                            "mail-space-digest-replies"
                        },
                        &[("count", line.new_posts.into())],
                    );
                    (line.title.clone(), count)
                })
                .collect();
            let args: Vec<(&str, crate::i18n::FluentArg)> = vec![("title", title.as_str().into())];
            Content {
                lang,
                subject: lang.t_args("mail-subject-space_digest", &args),
                greeting: lang.t("mail-greeting-plain"),
                paragraphs: vec![lang.t_args("mail-body-space_digest", &args)],
                facts: rows,
                action: Some((lang.t("mail-action-space_digest"), space.clone())),
                qr: None,
                qr_cid: QR_CID,
                footer: lang.t_args(
                    "mail-footer-space-daily",
                    &[("link", space.as_str().into())],
                ),
            }
        }
        _ => return Err(gone("another family")),
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
