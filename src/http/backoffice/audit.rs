//! The audit log of an organisation (`/beheer/organisaties/{org}/logboek`): who
//! changed what, when, to its activities and registrations, newest first, 100 lines a
//! page, optionally for one activity (`?activiteit=`).

use askama::Template;
use axum::Router;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::db::audit::{AUDIT_PAGE, AuditRow, Detail};
use crate::db::organisation::OrganisationRef;
use crate::http::AppState;
use crate::http::backoffice::access::activity_id_shaped;
use crate::http::backoffice::access::{Staff, managed_organisation};
use crate::http::error::PageError;
use crate::http::kit::query::query_param;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new().route("/beheer/organisaties/{org}/logboek", get(audit_page))
}

/// One line as shown.
struct Line {
    when: String,
    /// Machine-readable time for `<time datetime>`.
    at: String,
    who: String,
    what: String,
    activity: Option<(String, String)>,
    registrant: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "backoffice/audit.html")]
struct AuditPage {
    lang: Lang,
    chrome: Chrome,
    organisation: OrganisationRef,
    heading: String,
    /// The activity the log is narrowed to: (title, link to the whole log).
    narrowed: Option<String>,
    lines: Vec<Line>,
    older: Option<String>,
}

/// An action in words; unknown actions (from a later version) as they are stored.
fn action_label(lang: Lang, action: &str) -> String {
    lang.try_t(&format!("audit-action-{action}"))
        .unwrap_or_else(|| action.to_owned())
}

/// A word from the catalog made from a stored value (`audit-change-time`), or the
/// value itself when a later version wrote one this one does not know.
fn word(lang: Lang, prefix: &str, value: &str) -> String {
    lang.try_t(&format!("{prefix}-{value}"))
        .unwrap_or_else(|| value.to_owned())
}

/// The detail in the reader's language; plain text (older rows, titles) as stored.
fn detail_text(lang: Lang, stored: &str) -> String {
    let when = |at: crate::time::Timestamp| format!("{} {}", lang.date_short(at), lang.time(at));
    match Detail::parse(stored) {
        None => stored.to_owned(),
        Some(Detail::SessionChanged {
            starts_at,
            changes,
            emails,
        }) => lang.t_args(
            "audit-detail-session-changed",
            &[
                ("when", when(starts_at).into()),
                (
                    "changes",
                    changes
                        .iter()
                        .map(|c| word(lang, "audit-change", c))
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
                ("emails", (emails as i64).into()),
            ],
        ),
        Some(Detail::Emails { emails }) => lang.t1("audit-detail-emails", "emails", emails as i64),
        Some(Detail::Anonymised {
            registrations,
            months,
        }) => lang.t_args(
            "audit-detail-anonymised",
            &[
                ("registrations", (registrations as i64).into()),
                ("months", i64::from(months).into()),
            ],
        ),
        Some(Detail::Session { starts_at }) => {
            lang.t1("audit-detail-session", "when", when(starts_at))
        }
        Some(Detail::StateBefore { state }) => lang.t1(
            "audit-detail-state-before",
            "state",
            word(lang, "roster-state", &state),
        ),
        Some(Detail::Removed { state, reason }) if !reason.is_empty() => lang.t_args(
            "audit-detail-removed-reason",
            &[
                ("state", word(lang, "roster-state", &state).into()),
                ("reason", reason.into()),
            ],
        ),
        Some(Detail::Removed { state, .. }) => lang.t1(
            "audit-detail-state-before",
            "state",
            word(lang, "roster-state", &state),
        ),
        Some(Detail::Message {
            sent,
            group,
            subject,
        }) => lang.t_args(
            "audit-detail-message",
            &[
                ("sent", (sent as i64).into()),
                ("group", word(lang, "audit-group", &group).into()),
                ("subject", subject.into()),
            ],
        ),
    }
}

fn line(lang: Lang, row: AuditRow) -> Line {
    Line {
        when: format!(
            "{} {}",
            lang.date_short(row.created_at),
            lang.time(row.created_at)
        ),
        at: row.created_at.to_rfc3339(),
        who: row.actor.unwrap_or_else(|| lang.t("audit-who-system")),
        what: action_label(lang, &row.action),
        activity: row
            .activity_public_id
            .zip(row.activity_title)
            .map(|(id, title)| (format!("/beheer/activiteiten/{id}"), title)),
        registrant: row.registrant.unwrap_or_default(),
        detail: detail_text(lang, &row.detail),
    }
}

async fn audit_page(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let activity = query_param(&uri, "activiteit").filter(|id| !id.is_empty());
    if activity
        .as_deref()
        .is_some_and(|id| !activity_id_shaped(id))
    {
        return Err(PageError::NotFound);
    }
    let before = match query_param(&uri, "voor") {
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| PageError::NotFound)?),
        None => None,
    };
    let mut rows = state
        .db
        .audit_log(organisation.id, activity.as_deref(), before)
        .await?;
    let path = format!("/beheer/organisaties/{}/logboek", organisation.slug);
    // One line more than a page was read: there are older ones.
    let more = rows.len() as i64 > AUDIT_PAGE;
    rows.truncate(AUDIT_PAGE as usize);
    let older = rows.last().filter(|_| more).map(|last| match &activity {
        Some(id) => format!("{path}?activiteit={id}&voor={}", last.id),
        None => format!("{path}?voor={}", last.id),
    });
    let narrowed = activity.as_ref().map(|_| {
        rows.iter()
            .find_map(|r| r.activity_title.clone())
            .unwrap_or_default()
    });
    let heading = lang.t1("audit-title", "organisation", organisation.name.as_str());
    let page = AuditPage {
        lang,
        chrome: Chrome::new(&state, lang, heading.clone(), &path, "backoffice"),
        organisation,
        heading,
        narrowed,
        lines: rows.into_iter().map(|r| line(lang, r)).collect(),
        older,
    };
    Ok(Html(page.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action the code writes reads as words in both languages.
    #[test]
    fn details_read_in_the_readers_language_and_old_rows_as_stored() {
        use chrono::TimeZone;
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 8, 12, 30, 0)
            .unwrap();
        let changed = Detail::SessionChanged {
            starts_at: at,
            changes: vec!["time".into(), "program".into()],
            emails: 3,
        }
        .json();
        assert_eq!(
            detail_text(Lang::Nl, &changed),
            "Bijeenkomst van 8 dec. 2026 13.30: tijd, programma. 3 e-mails verstuurd."
        );
        assert_eq!(
            detail_text(Lang::En, &changed),
            "Session of 8 Dec 2026 13:30: time, programme. 3 emails sent."
        );
        let message = Detail::Message {
            sent: 1,
            group: "wachtlijst".into(),
            subject: "Nog geen plaats".into(),
        }
        .json();
        assert_eq!(
            detail_text(Lang::En, &message),
            "1 × everyone on the waiting list: Nog geen plaats"
        );
        let before = Detail::StateBefore {
            state: "waitlisted".into(),
        }
        .json();
        assert_eq!(detail_text(Lang::Nl, &before), "Was: Wachtlijst");
        let anonymised = Detail::Anonymised {
            registrations: 4,
            months: 12,
        };
        assert!(detail_text(Lang::En, &anonymised.json()).contains("4"));
        for kind in [
            Detail::Emails { emails: 1 },
            Detail::Session { starts_at: at },
            anonymised,
        ] {
            for lang in Lang::ALL {
                let text = detail_text(lang, &kind.json());
                assert!(!text.contains('{') && !text.contains("audit-"), "{text}");
            }
        }
        // Rows from before, and plain details, read as they were stored.
        assert_eq!(
            detail_text(Lang::En, "2026-12-08 13:30: time; 3 e-mails"),
            "2026-12-08 13:30: time; 3 e-mails"
        );
        assert_eq!(detail_text(Lang::En, "{kapot"), "{kapot");
        assert_eq!(detail_text(Lang::Nl, "Blik op"), "Blik op");
    }

    #[test]
    fn every_written_action_has_a_label() {
        // Every storage file, wherever a feature keeps it.
        fn read_all(dir: &std::path::Path, into: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    read_all(&path, into);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    into.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut sources = String::new();
        read_all(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db"),
            &mut sources,
        );
        assert!(
            sources.contains("audit!("),
            "the storage code writes audit rows"
        );
        // Every quoted word that names an action: a subject, an underscore, a verb.
        let subjects = [
            "accessibility_",
            "organisation_",
            "organiser_",
            "activity_",
            "session_",
            "question_",
            "registration_",
            "registrations_",
            "attendance_",
            "message_",
            "retention_",
            "api_token_",
            "kartrekker_",
            "profiles_",
            "survey_",
        ];
        // Table and column names of the personal-data registry are no actions.
        let names: Vec<&str> = crate::db::personal_data::entries()
            .flat_map(|(_, entry)| {
                std::iter::once(entry.table).chain(entry.columns.iter().copied())
            })
            .collect();
        let mut actions: Vec<&str> = sources
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|word| {
                subjects.iter().any(|s| word.starts_with(s))
                    && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && !names.contains(word)
            })
            .collect();
        // `activity_{status}` is built from the status.
        actions.extend([
            "activity_published",
            "activity_cancelled",
            "activity_archived",
        ]);
        actions.sort_unstable();
        actions.dedup();
        assert!(actions.len() >= 20, "{actions:?}");
        for action in actions {
            for lang in Lang::ALL {
                assert_ne!(action_label(lang, action), action, "{action} in {lang:?}");
            }
        }
        assert_eq!(
            action_label(Lang::Nl, "from_a_later_version"),
            "from_a_later_version"
        );
    }
}
