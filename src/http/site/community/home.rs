//! The member area's front page: where the person stands in the atelier and who else
//! takes part (those who agreed to be listed, and the kartrekkers). Meetings, cases
//! and the online space join it as they are built.

use askama::Template;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::response::{Html, IntoResponse, Response};

use super::Visit;
use crate::domain::community::membership::Standing;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::see_other;
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// The member area's notices (`?bericht=`).
pub const NOTICES: Notices = &[("welkom", "community-notice-welcome")];

/// A member in the list other members see.
struct MemberItem {
    name: String,
    role: String,
    brings: String,
}

#[derive(Template)]
#[template(path = "site/community/home.html")]
struct HomePage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    notice: Option<String>,
    /// Where the person stands, in a sentence.
    standing: String,
    members: Vec<MemberItem>,
    /// The member's own page (members only).
    membership_href: Option<String>,
    /// The back office's members page (those who run it).
    manage_href: Option<String>,
    public_href: String,
}

pub(super) async fn show_atelier(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .ok_or(PageError::NotFound)?;
    let standing = match visit.standing {
        Standing::Runs(role) => lang.t(&format!(
            "community-standing-runs-{}",
            match role {
                crate::domain::access::ActivityRole::Kartrekker => "kartrekker",
                _ => "organiser",
            }
        )),
        Standing::Member(level) => {
            let since = visit
                .membership
                .as_ref()
                .and_then(|m| m.joined_at)
                .map(|t| lang.date_long(t))
                .unwrap_or_default();
            lang.t_args(
                "community-standing-member",
                &[
                    ("since", since.into()),
                    (
                        "level",
                        lang.t(&format!("community-level-{}", level.as_str()))
                            .to_lowercase()
                            .into(),
                    ),
                ],
            )
        }
        // Waiting: their own membership page says where the request stands.
        Standing::Waiting(_) => {
            return Ok(private(see_other(format!("{}/lidmaatschap", visit.base()))));
        }
        Standing::Outside => return Err(PageError::NotFound),
    };
    let members = state
        .db
        .listed_members(visit.atelier.id)
        .await?
        .into_iter()
        .map(|m| MemberItem {
            role: if m.kartrekker {
                lang.t("community-role-kartrekker")
            } else {
                lang.t(&format!("community-role-{}", m.role))
            },
            name: m.name,
            brings: m.brings,
        })
        .collect();
    let base = visit.base();
    let page = HomePage {
        lang,
        chrome: Chrome::new(&state, lang, visit.atelier.title.clone(), &base, "account"),
        title: visit.atelier.title.clone(),
        notice: notice(&uri, lang, NOTICES),
        standing,
        members,
        membership_href: matches!(visit.standing, Standing::Member(_))
            .then(|| format!("{base}/lidmaatschap")),
        manage_href: matches!(visit.standing, Standing::Runs(_))
            .then(|| format!("/beheer/activiteiten/{}/leden", visit.atelier.public_id)),
        public_href: format!("/activiteiten/{}", visit.atelier.slug),
    };
    Ok(private(Html(page.render()?).into_response()))
}
