-- Calendar events keep their identity. SQLite twin of migrations/postgres/0008_calendar.sql.
--
-- A session's calendar UID came from its row id, which SQLite hands out again after
-- the newest row is deleted: a new session would then update somebody's old, deleted
-- appointment. Each session now carries its own uid (a UUID for new sessions);
-- existing sessions keep the uid they were published with.
ALTER TABLE session ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE session SET uid = 'session-' || id;

-- A removed session stays in the calendar feeds as cancelled, so calendar programs
-- that subscribed take it out instead of keeping a meeting that will not happen.
CREATE TABLE removed_session (
    uid         TEXT PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    title       TEXT NOT NULL DEFAULT '',
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    location    TEXT,
    removed_at  TEXT NOT NULL
);
CREATE INDEX removed_session_activity ON removed_session (activity_id);
