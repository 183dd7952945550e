//! The atelier's online space: threads (*gesprekken*) with replies in Markdown,
//! which members follow, and who hears of a new post by email. A new thread reaches
//! every member, a reply those who follow its thread; each member chooses to get
//! every post at once, one daily digest, or nothing ([`MailChoice`], [`delivery`]).
//! A post may be about a case or a meeting ([`About`]) and may mention others by
//! their address ([`mentions`]). Members of every level take part here, "alleen
//! online" ones too: this is their part of the atelier.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Europe::Amsterdam;

use super::membership::Standing;
use crate::input::{FieldError, MAX_LINE, line, required, text};

/// The longest post.
pub const MAX_POST: usize = 20_000;
/// Threads on one page of the list.
pub const THREADS_PER_PAGE: usize = 30;
/// Posts on one page of a thread.
pub const POSTS_PER_PAGE: usize = 50;
/// Most mentions of cases and meetings a post shows.
pub const MAX_MENTIONS: usize = 10;
/// The daily digest goes out from this local time on.
pub const DIGEST_TIME: NaiveTime = match NaiveTime::from_hms_opt(7, 0, 0) {
    Some(t) => t,
    None => unreachable!(),
};

/// How a member hears of new posts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MailChoice {
    /// An email for each post.
    Each,
    /// One email a day with what is new.
    #[default]
    Daily,
    /// No email; they read the space on the site.
    Never,
}

impl MailChoice {
    pub const ALL: [MailChoice; 3] = [MailChoice::Each, MailChoice::Daily, MailChoice::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Each => "each",
            Self::Daily => "daily",
            Self::Never => "none",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// A new post: the first of a thread, or a reply in one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostKind {
    Thread,
    Reply,
}

/// When a reader hears of a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// An email now.
    Now,
    /// In their next daily digest.
    Digest,
}

/// Whether and how a member hears of a new post: never of their own; a new thread
/// reaches everyone inside, a reply only those who follow the thread; then their
/// choice decides.
pub fn delivery(kind: PostKind, choice: MailChoice, follows: bool, own: bool) -> Option<Delivery> {
    if own || (kind == PostKind::Reply && !follows) {
        return None;
    }
    match choice {
        MailChoice::Each => Some(Delivery::Now),
        MailChoice::Daily => Some(Delivery::Digest),
        MailChoice::Never => None,
    }
}

/// Whether a member's daily digest is due at `now`: from [`DIGEST_TIME`] (Dutch
/// time) on, once a day. `last` is when their previous digest was made.
pub fn digest_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let local = now.with_timezone(&Amsterdam);
    if local.time() < DIGEST_TIME {
        return false;
    }
    // Today's digest moment; a digest made since then was today's.
    let today = local.date_naive().and_time(DIGEST_TIME);
    let today_utc = crate::input::amsterdam(today).unwrap_or(now);
    last.is_none_or(|last| last < today_utc)
}

/// Where a digest starts reading: after the previous one, and never more than two
/// days back (a member who just chose the digest is not sent the whole history).
pub fn digest_since(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    let floor = now - Duration::days(2);
    last.map_or(floor, |last| last.max(floor))
}

/// Who may take a post away: the one who wrote it, and those who run the atelier.
pub fn may_remove(standing: Standing, own: bool) -> bool {
    own || matches!(standing, Standing::Runs(_))
}

/// What a thread is about, if the member said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum About {
    /// A case, by its public id.
    Case(String),
    /// A meeting, by its session id.
    Meeting(i64),
}

impl About {
    /// The value of the choice in the form: `case:<public id>` or `meeting:<id>`.
    pub fn value(&self) -> String {
        match self {
            Self::Case(id) => format!("case:{id}"),
            Self::Meeting(id) => format!("meeting:{id}"),
        }
    }
}

/// The new-thread form as typed. Field names: `title`, `body`, `about` (empty, or a
/// value from [`About::value`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadForm {
    pub title: String,
    pub body: String,
    pub about: String,
}

/// A thread, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewThread {
    pub title: String,
    pub body: String,
    pub about: Option<About>,
}

impl ThreadForm {
    /// Checks the form against the atelier's cases and meetings on offer.
    pub fn parse(&self, cases: &[String], meetings: &[i64]) -> Result<NewThread, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required(
            "title",
            line(&self.title, MAX_LINE),
            "space-error-title-missing",
            &mut errors,
        );
        let body = required(
            "body",
            text(&self.body, MAX_POST),
            "space-error-body-missing",
            &mut errors,
        );
        let about = match self.about.trim() {
            "" => None,
            raw => {
                let chosen = match raw.split_once(':') {
                    Some(("case", id)) if cases.iter().any(|c| c == id) => {
                        Some(About::Case(id.to_owned()))
                    }
                    Some(("meeting", id)) => id
                        .parse::<i64>()
                        .ok()
                        .filter(|id| meetings.contains(id))
                        .map(About::Meeting),
                    _ => None,
                };
                if chosen.is_none() {
                    errors.push(FieldError::new("about", "error-choice"));
                }
                chosen
            }
        };
        if errors.is_empty() {
            Ok(NewThread { title, body, about })
        } else {
            Err(errors)
        }
    }
}

/// A reply, checked: its Markdown text (field `body`).
pub fn parse_reply(body: &str) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let body = required(
        "body",
        text(body, MAX_POST),
        "space-error-body-missing",
        &mut errors,
    );
    if errors.is_empty() {
        Ok(body)
    } else {
        Err(errors)
    }
}

/// A case or meeting a post names by its address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mention {
    /// A case, by its public id (32 hexadecimal digits).
    Case(String),
    /// A meeting, by its session id.
    Meeting(i64),
}

/// The cases and meetings of atelier `slug` that a post names by their address
/// (`…/ateliers/{slug}/kwesties/{id}` or `…/bijeenkomsten/{id}`, with or without the
/// site's address before it), each once, in order, at most [`MAX_MENTIONS`]. Those
/// of another atelier are not mentions here: their members are others.
pub fn mentions(body: &str, slug: &str) -> Vec<Mention> {
    let prefix = format!("/ateliers/{slug}/");
    let mut found: Vec<Mention> = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(&prefix) {
        rest = &rest[at + prefix.len()..];
        let mention = if let Some(tail) = rest.strip_prefix("kwesties/") {
            let id: String = tail
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
                .to_ascii_lowercase();
            (id.len() == 32).then_some(Mention::Case(id))
        } else if let Some(tail) = rest.strip_prefix("bijeenkomsten/") {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok().map(Mention::Meeting)
        } else {
            None
        };
        if let Some(mention) = mention
            && !found.contains(&mention)
        {
            found.push(mention);
            if found.len() == MAX_MENTIONS {
                break;
            }
        }
    }
    found
}

/// A place in a list ordered newest first by a time and then by id: the last row of
/// the previous page, written `<microseconds>-<id>` in a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        format!("{}-{}", self.at.timestamp_micros(), self.id)
    }

    /// `None` for anything not made by [`Cursor::encode`].
    pub fn parse(raw: &str) -> Option<Self> {
        let (micros, id) = raw.split_once('-')?;
        let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
        let id = id.parse().ok().filter(|id: &i64| *id > 0)?;
        Some(Self { at, id })
    }
}

#[cfg(test)]
mod tests;
