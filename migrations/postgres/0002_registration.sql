-- Registration without an account: people, their answers, the waitlist, and the
-- transactional outbox that carries every email.
-- PostgreSQL twin of migrations/sqlite/0002_registration.sql.

-- NULL opens_at: open as soon as the activity is published. NULL closes_at: closes
-- when the first session starts.
ALTER TABLE activity ADD COLUMN registration_opens_at TIMESTAMPTZ;
ALTER TABLE activity ADD COLUMN registration_closes_at TIMESTAMPTZ;
-- When a place frees up: 'automatic' confirms the first waitlisted person at once,
-- 'offer' offers the place for offer_hours and moves on when the offer expires.
ALTER TABLE activity ADD COLUMN promotion TEXT NOT NULL DEFAULT 'automatic'
    CHECK (promotion IN ('automatic', 'offer'));
ALTER TABLE activity ADD COLUMN offer_hours INTEGER NOT NULL DEFAULT 48 CHECK (offer_hours > 0);
-- People on the waitlist; kept with confirmed_count under the activity's row lock.
ALTER TABLE activity ADD COLUMN waitlist_count INTEGER NOT NULL DEFAULT 0
    CHECK (waitlist_count >= 0);
-- Where "the activity is full" notices go; empty: the contact person's address.
ALTER TABLE activity ADD COLUMN organiser_email TEXT NOT NULL DEFAULT '';

-- The activity's own questions, asked in the registration form.
CREATE TABLE question (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'choice')),
    label       TEXT NOT NULL,
    help        TEXT NOT NULL DEFAULT '',
    required    BOOLEAN NOT NULL DEFAULT FALSE,
    -- Choices, one per line (kind 'choice' only).
    options     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX question_activity ON question (activity_id, position);

CREATE TABLE registration (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Public, unguessable id (UUID v4), used in emails' Message-IDs and the API.
    public_id         TEXT NOT NULL UNIQUE,
    activity_id       BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    -- Lower-cased email: one registration per address and activity.
    email_key         TEXT NOT NULL,
    organisation      TEXT NOT NULL DEFAULT '',
    -- An audience slug, or 'anders' with role_other.
    role              TEXT NOT NULL,
    role_other        TEXT NOT NULL DEFAULT '',
    region            TEXT NOT NULL DEFAULT '',
    lang              TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
    state             TEXT NOT NULL CHECK (state IN ('confirmed', 'waitlisted', 'offered',
                      'cancelled', 'attended', 'no_show')),
    -- 1..n while waitlisted, without gaps; NULL otherwise.
    waitlist_position INTEGER CHECK (waitlist_position IS NULL OR waitlist_position > 0),
    offer_expires_at  TIMESTAMPTZ,
    -- SHA-256 of the manage token; the token itself is never stored.
    token_hash        TEXT NOT NULL UNIQUE,
    -- The form (or Idempotency-Key) this came from: a double-clicked submit is one
    -- registration and one email.
    submission_key    TEXT UNIQUE,
    cancel_reason     TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK ((state = 'waitlisted') = (waitlist_position IS NOT NULL)),
    CHECK ((state = 'offered') = (offer_expires_at IS NOT NULL))
);
CREATE UNIQUE INDEX registration_one_per_email ON registration (activity_id, email_key)
    WHERE state <> 'cancelled';
CREATE INDEX registration_activity_state ON registration (activity_id, state, waitlist_position);
CREATE INDEX registration_offer_expiry ON registration (offer_expires_at)
    WHERE state = 'offered';

CREATE TABLE answer (
    registration_id BIGINT NOT NULL REFERENCES registration (id) ON DELETE CASCADE,
    question_id     BIGINT NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    value           TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
);

-- Emails waiting to be sent, written in the same transaction as the change that
-- causes them. A worker claims due rows for a lease, sends, and marks them sent.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stable Message-ID (and .eml file name): a retry after a crash is the same message.
    message_id      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    registration_id BIGINT REFERENCES registration (id) ON DELETE CASCADE,
    activity_id     BIGINT REFERENCES activity (id) ON DELETE CASCADE,
    session_id      BIGINT REFERENCES session (id) ON DELETE CASCADE,
    recipient       TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'nl',
    -- Facts of the moment the message was caused (e.g. the waitlist position).
    waitlist_position INTEGER,
    -- Guards messages that must exist once (a reminder per registration and session).
    dedupe_key      TEXT UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         TIMESTAMPTZ,
    -- Given up after too many attempts; kept for an operator to look at.
    failed_at       TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_registration ON outbox (registration_id);
