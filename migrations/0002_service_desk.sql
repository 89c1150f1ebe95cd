-- Service desk: service standards, the queue and the citizen satisfaction survey.
-- Conventions as in 0001_core.sql; instants in milliseconds (*_ms); days 'YYYY-MM-DD'
-- in western Indonesian time (WIB).

-- A unit that serves the public: its pledge (maklumat) and its queue policy.
CREATE TABLE desks (
  unit_id BIGINT PRIMARY KEY REFERENCES units(id),
  pledge TEXT NOT NULL DEFAULT '',
  published SMALLINT NOT NULL DEFAULT 1,
  policy TEXT NOT NULL DEFAULT 'weighted' CHECK (policy IN ('weighted', 'ratio')),
  priority_weight_s INTEGER NOT NULL DEFAULT 900,
  max_wait_s INTEGER NOT NULL DEFAULT 2700,
  ratio_regular INTEGER NOT NULL DEFAULT 3,
  -- the policy's memory between calls (queue::QueueState)
  regular_calls_banked INTEGER NOT NULL DEFAULT 0,
  -- ticket numbers restart every day
  queue_day TEXT NOT NULL DEFAULT '',
  next_number INTEGER NOT NULL DEFAULT 1,
  -- SHA-256 of the secret in the unit's kiosk link; NULL: no kiosk
  kiosk_key_hash TEXT UNIQUE,
  updated_at BIGINT NOT NULL
);

-- A service and its published standard (PermenPANRB 15/2014, citizen-facing parts).
CREATE TABLE services (
  id ID_PK,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  code KEY_T NOT NULL,
  name TEXT NOT NULL,
  requirements TEXT NOT NULL DEFAULT '',
  procedure_text TEXT NOT NULL DEFAULT '',
  standard_minutes INTEGER NOT NULL CHECK (standard_minutes BETWEEN 1 AND 525600),
  cost TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  complaints TEXT NOT NULL DEFAULT '',
  ticket_prefix TEXT NOT NULL DEFAULT 'A',
  active SMALLINT NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (unit_id, code)
);

CREATE TABLE counters (
  id ID_PK,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  code KEY_T NOT NULL,
  name TEXT NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  UNIQUE (unit_id, code)
);

CREATE TABLE tickets (
  id ID_PK,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  ticket_class TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'triage', 'appointment')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
  issued_at_ms BIGINT NOT NULL,
  eligible_at_ms BIGINT NOT NULL,
  called_at_ms BIGINT,
  started_at_ms BIGINT,
  finished_at_ms BIGINT,
  counter_id BIGINT REFERENCES counters(id),
  officer_asn_id BIGINT REFERENCES asn(id),
  recalls INTEGER NOT NULL DEFAULT 0,
  -- why the policy chose it: {"key": "queue.why...", "args": {...}}
  call_reason TEXT NOT NULL DEFAULT '{}',
  survey_token_hash TEXT NOT NULL UNIQUE,
  UNIQUE (unit_id, day, number)
);
-- The next ticket: the oldest waiting of each kind, today, in one unit.
CREATE INDEX tickets_queue ON tickets(unit_id, day, status, eligible_at_ms, id);
-- What a counter is dealing with.
CREATE INDEX tickets_counter ON tickets(counter_id, status);

-- Every step of a ticket, time-stamped.
CREATE TABLE ticket_events (
  id ID_PK,
  ticket_id BIGINT NOT NULL REFERENCES tickets(id),
  at_ms BIGINT NOT NULL,
  kind TEXT NOT NULL,
  counter_id BIGINT REFERENCES counters(id),
  user_id BIGINT REFERENCES users(id),
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at_ms);

-- Versioned questionnaires; a response keeps the version it was answered on.
CREATE TABLE questionnaires (
  id ID_PK,
  code KEY_T NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (code, version)
);

CREATE TABLE skm_responses (
  id ID_PK,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  officer_asn_id BIGINT REFERENCES asn(id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),
  channel TEXT NOT NULL CHECK (channel IN ('ticket', 'link', 'kiosk', 'paper', 'api')),
  ticket_id BIGINT UNIQUE REFERENCES tickets(id),
  submitted_at_ms BIGINT NOT NULL,
  day TEXT NOT NULL,
  u1 SMALLINT CHECK (u1 BETWEEN 1 AND 4),
  u2 SMALLINT CHECK (u2 BETWEEN 1 AND 4),
  u3 SMALLINT CHECK (u3 BETWEEN 1 AND 4),
  u4 SMALLINT CHECK (u4 BETWEEN 1 AND 4),
  u5 SMALLINT CHECK (u5 BETWEEN 1 AND 4),
  u6 SMALLINT CHECK (u6 BETWEEN 1 AND 4),
  u7 SMALLINT CHECK (u7 BETWEEN 1 AND 4),
  u8 SMALLINT CHECK (u8 BETWEEN 1 AND 4),
  u9 SMALLINT CHECK (u9 BETWEEN 1 AND 4),
  age_band TEXT NOT NULL DEFAULT '',
  sex TEXT NOT NULL DEFAULT '',
  education TEXT NOT NULL DEFAULT '',
  occupation TEXT NOT NULL DEFAULT '',
  suggestion TEXT NOT NULL DEFAULT '',
  entered_by_user_id BIGINT REFERENCES users(id)
);
CREATE INDEX skm_responses_unit_day ON skm_responses(unit_id, day);
CREATE INDEX skm_responses_officer ON skm_responses(officer_asn_id, day);

-- Answer counts kept up to date with every response, so an index never scans the
-- responses. scope 'u': a unit (scope_id), per service and officer (0: none);
-- 'i': an instansi; 'o': an officer (asn id). grain 'd': period is a day, 'm': a month.
CREATE TABLE skm_counts (
  scope TEXT NOT NULL,
  scope_id BIGINT NOT NULL,
  grain TEXT NOT NULL,
  period TEXT NOT NULL,
  service_id BIGINT NOT NULL,
  officer_asn_id BIGINT NOT NULL,
  respondents BIGINT NOT NULL DEFAULT 0,
  u1_1 BIGINT NOT NULL DEFAULT 0,
  u1_2 BIGINT NOT NULL DEFAULT 0,
  u1_3 BIGINT NOT NULL DEFAULT 0,
  u1_4 BIGINT NOT NULL DEFAULT 0,
  u2_1 BIGINT NOT NULL DEFAULT 0,
  u2_2 BIGINT NOT NULL DEFAULT 0,
  u2_3 BIGINT NOT NULL DEFAULT 0,
  u2_4 BIGINT NOT NULL DEFAULT 0,
  u3_1 BIGINT NOT NULL DEFAULT 0,
  u3_2 BIGINT NOT NULL DEFAULT 0,
  u3_3 BIGINT NOT NULL DEFAULT 0,
  u3_4 BIGINT NOT NULL DEFAULT 0,
  u4_1 BIGINT NOT NULL DEFAULT 0,
  u4_2 BIGINT NOT NULL DEFAULT 0,
  u4_3 BIGINT NOT NULL DEFAULT 0,
  u4_4 BIGINT NOT NULL DEFAULT 0,
  u5_1 BIGINT NOT NULL DEFAULT 0,
  u5_2 BIGINT NOT NULL DEFAULT 0,
  u5_3 BIGINT NOT NULL DEFAULT 0,
  u5_4 BIGINT NOT NULL DEFAULT 0,
  u6_1 BIGINT NOT NULL DEFAULT 0,
  u6_2 BIGINT NOT NULL DEFAULT 0,
  u6_3 BIGINT NOT NULL DEFAULT 0,
  u6_4 BIGINT NOT NULL DEFAULT 0,
  u7_1 BIGINT NOT NULL DEFAULT 0,
  u7_2 BIGINT NOT NULL DEFAULT 0,
  u7_3 BIGINT NOT NULL DEFAULT 0,
  u7_4 BIGINT NOT NULL DEFAULT 0,
  u8_1 BIGINT NOT NULL DEFAULT 0,
  u8_2 BIGINT NOT NULL DEFAULT 0,
  u8_3 BIGINT NOT NULL DEFAULT 0,
  u8_4 BIGINT NOT NULL DEFAULT 0,
  u9_1 BIGINT NOT NULL DEFAULT 0,
  u9_2 BIGINT NOT NULL DEFAULT 0,
  u9_3 BIGINT NOT NULL DEFAULT 0,
  u9_4 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, scope_id, grain, period, service_id, officer_asn_id)
);
