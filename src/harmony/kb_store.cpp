#include "harmony/kb_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

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
  int64_t df = 0;
  double idf = 0;
};

// BM25's share of a term in an article stays below k1 + 1.
constexpr double kAboveEveryWeight = 1e300;
// Bounds are sums added in another order than a score's: compared with room for rounding.
constexpr double kSlack = 1e-9;

bool better(const Hit& a, const Hit& b) {
  return a.score != b.score ? a.score > b.score : a.article_id < b.article_id;
}

// Results offset..wanted of the scored articles, best first.
std::vector<Hit> top_of(std::vector<Hit> scored, size_t offset, size_t wanted) {
  wanted = std::min(wanted, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(wanted),
                    scored.end(), better);
  if (offset >= wanted) return {};
  return std::vector<Hit>(scored.begin() + static_cast<std::ptrdiff_t>(offset),
                          scored.begin() + static_cast<std::ptrdiff_t>(wanted));
}

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
  return out;
}

// The query's terms' lists, each read best first from where the last slice ended. Every
// article seen is a candidate with the weights known so far; where its weight in an
// unfinished list is unknown it can be at most that list's last weight read, and an
// article no list has shown yet at most the sum of those (Fagin's threshold).
class Lists {
 public:
  Lists(db::Tx& tx, const std::vector<QueryTerm>& terms, int64_t instansi_id,
        const ListReading& reading)
      : tx_(tx),
        terms_(terms),
        instansi_id_(instansi_id),
        reading_(reading),
        lists_(terms.size()) {}

  // Results offset..wanted, exact: the lists are read on (or articles looked up in them)
  // only while something unread or half known could still rank among them.
  Result<std::vector<Hit>> best(size_t offset, size_t wanted) {
    int64_t step = std::max({int64_t{1}, reading_.first_slice, 4 * static_cast<int64_t>(wanted)});
    for (;; step *= 2) {
      for (size_t t = 0; t < lists_.size(); ++t)
        if (!lists_[t].done)
          TRY(read_on(t, left(t) <= std::max(2 * step, reading_.short_list) ? 0 : step));
      std::optional<std::vector<Hit>> top = TRY(settle(wanted));
      if (!top) continue;
      if (all_read() || (top->size() == wanted && unseen_bound() + kSlack < top->back().score)) {
        if (offset >= top->size()) return std::vector<Hit>{};
        return std::vector<Hit>(top->begin() + static_cast<std::ptrdiff_t>(offset), top->end());
      }
    }
  }

 private:
  struct List {
    bool done = false;
    int64_t read = 0;
    double last_weight = 0;
    int64_t last_id = 0;
  };

  int64_t left(size_t t) const { return terms_[t].df - lists_[t].read; }
  int64_t rows_read() const {
    int64_t rows = 0;
    for (const List& l : lists_) rows += l.read;
    return rows;
  }
  bool all_read() const {
    return std::all_of(lists_.begin(), lists_.end(), [](const List& l) { return l.done; });
  }
  // An article none of the lists has shown scores at most this.
  double unseen_bound() const {
    double bound = 0;
    for (size_t t = 0; t < lists_.size(); ++t)
      if (!lists_[t].done) bound += terms_[t].idf * lists_[t].last_weight;
    return bound;
  }
  size_t candidate(int64_t article_id) {
    auto [at, added] = slot_.try_emplace(article_id, ids_.size());
    if (added) {
      ids_.push_back(article_id);
      weight_.resize(weight_.size() + terms_.size(), 0.0);
      known_.resize(known_.size() + terms_.size(), false);
    }
    return at->second;
  }
  void learn(size_t c, size_t t, double weight) {
    weight_[c * terms_.size() + t] = weight;
    known_[c * terms_.size() + t] = true;
  }

  // The next `rows` of list t (0: to its end).
  Status read_on(size_t t, int64_t rows) {
    List& list = lists_[t];
    int64_t got = 0;
    // "weight <= last" bounds the index range (an OR of the two cases would scan the list
    // from its start each time); the rows at the cut already read are filtered out.
    const double from = list.read == 0 ? kAboveEveryWeight : list.last_weight;
    TRY(tx_.each(
        "SELECT article_id, weight FROM kb_postings WHERE term_id = ? AND weight <= ? AND NOT "
        "(weight = ? AND article_id <= ?) AND audience IN (0, ?) ORDER BY weight DESC, "
        "article_id LIMIT ?",
        {terms_[t].id, from, from, list.last_id, instansi_id_,
         rows == 0 ? std::numeric_limits<int64_t>::max() : rows},
        [&](const db::Row& r) {
          learn(candidate(r.i64(0)), t, r.f64(1));
          list.last_id = r.i64(0);
          list.last_weight = r.f64(1);
          ++got;
          return true;
        }));
    list.read += got;
    if (rows == 0 || got < rows) list.done = true;
    return {};
  }

  // The candidates' weights in the terms' order: the same additions on every database.
  double known_score(size_t c) const {
    double sum = 0;
    for (size_t t = 0; t < terms_.size(); ++t)
      sum += terms_[t].idf * weight_[c * terms_.size() + t];
    return sum;
  }

  // The best `wanted` candidates, exact: every candidate that might still reach the last of
  // them has its missing weights looked up (or a list's rest is read where that costs
  // less), until none is left half known above the cut. Nothing while the lookups would
  // cost more than all that was read so far: reading on lowers the bounds more cheaply.
  Result<std::optional<std::vector<Hit>>> settle(size_t wanted) {
    for (;;) {
      std::vector<Hit> scored;
      scored.reserve(ids_.size());
      for (size_t c = 0; c < ids_.size(); ++c) scored.push_back({ids_[c], known_score(c)});
      std::vector<Hit> top = top_of(scored, 0, wanted);
      const double cut = top.size() == wanted ? top.back().score : -1;
      std::vector<std::vector<int64_t>> look_up(terms_.size());
      for (size_t c = 0; c < ids_.size(); ++c) {
        double most = scored[c].score;
        for (size_t t = 0; t < terms_.size(); ++t)
          if (!lists_[t].done && !known_[c * terms_.size() + t])
            most += terms_[t].idf * lists_[t].last_weight;
        if (most + kSlack < cut) continue;
        for (size_t t = 0; t < terms_.size(); ++t)
          if (!lists_[t].done && !known_[c * terms_.size() + t]) look_up[t].push_back(ids_[c]);
      }
      int64_t lookups = 0;
      for (const auto& articles : look_up) lookups += static_cast<int64_t>(articles.size());
      if (lookups == 0) return std::optional{std::move(top)};
      if (lookups * reading_.lookup_rows > rows_read()) return std::optional<std::vector<Hit>>{};
      for (size_t t = 0; t < terms_.size(); ++t)
        if (!look_up[t].empty()) TRY(look_up_in(t, look_up[t]));
    }
  }

  // Weights of the articles in list t; an article the list lacks weighs 0 there.
  Status look_up_in(size_t t, const std::vector<int64_t>& articles) {
    constexpr size_t kChunk = 500;
    for (size_t from = 0; from < articles.size(); from += kChunk) {
      const size_t to = std::min(articles.size(), from + kChunk);
      db::Params params{terms_[t].id};
      for (size_t k = from; k < to; ++k) {
        params.emplace_back(articles[k]);
        learn(slot_[articles[k]], t, 0.0);
      }
      TRY(tx_.each(
          "SELECT article_id, weight FROM kb_postings WHERE term_id = ? AND article_id IN (" +
              placeholders(to - from) + ")",
          params, [&](const db::Row& r) {
            learn(slot_[r.i64(0)], t, r.f64(1));
            return true;
          }));
    }
    return {};
  }

  db::Tx& tx_;
  const std::vector<QueryTerm>& terms_;
  int64_t instansi_id_;
  ListReading reading_;
  std::vector<List> lists_;
  std::unordered_map<int64_t, size_t> slot_;  // article id -> candidate
  std::vector<int64_t> ids_;
  std::vector<double> weight_;  // terms per candidate; 0 until known
  std::vector<bool> known_;
};

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
                terms.push_back({r.i64(0), r.i64(1), bm25_idf(n, r.i64(1))});
                return true;
              }));
  if (terms.empty()) return std::vector<Hit>{};
  const size_t wanted = static_cast<size_t>(q.offset + q.limit);
  if (q.limit <= 0) return std::vector<Hit>{};

  if (!q.filters.empty()) {
    std::vector<int64_t> candidates;
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
    return top_of(TRY(score(tx, terms, candidates)), static_cast<size_t>(q.offset), wanted);
  }

  return Lists(tx, terms, q.instansi_id, q.reading).best(static_cast<size_t>(q.offset), wanted);
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
