#include "harmony/kb_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

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

Status index_article(db::Tx& tx, int64_t article_id, int64_t audience, const IndexedTerms& terms) {
  for (const auto& [term, count] : terms.counts) {
    const int64_t term_id = TRY(tx.insert_returning_id(
        "INSERT INTO kb_terms (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = "
        "kb_terms.df + 1 RETURNING id",
        {term}));
    TRY(
        tx.exec("INSERT INTO kb_postings (term_id, article_id, audience, tf, length) VALUES (?, ?, "
                "?, ?, ?)",
                {term_id, article_id, audience, count, terms.length}));
  }
  TRY(tx.exec(
      "UPDATE kb_index_stats SET articles = articles + 1, total_length = total_length + ? WHERE "
      "id = 1",
      {terms.length}));
  return {};
}

Status unindex_article(db::Tx& tx, int64_t article_id) {
  auto row =
      TRY(tx.query_one("SELECT MAX(length) FROM kb_postings WHERE article_id = ?", {article_id}));
  if (!row || row->is_null(0)) return {};
  TRY(
      tx.exec("UPDATE kb_terms SET df = df - 1 WHERE id IN (SELECT term_id FROM kb_postings WHERE "
              "article_id = ?)",
              {article_id}));
  TRY(tx.exec("DELETE FROM kb_postings WHERE article_id = ?", {article_id}));
  TRY(tx.exec(
      "UPDATE kb_index_stats SET articles = articles - 1, total_length = total_length - ? WHERE "
      "id = 1",
      {row->i64(0)}));
  return {};
}

Result<std::vector<Hit>> search(db::Tx& tx, const SearchQuery& q) {
  if (q.terms.empty()) return std::vector<Hit>{};
  auto stats = TRY(tx.query_one("SELECT articles, total_length FROM kb_index_stats WHERE id = 1"));
  const int64_t n = stats ? stats->i64(0) : 0;
  if (n <= 0) return std::vector<Hit>{};
  const double average = static_cast<double>(stats->i64(1)) / static_cast<double>(n);

  db::Params term_params;
  for (const std::string& t : q.terms) term_params.emplace_back(t);
  std::vector<std::pair<int64_t, double>> weights;  // term id, idf
  TRY(tx.each("SELECT id, df FROM kb_terms WHERE term IN (" + placeholders(q.terms.size()) +
                  ") AND df > 0 ORDER BY id",
              term_params, [&](const db::Row& r) {
                weights.emplace_back(r.i64(0), bm25_idf(n, r.i64(1)));
                return true;
              }));
  if (weights.empty()) return std::vector<Hit>{};

  // Each posting adds idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average)).
  std::string idf_case = "CASE p.term_id";
  db::Params params;
  for (const auto& [id, idf] : weights) {
    idf_case += " WHEN ? THEN CAST(? AS DOUBLE PRECISION)";
    params.emplace_back(id);
    params.emplace_back(idf);
  }
  idf_case += " END";
  std::string sql = fmt::format(
      "SELECT p.article_id, SUM(({}) * p.tf * {} / (p.tf + {} * ({} + {} * p.length / CAST(? AS "
      "DOUBLE PRECISION)))) AS score FROM kb_postings p WHERE p.term_id IN ({}) AND p.audience "
      "IN (0, ?)",
      idf_case, kBm25K1 + 1, kBm25K1, 1 - kBm25B, kBm25B, placeholders(weights.size()));
  params.emplace_back(average);
  for (const auto& w : weights) params.emplace_back(w.first);
  params.emplace_back(q.instansi_id);
  for (const Tag& t : q.filters) {
    sql += " AND p.article_id IN (SELECT article_id FROM kb_tags WHERE kind = ? AND value = ?)";
    params.emplace_back(std::string(enum_name(t.kind)));
    params.emplace_back(t.value);
  }
  // A few more than asked: the order is settled below on rounded scores, so a last-bit
  // difference between the databases' sums cannot swap two equal articles.
  sql += " GROUP BY p.article_id ORDER BY score DESC, p.article_id LIMIT ?";
  const int extra = 8;
  params.emplace_back(q.offset + q.limit + extra);
  std::vector<Hit> hits;
  TRY(tx.each(sql, params, [&](const db::Row& r) {
    hits.push_back({r.i64(0), std::round(r.f64(1) * 1e9) / 1e9});
    return true;
  }));
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.article_id < b.article_id;
  });
  const size_t from = std::min(hits.size(), static_cast<size_t>(q.offset));
  const size_t to = std::min(hits.size(), from + static_cast<size_t>(q.limit));
  return std::vector<Hit>(hits.begin() + static_cast<std::ptrdiff_t>(from),
                          hits.begin() + static_cast<std::ptrdiff_t>(to));
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

Result<std::vector<Article>> articles_of_programme(db::Tx& tx, int64_t programme_id) {
  auto out = TRY(kArticleRow.all(tx,
                                 kArticleSelect +
                                     "JOIN kb_programme_articles pa ON pa.article_id = a.id WHERE "
                                     "pa.programme_id = ? AND a.state = 'published' ORDER BY "
                                     "a.title",
                                 {programme_id}));
  for (Article& a : out) TRY(read_tags(tx, a));
  return out;
}

}  // namespace harmoni::harmony
