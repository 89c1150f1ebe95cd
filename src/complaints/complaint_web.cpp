#include "complaints/complaint_web.hpp"

#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::complaints {

Submission read_submission(web::Input& in) {
  Submission s;
  if (auto kind = in.choice("kind", enum_name_list<Kind>()))
    s.report.kind = *parse_enum<Kind>(*kind);
  s.report.description =
      in.text("description", {.max_chars = kDescriptionMax + 100, .multiline = true}).value_or("");
  if (auto day = in.text("happened_on", {.required = false, .max_chars = 10});
      day && !day->empty()) {
    if (auto parsed = parse_date(*day)) {
      s.report.happened_on = *parsed;
    } else {
      in.add_error("happened_on", "complaint.date_invalid");
    }
  }
  if (auto identity = in.choice("identity", enum_name_list<Identity>()))
    s.report.identity = *parse_enum<Identity>(*identity);
  s.report.name = in.text("name", {.required = false, .max_chars = 120}).value_or("");
  s.report.contact = in.text("contact", {.required = false, .max_chars = 120}).value_or("");
  s.ticket_token = in.text("ticket", {.required = false, .max_chars = 64}).value_or("");
  s.instansi_code = in.text("instansi", {.required = false, .max_chars = 32}).value_or("");
  s.service_code = in.text("service", {.required = false, .max_chars = 32}).value_or("");
  if (in.is_json()) {
    if (auto unit = in.integer("unit", {.required = false, .min = 1})) s.unit_id = *unit;
  } else if (auto unit = in.text("unit", {.required = false, .max_chars = 20});
             unit && !unit->empty()) {
    // A form's "I don't know" is the empty choice.
    s.unit_id = web::parse_id(*unit);
    if (!s.unit_id) in.add_error("unit", "complaint.unit_unknown");
  }
  return s;
}

namespace {

nlohmann::json group_json(const web::Context& ctx, std::string_view prefix,
                          const std::vector<std::pair<std::string, int64_t>>& group) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, n] : group)
    out.push_back(
        {{"label", ctx.t(std::string(prefix) + value)},
         {"value", value},
         {"n", n < 0 ? nlohmann::json(ctx.t("complaint.stats.suppressed")) : nlohmann::json(n)},
         {"count", n < 0 ? nlohmann::json(nullptr) : nlohmann::json(n)}});
  return out;
}

}  // namespace

nlohmann::json statistics_json(const web::Context& ctx, const Statistics& st) {
  using nlohmann::json;
  auto place = [&](std::optional<double> v, int places) {
    return v ? json(decimal(*v, places, ctx.lang)) : json(ctx.t("complaint.stats.too_few"));
  };
  return {{"instansi", st.instansi_name},
          {"unit", st.unit_name},
          {"min_cell", st.min_cell},
          {"total", st.total < 0 ? json(ctx.t("complaint.stats.suppressed")) : json(st.total)},
          {"by_kind", group_json(ctx, kKindLabel, st.by_kind)},
          {"by_category", group_json(ctx, kCategoryLabel, st.by_category)},
          {"by_status", group_json(ctx, kStatusLabel, st.by_status)},
          {"first_response", place(st.median_first_response_days, 1)},
          {"answer", place(st.median_answer_days, 1)},
          {"within", st.within_share ? json(decimal(*st.within_share * 100, 1, ctx.lang) + "%")
                                     : json(ctx.t("complaint.stats.too_few"))},
          {"rating", place(st.mean_rating, 2)}};
}

std::string date_text(const web::Context& ctx, const std::optional<Date>& d) {
  return d ? long_date(*d, ctx.lang) : "";
}

}  // namespace harmoni::complaints
