#include "platform/db/database.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace harmoni::db {

int64_t Row::i64(size_t i) const {
  const auto& v = values_.at(i).get();
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(std::llround(*d));
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t i) const {
  const auto& v = values_.at(i).get();
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::text(size_t i) const {
  const auto& v = values_.at(i).get();
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<std::string> Row::opt_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Result<std::vector<Row>> Tx::query(std::string_view sql, const Params& params) {
  std::vector<Row> rows;
  TRY(each(sql, params, [&](const Row& row) {
    rows.push_back(row);
    return true;
  }));
  return rows;
}

Result<std::optional<Row>> Tx::query_one(std::string_view sql, const Params& params) {
  std::optional<Row> first;
  TRY(each(sql, params, [&](const Row& row) {
    first.emplace(row);
    return false;
  }));
  return first;
}

Result<int64_t> Tx::insert_returning_id(std::string_view sql, const Params& params) {
  auto row = TRY(query_one(sql, params));
  if (!row) return Error::internal("INSERT ... RETURNING gave no row");
  return row->i64(0);
}

Result<int64_t> Tx::scalar_i64(std::string_view sql, const Params& params) {
  auto row = TRY(query_one(sql, params));
  if (!row || row->size() == 0) return int64_t{0};
  return row->i64(0);
}

std::string redact_url(const std::string& url) {
  auto scheme_end = url.find("://");
  auto at = url.rfind('@');
  if (scheme_end == std::string::npos || at == std::string::npos || at < scheme_end) return url;
  auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Status ping(Database& db) {
  TRY(db.read([](Tx& tx) { return tx.scalar_i64("SELECT 1"); }));
  return {};
}

}  // namespace harmoni::db
