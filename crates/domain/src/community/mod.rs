//! Leerateliers: communities of practice that meet every two months. Who is a member
//! and how they take part (`membership`), when they meet (`series`), cases on a
//! meeting's agenda and their outcomes (`case`), the give-and-take ledger and the
//! hours per month (`ledger`), practice research (`research`), and the
//! online space: threads, replies and who hears of them (`space`).

pub mod case;
pub mod ledger;
pub mod membership;
pub mod research;
pub mod resource;
pub mod series;
pub mod space;
