#include "competency/results.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "platform/util/json_read.hpp"

namespace harmoni::competency {
namespace {

size_t code_points(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

size_t col(Column c) { return static_cast<size_t>(c); }

Column column_of(RaterGroup g, bool pooled) {
  switch (g) {
    case RaterGroup::kSelf:
      return Column::kSelf;
    case RaterGroup::kSuperior:
      return Column::kSuperior;
    case RaterGroup::kPeer:
      return pooled ? Column::kOthers : Column::kPeer;
    case RaterGroup::kSubordinate:
      break;
  }
  return pooled ? Column::kOthers : Column::kSubordinate;
}

bool anonymous_column(Column c) {
  return c == Column::kPeer || c == Column::kSubordinate || c == Column::kOthers;
}

// Weighted mean of the shown cells of `columns` (self included or not).
std::optional<double> weighted(const std::array<std::optional<Cell>, kColumns>& cells,
                               const std::array<int, kColumns>& weights, bool with_self) {
  double sum = 0, total = 0;
  for (size_t c = 0; c < kColumns; ++c) {
    if (!cells[c] || (!with_self && c == col(Column::kSelf)) || weights[c] == 0) continue;
    sum += cells[c]->mean * weights[c];
    total += weights[c];
  }
  if (total == 0) return std::nullopt;
  return sum / total;
}

using nlohmann::json;

json scores_to_json(const Scores& s) {
  json cols = json::object();
  for (size_t c = 0; c < kColumns; ++c) {
    if (s.columns[c])
      cols[std::string(enum_name(static_cast<Column>(c)))] = {{"mean", s.columns[c]->mean},
                                                              {"n", s.columns[c]->n}};
  }
  json out = {{"code", s.code}, {"columns", cols}};
  if (s.others) out["others"] = *s.others;
  if (s.overall) out["overall"] = *s.overall;
  return out;
}

Scores scores_from_json(const json& j) {
  Scores s{.code = json_read::str(j, "code")};
  const json& cols = json_read::at(j, "columns");
  for (size_t c = 0; c < kColumns; ++c) {
    const json& cell = json_read::at(cols, std::string(enum_name(static_cast<Column>(c))).c_str());
    if (cell.is_object() && cell["mean"].is_number())
      s.columns[c] = Cell{cell["mean"].get<double>(), json_read::integer(cell, "n", 0)};
  }
  if (j.contains("others") && j["others"].is_number()) s.others = j["others"].get<double>();
  if (j.contains("overall") && j["overall"].is_number()) s.overall = j["overall"].get<double>();
  return s;
}

}  // namespace

std::string result_json(const PersonResult& r) {
  json items = json::array(), groups = json::array(), examples = json::array();
  for (const auto& s : r.items) items.push_back(scores_to_json(s));
  for (const auto& s : r.groups) groups.push_back(scores_to_json(s));
  for (const auto& [code, text] : r.examples) examples.push_back({code, text});
  json out = {{"responses", r.responses},
              {"shown", r.shown},
              {"withheld_any", r.withheld_any},
              {"items", items},
              {"groups", groups},
              {"demonstrated", r.demonstrated},
              {"blind_spots", r.blind_spots},
              {"hidden_strengths", r.hidden_strengths},
              {"comments", r.comments},
              {"examples", examples}};
  if (r.level) out["level"] = *r.level;
  return out.dump();
}

Result<PersonResult> parse_result_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error::internal("stored competency result is not JSON");
  PersonResult r;
  const json& responses = json_read::at(j, "responses");
  const json& shown = json_read::at(j, "shown");
  for (size_t c = 0; c < kColumns; ++c) {
    if (responses.is_array() && c < responses.size() && responses[c].is_number_integer())
      r.responses[c] = responses[c].get<int>();
    if (shown.is_array() && c < shown.size() && shown[c].is_boolean())
      r.shown[c] = shown[c].get<bool>();
  }
  r.withheld_any = json_read::boolean(j, "withheld_any", false);
  for (const auto& s : json_read::at(j, "items")) r.items.push_back(scores_from_json(s));
  for (const auto& s : json_read::at(j, "groups")) r.groups.push_back(scores_from_json(s));
  if (j.contains("level") && j["level"].is_number_integer()) r.level = j["level"].get<int>();
  r.demonstrated = json_read::strings(j, "demonstrated");
  r.blind_spots = json_read::strings(j, "blind_spots");
  r.hidden_strengths = json_read::strings(j, "hidden_strengths");
  r.comments = json_read::strings(j, "comments");
  for (const auto& e : json_read::at(j, "examples")) {
    if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string())
      r.examples.emplace_back(e[0], e[1]);
  }
  return r;
}

std::string answers_json(const RatingAnswers& a) {
  return json{{"scores", a.scores}, {"examples", a.examples}, {"comment", a.comment}}.dump();
}

Result<RatingAnswers> parse_answers_json(std::string_view text, RaterGroup group) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::internal("stored answers are not JSON");
  RatingAnswers a{.group = group, .comment = json_read::str(j, "comment")};
  for (const auto& [code, score] : json_read::at(j, "scores").items()) {
    if (score.is_number_integer()) a.scores[code] = score.get<int>();
  }
  for (const auto& [code, example] : json_read::at(j, "examples").items()) {
    if (example.is_string()) a.examples[code] = example.get<std::string>();
  }
  return a;
}

PersonSummary summary_of(const PersonResult& r, int64_t unit_id) {
  PersonSummary s{.unit_id = unit_id, .level = r.level};
  for (const auto& g : r.groups) {
    if (g.others) s.group_scores[g.code] = *g.others;
  }
  return s;
}

std::string rollup_group(const Item& item) {
  if (item.kind == ItemKind::kCustom && item.group.empty()) return "X";
  return item.group;
}

Status validate_answers(const RatingAnswers& a, const Instrument& instrument, const Scale& scale,
                        bool final) {
  std::vector<FieldError> errors;
  for (const auto& [code, score] : a.scores) {
    if (!instrument.find(code)) {
      errors.push_back({"scores." + code, "competency.item_unknown", {{"code", code}}});
    } else if (score < 0 || score > scale.max) {
      errors.push_back(
          {"scores." + code, "competency.score_range", {{"max", std::to_string(scale.max)}}});
    }
  }
  for (const auto& [code, text] : a.examples) {
    if (!instrument.find(code)) {
      errors.push_back({"examples." + code, "competency.item_unknown", {{"code", code}}});
    } else if (code_points(text) > kMaxExampleChars) {
      errors.push_back(
          {"examples." + code, "input.too_long", {{"max", std::to_string(kMaxExampleChars)}}});
    }
  }
  if (code_points(a.comment) > kMaxCommentChars) {
    errors.push_back({"comment", "input.too_long", {{"max", std::to_string(kMaxCommentChars)}}});
  }
  if (final && errors.empty()) {
    for (const auto& item : instrument.items) {
      auto it = a.scores.find(item.code);
      if (it == a.scores.end()) {
        errors.push_back({"scores." + item.code, "competency.score_missing", {}});
        continue;
      }
      if (!scale.is_extreme(it->second)) continue;
      auto ex = a.examples.find(item.code);
      if (ex == a.examples.end() || code_points(ex->second) < kMinExampleChars) {
        errors.push_back({"examples." + item.code,
                          "competency.example_required",
                          {{"min", std::to_string(kMinExampleChars)}}});
      }
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

PersonResult compute_result(const Instrument& instrument, const CampaignSettings& settings,
                            const std::vector<RatingAnswers>& forms) {
  PersonResult out;
  const int m = settings.min_group_size;
  std::array<int, 4> received{};
  for (const auto& f : forms) ++received[group_index(f.group)];
  const int peers = received[group_index(RaterGroup::kPeer)],
            subs = received[group_index(RaterGroup::kSubordinate)];
  const bool pooled = peers < m && subs < m && peers > 0 && subs > 0 && peers + subs >= m;
  out.shown[col(Column::kSelf)] = received[group_index(RaterGroup::kSelf)] > 0;
  out.shown[col(Column::kSuperior)] = received[group_index(RaterGroup::kSuperior)] > 0;
  out.shown[col(Column::kPeer)] = peers >= m;
  out.shown[col(Column::kSubordinate)] = subs >= m;
  out.shown[col(Column::kOthers)] = pooled;
  out.withheld_any = (peers > 0 && !out.shown[col(Column::kPeer)] && !pooled) ||
                     (subs > 0 && !out.shown[col(Column::kSubordinate)] && !pooled);
  std::array<int, kColumns> weights{};
  weights[col(Column::kSelf)] = settings.weights[group_index(RaterGroup::kSelf)];
  weights[col(Column::kSuperior)] = settings.weights[group_index(RaterGroup::kSuperior)];
  weights[col(Column::kPeer)] = settings.weights[group_index(RaterGroup::kPeer)];
  weights[col(Column::kSubordinate)] = settings.weights[group_index(RaterGroup::kSubordinate)];
  weights[col(Column::kOthers)] = weights[col(Column::kPeer)] + weights[col(Column::kSubordinate)];

  // Which forms count, and in which column; a form of a withheld group counts nowhere.
  std::vector<std::pair<const RatingAnswers*, Column>> counted;
  for (const auto& f : forms) {
    Column c = column_of(f.group, pooled);
    if (!out.shown[col(c)]) continue;
    counted.emplace_back(&f, c);
    ++out.responses[col(c)];
  }

  // Per item and column: sums of judged scores; a cell is shown when enough judged it.
  std::map<std::string, std::array<std::optional<Cell>, kColumns>> cell_of;
  for (const auto& item : instrument.items) {
    std::array<double, kColumns> sum{};
    std::array<int, kColumns> n{};
    for (const auto& [form, c] : counted) {
      auto it = form->scores.find(item.code);
      if (it == form->scores.end() || it->second <= 0) continue;
      sum[col(c)] += it->second;
      ++n[col(c)];
    }
    Scores s{.code = item.code};
    for (size_t c = 0; c < kColumns; ++c) {
      const int needed = anonymous_column(static_cast<Column>(c)) ? m : 1;
      if (n[c] >= needed) s.columns[c] = Cell{sum[c] / n[c], n[c]};
    }
    s.others = weighted(s.columns, weights, false);
    s.overall = weighted(s.columns, weights, true);
    cell_of[item.code] = s.columns;
    out.items.push_back(std::move(s));
  }

  // Rollups: the mean of the shown item means of each group, per column.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Scores*>> members;
  for (size_t i = 0; i < instrument.items.size(); ++i) {
    std::string g = rollup_group(instrument.items[i]);
    if (!members.contains(g)) order.push_back(g);
    members[g].push_back(&out.items[i]);
  }
  for (const auto& g : order) {
    Scores s{.code = g};
    for (size_t c = 0; c < kColumns; ++c) {
      double sum = 0;
      int n = 0, raters = 0;
      for (const Scores* item : members[g]) {
        if (!item->columns[c]) continue;
        sum += item->columns[c]->mean;
        raters = std::max(raters, item->columns[c]->n);
        ++n;
      }
      if (n > 0) s.columns[c] = Cell{sum / n, raters};
    }
    s.others = weighted(s.columns, weights, false);
    s.overall = weighted(s.columns, weights, true);
    out.groups.push_back(std::move(s));
  }

  // Perekat Bangsa level: judgments of others, from shown cells only.
  const LevelRule& rule = settings.level_rule;
  std::array<int, 6> present{}, demonstrated{};
  bool any_judged = false;
  for (const auto& item : instrument.items) {
    if (item.kind != ItemKind::kIndicator || item.level < 1 || item.level > 5) continue;
    ++present[item.level];
    int judged = 0, agreeing = 0;
    for (const auto& [form, c] : counted) {
      if (c == Column::kSelf || !cell_of[item.code][col(c)]) continue;
      auto it = form->scores.find(item.code);
      if (it == form->scores.end() || it->second <= 0) continue;
      ++judged;
      if (it->second >= rule.min_score) ++agreeing;
    }
    any_judged = any_judged || judged > 0;
    if (judged > 0 && agreeing * 100 >= rule.agree_percent * judged) {
      ++demonstrated[item.level];
      out.demonstrated.push_back(item.code);
    }
  }
  if (any_judged) {
    int level = 0;
    for (int l = 1; l <= 5; ++l) {
      if (present[l] == 0 || demonstrated[l] < std::min(rule.indicators_needed, present[l])) break;
      level = l;
    }
    out.level = level;
  }

  // Blind spots and hidden strengths: self against the others' weighted score.
  const double margin = settings.blind_spot_tenths / 10.0 - 1e-9;
  for (const auto& s : out.items) {
    const auto& self = s.columns[col(Column::kSelf)];
    if (!self || !s.others) continue;
    if (self->mean - *s.others >= margin) out.blind_spots.push_back(s.code);
    if (*s.others - self->mean >= margin) out.hidden_strengths.push_back(s.code);
  }

  // Words: from counted forms; an example only where its cell is shown.
  for (const auto& [form, c] : counted) {
    if (!form->comment.empty()) out.comments.push_back(form->comment);
    for (const auto& [code, text] : form->examples) {
      auto cells = cell_of.find(code);
      auto score = form->scores.find(code);
      if (text.empty() || cells == cell_of.end() || !cells->second[col(c)]) continue;
      if (score == form->scores.end() || score->second <= 0) continue;
      out.examples.emplace_back(code, text);
    }
  }
  std::sort(out.comments.begin(), out.comments.end());
  std::sort(out.examples.begin(), out.examples.end());
  return out;
}

}  // namespace harmoni::competency
