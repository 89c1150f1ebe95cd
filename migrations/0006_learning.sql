-- People development II: learning programmes and classes, certificates, the yearly JP
-- ledger with its per-person totals, self-learning claims with evidence, and Peduli
-- (the social-care programme) with reflections.

-- Per-instansi settings: the minutes a JP is worth, and the social-care credit.
CREATE TABLE learning_settings (
  instansi_id BIGINT PRIMARY KEY REFERENCES instansi(id),
  minutes_per_jp INTEGER NOT NULL,
  peduli_jp_per_hour_e2 INTEGER NOT NULL,
  peduli_max_jp_e2 INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE programmes (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  code KEY_T NOT NULL,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  mode TEXT NOT NULL,
  jp_e2 INTEGER NOT NULL,
  items TEXT NOT NULL DEFAULT '',    -- competency item codes it develops, comma-separated
  organiser TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (instansi_id, code)
);

CREATE TABLE classes (
  id ID_PK,
  programme_id BIGINT NOT NULL REFERENCES programmes(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL,
  self_registration SMALLINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX classes_programme ON classes(programme_id, starts_on);

CREATE TABLE enrolments (
  id ID_PK,
  class_id BIGINT NOT NULL REFERENCES classes(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  status TEXT NOT NULL CHECK (status IN ('requested', 'enrolled', 'rejected', 'withdrawn', 'completed', 'not_completed')),
  requested_by BIGINT REFERENCES users(id),
  decided_by BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT '',
  score SMALLINT,
  passed SMALLINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (class_id, asn_id)
);
CREATE INDEX enrolments_asn ON enrolments(asn_id, class_id);

-- A development-plan action fulfilled by enrolling: completion marks it done.
ALTER TABLE development_actions ADD COLUMN enrolment_id BIGINT REFERENCES enrolments(id);

CREATE TABLE attendance (
  class_id BIGINT NOT NULL REFERENCES classes(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  day TEXT NOT NULL,
  present SMALLINT NOT NULL,
  recorded_by BIGINT REFERENCES users(id),
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (class_id, asn_id, day)
);

-- Certificates: the code is random and is what the QR on the PDF points to.
CREATE TABLE certificates (
  code KEY_T PRIMARY KEY,
  enrolment_id BIGINT NOT NULL UNIQUE REFERENCES enrolments(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  programme_title TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  jp_e2 INTEGER NOT NULL,
  issued_at BIGINT NOT NULL,
  revoked SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX certificates_asn ON certificates(asn_id);

-- The JP ledger: one row a piece of learning, counted in the year it was completed.
CREATE TABLE learning_records (
  id ID_PK,
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  year SMALLINT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('class', 'claim', 'peduli', 'lms')),
  source_ref KEY_T NOT NULL UNIQUE,  -- makes completions and imports idempotent
  verb TEXT NOT NULL,
  title TEXT NOT NULL,
  activity_type TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  jp_e2 INTEGER NOT NULL,
  score SMALLINT,
  passed SMALLINT,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX learning_records_asn ON learning_records(asn_id, year, completed_on);

-- Each person's JP for a year, kept in the transaction that changes the ledger. Unit,
-- instansi and whether the person is active are the person's (triggers follow a move
-- or a departure), so the compliance view of an instansi reads this index alone.
CREATE TABLE jp_totals (
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  year SMALLINT NOT NULL,
  instansi_id BIGINT NOT NULL,
  unit_id BIGINT,
  active SMALLINT NOT NULL,
  jp_e2 BIGINT NOT NULL,
  records INTEGER NOT NULL,
  PRIMARY KEY (asn_id, year)
);
CREATE INDEX jp_totals_scope ON jp_totals(instansi_id, year, active, unit_id, jp_e2);

-- Headcounts for compliance: active people of an instansi by unit, from the index alone.
CREATE INDEX asn_instansi_active_unit ON asn(instansi_id, active, unit_id);

CREATE TABLE learning_claims (
  id ID_PK,
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  completed_on TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected')),
  decided_by BIGINT REFERENCES users(id),
  decision_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX learning_claims_asn ON learning_claims(asn_id, id);
CREATE INDEX learning_claims_status ON learning_claims(status, id);

-- Evidence files, kept in the database (backed up with it, read only through the
-- application's checks) and never served from a public path. Base64 text: one way to
-- pass binary values that both backends take as a plain parameter.
CREATE TABLE learning_evidence (
  claim_id BIGINT PRIMARY KEY REFERENCES learning_claims(id),
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL
);

CREATE TABLE peduli_activities (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  title TEXT NOT NULL,
  target_group TEXT NOT NULL,
  region_code KEY_T REFERENCES regions(code),
  place TEXT NOT NULL DEFAULT '',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  partner TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL,
  coordinator_asn_id BIGINT NOT NULL REFERENCES asn(id),
  beneficiaries INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX peduli_activities_instansi ON peduli_activities(instansi_id, starts_on);

CREATE TABLE peduli_participants (
  activity_id BIGINT NOT NULL REFERENCES peduli_activities(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  attendance TEXT NOT NULL CHECK (attendance IN ('signed_up', 'attended', 'absent', 'cancelled')),
  minutes INTEGER NOT NULL DEFAULT 0,
  confirmed_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (activity_id, asn_id)
);
CREATE INDEX peduli_participants_asn ON peduli_participants(asn_id, activity_id);

CREATE TABLE peduli_reflections (
  id ID_PK,
  activity_id BIGINT NOT NULL REFERENCES peduli_activities(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  seen TEXT NOT NULL DEFAULT '',
  felt TEXT NOT NULL DEFAULT '',
  change_plan TEXT NOT NULL DEFAULT '',
  sharing TEXT NOT NULL DEFAULT 'private' CHECK (sharing IN ('private', 'mentor', 'superior')),
  mentor_asn_id BIGINT REFERENCES asn(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (activity_id, asn_id)
);
