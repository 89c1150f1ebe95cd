#include "accounts/account_cases.hpp"

#include <fmt/format.h>

#include "accounts/account_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/credentials.hpp"
#include "platform/auth/password.hpp"

namespace harmoni::accounts {
namespace {

// The draft's shape, then whether the actor may give that role in that instansi.
Status check_draft(db::Tx& tx, const Actor& actor, UserDraft& draft, bool creating) {
  auto errors = validate_user(draft, creating);
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  auto role = *parse_enum<auth::Role>(draft.role);
  std::optional<int64_t> target_instansi;
  if (!draft.instansi_code.empty()) {
    auto instansi = TRY(org::find_instansi_by_code(tx, draft.instansi_code));
    if (instansi) target_instansi = instansi->id;
  }
  if (!may_manage(actor.user(), role, target_instansi)) {
    return Error::forbidden("user.manage_forbidden");
  }
  return {};
}

}  // namespace

Result<auth::NewSession> log_in(const Env& env, auth::AuthStore& auth, const Actor& actor,
                                std::string_view email, std::string_view password) {
  auto session = TRY(auth.login(email, password, actor.source));
  Actor signed_in = actor;
  signed_in.principal = &session.principal;
  TRY(env.db.write([&](db::Tx& tx) {
    return audit::append(
        tx,
        signed_in.audit("user.login", "user", std::to_string(session.principal.user_id),
                        session.principal.instansi_id),
        env.now_ms());
  }));
  return session;
}

Result<std::optional<std::string>> own_nip(const Env& env, const Actor& actor) {
  if (!actor.user().asn_id) return std::optional<std::string>{};
  auto asn =
      TRY(env.db.read([&](db::Tx& tx) { return org::find_asn_by_id(tx, *actor.user().asn_id); }));
  if (!asn) return std::optional<std::string>{};
  return std::optional<std::string>{asn->nip};
}

Result<std::vector<auth::ApiTokenInfo>> own_tokens(const Env& env, const Actor& actor) {
  return env.db.read([&](db::Tx& tx) { return auth::list_api_tokens(tx, actor.user().user_id); });
}

Status change_own_password(const Env& env, auth::AuthStore& auth, const Actor& actor,
                           std::string_view current, std::string_view fresh) {
  TRY(auth::check_password_rule(fresh));
  const auto& p = actor.user();
  auto stored = TRY(env.db.read([&](db::Tx& tx) { return password_hash_of(tx, p.user_id); }));
  if (!stored || !auth::verify_password(*stored, current)) {
    return Error::field("current_password", "account.wrong_password");
  }
  std::string hash = TRY(auth::hash_password(fresh));
  return env.db.write([&](db::Tx& tx) -> Status {
    // Changed by another request since it was checked: the current password is no longer it.
    if (!TRY(replace_password_hash(tx, p.user_id, *stored, hash, env.now_seconds()))) {
      return Error::field("current_password", "account.wrong_password");
    }
    TRY(auth.end_user_sessions(tx, p.user_id));
    return audit::append(
        tx, actor.audit("user.password", "user", std::to_string(p.user_id), p.instansi_id),
        env.now_ms());
  });
}

Result<std::string> create_own_token(const Env& env, auth::AuthStore& auth, const Actor& actor,
                                     std::string_view name) {
  const auto& p = actor.user();
  return env.db.write([&](db::Tx& tx) -> Result<std::string> {
    std::string token = TRY(auth.create_api_token(tx, p.user_id, name));
    TRY(audit::append(tx,
                      actor.audit("token.create", "user", std::to_string(p.user_id), p.instansi_id),
                      env.now_ms()));
    return token;
  });
}

Status revoke_own_token(const Env& env, const Actor& actor, int64_t token_id) {
  const auto& p = actor.user();
  return env.db.write([&](db::Tx& tx) -> Status {
    if (!TRY(auth::revoke_api_token(tx, p.user_id, token_id, env.now_seconds()))) {
      return Error::not_found();
    }
    return audit::append(
        tx, actor.audit("token.revoke", "api_token", std::to_string(token_id), p.instansi_id),
        env.now_ms());
  });
}

Result<std::vector<User>> managed_users(const Env& env, const Actor& actor,
                                        std::string_view instansi_code) {
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<User>> {
    std::optional<int64_t> scope = actor.user().instansi_id;
    if (actor.user().role == auth::Role::kSystemAdmin) {
      auto filter = TRY(org::find_instansi_by_code(tx, org::upper_code(instansi_code)));
      scope = filter ? std::optional(filter->id) : std::nullopt;
    }
    return list_users(tx, scope);
  });
}

Result<User> managed_user(const Env& env, const Actor& actor, int64_t id) {
  auto user = TRY(env.db.read([&](db::Tx& tx) { return find_user(tx, id); }));
  if (!user || !may_manage(actor.user(), user->role, user->instansi_id)) return Error::not_found();
  return *user;
}

Result<int64_t> create_user(const Env& env, const Actor& actor, UserDraft draft) {
  TRY(env.db.read([&](db::Tx& tx) { return check_draft(tx, actor, draft, true); }));
  std::string hash = TRY(auth::hash_password(draft.password));
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    // Checked again with the write: the instansi could have changed meanwhile.
    TRY(check_draft(tx, actor, draft, true));
    int64_t id = TRY(insert_user(tx, draft, hash, env.now_seconds()));
    auto instansi = TRY(org::find_instansi_by_code(tx, draft.instansi_code));
    TRY(audit::append(tx,
                      actor.audit("user.create", "user", std::to_string(id),
                                  instansi ? std::optional<int64_t>(instansi->id) : std::nullopt,
                                  fmt::format(R"({{"role":"{}"}})", draft.role)),
                      env.now_ms()));
    return id;
  });
}

Status change_user(const Env& env, auth::AuthStore& auth, const Actor& actor, const User& current,
                   UserDraft draft) {
  TRY(env.db.read([&](db::Tx& tx) { return check_draft(tx, actor, draft, false); }));
  std::optional<std::string> hash;
  if (!draft.password.empty()) hash = TRY(auth::hash_password(draft.password));
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(check_draft(tx, actor, draft, false));
    TRY(update_user(tx, current.id, draft, hash, env.now_seconds()));
    if (hash || !draft.active || draft.role != enum_name(current.role)) {
      TRY(auth.end_user_sessions(tx, current.id));
    }
    return audit::append(tx,
                         actor.audit("user.update", "user", std::to_string(current.id),
                                     current.instansi_id, hash ? R"({"password":true})" : "{}"),
                         env.now_ms());
  });
}

UserDraft draft_from(const User& u) {
  return UserDraft{.email = u.email,
                   .display_name = u.display_name,
                   .role = std::string(enum_name(u.role)),
                   .instansi_code = u.instansi_code,
                   .unit_code = u.unit_code,
                   .asn_nip = u.asn_nip,
                   .lang = u.lang,
                   .active = u.active};
}

}  // namespace harmoni::accounts
