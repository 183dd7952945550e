-- Leerateliers, part five: practice research of students and lecturer-researchers,
-- linked to the atelier's cases and themes. PostgreSQL twin of migrations/sqlite/0014_research.sql.

CREATE TABLE research_project (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id   TEXT NOT NULL UNIQUE,
    activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    question    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('idea', 'running', 'finished')),
    -- Shown on the atelier's public page.
    public      BOOLEAN NOT NULL DEFAULT FALSE,
    -- Outputs: one "Titel | https://…" a line (reports, tools, links).
    outputs     TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX research_project_activity ON research_project (activity_id, updated_at);

-- The researchers as the kartrekker names them (like a program's speakers: public
-- names with a role, not accounts).
CREATE TABLE research_researcher (
    project_id BIGINT NOT NULL REFERENCES research_project (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('student', 'lecturer', 'lector')),
    PRIMARY KEY (project_id, position)
);

CREATE TABLE research_case (
    project_id BIGINT NOT NULL REFERENCES research_project (id) ON DELETE CASCADE,
    case_id    BIGINT NOT NULL REFERENCES atelier_case (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, case_id)
);
CREATE INDEX research_case_case ON research_case (case_id);

CREATE TABLE research_theme (
    project_id BIGINT NOT NULL REFERENCES research_project (id) ON DELETE CASCADE,
    theme_id   BIGINT NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, theme_id)
);
CREATE INDEX research_theme_theme ON research_theme (theme_id);
