// Login, logout, preferences, the home page, one's own account and API tokens,
// and user administration (pages and /api/v1/users).
#include "accounts/account_routes.hpp"

#include <fmt/format.h>

#include "accounts/account_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::accounts {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

nlohmann::json user_json(const User& u) {
  return {
      {"id", u.id},
      {"email", u.email},
      {"display_name", u.display_name},
      {"role", auth::role_name(u.role)},
      {"instansi", u.instansi_code.empty() ? nlohmann::json() : nlohmann::json(u.instansi_code)},
      {"unit", u.unit_code.empty() ? nlohmann::json() : nlohmann::json(u.unit_code)},
      {"asn_nip", u.asn_nip.empty() ? nlohmann::json() : nlohmann::json(u.asn_nip)},
      {"lang", u.lang},
      {"active", u.active}};
}

// Reads a user from form or JSON. partial: only fields present change `base`.
UserDraft read_user_draft(web::Input& in, UserDraft base, bool partial) {
  auto field = [&](std::string_view name, std::string& target, web::TextRule rule) {
    if (partial && !in.has(name)) return;
    target = in.text(name, rule).value_or("");
  };
  field("email", base.email, {.required = true, .max_chars = 254});
  field("display_name", base.display_name, {.required = true, .max_chars = 100});
  field("role", base.role, {.required = true, .max_chars = 32});
  field("instansi", base.instansi_code, {.required = false, .max_chars = 32});
  field("unit", base.unit_code, {.required = false, .max_chars = 32});
  field("asn_nip", base.asn_nip, {.required = false, .max_chars = 32});
  field("lang", base.lang, {.required = false, .max_chars = 5});
  if (base.lang.empty()) base.lang = "id";
  field("password", base.password, {.required = false, .max_chars = 256});
  if (!partial || in.has("active")) {
    base.active = in.is_json() ? (in.has("active") ? in.flag("active") : true) : in.flag("active");
  }
  return base;
}

UserDraft draft_from(const User& u) {
  UserDraft d;
  d.email = u.email;
  d.display_name = u.display_name;
  d.role = std::string(auth::role_name(u.role));
  d.instansi_code = u.instansi_code;
  d.unit_code = u.unit_code;
  d.asn_nip = u.asn_nip;
  d.lang = u.lang;
  d.active = u.active;
  return d;
}

Status check_draft(const Context& ctx, UserDraft& draft, bool creating) {
  auto errors = validate_user(draft, creating);
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  auto role = *auth::parse_role(draft.role);
  std::optional<int64_t> target_instansi;
  if (!draft.instansi_code.empty()) {
    auto instansi = TRY(ctx.services.db.read(
        [&](db::Tx& tx) { return org::find_instansi_by_code(tx, draft.instansi_code); }));
    if (instansi) target_instansi = instansi->id;
  }
  if (!may_manage(ctx.user(), role, target_instansi))
    return Error::forbidden("user.manage_forbidden");
  return {};
}

Result<int64_t> create_user_action(Context& ctx, web::Input& in) {
  UserDraft draft = read_user_draft(in, UserDraft{}, false);
  in.ignore("_csrf");
  TRY(in.finish());
  TRY(check_draft(ctx, draft, true));
  std::string hash = TRY(auth::hash_password(draft.password));
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_user(tx, draft, hash, now));
    auto instansi = TRY(org::find_instansi_by_code(tx, draft.instansi_code));
    TRY(audit::append(tx,
                      ctx.audit("user.create", "user", std::to_string(id),
                                instansi ? std::optional<int64_t>(instansi->id) : std::nullopt,
                                fmt::format(R"({{"role":"{}"}})", draft.role)),
                      ctx.now_ms()));
    return id;
  });
}

// The user `id` if the actor may manage it; not found otherwise (no leak of existence).
Result<User> managed_user(const Context& ctx, int64_t id) {
  auto user = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_user(tx, id); }));
  if (!user || !may_manage(ctx.user(), user->role, user->instansi_id)) return Error::not_found();
  return *user;
}

Status update_user_action(Context& ctx, const User& current, web::Input& in, bool partial) {
  UserDraft draft = read_user_draft(in, draft_from(current), partial);
  in.ignore("_csrf");
  TRY(in.finish());
  TRY(check_draft(ctx, draft, false));
  std::optional<std::string> hash;
  if (!draft.password.empty()) hash = TRY(auth::hash_password(draft.password));
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(update_user(tx, current.id, draft, hash, now));
    // A new password, role or deactivation ends the user's sessions.
    if (hash || !draft.active || draft.role != auth::role_name(current.role)) {
      TRY(ctx.services.auth.end_user_sessions(tx, current.id));
    }
    return audit::append(tx,
                         ctx.audit("user.update", "user", std::to_string(current.id),
                                   current.instansi_id, hash ? R"({"password":true})" : "{}"),
                         ctx.now_ms());
  });
}

nlohmann::json role_options(const Context& ctx, std::string_view selected) {
  nlohmann::json out = nlohmann::json::array();
  for (auth::Role r : auth::kAllRoles) {
    if (r == auth::Role::kSystemAdmin && ctx.user().role != auth::Role::kSystemAdmin) continue;
    std::string name(auth::role_name(r));
    out.push_back(
        {{"value", name}, {"label", ctx.t("role." + name)}, {"selected", name == selected}});
  }
  return out;
}

nlohmann::json user_form_data(const Context& ctx, const UserDraft& d) {
  return {{"email", d.email},
          {"display_name", d.display_name},
          {"roles", role_options(ctx, d.role)},
          {"instansi", d.instansi_code},
          {"unit", d.unit_code},
          {"asn_nip", d.asn_nip},
          {"lang_id_selected", d.lang == "id"},
          {"lang_en_selected", d.lang == "en"},
          {"active", d.active}};
}

std::optional<int64_t> listing_scope(const Context& ctx,
                                     Result<std::optional<org::Instansi>>& filter) {
  if (ctx.user().role != auth::Role::kSystemAdmin) return ctx.user().instansi_id;
  if (filter.ok() && filter.value()) return filter.value()->id;
  return std::nullopt;
}

Reply login_page(Context& ctx, const nlohmann::json& extra, int status) {
  nlohmann::json data = {
      {"form_csrf", ctx.form_csrf_token()},
      {"next", web::local_path_or(ctx.request.query_param("next").value_or(""), "/")}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("login", data, "login.title", status);
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();
  app.add_nav({10, "nav.home", "/", std::nullopt, {}});
  app.add_nav({80, "nav.users", "/users", Permission::kUserManage, {}});
  app.add_nav({90, "nav.account", "/account", std::nullopt, {}});

  r.add("GET", "/login",
        [](Context& ctx) -> Reply {
          if (ctx.principal) return ctx.redirect("/");
          return login_page(ctx, nlohmann::json::object(), 200);
        },
        {.access = Access::kPublic});

  r.add("POST", "/login",
        [](Context& ctx) -> Reply {
          auto in = TRY(ctx.input());
          std::string email = in.text("email", {.required = true, .max_chars = 254}).value_or("");
          std::string password =
              in.text("password", {.required = true, .max_chars = 256}).value_or("");
          std::string next = web::local_path_or(
              in.text("next", {.required = false, .max_chars = 2000}).value_or("/"), "/");
          if (in.has_errors()) {
            return login_page(ctx, {{"error", ctx.t("login.missing")}, {"email", email}}, 422);
          }
          auto session = ctx.services.auth.login(email, password, ctx.request.remote_addr);
          if (!session.ok()) {
            const Error& e = session.error();
            if (e.kind != ErrorKind::kUnauthorized && e.kind != ErrorKind::kTooMany) return e;
            return login_page(ctx, {{"error", ctx.t(e.key, e.args)}, {"email", email}},
                              web::status_for(e));
          }
          ctx.principal = session->principal;
          TRY(web::record_audit(
              ctx, ctx.audit("user.login", "user", std::to_string(session->principal.user_id),
                             session->principal.instansi_id)));
          auto res = ctx.redirect(next);
          int64_t max_age = ctx.services.config.session_absolute_hours * 3600;
          res.set_cookie(web::kSessionCookie, session->token, ctx.cookie_attributes(max_age));
          // A language chosen before login wins; otherwise the user's own.
          return res;
        },
        {.access = Access::kPublic, .body_limit = 16 * 1024});

  r.add("POST", "/logout", [](Context& ctx) -> Reply {
    TRY(ctx.services.auth.logout(ctx.request.cookie(web::kSessionCookie)));
    auto res = ctx.redirect("/login", "login.logged_out");
    res.set_cookie(web::kSessionCookie, "", ctx.cookie_attributes(0));
    return res;
  });

  // Language and large-text switches work as plain links, without JavaScript.
  r.add("GET", "/prefs",
        [](Context& ctx) -> Reply {
          auto res =
              ctx.redirect(web::local_path_or(ctx.request.query_param("back").value_or("/"), "/"));
          if (auto lang = ctx.request.query_param("lang");
              lang && ctx.services.catalogs.supports(*lang)) {
            res.set_cookie("harmoni_lang", *lang, ctx.cookie_attributes(365 * 24 * 3600, false));
          }
          if (auto text = ctx.request.query_param("text"); text == "large" || text == "normal") {
            res.set_cookie("harmoni_text", *text, ctx.cookie_attributes(365 * 24 * 3600, false));
          }
          return res;
        },
        {.access = Access::kPublic});

  r.add("GET", "/", [](Context& ctx) -> Reply {
    const auto& p = ctx.user();
    nlohmann::json data = {{"display_name", p.display_name},
                           {"role_label", ctx.t("role." + std::string(auth::role_name(p.role)))}};
    if (p.instansi_id) {
      auto instansi = TRY(
          ctx.services.db.read([&](db::Tx& tx) { return org::find_instansi(tx, *p.instansi_id); }));
      if (instansi) {
        data["instansi_name"] = instansi->name;
        data["instansi_code"] = instansi->code;
      }
    }
    data["can_org"] = p.can(Permission::kOrgRead);
    data["can_asn"] = p.can(Permission::kAsnRead);
    data["can_manage_asn"] = p.can(Permission::kAsnManage);
    data["can_users"] = p.can(Permission::kUserManage);
    data["can_audit"] = p.can(Permission::kAuditRead);
    data["is_system_admin"] = p.role == auth::Role::kSystemAdmin;
    return ctx.page("home", data, "home.title");
  });

  r.add("GET", "/api/v1/me", [](Context& ctx) -> Reply {
    const auto& p = ctx.user();
    // The caller's own civil-servant record, if the account has one (their inbox,
    // results and plan are addressed by it).
    nlohmann::json nip = nullptr;
    if (p.asn_id) {
      auto row = TRY(ctx.services.db.read([&](db::Tx& tx) {
        return tx.query_one("SELECT nip FROM asn WHERE id = ?", {*p.asn_id});
      }));
      if (row) nip = row->text(0);
    }
    return ctx.json(
        200, {{"id", p.user_id},
              {"asn_nip", nip},
              {"email", p.email},
              {"display_name", p.display_name},
              {"role", auth::role_name(p.role)},
              {"instansi_id", p.instansi_id ? nlohmann::json(*p.instansi_id) : nlohmann::json()},
              {"unit_id", p.unit_id ? nlohmann::json(*p.unit_id) : nlohmann::json()},
              {"lang", p.lang}});
  });

  // ---- one's own account ----
  auto account_page = [](Context& ctx, nlohmann::json extra, int status) -> Reply {
    const auto& p = ctx.user();
    nlohmann::json tokens = nlohmann::json::array();
    TRY(ctx.services.db.read([&](db::Tx& tx) -> Status {
      return tx.each(
          "SELECT id, name, created_at FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL "
          "ORDER BY id",
          {p.user_id}, [&](const db::Row& row) {
            tokens.push_back({{"id", row.i64(0)}, {"name", row.text(1)}});
            return true;
          });
    }));
    nlohmann::json data = {{"email", p.email},
                           {"display_name", p.display_name},
                           {"role_label", ctx.t("role." + std::string(auth::role_name(p.role)))},
                           {"tokens", tokens},
                           {"has_tokens", !tokens.empty()}};
    for (auto& [k, v] : extra.items()) data[k] = v;
    return ctx.page("account", data, "account.title", status);
  };

  r.add("GET", "/account", [account_page](Context& ctx) -> Reply {
    return account_page(ctx, nlohmann::json::object(), 200);
  });

  r.add("POST", "/account/password",
        [account_page](Context& ctx) -> Reply {
          auto in = TRY(ctx.input());
          std::string current = in.text("current_password", {.max_chars = 256}).value_or("");
          std::string fresh = in.text("new_password", {.max_chars = 256}).value_or("");
          in.ignore("_csrf");
          Status checked = in.finish();
          if (checked.ok()) checked = auth::check_password_rule(fresh);
          if (!checked.ok()) {
            return account_page(ctx, {{"password_errors", ctx.field_errors(checked.error())}}, 422);
          }
          const auto& p = ctx.user();
          auto stored = TRY(ctx.services.db.read([&](db::Tx& tx) {
            return tx.query_one("SELECT password_hash FROM users WHERE id = ?", {p.user_id});
          }));
          if (!stored || !auth::verify_password(stored->text(0), current)) {
            return account_page(
                ctx,
                {{"password_errors",
                  ctx.field_errors(Error::field("current_password", "account.wrong_password"))}},
                422);
          }
          std::string hash = TRY(auth::hash_password(fresh));
          TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
            TRY(tx.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                        {hash, ctx.services.clock.now_seconds(), p.user_id}));
            TRY(ctx.services.auth.end_user_sessions(tx, p.user_id));
            return audit::append(
                tx, ctx.audit("user.password", "user", std::to_string(p.user_id), p.instansi_id),
                ctx.now_ms());
          }));
          auto res = ctx.redirect("/login", "account.password_changed");
          res.set_cookie(web::kSessionCookie, "", ctx.cookie_attributes(0));
          return res;
        },
        {.body_limit = 16 * 1024});

  r.add("POST", "/account/tokens",
        [account_page](Context& ctx) -> Reply {
          auto in = TRY(ctx.input());
          auto name = in.text("name", {.required = true, .max_chars = 80});
          in.ignore("_csrf");
          if (Status st = in.finish(); !st.ok()) {
            return account_page(ctx, {{"token_errors", ctx.field_errors(st.error())}}, 422);
          }
          std::string token = TRY(ctx.services.auth.create_api_token(ctx.user().user_id, *name));
          TRY(web::record_audit(
              ctx, ctx.audit("token.create", "user", std::to_string(ctx.user().user_id),
                             ctx.user().instansi_id)));
          // Shown once, on this response only; never stored in plain text.
          return account_page(ctx, {{"new_token", token}}, 201);
        },
        {.body_limit = 16 * 1024});

  r.add("POST", "/account/tokens/{id}/revoke", [](Context& ctx) -> Reply {
    auto id = web::id_param(ctx, "id");
    if (!id) return Error::not_found();
    int64_t changed = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
      int64_t n =
          TRY(tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND "
                      "revoked_at IS NULL",
                      {ctx.services.clock.now_seconds(), *id, ctx.user().user_id}));
      if (n > 0) {
        TRY(audit::append(
            tx, ctx.audit("token.revoke", "api_token", std::to_string(*id), ctx.user().instansi_id),
            ctx.now_ms()));
      }
      return n;
    }));
    if (changed == 0) return Error::not_found();
    return ctx.redirect("/account", "account.token_revoked");
  });

  // ---- user administration ----
  auto users_page = [](Context& ctx) -> Reply {
    auto filter_code = ctx.request.query_param("instansi").value_or("");
    auto filter = ctx.services.db.read(
        [&](db::Tx& tx) { return org::find_instansi_by_code(tx, org::upper_code(filter_code)); });
    std::optional<int64_t> scope = listing_scope(ctx, filter);
    auto users = TRY(ctx.services.db.read([&](db::Tx& tx) { return list_users(tx, scope); }));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : users) {
      auto j = user_json(u);
      j["role_label"] = ctx.t("role." + std::string(auth::role_name(u.role)));
      items.push_back(j);
    }
    return ctx.page("users",
                    {{"users", items},
                     {"instansi_filter", filter_code},
                     {"is_system_admin", ctx.user().role == auth::Role::kSystemAdmin}},
                    "users.title");
  };
  r.add("GET", "/users", users_page, {.permission = Permission::kUserManage});

  r.add("GET", "/users/new",
        [](Context& ctx) -> Reply {
          UserDraft d;
          if (ctx.user().instansi_id) {
            auto instansi = TRY(ctx.services.db.read(
                [&](db::Tx& tx) { return org::find_instansi(tx, *ctx.user().instansi_id); }));
            if (instansi) d.instansi_code = instansi->code;
          }
          d.role = "officer";
          return ctx.page(
              "user_form",
              {{"form", user_form_data(ctx, d)}, {"creating", true}, {"action", "/users"}},
              "users.new_title");
        },
        {.permission = Permission::kUserManage});

  r.add("POST", "/users",
        [](Context& ctx) -> Reply {
          auto in = TRY(ctx.input());
          auto id = create_user_action(ctx, in);
          if (!id.ok()) {
            if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
            UserDraft d = read_user_draft(in, UserDraft{}, false);
            d.password.clear();
            return ctx.page("user_form",
                            {{"form", user_form_data(ctx, d)},
                             {"creating", true},
                             {"action", "/users"},
                             {"errors", ctx.field_errors(id.error())}},
                            "users.new_title", 422);
          }
          return ctx.redirect("/users", "users.created");
        },
        {.permission = Permission::kUserManage, .body_limit = 16 * 1024});

  r.add("GET", "/users/{id}",
        [](Context& ctx) -> Reply {
          auto id = web::id_param(ctx, "id");
          if (!id) return Error::not_found();
          User user = TRY(managed_user(ctx, *id));
          return ctx.page("user_form",
                          {{"form", user_form_data(ctx, draft_from(user))},
                           {"creating", false},
                           {"action", "/users/" + std::to_string(user.id)}},
                          "users.edit_title");
        },
        {.permission = Permission::kUserManage});

  r.add("POST", "/users/{id}",
        [](Context& ctx) -> Reply {
          auto id = web::id_param(ctx, "id");
          if (!id) return Error::not_found();
          User user = TRY(managed_user(ctx, *id));
          auto in = TRY(ctx.input());
          Status st = update_user_action(ctx, user, in, false);
          if (!st.ok()) {
            if (st.error().kind != ErrorKind::kInvalid) return st.release_error();
            UserDraft d = read_user_draft(in, draft_from(user), false);
            d.password.clear();
            return ctx.page("user_form",
                            {{"form", user_form_data(ctx, d)},
                             {"creating", false},
                             {"action", "/users/" + std::to_string(user.id)},
                             {"errors", ctx.field_errors(st.error())}},
                            "users.edit_title", 422);
          }
          return ctx.redirect("/users", "users.updated");
        },
        {.permission = Permission::kUserManage, .body_limit = 16 * 1024});

  r.add("GET", "/api/v1/users",
        [](Context& ctx) -> Reply {
          auto filter = ctx.services.db.read([&](db::Tx& tx) {
            return org::find_instansi_by_code(
                tx, org::upper_code(ctx.request.query_param("instansi").value_or("")));
          });
          auto users = TRY(ctx.services.db.read(
              [&](db::Tx& tx) { return list_users(tx, listing_scope(ctx, filter)); }));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& u : users) items.push_back(user_json(u));
          return ctx.json(200, {{"items", items}});
        },
        {.permission = Permission::kUserManage});

  r.add("POST", "/api/v1/users",
        [](Context& ctx) -> Reply {
          auto in = TRY(ctx.input());
          int64_t id = TRY(create_user_action(ctx, in));
          auto user = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_user(tx, id); }));
          auto res = ctx.json(201, user_json(*user));
          res.set_header("Location", "/api/v1/users/" + std::to_string(id));
          return res;
        },
        {.permission = Permission::kUserManage, .body_limit = 16 * 1024});

  r.add("GET", "/api/v1/users/{id}",
        [](Context& ctx) -> Reply {
          auto id = web::id_param(ctx, "id");
          if (!id) return Error::not_found();
          return ctx.json(200, user_json(TRY(managed_user(ctx, *id))));
        },
        {.permission = Permission::kUserManage});

  r.add("PATCH", "/api/v1/users/{id}",
        [](Context& ctx) -> Reply {
          auto id = web::id_param(ctx, "id");
          if (!id) return Error::not_found();
          User user = TRY(managed_user(ctx, *id));
          auto in = TRY(ctx.input());
          TRY(update_user_action(ctx, user, in, true));
          return ctx.json(200, user_json(TRY(managed_user(ctx, *id))));
        },
        {.permission = Permission::kUserManage, .body_limit = 16 * 1024});
}

}  // namespace harmoni::accounts
