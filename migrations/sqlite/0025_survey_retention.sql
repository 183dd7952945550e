-- The theme inventory's retention (issue 17): a round's voters and ballots hold
-- addresses and what people said about themselves. Once a round closed longer ago
-- than its organisation keeps personal data (organisation.retention_months, the
-- same term as for registrations), the `anonymise_survey_voters` job takes the
-- addresses away and keeps what the results count (role, region, experience band),
-- so the figures stay exactly the same. anonymised_at says it happened: the job
-- passes the round by, and no vote counts in it again (a new vote under a known
-- address would otherwise find no voter row and count twice).
-- SQLite twin of migrations/postgres/0025_survey_retention.sql.

ALTER TABLE survey_round ADD COLUMN anonymised_at TEXT;
