-- Places at one session, where it has fewer than the activity (a smaller room at
-- one meeting of a series). A registration covers every session of its activity,
-- so the activity's places are the smallest of these and its own capacity.
ALTER TABLE session ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0);
