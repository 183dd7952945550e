//! Email: each outbox row is composed by its family's composer ([`compose`]) into a
//! message ([`message`]: plain text and HTML in the reader's language, a calendar file
//! and a QR code where they help) and handed to SMTP or to `.eml` files
//! ([`transport`]) by the [`worker`].

pub mod compose;
pub mod message;
pub mod qr;
pub mod transport;
pub mod worker;

pub use transport::Transport;
