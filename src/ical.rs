//! iCalendar (RFC 5545) output: events in Europe/Amsterdam time with the zone's
//! VTIMEZONE, escaped text and folded lines.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;

use crate::db::catalog::CalendarSession;
use crate::domain::activity::ActivityStatus;

/// One event of a calendar.
#[derive(Clone, Debug)]
pub struct Event {
    /// Stable across feeds and restarts and never given to another session, e.g.
    /// `3f0c…@samenleren.example` (`session-12@…` for sessions from before
    /// migration 0008).
    pub uid: String,
    /// RFC 5545's SEQUENCE: higher after every change, so calendar programs take the
    /// newer version.
    pub sequence: u32,
    /// When the event's data last changed.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub url: String,
    pub cancelled: bool,
}

/// The host part of a base URL (`https://leren.example.nl` → `leren.example.nl`), for
/// UIDs and Message-IDs.
pub fn host_of(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split('/')
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("samenleren")
}

/// One event per session, with UIDs that stay the same in every feed and email, so a
/// calendar program updates an event instead of adding it twice.
pub fn session_events(base_url: &str, sessions: Vec<CalendarSession>) -> Vec<Event> {
    let host = host_of(base_url);
    sessions
        .into_iter()
        .map(|s| {
            let url = format!("{base_url}/activiteiten/{}", s.slug);
            let summary = if s.session_title.is_empty() {
                s.title.clone()
            } else {
                format!("{}: {}", s.title, s.session_title)
            };
            Event {
                uid: format!("{}@{host}", s.uid),
                sequence: s.sequence,
                stamp: s.updated_at,
                start: s.starts_at,
                end: s.ends_at,
                summary,
                description: format!("{}\n\n{url}", s.summary),
                location: s.location,
                url,
                cancelled: s.removed || s.status == ActivityStatus::Cancelled,
            }
        })
        .collect()
}

/// The standard CET/CEST rules, valid since 1996.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Amsterdam\r\n\
X-LIC-LOCATION:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// What a calendar file asks of the calendar program that opens it (RFC 5546).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Here are the events (feeds, confirmations, updates); a cancelled event says
    /// so with `STATUS:CANCELLED`.
    Publish,
    /// Take these events out: the activity was cancelled.
    Cancel,
}

/// A whole calendar named `name`.
pub fn calendar(name: &str, events: &[Event], method: Method) -> String {
    let mut out = String::with_capacity(1024 + events.len() * 512);
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samenleren//Samenleren//NL\r\nCALSCALE:GREGORIAN\r\n");
    out.push_str(match method {
        Method::Publish => "METHOD:PUBLISH\r\n",
        Method::Cancel => "METHOD:CANCEL\r\n",
    });
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    out.push_str("X-WR-TIMEZONE:Europe/Amsterdam\r\n");
    out.push_str(VTIMEZONE);
    for event in events {
        out.push_str("BEGIN:VEVENT\r\n");
        push_line(&mut out, &format!("UID:{}", escape(&event.uid)));
        push_line(&mut out, &format!("SEQUENCE:{}", event.sequence));
        push_line(
            &mut out,
            &format!("DTSTAMP:{}", event.stamp.format("%Y%m%dT%H%M%SZ")),
        );
        push_line(
            &mut out,
            &format!("DTSTART;TZID=Europe/Amsterdam:{}", local(event.start)),
        );
        push_line(
            &mut out,
            &format!("DTEND;TZID=Europe/Amsterdam:{}", local(event.end)),
        );
        push_line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&event.description)),
            );
        }
        if let Some(location) = &event.location {
            push_line(&mut out, &format!("LOCATION:{}", escape(location)));
        }
        push_line(&mut out, &format!("URL:{}", event.url));
        out.push_str(if event.cancelled || method == Method::Cancel {
            "STATUS:CANCELLED\r\n"
        } else {
            "STATUS:CONFIRMED\r\n"
        });
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam)
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (§3.1), never inside a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> Event {
        Event {
            uid: "session-1@samenleren.test".into(),
            sequence: 4,
            stamp: Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap(),
            start: Utc.with_ymd_and_hms(2026, 12, 8, 12, 30, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 12, 8, 17, 0, 0).unwrap(),
            summary: "Leercafé: Blik op samenlevingsopbouw".into(),
            description: "Uitdagingen; keuzes, en meer\nTweede regel".into(),
            location: Some(
                "Buurtcentrum Filmwijk, Walt Disneyplantsoen 76/78, 1325 SX Almere".into(),
            ),
            url: "http://127.0.0.1:8080/activiteiten/blik-op-samenlevingsopbouw".into(),
            cancelled: false,
        }
    }

    #[test]
    fn events_are_in_amsterdam_time_with_the_zone_defined() {
        let ics = calendar("Samenleren", &[event()], Method::Publish);
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam"));
        assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20261208T133000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20261208T180000\r\n"));
        assert!(ics.contains("DTSTAMP:20261121T100000Z\r\n"));
        assert!(ics.contains("STATUS:CONFIRMED"));
        assert!(ics.contains("SEQUENCE:4\r\n"));
        assert!(ics.contains("METHOD:PUBLISH\r\n"));
    }

    #[test]
    fn a_cancelling_calendar_cancels_every_event() {
        let ics = calendar("Samenleren", &[event()], Method::Cancel);
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n") && !ics.contains("STATUS:CONFIRMED"));
    }

    #[test]
    fn text_is_escaped() {
        let ics = calendar("Samenleren", &[event()], Method::Publish).replace("\r\n ", "");
        assert!(ics.contains("DESCRIPTION:Uitdagingen\\; keuzes\\, en meer\\nTweede regel\r\n"));
        assert!(ics.contains(
            "LOCATION:Buurtcentrum Filmwijk\\, Walt Disneyplantsoen 76/78\\, 1325 SX Almere"
        ));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut e = event();
        e.summary = "é".repeat(100);
        let ics = calendar("x", &[e], Method::Publish);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "é".repeat(100))));
    }

    #[test]
    fn the_output_parses_with_an_icalendar_library() {
        use icalendar::{Calendar, CalendarComponent, Component};
        let mut cancelled = event();
        cancelled.uid = "session-2@samenleren.test".into();
        cancelled.cancelled = true;
        let ics = calendar("Samenleren", &[event(), cancelled], Method::Publish);
        let parsed: Calendar = ics.parse().expect("parses");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].get_summary(),
            Some("Leercafé: Blik op samenlevingsopbouw")
        );
        assert_eq!(events[0].get_uid(), Some("session-1@samenleren.test"));
    }
}
