//! Learning time and the registers, on SQLite and PostgreSQL: the demo café's net
//! learning time from its program and its accreditation by Register Sociaal
//! Werker; the registers as configured; accreditations added, changed and removed
//! by an organiser (bad input answered at the field, 4xx, nothing stored); a
//! professional's registration numbers checked against the register's format, in
//! their data download and gone with their account; the PE-online list of those
//! checked in, whole and per session, with those without a number named.

use samenleren::domain::learning::{LearningProblem, Points};
use samenleren::on_pool;

use crate::common::{Backend, TestApp, spawn_app};

const CAFE: &str = "blik-op-samenlevingsopbouw";

both_databases!(the_demo_cafe_is_worth_its_net_learning_time_per_register,);

async fn activity_id(app: &TestApp, slug: &str) -> i64 {
    on_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT id FROM activity WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn the_demo_cafe_is_worth_its_net_learning_time_per_register(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Registers are configuration: Register Sociaal Werker with its numbers to
    // check, SKJ with its published minimums.
    let registers = app.db.registers().await.unwrap();
    let names: Vec<&str> = registers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Register Sociaal Werker", "SKJ"]);
    let rsw = &registers[0];
    assert_eq!((rsw.period_years, rsw.number.prefix.as_str()), (5, "4610"));
    assert!(rsw.number.to_check);
    assert!(
        rsw.categories
            .iter()
            .all(|c| c.to_check && c.minimum_points.is_none())
    );
    let skj: Vec<_> = registers[1]
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.minimum_points, c.to_check))
        .collect();
    assert_eq!(
        skj,
        [
            ("scholing", Some(60), false),
            ("reflectie", Some(50), false),
            ("vrije-ruimte", Some(50), false)
        ]
    );

    // The café 13.30–18.00: talks, presentations, dialogue tables and the close
    // count (145 minutes); walk-in, welcome, breaks and drinks do not: 2 points,
    // rounded down to half points.
    let cafe = activity_id(&app, CAFE).await;
    let credit = app.db.activity_credit(cafe).await.unwrap();
    assert_eq!(credit.problem, None);
    assert_eq!(credit.net_minutes, 145);
    assert_eq!(credit.sessions.len(), 1);
    let [accreditation] = credit.accreditations.as_slice() else {
        panic!("one accreditation: {:?}", credit.accreditations);
    };
    assert_eq!(accreditation.register_slug, "register-sociaal-werker");
    assert_eq!(accreditation.category_slug, "deskundigheidsbevordering");
    assert_eq!(accreditation.id_number, "437120");
    assert_eq!(accreditation.points, Points(4));
    assert!(!accreditation.by_hand && !accreditation.per_session);

    // The organiser says the welcome counted after all: 155 minutes, 2.5 points.
    on_pool!(&app.db, |pool| {
        sqlx::query(
            "UPDATE program_item SET counts_for_learning = TRUE WHERE kind = 'opening' \
             AND session_id IN (SELECT id FROM session WHERE activity_id = $1)",
        )
        .bind(cafe)
        .execute(pool)
        .await
        .unwrap();
    });
    let credit = app.db.activity_credit(cafe).await.unwrap();
    assert_eq!(credit.net_minutes, 155);
    assert_eq!(credit.accreditations[0].points, Points(5));

    // An activity without a timed program says so, with 0 points.
    let untimed = activity_id(&app, "de-meester-gezel-relatie").await;
    let credit = app.db.activity_credit(untimed).await.unwrap();
    assert_eq!(credit.problem, Some(LearningProblem::NoProgram));
    assert_eq!(credit.points(), Points(0));
    assert!(credit.accreditations.is_empty());
}
