-- The public catalog: who hosts what, when and where.
-- PostgreSQL twin of migrations/sqlite/0001_catalog.sql: same tables, columns and
-- constraints; only the types differ (identity ids, TIMESTAMPTZ).

CREATE TABLE organisation (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    -- kennisinstituut | welzijnsorganisatie | lectoraat | anders: shown on the page,
    -- never branched on, so a CHECK would only get in the way of new kinds.
    kind        TEXT NOT NULL DEFAULT 'anders',
    city        TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE theme (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name_nl        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_nl TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL
);

-- Audience = the roles an activity is meant for ("voor wie").
CREATE TABLE audience (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name_nl    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

-- A public person: speaker, kartrekker (facilitator) or contact person. Registrants
-- and accounts are other tables: a profile is what the public may read about someone.
CREATE TABLE profile (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    bio         TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE venue (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    postcode      TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    route_car     TEXT NOT NULL DEFAULT '',
    route_transit TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE activity (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('cafe', 'atelier', 'module')),
    title              TEXT NOT NULL,
    subtitle           TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    -- Markdown written by organisers; rendered without raw HTML.
    body               TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'published', 'cancelled', 'archived')),
    region             TEXT NOT NULL DEFAULT '',
    -- NULL: the source does not say; 0: free.
    cost_cents         INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
    cost_note          TEXT NOT NULL DEFAULT '',
    time_investment    TEXT NOT NULL DEFAULT '',
    recurrence_note    TEXT NOT NULL DEFAULT '',
    participation_note TEXT NOT NULL DEFAULT '',
    contact_profile_id BIGINT REFERENCES profile (id),
    -- NULL: no limit.
    capacity           INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    -- Places taken, kept in the same transaction as every registration change, so
    -- "places left" is one row read and the capacity check one row lock.
    confirmed_count    INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
    waitlist_enabled   BOOLEAN NOT NULL DEFAULT FALSE,
    registration_open  BOOLEAN NOT NULL DEFAULT FALSE,
    -- Bumped by every change that alters the public page; page caches key on it.
    revision           INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX activity_status_kind ON activity (status, kind);

CREATE TABLE activity_theme (
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    theme_id    BIGINT NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, theme_id)
);
CREATE INDEX activity_theme_theme ON activity_theme (theme_id);

CREATE TABLE activity_audience (
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    audience_id BIGINT NOT NULL REFERENCES audience (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, audience_id)
);
CREATE INDEX activity_audience_audience ON activity_audience (audience_id);

-- Host organisations, in the order the page names them.
CREATE TABLE activity_organisation (
    activity_id     BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, organisation_id)
);
CREATE INDEX activity_organisation_organisation ON activity_organisation (organisation_id);

-- Kartrekkers of an atelier.
CREATE TABLE activity_facilitator (
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    profile_id  BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, profile_id)
);
CREATE INDEX activity_facilitator_profile ON activity_facilitator (profile_id);

-- "Vervolg ABCD" requires "Kennismaking met ABCD".
CREATE TABLE activity_prerequisite (
    activity_id          BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    required_activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, required_activity_id),
    CHECK (activity_id <> required_activity_id)
);

-- Related reading ("zie ook dossiers").
CREATE TABLE activity_link (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    title       TEXT NOT NULL,
    url         TEXT NOT NULL
);
CREATE INDEX activity_link_activity ON activity_link (activity_id);

-- A dated occurrence. A café has one, an atelier a series, a module one or more.
CREATE TABLE session (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    venue_id    BIGINT REFERENCES venue (id),
    title       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX session_activity ON session (activity_id, starts_at);
CREATE INDEX session_starts_at ON session (starts_at);
CREATE INDEX session_venue ON session (venue_id);

CREATE TABLE program_item (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  BIGINT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    -- NULL when the program gives only the order ("globaal programma").
    starts_at   TIMESTAMPTZ,
    kind        TEXT NOT NULL CHECK (kind IN ('walk_in', 'opening', 'talk', 'break',
                'presentations', 'dialogue', 'plenary_close', 'drinks', 'end', 'other')),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX program_item_session ON program_item (session_id, position);

CREATE TABLE program_item_speaker (
    program_item_id BIGINT NOT NULL REFERENCES program_item (id) ON DELETE CASCADE,
    profile_id      BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (program_item_id, profile_id)
);
CREATE INDEX program_item_speaker_profile ON program_item_speaker (profile_id);
