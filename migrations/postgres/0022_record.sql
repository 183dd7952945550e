-- Mijn leerdossier (issue 16, point 4): a professional's learning record. Each
-- entry is a snapshot: what an attended activity or atelier meeting was worth
-- (date, net minutes, points and category per register, as a JSON array) is
-- written once when it is earned, so a later edit of the program does not change
-- it; `activity_revision` is the activity's revision at that moment, so the page
-- can tell when the program changed afterwards. External entries are typed by the
-- professional, with an evidence link or a file kept in the data directory under
-- the entry's public id. All of it is personal data (download, deletion).
-- PostgreSQL twin of migrations/sqlite/0022_record.sql.

CREATE TABLE record_entry (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Unguessable (128 random bits as hex): names the evidence file.
    public_id         TEXT NOT NULL UNIQUE,
    account_id        BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('activity', 'meeting', 'external')),
    -- What made it: 'registration:12' or 'meeting:34' (a session), once per
    -- account; '' for an external entry.
    source            TEXT NOT NULL DEFAULT '',
    registration_id   BIGINT REFERENCES registration (id) ON DELETE SET NULL,
    activity_id       BIGINT REFERENCES activity (id) ON DELETE SET NULL,
    activity_revision INTEGER,
    title             TEXT NOT NULL,
    provider          TEXT NOT NULL DEFAULT '',
    held_on           DATE NOT NULL,
    net_minutes       INTEGER NOT NULL CHECK (net_minutes BETWEEN 0 AND 60000),
    -- [{register_id, register, category_id, category, id_number, points_halves}]
    credits           TEXT NOT NULL DEFAULT '[]',
    evidence_url      TEXT NOT NULL DEFAULT '',
    -- A file's download name, type (`pdf`, …) and size; '' / 0 without one.
    evidence_name     TEXT NOT NULL DEFAULT '',
    evidence_type     TEXT NOT NULL DEFAULT '',
    evidence_size     BIGINT NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX record_entry_source ON record_entry (account_id, source)
    WHERE source <> '';
CREATE INDEX record_entry_account ON record_entry (account_id, held_on);
CREATE INDEX record_entry_registration ON record_entry (registration_id);
