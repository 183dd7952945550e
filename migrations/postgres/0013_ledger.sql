-- Leerateliers, part four: give and take (halen en brengen). Attending a meeting is
-- the taking side; a case brought, an expert contribution and what members share
-- are the bringing side. PostgreSQL twin of migrations/sqlite/0013_ledger.sql.

-- Who was at a meeting (members; registrations keep using `attendance`).
CREATE TABLE meeting_attendance (
    session_id  BIGINT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    recorded_by BIGINT REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, account_id)
);
CREATE INDEX meeting_attendance_account ON meeting_attendance (account_id);

CREATE TABLE ledger_entry (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The Dutch calendar day it happened.
    entry_date  DATE NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('attended', 'case', 'expert', 'presentation',
                    'resource', 'research', 'hosting', 'helpful_post')),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0),
    note        TEXT NOT NULL DEFAULT '',
    -- What made it, when the platform did (`session:12`, `case:5`, `agenda:7`): one
    -- entry per source, so recording twice counts once. Empty: entered by hand.
    source      TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_entry_member ON ledger_entry (activity_id, account_id, entry_date);
CREATE INDEX ledger_entry_account ON ledger_entry (account_id);
CREATE INDEX ledger_entry_recorded_by ON ledger_entry (recorded_by);
CREATE UNIQUE INDEX ledger_entry_source ON ledger_entry (account_id, source) WHERE source <> '';

-- The atelier's expected time per member ("2 uur per maand"; NULL: not said) and
-- the give-and-take signal: fewer than `contributions` per `per_meetings`
-- meetings attended is a reason for a conversation.
ALTER TABLE atelier ADD COLUMN expected_minutes INTEGER;
ALTER TABLE atelier ADD COLUMN signal_contributions INTEGER NOT NULL DEFAULT 1;
ALTER TABLE atelier ADD COLUMN signal_meetings INTEGER NOT NULL DEFAULT 3;
