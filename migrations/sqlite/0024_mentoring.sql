-- Meester-gezel mentoring (issue 17, points 5–9). A programme belongs to an
-- organisation (optionally linked to an activity, such as the café "De meester-gezel
-- relatie") and has coordinators, who reach that programme only. A professional's
-- profile belongs to one programme: what they offer and ask, their limit and
-- availability are said for that programme's people, and only its participants see
-- it. A request is made by one person to another (or proposed by a coordinator, then
-- both agree); accepted, it becomes a pair with its own agreement, meeting log and
-- evaluations. Reverse mentoring is a flag worked out when the pair is made (the
-- mentor has fewer years in the field), never a rule.
-- Each meeting in the log enters both people's learning record (record_entry, kind
-- 'mentoring', source 'mentoring:{meeting id}'), so the kind check grows; SQLite
-- cannot change a check, so record_entry is rebuilt with the same columns and
-- indexes (nothing references it).
-- SQLite twin of migrations/postgres/0024_mentoring.sql.

CREATE TABLE mentoring_programme (
    id              INTEGER PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    activity_id     INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    intro           TEXT NOT NULL DEFAULT '',
    -- Closed: no new profiles or requests; pairs carry on.
    open            BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE mentoring_coordinator (
    programme_id INTEGER NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (programme_id, account_id)
);
CREATE INDEX mentoring_coordinator_account ON mentoring_coordinator (account_id);

CREATE TABLE mentoring_profile (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The name other participants see.
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('mentor', 'mentee', 'both')),
    years        INTEGER NOT NULL CHECK (years BETWEEN 0 AND 60),
    region       TEXT NOT NULL,
    meeting      TEXT NOT NULL CHECK (meeting IN ('in_person', 'online', 'either')),
    offers       TEXT NOT NULL DEFAULT '',
    wants        TEXT NOT NULL DEFAULT '',
    max_pairs    INTEGER NOT NULL CHECK (max_pairs BETWEEN 1 AND 5),
    -- Unticked: resting, nobody can ask them (their pairs carry on).
    open         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (programme_id, account_id)
);
CREATE INDEX mentoring_profile_account ON mentoring_profile (account_id);

CREATE TABLE mentoring_profile_theme (
    profile_id INTEGER NOT NULL REFERENCES mentoring_profile (id) ON DELETE CASCADE,
    theme_id   INTEGER NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, theme_id)
);

CREATE TABLE mentoring_request (
    id               INTEGER PRIMARY KEY,
    public_id        TEXT NOT NULL UNIQUE,
    programme_id     INTEGER NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    asker_account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    asked_account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- 'learn': the asker learns from the asked; 'offer': the asker is the mentor.
    direction        TEXT NOT NULL CHECK (direction IN ('learn', 'offer')),
    theme_id         INTEGER REFERENCES theme (id) ON DELETE SET NULL,
    message          TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'open'
                     CHECK (state IN ('open', 'accepted', 'declined', 'withdrawn')),
    -- A coordinator's proposal: both must agree (the asker's flag starts FALSE).
    proposed_by      INTEGER REFERENCES account (id) ON DELETE SET NULL,
    asker_agreed     BOOLEAN NOT NULL DEFAULT TRUE,
    asked_agreed     BOOLEAN NOT NULL DEFAULT FALSE,
    -- The decline's message, shown to the asker.
    answer           TEXT NOT NULL DEFAULT '',
    expires_at       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    answered_at      TEXT,
    CHECK (asker_account_id <> asked_account_id)
);
CREATE INDEX mentoring_request_asked ON mentoring_request (asked_account_id, state);
CREATE INDEX mentoring_request_asker ON mentoring_request (asker_account_id, state);
CREATE INDEX mentoring_request_programme ON mentoring_request (programme_id, state);

CREATE TABLE mentoring_pair (
    id                INTEGER PRIMARY KEY,
    public_id         TEXT NOT NULL UNIQUE,
    programme_id      INTEGER NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    request_id        INTEGER REFERENCES mentoring_request (id) ON DELETE SET NULL,
    mentor_account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    mentee_account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The mentor had fewer years in the field than the mentee when they paired.
    reverse           BOOLEAN NOT NULL,
    theme_id          INTEGER REFERENCES theme (id) ON DELETE SET NULL,
    goals             TEXT NOT NULL DEFAULT '',
    starts_on         TEXT,
    months            INTEGER CHECK (months BETWEEN 3 AND 12),
    state             TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
    -- The coordinator reads the log only when both say so.
    mentor_shares_log BOOLEAN NOT NULL DEFAULT FALSE,
    mentee_shares_log BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    ended_at          TEXT,
    CHECK (mentor_account_id <> mentee_account_id)
);
CREATE INDEX mentoring_pair_mentor ON mentoring_pair (mentor_account_id, state);
CREATE INDEX mentoring_pair_mentee ON mentoring_pair (mentee_account_id, state);
CREATE INDEX mentoring_pair_programme ON mentoring_pair (programme_id);

CREATE TABLE mentoring_meeting (
    id             INTEGER PRIMARY KEY,
    pair_id        INTEGER NOT NULL REFERENCES mentoring_pair (id) ON DELETE CASCADE,
    written_by     INTEGER REFERENCES account (id) ON DELETE SET NULL,
    held_on        TEXT NOT NULL,
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 480),
    topics         TEXT NOT NULL,
    mentor_learned TEXT NOT NULL,
    mentee_learned TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX mentoring_meeting_pair ON mentoring_meeting (pair_id, held_on);

CREATE TABLE mentoring_evaluation (
    pair_id    INTEGER NOT NULL REFERENCES mentoring_pair (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, account_id)
);

-- record_entry again, with 'mentoring' among the kinds.
CREATE TABLE record_entry_new (
    id                INTEGER PRIMARY KEY,
    public_id         TEXT NOT NULL UNIQUE,
    account_id        INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('activity', 'meeting', 'external', 'mentoring')),
    source            TEXT NOT NULL DEFAULT '',
    registration_id   INTEGER REFERENCES registration (id) ON DELETE SET NULL,
    activity_id       INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    activity_revision INTEGER,
    title             TEXT NOT NULL,
    provider          TEXT NOT NULL DEFAULT '',
    held_on           TEXT NOT NULL,
    net_minutes       INTEGER NOT NULL CHECK (net_minutes BETWEEN 0 AND 60000),
    credits           TEXT NOT NULL DEFAULT '[]',
    evidence_url      TEXT NOT NULL DEFAULT '',
    evidence_name     TEXT NOT NULL DEFAULT '',
    evidence_type     TEXT NOT NULL DEFAULT '',
    evidence_size     INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);
INSERT INTO record_entry_new SELECT id, public_id, account_id, kind, source, registration_id,
    activity_id, activity_revision, title, provider, held_on, net_minutes, credits,
    evidence_url, evidence_name, evidence_type, evidence_size, created_at FROM record_entry;
DROP TABLE record_entry;
ALTER TABLE record_entry_new RENAME TO record_entry;
CREATE UNIQUE INDEX record_entry_source ON record_entry (account_id, source)
    WHERE source <> '';
CREATE INDEX record_entry_account ON record_entry (account_id, held_on);
CREATE INDEX record_entry_registration ON record_entry (registration_id);
