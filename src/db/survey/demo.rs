//! The demo set's theme inventory, after seed 000: Movisie asked community workers
//! early in 2021 which themes they wanted to learn more about, discussed the
//! outcome with a group of 20, and chose three themes for three leercafés — the
//! three demo cafés, each linked back to the round. Loaded inside the demo's
//! transaction, once (a fixed public id; a second load finds it and adds nothing).

/// The demo round's public id, fixed so a second load recognises it.
pub const DEMO_ROUND: &str = "20210111000000000000000000000001";

/// (title, what they want to learn, why now, chosen café slug or merged-into index
/// or decline reason).
pub(crate) enum Fate {
    Chosen(&'static str),
    Open,
    Merged(usize),
    Declined(&'static str),
}

pub(crate) const PROPOSALS: [(&str, &str, &str, Fate); 7] = [
    (
        "Hoe noemen we onszelf?",
        "Over de beroepsidentiteit, profilering en positionering van professionals die werken aan samenlevingsopbouw.",
        "Er komen nieuwe spelers bij: dorpsondersteuners, democratiseringsmedewerkers, procesmanagers.",
        Fate::Chosen("hoe-noemen-we-onszelf"),
    ),
    (
        "De meester-gezel relatie",
        "Hoe pluk je de vruchten van de relatie tussen junior en senior opbouwwerkers, met aandacht voor wat senioren van junioren kunnen leren?",
        "Het aantal vacatures voor opbouwwerkers groeit weer; er komen veel nieuwe collega's.",
        Fate::Chosen("de-meester-gezel-relatie"),
    ),
    (
        "Samenlevingsopbouw én collectiviseren",
        "Collectief werken in de wijk, samen met inwoners en partners, en daarvan de impact laten zien.",
        "Samenwerken gaat soms moeizaam, en financiers vragen om resultaten.",
        Fate::Chosen("samenlevingsopbouw-en-collectiviseren"),
    ),
    (
        "Profilering van het opbouwwerk",
        "Hoe laten we zien wat opbouwwerk is en doet?",
        "Opdrachtgevers kennen ons vak niet meer goed.",
        Fate::Merged(0),
    ),
    (
        "Inwerken van nieuwe opbouwwerkers",
        "Hoe draag je kennis over aan wie net begint?",
        "Veel ervaren collega's gaan met pensioen.",
        Fate::Merged(1),
    ),
    (
        "Werken met woningcorporaties",
        "Samenwerken met een woningcorporatie bij buurtvernieuwing.",
        "Er staan grote renovaties gepland.",
        Fate::Open,
    ),
    (
        "Excel voor opbouwwerkers",
        "Rapportages maken in Excel.",
        "We moeten steeds meer cijfers aanleveren.",
        Fate::Declined(
            "Dit gaat niet over samenlevingsopbouw. We verwijzen naar een cursus bij de eigen werkgever.",
        ),
    ),
];

/// In `$tx`, the demo round with its proposals, 48 fictional voters and their
/// votes, the decision and the links to the three cafés; nothing when it is there.
macro_rules! load_survey_demo {
    ($tx:ident) => {{
        use chrono::TimeZone;
        use $crate::db::survey::demo::{DEMO_ROUND, Fate, PROPOSALS};
        let at = |m: u32, d: u32| chrono::Utc.with_ymd_and_hms(2021, m, d, 10, 0, 0).unwrap();
        let round: Option<i64> = sqlx::query_scalar(
            "INSERT INTO survey_round (public_id, organisation_id, title, why, audience, opens_on, \
             closes_on, votes_per_person, status, results_public, decision, decided_at, created_at, \
             updated_at) SELECT $1, id, $2, $3, $4, $5, $6, 3, 'closed', TRUE, $7, $8, $9, $8 \
             FROM organisation WHERE slug = 'movisie' ON CONFLICT (public_id) DO NOTHING RETURNING id",
        )
        .bind(DEMO_ROUND)
        .bind("Inventarisatie leerwensen samenlevingsopbouw 2021")
        .bind("De aandacht voor samenlevingsopbouw groeit, en er komen nieuwe spelers bij. \
               We willen horen over welke thema's opbouwwerkers meer willen leren.")
        .bind("Opbouwwerkers en andere professionals die werken aan samenlevingsopbouw")
        .bind(chrono::NaiveDate::from_ymd_opt(2021, 1, 11).unwrap())
        .bind(chrono::NaiveDate::from_ymd_opt(2021, 2, 12).unwrap())
        .bind("De opbrengsten zijn besproken met een groep van 20 opbouwwerkers. Dat leidde \
               tot een keuze van drie thema's voor drie losse leercafés.")
        .bind(at(3, 15))
        .bind(at(1, 4))
        .fetch_optional(&mut *$tx)
        .await?;
        if let Some(round) = round {
            let mut ids: Vec<i64> = Vec::new();
            for (n, (title, want, why_now, fate)) in PROPOSALS.iter().enumerate() {
                let (status, merged_into, reason, chosen) = match fate {
                    Fate::Chosen(_) => ("open", None, "", true),
                    Fate::Open => ("open", None, "", false),
                    Fate::Merged(into) => ("merged", Some(ids[*into]), "", false),
                    Fate::Declined(reason) => ("declined", None, *reason, false),
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO survey_proposal (round_id, title, want, why_now, status, merged_into, \
                     declined_reason, chosen, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                )
                .bind(round)
                .bind(title)
                .bind(want)
                .bind(why_now)
                .bind(status)
                .bind(merged_into)
                .bind(reason)
                .bind(chosen)
                .bind(at(1, 12 + n as u32))
                .fetch_one(&mut *$tx)
                .await?;
                ids.push(id);
                if let Fate::Chosen(slug) = fate {
                    sqlx::query(
                        "INSERT INTO survey_activity (activity_id, proposal_id, notified_at) \
                         SELECT id, $2, $3 FROM activity WHERE slug = $1",
                    )
                    .bind(slug)
                    .bind(id)
                    .bind(at(8, 17))
                    .execute(&mut *$tx)
                    .await?;
                }
            }
            let roles = ["opbouwwerker", "opbouwwerker", "opbouwwerker", "sociaalwerker", "coordinator", "beleid"];
            let regions = ["utrecht", "noord-holland", "zuid-holland", "gelderland", "noord-brabant", "groningen", "limburg"];
            for n in 0..48usize {
                let years = (n * 7 % 31) as i32;
                let band = $crate::domain::survey::Band::of(years as u32).as_str();
                let voter: i64 = sqlx::query_scalar(
                    "INSERT INTO survey_voter (round_id, email, email_key, role, region, years, band, \
                     notify, lang, verified_at, created_at, updated_at) \
                     VALUES ($1, $2, $2, $3, $4, $5, $6, FALSE, 'nl', $7, $7, $7) RETURNING id",
                )
                .bind(round)
                .bind(format!("stemmer-{n}@demo.samenleren.invalid"))
                .bind(roles[n % roles.len()])
                .bind(if n % 9 == 8 { "" } else { regions[n % regions.len()] })
                .bind(years)
                .bind(band)
                .bind(at(1 + (n as u32 % 2), 15))
                .fetch_one(&mut *$tx)
                .await?;
                // Everyone chose the meester-gezel theme or the naming one; many both;
                // some the third or the corporations.
                let mut chosen = vec![ids[(n % 2)]];
                if n % 3 != 0 {
                    chosen.push(ids[1 - (n % 2)]);
                }
                if n % 4 == 0 {
                    chosen.push(ids[2]);
                } else if n % 5 == 0 {
                    chosen.push(ids[5]);
                }
                for proposal in chosen {
                    sqlx::query(
                        "INSERT INTO survey_vote (voter_id, proposal_id, round_id, created_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(voter)
                    .bind(proposal)
                    .bind(round)
                    .bind(at(2, 1))
                    .execute(&mut *$tx)
                    .await?;
                }
            }
        }
    }};
}
pub(crate) use load_survey_demo;
