-- Guards against ballot stuffing on the public survey link and the survey kiosk.
-- No address is stored: only a salted hash that changes every day.
CREATE TABLE skm_guard (
  guard_key TEXT NOT NULL,        -- SHA-256 of (secret salt, day, source); see survey_guard
  unit_id BIGINT NOT NULL REFERENCES units(id),
  day TEXT NOT NULL,
  responses INTEGER NOT NULL DEFAULT 0,
  last_at_ms BIGINT NOT NULL,
  last_answers TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (guard_key, unit_id, day)
);
CREATE INDEX skm_guard_day ON skm_guard(day);

-- A per-installation secret for those hashes, made on first use.
CREATE TABLE settings (
  name KEY_T PRIMARY KEY,
  value TEXT NOT NULL
);
