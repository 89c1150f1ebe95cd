#include "accounts/account_store.hpp"

#include "org/org_store.hpp"
#include "platform/db/row_map.hpp"

namespace harmoni::accounts {
namespace {

const db::RowMap<User> kUserRow{{"u.id", &User::id},
                                {"u.email", &User::email},
                                {"u.display_name", &User::display_name},
                                {"u.role", &User::role},
                                {"u.instansi_id", &User::instansi_id},
                                {"u.unit_id", &User::unit_id},
                                {"u.asn_id", &User::asn_id},
                                {"u.lang", &User::lang},
                                {"u.active", &User::active},
                                {"COALESCE(i.code, '')", &User::instansi_code},
                                {"COALESCE(un.code, '')", &User::unit_code},
                                {"COALESCE(a.nip, '')", &User::asn_nip}};

const std::string kUserSelect =
    "SELECT " + kUserRow.columns() +
    " FROM users u LEFT JOIN instansi i ON i.id = u.instansi_id LEFT JOIN units un ON un.id = "
    "u.unit_id LEFT JOIN asn a ON a.id = u.asn_id ";

struct ResolvedScope {
  std::optional<int64_t> instansi_id, unit_id, asn_id;
};

Result<ResolvedScope> resolve(db::Tx& tx, const UserDraft& d) {
  ResolvedScope s;
  std::vector<FieldError> errors;
  if (!d.instansi_code.empty()) {
    auto instansi = TRY(org::find_instansi_by_code(tx, d.instansi_code));
    if (!instansi) {
      errors.push_back({"instansi", "instansi.unknown", {{"code", d.instansi_code}}});
    } else {
      s.instansi_id = instansi->id;
      if (!d.unit_code.empty()) {
        auto unit = TRY(org::find_unit(tx, instansi->id, d.unit_code));
        if (!unit)
          errors.push_back({"unit", "unit.unknown", {{"code", d.unit_code}}});
        else
          s.unit_id = unit->id;
      }
      if (!d.asn_nip.empty()) {
        auto asn = TRY(org::find_asn_by_nip(tx, d.asn_nip));
        if (!asn || asn->instansi_id != instansi->id)
          errors.push_back({"asn", "asn.unknown", {}});
        else
          s.asn_id = asn->id;
      }
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return s;
}

Error email_taken() { return Error::field("email", "user.email_taken"); }

}  // namespace

Result<int64_t> insert_user(db::Tx& tx, const UserDraft& d, const std::string& password_hash,
                            int64_t now) {
  ResolvedScope s = TRY(resolve(tx, d));
  if (TRY(tx.scalar_i64("SELECT count(*) FROM users WHERE email = ?", {d.email})) > 0) {
    return email_taken();
  }
  return tx.insert_returning_id(
      "INSERT INTO users (email, display_name, password_hash, role, instansi_id, unit_id, asn_id, "
      "lang, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {d.email, d.display_name, password_hash, d.role, s.instansi_id, s.unit_id, s.asn_id, d.lang,
       d.active, now, now});
}

Status update_user(db::Tx& tx, int64_t id, const UserDraft& d,
                   const std::optional<std::string>& password_hash, int64_t now) {
  ResolvedScope s = TRY(resolve(tx, d));
  if (TRY(tx.scalar_i64("SELECT count(*) FROM users WHERE email = ? AND id <> ?", {d.email, id})) >
      0) {
    return email_taken();
  }
  TRY(tx.exec(
      "UPDATE users SET email = ?, display_name = ?, role = ?, instansi_id = ?, unit_id = ?, "
      "asn_id = ?, lang = ?, active = ?, updated_at = ? WHERE id = ?",
      {d.email, d.display_name, d.role, s.instansi_id, s.unit_id, s.asn_id, d.lang, d.active, now,
       id}));
  if (password_hash) {
    TRY(tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", {*password_hash, id}));
  }
  return {};
}

Result<std::vector<User>> list_users(db::Tx& tx, std::optional<int64_t> instansi_id) {
  if (instansi_id) {
    return kUserRow.all(tx, kUserSelect + "WHERE u.instansi_id = ? ORDER BY u.email",
                        {*instansi_id});
  }
  return kUserRow.all(tx, kUserSelect + "ORDER BY u.email");
}

Result<std::optional<User>> find_user(db::Tx& tx, int64_t id) {
  return kUserRow.one(tx, kUserSelect + "WHERE u.id = ?", {id});
}

Result<std::optional<User>> find_user_by_email(db::Tx& tx, const std::string& email) {
  return kUserRow.one(tx, kUserSelect + "WHERE u.email = ?", {email});
}

Result<std::optional<std::string>> password_hash_of(db::Tx& tx, int64_t user_id) {
  auto row = TRY(tx.query_one("SELECT password_hash FROM users WHERE id = ?", {user_id}));
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>{row->text(0)};
}

Result<bool> replace_password_hash(db::Tx& tx, int64_t user_id, const std::string& expected,
                                   const std::string& fresh, int64_t now) {
  int64_t n = TRY(tx.exec(
      "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?",
      {fresh, now, user_id, expected}));
  return n > 0;
}

}  // namespace harmoni::accounts
