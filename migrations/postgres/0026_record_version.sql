-- Mijn leerdossier keeps each account's totals in memory while its record is
-- unchanged (issue 16's speed target). account.record_version is what says
-- "unchanged": the database itself moves it on every insert, update and delete
-- of the account's entries (record_entry) and registration numbers
-- (account_register), so no write path (the record job, mentoring logs, own
-- entries, a future one) can forget to. The session's statement reads it with the
-- account; a page compares it with the version the kept totals were made at.
-- PostgreSQL twin of migrations/sqlite/0026_record_version.sql.

ALTER TABLE account ADD COLUMN record_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION record_version_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE account SET record_version = record_version + 1 WHERE id = OLD.account_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.account_id <> OLD.account_id) THEN
        UPDATE account SET record_version = record_version + 1 WHERE id = NEW.account_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER record_entry_moved AFTER INSERT OR UPDATE OR DELETE ON record_entry
    FOR EACH ROW EXECUTE FUNCTION record_version_moved();
CREATE TRIGGER account_register_moved AFTER INSERT OR UPDATE OR DELETE ON account_register
    FOR EACH ROW EXECUTE FUNCTION record_version_moved();
