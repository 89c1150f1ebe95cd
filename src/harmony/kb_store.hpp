// Storage of the knowledge base: articles with their tags, the search index of the
// published ones, studies of articles, and the articles programmes use. SQL stays in
// this file's .cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harmony/article.hpp"
#include "harmony/search.hpp"
#include "platform/db/database.hpp"

namespace harmoni::harmony {

Result<int64_t> insert_article(db::Tx& tx, const Article& a, int64_t now);
// Writes the article's content, state and tags.
Status update_article(db::Tx& tx, const Article& a, int64_t now);
Result<std::optional<Article>> find_article(db::Tx& tx, int64_t id);
Result<std::optional<int64_t>> article_of_case(db::Tx& tx, int64_t case_id);

// Articles a reader of `instansi_id` may list: published for their instansi or for all,
// and (with `workflow`) the drafts and pending ones of their instansi.
struct ArticleQuery {
  int64_t instansi_id = 0;
  std::optional<ArticleState> state;  // nullopt: published
  std::optional<Tag> tag;
  int offset = 0;
  int limit = 50;
};
Result<std::vector<Article>> list_articles(db::Tx& tx, const ArticleQuery& q);

// The index: articles' terms with their audience (its instansi, or 0 for every one). A
// batch writes each of its distinct terms once and its postings many rows a statement.
struct ToIndex {
  int64_t article_id = 0;
  int64_t audience = 0;
  IndexedTerms terms;
};
Status index_articles(db::Tx& tx, const std::vector<ToIndex>& batch);
// Takes a withdrawn (or changed) article out of the index; nothing when it is not in it.
Status unindex_article(db::Tx& tx, int64_t article_id);

// How a search reads the term lists (the defaults suit SQLite and PostgreSQL alike; tests
// shrink them to drive every path on small data).
struct ListReading {
  // Rows of each list read first (at least 4 times the results asked for); doubled each round.
  int64_t first_slice = 100;
  int64_t short_list = 4'000;  // a list with at most this many rows left is read to its end
  // Looking one article up in a list costs about as much as reading this many of its rows.
  int64_t lookup_rows = 8;
};
struct SearchQuery {
  std::vector<std::string> terms;  // distinct
  int64_t instansi_id = 0;         // the reader's: their instansi's articles and those for all
  std::vector<Tag> filters;        // each must hold
  int offset = 0;
  int limit = 20;
  ListReading reading;
};
struct Hit {
  int64_t article_id = 0;
  double score = 0;
};
// Best first by BM25 (ties by id), the same on both databases, and exact. Without filters
// each term's list is read best first, a slice at a time: an article no list has shown
// scores at most the sum of the lists' last weights (Fagin's threshold), one seen in some
// at most its known weights plus the others' last; reading stops once nothing unread or
// half known can reach the results asked for. Half-known articles that could are looked
// up only while that costs less than reading on. With filters every matching article is
// scored.
Result<std::vector<Hit>> search(db::Tx& tx, const SearchQuery& q);

// A person's study with their answers; false when they had studied it already.
Result<bool> record_study(db::Tx& tx, int64_t article_id, int64_t asn_id, int64_t instansi_id,
                          const std::vector<std::string>& answers, int64_t now);
Result<bool> has_studied(db::Tx& tx, int64_t article_id, int64_t asn_id);
// How many people of the instansi studied each article, most studied first.
struct StudyCount {
  int64_t article_id = 0;
  std::string title;
  int64_t people = 0;
};
Result<std::vector<StudyCount>> study_counts(db::Tx& tx, int64_t instansi_id, int limit);

// Programmes that use an article as case-study material.
Status attach_article(db::Tx& tx, int64_t programme_id, int64_t article_id);
Status detach_article(db::Tx& tx, int64_t programme_id, int64_t article_id);
struct ProgrammeRef {
  int64_t id = 0;
  std::string code, title;
};
Result<std::vector<ProgrammeRef>> programmes_of_article(db::Tx& tx, int64_t article_id,
                                                        int64_t instansi_id);

}  // namespace harmoni::harmony
