// Result<T>: expected failures as values (after SerenityOS's ErrorOr).
//
// An Error carries a message *key* from the message catalogs (assets/i18n), not a
// sentence, so the request boundary can say what is wrong in the user's language.
// Exceptions from libraries stop at the request boundary; code that can fail in an
// expected way returns Result and callers propagate with TRY.
#pragma once

#include <cassert>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace harmoni {

enum class ErrorKind {
  kInvalid,       // the input breaks a rule (400 / 422)
  kUnauthorized,  // no valid credentials (401)
  kForbidden,     // credentials fine, not allowed (403)
  kNotFound,      // no such thing, or not visible to this user (404)
  kConflict,      // clashes with what is stored (409)
  kTooLarge,      // body or file over the limit (413)
  kTooMany,       // throttled (429)
  kUnavailable,   // storage full, read-only, or shutting down (503)
  kInternal,      // a bug or an unexpected library failure (500)
};

using MessageArgs = std::map<std::string, std::string>;

// One problem with one input field: `field` names it as the client sent it
// (e.g. "nip", "rows[12].unit"), `key` is the catalog key of the explanation.
struct FieldError {
  std::string field;
  std::string key;
  MessageArgs args;
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string key;  // catalog key of the summary, e.g. "error.validation"
  MessageArgs args;
  std::vector<FieldError> fields;
  // For logs only, never shown to users (may name tables, never personal data).
  std::string internal_detail;

  static Error invalid(std::string key, MessageArgs args = {}) {
    return Error{ErrorKind::kInvalid, std::move(key), std::move(args), {}, {}};
  }
  static Error field(std::string field, std::string key, MessageArgs args = {}) {
    Error e{ErrorKind::kInvalid, "error.validation", {}, {}, {}};
    e.fields.push_back(FieldError{std::move(field), std::move(key), std::move(args)});
    return e;
  }
  static Error fields_invalid(std::vector<FieldError> fields) {
    return Error{ErrorKind::kInvalid, "error.validation", {}, std::move(fields), {}};
  }
  static Error not_found(std::string key = "error.not_found") {
    return Error{ErrorKind::kNotFound, std::move(key), {}, {}, {}};
  }
  static Error forbidden(std::string key = "error.forbidden") {
    return Error{ErrorKind::kForbidden, std::move(key), {}, {}, {}};
  }
  static Error unauthorized(std::string key = "error.unauthorized") {
    return Error{ErrorKind::kUnauthorized, std::move(key), {}, {}, {}};
  }
  static Error conflict(std::string key, MessageArgs args = {}) {
    return Error{ErrorKind::kConflict, std::move(key), std::move(args), {}, {}};
  }
  static Error too_many(std::string key = "error.too_many") {
    return Error{ErrorKind::kTooMany, std::move(key), {}, {}, {}};
  }
  static Error too_large(std::string key = "error.too_large") {
    return Error{ErrorKind::kTooLarge, std::move(key), {}, {}, {}};
  }
  static Error unavailable(std::string key, std::string detail = {}) {
    return Error{ErrorKind::kUnavailable, std::move(key), {}, {}, std::move(detail)};
  }
  static Error internal(std::string detail) {
    return Error{ErrorKind::kInternal, "error.internal", {}, {}, std::move(detail)};
  }

  // Something the user can correct (input, permission, a clash, a limit), as opposed to
  // a fault of ours or of the storage. A form shows the former beside its fields.
  bool is_users_fault() const {
    return kind != ErrorKind::kInternal && kind != ErrorKind::kUnavailable;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T release_value() {
    assert(ok());
    return std::move(std::get<0>(state_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error release_error() {
    assert(!ok());
    return std::move(std::get<1>(state_));
  }
  // Success or the error, without the value.
  Result<void> status() const;
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(value()); }  // `*db.read(...)` takes the value out

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  void release_value() {}
  const Error& error() const {
    assert(!ok());
    return *error_;
  }
  Error release_error() {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

template <class T>
Status Result<T>::status() const {
  if (ok()) return {};
  return error();
}

}  // namespace harmoni

// Evaluates a Result; on failure returns its Error from the enclosing function,
// otherwise yields the value. Uses a GNU statement expression (g++ and clang).
// Never use it inside a braced initializer list ({{"a", TRY(x)}}): returning from
// there skips the destructors of the elements built so far (LeakSanitizer shows it).
// Take the value into a variable first.
#define TRY(expr)                          \
  ({                                       \
    auto _harmoni_try = (expr);            \
    if (!_harmoni_try.ok()) {              \
      return _harmoni_try.release_error(); \
    }                                      \
    _harmoni_try.release_value();          \
  })
