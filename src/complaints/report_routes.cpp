// The citizen's side, no account: the report form (narrowed step by step without
// JavaScript), the receipt with its tracking code, the follow-up page (the code travels
// in form posts, never in a URL a shared phone's history would keep), public statistics,
// and the same as a JSON API.
#include "complaints/complaint_routes.hpp"
#include "complaints/complaint_web.hpp"
#include "complaints/tracking_code.hpp"
#include "platform/qr/qr_svg.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::complaints {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

// Today in Indonesia's easternmost zone (WIT), the first to reach a new day: checking the
// report's date against it at the boundary refuses no date the instansi's own zone
// allows; the use case checks again in that zone.
Date latest_today(const Context& ctx) { return date_in_zone(ctx.now_ms(), TimeZone::kWit); }

// ---- the report form ----

json choices_json(const Context& ctx, const Choices& ch, const web::Input* sent) {
  auto raw = [&](std::string_view f) { return sent ? sent->raw(f) : std::string(); };
  json instansi = json::array();
  for (const auto& i : ch.instansi)
    instansi.push_back({{"code", i.code},
                        {"name", i.name},
                        {"selected", ch.chosen_instansi && ch.chosen_instansi->id == i.id}});
  json units = json::array();
  for (const auto& u : ch.units)
    units.push_back({{"id", u.id},
                     {"name", u.name},
                     {"selected", ch.chosen_unit && ch.chosen_unit->id == u.id}});
  json services = json::array();
  for (const auto& s : ch.services)
    services.push_back(
        {{"code", s.code}, {"name", s.name}, {"selected", raw("service") == s.code}});
  const std::string identity = sent ? raw("identity") : "confidential";
  json identities = json::array();
  for (Identity i : enum_values<Identity>()) {
    const std::string name(enum_name(i));
    identities.push_back({{"value", name},
                          {"label", ctx.t("complaint.identity." + name)},
                          {"hint", ctx.t("complaint.identity_hint." + name)},
                          {"checked", identity == name}});
  }
  std::optional<Kind> kind = parse_enum<Kind>(raw("kind"));
  return {{"instansi", instansi},
          {"chosen_instansi", ch.chosen_instansi ? json(ch.chosen_instansi->code) : json(false)},
          {"chosen_instansi_name", ch.chosen_instansi ? ch.chosen_instansi->name : ""},
          {"units", units},
          {"has_units", !units.empty()},
          {"chosen_unit", ch.chosen_unit ? json(ch.chosen_unit->id) : json(false)},
          {"chosen_unit_name", ch.chosen_unit ? ch.chosen_unit->name : ""},
          {"services", services},
          {"has_services", !services.empty()},
          {"ticket_label", ch.ticket_label ? json(*ch.ticket_label) : json(false)},
          {"kinds", options<Kind>(ctx, kKindLabel, kind.value_or(Kind::kPengaduan))},
          {"identities", identities},
          {"form",
           {{"description", raw("description")},
            {"happened_on", raw("happened_on")},
            {"name", raw("name")},
            {"contact", raw("contact")},
            {"reported_nip", raw("reported_nip")},
            {"links", raw("links")}}},
          {"today", format_date(date_in_wib(ctx.now_ms()))},
          {"max_mb", kMaxEvidenceBytes / (1024 * 1024)}};
}

Reply report_form(Context& ctx, bool neutrality, const web::Input* sent, const Error* error) {
  auto q = [&](std::string_view name) { return ctx.request.query_param(name).value_or(""); };
  std::string instansi = sent ? sent->raw("instansi") : q("instansi");
  std::string ticket = sent ? sent->raw("ticket") : q("tiket");
  std::optional<int64_t> unit = web::parse_id(sent ? sent->raw("unit") : q("unit"));
  auto ch = report_choices(ctx.env(), instansi, neutrality ? std::nullopt : unit, ticket);
  if (!ch.ok()) return ch.release_error();
  json data = choices_json(ctx, *ch, sent);
  data["form_csrf"] = ctx.form_csrf_token();
  data["ticket"] = ticket;
  data["neutrality"] = neutrality;
  data["action"] = neutrality ? "/lapor/netralitas" : "/lapor";
  return ctx.form_page("lapor", data,
                       neutrality ? "complaint.neutrality_title" : "complaint.form_title", error);
}

Reply show_form(Context& ctx) { return report_form(ctx, false, nullptr, nullptr); }
Reply show_neutrality_form(Context& ctx) { return report_form(ctx, true, nullptr, nullptr); }

Reply receipt_page(Context& ctx, const Receipt& r) {
  return ctx.page("lapor_receipt",
                  {{"code", display_tracking_code(r.tracking_code)},
                   {"number", r.id},
                   {"instansi", r.instansi_name},
                   {"due", long_date(r.verification_due, ctx.lang)}},
                  "complaint.receipt_title", 201);
}

template <bool kNeutrality>
Reply submit_form(Context& ctx) {
  auto form = TRY(web::read_form_with_file(ctx));
  web::Input& in = form.fields;
  in.ignore("_csrf");
  Submission s = read_submission(in);
  s.evidence = std::move(form.file);
  if (kNeutrality) {
    s.unit_id.reset();
    s.neutrality = NeutralityReport{
        .reported_nip = in.text("reported_nip", {.max_chars = 32}).value_or(""),
        .links = in.text("links", {.required = false, .max_chars = 2000, .multiline = true})
                     .value_or("")};
  }
  Status read = in.finish_with(validate(s.report, latest_today(ctx)));
  auto receipt =
      read.ok() ? submit_report(ctx.env(), ctx.actor(), s) : Result<Receipt>(read.error());
  if (!receipt.ok()) {
    if (!receipt.error().is_users_fault()) return receipt.release_error();
    return report_form(ctx, kNeutrality, &in, &receipt.error());
  }
  return receipt_page(ctx, *receipt);
}

// A printable poster for a unit's counters: a QR code to the unit's report form.
Reply show_poster(Context& ctx) {
  auto unit_id = web::id_param(ctx, "unit_id");
  if (!unit_id) return Error::not_found("complaint.unit_unknown");
  Choices ch = TRY(report_choices(ctx.env(), "", unit_id, ""));
  if (!ch.chosen_unit) return Error::not_found("complaint.unit_unknown");
  const std::string url = ctx.public_origin() + "/lapor?unit=" + std::to_string(*unit_id);
  std::string qr = TRY(qr::svg(url, ctx.t("complaint.poster_heading")));
  return ctx.page(
      "lapor_poster",
      {{"instansi", ch.chosen_instansi ? ch.chosen_instansi->name : ""},
       {"unit", ch.chosen_unit->name},
       {"unit_id", *unit_id},
       {"url", url},
       {"promise", ctx.t("complaint.poster_promise", {{"days", std::to_string(ch.verify_days)}})},
       {"qr", qr}},
      "complaint.poster_heading");
}

// ---- following a report ----

json tracked_json(const Context& ctx, const Tracked& t, std::string_view code) {
  const Complaint& c = t.complaint;
  json steps = json::array();
  for (const PublicStep& s : t.steps) {
    steps.push_back({{"when", long_date_time(s.at_ms, TimeZone::kWib, ctx.lang)},
                     {"what", label(ctx, kStepLabel, s.step)},
                     {"by_reporter", s.by_reporter},
                     {"note", s.note}});
  }
  json ratings = json::array();
  for (int r = 4; r >= 1; --r)
    ratings.push_back({{"value", r}, {"label", ctx.t("complaint.rating." + std::to_string(r))}});
  return {{"code", display_tracking_code(code)},
          {"number", c.id},
          {"instansi", t.instansi_name},
          {"unit", c.unit_name},
          {"kind", label(ctx, kKindLabel, c.kind)},
          {"status", label(ctx, kStatusLabel, c.status)},
          {"received", date_text(ctx, c.received_on)},
          {"verify_due", date_text(ctx, c.verify_due)},
          {"reporter_due", date_text(ctx, c.reporter_due)},
          {"steps", steps},
          {"question", t.question},
          {"answer", c.answer},
          {"has_answer", !c.answer.empty() && c.status != State::kDisposed},
          {"can_reply", t.can_reply},
          {"waiting", c.status == State::kWaitingReporter},
          {"can_respond", t.can_respond},
          {"can_reopen", t.can_respond && t.reopens_left > 0},
          {"can_rate", t.can_rate},
          {"ratings", ratings},
          {"rating", c.rating ? json(*c.rating) : json(false)},
          {"outside", c.outside_body}};
}

Reply track_page(Context& ctx, const std::string& code, const web::Input* sent, const Error* error,
                 std::string_view done_key = {}) {
  json data = {{"form_csrf", ctx.form_csrf_token()}, {"typed", code}};
  if (!done_key.empty()) data["done"] = ctx.t(done_key);
  if (code.empty()) return ctx.form_page("lapor_track", data, "complaint.track_title", error);
  auto t = track_report(ctx.env(), ctx.actor(), code);
  if (!t.ok()) {
    if (!t.error().is_users_fault()) return t.release_error();
    return ctx.form_page("lapor_track", data, "complaint.track_title", error ? error : &t.error());
  }
  json report = tracked_json(ctx, *t, *normalise_tracking_code(code));
  report["text"] = sent ? sent->raw("text") : "";
  report["reason"] = sent ? sent->raw("reason") : "";
  report["code_raw"] = code;
  data["report"] = std::move(report);
  return ctx.form_page("lapor_track", data, "complaint.track_title", error);
}

Reply show_track(Context& ctx) { return track_page(ctx, "", nullptr, nullptr); }

Reply post_track(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto code = in.text("code", {.max_chars = 40}).value_or("");
  if (Status st = in.finish(); !st.ok()) return track_page(ctx, "", &in, &st.error());
  return track_page(ctx, code, nullptr, nullptr);
}

// One of the reporter's acts on the follow-up page, then the page again.
// One of the reporter's acts: the code, the form's fields and its file (the API sends none).
using ReporterAct = Status (*)(Context&, web::Input&, const std::string&,
                               const std::optional<std::string>&);

template <ReporterAct kAct, const char* kDoneKey>
Reply reporter_form(Context& ctx) {
  auto form = TRY(web::read_form_with_file(ctx));
  web::Input& in = form.fields;
  in.ignore("_csrf");
  const std::string code = in.raw("code");
  in.ignore("code");
  Status done = kAct(ctx, in, code, form.file);
  if (!done.ok()) {
    if (!done.error().is_users_fault()) return done.release_error();
    return track_page(ctx, code, &in, &done.error());
  }
  return track_page(ctx, code, nullptr, nullptr, kDoneKey);
}

Status act_reply(Context& ctx, web::Input& in, const std::string& code,
                 const std::optional<std::string>& evidence) {
  auto text = in.text("text", {.max_chars = kDescriptionMax, .multiline = true});
  TRY(in.finish());
  return reporter_reply(ctx.env(), ctx.actor(), code, *text, evidence);
}
Status act_confirm(Context& ctx, web::Input& in, const std::string& code,
                   const std::optional<std::string>&) {
  TRY(in.finish());
  return reporter_confirm(ctx.env(), ctx.actor(), code);
}
Status act_reopen(Context& ctx, web::Input& in, const std::string& code,
                  const std::optional<std::string>&) {
  auto reason = in.text("reason", {.max_chars = kDescriptionMax, .multiline = true});
  TRY(in.finish());
  return reporter_reopen(ctx.env(), ctx.actor(), code, *reason);
}
Status act_rate(Context& ctx, web::Input& in, const std::string& code,
                const std::optional<std::string>&) {
  auto rating = in.integer("rating", {.min = 1, .max = 4});
  TRY(in.finish());
  return reporter_rate(ctx.env(), ctx.actor(), code, static_cast<int>(*rating));
}

constexpr char kReplied[] = "complaint.done.reply";
constexpr char kConfirmed[] = "complaint.done.confirm";
constexpr char kReopened[] = "complaint.done.reopen";
constexpr char kRated[] = "complaint.done.rate";

// ---- public statistics ----

Reply show_statistics(Context& ctx) {
  auto ch = TRY(report_choices(ctx.env(), ctx.request.query_param("instansi").value_or(""),
                               std::nullopt, ""));
  // A unit of the instansi shown narrows the figures; one left over from another does not.
  std::optional<int64_t> unit = web::query_id(ctx, "unit");
  if (unit && std::none_of(ch.units.begin(), ch.units.end(),
                           [&](const org::Unit& u) { return u.id == *unit; }))
    unit.reset();
  if (unit)
    ch.chosen_unit = *std::find_if(ch.units.begin(), ch.units.end(),
                                   [&](const org::Unit& u) { return u.id == *unit; });
  json data = choices_json(ctx, ch, nullptr);
  const int year = TRY(web::year_param(ctx));
  data["year"] = year;
  if (ch.chosen_instansi) {
    auto st = TRY(
        public_statistics(ctx.env(), ch.chosen_instansi->id, unit, {year, 1, 1}, {year, 12, 31}));
    data["stats"] = statistics_json(ctx, st);
  }
  return ctx.page("lapor_stats", data, "complaint.stats_title");
}

// ---- API ----

Reply api_submit(Context& ctx) {
  auto in = TRY(ctx.input());
  Submission s = read_submission(in);
  if (in.has("reported_nip")) {
    s.neutrality = NeutralityReport{
        .reported_nip = in.text("reported_nip", {.max_chars = 32}).value_or(""),
        .links = in.text("links", {.required = false, .max_chars = 2000, .multiline = true})
                     .value_or("")};
  }
  TRY(in.finish_with(validate(s.report, latest_today(ctx))));
  Receipt r = TRY(submit_report(ctx.env(), ctx.actor(), s));
  return ctx.json(201, {{"tracking_code", display_tracking_code(r.tracking_code)},
                        {"number", r.id},
                        {"verification_due", format_date(r.verification_due)}});
}

json api_tracked(const Tracked& t) {
  const Complaint& c = t.complaint;
  json steps = json::array();
  for (const PublicStep& s : t.steps) {
    json step = {
        {"step", enum_name(s.step)}, {"at", iso_utc(s.at_ms)}, {"by_reporter", s.by_reporter}};
    if (!s.note.empty()) step["note"] = s.note;
    steps.push_back(step);
  }
  auto opt_date = [](const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
  };
  return {{"number", c.id},
          {"kind", enum_name(c.kind)},
          {"status", enum_name(c.status)},
          {"outcome", c.outcome ? json(enum_name(*c.outcome)) : json(nullptr)},
          {"received_on", format_date(c.received_on)},
          {"verification_due", format_date(c.verify_due)},
          {"reporter_due", opt_date(c.reporter_due)},
          {"question", t.question.empty() ? json(nullptr) : json(t.question)},
          {"answer", c.answer.empty() ? json(nullptr) : json(c.answer)},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)},
          {"can_reply", t.can_reply},
          {"can_respond", t.can_respond},
          {"can_rate", t.can_rate},
          {"steps", steps}};
}

Reply api_track(Context& ctx) {
  return ctx.json(200, api_tracked(TRY(track_report(ctx.env(), ctx.actor(), ctx.param("code")))));
}

template <ReporterAct kAct>
Reply api_reporter(Context& ctx) {
  auto in = TRY(ctx.input());
  const std::string code = ctx.param("code");
  TRY(kAct(ctx, in, code, std::nullopt));
  return ctx.json(200, api_tracked(TRY(track_report(ctx.env(), ctx.actor(), code))));
}

Reply api_statistics(Context& ctx) {
  auto ch = TRY(report_choices(ctx.env(), ctx.request.query_param("instansi").value_or(""),
                               std::nullopt, ""));
  if (!ch.chosen_instansi) return Error::field("instansi", "complaint.instansi_unknown");
  const int year = TRY(web::year_param(ctx));
  const std::optional<int64_t> unit = web::query_id(ctx, "unit");
  if (!unit && !ctx.request.query_param("unit").value_or("").empty())
    return Error::field("unit", "complaint.unit_unknown");
  auto st =
      TRY(public_statistics(ctx.env(), ch.chosen_instansi->id, unit, {year, 1, 1}, {year, 12, 31}));
  auto group = [](const std::vector<std::pair<std::string, int64_t>>& g) {
    json out = json::object();
    for (const auto& [value, n] : g) out[value] = n < 0 ? json(nullptr) : json(n);
    return out;
  };
  auto opt = [](std::optional<double> v) { return v ? json(*v) : json(nullptr); };
  return ctx.json(200, {{"instansi", ch.chosen_instansi->code},
                        {"year", year},
                        {"min_cell", st.min_cell},
                        {"total", st.total < 0 ? json(nullptr) : json(st.total)},
                        {"by_kind", group(st.by_kind)},
                        {"by_category", group(st.by_category)},
                        {"by_status", group(st.by_status)},
                        {"median_days_to_first_response", opt(st.median_first_response_days)},
                        {"median_days_to_answer", opt(st.median_answer_days)},
                        {"share_within_deadline", opt(st.within_share)},
                        {"mean_rating", opt(st.mean_rating)}});
}

constexpr size_t kFormLimit = 32 * 1024;
constexpr web::RouteOptions kPublic{.access = web::Access::kPublic};
constexpr web::RouteOptions kPublicForm{.access = web::Access::kPublic, .body_limit = kFormLimit};
// A report's form with its evidence file: streamed to disk, never held whole.
constexpr web::RouteOptions kUpload{.access = web::Access::kPublic,
                                    .body_limit = kMaxEvidenceBytes + 64 * 1024,
                                    .upload_to_file = true};

const web::RouteDef kRoutes[] = {
    {"GET", "/lapor", show_form, kPublic},
    {"POST", "/lapor", submit_form<false>, kUpload},
    {"GET", "/lapor/netralitas", show_neutrality_form, kPublic},
    {"POST", "/lapor/netralitas", submit_form<true>, kUpload},
    {"GET", "/lapor/poster/{unit_id}", show_poster, kPublic},
    {"GET", "/lapor/lacak", show_track, kPublic},
    {"POST", "/lapor/lacak", post_track, kPublicForm},
    {"POST", "/lapor/lacak/balas", reporter_form<act_reply, kReplied>, kUpload},
    {"POST", "/lapor/lacak/konfirmasi", reporter_form<act_confirm, kConfirmed>, kPublicForm},
    {"POST", "/lapor/lacak/buka", reporter_form<act_reopen, kReopened>, kPublicForm},
    {"POST", "/lapor/lacak/nilai", reporter_form<act_rate, kRated>, kPublicForm},
    {"GET", "/lapor/statistik", show_statistics, kPublic},
    {"POST", "/api/v1/complaints", api_submit, kPublicForm},
    {"GET", "/api/v1/complaints/track/{code}", api_track, kPublic},
    {"POST", "/api/v1/complaints/track/{code}/reply", api_reporter<act_reply>, kPublicForm},
    {"POST", "/api/v1/complaints/track/{code}/confirm", api_reporter<act_confirm>, kPublicForm},
    {"POST", "/api/v1/complaints/track/{code}/reopen", api_reporter<act_reopen>, kPublicForm},
    {"POST", "/api/v1/complaints/track/{code}/rate", api_reporter<act_rate>, kPublicForm},
    {"GET", "/api/v1/complaints/statistics", api_statistics, kPublic},
};

}  // namespace

void register_report_routes(web::App& app) { app.router().add(kRoutes); }

}  // namespace harmoni::complaints
