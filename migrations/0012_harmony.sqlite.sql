CREATE TABLE kb_postings (
  term_id BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  audience BIGINT NOT NULL,
  weight DOUBLE PRECISION NOT NULL,  -- BM25's share of the term in the article, idf aside
  -- Each term's articles best first: a search reads only the top of each list.
  PRIMARY KEY (term_id, weight DESC, article_id)
) WITHOUT ROWID;
-- An article's terms: its exact score, and taking it out of the index.
CREATE INDEX kb_postings_article ON kb_postings(article_id, term_id);

-- The ledger learns a source: studying a knowledge-base article. SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt (nothing refers to it).
CREATE TABLE learning_records_new (
  id INTEGER PRIMARY KEY,
  asn_id BIGINT NOT NULL REFERENCES asn(id),
  year SMALLINT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('class', 'claim', 'peduli', 'lms', 'kb')),
  source_ref TEXT NOT NULL UNIQUE,
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
INSERT INTO learning_records_new SELECT id, asn_id, year, source, source_ref, verb, title,
  activity_type, completed_on, minutes, jp_e2, score, passed, recorded_at FROM learning_records;
DROP TABLE learning_records;
ALTER TABLE learning_records_new RENAME TO learning_records;
CREATE INDEX learning_records_asn ON learning_records(asn_id, year, completed_on);
