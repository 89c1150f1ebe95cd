CREATE TABLE kb_postings (
  term_id BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  audience BIGINT NOT NULL,
  tf INTEGER NOT NULL,
  length INTEGER NOT NULL,
  PRIMARY KEY (term_id, article_id)
);
CREATE INDEX kb_postings_article ON kb_postings(article_id);

-- The ledger learns a source: studying a knowledge-base article.
ALTER TABLE learning_records DROP CONSTRAINT learning_records_source_check;
ALTER TABLE learning_records ADD CONSTRAINT learning_records_source_check
  CHECK (source IN ('class', 'claim', 'peduli', 'lms', 'kb'));
