//! Email: composing the messages the outbox holds (Dutch or English, plain text and
//! HTML, a calendar file where it helps) and handing them to SMTP or to `.eml` files.

pub mod qr;
pub mod worker;

use std::path::PathBuf;

use askama::Template;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::catalog::{CalendarSession, Timestamp};
use crate::db::registration::MailKind;
use crate::domain::editor::Change;
use crate::domain::registration::RegistrationState;
use crate::i18n::Lang;
use crate::ical;

/// Where messages go.
#[derive(Clone)]
pub enum Transport {
    /// One RFC 5322 `.eml` file per message, named after its Message-ID, written
    /// atomically (a retry rewrites the same file).
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    /// SMTP when a URL is given, else files in `outbox_dir`.
    pub fn from_settings(smtp_url: Option<&str>, outbox_dir: PathBuf) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(std::time::Duration::from_secs(15)))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(&outbox_dir)?;
                Ok(Self::Files(outbox_dir))
            }
        }
    }

    /// Sends one message. `message_id` names the file.
    pub async fn send(&self, message_id: &str, message: &Message) -> anyhow::Result<()> {
        match self {
            Self::Files(dir) => {
                let bytes = message.formatted();
                let tmp = dir.join(format!(".{message_id}.tmp"));
                let path = dir.join(format!("{message_id}.eml"));
                tokio::fs::write(&tmp, &bytes).await?;
                tokio::fs::rename(&tmp, &path).await?;
                Ok(())
            }
            Self::Smtp(transport) => {
                transport.send(message.clone()).await?;
                Ok(())
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Files(dir) => format!("files in {}", dir.display()),
            Self::Smtp(_) => "smtp".to_owned(),
        }
    }
}

/// The registration an email is about, as it is now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailRegistration {
    pub public_id: String,
    pub name: String,
    pub state: String,
    pub waitlist_position: Option<i32>,
    pub offer_expires_at: Option<Timestamp>,
}

/// The activity an email is about.
#[derive(Clone, Debug)]
pub struct MailActivity {
    pub slug: String,
    pub title: String,
    pub capacity: Option<u32>,
    pub sessions: Vec<CalendarSession>,
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
    /// The message's own facts as JSON (an update's changes, an organiser's text).
    pub payload: &'a str,
    /// The registration's check-in link (absolute), shown as a QR code to people
    /// with a place.
    pub check_in_url: Option<String>,
}

/// The Content-ID of the check-in QR code, referred to from the HTML.
const QR_CID: &str = "check-in-qr@samenleren";

/// What goes into the templates.
struct Content {
    lang: Lang,
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    /// (term, value) rows: when, where.
    facts: Vec<(String, String)>,
    action: Option<(String, String)>,
    /// The check-in QR code: (alt text, side in pixels); the image is a related part.
    qr: Option<(String, u32)>,
    qr_cid: &'static str,
    footer: String,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct HtmlMail<'a> {
    c: &'a Content,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct TextMail<'a> {
    c: &'a Content,
}

/// Builds the message. `base_url` makes the links absolute; `from` is the sender.
pub fn compose(input: &MailInput<'_>, base_url: &str, from: &Mailbox) -> anyhow::Result<Message> {
    let lang = input.lang;
    let activity = input.activity;
    let title = activity.title.as_str();
    let sessions: Vec<&CalendarSession> = activity
        .sessions
        .iter()
        .filter(|s| input.session_id.is_none_or(|id| id == s.session_id))
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
    let payload: serde_json::Value = match input.payload {
        "" => serde_json::Value::Null,
        raw => serde_json::from_str(raw)?,
    };
    let subject = match (input.kind, payload["subject"].as_str()) {
        (MailKind::Organiser, Some(subject)) => format!("{subject} ({title})"),
        _ => lang.t_args(&format!("mail-subject-{kind}"), &args),
    };
    let mut paragraphs = vec![lang.t_args(&format!("mail-body-{kind}"), &args)];
    match input.kind {
        MailKind::Updated => {
            let changes: Vec<Change> = serde_json::from_value(payload["changes"].clone())?;
            paragraphs.extend(changes.iter().map(|c| describe_change(lang, c)));
        }
        MailKind::ActivityCancelled | MailKind::Organiser => {
            let text = payload["message"].as_str().unwrap_or_default().trim();
            if !text.is_empty() {
                if input.kind == MailKind::ActivityCancelled {
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
        let events = ical::session_events(base_url, sessions.into_iter().cloned().collect());
        (
            format!("{}.ics", activity.slug),
            ical::calendar(title, &events),
        )
    });
    let envelope = Envelope {
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

/// Who a message goes to and its identity.
struct Envelope<'a> {
    to: &'a str,
    message_id: &'a str,
    created_at: Timestamp,
}

/// What a message carries besides its text.
#[derive(Default)]
struct Parts {
    /// A calendar file: (name, body).
    calendar: Option<(String, String)>,
    /// The check-in QR code as PNG, shown inside the HTML.
    qr: Option<Vec<u8>>,
}

/// The message from its content: text and HTML alternatives (the HTML with its QR
/// image, when there is one), and a calendar file when given.
fn assemble(
    content: &Content,
    envelope: &Envelope<'_>,
    base_url: &str,
    from: &Mailbox,
    parts: Parts,
) -> anyhow::Result<Message> {
    let html = HtmlMail { c: content }.render()?;
    let text = TextMail { c: content }.render()?;
    // A Message-ID's right side is a domain: no port.
    let host = ical::host_of(base_url)
        .split(':')
        .next()
        .unwrap_or("samenleren");
    let to: Mailbox = envelope
        .to
        .parse()
        .map_err(|e| anyhow::anyhow!("recipient {:?}: {e}", envelope.to))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(content.subject.clone())
        .date(envelope.created_at.into())
        .message_id(Some(format!("<{}@{host}>", envelope.message_id)))
        .header(ContentLanguage(content.lang.code().to_owned()));
    let alternative = MultiPart::alternative().singlepart(SinglePart::plain(text));
    let alternative = match parts.qr {
        Some(png) => alternative.multipart(
            MultiPart::related()
                .singlepart(SinglePart::html(html))
                .singlepart(
                    Attachment::new_inline(QR_CID.to_owned())
                        .body(png, ContentType::parse("image/png")?),
                ),
        ),
        None => alternative.singlepart(SinglePart::html(html)),
    };
    let message = match parts.calendar {
        Some((name, ics)) => {
            let attachment = Attachment::new(name).body(
                ics,
                ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")?,
            );
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(attachment),
            )?
        }
        None => builder.multipart(alternative)?,
    };
    Ok(message)
}

/// A message about an account rather than an activity: a sign-in link or an
/// invitation to organise.
pub struct AccountMail<'a> {
    pub kind: MailKind,
    pub lang: Lang,
    pub to: &'a str,
    pub message_id: &'a str,
    pub created_at: Timestamp,
    /// The one-time link (absolute).
    pub link: String,
    /// The organisation an invitation is for.
    pub organisation: Option<&'a str>,
}

/// Builds a sign-in or invitation message.
pub fn compose_account(
    input: &AccountMail<'_>,
    base_url: &str,
    from: &Mailbox,
) -> anyhow::Result<Message> {
    use crate::domain::account::{INVITATION_VALID, SIGN_IN_LINK_VALID};
    let lang = input.lang;
    let kind = input.kind.as_str();
    let args: Vec<(&str, crate::i18n::FluentArg)> = vec![
        ("organisation", input.organisation.unwrap_or("").into()),
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
        action: Some((lang.t(&format!("mail-action-{kind}")), input.link.clone())),
        qr: None,
        qr_cid: QR_CID,
        footer: lang.t("mail-footer-account"),
    };
    let envelope = Envelope {
        to: input.to,
        message_id: input.message_id,
        created_at: input.created_at,
    };
    assemble(&content, &envelope, base_url, from, Parts::default())
}

/// `Content-Language`, so mail programs know which language the message is in.
#[derive(Clone, Debug)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}
