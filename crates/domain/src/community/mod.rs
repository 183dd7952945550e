//! Leerateliers: communities of practice that meet every two months. Who is a member
//! and how they take part (`membership`); later the meetings of a series, cases on
//! the agenda, the give-and-take ledger and the online space each get a file here.

pub mod membership;
