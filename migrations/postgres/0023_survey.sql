-- The theme inventory (inventarisatie): an organisation asks the field which themes
-- it wants to learn about. PostgreSQL twin of migrations/sqlite/0023_survey.sql.

CREATE TABLE survey_round (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        TEXT NOT NULL UNIQUE,
    -- The survey owner: the organisation whose organisers reach it.
    organisation_id  BIGINT NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    why              TEXT NOT NULL,
    audience         TEXT NOT NULL,
    opens_on         DATE NOT NULL,
    closes_on        DATE NOT NULL,
    votes_per_person INTEGER NOT NULL CHECK (votes_per_person BETWEEN 1 AND 10),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    -- The organiser chose to show the results to everyone once closed.
    results_public   BOOLEAN NOT NULL DEFAULT FALSE,
    -- The decision ("besproken met 20 opbouwwerkers op …"), when recorded.
    decision         TEXT NOT NULL DEFAULT '',
    decided_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX survey_round_organisation ON survey_round (organisation_id, created_at);

-- A proposed theme. A reworded proposal keeps the proposer's own words in
-- original_*; a merged one points at the proposal it went into, a declined one has
-- the reason the proposer sees.
CREATE TABLE survey_proposal (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id        BIGINT NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    want            TEXT NOT NULL,
    why_now         TEXT NOT NULL,
    original_title  TEXT,
    original_want   TEXT,
    original_why_now TEXT,
    author_email    TEXT,
    email_key       TEXT,
    account_id      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'merged', 'declined')),
    merged_into     BIGINT REFERENCES survey_proposal (id),
    declined_reason TEXT NOT NULL DEFAULT '',
    chosen          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX survey_proposal_round ON survey_proposal (round_id, id);

-- One voice per verified address per round. The answers are as they were when the
-- person last voted, not as their account says today (consuldemocracy#5531).
CREATE TABLE survey_voter (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id    BIGINT NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    email_key   TEXT NOT NULL,
    account_id  BIGINT REFERENCES account (id) ON DELETE SET NULL,
    role        TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    years       INTEGER,
    band        TEXT NOT NULL DEFAULT '',
    -- One email when an activity made from a theme they chose is published.
    notify      BOOLEAN NOT NULL DEFAULT FALSE,
    lang        TEXT NOT NULL DEFAULT 'nl',
    verified_at TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (round_id, email_key)
);

-- A vote: the primary key makes a voter count once per proposal whatever races.
CREATE TABLE survey_vote (
    voter_id    BIGINT NOT NULL REFERENCES survey_voter (id) ON DELETE CASCADE,
    proposal_id BIGINT NOT NULL REFERENCES survey_proposal (id) ON DELETE CASCADE,
    round_id    BIGINT NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (voter_id, proposal_id)
);
CREATE INDEX survey_vote_proposal ON survey_vote (proposal_id);
CREATE INDEX survey_vote_round ON survey_vote (round_id);

-- A ballot waiting for its emailed link: the token is HMAC(key, public_id), only its
-- hash is kept; used_at makes a replayed link say so.
CREATE TABLE survey_ballot (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id   TEXT NOT NULL UNIQUE,
    round_id    BIGINT NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    email       TEXT NOT NULL,
    email_key   TEXT NOT NULL,
    -- The ticked proposal ids, comma-separated.
    proposals   TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    years       INTEGER,
    notify      BOOLEAN NOT NULL DEFAULT FALSE,
    lang        TEXT NOT NULL DEFAULT 'nl',
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX survey_ballot_round ON survey_ballot (round_id, email_key);

-- An activity made from a chosen theme ("Gekozen in de inventarisatie van …");
-- notified_at: the voters who opted in were emailed, once, when it was published.
CREATE TABLE survey_activity (
    activity_id BIGINT PRIMARY KEY REFERENCES activity (id) ON DELETE CASCADE,
    proposal_id BIGINT NOT NULL REFERENCES survey_proposal (id) ON DELETE CASCADE,
    notified_at TIMESTAMPTZ
);
CREATE INDEX survey_activity_proposal ON survey_activity (proposal_id);
