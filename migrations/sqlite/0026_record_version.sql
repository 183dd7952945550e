-- Mijn leerdossier keeps each account's totals in memory while its record is
-- unchanged (issue 16's speed target). account.record_version is what says
-- "unchanged": the database itself moves it on every insert, update and delete
-- of the account's entries (record_entry) and registration numbers
-- (account_register), so no write path (the record job, mentoring logs, own
-- entries, a future one) can forget to. The session's statement reads it with the
-- account; a page compares it with the version the kept totals were made at.
-- SQLite twin of migrations/postgres/0026_record_version.sql.

ALTER TABLE account ADD COLUMN record_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER record_entry_inserted AFTER INSERT ON record_entry BEGIN
    UPDATE account SET record_version = record_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER record_entry_updated AFTER UPDATE ON record_entry BEGIN
    UPDATE account SET record_version = record_version + 1
    WHERE id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER record_entry_deleted AFTER DELETE ON record_entry BEGIN
    UPDATE account SET record_version = record_version + 1 WHERE id = OLD.account_id;
END;

CREATE TRIGGER account_register_inserted AFTER INSERT ON account_register BEGIN
    UPDATE account SET record_version = record_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER account_register_updated AFTER UPDATE ON account_register BEGIN
    UPDATE account SET record_version = record_version + 1
    WHERE id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER account_register_deleted AFTER DELETE ON account_register BEGIN
    UPDATE account SET record_version = record_version + 1 WHERE id = OLD.account_id;
END;
