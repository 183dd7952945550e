-- Prerequisites that hold: whether an activity needs all its required modules or any
-- one; who waits for a check before a sign-up becomes a registration; statements of
-- modules followed elsewhere with the organiser's decision; completions an organiser
-- recorded. SQLite twin of migrations/postgres/0020_prerequisites.sql.
--
-- A sign-up that does not (yet) meet the requirements is no registration: it holds no
-- place, so it lives beside the registrations (prerequisite_hold) with what was typed,
-- and becomes a registration through the normal placement once an organiser approves
-- (or records a completion). registration.state stays as it is.

ALTER TABLE activity ADD COLUMN prerequisite_rule TEXT NOT NULL DEFAULT 'all'
    CHECK (prerequisite_rule IN ('all', 'any'));

CREATE TABLE prerequisite_hold (
    id              INTEGER PRIMARY KEY,
    -- Becomes the registration's public id, so the statement link's token is the
    -- manage token of the registration that follows.
    public_id       TEXT NOT NULL UNIQUE,
    activity_id     INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    email_key       TEXT NOT NULL,
    organisation    TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL,
    role_other      TEXT NOT NULL DEFAULT '',
    region          TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
    meeting_uid     TEXT NOT NULL DEFAULT '',
    -- Answers to the activity's questions as JSON [[question id, value], …].
    answers         TEXT NOT NULL DEFAULT '[]',
    -- SHA-256 of the statement link's token.
    token_hash      TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'placed', 'declined')),
    registration_id INTEGER REFERENCES registration (id) ON DELETE SET NULL,
    decided_by      INTEGER REFERENCES account (id) ON DELETE SET NULL,
    decided_at      TEXT,
    message         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    anonymised_at   TEXT
);
CREATE UNIQUE INDEX prerequisite_hold_one_pending
    ON prerequisite_hold (activity_id, meeting_uid, email_key) WHERE state = 'pending';

-- "I followed it elsewhere": for one required module, by one address.
CREATE TABLE prerequisite_statement (
    id                   INTEGER PRIMARY KEY,
    public_id            TEXT NOT NULL UNIQUE,
    -- The activity the person asked to join (whose organiser decides).
    activity_id          INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    hold_id              INTEGER REFERENCES prerequisite_hold (id) ON DELETE SET NULL,
    required_activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    email_key            TEXT NOT NULL,
    provider             TEXT NOT NULL,
    followed_on          TEXT NOT NULL,
    note                 TEXT NOT NULL DEFAULT '',
    state                TEXT NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'approved', 'declined')),
    decided_by           INTEGER REFERENCES account (id) ON DELETE SET NULL,
    decided_at           TEXT,
    message              TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    anonymised_at        TEXT
);
CREATE INDEX prerequisite_statement_met
    ON prerequisite_statement (required_activity_id, email_key) WHERE state = 'approved';
CREATE INDEX prerequisite_statement_activity ON prerequisite_statement (activity_id, state);

-- An organiser recorded that this address completed the activity ("afgerond").
CREATE TABLE prerequisite_completion (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    email_key     TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    anonymised_at TEXT,
    UNIQUE (activity_id, email_key)
);
