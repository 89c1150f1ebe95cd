#include "harmony/kb_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "platform/db/row_map.hpp"

namespace harmoni::harmony {
namespace {

using nlohmann::json;

std::vector<std::string> json_strings(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

const db::RowMap<Article> kArticleRow{
    {"a.id", &Article::id},
    {"a.instansi_id", &Article::instansi_id},
    {"a.title", &Article::title},
    {"a.body", &Article::body},
    {"a.questions",
     [](Article& a, const db::Row& r, size_t i) { a.questions = json_strings(r.text(i)); }},
    {"a.scope", &Article::scope},
    {"a.state", &Article::state},
    {"a.case_id", &Article::case_id},
    {"a.author_user_id", &Article::author_user_id},
    {"a.approver_user_id", &Article::approver_user_id},
    {"a.created_at", &Article::created_at},
    {"a.published_at", &Article::published_at},
    {"COALESCE(us.display_name, '')", &Article::author_name},
    {"i.name", &Article::instansi_name}};
const std::string kArticleSelect = "SELECT " + kArticleRow.columns() +
                                   " FROM kb_articles a JOIN instansi i ON i.id = a.instansi_id "
                                   "LEFT JOIN users us ON us.id = a.author_user_id ";

Status write_tags(db::Tx& tx, const Article& a) {
  TRY(tx.exec("DELETE FROM kb_tags WHERE article_id = ?", {a.id}));
  for (const Tag& t : a.tags)
    TRY(
        tx.exec("INSERT INTO kb_tags (article_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO "
                "NOTHING",
                {a.id, std::string(enum_name(t.kind)), t.value}));
  return {};
}

Status read_tags(db::Tx& tx, Article& a) {
  return tx.each("SELECT kind, value FROM kb_tags WHERE article_id = ? ORDER BY kind, value",
                 {a.id}, [&](const db::Row& r) {
                   if (auto k = parse_enum<TagKind>(r.text(0))) a.tags.push_back({*k, r.text(1)});
                   return true;
                 });
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Result<int64_t> insert_article(db::Tx& tx, const Article& a, int64_t now) {
  Article stored = a;
  stored.id = TRY(tx.insert_returning_id(
      "INSERT INTO kb_articles (instansi_id, title, body, questions, scope, state, case_id, "
      "author_user_id, approver_user_id, created_at, updated_at, published_at) VALUES (?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.instansi_id, a.title, a.body, json(a.questions).dump(), std::string(enum_name(a.scope)),
       std::string(enum_name(a.state)), a.case_id, a.author_user_id, a.approver_user_id, now, now,
       a.published_at}));
  TRY(write_tags(tx, stored));
  return stored.id;
}

Status update_article(db::Tx& tx, const Article& a, int64_t now) {
  TRY(
      tx.exec("UPDATE kb_articles SET title = ?, body = ?, questions = ?, scope = ?, state = ?, "
              "approver_user_id = ?, published_at = ?, updated_at = ? WHERE id = ?",
              {a.title, a.body, json(a.questions).dump(), std::string(enum_name(a.scope)),
               std::string(enum_name(a.state)), a.approver_user_id, a.published_at, now, a.id}));
  return write_tags(tx, a);
}

Result<std::optional<Article>> find_article(db::Tx& tx, int64_t id) {
  auto a = TRY(kArticleRow.one(tx, kArticleSelect + "WHERE a.id = ?", {id}));
  if (a) TRY(read_tags(tx, *a));
  return a;
}

Result<std::optional<int64_t>> article_of_case(db::Tx& tx, int64_t case_id) {
  auto row =
      TRY(tx.query_one("SELECT id FROM kb_articles WHERE case_id = ? ORDER BY id DESC", {case_id}));
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{row->i64(0)};
}

Result<std::vector<Article>> list_articles(db::Tx& tx, const ArticleQuery& q) {
  const std::string state(enum_name(q.state.value_or(ArticleState::kPublished)));
  const bool published = !q.state || *q.state == ArticleState::kPublished;
  const std::string tag_kind = q.tag ? std::string(enum_name(q.tag->kind)) : "";
  const std::string tag_value = q.tag ? q.tag->value : "";
  // Published: the reader's instansi's and those for every instansi; otherwise their own.
  auto out = TRY(kArticleRow.all(
      tx,
      kArticleSelect +
          "WHERE a.state = ? AND (a.instansi_id = ? OR (a.scope = 'all' AND ? = 1)) AND "
          "(CAST(? AS TEXT) = '' OR EXISTS (SELECT 1 FROM kb_tags t WHERE t.article_id = a.id "
          "AND t.kind = ? AND t.value = ?)) ORDER BY a.published_at DESC, a.id DESC LIMIT ? "
          "OFFSET ?",
      {state, q.instansi_id, published ? 1 : 0, tag_kind, tag_kind, tag_value, q.limit, q.offset}));
  for (Article& a : out) TRY(read_tags(tx, a));
  return out;
}

Status index_articles(db::Tx& tx, const std::vector<ToIndex>& batch) {
  if (batch.empty()) return {};
  std::map<std::string, int64_t> df;  // each term once, with how many articles add it
  for (const ToIndex& a : batch)
    for (const auto& [term, count] : a.terms.counts) ++df[term];
  std::map<std::string, int64_t> ids;
  for (const auto& [term, n] : df) {
    ids[term] = TRY(tx.insert_returning_id(
        "INSERT INTO kb_terms (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = "
        "kb_terms.df + excluded.df RETURNING id",
        {term, n}));
  }
  // Postings in the index's order (fewer pages touched), up to 200 rows a statement.
  struct Posting {
    int64_t term_id, article_id, audience;
    double weight;
  };
  std::vector<Posting> postings;
  for (const ToIndex& a : batch)
    for (const auto& [term, count] : a.terms.counts)
      postings.push_back({ids[term], a.article_id, a.audience, bm25_weight(count, a.terms.length)});
  std::sort(postings.begin(), postings.end(), [](const Posting& x, const Posting& y) {
    return std::tie(x.term_id, y.weight, x.article_id) <
           std::tie(y.term_id, x.weight, y.article_id);
  });
  constexpr size_t kRows = 200;
  std::vector<db::Value> rows;
  auto flush = [&]() -> Status {
    if (rows.empty()) return {};
    std::string sql = "INSERT INTO kb_postings (term_id, article_id, audience, weight) VALUES ";
    for (size_t r = 0; r < rows.size() / 4; ++r) sql += r == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
    TRY(tx.exec(sql, rows));
    rows.clear();
    return {};
  };
  for (const Posting& p : postings) {
    rows.emplace_back(p.term_id);
    rows.emplace_back(p.article_id);
    rows.emplace_back(p.audience);
    rows.emplace_back(p.weight);
    if (rows.size() == 4 * kRows) TRY(flush());
  }
  TRY(flush());
  TRY(tx.exec("UPDATE kb_index_stats SET articles = articles + ? WHERE id = 1",
              {static_cast<int64_t>(batch.size())}));
  return {};
}

Status unindex_article(db::Tx& tx, int64_t article_id) {
  const int64_t postings =
      TRY(tx.scalar_i64("SELECT COUNT(*) FROM kb_postings WHERE article_id = ?", {article_id}));
  if (postings == 0) return {};
  TRY(
      tx.exec("UPDATE kb_terms SET df = df - 1 WHERE id IN (SELECT term_id FROM kb_postings WHERE "
              "article_id = ?)",
              {article_id}));
  TRY(tx.exec("DELETE FROM kb_postings WHERE article_id = ?", {article_id}));
  TRY(tx.exec("UPDATE kb_index_stats SET articles = articles - 1 WHERE id = 1"));
  return {};
}

namespace {

struct QueryTerm {
  int64_t id = 0;
  double idf = 0;
};

// Exact scores of candidate articles: every query term's weight in each, summed in the
// order of the terms (the same additions on every database).
Result<std::vector<Hit>> score(db::Tx& tx, const std::vector<QueryTerm>& terms,
                               const std::vector<int64_t>& candidates) {
  std::map<int64_t, std::vector<double>> weights;  // article -> weight per term
  for (int64_t id : candidates) weights[id].assign(terms.size(), 0);
  std::map<int64_t, size_t> slot;  // term id -> its place in `terms`
  for (size_t t = 0; t < terms.size(); ++t) slot[terms[t].id] = t;
  constexpr size_t kChunk = 500;
  for (size_t from = 0; from < candidates.size(); from += kChunk) {
    const size_t to = std::min(candidates.size(), from + kChunk);
    db::Params params;
    for (size_t i = from; i < to; ++i) params.emplace_back(candidates[i]);
    for (const QueryTerm& t : terms) params.emplace_back(t.id);
    TRY(tx.each("SELECT article_id, term_id, weight FROM kb_postings WHERE article_id IN (" +
                    placeholders(to - from) + ") AND term_id IN (" + placeholders(terms.size()) +
                    ")",
                params, [&](const db::Row& r) {
                  weights[r.i64(0)][slot[r.i64(1)]] = r.f64(2);
                  return true;
                }));
  }
  std::vector<Hit> out;
  for (const auto& [id, w] : weights) {
    double sum = 0;
    for (size_t t = 0; t < terms.size(); ++t) sum += terms[t].idf * w[t];
    out.push_back({id, sum});
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.article_id < b.article_id;
  });
  return out;
}

}  // namespace

Result<std::vector<Hit>> search(db::Tx& tx, const SearchQuery& q) {
  if (q.terms.empty()) return std::vector<Hit>{};
  const int64_t n = TRY(tx.scalar_i64("SELECT articles FROM kb_index_stats WHERE id = 1"));
  if (n <= 0) return std::vector<Hit>{};
  db::Params term_params;
  for (const std::string& t : q.terms) term_params.emplace_back(t);
  std::vector<QueryTerm> terms;
  TRY(tx.each("SELECT id, df FROM kb_terms WHERE term IN (" + placeholders(q.terms.size()) +
                  ") AND df > 0 ORDER BY id",
              term_params, [&](const db::Row& r) {
                terms.push_back({r.i64(0), bm25_idf(n, r.i64(1))});
                return true;
              }));
  if (terms.empty()) return std::vector<Hit>{};
  const size_t wanted = static_cast<size_t>(q.offset + q.limit);

  std::vector<int64_t> candidates;
  if (!q.filters.empty()) {
    // Filters may leave few articles of the top lists: every article holding a term and
    // meeting the filters is a candidate.
    db::Params params;
    std::string sql = "SELECT DISTINCT p.article_id FROM kb_postings p WHERE p.term_id IN (";
    for (size_t t = 0; t < terms.size(); ++t) {
      sql += t == 0 ? "?" : ", ?";
      params.emplace_back(terms[t].id);
    }
    sql += ") AND p.audience IN (0, ?)";
    params.emplace_back(q.instansi_id);
    for (const Tag& tag : q.filters) {
      sql += " AND p.article_id IN (SELECT article_id FROM kb_tags WHERE kind = ? AND value = ?)";
      params.emplace_back(std::string(enum_name(tag.kind)));
      params.emplace_back(tag.value);
    }
    TRY(tx.each(sql, params, [&](const db::Row& r) {
      candidates.push_back(r.i64(0));
      return true;
    }));
    std::vector<Hit> scored = TRY(score(tx, terms, candidates));
    if (scored.size() > wanted) scored.resize(wanted);
    if (static_cast<size_t>(q.offset) >= scored.size()) return std::vector<Hit>{};
    return std::vector<Hit>(scored.begin() + q.offset, scored.end());
  }

  // Read each term's list best first, a slice at a time, remembering every weight seen;
  // look up the weights an article's lists have not shown yet only once.
  struct List {
    bool done = false;
    double last_weight = 0;
    int64_t last_id = 0;
    int64_t read = 0;
  };
  std::vector<List> lists(terms.size());
  std::map<int64_t, std::vector<std::optional<double>>> known;  // article -> weight per term
  int64_t step = std::max<int64_t>(100, 4 * static_cast<int64_t>(wanted));
  for (;; step *= 2) {
    for (size_t t = 0; t < terms.size(); ++t) {
      List& list = lists[t];
      if (list.done) continue;
      int64_t rows = 0;
      TRY(tx.each(
          "SELECT article_id, weight FROM kb_postings WHERE term_id = ? AND audience IN (0, ?) "
          "AND (CAST(? AS BIGINT) = 0 OR weight < ? OR (weight = ? AND article_id > ?)) ORDER BY "
          "weight DESC, article_id LIMIT ?",
          {terms[t].id, q.instansi_id, list.read, list.last_weight, list.last_weight, list.last_id,
           step},
          [&](const db::Row& r) {
            auto& w = known[r.i64(0)];
            if (w.empty()) w.resize(terms.size());
            w[t] = r.f64(1);
            list.last_id = r.i64(0);
            list.last_weight = r.f64(1);
            ++rows;
            return true;
          }));
      list.read += rows;
      if (rows < step) list.done = true;
    }
    // What an article no list has shown can score at most.
    double bound = 0;
    for (size_t t = 0; t < terms.size(); ++t)
      if (!lists[t].done) bound += terms[t].idf * lists[t].last_weight;
    // Weights still unknown in unfinished lists: looked up (a finished list not showing an
    // article means the article lacks the term).
    for (size_t t = 0; t < terms.size(); ++t) {
      if (lists[t].done) continue;
      std::vector<int64_t> missing;
      for (auto& [id, w] : known)
        if (!w[t]) missing.push_back(id);
      constexpr size_t kChunk = 500;
      for (size_t from = 0; from < missing.size(); from += kChunk) {
        const size_t to = std::min(missing.size(), from + kChunk);
        db::Params params{terms[t].id};
        for (size_t k = from; k < to; ++k) {
          params.emplace_back(missing[k]);
          known[missing[k]][t] = 0.0;
        }
        TRY(
            tx.each("SELECT article_id, weight FROM kb_postings WHERE term_id = ? AND article_id "
                    "IN (" +
                        placeholders(to - from) + ")",
                    params, [&](const db::Row& r) {
                      known[r.i64(0)][t] = r.f64(1);
                      return true;
                    }));
      }
    }
    std::vector<Hit> scored;
    for (const auto& [id, w] : known) {
      double sum = 0;  // in the terms' order: the same additions on every database
      for (size_t t = 0; t < terms.size(); ++t) sum += terms[t].idf * w[t].value_or(0);
      scored.push_back({id, sum});
    }
    std::sort(scored.begin(), scored.end(), [](const Hit& a, const Hit& b) {
      return a.score != b.score ? a.score > b.score : a.article_id < b.article_id;
    });
    const bool all_read =
        std::all_of(lists.begin(), lists.end(), [](const List& l) { return l.done; });
    // Settled when nothing unread can score above the last result asked for (an unread
    // article could only tie it, at the very cut of every list).
    if (all_read || (scored.size() >= wanted && scored[wanted - 1].score >= bound)) {
      if (scored.size() > wanted) scored.resize(wanted);
      if (static_cast<size_t>(q.offset) >= scored.size()) return std::vector<Hit>{};
      return std::vector<Hit>(scored.begin() + q.offset, scored.end());
    }
  }
}

Result<bool> record_study(db::Tx& tx, int64_t article_id, int64_t asn_id, int64_t instansi_id,
                          const std::vector<std::string>& answers, int64_t now) {
  const int64_t added = TRY(tx.exec(
      "INSERT INTO kb_studies (article_id, asn_id, instansi_id, answers, studied_at) VALUES (?, "
      "?, ?, ?, ?) ON CONFLICT (article_id, asn_id) DO NOTHING",
      {article_id, asn_id, instansi_id, json(answers).dump(), now}));
  return added > 0;
}

Result<bool> has_studied(db::Tx& tx, int64_t article_id, int64_t asn_id) {
  return TRY(tx.scalar_i64("SELECT COUNT(*) FROM kb_studies WHERE article_id = ? AND asn_id = ?",
                           {article_id, asn_id})) > 0;
}

Result<std::vector<StudyCount>> study_counts(db::Tx& tx, int64_t instansi_id, int limit) {
  static const db::RowMap<StudyCount> kRow{{"s.article_id", &StudyCount::article_id},
                                           {"a.title", &StudyCount::title},
                                           {"COUNT(*)", &StudyCount::people}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM kb_studies s JOIN kb_articles a ON a.id = s.article_id WHERE "
                      "s.instansi_id = ? GROUP BY s.article_id, a.title ORDER BY COUNT(*) DESC, "
                      "s.article_id LIMIT ?",
                  {instansi_id, limit});
}

Status attach_article(db::Tx& tx, int64_t programme_id, int64_t article_id) {
  TRY(tx.exec(
      "INSERT INTO kb_programme_articles (programme_id, article_id) VALUES (?, ?) ON CONFLICT DO "
      "NOTHING",
      {programme_id, article_id}));
  return {};
}

Status detach_article(db::Tx& tx, int64_t programme_id, int64_t article_id) {
  TRY(tx.exec("DELETE FROM kb_programme_articles WHERE programme_id = ? AND article_id = ?",
              {programme_id, article_id}));
  return {};
}

Result<std::vector<ProgrammeRef>> programmes_of_article(db::Tx& tx, int64_t article_id,
                                                        int64_t instansi_id) {
  static const db::RowMap<ProgrammeRef> kRow{{"p.id", &ProgrammeRef::id},
                                             {"p.code", &ProgrammeRef::code},
                                             {"p.title", &ProgrammeRef::title}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM kb_programme_articles pa JOIN programmes p ON p.id = pa.programme_id "
                      "WHERE pa.article_id = ? AND p.instansi_id = ? ORDER BY p.code",
                  {article_id, instansi_id});
}

}  // namespace harmoni::harmony
