-- Leerateliers, part three: cases (kwesties) members bring, the agenda of a meeting
-- and what was learned. SQLite twin of migrations/postgres/0012_cases.sql.

CREATE TABLE atelier_case (
    id          INTEGER PRIMARY KEY,
    -- Names the case in addresses.
    public_id   TEXT NOT NULL UNIQUE,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    -- Who brought it; NULL once their account is deleted (the case stays, shown
    -- as brought by a former member).
    account_id  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    title       TEXT NOT NULL,
    -- "Wat speelt er" and "wat wil je leren".
    situation   TEXT NOT NULL,
    question    TEXT NOT NULL,
    state       TEXT NOT NULL
                CHECK (state IN ('submitted', 'scheduled', 'discussed', 'carried_over')),
    -- The meeting it is for: wished by the member (submitted), or on its agenda
    -- (scheduled). NULL: not known yet.
    meeting_id  INTEGER REFERENCES session (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX atelier_case_activity ON atelier_case (activity_id, state);
CREATE INDEX atelier_case_account ON atelier_case (account_id);
CREATE INDEX atelier_case_meeting ON atelier_case (meeting_id);

CREATE TABLE case_theme (
    case_id  INTEGER NOT NULL REFERENCES atelier_case (id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, theme_id)
);

-- A meeting's agenda: timed items, a case, a contribution or something else.
CREATE TABLE agenda_item (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('case', 'contribution', 'other')),
    case_id             INTEGER REFERENCES atelier_case (id) ON DELETE SET NULL,
    title               TEXT NOT NULL,
    starts_at           TEXT NOT NULL,
    ends_at             TEXT NOT NULL,
    -- The expert: a member of the atelier, or a speaker from outside.
    expert_account_id   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    speaker_name        TEXT NOT NULL DEFAULT '',
    speaker_affiliation TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX agenda_item_session ON agenda_item (session_id, starts_at);
CREATE INDEX agenda_item_case ON agenda_item (case_id);
CREATE INDEX agenda_item_expert ON agenda_item (expert_account_id);

-- Bumped by every change of a meeting's agenda: a form carries the version it was
-- made from, so a second kartrekker's change on an older one is told, not lost.
ALTER TABLE session ADD COLUMN agenda_version INTEGER NOT NULL DEFAULT 0;
-- When the agenda was sent to the members (NULL: not yet; members see it once sent).
ALTER TABLE session ADD COLUMN agenda_published_at TEXT;

-- What a meeting made of a case: one row per meeting it was discussed at, so a case
-- carried over keeps its history.
CREATE TABLE case_outcome (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES atelier_case (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES session (id) ON DELETE SET NULL,
    learned     TEXT NOT NULL,
    next_steps  TEXT NOT NULL DEFAULT '',
    -- One "Titel | https://…" a line.
    links       TEXT NOT NULL DEFAULT '',
    -- Shown on the atelier's public page.
    public      BOOLEAN NOT NULL DEFAULT FALSE,
    finished    BOOLEAN NOT NULL,
    recorded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX case_outcome_case ON case_outcome (case_id, created_at);
CREATE INDEX case_outcome_recorded_by ON case_outcome (recorded_by);
