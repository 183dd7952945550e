//! Public pages: home, catalog, themes, organisations, people, and the 404
//! fallback.

use askama::Template;
use axum::Router;
use axum::extract::{Extension, OriginalUri, Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;

use crate::db::catalog::Scope;
use crate::domain::activity::ActivityKind;
use crate::domain::catalog::{
    CatalogFilter, FilterField, PAGE_PARAMS, Rejected, YearMonth, parse_filter,
};
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::{PageError, error_marker};
use crate::http::kit::query::{path_of, query_pairs};
use crate::http::kit::views::{
    CardView, Chrome, Fact, LinkItem, PageLink, kind_label, render, tel_href,
};
use crate::i18n::Lang;
use crate::time::now;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_home))
        .route("/activiteiten", get(show_catalog))
        .route("/themas", get(list_themes))
        .route("/themas/{slug}", get(show_theme))
        .route("/organisaties", get(list_organisations))
        .route("/organisaties/{slug}", get(show_organisation))
        .route("/mensen/{slug}", get(show_profile))
}

pub async fn not_found() -> Response {
    error_marker(axum::http::StatusCode::NOT_FOUND)
}

struct HomeSection {
    id: &'static str,
    heading: String,
    intro: String,
    cards: Vec<CardView>,
    more_href: String,
    more_label: String,
}

#[derive(Template)]
#[template(path = "site/home.html")]
struct HomePage {
    lang: Lang,
    chrome: Chrome,
    sections: Vec<HomeSection>,
    /// The theme inventories open now: (href, title, organisation and closing day).
    surveys: Vec<(String, String, String)>,
}

async fn show_home(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let now = now();
    let mut sections = Vec::new();
    for kind in ActivityKind::ALL {
        let filter = CatalogFilter {
            kind: Some(kind),
            page: 1,
            per_page: 3,
            ..CatalogFilter::default()
        };
        let page = state.db.list_activities(&filter, Scope::All, now).await?;
        sections.push(HomeSection {
            id: kind.url_name(),
            heading: lang.t(&format!("home-heading-{}", kind.as_str())),
            intro: lang.t(&format!("home-intro-{}", kind.as_str())),
            cards: page
                .cards
                .iter()
                .map(|c| CardView::new(lang, c, now))
                .collect(),
            more_href: format!("/activiteiten?soort={}", kind.url_name()),
            more_label: lang.t1(&format!("home-more-{}", kind.as_str()), "count", page.total),
        });
    }
    let surveys = state
        .db
        .open_survey_rounds(crate::time::today())
        .await?
        .into_iter()
        .map(|r| {
            let text = lang.t_args(
                "survey-home-item",
                &[
                    ("organisation", r.organisation_name.as_str().into()),
                    ("closes", lang.day(r.closes_on).into()),
                ],
            );
            (format!("/inventarisatie/{}", r.public_id), r.title, text)
        })
        .collect();
    render(&HomePage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("home-title"), &path_of(&uri), "home")
            .with_description(&lang.t("home-lead")),
        sections,
        surveys,
    })
}

struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

struct Select {
    name: &'static str,
    label: String,
    all_label: String,
    options: Vec<SelectOption>,
}

#[derive(Template)]
#[template(path = "site/catalog.html")]
struct CatalogPage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    notes: Vec<String>,
    selects: Vec<Select>,
    form_action: &'static str,
    filtered: bool,
    result_count: String,
    cards: Vec<CardView>,
    pages: Vec<PageLink>,
}

fn option(value: &str, label: &str, selected: bool) -> SelectOption {
    SelectOption {
        value: value.to_owned(),
        label: label.to_owned(),
        selected,
    }
}

/// The note shown for a filter value that was ignored.
fn rejection_note(lang: Lang, rejected: &Rejected) -> String {
    let field = match rejected.field {
        FilterField::Kind => "kind",
        FilterField::Theme => "theme",
        FilterField::Audience => "audience",
        FilterField::Region => "region",
        FilterField::Month => "month",
        FilterField::Page | FilterField::PerPage => "page",
    };
    lang.t_args(
        &format!("filter-ignored-{field}"),
        &[("value", rejected.value.clone().into())],
    )
}

async fn show_catalog(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let now = now();
    let params = query_pairs(raw.as_deref());
    let (mut filter, mut rejected) = parse_filter(&params, &PAGE_PARAMS);

    // Well-formed values that name nothing are ignored the same way.
    let themes = state.db.themes_with_counts(now).await?;
    let audiences = state.db.audiences().await?;
    let regions = state.db.regions().await?;
    let mut months: Vec<YearMonth> = state
        .db
        .upcoming_session_starts(now)
        .await?
        .into_iter()
        .map(|t| YearMonth::of(t.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()))
        .collect();
    months.dedup();
    if let Some(theme) = filter.theme.take() {
        if themes.iter().any(|(t, _)| t.slug == theme.as_str()) {
            filter.theme = Some(theme);
        } else {
            rejected.push(Rejected {
                field: FilterField::Theme,
                param: PAGE_PARAMS.theme,
                value: theme.to_string(),
            });
        }
    }
    if let Some(audience) = filter.audience.take() {
        if audiences.iter().any(|a| a.slug == audience.as_str()) {
            filter.audience = Some(audience);
        } else {
            rejected.push(Rejected {
                field: FilterField::Audience,
                param: PAGE_PARAMS.audience,
                value: audience.to_string(),
            });
        }
    }
    if let Some(region) = filter.region.take() {
        if regions.contains(&region) {
            filter.region = Some(region);
        } else {
            rejected.push(Rejected {
                field: FilterField::Region,
                param: PAGE_PARAMS.region,
                value: region,
            });
        }
    }

    let page = state.db.list_activities(&filter, Scope::All, now).await?;
    let page_count =
        u32::try_from((page.total + i64::from(filter.per_page) - 1) / i64::from(filter.per_page))
            .unwrap_or(1)
            .max(1);

    let selects = vec![
        Select {
            name: PAGE_PARAMS.kind,
            label: lang.t("filter-kind"),
            all_label: lang.t("filter-kind-all"),
            options: ActivityKind::ALL
                .iter()
                .map(|k| option(k.url_name(), &kind_label(lang, *k), filter.kind == Some(*k)))
                .collect(),
        },
        Select {
            name: PAGE_PARAMS.theme,
            label: lang.t("filter-theme"),
            all_label: lang.t("filter-theme-all"),
            options: themes
                .iter()
                .map(|(t, _)| {
                    let selected = filter.theme.as_ref().is_some_and(|s| s.as_str() == t.slug);
                    option(&t.slug, lang.pick(&t.name_nl, &t.name_en), selected)
                })
                .collect(),
        },
        Select {
            name: PAGE_PARAMS.audience,
            label: lang.t("filter-audience"),
            all_label: lang.t("filter-audience-all"),
            options: audiences
                .iter()
                .map(|a| {
                    let selected = filter
                        .audience
                        .as_ref()
                        .is_some_and(|s| s.as_str() == a.slug);
                    option(&a.slug, lang.pick(&a.name_nl, &a.name_en), selected)
                })
                .collect(),
        },
        Select {
            name: PAGE_PARAMS.region,
            label: lang.t("filter-region"),
            all_label: lang.t("filter-region-all"),
            options: regions
                .iter()
                .map(|r| option(r, r, filter.region.as_deref() == Some(r)))
                .collect(),
        },
        Select {
            name: PAGE_PARAMS.month,
            label: lang.t("filter-month"),
            all_label: lang.t("filter-month-all"),
            options: months
                .iter()
                .map(|m| {
                    option(
                        &m.to_string(),
                        &lang.month_year(*m),
                        filter.month == Some(*m),
                    )
                })
                .collect(),
        },
    ];

    // Page links keep the filters that were understood.
    let mut kept: Vec<(&str, String)> = Vec::new();
    if let Some(kind) = filter.kind {
        kept.push((PAGE_PARAMS.kind, kind.url_name().to_owned()));
    }
    if let Some(theme) = &filter.theme {
        kept.push((PAGE_PARAMS.theme, theme.to_string()));
    }
    if let Some(audience) = &filter.audience {
        kept.push((PAGE_PARAMS.audience, audience.to_string()));
    }
    if let Some(region) = &filter.region {
        kept.push((PAGE_PARAMS.region, region.clone()));
    }
    if let Some(month) = filter.month {
        kept.push((PAGE_PARAMS.month, month.to_string()));
    }
    let pages = PageLink::all(lang, page_count, filter.page, |number| {
        let mut pairs = kept.clone();
        pairs.push((PAGE_PARAMS.page, number.to_string()));
        format!(
            "/activiteiten?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    });

    let heading = match filter.kind {
        Some(kind) => lang.t(&format!("home-heading-{}", kind.as_str())),
        None => lang.t("catalog-title"),
    };
    render(&CatalogPage {
        lang,
        chrome: Chrome::new(&state, lang, heading.clone(), &path_of(&uri), "catalog"),
        heading,
        notes: rejected.iter().map(|r| rejection_note(lang, r)).collect(),
        selects,
        form_action: "/activiteiten",
        filtered: filter.is_filtered(),
        result_count: lang.t1("catalog-count", "count", page.total),
        cards: page
            .cards
            .iter()
            .map(|c| CardView::new(lang, c, now))
            .collect(),
        pages,
    })
}

struct ListItem {
    href: String,
    title: String,
    meta: String,
    text: String,
    /// `text` is organiser-written Dutch.
    dutch: bool,
}

#[derive(Template)]
#[template(path = "site/simple_list.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    intro: String,
    items: Vec<ListItem>,
}

async fn list_themes(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let themes = state.db.themes_with_counts(now()).await?;
    render(&ListPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("themes-title"),
            &path_of(&uri),
            "themes",
        ),
        heading: lang.t("themes-title"),
        intro: lang.t("themes-intro"),
        items: themes
            .into_iter()
            .map(|(t, count)| ListItem {
                href: format!("/themas/{}", t.slug),
                title: lang.pick(&t.name_nl, &t.name_en).to_owned(),
                meta: lang.t1("activity-count", "count", count),
                text: lang.pick(&t.description_nl, &t.description_en).to_owned(),
                dutch: false,
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "site/detail.html")]
struct DetailPage {
    lang: Lang,
    chrome: Chrome,
    kicker: String,
    heading: String,
    paragraphs: Vec<String>,
    facts: Vec<Fact>,
    cards_heading: String,
    cards: Vec<CardView>,
    /// The paragraphs are organiser-written Dutch.
    dutch_text: bool,
}

fn all_current() -> CatalogFilter {
    CatalogFilter {
        page: 1,
        per_page: CatalogFilter::MAX_PER_PAGE,
        ..CatalogFilter::default()
    }
}

async fn show_theme(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let theme = state
        .db
        .theme_by_slug(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)?;
    let now = now();
    let filter = CatalogFilter {
        theme: Some(slug),
        ..all_current()
    };
    let page = state.db.list_activities(&filter, Scope::All, now).await?;
    let name = lang.pick(&theme.name_nl, &theme.name_en).to_owned();
    render(&DetailPage {
        lang,
        chrome: Chrome::new(&state, lang, name.clone(), &path_of(&uri), "themes"),
        kicker: lang.t("theme-kicker"),
        heading: name,
        paragraphs: vec![
            lang.pick(&theme.description_nl, &theme.description_en)
                .to_owned(),
        ],
        facts: vec![Fact::new(
            lang.t("theme-calendar"),
            vec![LinkItem::link(
                lang.t("theme-calendar-link"),
                format!("/agenda.ics?thema={}", theme.slug),
            )],
        )],
        dutch_text: false,
        cards_heading: lang.t("theme-activities"),
        cards: page
            .cards
            .iter()
            .map(|c| CardView::new(lang, c, now))
            .collect(),
    })
}

async fn list_organisations(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let organisations = state.db.organisations().await?;
    render(&ListPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("organisations-title"),
            &path_of(&uri),
            "organisations",
        ),
        heading: lang.t("organisations-title"),
        intro: lang.t("organisations-intro"),
        items: organisations
            .into_iter()
            .map(|o| ListItem {
                href: format!("/organisaties/{}", o.slug),
                meta: lang.t(&format!("organisation-kind-{}", o.kind)),
                title: o.name,
                text: o.description,
                dutch: true,
            })
            .collect(),
    })
}

async fn show_organisation(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let org = state
        .db
        .organisation_by_slug(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)?;
    let now = now();
    let page = state
        .db
        .list_activities(&all_current(), Scope::Organisation(org.id), now)
        .await?;
    let mut facts = Vec::new();
    if !org.city.is_empty() {
        facts.push(Fact::new(
            lang.t("organisation-city"),
            vec![LinkItem::text(&org.city)],
        ));
    }
    if !org.website.is_empty() {
        facts.push(Fact::new(
            lang.t("organisation-website"),
            vec![LinkItem::link(&org.website, &org.website)],
        ));
    }
    render(&DetailPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            org.name.clone(),
            &path_of(&uri),
            "organisations",
        ),
        kicker: lang.t(&format!("organisation-kind-{}", org.kind)),
        heading: org.name,
        paragraphs: vec![org.description],
        facts,
        dutch_text: true,
        cards_heading: lang.t("organisation-activities"),
        cards: page
            .cards
            .iter()
            .map(|c| CardView::new(lang, c, now))
            .collect(),
    })
}

async fn show_profile(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let person = state
        .db
        .profile_by_slug(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)?;
    let now = now();
    let page = state
        .db
        .list_activities(&all_current(), Scope::Profile(person.id), now)
        .await?;
    let mut facts = Vec::new();
    if !person.affiliation.is_empty() {
        facts.push(Fact::new(
            lang.t("person-affiliation"),
            vec![LinkItem::dutch(&person.affiliation)],
        ));
    }
    if !person.email.is_empty() {
        facts.push(Fact::new(
            lang.t("person-email"),
            vec![LinkItem::link(
                &person.email,
                format!("mailto:{}", person.email),
            )],
        ));
    }
    if !person.phone.is_empty() {
        facts.push(Fact::new(
            lang.t("person-phone"),
            vec![LinkItem::link(&person.phone, tel_href(&person.phone))],
        ));
    }
    render(&DetailPage {
        lang,
        chrome: Chrome::new(&state, lang, person.name.clone(), &path_of(&uri), ""),
        kicker: lang.t("person-kicker"),
        heading: person.name,
        paragraphs: [person.bio].into_iter().filter(|b| !b.is_empty()).collect(),
        facts,
        dutch_text: true,
        cards_heading: lang.t("person-activities"),
        cards: page
            .cards
            .iter()
            .map(|c| CardView::new(lang, c, now))
            .collect(),
    })
}
