//! Domain rules: plain data and functions, no I/O. Storage and web code translate to
//! and from these types.

pub mod access;
pub mod account;
pub mod activity;
pub mod catalog;
pub mod certificate;
pub mod community;
pub mod editor;
pub mod input;
pub mod learning;
pub mod mail;
pub mod mentoring;
pub mod prerequisite;
pub mod registration;
pub mod slug;
pub mod statement;
pub mod survey;
