//! The application over HTTP: pages, API, calendars, operations and bad input. Each
//! test starts the real server with demo data on a fresh database, on SQLite and on
//! PostgreSQL.

use crate::common::{Backend, TestApp, spawn_app};
use reqwest::header;

both_databases!(
    home_shows_what_is_coming_by_kind,
    the_full_cafe_page_shows_program_venue_route_and_vol,
    catalog_lists_every_demo_activity_over_its_pages,
    catalog_filters_and_notes_ignored_values,
    theme_organisation_and_person_pages_list_their_activities,
    unknown_pages_get_the_dutch_404,
    hostile_input_in_every_parameter_is_harmless,
    over_long_urls_are_refused_with_4xx,
    api_lists_and_describes_activities,
    api_rejects_invalid_filters_with_problem_details,
    calendars_have_one_event_per_session_in_amsterdam_time,
    english_is_chosen_by_the_switch_and_remembered,
    activity_pages_are_cached_until_their_revision_changes,
    responses_carry_security_and_cache_headers,
    health_and_metrics_answer,
    metrics_need_their_token_and_https_gets_hsts,
    database_failures_show_the_dutch_500_page,
    finished_activities_are_served_from_the_cache_too,
);

async fn app(backend: Backend) -> Option<TestApp> {
    spawn_app(backend).await
}

/// `n` occurrences of `needle` in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

async fn home_shows_what_is_coming_by_kind(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"nl\">"));
    assert_eq!(count(&html, "<h1"), 1);
    for heading in ["Leercafés", "Leerateliers", "Keuzemodules"] {
        assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("Bekijk alle 4 leercafés"));
    assert!(html.contains("Bekijk alle 16 keuzemodules"));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert!(html.contains("<main id=\"main\""));
}

async fn the_full_cafe_page_shows_program_venue_route_and_vol(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let (status, html) = app
        .get_text("/activiteiten/blik-op-samenlevingsopbouw")
        .await;
    assert_eq!(status, 200);
    assert_eq!(count(&html, "<h1"), 1);
    for text in [
        "Blik op samenlevingsopbouw",
        "Uitdagingen &#38; keuzes",
        "Deze leerbijeenkomst zit vol. Aanmelden is helaas niet meer mogelijk.",
        ">Vol<",
        "13.30–18.00 uur",
        "Inloop",
        "Opening en welkom door De Schoor",
        "Marcel Spierts",
        "Mariël van Pelt",
        "Sanneke Verweij",
        "Dialoogtafels",
        "Plenaire afsluiting",
        "Borrel",
        "Einde",
        "Buurtcentrum Filmwijk",
        "Walt Disneyplantsoen 76/78",
        "1325 SX",
        "Almere",
        "Met de auto",
        "Met het openbaar vervoer",
        "Movisie",
        "De Schoor",
        "Kwartiermaker",
        "/activiteiten/blik-op-samenlevingsopbouw/agenda.ics",
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
    let program = &html[html.find("id=\"programma\"").unwrap()..];
    let order: Vec<_> = ["13.30", "14.00", "17.00", "18.00"]
        .iter()
        .map(|t| {
            program
                .find(&format!(">{t}<"))
                .unwrap_or_else(|| panic!("{t}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "program in time order"
    );

    // schema.org Event with the venue's address.
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let event = &json["@graph"][0];
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["location"]["address"]["postalCode"], "1325 SX");
    assert!(
        event["startDate"]
            .as_str()
            .unwrap()
            .contains("T13:30:00+01:00")
    );
    assert_eq!(event["organizer"].as_array().unwrap().len(), 2);
}

async fn catalog_lists_every_demo_activity_over_its_pages(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let data = samenleren::demo::data().unwrap();
    let mut found = std::collections::HashSet::new();
    let (status, first) = app.get_text("/activiteiten").await;
    assert_eq!(status, 200);
    assert!(first.contains("22 activiteiten gevonden"));
    for page in 1..=2 {
        let (_, html) = app.get_text(&format!("/activiteiten?pagina={page}")).await;
        for activity in &data.activities {
            if html.contains(&format!("href=\"/activiteiten/{}\"", activity.slug)) {
                found.insert(activity.slug.clone());
            }
        }
    }
    assert_eq!(
        found.len(),
        22,
        "all demo activities reachable from the catalog"
    );
    assert!(first.contains("aria-label=\"Pagina 2\""));
}

async fn catalog_filters_and_notes_ignored_values(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let (_, html) = app.get_text("/activiteiten?soort=leeratelier").await;
    assert!(html.contains("2 activiteiten gevonden"));
    assert!(html.contains("veerkracht-en-onmacht-in-gemeenschappen"));
    assert!(html.contains("<option value=\"leeratelier\" selected>"));

    let (_, html) = app
        .get_text("/activiteiten?regio=Limburg&soort=leeratelier")
        .await;
    assert!(html.contains("2 activiteiten gevonden"));

    let (status, html) = app
        .get_text("/activiteiten?soort=kroeg&maand=2026-13&thema=bestaat-niet")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("De soort “kroeg” kennen we niet."));
    assert!(html.contains("“2026-13” is geen maand."));
    assert!(html.contains("Het thema “bestaat-niet” kennen we niet."));
    assert!(
        html.contains("22 activiteiten gevonden"),
        "ignored filters do not narrow"
    );
}

async fn theme_organisation_and_person_pages_list_their_activities(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let (status, html) = app.get_text("/themas").await;
    assert_eq!(status, 200);
    assert!(html.contains("/themas/beroepsidentiteit"));
    let (status, html) = app.get_text("/themas/beroepsidentiteit").await;
    assert_eq!(status, 200);
    assert!(html.contains("/activiteiten/blik-op-samenlevingsopbouw"));
    assert!(html.contains("/agenda.ics?thema=beroepsidentiteit"));

    let (status, html) = app.get_text("/organisaties/de-schoor").await;
    assert_eq!(status, 200);
    assert!(html.contains("/activiteiten/blik-op-samenlevingsopbouw"));
    let (status, html) = app.get_text("/organisaties").await;
    assert_eq!(status, 200);
    assert!(html.contains("/organisaties/movisie"));

    let (status, html) = app.get_text("/mensen/joost-weling").await;
    assert_eq!(status, 200);
    assert!(html.contains("/activiteiten/leeratelier-samenlevingsopbouw"));
    assert!(html.contains("/activiteiten/veerkracht-en-onmacht-in-gemeenschappen"));

    let (status, html) = app.get_text("/toegankelijkheid").await;
    assert_eq!(status, 200);
    assert!(html.contains("WCAG 2.2"));
}

async fn unknown_pages_get_the_dutch_404(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    for path in [
        "/activiteiten/bestaat-niet",
        "/activiteiten/%3Cscript%3E",
        "/activiteiten/Blik-Op",
        "/themas/geen-thema",
        "/mensen/niemand",
        "/organisaties/x%00y",
        "/nergens",
        "/activiteiten/bestaat-niet/agenda.ics",
    ] {
        let (status, html) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Deze pagina bestaat niet"), "{path}: {html}");
        assert!(html.contains("<html lang=\"nl\">"));
    }
    let response = app
        .client
        .post(app.url("/activiteiten"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert!(response.text().await.unwrap().contains("Dit kan niet"));
}

async fn hostile_input_in_every_parameter_is_harmless(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' OR '1'='1",
        "1; DROP TABLE activity; --",
        "%00",
        "\u{0}",
        "é€😀",
        "../../etc/passwd",
    ];
    let page_params = [
        "soort",
        "thema",
        "doelgroep",
        "regio",
        "maand",
        "pagina",
        "lang",
    ];
    let api_params = [
        "kind", "theme", "audience", "region", "month", "page", "per_page",
    ];
    for payload in payloads {
        let encoded: String = url_encode(payload);
        for param in page_params {
            let (status, html) = app
                .get_text(&format!("/activiteiten?{param}={encoded}"))
                .await;
            assert_eq!(status, 200, "{param}={payload:?}");
            assert!(
                !html.contains("<script>alert"),
                "{param}={payload:?} reflected raw"
            );
            assert!(
                !html.contains("<img src=x"),
                "{param}={payload:?} reflected raw"
            );
        }
        for param in api_params {
            let response = app
                .get(&format!("/api/v1/activities?{param}={encoded}"))
                .await;
            let status = response.status().as_u16();
            assert!(
                status == 400 || status == 200,
                "{param}={payload:?}: {status}"
            );
            if status == 400 {
                assert_eq!(
                    response.headers()[header::CONTENT_TYPE],
                    "application/problem+json"
                );
            }
        }
        for path in [
            "/activiteiten/",
            "/api/v1/activities/",
            "/themas/",
            "/mensen/",
            "/organisaties/",
        ] {
            let status = app.get(&format!("{path}{encoded}")).await.status().as_u16();
            assert!((400..500).contains(&status), "{path}{payload:?}: {status}");
        }
        let status = app
            .get(&format!("/agenda.ics?thema={encoded}"))
            .await
            .status()
            .as_u16();
        assert_eq!(status, 404, "{payload:?}");
    }
    // Still intact.
    let (_, html) = app.get_text("/activiteiten").await;
    assert!(html.contains("22 activiteiten gevonden"));
}

fn url_encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn over_long_urls_are_refused_with_4xx(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let long = "a".repeat(5000);
    for path in [
        format!("/activiteiten?thema={long}"),
        format!("/activiteiten/{long}"),
        format!("/api/v1/activities?kind={long}"),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status().as_u16(), 414, "{}", &path[..30]);
    }
    let (_, html) = app.get_text(&format!("/activiteiten?thema={long}")).await;
    assert!(html.contains("Het adres is te lang"));
}

async fn api_lists_and_describes_activities(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let list: serde_json::Value = app
        .get("/api/v1/activities?kind=cafe")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 4);
    assert_eq!(list["items"].as_array().unwrap().len(), 4);
    let full = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "blik-op-samenlevingsopbouw")
        .unwrap();
    assert_eq!(full["availability"]["state"], "full");

    let all: serde_json::Value = app
        .get("/api/v1/activities?per_page=5&page=5")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            all["total"].as_i64(),
            all["items"].as_array().unwrap().len()
        ),
        (Some(22), 2)
    );

    let response = app
        .get("/api/v1/activities/blik-op-samenlevingsopbouw")
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let cafe: serde_json::Value = response.json().await.unwrap();
    assert_eq!(cafe["sessions"][0]["venue"]["postcode"], "1325 SX");
    assert_eq!(cafe["sessions"][0]["program"].as_array().unwrap().len(), 11);
    assert_eq!(cafe["capacity"], 60);
    assert_eq!(cafe["places_taken"], 60);

    let vervolg: serde_json::Value = app
        .get("/api/v1/activities/vervolg-abcd")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(vervolg["prerequisites"][0]["slug"], "kennismaking-abcd");

    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/activities"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/activities/{slug}"]["get"].is_object());
}

async fn api_rejects_invalid_filters_with_problem_details(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let response = app
        .get("/api/v1/activities?kind=kroeg&month=13-2026&theme=onbekend")
        .await;
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 400);
    let names: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["kind", "month", "theme"]);

    let response = app.get("/api/v1/activities/bestaat-niet").await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let response = app.get("/api/v1/nergens").await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
}

async fn calendars_have_one_event_per_session_in_amsterdam_time(backend: Backend) {
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};
    let Some(app) = app(backend).await else {
        return;
    };
    let response = app.get("/agenda.ics").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    let calendar: Calendar = text.parse().expect("parses as iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let data = samenleren::demo::data().unwrap();
    let today = samenleren::time::today();
    let sessions: usize = data
        .activities
        .iter()
        .map(|a| samenleren::demo::session_times(a, today).unwrap().len())
        .sum();
    assert_eq!(events.len(), sessions);
    let uids: std::collections::HashSet<_> = events
        .iter()
        .map(|e| e.get_uid().unwrap().to_owned())
        .collect();
    assert_eq!(uids.len(), events.len(), "unique UIDs");
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam"));
    assert_eq!(count(&text, "DTSTART;TZID=Europe/Amsterdam:"), sessions);

    let text = app
        .get("/activiteiten/blik-op-samenlevingsopbouw/agenda.ics")
        .await
        .text()
        .await
        .unwrap();
    let unfolded = text.replace("\r\n ", "");
    let calendar: Calendar = text.parse().unwrap();
    let event = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .unwrap();
    assert!(
        event
            .get_location()
            .is_some_and(|l| l.contains("1325 SX Almere"))
    );
    assert!(unfolded.contains(
        "LOCATION:Buurtcentrum Filmwijk\\, Walt Disneyplantsoen 76/78\\, 1325 SX Almere"
    ));
    assert!(text.contains("T133000\r\n"));

    let themed = app.get("/agenda.ics?thema=beroepsidentiteit").await;
    assert_eq!(themed.status().as_u16(), 200);
    let themed_text = themed.text().await.unwrap();
    assert!(count(&themed_text, "BEGIN:VEVENT") < sessions);
    assert_eq!(
        app.get("/agenda.ics?thema=bestaat-niet")
            .await
            .status()
            .as_u16(),
        404
    );
}

async fn english_is_chosen_by_the_switch_and_remembered(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let response = app
        .get("/activiteiten/blik-op-samenlevingsopbouw?lang=en")
        .await;
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("lang=en;"));
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("This meeting is full."));
    assert!(html.contains(">Programme</h2>"));
    assert!(html.contains("13:30–18:00"));
    // Organiser-written content stays Dutch and says so (WCAG 3.1.2).
    assert!(
        html.contains(
            "<h1 class=\"utrecht-heading-1\" lang=\"nl\">Blik op samenlevingsopbouw</h1>"
        )
    );
    assert!(html.contains("<div lang=\"nl\"><p class=\"utrecht-paragraph\">"));

    let html = app
        .client
        .get(app.url("/activiteiten"))
        .header(header::COOKIE, "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("22 activities found"));
    assert!(
        html.contains("href=\"/activiteiten?lang=nl\""),
        "switch back to Dutch"
    );
}

async fn activity_pages_are_cached_until_their_revision_changes(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let path = "/activiteiten/blik-op-samenlevingsopbouw";
    let first = app.get(path).await;
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    let not_modified = app
        .client
        .get(app.url(path))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status().as_u16(), 304);

    // A change that does not bump the revision is not seen (the page is cached) ...
    samenleren::on_pool!(&app.db, |pool| {
        sqlx::query(
            "UPDATE activity SET title = 'Nieuwe titel' WHERE slug = 'blik-op-samenlevingsopbouw'",
        )
        .execute(pool)
        .await
        .unwrap();
    });
    let (_, html) = app.get_text(path).await;
    assert!(!html.contains("Nieuwe titel"));
    // ... and a revision bump shows it on the next request.
    samenleren::on_pool!(&app.db, |pool| {
        sqlx::query(
            "UPDATE activity SET revision = revision + 1 WHERE slug = 'blik-op-samenlevingsopbouw'",
        )
        .execute(pool)
        .await
        .unwrap();
    });
    let response = app.get(path).await;
    assert_ne!(response.headers()[header::ETAG].to_str().unwrap(), etag);
    assert!(response.text().await.unwrap().contains("Nieuwe titel"));

    // Unpublishing hides it.
    samenleren::on_pool!(&app.db, |pool| {
        sqlx::query(
            "UPDATE activity SET status = 'draft' WHERE slug = 'blik-op-samenlevingsopbouw'",
        )
        .execute(pool)
        .await
        .unwrap();
    });
    assert_eq!(app.get(path).await.status().as_u16(), 404);
}

async fn responses_carry_security_and_cache_headers(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let response = app.get("/").await;
    let headers = response.headers();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(headers.contains_key(header::REFERRER_POLICY));
    assert!(headers.contains_key("x-request-id"));
    let html = response.text().await.unwrap();

    // Stylesheets have fingerprinted URLs cached for a year, gzipped on request.
    let start = html.find("href=\"/static/css/app.css?v=").unwrap() + "href=\"".len();
    let href = &html[start..start + html[start..].find('"').unwrap()];
    let css = app
        .client
        .get(app.url(href))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(css.status().as_u16(), 200);
    assert_eq!(
        css.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(css.headers()[header::CONTENT_ENCODING], "gzip");
    assert_eq!(
        css.headers()[header::CONTENT_TYPE],
        "text/css; charset=utf-8"
    );
    assert_eq!(
        app.get("/static/bestaat/niet.css").await.status().as_u16(),
        404
    );

    let page = app
        .client
        .get(app.url("/activiteiten/blik-op-samenlevingsopbouw"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(page.headers()[header::CONTENT_ENCODING], "gzip");
    let catalog = app
        .client
        .get(app.url("/activiteiten"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(catalog.headers()[header::CONTENT_ENCODING], "gzip");
}

async fn health_and_metrics_answer(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let (status, body) = app.get_text("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let _ = app.get("/activiteiten").await;
    let response = app.metrics().await;
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    assert!(
        text.contains("http_requests_total{method=\"GET\",route=\"/activiteiten\",status=\"200\"}"),
        "{text}"
    );
    assert!(text.contains("http_request_duration_seconds_bucket"));
    assert!(text.contains("samenleren_outbox_pending"), "{text}");
    assert!(text.contains("samenleren_outbox_failed"));
}

/// `/metrics` is for the operator: closed without a configured token, 401 without
/// the right one. Every answer forbids camera, microphone and location; HSTS only
/// where the site is served over https.
async fn metrics_need_their_token_and_https_gets_hsts(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let headers = app.get("/").await.headers().clone();
    let policy = headers["permissions-policy"].to_str().unwrap();
    assert!(policy.contains("camera=()") && policy.contains("geolocation=()"));
    assert!(
        !headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
        "no HSTS over plain http"
    );
    let anonymous = app.get("/metrics").await;
    assert_eq!(anonymous.status().as_u16(), 401);
    assert!(
        anonymous.headers()[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("test-metrics-tokeN")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    assert!(!wrong.text().await.unwrap().contains("http_requests_total"));
    assert_eq!(app.metrics().await.status().as_u16(), 200);

    let Some(closed) = crate::common::spawn_app_configured(backend, false, |settings| {
        settings.metrics_token = None;
        settings.base_url = "https://samenleren.example.nl".into();
    })
    .await
    else {
        return;
    };
    assert_eq!(
        closed.metrics().await.status().as_u16(),
        404,
        "closed without a token"
    );
    let page = closed.get("/").await;
    assert_eq!(
        page.headers()[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
}

async fn database_failures_show_the_dutch_500_page(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    app.db.close().await;
    let (status, html) = app.get_text("/activiteiten").await;
    assert_eq!(status, 500);
    assert!(html.contains("Er ging iets mis"), "{html}");
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(
        !html.contains("PoolClosed") && !html.contains("sqlx"),
        "no internals shown"
    );
    let response = app.get("/api/v1/activities").await;
    assert_eq!(response.status().as_u16(), 500);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    assert_eq!(app.get("/healthz").await.status().as_u16(), 503);
}

async fn finished_activities_are_served_from_the_cache_too(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let stamp = samenleren::time::now();
    let start = stamp - chrono::Duration::days(10);
    samenleren::on_pool!(&app.db, |pool| {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO activity (slug, kind, title, status, created_at, updated_at) \
             VALUES ('voorbij', 'cafe', 'Oude titel', 'published', $1, $1) RETURNING id",
        )
        .bind(stamp)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO session (activity_id, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(start)
            .bind(start + chrono::Duration::hours(3))
            .bind(stamp)
            .execute(pool)
            .await
            .unwrap();
    });
    let (status, html) = app.get_text("/activiteiten/voorbij").await;
    assert_eq!(status, 200);
    assert!(html.contains("Afgelopen") && html.contains("Oude titel"));
    // Without a revision bump the stored rendering is what is served: an activity
    // that is over must not be re-rendered on every request.
    samenleren::on_pool!(&app.db, |pool| {
        sqlx::query("UPDATE activity SET title = 'Nieuwe titel' WHERE slug = 'voorbij'")
            .execute(pool)
            .await
            .unwrap();
    });
    let (_, html) = app.get_text("/activiteiten/voorbij").await;
    assert!(html.contains("Oude titel"), "served from the cache");
}
