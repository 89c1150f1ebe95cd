// A row mapper that declares each selected column together with the field it fills, so
// the SELECT list and the reading of a row cannot drift apart:
//
//   const db::RowMap<Ticket> kTicketRow{
//       {"t.id", &Ticket::id}, {"t.label", &Ticket::label}, {"t.status", &Ticket::status}};
//   tx.each("SELECT " + kTicketRow.columns() + " FROM tickets t WHERE ...", ..., [&](auto& r) {
//     Ticket t = kTicketRow.read(r);  ...
//
// Field types read: int64_t, int, bool, double, std::string, std::optional of int64_t,
// int, bool and std::string, Date ('YYYY-MM-DD') and its optional, and enums (and their
// optionals) with an enum_names table (an unknown name leaves the field's default). Anything else
// takes a reader function. Columns selected after columns() (extras a query needs) are read by
// index from size() on.
#pragma once

#include <concepts>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::db {

// Parameters from optional fields: a date as 'YYYY-MM-DD', an enum by its name, NULL
// when there is none.
inline Value date_value(const std::optional<Date>& d) {
  return d ? Value(format_date(*d)) : Value();
}
// Text, or NULL for none ("").
inline Value text_or_null(const std::string& s) {
  return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s);
}
template <class E>
Value name_value(const std::optional<E>& e) {
  return e ? Value(std::string(enum_name(*e))) : Value();
}

template <class F>
struct is_optional_enum : std::false_type {};
template <class E>
requires std::is_enum_v<E>
struct is_optional_enum<std::optional<E>> : std::true_type {
};

template <class T>
class RowMap {
 public:
  using Reader = std::function<void(T&, const Row&, size_t)>;

  struct Column {
    std::string expr;  // one SQL expression, or an embedded map's list
    Reader read;
    size_t width = 1;  // how many selected columns it reads

    template <class M>
    Column(std::string e, M T::*member)
        : expr(std::move(e)),
          read([member](T& out, const Row& r, size_t i) { read_field(out.*member, r, i); }) {}
    // A field of a member struct: {"name", &Campaign::settings, &CampaignSettings::name}.
    template <class M, class F>
    Column(std::string e, M T::*member, F M::*field)
        : expr(std::move(e)), read([member, field](T& out, const Row& r, size_t i) {
            read_field(out.*member.*field, r, i);
          }) {}
    Column(std::string e, Reader reader) : expr(std::move(e)), read(std::move(reader)) {}
    // Another map's columns for a member: {kActivityRow, &ActivityRow::activity}.
    template <class M>
    Column(const RowMap<M>& inner, M T::*member)
        : expr(inner.columns()),
          read(
              [&inner, member](T& out, const Row& r, size_t i) { out.*member = inner.read(r, i); }),
          width(inner.size()) {}
  };

  RowMap(std::initializer_list<Column> columns) : columns_(columns) {
    for (const auto& c : columns_) {
      if (!list_.empty()) list_ += ", ";
      list_ += c.expr;
      width_ += c.width;
    }
  }

  // "a, b, c": the SELECT list, in the order read() expects.
  const std::string& columns() const { return list_; }
  // How many columns columns() selects.
  size_t size() const { return width_; }

  // The first row of `sql` (whose select list starts with columns()), or none.
  Result<std::optional<T>> one(Tx& tx, std::string_view sql, const Params& params = {}) const {
    auto row = TRY(tx.query_one(sql, params));
    if (!row) return std::optional<T>{};
    return std::optional<T>{read(*row)};
  }
  // Every row of `sql`, in its order.
  Result<std::vector<T>> all(Tx& tx, std::string_view sql, const Params& params = {}) const {
    std::vector<T> out;
    TRY(tx.each(sql, params, [&](const Row& row) {
      out.push_back(read(row));
      return true;
    }));
    return out;
  }

  // Reads the columns starting at `first` (when others come before them).
  T read(const Row& row, size_t first = 0) const {
    T out{};
    size_t at = first;
    for (const auto& c : columns_) {
      c.read(out, row, at);
      at += c.width;
    }
    return out;
  }

 private:
  template <class F>
  static void read_field(F& field, const Row& r, size_t i) {
    if constexpr (std::is_same_v<F, bool>) {
      field = r.boolean(i);
    } else if constexpr (std::is_enum_v<F>) {
      if (auto v = parse_enum<F>(r.text(i))) field = *v;
    } else if constexpr (std::is_integral_v<F>) {
      field = static_cast<F>(r.i64(i));
    } else if constexpr (std::is_floating_point_v<F>) {
      field = r.f64(i);
    } else if constexpr (std::is_same_v<F, std::string>) {
      field = r.text(i);
    } else if constexpr (std::is_same_v<F, std::optional<int64_t>>) {
      field = r.opt_i64(i);
    } else if constexpr (std::is_same_v<F, std::optional<std::string>>) {
      field = r.opt_text(i);
    } else if constexpr (std::is_same_v<F, std::optional<int>>) {
      field = r.is_null(i) ? std::nullopt : std::optional<int>(static_cast<int>(r.i64(i)));
    } else if constexpr (std::is_same_v<F, std::optional<bool>>) {
      field = r.is_null(i) ? std::nullopt : std::optional<bool>(r.boolean(i));
    } else if constexpr (std::is_same_v<F, Date>) {
      field = parse_date(r.text(i)).value_or(Date{});
    } else if constexpr (std::is_same_v<F, std::optional<Date>>) {
      field = r.is_null(i) ? std::nullopt : parse_date(r.text(i));
    } else if constexpr (is_optional_enum<F>::value) {
      field = r.is_null(i) ? std::nullopt : parse_enum<typename F::value_type>(r.text(i));
    } else {
      static_assert(sizeof(F) == 0, "no reader for this field type: give the column a reader");
    }
  }

  std::vector<Column> columns_;
  std::string list_;
  size_t width_ = 0;
};

}  // namespace harmoni::db
