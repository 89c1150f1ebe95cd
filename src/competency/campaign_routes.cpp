// HR's side of 360-degree campaigns: the instansi's own indicators, making, opening and
// closing campaigns, who rates whom (changes with a reason), and progress; as pages
// and as JSON. Unit heads see campaigns and their subtree's progress.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "competency/competency_cases.hpp"
#include "competency/competency_web.hpp"
#include "competency/views_web.hpp"
#include "org/org_cases.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// ---- campaign settings from a form or JSON ----

CampaignSettings default_settings(const Context& ctx, const std::vector<Item>& own) {
  CampaignSettings s;
  const Date today = date_in_wib(ctx.now_ms());
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
  auto own = TRY(own_items(ctx.env(), ctx.actor()));
  auto units = TRY(scope_units(ctx.env(), ctx.actor()));
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
  return ctx.form_page("campaign_form", data,
                       campaign_id ? "competency.edit_title" : "competency.new_title", error);
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

Reply person_page(Context& ctx, const Campaign& c, const org::Asn& person, const Error* error) {
  auto rows = TRY(raters_of(ctx.env(), c, person));
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
  return ctx.form_page("campaign_person", data, "competency.person_title", error);
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

Reply items_page(Context& ctx, const web::Input* sent, const Error* error) {
  auto own = TRY(own_items(ctx.env(), ctx.actor()));
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
  return ctx.form_page("competency_items", data, "competency.items_title", error);
}

// ---- reading requests ----

std::optional<int64_t> campaign_id(const Context& ctx) { return web::id_param(ctx, "id"); }

Result<Campaign> visible(const Context& ctx) {
  return visible_campaign(ctx.env(), ctx.actor(), campaign_id(ctx));
}

Result<Campaign> managed(const Context& ctx) {
  return managed_campaign(ctx.env(), ctx.actor(), campaign_id(ctx));
}

Result<org::Asn> path_person(const Context& ctx, const Campaign& c) {
  return org::person_by_nip(ctx.env(), ctx.param("nip"), c.instansi_id);
}

NewRater read_new_rater(web::Input& in) {
  NewRater r;
  r.nip = in.text("rater", {.max_chars = 32}).value_or("");
  if (auto group = in.choice("group", enum_name_list<RaterGroup>())) {
    r.group = *parse_enum<RaterGroup>(*group);
  }
  r.reason = in.text("reason", {.min_chars = 5, .max_chars = 500, .multiline = true}).value_or("");
  return r;
}

std::string read_reason(web::Input& in) {
  return in.text("reason", {.min_chars = 5, .max_chars = 500, .multiline = true}).value_or("");
}

std::string person_url(const Campaign& c, const std::string& nip) {
  return "/competency/" + std::to_string(c.id) + "/people/" + nip;
}

// Reads settings from the request and saves them (new, or the draft's).
// `settings` keeps what could be read, to show the form again.
Result<int64_t> save_from_request(const Context& ctx, web::Input& in,
                                  std::optional<CampaignSettings>& settings,
                                  std::optional<int64_t> draft_id) {
  auto units = TRY(scope_units(ctx.env(), ctx.actor()));
  auto parsed = read_settings(in, units);
  if (!parsed.ok()) return parsed.release_error();
  settings = parsed.release_value();
  return save_campaign(ctx.env(), ctx.actor(), *settings, draft_id);
}

// ---- handlers: the instansi's own indicators and the catalogue ----

Reply show_items(Context& ctx) { return items_page(ctx, nullptr, nullptr); }

Reply create_item_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto item = read_custom_item(in);
  auto saved =
      item.ok() ? create_own_item(ctx.env(), ctx.actor(), *item) : Result<int64_t>(item.error());
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.error();
    return items_page(ctx, &in, &saved.error());
  }
  return ctx.redirect("/competency/items", "saved");
}

Reply api_list_items(Context& ctx) {
  json items = json::array();
  for (const auto& i : TRY(own_items(ctx.env(), ctx.actor()))) {
    items.push_back(item_json_for(ctx, i));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_item(Context& ctx) {
  auto in = TRY(ctx.input());
  Item item = TRY(read_custom_item(in));
  int64_t id = TRY(create_own_item(ctx.env(), ctx.actor(), item));
  json body = item_json_for(ctx, item);
  body["id"] = id;
  return ctx.json(201, body);
}

// The catalogue in either version's wording, for any signed-in user.
Reply api_catalog(Context& ctx) {
  std::string version = ctx.request.query_param("version").value_or("2023");
  if (!catalog().has_version(version)) return Error::field("version", "competency.version_unknown");
  json items = json::array(), levels = json::array(), values = json::array();
  for (const auto& i : catalog().items(version)) items.push_back(item_json_for(ctx, i));
  for (const auto& l : catalog().levels()) {
    levels.push_back(
        {{"level", l.level}, {"title", l.title.in(ctx.lang)}, {"band", band_for_level(l.level)}});
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
}

// ---- handlers: campaigns ----

Reply list_campaigns_page(Context& ctx) {
  json list = json::array();
  for (const auto& c : TRY(campaigns_of(ctx.env(), ctx.actor()))) {
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
}

Reply new_campaign_page(Context& ctx) {
  auto own = TRY(own_items(ctx.env(), ctx.actor()));
  return settings_page(ctx, default_settings(ctx, own), std::nullopt, nullptr);
}

Reply create_campaign_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::optional<CampaignSettings> settings;
  auto saved = save_from_request(ctx, in, settings, std::nullopt);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    // Show what was sent, as far as it could be read.
    CampaignSettings shown = settings ? *settings : default_settings(ctx, {});
    if (!settings) {
      shown.name = in.raw("name");
      shown.starts_on = in.raw("starts_on");
      shown.deadline = in.raw("deadline");
      shown.item_codes = in.keys_with_prefix("item:");
    }
    return settings_page(ctx, shown, std::nullopt, &saved.error());
  }
  return ctx.redirect("/competency/" + std::to_string(*saved), "saved");
}

Reply show_campaign(Context& ctx) {
  Campaign c = TRY(visible(ctx));
  Progress progress = TRY(progress_of(ctx.env(), ctx.actor(), c, 100));
  const auto& p = ctx.user();
  const bool manage = p.can(Permission::kCampaignManage);
  int64_t total = 0, sent = 0;
  for (const auto& u : progress.units) {
    total += u.assignments;
    sent += u.submitted;
  }
  json data = {{"campaign", campaign_json(ctx, c)},
               {"progress", progress_json(progress.units)},
               {"has_progress", !progress.units.empty()},
               {"pending", pending_json(progress.pending)},
               {"has_pending", !progress.pending.empty()},
               {"total", total},
               {"sent", sent},
               {"percent", total ? sent * 100 / total : 0},
               {"can_edit", manage && c.status == CampaignStatus::kDraft},
               {"can_open", manage && c.status == CampaignStatus::kDraft},
               {"can_close", manage && c.status == CampaignStatus::kOpen},
               {"can_compute", manage && c.status == CampaignStatus::kClosed && !c.results_at},
               {"can_manage", manage},
               {"can_heatmap", c.results_at && heatmap_prefix(p).has_value()}};
  return ctx.page("campaign", data, "competency.campaign_title");
}

Reply edit_campaign_page(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  if (c.status != CampaignStatus::kDraft) return Error::conflict("competency.not_draft");
  return settings_page(ctx, c.settings, c.id, nullptr);
}

Reply update_campaign_from_form(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::optional<CampaignSettings> settings;
  auto saved = save_from_request(ctx, in, settings, c.id);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    return settings_page(ctx, settings ? *settings : c.settings, c.id, &saved.error());
  }
  return ctx.redirect("/competency/" + std::to_string(c.id), "saved");
}

Reply open_from_page(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  TRY(open(ctx.env(), ctx.actor(), c));
  return ctx.redirect("/competency/" + std::to_string(c.id), "competency.opened");
}

Reply close_from_page(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  TRY(close_and_compute(ctx.env(), ctx.actor(), c));
  return ctx.redirect("/competency/" + std::to_string(c.id), "competency.closed");
}

Reply show_person(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  return person_page(ctx, c, TRY(path_person(ctx, c)), nullptr);
}

// The NIP box on the campaign page.
Reply find_person(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  std::string nip = org::normalize_nip(ctx.request.query_param("nip").value_or(""));
  if (nip.empty()) return Error::field("nip", "input.required");
  auto person = org::person_by_nip(ctx.env(), nip, c.instansi_id);
  if (!person.ok()) return Error::field("nip", "asn.not_found");
  return ctx.redirect(person_url(c, person->nip));
}

Reply add_rater_from_form(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  org::Asn person = TRY(path_person(ctx, c));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  NewRater rater = read_new_rater(in);
  Status added = in.finish();
  if (added.ok()) added = add_rater(ctx.env(), ctx.actor(), c, person, rater);
  if (!added.ok()) return person_page(ctx, c, person, &added.error());
  return ctx.redirect(person_url(c, person.nip), "saved");
}

Reply remove_rater_from_form(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  AssignmentRow row = TRY(assignment_of(ctx.env(), c, web::id_param(ctx, "assignment")));
  org::Asn person = TRY(org::person_by_nip(ctx.env(), row.ratee_nip, c.instansi_id));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::string reason = read_reason(in);
  Status removed = in.finish();
  if (removed.ok()) removed = remove_rater(ctx.env(), ctx.actor(), c, row.id, reason);
  if (!removed.ok()) return person_page(ctx, c, person, &removed.error());
  return ctx.redirect(person_url(c, person.nip), "saved");
}

// ---- handlers: the API ----

Reply api_list_campaigns(Context& ctx) {
  json items = json::array();
  for (const auto& c : TRY(campaigns_of(ctx.env(), ctx.actor()))) {
    items.push_back(campaign_json(ctx, c));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_campaign(Context& ctx) {
  auto in = TRY(ctx.input());
  std::optional<CampaignSettings> settings;
  int64_t id = TRY(save_from_request(ctx, in, settings, std::nullopt));
  Campaign c = TRY(visible_campaign(ctx.env(), ctx.actor(), id));
  auto res = ctx.json(201, campaign_json(ctx, c));
  res.set_header("Location", "/api/v1/campaigns/" + std::to_string(id));
  return res;
}

Reply api_get_campaign(Context& ctx) {
  return ctx.json(200, campaign_json(ctx, TRY(visible(ctx))));
}

Reply api_update_campaign(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  auto in = TRY(ctx.input());
  std::optional<CampaignSettings> settings;
  TRY(save_from_request(ctx, in, settings, c.id));
  return ctx.json(200, campaign_json(ctx, TRY(managed(ctx))));
}

Reply api_open(Context& ctx) {
  int64_t n = TRY(open(ctx.env(), ctx.actor(), TRY(managed(ctx))));
  return ctx.json(200, {{"status", "open"}, {"assignments", n}});
}

Reply api_close(Context& ctx) {
  ComputeOutcome done = TRY(close_and_compute(ctx.env(), ctx.actor(), TRY(managed(ctx))));
  return ctx.json(200, {{"status", "closed"}, {"people", done.people}, {"forms", done.forms}});
}

Reply api_progress(Context& ctx) {
  Campaign c = TRY(visible(ctx));
  Progress progress = TRY(progress_of(ctx.env(), ctx.actor(), c, web::limit_param(ctx, 100, 1000)));
  return ctx.json(200, {{"units", progress_json(progress.units)},
                        {"pending_raters", pending_json(progress.pending)}});
}

Reply api_raters(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  org::Asn person = TRY(path_person(ctx, c));
  json items = json::array();
  for (const auto& a : TRY(raters_of(ctx.env(), c, person))) {
    items.push_back(assignment_row_json(ctx, a));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_add_rater(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  org::Asn person = TRY(path_person(ctx, c));
  auto in = TRY(ctx.input());
  NewRater rater = read_new_rater(in);
  TRY(in.finish());
  TRY(add_rater(ctx.env(), ctx.actor(), c, person, rater));
  return ctx.json(201, {{"status", "pending"}});
}

Reply api_remove_rater(Context& ctx) {
  Campaign c = TRY(managed(ctx));
  auto assignment = web::id_param(ctx, "assignment");
  if (!assignment) return Error::not_found("competency.assignment_unknown");
  auto in = TRY(ctx.input());
  std::string reason = read_reason(in);
  TRY(in.finish());
  TRY(remove_rater(ctx.env(), ctx.actor(), c, *assignment, reason));
  return ctx.json(200, {{"status", "removed"}});
}

const web::RouteOptions kManage{.permission = Permission::kCampaignManage};
const web::RouteOptions kManageSmall{.permission = Permission::kCampaignManage,
                                     .body_limit = 4 * 1024};
const web::RouteOptions kManageForm{.permission = Permission::kCampaignManage,
                                    .body_limit = 8 * 1024};
const web::RouteOptions kManageItems{.permission = Permission::kCampaignManage,
                                     .body_limit = 32 * 1024};
const web::RouteOptions kManageSettings{.permission = Permission::kCampaignManage,
                                        .body_limit = 64 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/competency/items", show_items, kManage},
    {"POST", "/competency/items", create_item_from_form, kManageItems},
    {"GET", "/api/v1/competency/items", api_list_items, kManage},
    {"POST", "/api/v1/competency/items", api_create_item, kManageItems},
    {"GET", "/api/v1/competency/catalog", api_catalog},
    {"GET", "/competency", list_campaigns_page},
    {"GET", "/competency/new", new_campaign_page, kManage},
    {"POST", "/competency", create_campaign_from_form, kManageSettings},
    {"GET", "/competency/{id}", show_campaign},
    {"GET", "/competency/{id}/edit", edit_campaign_page},
    {"POST", "/competency/{id}", update_campaign_from_form, kManageSettings},
    {"POST", "/competency/{id}/open", open_from_page, kManageSmall},
    {"POST", "/competency/{id}/close", close_from_page, kManageSmall},
    {"GET", "/competency/{id}/people/{nip}", show_person, kManage},
    {"GET", "/competency/{id}/people", find_person, kManage},
    {"POST", "/competency/{id}/people/{nip}/raters", add_rater_from_form, kManageForm},
    {"POST", "/competency/{id}/assignments/{assignment}/remove", remove_rater_from_form,
     kManageForm},
    {"GET", "/api/v1/campaigns", api_list_campaigns},
    {"POST", "/api/v1/campaigns", api_create_campaign, kManageSettings},
    {"GET", "/api/v1/campaigns/{id}", api_get_campaign},
    {"PUT", "/api/v1/campaigns/{id}", api_update_campaign, kManageSettings},
    {"POST", "/api/v1/campaigns/{id}/open", api_open, kManageSmall},
    {"POST", "/api/v1/campaigns/{id}/close", api_close, kManageSmall},
    {"GET", "/api/v1/campaigns/{id}/progress", api_progress},
    {"GET", "/api/v1/campaigns/{id}/people/{nip}/raters", api_raters, kManage},
    {"POST", "/api/v1/campaigns/{id}/people/{nip}/raters", api_add_rater, kManageForm},
    {"POST", "/api/v1/campaigns/{id}/assignments/{assignment}/remove", api_remove_rater,
     kManageForm},
};

}  // namespace

std::span<const web::RouteDef> campaign_routes() { return kRoutes; }

}  // namespace harmoni::competency
