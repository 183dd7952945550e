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
-- 'mentoring', source 'mentoring:{meeting id}'), so the kind check grows; PostgreSQL
-- replaces the check.
-- PostgreSQL twin of migrations/sqlite/0024_mentoring.sql.

CREATE TABLE mentoring_programme (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    activity_id     BIGINT REFERENCES activity (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    intro           TEXT NOT NULL DEFAULT '',
    -- Closed: no new profiles or requests; pairs carry on.
    open            BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE mentoring_coordinator (
    programme_id BIGINT NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (programme_id, account_id)
);
CREATE INDEX mentoring_coordinator_account ON mentoring_coordinator (account_id);

CREATE TABLE mentoring_profile (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
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
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (programme_id, account_id)
);
CREATE INDEX mentoring_profile_account ON mentoring_profile (account_id);

CREATE TABLE mentoring_profile_theme (
    profile_id BIGINT NOT NULL REFERENCES mentoring_profile (id) ON DELETE CASCADE,
    theme_id   BIGINT NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, theme_id)
);

CREATE TABLE mentoring_request (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        TEXT NOT NULL UNIQUE,
    programme_id     BIGINT NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    asker_account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    asked_account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- 'learn': the asker learns from the asked; 'offer': the asker is the mentor.
    direction        TEXT NOT NULL CHECK (direction IN ('learn', 'offer')),
    theme_id         BIGINT REFERENCES theme (id) ON DELETE SET NULL,
    message          TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'open'
                     CHECK (state IN ('open', 'accepted', 'declined', 'withdrawn')),
    -- A coordinator's proposal: both must agree (the asker's flag starts FALSE).
    proposed_by      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    asker_agreed     BOOLEAN NOT NULL DEFAULT TRUE,
    asked_agreed     BOOLEAN NOT NULL DEFAULT FALSE,
    -- The decline's message, shown to the asker.
    answer           TEXT NOT NULL DEFAULT '',
    expires_at       TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    answered_at      TIMESTAMPTZ,
    CHECK (asker_account_id <> asked_account_id)
);
CREATE INDEX mentoring_request_asked ON mentoring_request (asked_account_id, state);
CREATE INDEX mentoring_request_asker ON mentoring_request (asker_account_id, state);
CREATE INDEX mentoring_request_programme ON mentoring_request (programme_id, state);

CREATE TABLE mentoring_pair (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id         TEXT NOT NULL UNIQUE,
    programme_id      BIGINT NOT NULL REFERENCES mentoring_programme (id) ON DELETE CASCADE,
    request_id        BIGINT REFERENCES mentoring_request (id) ON DELETE SET NULL,
    mentor_account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    mentee_account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The mentor had fewer years in the field than the mentee when they paired.
    reverse           BOOLEAN NOT NULL,
    theme_id          BIGINT REFERENCES theme (id) ON DELETE SET NULL,
    goals             TEXT NOT NULL DEFAULT '',
    starts_on         DATE,
    months            INTEGER CHECK (months BETWEEN 3 AND 12),
    state             TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
    -- The coordinator reads the log only when both say so.
    mentor_shares_log BOOLEAN NOT NULL DEFAULT FALSE,
    mentee_shares_log BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    CHECK (mentor_account_id <> mentee_account_id)
);
CREATE INDEX mentoring_pair_mentor ON mentoring_pair (mentor_account_id, state);
CREATE INDEX mentoring_pair_mentee ON mentoring_pair (mentee_account_id, state);
CREATE INDEX mentoring_pair_programme ON mentoring_pair (programme_id);

CREATE TABLE mentoring_meeting (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pair_id        BIGINT NOT NULL REFERENCES mentoring_pair (id) ON DELETE CASCADE,
    written_by     BIGINT REFERENCES account (id) ON DELETE SET NULL,
    held_on        DATE NOT NULL,
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 480),
    topics         TEXT NOT NULL,
    mentor_learned TEXT NOT NULL,
    mentee_learned TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX mentoring_meeting_pair ON mentoring_meeting (pair_id, held_on);

CREATE TABLE mentoring_evaluation (
    pair_id    BIGINT NOT NULL REFERENCES mentoring_pair (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pair_id, account_id)
);

-- 'mentoring' among the kinds of a learning record's entry.
ALTER TABLE record_entry DROP CONSTRAINT record_entry_kind_check;
ALTER TABLE record_entry ADD CONSTRAINT record_entry_kind_check
    CHECK (kind IN ('activity', 'meeting', 'external', 'mentoring'));
