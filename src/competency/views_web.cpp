#include "competency/views_web.hpp"

#include <fmt/format.h>

#include <cmath>

#include "competency/shipped_catalog.hpp"

namespace harmoni::competency {
namespace {

using nlohmann::json;

json cells_json(const Scores& s, const std::vector<Column>& columns) {
  json cells = json::array();
  for (Column c : columns) {
    const auto& cell = s.columns[static_cast<size_t>(c)];
    cells.push_back(
        cell ? json{{"column", enum_name(c)},
                    {"mean", score_number(cell->mean)},
                    {"text", score_text(cell->mean)},
                    {"n", cell->n}}
             : json{{"column", enum_name(c)}, {"mean", nullptr}, {"text", "–"}, {"n", 0}});
  }
  return cells;
}

json optional_score(const std::optional<double>& v) { return v ? json(score_number(*v)) : json(); }

}  // namespace

double score_number(double value) { return std::round(value * 100) / 100; }
std::string score_text(double value) { return fmt::format("{:.2f}", score_number(value)); }

json campaign_json(const web::Context& ctx, const Campaign& c) {
  const CampaignSettings& s = c.settings;
  json items = json::array();
  for (const auto& i : c.instrument->items) items.push_back(item_json_for(ctx, i));
  json out = settings_object(s);
  out.update({{"id", c.id},
              {"name", s.name},
              {"status", enum_name(c.status)},
              {"status_label", ctx.t("competency.status." + std::string(enum_name(c.status)))},
              {"starts_on", s.starts_on},
              {"deadline", s.deadline},
              {"values_version", s.values_version},
              {"blind_spot_margin", s.blind_spot_tenths / 10.0},
              {"scope_unit_ids", s.scope_unit_ids},
              {"items", items},  // the frozen instrument, with its wording
              {"items_count", items.size()},
              {"results_ready", c.results_at.has_value()}});
  return out;
}

json item_json_for(const web::Context& ctx, const Item& i) {
  json learning = json::array();
  for (const auto& k : i.learning) {
    auto it = catalog().learning_kinds().find(k);
    learning.push_back(
        {{"code", k},
         {"label", it == catalog().learning_kinds().end() ? k : it->second.in(ctx.lang)}});
  }
  return {{"code", i.code},
          {"kind", enum_name(i.kind)},
          {"group", rollup_group(i)},
          {"level", i.level},
          {"text", i.text.in(ctx.lang)},
          {"low", i.low.in(ctx.lang)},
          {"high", i.high.in(ctx.lang)},
          {"learning", learning}};
}

std::string group_title(const web::Context& ctx, const Campaign& c, const std::string& group) {
  for (const auto& v : catalog().values(c.settings.values_version)) {
    if (v.code == group) return v.name.in(ctx.lang);
  }
  if (group.starts_with("PB.") && group.size() == 4) {
    const int level = group[3] - '0';
    for (const auto& l : catalog().levels()) {
      if (l.level == level)
        return ctx.t("competency.level_title",
                     {{"level", std::to_string(level)}, {"title", l.title.in(ctx.lang)}});
    }
  }
  if (group == "MK") return ctx.t("competency.group_managerial");
  return ctx.t("competency.group_own");
}

json result_view(const web::Context& ctx, const Campaign& c, const StoredResult& stored) {
  const PersonResult& r = stored.result;
  std::vector<Column> shown;
  json columns = json::array();
  for (size_t i = 0; i < kColumns; ++i) {
    if (!r.shown[i]) continue;
    const Column col = static_cast<Column>(i);
    shown.push_back(col);
    columns.push_back({{"code", enum_name(col)},
                       {"label", ctx.t("competency.column." + std::string(enum_name(col)))},
                       {"responses", r.responses[i]}});
  }
  json groups = json::array();
  for (const auto& g : r.groups) {
    groups.push_back({{"code", g.code},
                      {"title", group_title(ctx, c, g.code)},
                      {"cells", cells_json(g, shown)},
                      {"others", optional_score(g.others)},
                      {"overall", optional_score(g.overall)},
                      {"others_text", g.others ? score_text(*g.others) : "–"}});
  }
  auto text_of = [&](const std::string& code) {
    const Item* item = c.instrument->find(code);
    return item ? item->text.in(ctx.lang) : code;
  };
  json items = json::array();
  for (const auto& s : r.items) {
    items.push_back({{"code", s.code},
                     {"text", text_of(s.code)},
                     {"cells", cells_json(s, shown)},
                     {"others", optional_score(s.others)},
                     {"overall", optional_score(s.overall)},
                     {"others_text", s.others ? score_text(*s.others) : "–"}});
  }
  auto listed = [&](const std::vector<std::string>& codes) {
    json out = json::array();
    for (const auto& code : codes) out.push_back({{"code", code}, {"text", text_of(code)}});
    return out;
  };
  json examples = json::array();
  for (const auto& [code, text] : r.examples)
    examples.push_back({{"code", code}, {"item", text_of(code)}, {"example", text}});
  json out = {{"campaign", {{"id", c.id}, {"name", c.settings.name}}},
              {"columns", columns},
              {"withheld", r.withheld_any},
              {"groups", groups},
              {"items", items},
              {"demonstrated", r.demonstrated},
              {"blind_spots", listed(r.blind_spots)},
              {"hidden_strengths", listed(r.hidden_strengths)},
              {"comments", r.comments},
              {"examples", examples},
              {"required_level", stored.required_level}};
  if (r.level) {
    const std::string band(band_for_level(*r.level));
    auto band_text = catalog().bands().find(band);
    out["level"] = *r.level;
    out["band"] = band;
    out["band_label"] = band_text == catalog().bands().end() ? ctx.t("competency.band_none")
                                                             : band_text->second.in(ctx.lang);
    out["gap"] = std::max(0, stored.required_level - *r.level);
  } else {
    out["level"] = out["band"] = out["gap"] = nullptr;
    out["band_label"] = ctx.t("competency.level_not_assessed");
  }
  return out;
}

}  // namespace harmoni::competency
