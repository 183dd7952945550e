-- Privacy (AVG): registrations are anonymised some months after their activity ended.
-- PostgreSQL twin of migrations/sqlite/0006_anonymisation.sql.

-- When the person's details were removed; NULL: not yet. What stays (state, role,
-- attendance) is what counts need, and names nobody.
ALTER TABLE registration ADD COLUMN anonymised_at TIMESTAMPTZ;
