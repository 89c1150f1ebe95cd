#include "accounts/account_store.hpp"

#include "org/org_store.hpp"

namespace harmoni::accounts {
namespace {

#define HARMONI_USER_SELECT                                                                    \
  "SELECT u.id, u.email, u.display_name, u.role, u.instansi_id, u.unit_id, u.asn_id, u.lang, " \
  "u.active, COALESCE(i.code, ''), COALESCE(un.code, ''), COALESCE(a.nip, '') FROM users u "   \
  "LEFT JOIN instansi i ON i.id = u.instansi_id LEFT JOIN units un ON un.id = u.unit_id "      \
  "LEFT JOIN asn a ON a.id = u.asn_id "

User user_from_row(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.email = r.text(1);
  u.display_name = r.text(2);
  u.role = auth::parse_role(r.text(3)).value_or(auth::Role::kOfficer);
  u.instansi_id = r.opt_i64(4);
  u.unit_id = r.opt_i64(5);
  u.asn_id = r.opt_i64(6);
  u.lang = r.text(7);
  u.active = r.boolean(8);
  u.instansi_code = r.text(9);
  u.unit_code = r.text(10);
  u.asn_nip = r.text(11);
  return u;
}

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
  std::vector<User> out;
  auto on_row = [&](const db::Row& r) {
    out.push_back(user_from_row(r));
    return true;
  };
  if (instansi_id) {
    TRY(tx.each(HARMONI_USER_SELECT "WHERE u.instansi_id = ? ORDER BY u.email", {*instansi_id},
                on_row));
  } else {
    TRY(tx.each(HARMONI_USER_SELECT "ORDER BY u.email", {}, on_row));
  }
  return out;
}

Result<std::optional<User>> find_user(db::Tx& tx, int64_t id) {
  auto row = TRY(tx.query_one(HARMONI_USER_SELECT "WHERE u.id = ?", {id}));
  if (!row) return std::optional<User>{};
  return std::optional<User>{user_from_row(*row)};
}

Result<std::optional<User>> find_user_by_email(db::Tx& tx, const std::string& email) {
  auto row = TRY(tx.query_one(HARMONI_USER_SELECT "WHERE u.email = ?", {email}));
  if (!row) return std::optional<User>{};
  return std::optional<User>{user_from_row(*row)};
}

}  // namespace harmoni::accounts
