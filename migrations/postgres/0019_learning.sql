-- Learning time and the professional registers (issue 16, points 2, 3 and 6).
-- A program item counts as learning time by its kind unless the organiser says
-- otherwise; registers are configuration (name, period, number format, categories
-- with minimum and maximum points), not code; an activity's accreditation per
-- register carries its ID number, category and points (set by hand or computed
-- from the program), whole or per session; an account holds its registration
-- number per register (personal data).
-- Points are stored in half points (`*_halves`): registers round to half points,
-- and an integer keeps both databases exact.
-- PostgreSQL twin of migrations/sqlite/0019_learning.sql.

-- NULL: by the item's kind (inloop, welkom, pauze, borrel and einde do not count).
ALTER TABLE program_item ADD COLUMN counts_for_learning BOOLEAN;

CREATE TABLE register (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    -- Who keeps the register (Registerplein, Stichting Kwaliteitsregister Jeugd).
    keeper        TEXT NOT NULL DEFAULT '',
    period_years  INTEGER NOT NULL CHECK (period_years BETWEEN 1 AND 20),
    -- Registration numbers: digits only, starting with the prefix, `number_digits`
    -- long in all (NULL: any length from the prefix plus one up to 15).
    number_prefix TEXT NOT NULL DEFAULT '',
    number_digits INTEGER CHECK (number_digits BETWEEN 1 AND 20),
    -- TRUE where the format is not published in full: "controleer in het reglement".
    number_to_check BOOLEAN NOT NULL DEFAULT FALSE,
    position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE register_category (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    register_id    BIGINT NOT NULL REFERENCES register (id) ON DELETE CASCADE,
    slug           TEXT NOT NULL,
    name           TEXT NOT NULL,
    -- Whole points over the register's period; NULL where not published.
    minimum_points INTEGER CHECK (minimum_points >= 0),
    maximum_points INTEGER CHECK (maximum_points >= 0),
    -- TRUE where a number was not published: "controleer in het reglement".
    to_check       BOOLEAN NOT NULL DEFAULT FALSE,
    position       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (register_id, slug),
    -- Lets an accreditation name a category of its own register only.
    UNIQUE (register_id, id)
);

-- Registers seeded as configuration. Register Sociaal Werker (Registerplein): five
-- years and three categories; its public page gives no minimums or cap and only the
-- start of the number (4610), so those are marked to check. SKJ: 60 scholing, 50
-- reflectie and 50 vrije ruimte in five years; its number format is not published.
INSERT INTO register (slug, name, keeper, period_years, number_prefix, number_digits,
                      number_to_check, position)
VALUES ('register-sociaal-werker', 'Register Sociaal Werker', 'Registerplein', 5, '4610',
        NULL, TRUE, 1),
       ('skj', 'SKJ', 'Stichting Kwaliteitsregister Jeugd', 5, '', NULL, TRUE, 2);
INSERT INTO register_category (register_id, slug, name, minimum_points, maximum_points,
                               to_check, position)
SELECT r.id, c.slug, c.name, c.minimum_points, c.maximum_points, c.to_check, c.position
FROM register r JOIN (
    SELECT 'register-sociaal-werker' AS register, 'deskundigheidsbevordering' AS slug,
           'Geaccrediteerde deskundigheidsbevordering' AS name,
           CAST(NULL AS INTEGER) AS minimum_points,
           CAST(NULL AS INTEGER) AS maximum_points, TRUE AS to_check, 1 AS position
    UNION ALL SELECT 'register-sociaal-werker', 'reflectie', 'Reflectie', NULL, NULL, TRUE, 2
    UNION ALL SELECT 'register-sociaal-werker', 'overige', 'Overige activiteiten', NULL, NULL,
                     TRUE, 3
    UNION ALL SELECT 'skj', 'scholing', 'Scholing', 60, NULL, FALSE, 1
    UNION ALL SELECT 'skj', 'reflectie', 'Reflectie', 50, NULL, FALSE, 2
    UNION ALL SELECT 'skj', 'vrije-ruimte', 'Vrije ruimte', 50, NULL, FALSE, 3
) c ON c.register = r.slug;

-- An activity's accreditation by one register.
CREATE TABLE accreditation (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id   BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    register_id   BIGINT NOT NULL REFERENCES register (id),
    category_id   BIGINT NOT NULL,
    -- The number professionals enter in their dossier; '' when accredited per
    -- session (each session then has its own).
    id_number     TEXT NOT NULL DEFAULT '',
    -- Set by hand where the register granted a different number; NULL: computed
    -- from the program's net learning time.
    points_halves INTEGER CHECK (points_halves BETWEEN 0 AND 2000),
    per_session   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (activity_id, register_id),
    FOREIGN KEY (register_id, category_id) REFERENCES register_category (register_id, id),
    CHECK (per_session OR id_number <> '')
);
CREATE INDEX accreditation_register ON accreditation (register_id);

-- Per session, when the accreditation is per session.
CREATE TABLE accreditation_session (
    accreditation_id BIGINT NOT NULL REFERENCES accreditation (id) ON DELETE CASCADE,
    session_id       BIGINT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    id_number        TEXT NOT NULL CHECK (id_number <> ''),
    points_halves    INTEGER CHECK (points_halves BETWEEN 0 AND 2000),
    PRIMARY KEY (accreditation_id, session_id)
);
CREATE INDEX accreditation_session_session ON accreditation_session (session_id);

-- A professional's registration number in a register (personal data: in the data
-- download, deleted with the account).
CREATE TABLE account_register (
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    register_id BIGINT NOT NULL REFERENCES register (id),
    number      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, register_id)
);
CREATE INDEX account_register_register ON account_register (register_id);
