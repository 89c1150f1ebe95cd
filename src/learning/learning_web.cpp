#include "learning/learning_web.hpp"

#include <charconv>

namespace harmoni::learning {

using nlohmann::json;
using web::Context;

json jp_json(int64_t jp_e2) {
  return {{"jp", static_cast<double>(jp_e2) / 100}, {"jp_text", jp_text(jp_e2)}};
}

json standing_json(const Context& ctx, int64_t jp_e2) {
  Standing s = standing(jp_e2);
  json out = jp_json(jp_e2);
  out["met"] = s.met;
  out["missing"] = static_cast<double>(s.missing_e2) / 100;
  out["missing_text"] = jp_text(s.missing_e2);
  out["percent"] = std::min<int64_t>(100, jp_e2 * 100 / kYearlyRightE2);
  out["label"] =
      s.met ? ctx.t("learning.met") : ctx.t("learning.missing", {{"jp", jp_text(s.missing_e2)}});
  return out;
}

json record_json(const Context& ctx, const LearningRecord& r) {
  json out = jp_json(r.jp_e2);
  out.update({{"source", enum_name(r.source)},
              {"source_label", ctx.t("learning.source." + std::string(enum_name(r.source)))},
              {"title", r.title},
              {"activity_type", r.activity_type},
              {"verb", r.verb},
              {"completed_on", format_date(r.completed_on)},
              {"minutes", r.minutes},
              {"score", r.score ? json(*r.score) : json()},
              {"passed", r.passed ? json(*r.passed) : json()}});
  return out;
}

json programme_json(const Context& ctx, const Programme& p) {
  json out = jp_json(p.jp_e2);
  out.update({{"id", p.id},
              {"code", p.code},
              {"title", p.title},
              {"type", enum_name(p.type)},
              {"type_label", ctx.t("learning.type." + std::string(enum_name(p.type)))},
              {"mode", enum_name(p.mode)},
              {"mode_label", ctx.t("learning.mode." + std::string(enum_name(p.mode)))},
              {"items", p.items},
              {"organiser", p.organiser},
              {"description", p.description},
              {"active", p.active}});
  return out;
}

json class_json(const Context& ctx, const ClassSession& c) {
  return {{"id", c.id},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"place", c.place},
          {"link", c.link},
          {"capacity", c.capacity},
          {"self_registration", c.self_registration},
          {"status", enum_name(c.status)},
          {"status_label", ctx.t("learning.class_status." + std::string(enum_name(c.status)))}};
}

}  // namespace harmoni::learning
