#include "platform/auth/auth_store.hpp"

#include <algorithm>

#include "platform/auth/password.hpp"
#include "platform/db/row_map.hpp"

namespace harmoni::auth {
namespace {

const db::RowMap<Principal> kPrincipalRow{{"u.id", &Principal::user_id},
                                          {"u.email", &Principal::email},
                                          {"u.display_name", &Principal::display_name},
                                          {"u.role", &Principal::role},
                                          {"u.instansi_id", &Principal::instansi_id},
                                          {"u.unit_id", &Principal::unit_id},
                                          {"COALESCE(un.path, '')", &Principal::unit_path},
                                          {"u.asn_id", &Principal::asn_id},
                                          {"u.lang", &Principal::lang}};
const std::string kPrincipalSelect = "SELECT " + kPrincipalRow.columns();

// A stored hash of a random password: verifying against it when the e-mail is
// unknown makes both failures take the same time.
const std::string& dummy_hash() {
  static const std::string hash = [] {
    auto h = hash_password("harmoni-no-such-user-password");
    return h.ok() ? h.value() : std::string();
  }();
  return hash;
}

}  // namespace

AuthStore::AuthStore(db::Database& db, const Clock& clock, Random& random, AuthSettings settings)
    : db_(db), clock_(clock), random_(random), settings_(settings) {}

Result<int64_t> AuthStore::blocked_for(const std::string& key) {
  int64_t now = clock_.now_seconds();
  return db_.read([&](db::Tx& tx) -> Result<int64_t> {
    auto row =
        TRY(tx.query_one("SELECT blocked_until FROM login_throttle WHERE throttle_key = ?", {key}));
    if (!row || row->i64(0) <= now) return int64_t{0};
    return row->i64(0) - now;
  });
}

Status AuthStore::record_failure(const std::string& key, int max_failures) {
  int64_t now = clock_.now_seconds();
  return db_.write([&](db::Tx& tx) -> Status {
    auto row = TRY(tx.query_one(
        "SELECT failures, updated_at FROM login_throttle WHERE throttle_key = ?", {key}));
    bool recent = row && row->i64(1) + settings_.failure_window_s > now;
    int64_t failures = (recent ? row->i64(0) : 0) + 1;
    int64_t blocked_until = 0;
    if (failures >= max_failures) {
      int64_t shift = std::min<int64_t>(failures - max_failures, 20);
      blocked_until = now + std::min(settings_.first_block_s << shift, settings_.max_block_s);
    }
    TRY(
        tx.exec("INSERT INTO login_throttle (throttle_key, failures, blocked_until, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = "
                "excluded.failures, blocked_until = excluded.blocked_until, updated_at = "
                "excluded.updated_at",
                {key, failures, blocked_until, now}));
    return {};
  });
}

Result<NewSession> AuthStore::login(std::string_view email_in, std::string_view password,
                                    std::string_view client_addr) {
  const std::string email = normalize_email(email_in);
  const std::string account_key = "account:" + sha256_hex(email);
  const std::string address_key = "address:" + sha256_hex(client_addr);
  int64_t wait = std::max(TRY(blocked_for(account_key)), TRY(blocked_for(address_key)));
  if (wait > 0) {
    Error e = Error::too_many("auth.throttled");
    e.args = {{"seconds", std::to_string(wait)}};
    return e;
  }
  auto user = TRY(db_.read([&](db::Tx& tx) -> Result<std::optional<db::Row>> {
    return tx.query_one("SELECT id, password_hash FROM users WHERE email = ? AND active = 1",
                        {email});
  }));
  // Argon2id runs outside any transaction: it is slow on purpose.
  bool ok = verify_password(user ? user->text(1) : dummy_hash(), password) && user.has_value();
  if (!ok) {
    TRY(record_failure(account_key, settings_.max_account_failures));
    TRY(record_failure(address_key, settings_.max_address_failures));
    return Error::unauthorized("auth.bad_credentials");
  }
  int64_t user_id = user->i64(0);
  std::string token = random_.token(32);
  std::string csrf = random_.token(24);
  int64_t now = clock_.now_seconds();
  auto principal = TRY(db_.write([&](db::Tx& tx) -> Result<Principal> {
    TRY(tx.exec("DELETE FROM login_throttle WHERE throttle_key = ?", {account_key}));
    TRY(
        tx.exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen) VALUES "
                "(?, ?, ?, ?, ?)",
                {sha256_hex(token), user_id, csrf, now, now}));
    // Old sessions past their absolute lifetime are swept here, so the table stays small.
    TRY(tx.exec("DELETE FROM sessions WHERE created_at < ?", {now - settings_.absolute_timeout_s}));
    auto p = TRY(principal_for_user(tx, user_id));
    if (!p) return Error::unauthorized("auth.bad_credentials");
    return *p;
  }));
  principal.csrf_token = csrf;
  return NewSession{token, principal};
}

Result<std::optional<Principal>> AuthStore::session(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::optional<Principal>{};
  const std::string id_hash = sha256_hex(token);
  const int64_t now = clock_.now_seconds();
  auto found =
      TRY(db_.read([&](db::Tx& tx) -> Result<std::optional<std::pair<Principal, int64_t>>> {
        auto row = TRY(tx.query_one(
            kPrincipalSelect +
                ", s.csrf_token, s.created_at, s.last_seen FROM sessions s JOIN users u ON u.id = "
                "s.user_id LEFT JOIN units un ON un.id = u.unit_id WHERE s.id_hash = ? AND "
                "u.active = 1",
            {id_hash}));
        if (!row) return std::optional<std::pair<Principal, int64_t>>{};
        const size_t after = kPrincipalRow.size();  // the session's columns follow
        const int64_t created = row->i64(after + 1), last_seen = row->i64(after + 2);
        if (created + settings_.absolute_timeout_s <= now ||
            last_seen + settings_.idle_timeout_s <= now) {
          return std::optional<std::pair<Principal, int64_t>>{};
        }
        Principal p = kPrincipalRow.read(*row);
        p.csrf_token = row->text(after);
        return std::optional<std::pair<Principal, int64_t>>{std::pair{p, last_seen}};
      }));
  if (!found) return std::optional<Principal>{};
  // Refresh last_seen at most once a minute: a write per request would cost more than it tells.
  if (found->second + 60 <= now) {
    TRY(db_.write([&](db::Tx& tx) -> Status {
      TRY(tx.exec("UPDATE sessions SET last_seen = ? WHERE id_hash = ?", {now, id_hash}));
      return {};
    }));
  }
  return std::optional<Principal>{found->first};
}

Status AuthStore::logout(std::string_view token) {
  std::string id_hash = sha256_hex(token);
  return db_.write([&](db::Tx& tx) -> Status {
    TRY(tx.exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}));
    return {};
  });
}

Status AuthStore::end_user_sessions(db::Tx& tx, int64_t user_id) {
  TRY(tx.exec("DELETE FROM sessions WHERE user_id = ?", {user_id}));
  return {};
}

Result<std::string> AuthStore::create_api_token(db::Tx& tx, int64_t user_id,
                                                std::string_view name) {
  std::string token = "hrm_" + random_.token(32);
  TRY(tx.exec("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
              {user_id, name, sha256_hex(token), clock_.now_seconds()}));
  return token;
}

Result<std::vector<ApiTokenInfo>> list_api_tokens(db::Tx& tx, int64_t user_id) {
  std::vector<ApiTokenInfo> out;
  TRY(tx.each(
      "SELECT id, name FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
      {user_id}, [&](const db::Row& row) {
        out.push_back({row.i64(0), row.text(1)});
        return true;
      }));
  return out;
}

Result<bool> revoke_api_token(db::Tx& tx, int64_t user_id, int64_t token_id, int64_t now) {
  int64_t n = TRY(tx.exec(
      "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
      {now, token_id, user_id}));
  return n > 0;
}

Result<std::optional<Principal>> AuthStore::api_token(std::string_view token) {
  if (!token.starts_with("hrm_") || token.size() > 128) return std::optional<Principal>{};
  std::string hash = sha256_hex(token);
  return db_.read([&](db::Tx& tx) -> Result<std::optional<Principal>> {
    auto p = TRY(kPrincipalRow.one(
        tx,
        kPrincipalSelect +
            " FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN units un ON un.id = "
            "u.unit_id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1",
        {hash}));
    if (p) p->via_api_token = true;
    return p;
  });
}

Result<std::optional<Principal>> AuthStore::principal_for_user(db::Tx& tx, int64_t user_id) {
  return kPrincipalRow.one(tx,
                           kPrincipalSelect +
                               " FROM users u LEFT JOIN units un ON un.id = u.unit_id "
                               "WHERE u.id = ? AND u.active = 1",
                           {user_id});
}

}  // namespace harmoni::auth
