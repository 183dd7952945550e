-- Check-in at the door: who was there, at which session.
-- PostgreSQL twin of migrations/sqlite/0005_check_in.sql.

-- One row per person present at a session. The first check-in also moves the
-- registration to 'attended'; removing the last one moves it back to 'confirmed'.
CREATE TABLE attendance (
    registration_id BIGINT NOT NULL REFERENCES registration (id) ON DELETE CASCADE,
    session_id      BIGINT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    checked_in_at   TIMESTAMPTZ NOT NULL,
    -- The organiser who checked the person in.
    checked_in_by   BIGINT REFERENCES account (id) ON DELETE SET NULL,
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX attendance_session ON attendance (session_id);
