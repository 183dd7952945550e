//! The integration tests, as one binary: each module is a feature's tests against
//! the real application (a fresh SQLite file or PostgreSQL database per test). One
//! binary links the library once instead of once per file.

#[macro_use]
mod common;

mod access;
mod accounts;
mod api_contract;
mod api_document;
mod browser;
mod calendars;
mod cases;
mod certificates;
mod cli;
mod community;
mod editor;
mod exports;
mod http;
mod learning;
mod mail;
mod meeting_check_in;
mod meetings;
mod member_api;
mod mentoring;
mod mentoring_programme;
mod mentoring_roles;
mod organiser_api;
mod people;
mod prerequisites;
mod processes;
mod public_meetings;
mod record;
mod record_meetings;
mod record_pages;
mod registration;
mod resources;
mod routes;
mod running;
mod schema;
mod space;
mod statements;
mod storage;
mod survey;
