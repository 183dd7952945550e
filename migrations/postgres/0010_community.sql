-- Leerateliers, part one: who is a member and how they take part. Meetings, cases,
-- the ledger and the online space follow in their own migrations.
-- PostgreSQL twin of migrations/sqlite/0010_community.sql.

-- An atelier's own settings beside its activity row (no row: the defaults).
CREATE TABLE atelier (
    activity_id  BIGINT PRIMARY KEY REFERENCES activity (id) ON DELETE CASCADE,
    -- TRUE: whoever asks is a member at once; FALSE: the kartrekker decides.
    open_joining BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- A person's membership of one atelier, from asking to leaving. One row per person
-- and atelier: asking again after leaving or being declined reuses it, so the
-- history of decisions stays in the audit log, not in duplicate rows.
CREATE TABLE atelier_member (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Names the membership in back-office addresses.
    public_id        TEXT NOT NULL UNIQUE,
    activity_id      BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    account_id       BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- How they take part: meetings; only the public meetings; only online.
    level            TEXT NOT NULL CHECK (level IN ('meetings', 'public_only', 'online_only')),
    -- What they are besides a member. A kartrekker is access to run the atelier
    -- (activity_facilitator_account), not a role here.
    role             TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'expert', 'contact')),
    state            TEXT NOT NULL
                     CHECK (state IN ('requested', 'invited', 'active', 'declined', 'left')),
    -- "What I bring", in their own words (halen en brengen).
    brings           TEXT NOT NULL DEFAULT '',
    -- Consent to be shown in the member list other members see.
    listed           BOOLEAN NOT NULL DEFAULT FALSE,
    -- The kartrekker's message with the last decision, shown to the person.
    decision_message TEXT NOT NULL DEFAULT '',
    decided_by       BIGINT REFERENCES account (id) ON DELETE SET NULL,
    -- Since when they are an active member; NULL while asking or after a decline.
    joined_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (activity_id, account_id)
);
CREATE INDEX atelier_member_account ON atelier_member (account_id);
CREATE INDEX atelier_member_state ON atelier_member (activity_id, state);

-- An invitation with an activity and this flag set is to join that atelier as a
-- member (without it: to be its kartrekker).
ALTER TABLE invitation ADD COLUMN membership BOOLEAN NOT NULL DEFAULT FALSE;
