// HR's side of 360-degree campaigns: the instansi's own indicators, making, opening and
// closing campaigns, who rates whom (changes with a reason), and progress; as pages
// and as JSON. Unit heads see campaigns and their subtree's progress.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "competency/access_web.hpp"
#include "competency/competency_web.hpp"
#include "competency/lifecycle_cases.hpp"
#include "competency/views_web.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

Result<std::vector<Item>> own_items(const Context& ctx) {
  return ctx.services.db.read(
      [&](db::Tx& tx) { return list_custom_items(tx, ctx.user_instansi()); });
}

Result<std::vector<org::Unit>> instansi_units(const Context& ctx) {
  return ctx.services.db.read([&](db::Tx& tx) { return org::list_units(tx, ctx.user_instansi()); });
}

// ---- campaign settings from a form or JSON ----

CampaignSettings default_settings(const Context& ctx, const std::vector<Item>& own) {
  CampaignSettings s;
  const Date today = today_wib(ctx);
  s.starts_on = format_date(today);
  Date deadline = today;
  for (int i = 0; i < 30; ++i) deadline = next_day(deadline);
  s.deadline = format_date(deadline);
  s.name = ctx.t("competency.default_name", {{"year", std::to_string(today.year)}});
  for (const auto& i : catalog().items(s.values_version)) {
    if (i.kind != ItemKind::kManagerial) s.item_codes.push_back(i.code);
  }
  for (const auto& i : own) s.item_codes.push_back(i.code);
  return s;
}

// Reads every setting. JSON: "items" and "groups" are arrays, "weights" and
// "level_rule" objects, "scope" an array of unit codes. Forms: a checkbox per item
// ("item:HA.1"), group ("group:peer") and scope unit ("unit:DINKES"), flat numbers.
Result<CampaignSettings> read_settings(web::Input& in, const std::vector<org::Unit>& units) {
  CampaignSettings s;
  if (auto v = in.text("name", {.min_chars = 3, .max_chars = 200})) s.name = *v;
  if (auto v = in.text("starts_on", {.max_chars = 10})) s.starts_on = *v;
  if (auto v = in.text("deadline", {.max_chars = 10})) s.deadline = *v;
  std::vector<std::string> versions(std::begin(kValuesVersions), std::end(kValuesVersions));
  if (auto v = in.choice("values_version", versions)) s.values_version = *v;
  std::vector<std::string> unit_codes;
  s.groups = {false, false, false, false};
  auto set_group = [&](const std::string& name) {
    if (auto g = parse_enum<RaterGroup>(name))
      s.groups[group_index(*g)] = true;
    else
      in.add_error("groups", "competency.group_unknown", {{"group", name}});
  };
  const web::IntRule weight_rule{.required = false, .min = 0, .max = 100};
  if (in.is_json()) {
    if (auto items = in.text_list("items", 200, {.max_chars = 40})) s.item_codes = *items;
    if (auto groups = in.text_list("groups", 4, {.max_chars = 20}))
      std::for_each(groups->begin(), groups->end(), set_group);
    if (auto scope = in.text_list("scope", 500, {.required = false, .max_chars = 32}))
      unit_codes = *scope;
    if (auto weights = in.nested("weights")) {
      for (RaterGroup g : enum_values<RaterGroup>()) {
        if (auto w = weights->integer(enum_name(g), weight_rule))
          s.weights[group_index(g)] = static_cast<int>(*w);
        else
          s.weights[group_index(g)] = 0;
      }
      in.absorb("weights", *weights);
    } else {
      in.add_error("weights", "input.required");
    }
    if (auto rule = in.nested("level_rule")) {
      const web::IntRule optional{.required = false, .min = 1, .max = 100};
      if (auto v = rule->integer("min_score", optional))
        s.level_rule.min_score = static_cast<int>(*v);
      if (auto v = rule->integer("agree_percent", optional))
        s.level_rule.agree_percent = static_cast<int>(*v);
      if (auto v = rule->integer("indicators_needed", optional))
        s.level_rule.indicators_needed = static_cast<int>(*v);
      in.absorb("level_rule", *rule);
    }
  } else {
    s.item_codes = in.keys_with_prefix("item:");
    for (const auto& g : in.keys_with_prefix("group:")) set_group(g);
    unit_codes = in.keys_with_prefix("unit:");
    for (RaterGroup g : enum_values<RaterGroup>()) {
      const std::string field = "weight_" + std::string(enum_name(g));
      auto w = in.integer(field, weight_rule);
      // An unticked group's weight box is ignored: it counts for nothing.
      s.weights[group_index(g)] = s.groups[group_index(g)] ? static_cast<int>(w.value_or(0)) : 0;
    }
    if (auto v = in.integer("level_min_score", {.min = 1, .max = 10}))
      s.level_rule.min_score = static_cast<int>(*v);
    if (auto v = in.integer("level_agree_percent", {.min = 1, .max = 100}))
      s.level_rule.agree_percent = static_cast<int>(*v);
    if (auto v = in.integer("level_indicators_needed", {.min = 1, .max = 3}))
      s.level_rule.indicators_needed = static_cast<int>(*v);
  }
  // Left out: the defaults (groups of 3, 3 peers, 3 subordinates, a margin of 1.0).
  if (auto v = in.integer("min_group_size", {.required = false, .min = 3, .max = 20}))
    s.min_group_size = static_cast<int>(*v);
  if (auto v = in.integer("max_peers", {.required = false, .min = 0, .max = 10}))
    s.max_peers = static_cast<int>(*v);
  if (auto v = in.integer("max_subordinates", {.required = false, .min = 0, .max = 10}))
    s.max_subordinates = static_cast<int>(*v);
  if (auto v = in.integer("blind_spot_tenths", {.required = false, .min = 1, .max = 40}))
    s.blind_spot_tenths = static_cast<int>(*v);
  for (const auto& code : unit_codes) {
    auto it = std::find_if(units.begin(), units.end(),
                           [&](const org::Unit& u) { return u.code == org::upper_code(code); });
    if (it == units.end()) {
      in.add_error("scope", "unit.not_found");
    } else {
      s.scope_unit_ids.push_back(it->id);
    }
  }
  std::sort(s.scope_unit_ids.begin(), s.scope_unit_ids.end());
  s.scope_unit_ids.erase(std::unique(s.scope_unit_ids.begin(), s.scope_unit_ids.end()),
                         s.scope_unit_ids.end());
  TRY(in.finish());
  return s;
}

// The campaign form (new or a draft to change), with errors after a refused post.
Reply settings_page(Context& ctx, const CampaignSettings& s, std::optional<int64_t> campaign_id,
                    const Error* error) {
  auto own = TRY(own_items(ctx));
  auto units = TRY(instansi_units(ctx));
  const std::set<std::string> chosen(s.item_codes.begin(), s.item_codes.end());
  json sections = json::array();
  auto section = [&](const std::string& title, const std::vector<Item>& items) {
    json list = json::array();
    for (const auto& i : items) {
      list.push_back(
          {{"code", i.code}, {"text", i.text.in(ctx.lang)}, {"checked", chosen.contains(i.code)}});
    }
    if (!list.empty()) sections.push_back({{"title", title}, {"items", list}});
  };
  std::vector<Item> values, indicators, managerial;
  for (const auto& i : catalog().items(s.values_version)) {
    (i.kind == ItemKind::kBehaviour   ? values
     : i.kind == ItemKind::kIndicator ? indicators
                                      : managerial)
        .push_back(i);
  }
  section(ctx.t("competency.section_values"), values);
  section(ctx.t("competency.section_perekat"), indicators);
  section(ctx.t("competency.section_managerial"), managerial);
  section(ctx.t("competency.group_own"), own);
  json groups = json::array();
  for (RaterGroup g : enum_values<RaterGroup>()) {
    const std::string name(enum_name(g));
    groups.push_back({{"code", name},
                      {"label", ctx.t("competency.column." + name)},
                      {"checked", s.groups[group_index(g)]},
                      {"weight", s.weights[group_index(g)]}});
  }
  json scope = json::array();
  for (const auto& u : units) {
    const int depth = static_cast<int>(std::count(u.path.begin(), u.path.end(), '/')) - 2;
    scope.push_back({{"code", u.code},
                     {"name", u.name},
                     {"depth", std::max(0, depth)},
                     {"checked", std::find(s.scope_unit_ids.begin(), s.scope_unit_ids.end(),
                                           u.id) != s.scope_unit_ids.end()}});
  }
  json versions = json::array();
  for (std::string_view v : kValuesVersions) {
    versions.push_back({{"value", v},
                        {"label", catalog().version_title(v)->in(ctx.lang)},
                        {"selected", s.values_version == v}});
  }
  json data = {
      {"settings",
       {{"name", s.name},
        {"starts_on", s.starts_on},
        {"deadline", s.deadline},
        {"min_group_size", s.min_group_size},
        {"max_peers", s.max_peers},
        {"max_subordinates", s.max_subordinates},
        {"level_min_score", s.level_rule.min_score},
        {"level_agree_percent", s.level_rule.agree_percent},
        {"level_indicators_needed", s.level_rule.indicators_needed},
        {"blind_spot_tenths", s.blind_spot_tenths}}},
      {"sections", sections},
      {"groups", groups},
      {"scope", scope},
      {"versions", versions},
      {"creating", !campaign_id},
      {"action", campaign_id ? "/competency/" + std::to_string(*campaign_id) : "/competency"}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("campaign_form", data,
                  campaign_id ? "competency.edit_title" : "competency.new_title",
                  form_status(error));
}

// Checks and stores new settings (a new campaign, or a draft changed), audited.
Result<int64_t> save_settings(Context& ctx, const CampaignSettings& s,
                              std::optional<int64_t> campaign_id) {
  return ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    auto own = TRY(list_custom_items(tx, ctx.user_instansi()));
    TRY(validate(s, catalog(), own));
    Instrument instrument = build_instrument(s, catalog(), own);
    const int64_t now = ctx.services.clock.now_seconds();
    int64_t id = 0;
    if (campaign_id) {
      TRY(update_draft_campaign(tx, *campaign_id, s, instrument, now));
      id = *campaign_id;
    } else {
      id = TRY(insert_campaign(tx, ctx.user_instansi(), s, instrument, ctx.user().user_id, now));
    }
    TRY(audit::append(
        tx,
        ctx.audit(
            campaign_id ? "competency.campaign_update" : "competency.campaign_create", "campaign",
            std::to_string(id), ctx.user_instansi(),
            json({{"items", s.item_codes.size()}, {"scope", s.scope_unit_ids.size()}}).dump()),
        ctx.now_ms()));
    return id;
  });
}

// Opening, closing and computing the results; each audited.
Result<json> open_action(Context& ctx, const Campaign& c) {
  int64_t n = TRY(open_campaign(ctx.services.db, c, ctx.services.clock.now_seconds()));
  TRY(web::record_audit(ctx, ctx.audit("competency.campaign_open", "campaign", std::to_string(c.id),
                                       c.instansi_id, json({{"assignments", n}}).dump())));
  return json{{"status", "open"}, {"assignments", n}};
}

Result<json> close_action(Context& ctx, Campaign c) {
  if (c.status == CampaignStatus::kOpen) {
    TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
      TRY(move_campaign(tx, c.id, CampaignStatus::kOpen, CampaignStatus::kClosed,
                        ctx.services.clock.now_seconds()));
      return audit::append(
          tx,
          ctx.audit("competency.campaign_close", "campaign", std::to_string(c.id), c.instansi_id),
          ctx.now_ms());
    }));
    c.status = CampaignStatus::kClosed;
  } else if (c.status != CampaignStatus::kClosed) {
    return Error::conflict("competency.status_step");
  }
  ComputeOutcome done = TRY(compute_results(ctx.services.db, c, ctx.services.clock.now_seconds()));
  TRY(web::record_audit(
      ctx, ctx.audit("competency.results_compute", "campaign", std::to_string(c.id), c.instansi_id,
                     json({{"people", done.people}, {"forms", done.forms}}).dump())));
  return json{{"status", "closed"}, {"people", done.people}, {"forms", done.forms}};
}

json progress_json(const std::vector<UnitProgress>& units) {
  json out = json::array();
  for (const auto& u : units) {
    const int percent = u.assignments ? static_cast<int>(u.submitted * 100 / u.assignments) : 0;
    out.push_back({{"unit", u.unit_code},
                   {"name", u.unit_name},
                   {"assignments", u.assignments},
                   {"submitted", u.submitted},
                   {"percent", percent},
                   {"people", u.ratees},
                   {"people_complete", u.ratees_complete}});
  }
  return out;
}

json pending_json(const std::vector<PendingRater>& raters) {
  json out = json::array();
  for (const auto& r : raters)
    out.push_back(
        {{"nip", r.nip}, {"name", r.name}, {"unit", r.unit_name}, {"pending", r.pending}});
  return out;
}

Result<std::pair<std::vector<UnitProgress>, std::vector<PendingRater>>> load_progress(
    const Context& ctx, const Campaign& c, int limit) {
  const std::string prefix = oversight_prefix(ctx.user()).value_or("");
  return ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<UnitProgress>, std::vector<PendingRater>>> {
        auto units = TRY(campaign_progress(tx, c.id, prefix));
        return std::pair{std::move(units), TRY(pending_raters(tx, c.id, prefix, limit))};
      });
}

json assignment_row_json(const Context& ctx, const AssignmentRow& a) {
  return {{"id", a.id},
          {"rater", {{"nip", a.rater_nip}, {"name", a.rater_name}}},
          {"group", enum_name(a.group)},
          {"group_label", ctx.t("competency.column." + std::string(enum_name(a.group)))},
          {"status", enum_name(a.status)},
          {"status_label", ctx.t("competency.assignment." + std::string(enum_name(a.status)))},
          {"pending", a.status == AssignmentStatus::kPending},
          {"by_hr", a.by_hr},
          {"reason", a.reason}};
}

// HR adds a rater to a person, with a reason.
Status add_rater_action(Context& ctx, const Campaign& c, const org::Asn& ratee, web::Input& in) {
  auto nip = in.text("rater", {.max_chars = 32});
  std::vector<std::string> groups;
  for (RaterGroup g : enum_values<RaterGroup>()) groups.emplace_back(enum_name(g));
  auto group = in.choice("group", groups);
  auto reason = in.text("reason", {.min_chars = 5, .max_chars = 500, .multiline = true});
  TRY(in.finish());
  if (c.status == CampaignStatus::kClosed) return Error::conflict("competency.campaign_closed");
  auto rater = person_by_nip(ctx.env(), *nip, c.instansi_id);
  if (!rater.ok()) return Error::field("rater", "asn.not_found");
  const RaterGroup g = *parse_enum<RaterGroup>(*group);
  if ((g == RaterGroup::kSelf) != (rater->id == ratee.id))
    return Error::field("group", "competency.self_only_self");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    int64_t id = TRY(add_assignment(tx, c.id, ratee.id, rater->id, g, *reason, ctx.user().user_id,
                                    ctx.services.clock.now_seconds()));
    return audit::append(
        tx,
        ctx.audit("competency.assignment_add", "rater_assignment", std::to_string(id),
                  c.instansi_id, json({{"group", *group}}).dump()),
        ctx.now_ms());
  });
}

Status remove_rater_action(Context& ctx, const Campaign& c, int64_t assignment_id, web::Input& in) {
  auto reason = in.text("reason", {.min_chars = 5, .max_chars = 500, .multiline = true});
  TRY(in.finish());
  if (c.status == CampaignStatus::kClosed) return Error::conflict("competency.campaign_closed");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    auto a = TRY(find_assignment(tx, assignment_id));
    if (!a || a->campaign_id != c.id) return Error::not_found("competency.assignment_unknown");
    TRY(remove_assignment(tx, assignment_id, *reason, ctx.user().user_id,
                          ctx.services.clock.now_seconds()));
    return audit::append(tx,
                         ctx.audit("competency.assignment_remove", "rater_assignment",
                                   std::to_string(assignment_id), c.instansi_id),
                         ctx.now_ms());
  });
}

Reply person_page(Context& ctx, const Campaign& c, const org::Asn& person, const Error* error) {
  auto rows =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return ratee_assignments(tx, c.id, person.id); }));
  json list = json::array();
  for (const auto& a : rows) list.push_back(assignment_row_json(ctx, a));
  json groups = json::array();
  for (RaterGroup g : enum_values<RaterGroup>()) {
    groups.push_back({{"value", enum_name(g)},
                      {"label", ctx.t("competency.column." + std::string(enum_name(g)))}});
  }
  json data = {
      {"campaign", campaign_json(ctx, c)},
      {"person",
       {{"nip", person.nip},
        {"name", person.name},
        {"unit", person.unit_name},
        {"position", person.position_name}}},
      {"assignments", list},
      {"has_assignments", !list.empty()},
      {"groups", groups},
      {"can_change", c.status != CampaignStatus::kClosed},
      {"can_see_result", c.results_at && person_access(ctx.user(), person) != PersonAccess::kNone}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("campaign_person", data, "competency.person_title", form_status(error));
}

// A custom item from a form or JSON.
Result<Item> read_custom_item(web::Input& in) {
  CustomItemDraft d;
  const web::TextRule line{.max_chars = 500};
  const web::TextRule optional_line{.required = false, .max_chars = 500};
  if (auto v = in.text("code", {.max_chars = 24})) d.code = org::upper_code(*v);
  d.value_code = in.text("value", {.required = false, .max_chars = 2}).value_or("");
  d.text = {in.text("text_id", line).value_or(""), in.text("text_en", optional_line).value_or("")};
  d.low = {in.text("low_id", line).value_or(""), in.text("low_en", optional_line).value_or("")};
  d.high = {in.text("high_id", line).value_or(""), in.text("high_en", optional_line).value_or("")};
  if (in.is_json()) {
    if (auto l = in.text_list("learning", 5, {.max_chars = 20})) d.learning = *l;
  } else {
    d.learning = in.keys_with_prefix("learning:");
  }
  TRY(in.finish());
  return custom_item(catalog(), std::move(d));
}

Result<int64_t> save_custom_item(Context& ctx, const Item& item) {
  return ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id =
        TRY(insert_custom_item(tx, ctx.user_instansi(), item, ctx.services.clock.now_seconds()));
    TRY(audit::append(tx,
                      ctx.audit("competency.item_create", "competency_item", std::to_string(id),
                                ctx.user_instansi()),
                      ctx.now_ms()));
    return id;
  });
}

Reply items_page(Context& ctx, const web::Input* sent, const Error* error) {
  auto own = TRY(own_items(ctx));
  json items = json::array();
  for (const auto& i : own) items.push_back(item_json_for(ctx, i));
  json values = json::array({{{"value", ""}, {"label", ctx.t("competency.value_none")}}});
  for (const auto& v : catalog().values("2023")) {
    values.push_back({{"value", v.code},
                      {"label", v.name.in(ctx.lang)},
                      {"selected", sent && sent->raw("value") == v.code}});
  }
  json kinds = json::array();
  for (const auto& [code, text] : catalog().learning_kinds()) {
    kinds.push_back({{"code", code},
                     {"label", text.in(ctx.lang)},
                     {"checked", sent && !sent->raw("learning:" + code).empty()}});
  }
  json data = {{"items", items},
               {"has_items", !items.empty()},
               {"values", values},
               {"kinds", kinds},
               {"can_manage", ctx.user().can(Permission::kCampaignManage)}};
  if (sent) {
    json form = json::object();
    for (const char* f : {"code", "text_id", "text_en", "low_id", "low_en", "high_id", "high_en"})
      form[f] = sent->raw(f);
    data["sent"] = form;
  }
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("competency_items", data, "competency.items_title", form_status(error));
}

}  // namespace

void register_campaign_routes(web::App& app) {
  auto& r = app.router();

  // ---- the instansi's own indicators ----
  r.add({"GET",
         "/competency/items",
         [](Context& ctx) -> Reply { return items_page(ctx, nullptr, nullptr); },
         {.permission = Permission::kCampaignManage}});

  r.add({"POST",
         "/competency/items",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto item = read_custom_item(in);
           Result<int64_t> saved =
               item.ok() ? save_custom_item(ctx, *item) : Result<int64_t>(item.error());
           if (!saved.ok()) return items_page(ctx, &in, &saved.error());
           return ctx.redirect("/competency/items", "saved");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 32 * 1024}});

  r.add({"GET",
         "/api/v1/competency/items",
         [](Context& ctx) -> Reply {
           auto own = TRY(own_items(ctx));
           json items = json::array();
           for (const auto& i : own) items.push_back(item_json_for(ctx, i));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kCampaignManage}});

  r.add({"POST",
         "/api/v1/competency/items",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           Item item = TRY(read_custom_item(in));
           int64_t id = TRY(save_custom_item(ctx, item));
           json body = item_json_for(ctx, item);
           body["id"] = id;
           return ctx.json(201, body);
         },
         {.permission = Permission::kCampaignManage, .body_limit = 32 * 1024}});

  // The catalogue in either version's wording, for any signed-in user.
  r.add({"GET", "/api/v1/competency/catalog", [](Context& ctx) -> Reply {
           std::string version = ctx.request.query_param("version").value_or("2023");
           if (!catalog().has_version(version))
             return Error::field("version", "competency.version_unknown");
           json items = json::array();
           for (const auto& i : catalog().items(version)) items.push_back(item_json_for(ctx, i));
           json levels = json::array(), values = json::array();
           for (const auto& l : catalog().levels()) {
             levels.push_back({{"level", l.level},
                               {"title", l.title.in(ctx.lang)},
                               {"band", band_for_level(l.level)}});
           }
           for (const auto& v : catalog().values(version)) {
             values.push_back({{"code", v.code},
                               {"name", v.name.in(ctx.lang)},
                               {"definition", v.definition.in(ctx.lang)}});
           }
           return ctx.json(200, {{"version", version},
                                 {"source", catalog().version_title(version)->in(ctx.lang)},
                                 {"values", values},
                                 {"levels", levels},
                                 {"items", items}});
         }});

  // ---- campaigns: pages ----
  r.add({"GET", "/competency", [](Context& ctx) -> Reply {
           if (!oversight_prefix(ctx.user())) return Error::forbidden();
           auto campaigns = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_campaigns(tx, ctx.user_instansi()); }));
           json list = json::array();
           for (const auto& c : campaigns) {
             list.push_back(
                 {{"id", c.id},
                  {"name", c.settings.name},
                  {"status_label", ctx.t("competency.status." + std::string(enum_name(c.status)))},
                  {"starts_on", c.settings.starts_on},
                  {"deadline", c.settings.deadline},
                  {"results_ready", c.results_at.has_value()}});
           }
           return ctx.page("campaigns",
                           {{"campaigns", list},
                            {"has_campaigns", !list.empty()},
                            {"can_manage", ctx.user().can(Permission::kCampaignManage)}},
                           "competency.campaigns_title");
         }});

  r.add({"GET",
         "/competency/new",
         [](Context& ctx) -> Reply {
           return settings_page(ctx, default_settings(ctx, TRY(own_items(ctx))), std::nullopt,
                                nullptr);
         },
         {.permission = Permission::kCampaignManage}});

  r.add({"POST",
         "/competency",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto units = TRY(instansi_units(ctx));
           auto settings = read_settings(in, units);
           Result<int64_t> saved = settings.ok() ? save_settings(ctx, *settings, std::nullopt)
                                                 : Result<int64_t>(settings.error());
           if (!saved.ok()) {
             if (saved.error().kind != ErrorKind::kInvalid) return saved.release_error();
             // Show what was sent, as far as it could be read.
             CampaignSettings shown = settings.ok() ? *settings : default_settings(ctx, {});
             if (!settings.ok()) {
               shown.name = in.raw("name");
               shown.starts_on = in.raw("starts_on");
               shown.deadline = in.raw("deadline");
               shown.item_codes = in.keys_with_prefix("item:");
             }
             return settings_page(ctx, shown, std::nullopt, &saved.error());
           }
           return ctx.redirect("/competency/" + std::to_string(*saved), "saved");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 64 * 1024}});

  r.add({"GET", "/competency/{id}", [](Context& ctx) -> Reply {
           Campaign c = TRY(visible_campaign(ctx, "id"));
           auto [progress, pending] = TRY(load_progress(ctx, c, 100));
           const bool manage = ctx.user().can(Permission::kCampaignManage);
           int64_t total = 0, sent = 0;
           for (const auto& u : progress) {
             total += u.assignments;
             sent += u.submitted;
           }
           json data = {
               {"campaign", campaign_json(ctx, c)},
               {"progress", progress_json(progress)},
               {"has_progress", !progress.empty()},
               {"pending", pending_json(pending)},
               {"has_pending", !pending.empty()},
               {"total", total},
               {"sent", sent},
               {"percent", total ? sent * 100 / total : 0},
               {"can_edit", manage && c.status == CampaignStatus::kDraft},
               {"can_open", manage && c.status == CampaignStatus::kDraft},
               {"can_close", manage && c.status == CampaignStatus::kOpen},
               {"can_compute", manage && c.status == CampaignStatus::kClosed && !c.results_at},
               {"can_manage", manage},
               {"can_heatmap", c.results_at && (ctx.user().can(Permission::kDevelopmentOversee) ||
                                                ctx.user().role == auth::Role::kUnitHead)}};
           return ctx.page("campaign", data, "competency.campaign_title");
         }});

  r.add({"GET", "/competency/{id}/edit", [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           if (c.status != CampaignStatus::kDraft) return Error::conflict("competency.not_draft");
           return settings_page(ctx, c.settings, c.id, nullptr);
         }});

  r.add({"POST",
         "/competency/{id}",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto units = TRY(instansi_units(ctx));
           auto settings = read_settings(in, units);
           Result<int64_t> saved = settings.ok() ? save_settings(ctx, *settings, c.id)
                                                 : Result<int64_t>(settings.error());
           if (!saved.ok()) {
             if (saved.error().kind != ErrorKind::kInvalid) return saved.release_error();
             return settings_page(ctx, settings.ok() ? *settings : c.settings, c.id,
                                  &saved.error());
           }
           return ctx.redirect("/competency/" + std::to_string(c.id), "saved");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 64 * 1024}});

  r.add({"POST",
         "/competency/{id}/open",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           TRY(open_action(ctx, c));
           return ctx.redirect("/competency/" + std::to_string(c.id), "competency.opened");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 4 * 1024}});

  r.add({"POST",
         "/competency/{id}/close",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           TRY(close_action(ctx, c));
           return ctx.redirect("/competency/" + std::to_string(c.id), "competency.closed");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 4 * 1024}});

  r.add({"GET",
         "/competency/{id}/people/{nip}",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           org::Asn person = TRY(person_by_nip(ctx.env(), ctx.param("nip"), c.instansi_id));
           return person_page(ctx, c, person, nullptr);
         },
         {.permission = Permission::kCampaignManage}});

  // The NIP box on the campaign page.
  r.add({"GET",
         "/competency/{id}/people",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           std::string nip = org::normalize_nip(ctx.request.query_param("nip").value_or(""));
           if (nip.empty()) return Error::field("nip", "input.required");
           auto person = person_by_nip(ctx.env(), nip, c.instansi_id);
           if (!person.ok()) return Error::field("nip", "asn.not_found");
           return ctx.redirect("/competency/" + std::to_string(c.id) + "/people/" + person->nip);
         },
         {.permission = Permission::kCampaignManage}});

  r.add({"POST",
         "/competency/{id}/people/{nip}/raters",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           org::Asn person = TRY(person_by_nip(ctx.env(), ctx.param("nip"), c.instansi_id));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           Status st = add_rater_action(ctx, c, person, in);
           if (!st.ok()) return person_page(ctx, c, person, &st.error());
           return ctx.redirect("/competency/" + std::to_string(c.id) + "/people/" + person.nip,
                               "saved");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 8 * 1024}});

  r.add({"POST",
         "/competency/{id}/assignments/{assignment}/remove",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           auto assignment = web::id_param(ctx, "assignment");
           if (!assignment) return Error::not_found("competency.assignment_unknown");
           auto row = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return find_assignment(tx, *assignment); }));
           if (!row || row->campaign_id != c.id)
             return Error::not_found("competency.assignment_unknown");
           org::Asn person = TRY(person_by_nip(ctx.env(), row->ratee_nip, c.instansi_id));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           Status st = remove_rater_action(ctx, c, *assignment, in);
           if (!st.ok()) return person_page(ctx, c, person, &st.error());
           return ctx.redirect("/competency/" + std::to_string(c.id) + "/people/" + person.nip,
                               "saved");
         },
         {.permission = Permission::kCampaignManage, .body_limit = 8 * 1024}});

  // ---- campaigns: API ----
  r.add({"GET", "/api/v1/campaigns", [](Context& ctx) -> Reply {
           if (!oversight_prefix(ctx.user())) return Error::forbidden();
           auto campaigns = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_campaigns(tx, ctx.user_instansi()); }));
           json items = json::array();
           for (const auto& c : campaigns) items.push_back(campaign_json(ctx, c));
           return ctx.json(200, {{"items", items}});
         }});

  r.add({"POST",
         "/api/v1/campaigns",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           CampaignSettings s = TRY(read_settings(in, TRY(instansi_units(ctx))));
           int64_t id = TRY(save_settings(ctx, s, std::nullopt));
           auto c = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_campaign(tx, id); }));
           auto res = ctx.json(201, campaign_json(ctx, *c));
           res.set_header("Location", "/api/v1/campaigns/" + std::to_string(id));
           return res;
         },
         {.permission = Permission::kCampaignManage, .body_limit = 64 * 1024}});

  r.add({"GET", "/api/v1/campaigns/{id}", [](Context& ctx) -> Reply {
           return ctx.json(200, campaign_json(ctx, TRY(visible_campaign(ctx, "id"))));
         }});

  r.add({"PUT",
         "/api/v1/campaigns/{id}",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           auto in = TRY(ctx.input());
           CampaignSettings s = TRY(read_settings(in, TRY(instansi_units(ctx))));
           TRY(save_settings(ctx, s, c.id));
           return ctx.json(200, campaign_json(ctx, TRY(managed_campaign(ctx, "id"))));
         },
         {.permission = Permission::kCampaignManage, .body_limit = 64 * 1024}});

  r.add({"POST",
         "/api/v1/campaigns/{id}/open",
         [](Context& ctx) -> Reply {
           return ctx.json(200, TRY(open_action(ctx, TRY(managed_campaign(ctx, "id")))));
         },
         {.permission = Permission::kCampaignManage, .body_limit = 4 * 1024}});

  r.add({"POST",
         "/api/v1/campaigns/{id}/close",
         [](Context& ctx) -> Reply {
           return ctx.json(200, TRY(close_action(ctx, TRY(managed_campaign(ctx, "id")))));
         },
         {.permission = Permission::kCampaignManage, .body_limit = 4 * 1024}});

  r.add({"GET", "/api/v1/campaigns/{id}/progress", [](Context& ctx) -> Reply {
           Campaign c = TRY(visible_campaign(ctx, "id"));
           auto [progress, pending] = TRY(load_progress(ctx, c, web::limit_param(ctx, 100, 1000)));
           return ctx.json(200, {{"units", progress_json(progress)},
                                 {"pending_raters", pending_json(pending)}});
         }});

  r.add({"GET",
         "/api/v1/campaigns/{id}/people/{nip}/raters",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           org::Asn person = TRY(person_by_nip(ctx.env(), ctx.param("nip"), c.instansi_id));
           auto rows = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return ratee_assignments(tx, c.id, person.id); }));
           json items = json::array();
           for (const auto& a : rows) items.push_back(assignment_row_json(ctx, a));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kCampaignManage}});

  r.add({"POST",
         "/api/v1/campaigns/{id}/people/{nip}/raters",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           org::Asn person = TRY(person_by_nip(ctx.env(), ctx.param("nip"), c.instansi_id));
           auto in = TRY(ctx.input());
           TRY(add_rater_action(ctx, c, person, in));
           return ctx.json(201, {{"status", "pending"}});
         },
         {.permission = Permission::kCampaignManage, .body_limit = 8 * 1024}});

  r.add({"POST",
         "/api/v1/campaigns/{id}/assignments/{assignment}/remove",
         [](Context& ctx) -> Reply {
           Campaign c = TRY(managed_campaign(ctx, "id"));
           auto assignment = web::id_param(ctx, "assignment");
           if (!assignment) return Error::not_found("competency.assignment_unknown");
           auto in = TRY(ctx.input());
           TRY(remove_rater_action(ctx, c, *assignment, in));
           return ctx.json(200, {{"status", "removed"}});
         },
         {.permission = Permission::kCampaignManage, .body_limit = 8 * 1024}});
}

}  // namespace harmoni::competency
