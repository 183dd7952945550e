-- Access per resource: an organiser can invite someone to be the kartrekker of one
-- activity. The kartrekker runs that activity in the back office without being an
-- organiser of its host. SQLite twin of migrations/postgres/0007_access.sql.

-- An invitation for one activity (NULL: to organise for the organisation). The
-- organisation is the host the inviting organiser acted for.
ALTER TABLE invitation ADD COLUMN activity_id INTEGER REFERENCES activity (id) ON DELETE CASCADE;

-- Who gave a kartrekker their access (NULL when that account is gone).
ALTER TABLE activity_facilitator_account ADD COLUMN granted_by INTEGER REFERENCES account (id) ON DELETE SET NULL;
