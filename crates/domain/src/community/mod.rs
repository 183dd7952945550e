//! Leerateliers: communities of practice that meet every two months. Who is a member
//! and how they take part (`membership`), cases on a meeting's agenda and their
//! outcomes (`case`), the give-and-take ledger and the hours per month (`ledger`);
//! later the meetings of a series and the online space each get a file here.

pub mod case;
pub mod ledger;
pub mod membership;
