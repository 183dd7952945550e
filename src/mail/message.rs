//! One email from its content, whatever its family: the subject, a greeting,
//! paragraphs, facts and an action rendered as plain text and HTML (askama
//! templates `email/message.{txt,html}`), with an inline QR image and a calendar file
//! when given, and the headers every message carries.

use askama::Template;
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::i18n::Lang;
use crate::ical;
use crate::time::Timestamp;

/// The Content-ID of the check-in QR code, referred to from the HTML.
pub const QR_CID: &str = "check-in-qr@samenleren";

/// What goes into the templates.
pub struct Content {
    pub lang: Lang,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// (term, value) rows: when, where.
    pub facts: Vec<(String, String)>,
    pub action: Option<(String, String)>,
    /// The check-in QR code: (alt text, side in pixels); the image is a related part.
    pub qr: Option<(String, u32)>,
    pub qr_cid: &'static str,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct HtmlMail<'a> {
    pub c: &'a Content,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct TextMail<'a> {
    pub c: &'a Content,
}

/// Who a message goes to and its identity.
pub struct Envelope<'a> {
    pub to: &'a str,
    pub message_id: &'a str,
    pub created_at: Timestamp,
    /// Where an answer goes (the activity's contact, the organiser who wrote), since
    /// the sender address is not read.
    pub reply_to: Option<&'a str>,
}

/// What a message carries besides its text.
#[derive(Default)]
pub struct Parts {
    /// A calendar file: (name, body, what it asks of the calendar program).
    pub calendar: Option<(String, String, crate::ical::Method)>,
    /// The check-in QR code as PNG, shown inside the HTML.
    pub qr: Option<Vec<u8>>,
}

/// The message from its content: text and HTML alternatives (the HTML with its QR
/// image, when there is one), and a calendar file when given.
pub fn assemble(
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
    // An address that does not parse leaves the message without Reply-To rather
    // than unsent.
    let builder = match envelope
        .reply_to
        .and_then(|a| a.trim().parse::<Mailbox>().ok())
    {
        Some(reply_to) => builder.reply_to(reply_to),
        None => builder,
    };
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
        Some((name, ics, method)) => {
            let content_type = match method {
                crate::ical::Method::Publish => "text/calendar; charset=utf-8; method=PUBLISH",
                crate::ical::Method::Cancel => "text/calendar; charset=utf-8; method=CANCEL",
            };
            let attachment = Attachment::new(name).body(ics, ContentType::parse(content_type)?);
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
