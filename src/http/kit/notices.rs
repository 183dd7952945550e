//! The notice a page shows after a change (post/redirect/get: `?bericht=<word>`).
//! Each feature lists its words and their catalog keys in one [`Notices`] table next
//! to the page; a word that is not in the table shows nothing. [`TABLES`] names every
//! table once, so a test checks each key reads in both languages.

use axum::extract::OriginalUri;

use crate::http::kit::query::query_param;
use crate::i18n::Lang;

/// (word in `?bericht=`, catalog key), for one page.
pub type Notices = &'static [(&'static str, &'static str)];

/// The catalog key of the page's notice, if the URL names one from `table`.
pub fn notice_key(uri: &OriginalUri, table: Notices) -> Option<&'static str> {
    let word = query_param(uri, "bericht")?;
    table.iter().find(|(w, _)| *w == word).map(|(_, key)| *key)
}

/// The page's notice in the reader's language, if the URL names one from `table`.
pub fn notice(uri: &OriginalUri, lang: Lang, table: Notices) -> Option<String> {
    notice_key(uri, table).map(|key| lang.t(key))
}

/// Every page's table, one line each.
pub const TABLES: &[(&str, Notices)] = &[
    ("survey round", crate::http::site::survey::NOTICES),
    (
        "survey back office",
        crate::http::backoffice::survey::NOTICES,
    ),
    ("editor overview", crate::http::backoffice::editor::NOTICES),
    ("registrations", crate::http::backoffice::roster::NOTICES),
    ("api tokens", crate::http::site::auth::api_tokens::NOTICES),
    (
        "organisation",
        crate::http::backoffice::organisations::NOTICES,
    ),
    (
        "retention",
        crate::http::backoffice::organisations::RETENTION_NOTICES,
    ),
    ("kartrekkers", crate::http::backoffice::kartrekkers::NOTICES),
    (
        "certificates",
        crate::http::backoffice::certificates::NOTICES,
    ),
    (
        "members",
        crate::http::backoffice::community::MEMBER_NOTICES,
    ),
    (
        "accessibility statement",
        crate::http::backoffice::statement::NOTICES,
    ),
    ("people", crate::http::backoffice::people::NOTICES),
    (
        "prerequisite checks",
        crate::http::backoffice::prerequisites::NOTICES,
    ),
    ("accreditation", crate::http::backoffice::learning::NOTICES),
    ("registers", crate::http::site::learning::NOTICES),
    ("sign-in", crate::http::site::auth::SIGN_IN_NOTICES),
    ("account", crate::http::site::auth::ACCOUNT_NOTICES),
    ("atelier", crate::http::site::community::HOME_NOTICES),
    ("space", crate::http::site::community::SPACE_NOTICES),
    (
        "give and take",
        crate::http::site::community::LEDGER_NOTICES,
    ),
    (
        "membership",
        crate::http::site::community::MEMBERSHIP_NOTICES,
    ),
    ("resources", crate::http::site::community::RESOURCES_NOTICES),
    (
        "manage link",
        crate::http::site::registration::MANAGE_NOTICES,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_in_both_languages_and_words_are_unique_per_page() {
        for (page, table) in TABLES {
            let mut words: Vec<&str> = table.iter().map(|(w, _)| *w).collect();
            words.sort_unstable();
            words.dedup();
            assert_eq!(words.len(), table.len(), "{page}: a word twice");
            for (_, key) in *table {
                for lang in Lang::ALL {
                    assert_ne!(lang.t(key), *key, "{page}: {key} in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn a_word_outside_the_table_shows_nothing() {
        let uri = |q: &str| OriginalUri(format!("/x?{q}").parse().unwrap());
        let table: Notices = &[("opgeslagen", "bo-notice-saved")];
        assert_eq!(
            notice_key(&uri("bericht=opgeslagen"), table),
            Some("bo-notice-saved")
        );
        assert_eq!(notice_key(&uri("bericht=%3Cscript%3E"), table), None);
        assert_eq!(notice_key(&uri("zoek=x"), table), None);
    }
}
