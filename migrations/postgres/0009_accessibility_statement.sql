-- The accessibility statement in the model of the Dutch government, edited by a
-- platform admin: one row for the whole site (no row yet: the pages show the
-- built-in default). PostgreSQL twin of migrations/sqlite/0009_accessibility_statement.sql.
CREATE TABLE accessibility_statement (
    -- Always 1: there is one statement per installation.
    id             BIGINT PRIMARY KEY CHECK (id = 1),
    -- The model's compliance status: A fully … E no insight.
    status         TEXT NOT NULL CHECK (status IN ('A', 'B', 'C', 'D', 'E')),
    -- The date the statement was made.
    statement_date DATE NOT NULL,
    -- How the site was examined, in the admin's words.
    method         TEXT NOT NULL,
    -- Known problems, one a line: "what | dd-mm-yyyy" (the date it will be fixed).
    known_issues   TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
