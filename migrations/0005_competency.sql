-- People development I: competency and values catalogues of an instansi, 360-degree
-- campaigns, their rater assignments and answers, computed results, development plans.

-- An instansi's own behavioural indicators (the built-in catalogue ships in the binary).
CREATE TABLE competency_items (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  code KEY_T NOT NULL,               -- 'X.HRM-KERJA-1'
  value_code TEXT NOT NULL,          -- the BerAKHLAK value it belongs to, '' for none
  text_id TEXT NOT NULL,
  text_en TEXT NOT NULL,
  low_id TEXT NOT NULL,
  low_en TEXT NOT NULL,
  high_id TEXT NOT NULL,
  high_en TEXT NOT NULL,
  learning TEXT NOT NULL,            -- learning kind codes, comma-separated
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (instansi_id, code)
);

CREATE TABLE campaigns (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  values_version TEXT NOT NULL,
  settings TEXT NOT NULL,            -- JSON: groups, weights, group size, rules, item codes
  instrument TEXT NOT NULL,          -- JSON: the items as worded when the campaign was made
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  opened_at BIGINT,
  closed_at BIGINT,
  results_at BIGINT                  -- when the results of a closed campaign were computed
);
CREATE INDEX campaigns_instansi ON campaigns(instansi_id, id);

-- Units whose subtrees a campaign assesses; none: the whole instansi.
CREATE TABLE campaign_units (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (campaign_id, unit_id)
);

-- Who rates whom. Kept after submission (progress, audit) but never joined to answers:
-- rating_responses carry no rater.
CREATE TABLE rater_assignments (
  id ID_PK,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  ratee_asn_id BIGINT NOT NULL REFERENCES asn(id),
  rater_asn_id BIGINT NOT NULL REFERENCES asn(id),
  rater_group TEXT NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'subordinate')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'submitted', 'removed')),
  source TEXT NOT NULL CHECK (source IN ('auto', 'hr')),
  reason TEXT NOT NULL DEFAULT '',   -- why HR added or removed it
  changed_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (campaign_id, ratee_asn_id, rater_asn_id)
);
CREATE INDEX rater_assignments_rater ON rater_assignments(rater_asn_id, campaign_id);
CREATE INDEX rater_assignments_campaign ON rater_assignments(campaign_id, status, ratee_asn_id);

-- A rater's unsent answers: theirs alone, deleted when the form is sent.
CREATE TABLE rating_drafts (
  assignment_id BIGINT PRIMARY KEY REFERENCES rater_assignments(id),
  answers TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Sent forms, without the rater: the id is random (SQLite then keeps rows in id order,
-- not in the order they came) and there is no timestamp to match against assignments.
CREATE TABLE rating_responses (
  id ID_PK,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  ratee_asn_id BIGINT NOT NULL REFERENCES asn(id),
  rater_group TEXT NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'subordinate')),
  answers TEXT NOT NULL              -- JSON: scores, examples, comment
);
CREATE INDEX rating_responses_ratee ON rating_responses(campaign_id, ratee_asn_id);

-- Results computed when a campaign closes: one per assessed person.
CREATE TABLE competency_results (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  unit_id BIGINT REFERENCES units(id),
  level SMALLINT,                    -- demonstrated Perekat Bangsa level; NULL: not assessed
  required_level SMALLINT NOT NULL,
  result TEXT NOT NULL,              -- JSON of competency::PersonResult
  PRIMARY KEY (campaign_id, asn_id)
);
CREATE INDEX competency_results_unit ON competency_results(campaign_id, unit_id);
CREATE INDEX competency_results_asn ON competency_results(asn_id, campaign_id);

-- What each unit's people add up to (competency::HeatAggregate), stored at close;
-- the heat map hides small groups when it is read. code: a rollup group ('HA'), or
-- 'band.0'..'band.3' (people per Perekat Bangsa band: total = 0), or 'people'.
CREATE TABLE competency_heat (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  code TEXT NOT NULL,
  people INTEGER NOT NULL,
  total DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (campaign_id, unit_id, code)
);

-- Development plans: one per person and campaign (or none), with actions.
CREATE TABLE development_plans (
  id ID_PK,
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  campaign_id BIGINT REFERENCES campaigns(id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'proposed', 'agreed')),
  agreed_by BIGINT REFERENCES users(id),
  agreed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX development_plans_asn ON development_plans(asn_id, id);

CREATE TABLE development_actions (
  id ID_PK,
  plan_id BIGINT NOT NULL REFERENCES development_plans(id),
  item_code TEXT NOT NULL DEFAULT '',
  learning_kind TEXT NOT NULL,
  title TEXT NOT NULL,
  target_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX development_actions_plan ON development_actions(plan_id, id);
