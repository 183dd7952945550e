-- The atelier's home: the members who joined last and each meeting's "ja" answers,
-- read along indexes instead of sorting or filtering every row per request.
-- PostgreSQL twin of migrations/sqlite/0018_member_newest.sql.
CREATE INDEX atelier_member_joined ON atelier_member (activity_id, state, joined_at);
-- The home counts each coming meeting's "ja" answers: counted within the index.
CREATE INDEX meeting_rsvp_answer ON meeting_rsvp (session_id, answer);
