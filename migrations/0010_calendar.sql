-- The working-day calendar: national holidays and collective leave days (cuti bersama),
-- kept by system administrators. Weekends are not stored: they are never working days.
CREATE TABLE holidays (
  day KEY_T PRIMARY KEY,  -- 'YYYY-MM-DD'
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('national', 'collective_leave')),
  updated_at BIGINT NOT NULL
);
