-- The atelier's home shows the members who joined last: read along this index
-- instead of sorting every member per request.
-- PostgreSQL twin of migrations/sqlite/0018_member_newest.sql.
CREATE INDEX atelier_member_joined ON atelier_member (activity_id, state, joined_at);
