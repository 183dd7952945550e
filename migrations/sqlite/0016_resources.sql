-- Leerateliers, the online space: resources members share (a link or a file, with a
-- title and themes). A file's bytes live in the data directory under the resource's
-- public id (`<data_dir>/resources/<public_id>`), never under a name someone chose.
-- SQLite twin of migrations/postgres/0016_resources.sql.

CREATE TABLE atelier_resource (
    id          INTEGER PRIMARY KEY,
    -- Names the resource in addresses and its file on disk.
    public_id   TEXT NOT NULL UNIQUE,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    -- Who shared it; NULL once their account is deleted (the resource stays, shown
    -- as shared by a former member).
    account_id  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    title       TEXT NOT NULL,
    -- A link (http or https), or '' for a file.
    url         TEXT NOT NULL DEFAULT '',
    -- A file: its cleaned name for the download, its type as read from the content
    -- (`pdf`, `png`, …) and its size in bytes; '' / 0 for a link.
    file_name   TEXT NOT NULL DEFAULT '',
    file_type   TEXT NOT NULL DEFAULT '',
    file_size   INTEGER NOT NULL DEFAULT 0 CHECK (file_size >= 0),
    created_at  TEXT NOT NULL,
    -- Exactly one of the two.
    CHECK ((url <> '' AND file_type = '') OR (url = '' AND file_type <> '' AND file_name <> ''))
);
CREATE INDEX atelier_resource_activity ON atelier_resource (activity_id, id);
CREATE INDEX atelier_resource_account ON atelier_resource (account_id);

CREATE TABLE resource_theme (
    resource_id INTEGER NOT NULL REFERENCES atelier_resource (id) ON DELETE CASCADE,
    theme_id    INTEGER NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, theme_id)
);
CREATE INDEX resource_theme_theme ON resource_theme (theme_id, resource_id);
