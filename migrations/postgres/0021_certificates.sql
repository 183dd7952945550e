-- Certificates of attendance (bewijs van deelname): one per registration, with the
-- values it shows frozen at issue, so a later change of the program, the title or
-- the accreditation leaves an issued certificate as it was.
-- PostgreSQL twin of migrations/sqlite/0021_certificates.sql.

CREATE TABLE certificate (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Unguessable (128 random bits as hex): the last part of /certificaat/{public_id}
    -- and of the Open Badges assertion's address.
    public_id       TEXT NOT NULL UNIQUE,
    -- Once per registration: the job and the organiser's button never issue twice.
    registration_id BIGINT NOT NULL UNIQUE REFERENCES registration (id) ON DELETE CASCADE,
    activity_id     BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    lang            TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
    -- Frozen at issue. The name is '' once anonymised.
    name            TEXT NOT NULL,
    activity_title  TEXT NOT NULL,
    -- The days the activity met, ISO dates separated by commas.
    dates           TEXT NOT NULL,
    net_minutes     INTEGER NOT NULL CHECK (net_minutes >= 0),
    -- Per register, a JSON array of {register, id_number, category, points_tenths}.
    registers       TEXT NOT NULL DEFAULT '[]',
    organiser       TEXT NOT NULL,
    signatory       TEXT NOT NULL,
    -- The Open Badges recipient: 'sha256$' || hex(sha256(email || salt)); '' once
    -- anonymised.
    badge_identity  TEXT NOT NULL DEFAULT '',
    badge_salt      TEXT NOT NULL DEFAULT '',
    -- NULL: issued by the job after attendance.
    issued_by       BIGINT REFERENCES account (id) ON DELETE SET NULL,
    issued_at       TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoke_reason   TEXT NOT NULL DEFAULT '',
    revoked_by      BIGINT REFERENCES account (id) ON DELETE SET NULL,
    -- Set when the registration was anonymised or the account deleted: the
    -- certificate stays, verification says "niet meer op naam".
    anonymised_at   TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK ((revoked_at IS NULL) = (revoke_reason = ''))
);
CREATE INDEX certificate_activity ON certificate (activity_id, id);
