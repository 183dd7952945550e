-- Leerateliers, part six: the online space. Threads (gesprekken) with their posts,
-- who follows which thread, posts marked helpful, and how each member hears of new
-- posts. PostgreSQL twin of migrations/sqlite/0015_space.sql.

CREATE TABLE space_thread (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Names the thread in addresses.
    public_id    TEXT NOT NULL UNIQUE,
    activity_id  BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    -- Who started it; NULL once their account is deleted (shown as a former member).
    account_id   BIGINT REFERENCES account (id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    -- What it is about, if the starter said: a case or a meeting of the atelier.
    case_id      BIGINT REFERENCES atelier_case (id) ON DELETE SET NULL,
    session_id   BIGINT REFERENCES session (id) ON DELETE SET NULL,
    -- Kept with every post, so no page counts a thread's posts.
    post_count   INTEGER NOT NULL DEFAULT 1,
    last_post_at TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
-- The list, newest activity first, paged by (last_post_at, id).
CREATE INDEX space_thread_recent ON space_thread (activity_id, last_post_at, id);
CREATE INDEX space_thread_account ON space_thread (account_id);
CREATE INDEX space_thread_case ON space_thread (case_id);
CREATE INDEX space_thread_session ON space_thread (session_id);

-- A thread's posts: the first is the opening text, the rest are replies.
CREATE TABLE space_post (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id     BIGINT NOT NULL REFERENCES space_thread (id) ON DELETE CASCADE,
    -- The thread's atelier again, for the daily digest's read by time.
    activity_id   BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    account_id    BIGINT REFERENCES account (id) ON DELETE SET NULL,
    -- Markdown; emptied when the post is taken away.
    body          TEXT NOT NULL,
    helpful_count INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    removed_at    TIMESTAMPTZ
);
CREATE INDEX space_post_thread ON space_post (thread_id, id);
CREATE INDEX space_post_recent ON space_post (activity_id, created_at);
CREATE INDEX space_post_account ON space_post (account_id);

CREATE TABLE space_follow (
    thread_id  BIGINT NOT NULL REFERENCES space_thread (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (thread_id, account_id)
);
CREATE INDEX space_follow_account ON space_follow (account_id);

-- "Nuttig": one mark per member per post; the first makes a ledger line for the
-- writer (a post others found helpful is bringing).
CREATE TABLE post_helpful (
    post_id    BIGINT NOT NULL REFERENCES space_post (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, account_id)
);
CREATE INDEX post_helpful_account ON post_helpful (account_id);

-- How a member hears of new posts, and when their last daily digest was made.
ALTER TABLE atelier_member ADD COLUMN space_mail TEXT NOT NULL DEFAULT 'daily'
    CHECK (space_mail IN ('each', 'daily', 'none'));
ALTER TABLE atelier_member ADD COLUMN digest_at TIMESTAMPTZ;
