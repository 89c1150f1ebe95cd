-- Harmoni core schema: regions, organisation, accounts, audit.
-- Shared by both dialects; the runner replaces ID_PK, BLOB_T and KEY_T per dialect.
-- KEY_T is text compared byte by byte (COLLATE "C" in PostgreSQL, as SQLite does), for
-- columns used in prefix ranges and keyset paging, so both backends order alike.
-- Conventions: timestamps are Unix seconds (BIGINT) unless named *_ms; booleans are
-- SMALLINT 0/1; dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE regions (
  code KEY_T PRIMARY KEY,
  parent_code KEY_T REFERENCES regions(code),
  level SMALLINT NOT NULL CHECK (level IN (1, 2)),
  name TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code, code);

CREATE TABLE instansi (
  id ID_PK,
  code KEY_T NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pusat', 'daerah')),
  region_code KEY_T REFERENCES regions(code),
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE units (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  parent_id BIGINT REFERENCES units(id),
  code KEY_T NOT NULL,
  name TEXT NOT NULL,
  -- ids from the root down, '/3/17/42/': a unit's subtree is every path with its prefix
  path KEY_T NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (instansi_id, code)
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE positions (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  code KEY_T NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('struktural', 'fungsional', 'pelaksana')),
  jenjang TEXT NOT NULL,
  grade SMALLINT NOT NULL CHECK (grade BETWEEN 1 AND 17),
  required_pb_level SMALLINT NOT NULL CHECK (required_pb_level BETWEEN 1 AND 5),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (instansi_id, code)
);

CREATE TABLE asn (
  id ID_PK,
  instansi_id BIGINT NOT NULL REFERENCES instansi(id),
  nip KEY_T NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- lower-cased, accents and punctuation folded: the search and sort key
  name_key KEY_T NOT NULL,
  employment TEXT NOT NULL CHECK (employment IN ('PNS', 'PPPK')),
  unit_id BIGINT REFERENCES units(id),
  position_id BIGINT REFERENCES positions(id),
  active SMALLINT NOT NULL DEFAULT 1,
  email TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX asn_instansi_name ON asn(instansi_id, name_key, id);
CREATE INDEX asn_unit_name ON asn(unit_id, name_key, id);
CREATE INDEX asn_instansi_nip ON asn(instansi_id, nip);

-- Each word of an ASN's name_key, for word-prefix search that stays fast at a million rows.
CREATE TABLE asn_name_tokens (
  instansi_id BIGINT NOT NULL,
  token KEY_T NOT NULL,
  asn_id BIGINT NOT NULL REFERENCES asn(id) ON DELETE CASCADE,
  PRIMARY KEY (instansi_id, token, asn_id)
);
CREATE INDEX asn_name_tokens_asn ON asn_name_tokens(asn_id);

CREATE TABLE users (
  id ID_PK,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('system_admin', 'instansi_admin', 'unit_head', 'officer',
                                     'hr_developer', 'case_handler', 'auditor')),
  instansi_id BIGINT REFERENCES instansi(id),
  unit_id BIGINT REFERENCES units(id),
  asn_id BIGINT REFERENCES asn(id),
  lang TEXT NOT NULL DEFAULT 'id',
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_instansi ON users(instansi_id, email);

-- Session ids and API tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id ID_PK,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);

-- Failed-login counters per account and per client address (hashed).
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  blocked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | fields). Triggers per dialect
-- refuse UPDATE and DELETE; `harmoni audit verify` recomputes the chain.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor TEXT NOT NULL,
  instansi_id BIGINT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  source TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_instansi ON audit_log(instansi_id, seq);
CREATE INDEX audit_object ON audit_log(object_type, object_id, seq);

-- The chain's head: one row, updated in the same transaction as each append, which
-- also serialises concurrent appends (row lock in PostgreSQL, one writer in SQLite).
CREATE TABLE audit_head (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
