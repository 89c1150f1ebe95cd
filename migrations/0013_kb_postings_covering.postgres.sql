CREATE UNIQUE INDEX kb_postings_best_covering ON kb_postings(term_id, weight DESC, article_id)
  INCLUDE (audience);
DROP INDEX kb_postings_best;
ALTER INDEX kb_postings_best_covering RENAME TO kb_postings_best;
CREATE INDEX kb_postings_article_covering ON kb_postings(article_id, term_id) INCLUDE (weight);
DROP INDEX kb_postings_article;
ALTER INDEX kb_postings_article_covering RENAME TO kb_postings_article;
