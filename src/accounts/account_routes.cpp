// Login, logout, preferences, the home page, one's own account and API tokens,
// and user administration (pages and /api/v1/users).
#include "accounts/account_routes.hpp"

#include "accounts/account_cases.hpp"
#include "org/org_cases.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::accounts {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

nlohmann::json user_json(const User& u) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", enum_name(u.role)},
          {"instansi", or_null(u.instansi_code)},
          {"unit", or_null(u.unit_code)},
          {"asn_nip", or_null(u.asn_nip)},
          {"lang", u.lang},
          {"active", u.active}};
}

std::string role_label(const Context& ctx, auth::Role role) {
  return ctx.t("role." + std::string(enum_name(role)));
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
  in.ignore("_csrf");
  return base;
}

nlohmann::json role_options(const Context& ctx, std::string_view selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [role, name] : auth::kRoleNames) {
    if (role == auth::Role::kSystemAdmin && ctx.user().role != auth::Role::kSystemAdmin) continue;
    out.push_back({{"value", name},
                   {"label", ctx.t("role." + std::string(name))},
                   {"selected", name == selected}});
  }
  return out;
}

// The user form, new (no id) or of a user, again after `error` when given.
Reply user_form(Context& ctx, UserDraft d, std::optional<int64_t> id, const Error* error) {
  d.password.clear();
  nlohmann::json form = {{"email", d.email},
                         {"display_name", d.display_name},
                         {"roles", role_options(ctx, d.role)},
                         {"instansi", d.instansi_code},
                         {"unit", d.unit_code},
                         {"asn_nip", d.asn_nip},
                         {"lang_id_selected", d.lang == "id"},
                         {"lang_en_selected", d.lang == "en"},
                         {"active", d.active}};
  return ctx.form_page("user_form",
                       {{"form", form},
                        {"creating", !id},
                        {"action", id ? "/users/" + std::to_string(*id) : "/users"}},
                       id ? "users.edit_title" : "users.new_title", error);
}

Reply login_page(Context& ctx, const nlohmann::json& extra, int status) {
  nlohmann::json data = {
      {"form_csrf", ctx.form_csrf_token()},
      {"next", web::local_path_or(ctx.request.query_param("next").value_or(""), "/")}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("login", data, "login.title", status);
}

Reply account_page(Context& ctx, nlohmann::json extra, int status) {
  const auto& p = ctx.user();
  nlohmann::json tokens = nlohmann::json::array();
  for (const auto& t : TRY(own_tokens(ctx.env(), ctx.actor()))) {
    tokens.push_back({{"id", t.id}, {"name", t.name}});
  }
  nlohmann::json data = {{"email", p.email},
                         {"display_name", p.display_name},
                         {"role_label", role_label(ctx, p.role)},
                         {"tokens", tokens},
                         {"has_tokens", !tokens.empty()}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("account", data, "account.title", status);
}

Result<int64_t> path_id(const Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found();
  return *id;
}

// ---- handlers ----

Reply show_login(Context& ctx) {
  if (ctx.principal) return ctx.redirect("/");
  return login_page(ctx, nlohmann::json::object(), 200);
}

Reply post_login(Context& ctx) {
  auto in = TRY(ctx.input());
  std::string email = in.text("email", {.required = true, .max_chars = 254}).value_or("");
  std::string password = in.text("password", {.required = true, .max_chars = 256}).value_or("");
  std::string next = web::local_path_or(
      in.text("next", {.required = false, .max_chars = 2000}).value_or("/"), "/");
  if (in.has_errors()) {
    return login_page(ctx, {{"error", ctx.t("login.missing")}, {"email", email}}, 422);
  }
  auto session = log_in(ctx.env(), ctx.services.auth, ctx.actor(), email, password);
  if (!session.ok()) {
    const Error& e = session.error();
    if (e.kind != ErrorKind::kUnauthorized && e.kind != ErrorKind::kTooMany) return e;
    return login_page(ctx, {{"error", ctx.t(e.key, e.args)}, {"email", email}}, web::status_for(e));
  }
  ctx.principal = session->principal;
  auto res = ctx.redirect(next);
  int64_t max_age = ctx.services.config.session_absolute_hours * 3600;
  res.set_cookie(web::kSessionCookie, session->token, ctx.cookie_attributes(max_age));
  return res;
}

Reply post_logout(Context& ctx) {
  TRY(ctx.services.auth.logout(ctx.request.cookie(web::kSessionCookie)));
  auto res = ctx.redirect("/login", "login.logged_out");
  res.set_cookie(web::kSessionCookie, "", ctx.cookie_attributes(0));
  return res;
}

// Language and large-text switches work as plain links, without JavaScript.
Reply set_preferences(Context& ctx) {
  auto res = ctx.redirect(web::local_path_or(ctx.request.query_param("back").value_or("/"), "/"));
  if (auto lang = ctx.request.query_param("lang"); lang && ctx.services.catalogs.supports(*lang)) {
    res.set_cookie("harmoni_lang", *lang, ctx.cookie_attributes(365 * 24 * 3600, false));
  }
  if (auto text = ctx.request.query_param("text"); text == "large" || text == "normal") {
    res.set_cookie("harmoni_text", *text, ctx.cookie_attributes(365 * 24 * 3600, false));
  }
  return res;
}

Reply show_home(Context& ctx) {
  const auto& p = ctx.user();
  nlohmann::json data = {{"display_name", p.display_name}, {"role_label", role_label(ctx, p.role)}};
  if (auto instansi = TRY(org::own_instansi(ctx.env(), ctx.actor()))) {
    data["instansi_name"] = instansi->name;
    data["instansi_code"] = instansi->code;
  }
  data["can_org"] = p.can(Permission::kOrgRead);
  data["can_asn"] = p.can(Permission::kAsnRead);
  data["can_manage_asn"] = p.can(Permission::kAsnManage);
  data["can_users"] = p.can(Permission::kUserManage);
  data["can_audit"] = p.can(Permission::kAuditRead);
  data["is_system_admin"] = p.role == auth::Role::kSystemAdmin;
  return ctx.page("home", data, "home.title");
}

// The caller's own record; the NIP addresses their inbox, results and plan.
Reply api_me(Context& ctx) {
  const auto& p = ctx.user();
  auto nip = TRY(own_nip(ctx.env(), ctx.actor()));
  auto id_or_null = [](std::optional<int64_t> v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  return ctx.json(200, {{"id", p.user_id},
                        {"asn_nip", nip ? nlohmann::json(*nip) : nlohmann::json()},
                        {"email", p.email},
                        {"display_name", p.display_name},
                        {"role", enum_name(p.role)},
                        {"instansi_id", id_or_null(p.instansi_id)},
                        {"unit_id", id_or_null(p.unit_id)},
                        {"lang", p.lang}});
}

Reply show_account(Context& ctx) { return account_page(ctx, nlohmann::json::object(), 200); }

Reply change_password(Context& ctx) {
  auto in = TRY(ctx.input());
  std::string current = in.text("current_password", {.max_chars = 256}).value_or("");
  std::string fresh = in.text("new_password", {.max_chars = 256}).value_or("");
  in.ignore("_csrf");
  Status changed = in.finish();
  if (changed.ok())
    changed = change_own_password(ctx.env(), ctx.services.auth, ctx.actor(), current, fresh);
  if (!changed.ok()) {
    if (!changed.error().is_users_fault()) return changed.release_error();
    return account_page(ctx, {{"password_errors", ctx.field_errors(changed.error())}}, 422);
  }
  auto res = ctx.redirect("/login", "account.password_changed");
  res.set_cookie(web::kSessionCookie, "", ctx.cookie_attributes(0));
  return res;
}

Reply create_token(Context& ctx) {
  auto in = TRY(ctx.input());
  auto name = in.text("name", {.required = true, .max_chars = 80});
  in.ignore("_csrf");
  if (Status st = in.finish(); !st.ok()) {
    return account_page(ctx, {{"token_errors", ctx.field_errors(st.error())}}, 422);
  }
  std::string token = TRY(create_own_token(ctx.env(), ctx.services.auth, ctx.actor(), *name));
  // Shown once, on this response only; never stored in plain text.
  return account_page(ctx, {{"new_token", token}}, 201);
}

Reply revoke_token(Context& ctx) {
  TRY(revoke_own_token(ctx.env(), ctx.actor(), TRY(path_id(ctx))));
  return ctx.redirect("/account", "account.token_revoked");
}

Reply list_users_page(Context& ctx) {
  auto filter = ctx.request.query_param("instansi").value_or("");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : TRY(managed_users(ctx.env(), ctx.actor(), filter))) {
    auto j = user_json(u);
    j["role_label"] = role_label(ctx, u.role);
    items.push_back(j);
  }
  return ctx.page("users",
                  {{"users", items},
                   {"instansi_filter", filter},
                   {"is_system_admin", ctx.user().role == auth::Role::kSystemAdmin}},
                  "users.title");
}

Reply new_user_page(Context& ctx) {
  UserDraft d{.role = "officer"};
  if (auto instansi = TRY(org::own_instansi(ctx.env(), ctx.actor())))
    d.instansi_code = instansi->code;
  return user_form(ctx, d, std::nullopt, nullptr);
}

Reply create_user_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  UserDraft draft = read_user_draft(in, UserDraft{}, false);
  Status valid = in.finish();
  auto id =
      valid.ok() ? create_user(ctx.env(), ctx.actor(), draft) : Result<int64_t>(valid.error());
  if (!id.ok()) {
    if (!id.error().is_users_fault()) return id.release_error();
    return user_form(ctx, draft, std::nullopt, &id.error());
  }
  return ctx.redirect("/users", "users.created");
}

Reply edit_user_page(Context& ctx) {
  User user = TRY(managed_user(ctx.env(), ctx.actor(), TRY(path_id(ctx))));
  return user_form(ctx, draft_from(user), user.id, nullptr);
}

Reply update_user_from_form(Context& ctx) {
  User user = TRY(managed_user(ctx.env(), ctx.actor(), TRY(path_id(ctx))));
  auto in = TRY(ctx.input());
  UserDraft draft = read_user_draft(in, draft_from(user), false);
  Status changed = in.finish();
  if (changed.ok()) changed = change_user(ctx.env(), ctx.services.auth, ctx.actor(), user, draft);
  if (!changed.ok()) {
    if (!changed.error().is_users_fault()) return changed.release_error();
    return user_form(ctx, draft, user.id, &changed.error());
  }
  return ctx.redirect("/users", "users.updated");
}

Reply api_list_users(Context& ctx) {
  auto filter = ctx.request.query_param("instansi").value_or("");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : TRY(managed_users(ctx.env(), ctx.actor(), filter))) {
    items.push_back(user_json(u));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_user(Context& ctx) {
  auto in = TRY(ctx.input());
  UserDraft draft = read_user_draft(in, UserDraft{}, false);
  TRY(in.finish());
  int64_t id = TRY(create_user(ctx.env(), ctx.actor(), draft));
  auto res = ctx.json(201, user_json(TRY(managed_user(ctx.env(), ctx.actor(), id))));
  res.set_header("Location", "/api/v1/users/" + std::to_string(id));
  return res;
}

Reply api_get_user(Context& ctx) {
  return ctx.json(200, user_json(TRY(managed_user(ctx.env(), ctx.actor(), TRY(path_id(ctx))))));
}

Reply api_patch_user(Context& ctx) {
  User user = TRY(managed_user(ctx.env(), ctx.actor(), TRY(path_id(ctx))));
  auto in = TRY(ctx.input());
  UserDraft draft = read_user_draft(in, draft_from(user), true);
  TRY(in.finish());
  TRY(change_user(ctx.env(), ctx.services.auth, ctx.actor(), user, draft));
  return ctx.json(200, user_json(TRY(managed_user(ctx.env(), ctx.actor(), user.id))));
}

constexpr size_t kFormLimit = 16 * 1024;
const web::RouteOptions kManage{.permission = Permission::kUserManage};
const web::RouteOptions kManageWrite{.permission = Permission::kUserManage,
                                     .body_limit = kFormLimit};

const web::RouteDef kRoutes[] = {
    {"GET", "/login", show_login, {.access = Access::kPublic}},
    {"POST", "/login", post_login, {.access = Access::kPublic, .body_limit = kFormLimit}},
    {"POST", "/logout", post_logout},
    {"GET", "/prefs", set_preferences, {.access = Access::kPublic}},
    {"GET", "/", show_home},
    {"GET", "/api/v1/me", api_me},
    {"GET", "/account", show_account},
    {"POST", "/account/password", change_password, {.body_limit = kFormLimit}},
    {"POST", "/account/tokens", create_token, {.body_limit = kFormLimit}},
    {"POST", "/account/tokens/{id}/revoke", revoke_token},
    {"GET", "/users", list_users_page, kManage},
    {"GET", "/users/new", new_user_page, kManage},
    {"POST", "/users", create_user_from_form, kManageWrite},
    {"GET", "/users/{id}", edit_user_page, kManage},
    {"POST", "/users/{id}", update_user_from_form, kManageWrite},
    {"GET", "/api/v1/users", api_list_users, kManage},
    {"POST", "/api/v1/users", api_create_user, kManageWrite},
    {"GET", "/api/v1/users/{id}", api_get_user, kManage},
    {"PATCH", "/api/v1/users/{id}", api_patch_user, kManageWrite},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({10, "nav.home", "/", std::nullopt, {}});
  app.add_nav({80, "nav.users", "/users", Permission::kUserManage, {}});
  app.add_nav({90, "nav.account", "/account", std::nullopt, {}});
  app.router().add(kRoutes);
  register_inbox_routes(app);
}

}  // namespace harmoni::accounts
