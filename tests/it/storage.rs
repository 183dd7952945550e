//! Storage conformance: every test runs on SQLite and on PostgreSQL with the same
//! expectations.

use crate::common::{Backend, TestDb};
use chrono::{Duration, NaiveDate, Utc};
use samenleren::db::Db;
use samenleren::db::catalog::{CalendarSelection, Scope};
use samenleren::domain::activity::{ActivityKind, ProgramItemKind};
use samenleren::domain::catalog::{CatalogFilter, YearMonth};
use samenleren::domain::slug::Slug;

both_databases!(
    migrations_can_run_twice,
    demo_data_loads_every_activity_once,
    demo_ateliers_have_their_kartrekker_and_members_once,
    catalog_filters_by_kind_theme_audience_region_and_month,
    catalog_pages_through_results_soonest_first,
    the_full_cafe_has_its_program_speakers_venue_and_hosts,
    prerequisites_link_both_ways,
    drafts_and_finished_activities_stay_out_of_public_reads,
    calendar_has_one_event_per_public_session,
    scopes_select_an_organisations_and_a_persons_activities,
    lookups_with_hostile_text_find_nothing,
);

const TODAY: (i32, u32, u32) = (2026, 11, 21);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

/// A moment on the demo's "today", so relative dates are fixed.
fn now() -> chrono::DateTime<Utc> {
    today().and_hms_opt(9, 0, 0).unwrap().and_utc()
}

async fn demo_db(backend: Backend) -> Option<(TestDb, Db)> {
    let test_db = TestDb::new(backend).await?;
    let db = test_db.connect().await;
    db.load_demo(&samenleren::demo::data().unwrap(), today())
        .await
        .expect("demo loads");
    Some((test_db, db))
}

fn all() -> CatalogFilter {
    CatalogFilter {
        page: 1,
        per_page: 100,
        ..CatalogFilter::default()
    }
}

async fn migrations_can_run_twice(backend: Backend) {
    let Some(test_db) = TestDb::new(backend).await else {
        return;
    };
    let db = test_db.connect().await;
    db.migrate().await.expect("second run is a no-op");
    db.ping().await.unwrap();
    assert_eq!(
        db.kind(),
        if backend == Backend::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
}

async fn demo_data_loads_every_activity_once(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let page = db.list_activities(&all(), Scope::All, now()).await.unwrap();
    assert_eq!(page.total, 22);
    let count = |kind| page.cards.iter().filter(|c| c.core.kind == kind).count();
    assert_eq!(
        (
            count(ActivityKind::Cafe),
            count(ActivityKind::Atelier),
            count(ActivityKind::Module)
        ),
        (4, 2, 16)
    );

    let again = db
        .load_demo(&samenleren::demo::data().unwrap(), today())
        .await
        .unwrap();
    assert_eq!((again.activities_added, again.activities_present), (0, 22));
    let sessions = db.calendar_sessions(CalendarSelection::All).await.unwrap();
    let page_again = db.list_activities(&all(), Scope::All, now()).await.unwrap();
    assert_eq!(page_again.total, 22);
    let unique: std::collections::HashSet<_> = sessions.iter().map(|s| s.session_id).collect();
    assert_eq!(unique.len(), sessions.len(), "no duplicated sessions");
}

async fn demo_ateliers_have_their_kartrekker_and_members_once(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let count = async |sql: &'static str| -> i64 {
        samenleren::on_pool!(&db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await
            .unwrap())
    };
    let atelier = db
        .atelier_by_slug("veerkracht-en-onmacht-in-gemeenschappen")
        .await
        .unwrap()
        .expect("the demo atelier");
    let members = db.atelier_members(atelier.id).await.unwrap();
    let state = |s: &str| {
        members
            .iter()
            .filter(|m| m.membership.state.as_str() == s)
            .count()
    };
    assert_eq!((state("requested"), state("left")), (1, 1));
    assert!(state("active") >= 8);
    // Requests first, then the members, then who left: as the back office lists them.
    assert_eq!(members[0].membership.state.as_str(), "requested");
    assert_eq!(members.last().unwrap().membership.state.as_str(), "left");
    let chantal = members
        .iter()
        .find(|m| m.name == "Chantal van Lieshout")
        .expect("the contact is a member");
    assert_eq!(chantal.membership.role.as_str(), "contact");
    assert!(chantal.membership.joined_at.is_some_and(|t| t < now()));
    // Other members see the kartrekker first, then only who agreed to be listed.
    let listed = db
        .listed_members(atelier.id, samenleren::db::community::Listing::All)
        .await
        .unwrap();
    assert_eq!(
        (listed[0].name.as_str(), listed[0].kartrekker),
        ("Joost Weling", true)
    );
    assert!(listed.len() > 2 && listed.len() < state("active") + 1);
    assert_eq!(
        db.member_counts(atelier.id).await.unwrap(),
        (state("active") as i64, 1)
    );

    let before = (
        count("SELECT COUNT(*) FROM account").await,
        count("SELECT COUNT(*) FROM atelier_member").await,
        count("SELECT COUNT(*) FROM activity_facilitator_account").await,
    );
    assert_eq!(before.2, 2, "Joost runs both ateliers");
    db.load_demo(&samenleren::demo::data().unwrap(), today())
        .await
        .unwrap();
    let after = (
        count("SELECT COUNT(*) FROM account").await,
        count("SELECT COUNT(*) FROM atelier_member").await,
        count("SELECT COUNT(*) FROM activity_facilitator_account").await,
    );
    assert_eq!(after, before, "a second load adds nobody");
    // Nothing happened that anyone must be told or that the log must show.
    assert_eq!(count("SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM audit_event").await, 0);
}

async fn catalog_filters_by_kind_theme_audience_region_and_month(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let list = |filter: CatalogFilter| {
        let db = db.clone();
        async move {
            db.list_activities(&filter, Scope::All, now())
                .await
                .unwrap()
        }
    };

    let ateliers = list(CatalogFilter {
        kind: Some(ActivityKind::Atelier),
        ..all()
    })
    .await;
    assert_eq!(ateliers.total, 2);
    assert!(
        ateliers
            .cards
            .iter()
            .all(|c| c.core.kind == ActivityKind::Atelier)
    );

    let limburg = list(CatalogFilter {
        region: Some("Limburg".into()),
        ..all()
    })
    .await;
    assert_eq!(limburg.total, 2, "the two Zuyd ateliers");

    let theme = Slug::parse("beroepsidentiteit").unwrap();
    let themed = list(CatalogFilter {
        theme: Some(theme.clone()),
        ..all()
    })
    .await;
    assert!(themed.total > 0);
    assert!(
        themed
            .cards
            .iter()
            .all(|c| c.themes.iter().any(|t| t.slug == theme.as_str()))
    );
    assert!(
        themed
            .cards
            .iter()
            .any(|c| c.core.slug == "blik-op-samenlevingsopbouw")
    );

    let kwartiermakers = list(CatalogFilter {
        audience: Some(Slug::parse("kwartiermaker").unwrap()),
        ..all()
    })
    .await;
    assert!(
        kwartiermakers
            .cards
            .iter()
            .any(|c| c.core.slug == "blik-op-samenlevingsopbouw")
    );
    assert!(kwartiermakers.total < 22);

    // The month of the full café holds it; a month without sessions holds nothing.
    let cafe = db
        .activity_detail("blik-op-samenlevingsopbouw")
        .await
        .unwrap()
        .unwrap();
    let local = cafe.sessions[0]
        .starts_at
        .with_timezone(&chrono_tz::Europe::Amsterdam);
    let month = YearMonth::of(local.date_naive());
    let in_month = list(CatalogFilter {
        month: Some(month),
        ..all()
    })
    .await;
    assert!(in_month.cards.iter().any(|c| c.core.slug == cafe.core.slug));
    let empty = list(CatalogFilter {
        month: YearMonth::parse("2090-01"),
        ..all()
    })
    .await;
    assert_eq!(empty.total, 0);

    // Filters combine.
    let both = list(CatalogFilter {
        kind: Some(ActivityKind::Cafe),
        region: Some("Limburg".into()),
        ..all()
    })
    .await;
    assert_eq!(both.total, 0);
}

async fn catalog_pages_through_results_soonest_first(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let mut seen = Vec::new();
    let mut page_no = 1;
    loop {
        let filter = CatalogFilter {
            page: page_no,
            per_page: 5,
            ..CatalogFilter::default()
        };
        let page = db
            .list_activities(&filter, Scope::All, now())
            .await
            .unwrap();
        assert_eq!(page.total, 22);
        if page.cards.is_empty() {
            break;
        }
        assert!(page.cards.len() <= 5);
        seen.extend(page.cards);
        page_no += 1;
    }
    assert_eq!(seen.len(), 22, "every activity exactly once over the pages");
    let starts: Vec<_> = seen.iter().map(|c| c.next_start).collect();
    let mut sorted = starts.clone();
    sorted.sort_by_key(|s| (s.is_none(), *s));
    assert_eq!(starts, sorted, "soonest first, undated last");
}

async fn the_full_cafe_has_its_program_speakers_venue_and_hosts(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let cafe = db
        .activity_detail("blik-op-samenlevingsopbouw")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cafe.core.kind, ActivityKind::Cafe);
    assert_eq!(cafe.core.subtitle, "Uitdagingen & keuzes");
    assert_eq!((cafe.core.capacity, cafe.core.confirmed), (Some(60), 60));
    assert_eq!(
        cafe.organisations
            .iter()
            .map(|o| o.slug.as_str())
            .collect::<Vec<_>>(),
        ["movisie", "de-schoor"]
    );

    assert_eq!(cafe.sessions.len(), 1);
    let session = &cafe.sessions[0];
    let local = |t: chrono::DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Europe::Amsterdam)
            .format("%H:%M")
            .to_string()
    };
    assert_eq!(
        (local(session.starts_at), local(session.ends_at)),
        ("13:30".into(), "18:00".into())
    );
    assert!(session.starts_at > now());
    assert_eq!(
        session
            .starts_at
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .format("%A")
            .to_string(),
        "Tuesday"
    );

    let venue = session.venue.as_ref().expect("venue");
    assert_eq!(venue.name, "Buurtcentrum Filmwijk");
    assert_eq!(venue.address, "Walt Disneyplantsoen 76/78");
    assert_eq!(venue.postcode, "1325 SX");
    assert_eq!(venue.city, "Almere");
    assert!(venue.route_car.to_lowercase().contains("parkeren"));
    assert!(venue.route_transit.contains("10"));

    let kinds: Vec<_> = session.program.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.first(), Some(&ProgramItemKind::WalkIn));
    assert_eq!(kinds.last(), Some(&ProgramItemKind::End));
    assert_eq!(session.program.len(), 11);
    let timed: Vec<_> = session
        .program
        .iter()
        .filter_map(|i| i.starts_at.map(|t| (local(t), i.kind)))
        .collect();
    assert_eq!(
        timed,
        [
            ("13:30".into(), ProgramItemKind::WalkIn),
            ("14:00".into(), ProgramItemKind::Opening),
            ("14:10".into(), ProgramItemKind::Talk),
            ("14:40".into(), ProgramItemKind::Talk),
            ("15:10".into(), ProgramItemKind::Break),
            ("15:25".into(), ProgramItemKind::Presentations),
            ("16:00".into(), ProgramItemKind::Break),
            ("16:10".into(), ProgramItemKind::Dialogue),
            ("16:45".into(), ProgramItemKind::PlenaryClose),
            ("17:00".into(), ProgramItemKind::Drinks),
            ("18:00".into(), ProgramItemKind::End),
        ]
    );
    let speakers: Vec<_> = cafe.speakers().iter().map(|p| p.name.clone()).collect();
    assert_eq!(
        speakers,
        ["Mariël van Pelt", "Sanneke Verweij", "Marcel Spierts"]
    );
    assert_eq!(
        db.activity_revision("blik-op-samenlevingsopbouw")
            .await
            .unwrap(),
        Some(cafe.revision)
    );
}

async fn prerequisites_link_both_ways(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let vervolg = db.activity_detail("vervolg-abcd").await.unwrap().unwrap();
    assert_eq!(vervolg.prerequisites.len(), 1);
    assert_eq!(vervolg.prerequisites[0].slug, "kennismaking-abcd");
    let intro = db
        .activity_detail("kennismaking-abcd")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(intro.followed_by[0].slug, "vervolg-abcd");
    assert!(intro.sessions[0].starts_at < vervolg.sessions[0].starts_at);

    let stijging = db
        .activity_detail("sociale-stijging-en-waardecreatie")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stijging.links.len(), 2, "two dossiers");
    assert!(stijging.links.iter().all(|l| l.url.starts_with("https://")));
}

async fn drafts_and_finished_activities_stay_out_of_public_reads(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let stamp = samenleren::time::now();
    let past_start = stamp - Duration::days(30);
    samenleren::on_pool!(&db, |pool| {
        for (slug, status) in [("concept", "draft"), ("voorbij", "published")] {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO activity (slug, kind, title, status, created_at, updated_at) \
                 VALUES ($1, 'cafe', $1, $2, $3, $3) RETURNING id",
            )
            .bind(slug)
            .bind(status)
            .bind(stamp)
            .fetch_one(pool)
            .await
            .unwrap();
            sqlx::query("INSERT INTO session (activity_id, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(past_start)
                .bind(past_start + Duration::hours(3))
                .bind(stamp)
                .execute(pool)
                .await
                .unwrap();
        }
    });
    assert!(db.activity_detail("concept").await.unwrap().is_none());
    assert!(db.activity_revision("concept").await.unwrap().is_none());
    // A finished activity keeps its page but leaves the catalog.
    assert!(db.activity_detail("voorbij").await.unwrap().is_some());
    let page = db
        .list_activities(&all(), Scope::All, samenleren::time::now())
        .await
        .unwrap();
    assert!(
        page.cards
            .iter()
            .all(|c| c.core.slug != "concept" && c.core.slug != "voorbij")
    );
    let feed = db.calendar_sessions(CalendarSelection::All).await.unwrap();
    assert!(feed.iter().all(|s| s.slug != "concept"));
    assert!(
        feed.iter().any(|s| s.slug == "voorbij"),
        "past sessions stay in subscribed calendars"
    );
}

async fn calendar_has_one_event_per_public_session(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let data = samenleren::demo::data().unwrap();
    let expected: usize = data
        .activities
        .iter()
        .map(|a| samenleren::demo::session_times(a, today()).unwrap().len())
        .sum();
    let feed = db.calendar_sessions(CalendarSelection::All).await.unwrap();
    assert_eq!(feed.len(), expected);
    let cafe = db
        .calendar_sessions(CalendarSelection::Activity("blik-op-samenlevingsopbouw"))
        .await
        .unwrap();
    assert_eq!(cafe.len(), 1);
    assert_eq!(
        cafe[0].location.as_deref(),
        Some("Buurtcentrum Filmwijk, Walt Disneyplantsoen 76/78, 1325 SX Almere")
    );
    let atelier = db
        .calendar_sessions(CalendarSelection::Activity(
            "veerkracht-en-onmacht-in-gemeenschappen",
        ))
        .await
        .unwrap();
    assert_eq!(atelier.len(), 6, "every two months, six times");
    let themed = db
        .calendar_sessions(CalendarSelection::Theme("beroepsidentiteit"))
        .await
        .unwrap();
    assert!(!themed.is_empty() && themed.len() < feed.len());
}

async fn scopes_select_an_organisations_and_a_persons_activities(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    let schoor = db.organisation_by_slug("de-schoor").await.unwrap().unwrap();
    let page = db
        .list_activities(&all(), Scope::Organisation(schoor.id), now())
        .await
        .unwrap();
    assert_eq!(
        page.cards
            .iter()
            .map(|c| c.core.slug.as_str())
            .collect::<Vec<_>>(),
        ["blik-op-samenlevingsopbouw"]
    );
    let spierts = db.profile_by_slug("marcel-spierts").await.unwrap().unwrap();
    let page = db
        .list_activities(&all(), Scope::Profile(spierts.id), now())
        .await
        .unwrap();
    assert_eq!(page.total, 1, "speaker at the café");
    let weling = db.profile_by_slug("joost-weling").await.unwrap().unwrap();
    let page = db
        .list_activities(&all(), Scope::Profile(weling.id), now())
        .await
        .unwrap();
    assert_eq!(page.total, 2, "kartrekker of both ateliers");
}

async fn lookups_with_hostile_text_find_nothing(backend: Backend) {
    let Some((_guard, db)) = demo_db(backend).await else {
        return;
    };
    for hostile in [
        "' OR '1'='1",
        "blik-op-samenlevingsopbouw'; DROP TABLE activity; --",
        "<script>",
        "%",
    ] {
        assert!(
            db.activity_detail(hostile).await.unwrap().is_none(),
            "{hostile}"
        );
        assert!(db.theme_by_slug(hostile).await.unwrap().is_none());
        assert!(db.profile_by_slug(hostile).await.unwrap().is_none());
    }
    let filter = CatalogFilter {
        region: Some("x' OR 'a'='a".into()),
        ..all()
    };
    assert_eq!(
        db.list_activities(&filter, Scope::All, now())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        db.list_activities(&all(), Scope::All, now())
            .await
            .unwrap()
            .total,
        22,
        "still all there"
    );
}
