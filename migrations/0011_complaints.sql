-- Complaints, aspirations and requests for information from citizens (SP4N-LAPOR!'s
-- flow), and election-neutrality reports about ASN.

-- An instansi's rules (working days unless named otherwise) and its coordinator, who is
-- told when a deadline passes.
CREATE TABLE complaint_settings (
  instansi_id BIGINT PRIMARY KEY REFERENCES instansi(id),
  time_zone TEXT NOT NULL DEFAULT 'WIB' CHECK (time_zone IN ('WIB', 'WITA', 'WIT')),
  verify_days INTEGER NOT NULL,
  followup_days INTEGER NOT NULL,
  simple_days INTEGER NOT NULL,
  normative_days INTEGER NOT NULL,
  complex_days INTEGER NOT NULL,
  supervisory_days INTEGER NOT NULL,
  reply_days INTEGER NOT NULL,
  confirm_days INTEGER NOT NULL,
  reopen_limit INTEGER NOT NULL,
  service_age_days INTEGER NOT NULL,  -- calendar days
  min_cell INTEGER NOT NULL,
  coordinator_user_id BIGINT REFERENCES users(id),
  mail_staff SMALLINT NOT NULL DEFAULT 0,  -- staff notices also by mail
  updated_at BIGINT NOT NULL
);

-- One report. The reporter's identity is sealed in the vault (NULL when anonymous); the
-- tracking code is kept only as a keyed hash. Dates are the instansi's calendar days.
CREATE TABLE complaints (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  unit_id BIGINT REFERENCES units(id),
  service_id BIGINT REFERENCES services(id),
  ticket_id BIGINT REFERENCES tickets(id),
  officer_asn_id BIGINT REFERENCES asn(id),  -- the officer it is about: never shown it
  tracking_hash KEY_T NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('pengaduan', 'aspirasi', 'informasi')),
  category TEXT,
  grade TEXT CHECK (grade IN ('simple', 'normative', 'complex', 'supervisory')),
  status TEXT NOT NULL CHECK (status IN ('received', 'waiting_reporter', 'disposed', 'drafted',
                                         'answered', 'closed', 'forwarded', 'merged')),
  outcome TEXT CHECK (outcome IN ('confirmed', 'lapsed', 'no_reply')),
  identity TEXT NOT NULL CHECK (identity IN ('identified', 'confidential', 'anonymous')),
  identity_sealed TEXT,
  description TEXT NOT NULL,
  happened_on TEXT,
  service_too_old SMALLINT NOT NULL DEFAULT 0,
  received_at BIGINT NOT NULL,  -- ms
  received_on TEXT NOT NULL,
  verify_due TEXT NOT NULL,
  status_since TEXT NOT NULL,
  disposed_on TEXT,
  resolve_due TEXT,
  staff_due TEXT,     -- the current holder's deadline
  reporter_due TEXT,  -- the reporter's (a question to answer, an answer to confirm)
  first_response_on TEXT,
  answered_on TEXT,
  closed_on TEXT,
  handler_user_id BIGINT REFERENCES users(id),   -- the handler who verified it
  assignee_user_id BIGINT REFERENCES users(id),  -- the unit's officer drafting
  reopen_count INTEGER NOT NULL DEFAULT 0,
  rating SMALLINT CHECK (rating BETWEEN 1 AND 4),
  merged_into BIGINT REFERENCES complaints(id),
  forwarded_from BIGINT REFERENCES instansi(id),
  outside_body TEXT NOT NULL DEFAULT '',
  outside_ref TEXT NOT NULL DEFAULT '',
  draft TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT '',
  escalated_due TEXT,  -- the deadline the coordinator was last told of
  updated_at BIGINT NOT NULL
);
CREATE INDEX complaints_queue ON complaints(instansi_id, status, staff_due, id);
CREATE INDEX complaints_overdue ON complaints(instansi_id, staff_due, id);
CREATE INDEX complaints_unit ON complaints(unit_id, status, staff_due);
CREATE INDEX complaints_reporter_due ON complaints(reporter_due, status);
CREATE INDEX complaints_assignee ON complaints(assignee_user_id, status);

-- The history: every step, who took it (a user, or the reporter), what was said.
CREATE TABLE complaint_steps (
  id ID_PK,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  at_ms BIGINT NOT NULL,
  step TEXT NOT NULL,
  public SMALLINT NOT NULL,
  by_reporter SMALLINT NOT NULL DEFAULT 0,
  actor_user_id BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_steps_of ON complaint_steps(complaint_id, id);

-- Evidence, metadata removed, sealed in the vault (a photograph can identify its maker).
CREATE TABLE complaint_files (
  id ID_PK,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  step_id BIGINT REFERENCES complaint_steps(id),
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data_sealed TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX complaint_files_of ON complaint_files(complaint_id, id);

-- Election-neutrality reports (SKB 2/2022): what only their handlers and the instansi's
-- leaders see, beside the report itself.
CREATE TABLE neutrality_reports (
  complaint_id BIGINT PRIMARY KEY REFERENCES complaints(id),
  reported_nip TEXT NOT NULL,
  reported_asn_id BIGINT REFERENCES asn(id),
  links TEXT NOT NULL DEFAULT '',
  violation_class TEXT CHECK (violation_class IN ('ethics', 'discipline')),
  violation_type TEXT,
  recommended_sanction TEXT,
  decision TEXT NOT NULL DEFAULT '',
  decision_ref TEXT NOT NULL DEFAULT '',
  decided_on TEXT,
  enforcement TEXT NOT NULL DEFAULT 'none' CHECK (enforcement IN ('none', 'in_progress', 'done')),
  enforcement_note TEXT NOT NULL DEFAULT ''
);

-- Counts per instansi, unit (0 before routing), month received and dimension, kept with
-- every change so public statistics never scan the reports: kind, category, status,
-- within (deadline met or not), rating, and day histograms of first response and answer.
CREATE TABLE complaint_counts (
  instansi_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  month KEY_T NOT NULL,
  dimension KEY_T NOT NULL,
  value KEY_T NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (instansi_id, month, dimension, value, unit_id)
);
CREATE INDEX complaint_counts_unit ON complaint_counts(unit_id, month);
