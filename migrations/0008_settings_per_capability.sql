-- Each capability keeps its own per-unit settings: the desk (a service point) its pledge,
-- publication and kiosk link; the queue its policy and its running state; the survey the
-- order its form asks in. Rows move from `desks`, which keeps only the service point.

-- The queue of a unit: its ordering policy and the state calls carry between them. Calls
-- and issues for one unit serialise on this row (a row lock on PostgreSQL).
CREATE TABLE queue_settings (
  unit_id BIGINT PRIMARY KEY REFERENCES units(id),
  policy TEXT NOT NULL DEFAULT 'weighted' CHECK (policy IN ('weighted', 'ratio')),
  priority_weight_s INTEGER NOT NULL DEFAULT 900,
  max_wait_s INTEGER NOT NULL DEFAULT 2700,
  ratio_regular INTEGER NOT NULL DEFAULT 3,
  -- the policy's memory between calls (queue::QueueState)
  regular_calls_banked INTEGER NOT NULL DEFAULT 0,
  -- ticket numbers restart every day
  queue_day TEXT NOT NULL DEFAULT '',
  next_number INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
INSERT INTO queue_settings (unit_id, policy, priority_weight_s, max_wait_s, ratio_regular,
                            regular_calls_banked, queue_day, next_number, updated_at)
  SELECT unit_id, policy, priority_weight_s, max_wait_s, ratio_regular, regular_calls_banked,
         queue_day, next_number, updated_at FROM desks;

CREATE TABLE survey_settings (
  unit_id BIGINT PRIMARY KEY REFERENCES units(id),
  survey_order TEXT NOT NULL DEFAULT 'standard'
    CHECK (survey_order IN ('standard', 'u9_before_u8')),
  updated_at BIGINT NOT NULL
);
INSERT INTO survey_settings (unit_id, survey_order, updated_at)
  SELECT unit_id, survey_order, updated_at FROM desks;

ALTER TABLE desks DROP COLUMN policy;
ALTER TABLE desks DROP COLUMN priority_weight_s;
ALTER TABLE desks DROP COLUMN max_wait_s;
ALTER TABLE desks DROP COLUMN ratio_regular;
ALTER TABLE desks DROP COLUMN regular_calls_banked;
ALTER TABLE desks DROP COLUMN queue_day;
ALTER TABLE desks DROP COLUMN next_number;
ALTER TABLE desks DROP COLUMN survey_order;
