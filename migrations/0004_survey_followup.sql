-- The order a unit's SKM form asks the elements in (survey::FormOrder), and the
-- follow-up plan (rencana tindak lanjut) a unit makes from a survey period's results.
ALTER TABLE desks ADD COLUMN survey_order TEXT NOT NULL DEFAULT 'standard'
  CHECK (survey_order IN ('standard', 'u9_before_u8'));

CREATE TABLE skm_followups (
  id ID_PK,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  period_from TEXT NOT NULL,          -- the results it follows up, 'YYYY-MM-DD'
  period_to TEXT NOT NULL,
  element TEXT NOT NULL DEFAULT '',   -- 'U1'..'U9', or '' for the service as a whole
  issue TEXT NOT NULL,
  action TEXT NOT NULL,
  responsible TEXT NOT NULL,          -- who carries it out (a role or a name the unit chooses)
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX skm_followups_unit_period ON skm_followups(unit_id, period_from, period_to);
