-- Leerateliers: a public meeting through the ordinary registration. A registration
-- for an atelier is for one of its public meetings, named by the meeting's calendar
-- UID (never handed out again, so a meeting taken away cannot pass its registrations
-- on to a later one; no foreign key, since the UID outlives the session row). Empty
-- for every other activity, where a registration covers all sessions. One address
-- registers once per meeting. SQLite twin of migrations/postgres/0017_meeting_registration.sql.

ALTER TABLE registration ADD COLUMN meeting_uid TEXT NOT NULL DEFAULT '';
DROP INDEX registration_one_per_email;
CREATE UNIQUE INDEX registration_one_per_email ON registration (activity_id, meeting_uid, email_key)
    WHERE state <> 'cancelled';
