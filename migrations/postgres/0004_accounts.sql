-- Accounts, sign-in, roles and the organiser's back office.
-- PostgreSQL twin of migrations/sqlite/0004_accounts.sql.

-- A person who signs in. Guests need none: a registration stands on its own, and is
-- linked to the account whose verified address it was made with.
CREATE TABLE account (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Public, unguessable id (UUID v4): in the data download and the audit log.
    public_id         TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL,
    -- Lower-cased email: one account per address.
    email_key         TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL DEFAULT '',
    lang              TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
    -- Optional (argon2id, PHC string); without one, sign-in is by emailed link only.
    password_hash     TEXT,
    is_admin          BOOLEAN NOT NULL DEFAULT FALSE,
    -- Set when a sign-in link or invitation sent to the address was used.
    email_verified_at TIMESTAMPTZ,
    -- Wrong passwords in a row; at the limit, password sign-in waits until locked_until.
    failed_logins     INTEGER NOT NULL DEFAULT 0,
    locked_until      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is here, so
-- any app server can serve any request and signing out is one delete.
CREATE TABLE auth_session (
    token_hash   TEXT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX auth_session_account ON auth_session (account_id);

-- A one-time sign-in link. The token is HMAC(key, public_id), derived again by the
-- mail worker; only its hash is stored. account_id NULL: the address has no account
-- yet, and using the link creates it.
CREATE TABLE sign_in_link (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id  TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    account_id BIGINT REFERENCES account (id) ON DELETE CASCADE,
    -- Where to go after signing in (a local path).
    next_path  TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX sign_in_link_email ON sign_in_link (email_key, created_at);

-- Organisers of an organisation.
CREATE TABLE organisation_member (
    organisation_id BIGINT NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role            TEXT NOT NULL DEFAULT 'organiser' CHECK (role IN ('organiser')),
    invited_by      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, account_id)
);
CREATE INDEX organisation_member_account ON organisation_member (account_id);

-- An invitation to become an organiser; the token works like a sign-in link's.
CREATE TABLE invitation (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    token_hash      TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    email_key       TEXT NOT NULL,
    invited_by      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    accepted_at     TIMESTAMPTZ
);
CREATE INDEX invitation_organisation ON invitation (organisation_id, created_at);

-- Facilitators of an atelier who hold an account (the public kartrekker is a profile).
CREATE TABLE activity_facilitator_account (
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (activity_id, account_id)
);
CREATE INDEX activity_facilitator_account_account ON activity_facilitator_account (account_id);

-- A personal token for the organiser API; only its hash is kept, shown once.
CREATE TABLE api_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id    TEXT NOT NULL UNIQUE,
    account_id   BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_account ON api_token (account_id);

-- Who changed what, when: every change to activities and registrations, readable by
-- the organisation's organisers. Names and addresses of registrants stay out of
-- `detail`, so anonymising a registration leaves nothing personal here.
CREATE TABLE audit_event (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT REFERENCES organisation (id) ON DELETE CASCADE,
    activity_id     BIGINT REFERENCES activity (id) ON DELETE SET NULL,
    registration_id BIGINT REFERENCES registration (id) ON DELETE SET NULL,
    -- NULL: the system (a job) or a person without an account (a guest's manage link).
    account_id      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    action          TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_event_organisation ON audit_event (organisation_id, created_at);
CREATE INDEX audit_event_activity ON audit_event (activity_id, created_at);

-- The registrations of a verified address belong to its account.
ALTER TABLE registration ADD COLUMN account_id BIGINT REFERENCES account (id) ON DELETE SET NULL;
CREATE INDEX registration_account ON registration (account_id);
CREATE INDEX registration_email_key ON registration (email_key);

-- Months after an activity ends that its registrations are anonymised (AVG).
ALTER TABLE organisation ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 12
    CHECK (retention_months > 0);

-- The back office addresses activities by this, not by the guessable slug or id.
ALTER TABLE activity ADD COLUMN public_id TEXT;
UPDATE activity SET public_id = replace(gen_random_uuid()::text, '-', '') WHERE public_id IS NULL;
CREATE UNIQUE INDEX activity_public_id ON activity (public_id);

-- Extra facts of a message that are not columns (an organiser's text, the changes
-- an update lists, the id a sign-in link is derived from), as JSON.
ALTER TABLE outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '';
