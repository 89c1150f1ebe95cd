CREATE TABLE kb_postings (
  term_id BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  audience BIGINT NOT NULL,
  weight DOUBLE PRECISION NOT NULL  -- BM25's share of the term in the article, idf aside
);
-- Each term's articles best first: a search reads only the top of each list. (A primary
-- key cannot be descending.)
CREATE UNIQUE INDEX kb_postings_best ON kb_postings(term_id, weight DESC, article_id);
-- An article's terms: its exact score, and taking it out of the index.
CREATE INDEX kb_postings_article ON kb_postings(article_id, term_id);

-- The ledger learns a source: studying a knowledge-base article.
ALTER TABLE learning_records DROP CONSTRAINT learning_records_source_check;
ALTER TABLE learning_records ADD CONSTRAINT learning_records_source_check
  CHECK (source IN ('class', 'claim', 'peduli', 'lms', 'kb'));
