-- Leerateliers, part two: meetings. An atelier meets in a series (an RFC 5545 RRULE
-- in Dutch wall-clock time); a job makes the next meetings ahead of time as
-- sessions of the atelier, each then editable on its own. Members answer per
-- meeting. SQLite twin of migrations/postgres/0011_meetings.sql.

CREATE TABLE atelier_series (
    activity_id INTEGER PRIMARY KEY REFERENCES activity (id) ON DELETE CASCADE,
    -- FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU[;UNTIL=…Z] (domain::community::series).
    rrule       TEXT NOT NULL,
    -- The first meeting's date, a day of the rule (the rule's DTSTART).
    first_date  TEXT NOT NULL,
    -- Dutch wall-clock times, HH:MM.
    start_time  TEXT NOT NULL,
    end_time    TEXT NOT NULL,
    venue_id    INTEGER REFERENCES venue (id) ON DELETE SET NULL,
    -- Where to join online (empty: not online).
    online_url  TEXT NOT NULL DEFAULT '',
    -- New meetings are public (open to non-members) or for members only.
    public      BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at  TEXT NOT NULL
);

-- The series date a meeting was made for (NULL: added by hand). Kept when the
-- meeting is moved, so the series never makes it again.
ALTER TABLE session ADD COLUMN series_date TEXT;
CREATE UNIQUE INDEX session_series_date ON session (activity_id, series_date);
-- A removed (cancelled) meeting keeps its series date too, for the same reason.
ALTER TABLE removed_session ADD COLUMN series_date TEXT;
-- An atelier meeting for members only; every other session is public.
ALTER TABLE session ADD COLUMN members_only BOOLEAN NOT NULL DEFAULT FALSE;
-- Where to join an atelier meeting online (empty: not online).
ALTER TABLE session ADD COLUMN online_url TEXT NOT NULL DEFAULT '';

-- A member invited to a meeting, and their answer. Who is invited follows their
-- level (domain::community::membership::Level::invited_to).
CREATE TABLE meeting_rsvp (
    session_id  INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- NULL: invited, no answer yet.
    answer      TEXT CHECK (answer IN ('yes', 'no', 'maybe')),
    invited_at  TEXT NOT NULL,
    -- When the reminder to answer went out (once).
    reminded_at TEXT,
    answered_at TEXT,
    PRIMARY KEY (session_id, account_id)
);
CREATE INDEX meeting_rsvp_account ON meeting_rsvp (account_id);
