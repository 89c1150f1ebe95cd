-- Disharmony cases handled by root cause and dialogue, watch notes for potential
-- conflict, and the knowledge base of past conflicts with its search index.

-- An instansi's choices: the smallest group a diversity dimension is shown for, and what
-- studying an article earns in the JP ledger (0: nothing).
CREATE TABLE harmony_settings (
  instansi_id BIGINT PRIMARY KEY REFERENCES instansi(id),
  min_group INTEGER NOT NULL,
  study_minutes INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- No person's religion or ethnicity is stored anywhere: a case records only which
-- dimension of diversity it involved.
CREATE TABLE harmony_cases (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  setting TEXT NOT NULL CHECK (setting IN ('workplace', 'community')),
  region_code TEXT,
  kind TEXT NOT NULL,
  dimension TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('staff_report', 'complaint', 'observation')),
  complaint_id BIGINT UNIQUE REFERENCES complaints(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  referral TEXT,
  outcome_reason TEXT NOT NULL DEFAULT '',
  rule TEXT NOT NULL DEFAULT '',
  handler_user_id BIGINT REFERENCES users(id),
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX harmony_cases_list ON harmony_cases(instansi_id, status, id);
CREATE INDEX harmony_cases_similar ON harmony_cases(instansi_id, kind, status);

-- ASN by their record; everyone else by the role they play only.
CREATE TABLE harmony_parties (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('asn', 'citizen', 'community_leader', 'partner')),
  asn_id BIGINT REFERENCES asn(id),
  side SMALLINT NOT NULL,
  added_at BIGINT NOT NULL
);
CREATE INDEX harmony_parties_case ON harmony_parties(case_id);
CREATE INDEX harmony_parties_asn ON harmony_parties(asn_id);

-- Facts (with their source) and opinions, kept apart.
CREATE TABLE harmony_findings (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  is_fact SMALLINT NOT NULL,
  text TEXT NOT NULL,
  source TEXT,
  source_detail TEXT NOT NULL DEFAULT '',
  side SMALLINT,
  author_user_id BIGINT REFERENCES users(id),
  at_ms BIGINT NOT NULL
);
CREATE INDEX harmony_findings_case ON harmony_findings(case_id);

CREATE TABLE harmony_causes (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  category TEXT NOT NULL,
  whys TEXT NOT NULL,  -- JSON array, from the problem to the root
  author_user_id BIGINT REFERENCES users(id),
  at_ms BIGINT NOT NULL
);
CREATE INDEX harmony_causes_case ON harmony_causes(case_id);

CREATE TABLE harmony_sessions (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  held_on TEXT NOT NULL,
  facilitator_asn_id BIGINT REFERENCES asn(id),
  sides TEXT NOT NULL,  -- JSON array of the sides present
  needs TEXT NOT NULL,  -- JSON array of {side, text}
  notes TEXT NOT NULL DEFAULT '',
  author_user_id BIGINT REFERENCES users(id),
  at_ms BIGINT NOT NULL
);
CREATE INDEX harmony_sessions_case ON harmony_sessions(case_id);

CREATE TABLE harmony_agreements (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  session_id BIGINT REFERENCES harmony_sessions(id),
  text TEXT NOT NULL,
  owner_asn_id BIGINT NOT NULL REFERENCES asn(id),
  due_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'kept', 'not_kept')),
  checked_on TEXT,
  check_note TEXT NOT NULL DEFAULT '',
  notified_on TEXT,  -- when the overdue notice went out
  at_ms BIGINT NOT NULL
);
CREATE INDEX harmony_agreements_case ON harmony_agreements(case_id);
CREATE INDEX harmony_agreements_due ON harmony_agreements(state, due_on);
CREATE INDEX harmony_agreements_owner ON harmony_agreements(owner_asn_id);

CREATE TABLE harmony_steps (
  id ID_PK,
  case_id BIGINT NOT NULL REFERENCES harmony_cases(id),
  at_ms BIGINT NOT NULL,
  step TEXT NOT NULL,
  actor_user_id BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX harmony_steps_case ON harmony_steps(case_id, id);

CREATE TABLE harmony_watch_notes (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  unit_id BIGINT REFERENCES units(id),
  region_code TEXT,
  note TEXT NOT NULL,
  review_on TEXT NOT NULL,
  closed SMALLINT NOT NULL DEFAULT 0,
  author_user_id BIGINT REFERENCES users(id),
  created_on TEXT NOT NULL,
  notified_on TEXT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX harmony_watch_review ON harmony_watch_notes(closed, review_on);
CREATE INDEX harmony_watch_instansi ON harmony_watch_notes(instansi_id, closed);

-- ---- the knowledge base ----

CREATE TABLE kb_articles (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  questions TEXT NOT NULL,  -- JSON array of reflection questions
  scope TEXT NOT NULL CHECK (scope IN ('instansi', 'all')),
  state TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'published', 'withdrawn')),
  case_id BIGINT REFERENCES harmony_cases(id),
  author_user_id BIGINT REFERENCES users(id),
  approver_user_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX kb_articles_list ON kb_articles(state, instansi_id, published_at);
CREATE INDEX kb_articles_case ON kb_articles(case_id);

CREATE TABLE kb_tags (
  article_id BIGINT NOT NULL REFERENCES kb_articles(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (article_id, kind, value)
);
CREATE INDEX kb_tags_value ON kb_tags(kind, value, article_id);

-- The search index of published articles (see harmony/search.hpp): each term once, with
-- the number of articles holding it; per term and article (kb_postings, in the dialect
-- files) its BM25 weight. audience: the instansi that reads it, 0 for every instansi.
CREATE TABLE kb_terms (
  id ID_PK,
  term KEY_T NOT NULL UNIQUE,
  df INTEGER NOT NULL
);
CREATE TABLE kb_index_stats (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  articles BIGINT NOT NULL
);
INSERT INTO kb_index_stats (id, articles) VALUES (1, 0);

-- Articles a programme uses as case-study material.
CREATE TABLE kb_programme_articles (
  programme_id BIGINT NOT NULL REFERENCES programmes(id),
  article_id BIGINT NOT NULL REFERENCES kb_articles(id),
  PRIMARY KEY (programme_id, article_id)
);
CREATE INDEX kb_programme_articles_article ON kb_programme_articles(article_id);

-- A person's study of an article with their answers to its reflection questions; credited
-- once per person and article (learning_records source 'kb').
CREATE TABLE kb_studies (
  article_id BIGINT NOT NULL REFERENCES kb_articles(id),
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  instansi_id BIGINT NOT NULL,
  answers TEXT NOT NULL,  -- JSON array
  studied_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, asn_id)
);
CREATE INDEX kb_studies_instansi ON kb_studies(instansi_id, article_id);
