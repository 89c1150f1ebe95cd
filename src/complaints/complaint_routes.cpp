// The staff's side of complaint handling: the lists (to verify, due soon, overdue, mine),
// a report's page with the steps its reader may take, and the same as a JSON API.
#include "complaints/complaint_routes.hpp"

#include <fmt/format.h>

#include "complaints/complaint_web.hpp"
#include "complaints/complaints_xlsx.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::complaints {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

json opt_date(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

// ---- lists ----

Result<ListRequest> list_request(const Context& ctx) {
  ListRequest r;
  if (auto list = ctx.request.query_param("list"); list && !list->empty()) {
    auto kind = parse_enum<ListKind>(*list);
    if (!kind)
      return Error::field("list", "input.not_allowed",
                          {{"allowed", "all, verify, due_soon, overdue, mine"}});
    r.kind = *kind;
  }
  if (auto status = ctx.request.query_param("status"); status && !status->empty()) {
    r.status = parse_enum<State>(*status);
    if (!r.status) return Error::field("status", "complaint.status_unknown");
  }
  r.after_id = web::query_id(ctx, "after");
  r.limit = web::limit_param(ctx, 50, 200);
  return r;
}

json row_json(const Context& ctx, const Complaint& c, const Date& today) {
  return {{"id", c.id},
          {"kind", label(ctx, kKindLabel, c.kind)},
          {"category", c.category ? json(label(ctx, kCategoryLabel, *c.category)) : json("")},
          {"status", label(ctx, kStatusLabel, c.status)},
          {"unit", c.unit_name.empty() ? ctx.t("complaint.unit_unrouted") : c.unit_name},
          {"received", long_date(c.received_on, ctx.lang)},
          {"due", date_text(ctx, c.staff_due)},
          {"overdue", c.staff_due && *c.staff_due < today && !is_final(c.status)},
          {"excerpt", c.description.substr(0, std::min<size_t>(c.description.size(), 120))},
          {"old_service", c.service_too_old}};
}

Reply show_list(Context& ctx) {
  ListRequest r = TRY(list_request(ctx));
  Page page = TRY(staff_list(ctx.env(), ctx.actor(), r));
  const Date today = date_in_wib(ctx.now_ms());
  json rows = json::array();
  for (const Complaint& c : page.items) rows.push_back(row_json(ctx, c, today));
  json tabs = json::array();
  for (ListKind k : enum_values<ListKind>()) {
    tabs.push_back({{"value", enum_name(k)},
                    {"label", ctx.t("complaint.list." + std::string(enum_name(k)))},
                    {"current", k == r.kind}});
  }
  json data = {{"tabs", tabs},
               {"year", date_in_wib(ctx.now_ms()).year},
               {"can_configure", ctx.user().role == auth::Role::kInstansiAdmin},
               {"rows", rows},
               {"empty", rows.empty()},
               {"list", enum_name(r.kind)},
               {"list_label", ctx.t("complaint.list." + std::string(enum_name(r.kind)))}};
  if (page.next_after) data["next"] = *page.next_after;
  return ctx.page("complaints", data, "complaint.list_title");
}

Reply api_list(Context& ctx) {
  ListRequest r = TRY(list_request(ctx));
  Page page = TRY(staff_list(ctx.env(), ctx.actor(), r));
  json items = json::array();
  for (const Complaint& c : page.items) {
    items.push_back({{"id", c.id},
                     {"kind", enum_name(c.kind)},
                     {"category", c.category ? json(enum_name(*c.category)) : json(nullptr)},
                     {"status", enum_name(c.status)},
                     {"unit", c.unit_id ? json(*c.unit_id) : json(nullptr)},
                     {"received_on", format_date(c.received_on)},
                     {"staff_due", opt_date(c.staff_due)}});
  }
  json body = {{"items", items}};
  body["next_after"] = page.next_after ? json(*page.next_after) : json(nullptr);
  return ctx.json(200, body);
}

Reply export_xlsx(Context& ctx) {
  const int year = TRY(web::year_param(ctx));
  ListQuery query = TRY(start_complaint_export(ctx.env(), ctx.actor(), year));
  ComplaintExport e{.query = std::move(query),
                    .viewer = ctx.user(),
                    .yes = ctx.t("common.yes"),
                    .no = ctx.t("common.no")};
  for (const char* heading :
       {"complaint.number", "complaint.received", "field.kind", "field.category",
        "complaint.grade_label", "field.unit", "field.service", "complaint.status_label",
        "complaint.export.outcome", "field.identity", "complaint.verify_due",
        "complaint.export.first_response", "complaint.resolve_due", "complaint.export.answered",
        "complaint.stats.within", "complaint.export.closed", "complaint.export.reopened",
        "field.rating"})
    e.headings.push_back(ctx.t(heading));
  for (const std::string& key : export_label_keys()) e.labels[key] = ctx.t(key);
  db::Database& database = ctx.services.db;
  const std::string tmpdir = ctx.services.config.upload_dir;
  return web::temp_file_download(
      ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      fmt::format("pengaduan-{}.xlsx", year), ".xlsx",
      [&database, e, tmpdir](const std::string& path) {
        return write_complaints_xlsx(database, e, path, tmpdir);
      });
}

// ---- one report ----

json api_complaint(const StaffView& v) {
  const Complaint& c = v.complaint;
  json steps = json::array();
  for (const StepRecord& s : v.steps) {
    steps.push_back({{"step", enum_name(s.step)},
                     {"at", iso_utc(s.at_ms)},
                     {"public", s.is_public},
                     {"by_reporter", s.by_reporter},
                     {"by", s.by_reporter ? json(nullptr) : json(s.actor_name)},
                     {"note", s.note}});
  }
  json files = json::array();
  for (const StoredFile& f : v.files)
    files.push_back({{"id", f.id}, {"content_type", f.content_type}, {"size", f.size}});
  json out = {{"id", c.id},
              {"instansi", v.instansi_name},
              {"kind", enum_name(c.kind)},
              {"category", c.category ? json(enum_name(*c.category)) : json(nullptr)},
              {"grade", c.grade ? json(enum_name(*c.grade)) : json(nullptr)},
              {"status", enum_name(c.status)},
              {"outcome", c.outcome ? json(enum_name(*c.outcome)) : json(nullptr)},
              {"identity", enum_name(c.identity)},
              {"unit", c.unit_id ? json(*c.unit_id) : json(nullptr)},
              {"description", c.description},
              {"happened_on", opt_date(c.happened_on)},
              {"service_too_old", c.service_too_old},
              {"received_on", format_date(c.received_on)},
              {"verification_due", format_date(c.verify_due)},
              {"staff_due", opt_date(c.staff_due)},
              {"resolution_due", opt_date(c.resolve_due)},
              {"reporter_due", opt_date(c.reporter_due)},
              {"draft", c.draft},
              {"answer", c.answer},
              {"rating", c.rating ? json(*c.rating) : json(nullptr)},
              {"reopen_count", c.reopen_count},
              {"steps", steps},
              {"files", files},
              {"may_reveal", v.may_reveal}};
  if (v.identity) out["reporter"] = {{"name", v.identity->name}, {"contact", v.identity->contact}};
  if (v.neutrality)
    out["neutrality"] = {{"reported_nip", v.neutrality->reported_nip},
                         {"links", v.neutrality->links},
                         {"violation_class", v.neutrality->violation_class.value_or("")},
                         {"violation_type", v.neutrality->violation_type.value_or("")},
                         {"recommended_sanction", v.neutrality->recommended_sanction.value_or("")},
                         {"decision", v.neutrality->decision},
                         {"decision_ref", v.neutrality->decision_ref},
                         {"decided_on", opt_date(v.neutrality->decided_on)},
                         {"enforcement", v.neutrality->enforcement}};
  return out;
}

Result<StaffView> path_complaint(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("complaint.unknown");
  return open_complaint(ctx.env(), ctx.actor(), *id);
}

json sanction_options(const Context& ctx, const std::optional<std::string>& chosen) {
  json out = json::array();
  for (std::string_view s : kSanctions)
    out.push_back({{"value", s},
                   {"label", ctx.t("complaint.sanction." + std::string(s))},
                   {"selected", chosen == s}});
  return out;
}

Reply complaint_page(Context& ctx, const StaffView& v, const web::Input* sent, const Error* error,
                     const std::optional<ReporterIdentity>& revealed = std::nullopt) {
  const Complaint& c = v.complaint;
  const StaffOptions o = TRY(staff_options(ctx.env(), ctx.actor(), c));
  auto raw = [&](std::string_view f) { return sent ? sent->raw(f) : std::string(); };
  json steps = json::array();
  for (const StepRecord& s : v.steps) {
    steps.push_back({{"when", long_date_time(s.at_ms, TimeZone::kWib, ctx.lang)},
                     {"what", label(ctx, kStepLabel, s.step)},
                     {"by", s.by_reporter ? ctx.t("complaint.by_reporter") : s.actor_name},
                     {"internal", !s.is_public},
                     {"note", s.note}});
  }
  json files = json::array();
  for (const StoredFile& f : v.files)
    files.push_back({{"href", fmt::format("/complaints/{}/files/{}", c.id, f.id)},
                     {"label", ctx.t("complaint.file") + " " + std::to_string(f.id)},
                     {"size_kb", (f.size + 1023) / 1024}});
  json units = json::array();
  for (const auto& u : o.units)
    units.push_back({{"id", u.id}, {"name", u.name}, {"selected", c.unit_id == u.id}});
  json instansi = json::array();
  for (const auto& i : o.other_instansi) instansi.push_back({{"code", i.code}, {"name", i.name}});
  json assignees = json::array();
  for (const auto& m : o.assignees)
    assignees.push_back({{"id", m.user_id},
                         {"name", m.display_name},
                         {"selected", c.assignee_user_id == m.user_id}});
  const State st = c.status;
  const bool handle = v.rights.handle, follow = v.rights.follow_up;
  json data = {
      {"id", c.id},
      {"instansi", v.instansi_name},
      {"kind", label(ctx, kKindLabel, c.kind)},
      {"status", label(ctx, kStatusLabel, st)},
      {"category", c.category ? json(label(ctx, kCategoryLabel, *c.category)) : json(false)},
      {"grade", c.grade ? json(label(ctx, kGradeLabel, *c.grade)) : json(false)},
      {"unit", c.unit_name},
      {"description", c.description},
      {"happened_on", date_text(ctx, c.happened_on)},
      {"old_service", c.service_too_old},
      {"received", long_date(c.received_on, ctx.lang)},
      {"verify_due", long_date(c.verify_due, ctx.lang)},
      {"staff_due", date_text(ctx, c.staff_due)},
      {"resolve_due", date_text(ctx, c.resolve_due)},
      {"reporter_due", date_text(ctx, c.reporter_due)},
      {"identity_mode", ctx.t("complaint.identity." + std::string(enum_name(c.identity)))},
      {"officer", v.officer_name ? json(*v.officer_name) : json(false)},
      {"steps", steps},
      {"files", files},
      {"has_files", !files.empty()},
      {"draft", raw("draft").empty() ? c.draft : raw("draft")},
      {"answer_text", raw("answer").empty() ? c.draft : raw("answer")},
      {"answer", c.answer},
      {"rating",
       c.rating ? json(ctx.t("complaint.rating." + std::to_string(*c.rating))) : json(false)},
      {"outcome", c.outcome ? json(ctx.t("complaint.outcome." + std::string(enum_name(*c.outcome))))
                            : json(false)},
      {"may_reveal", v.may_reveal && !revealed},
      {"can_verify", handle && st == State::kReceived},
      {"can_merge", handle && (st == State::kReceived || st == State::kWaitingReporter)},
      {"can_assign",
       follow && !assignees.empty() && (st == State::kDisposed || st == State::kDrafted)},
      {"can_draft", follow && (st == State::kDisposed || st == State::kDrafted)},
      {"can_answer", handle && st == State::kDrafted},
      {"is_neutrality", v.neutrality.has_value()},
      // Discrimination and officer conduct may be disharmony: a handler opens a case in
      // one form (the harmony capability's, prefilled from this report).
      {"can_open_case",
       handle && ctx.user().role == auth::Role::kCaseHandler && c.unit_id &&
           (c.category == Category::kDiscrimination || c.category == Category::kOfficerConduct)},
      {"units", units},
      {"other_instansi", instansi},
      {"assignees", assignees},
      {"categories", options<Category>(ctx, kCategoryLabel, c.category)},
      {"grades", options<Grade>(ctx, kGradeLabel, c.grade.value_or(Grade::kNormative))},
      {"form",
       {{"question", raw("question")},
        {"note", raw("note")},
        {"officer", raw("officer")},
        {"service", raw("service")},
        {"body", raw("body")},
        {"reference", raw("reference")},
        {"into", raw("into")},
        {"reason", raw("reason")}}}};
  const auto shown = revealed ? revealed : v.identity;
  if (shown) data["reporter"] = {{"name", shown->name}, {"contact", shown->contact}};
  if (v.neutrality) {
    const Neutrality& n = *v.neutrality;
    data["neutrality"] = {{"reported_nip", n.reported_nip},
                          {"links", n.links},
                          {"ethics", n.violation_class == "ethics"},
                          {"discipline", n.violation_class == "discipline"},
                          {"violation_type", n.violation_type.value_or("")},
                          {"sanctions", sanction_options(ctx, n.recommended_sanction)},
                          {"decision", n.decision},
                          {"decision_ref", n.decision_ref},
                          {"decided_on", n.decided_on ? format_date(*n.decided_on) : ""},
                          {"enforcement_none", n.enforcement == "none"},
                          {"enforcement_in_progress", n.enforcement == "in_progress"},
                          {"enforcement_done", n.enforcement == "done"},
                          {"can_edit", handle}};
  }
  return ctx.form_page("complaint", data, "complaint.detail_title", error);
}

Reply show_complaint(Context& ctx) {
  return complaint_page(ctx, TRY(path_complaint(ctx)), nullptr, nullptr);
}

Reply api_show(Context& ctx) { return ctx.json(200, api_complaint(TRY(path_complaint(ctx)))); }

// A staff step from a page (then the report's page again, or the form with its errors) or
// the API (then the report as JSON).
using StepFn = Status (*)(Context&, web::Input&, int64_t);

template <StepFn kTake, Need kNeed, bool kApi>
Reply step_route(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("complaint.unknown");
  TRY(may_take_step(ctx.env(), ctx.actor(), *id, kNeed));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Status done = kTake(ctx, in, *id);
  if constexpr (kApi) {
    TRY(done);
    return ctx.json(200, api_complaint(TRY(open_complaint(ctx.env(), ctx.actor(), *id))));
  } else {
    if (!done.ok()) {
      if (!done.error().is_users_fault() || done.error().kind == ErrorKind::kNotFound)
        return done.release_error();
      return complaint_page(ctx, TRY(open_complaint(ctx.env(), ctx.actor(), *id)), &in,
                            &done.error());
    }
    return ctx.redirect("/complaints/" + std::to_string(*id), "saved");
  }
}

std::string note_of(web::Input& in, std::string_view field, bool required = false) {
  return in.text(field, {.required = required, .max_chars = 4000, .multiline = true}).value_or("");
}

Status step_verify(Context& ctx, web::Input& in, int64_t id) {
  Verification v;
  if (auto c = in.choice("category", enum_name_list<Category>()))
    v.category = *parse_enum<Category>(*c);
  if (auto g = in.choice("grade", enum_name_list<Grade>())) v.grade = *parse_enum<Grade>(*g);
  if (in.is_json()) {
    v.unit_id = in.integer("unit", {.min = 1}).value_or(0);
  } else {
    v.unit_id = web::parse_id(in.text("unit", {.max_chars = 20}).value_or("")).value_or(0);
  }
  v.service_code = in.text("service", {.required = false, .max_chars = 32}).value_or("");
  v.officer_nip = in.text("officer", {.required = false, .max_chars = 32}).value_or("");
  v.note = note_of(in, "note");
  TRY(in.finish());
  return verify(ctx.env(), ctx.actor(), id, v);
}

Status step_ask(Context& ctx, web::Input& in, int64_t id) {
  auto question = note_of(in, "question", true);
  TRY(in.finish());
  return ask_reporter(ctx.env(), ctx.actor(), id, question);
}

Status step_forward(Context& ctx, web::Input& in, int64_t id) {
  auto target = in.text("instansi", {.max_chars = 32}).value_or("");
  auto note = note_of(in, "note");
  TRY(in.finish());
  return forward_to_instansi(ctx.env(), ctx.actor(), id, target, note);
}

Status step_forward_outside(Context& ctx, web::Input& in, int64_t id) {
  auto body = in.text("body", {.max_chars = 200}).value_or("");
  auto reference = in.text("reference", {.required = false, .max_chars = 200}).value_or("");
  TRY(in.finish());
  return forward_outside(ctx.env(), ctx.actor(), id, body, reference);
}

Status step_merge(Context& ctx, web::Input& in, int64_t id) {
  auto into = in.integer("into", {.min = 1});
  TRY(in.finish());
  return merge_into(ctx.env(), ctx.actor(), id, *into);
}

Status step_assign(Context& ctx, web::Input& in, int64_t id) {
  auto user = in.integer("user", {.min = 1});
  TRY(in.finish());
  return assign_officer(ctx.env(), ctx.actor(), id, *user);
}

Status step_draft(Context& ctx, web::Input& in, int64_t id) {
  auto text = note_of(in, "draft", true);
  TRY(in.finish());
  return save_draft(ctx.env(), ctx.actor(), id, text);
}

Status step_return(Context& ctx, web::Input& in, int64_t id) {
  auto note = note_of(in, "note", true);
  TRY(in.finish());
  return return_draft(ctx.env(), ctx.actor(), id, note);
}

Status step_answer(Context& ctx, web::Input& in, int64_t id) {
  auto text = note_of(in, "answer", true);
  TRY(in.finish());
  return answer_report(ctx.env(), ctx.actor(), id, text);
}

Status step_neutrality(Context& ctx, web::Input& in, int64_t id) {
  Neutrality n;
  n.violation_class = in.choice("violation_class", {"ethics", "discipline"}, false);
  auto type = in.text("violation_type", {.required = false, .max_chars = 200});
  if (type && !type->empty()) n.violation_type = type;
  n.recommended_sanction =
      in.choice("recommended_sanction", {std::begin(kSanctions), std::end(kSanctions)}, false);
  n.decision =
      in.text("decision", {.required = false, .max_chars = 2000, .multiline = true}).value_or("");
  n.decision_ref = in.text("decision_ref", {.required = false, .max_chars = 200}).value_or("");
  if (auto day = in.text("decided_on", {.required = false, .max_chars = 10});
      day && !day->empty()) {
    n.decided_on = parse_date(*day);
    if (!n.decided_on) in.add_error("decided_on", "complaint.date_invalid");
  }
  n.enforcement = in.choice("enforcement", {"none", "in_progress", "done"}, false).value_or("none");
  n.enforcement_note =
      in.text("enforcement_note", {.required = false, .max_chars = 2000, .multiline = true})
          .value_or("");
  TRY(in.finish());
  return save_neutrality_details(ctx.env(), ctx.actor(), id, n);
}

Result<ReporterIdentity> read_and_reveal(Context& ctx, web::Input& in, int64_t id) {
  auto reason = note_of(in, "reason", true);
  TRY(in.finish());
  return reveal_identity(ctx.env(), ctx.actor(), id, reason);
}

Reply reveal_page(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("complaint.unknown");
  TRY(may_take_step(ctx.env(), ctx.actor(), *id, Need::kHandle));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto who = read_and_reveal(ctx, in, *id);
  StaffView v = TRY(open_complaint(ctx.env(), ctx.actor(), *id));
  if (!who.ok()) {
    if (!who.error().is_users_fault()) return who.release_error();
    return complaint_page(ctx, v, &in, &who.error());
  }
  return complaint_page(ctx, v, nullptr, nullptr, *who);
}

Reply api_reveal(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("complaint.unknown");
  TRY(may_take_step(ctx.env(), ctx.actor(), *id, Need::kHandle));
  auto in = TRY(ctx.input());
  ReporterIdentity who = TRY(read_and_reveal(ctx, in, *id));
  return ctx.json(200, {{"name", who.name}, {"contact", who.contact}});
}

Reply download_file(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  auto file = web::id_param(ctx, "file");
  if (!id || !file) return Error::not_found();
  auto [type, bytes] = TRY(evidence_file(ctx.env(), ctx.actor(), *id, *file));
  return web::stored_file_download(type, fmt::format("laporan-{}-bukti-{}", *id, *file),
                                   std::move(bytes));
}

// ---- settings ----

json settings_json(const Settings& s) {
  const Rules& r = s.rules;
  return {{"time_zone", enum_name(s.time_zone)},
          {"verify_days", r.verify_days},
          {"followup_days", r.followup_days},
          {"simple_days", r.simple_days},
          {"normative_days", r.normative_days},
          {"complex_days", r.complex_days},
          {"supervisory_days", r.supervisory_days},
          {"reply_days", r.reply_days},
          {"confirm_days", r.confirm_days},
          {"reopen_limit", r.reopen_limit},
          {"service_age_days", r.service_age_days},
          {"min_cell", r.min_cell},
          {"coordinator", s.coordinator_user_id ? json(*s.coordinator_user_id) : json(nullptr)},
          {"mail_staff", s.mail_staff}};
}

Reply api_settings(Context& ctx) {
  return ctx.json(200, settings_json(TRY(settings_of(ctx.env(), ctx.actor()))));
}

// The settings from a form or JSON over the stored ones (a field left out keeps its value).
Result<Settings> read_settings(Context& ctx, web::Input& in) {
  Settings s = TRY(settings_to_edit(ctx.env(), ctx.actor()));
  in.ignore("_csrf");
  if (auto tz = in.choice("time_zone", enum_name_list<TimeZone>(), false))
    s.time_zone = *parse_enum<TimeZone>(*tz);
  Rules& r = s.rules;
  for (auto [name, field] :
       {std::pair{"verify_days", &r.verify_days}, std::pair{"followup_days", &r.followup_days},
        std::pair{"simple_days", &r.simple_days}, std::pair{"normative_days", &r.normative_days},
        std::pair{"complex_days", &r.complex_days},
        std::pair{"supervisory_days", &r.supervisory_days}, std::pair{"reply_days", &r.reply_days},
        std::pair{"confirm_days", &r.confirm_days}, std::pair{"reopen_limit", &r.reopen_limit},
        std::pair{"service_age_days", &r.service_age_days}, std::pair{"min_cell", &r.min_cell}}) {
    if (auto v = in.integer(name, {.required = false, .min = 0, .max = 1000}))
      *field = static_cast<int>(*v);
  }
  // A form sends every field (an unticked box sends nothing); JSON changes what it names.
  if (!in.is_json() || in.has("mail_staff")) s.mail_staff = in.flag("mail_staff");
  if (in.is_json()) {
    if (in.has("coordinator"))
      s.coordinator_user_id = in.integer("coordinator", {.required = false, .min = 1});
  } else if (in.has("coordinator")) {
    s.coordinator_user_id = web::parse_id(in.text("coordinator", {.required = false}).value_or(""));
  }
  TRY(in.finish());
  return s;
}

Reply api_save_settings(Context& ctx) {
  auto in = TRY(ctx.input());
  Settings s = TRY(read_settings(ctx, in));
  TRY(save_complaint_settings(ctx.env(), ctx.actor(), s));
  return ctx.json(200, settings_json(s));
}

Reply settings_page(Context& ctx, const Settings& s, const Error* error) {
  json data = settings_json(s);
  json zones = json::array();
  for (TimeZone z : enum_values<TimeZone>())
    zones.push_back({{"value", enum_name(z)}, {"selected", z == s.time_zone}});
  json people = json::array();
  for (const StaffMember& m : TRY(coordinator_choices(ctx.env(), ctx.actor())))
    people.push_back({{"id", m.user_id},
                      {"name", m.display_name},
                      {"selected", s.coordinator_user_id == m.user_id}});
  data["zones"] = zones;
  data["people"] = people;
  return ctx.form_page("complaint_settings", data, "complaint.settings_title", error);
}

Reply show_settings(Context& ctx) {
  return settings_page(ctx, TRY(settings_to_edit(ctx.env(), ctx.actor())), nullptr);
}

Reply save_settings_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  auto s = read_settings(ctx, in);
  Status saved = s.ok() ? save_complaint_settings(ctx.env(), ctx.actor(), *s) : s.status();
  if (!saved.ok()) {
    if (saved.error().kind != ErrorKind::kInvalid) return saved.release_error();
    Settings shown = s.ok() ? *s : TRY(settings_of(ctx.env(), ctx.actor()));
    return settings_page(ctx, shown, &saved.error());
  }
  return ctx.redirect("/complaints/settings", "saved");
}

template <StepFn kTake, Need kNeed = Need::kHandle>
constexpr auto page_step = step_route<kTake, kNeed, false>;
template <StepFn kTake, Need kNeed = Need::kHandle>
constexpr auto api_step = step_route<kTake, kNeed, true>;
constexpr Need kFollowUp = Need::kFollowUp;

constexpr web::RouteOptions kForm{.body_limit = 32 * 1024};
// The rules are the instansi's: its administrators keep them (checked again by the use case).
constexpr web::RouteOptions kAdmin{.permission = auth::Permission::kUserManage};
constexpr web::RouteOptions kAdminForm{.permission = auth::Permission::kUserManage,
                                       .body_limit = 32 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/complaints", show_list},
    {"GET", "/complaints/export.xlsx", export_xlsx},
    {"GET", "/complaints/settings", show_settings, kAdmin},
    {"POST", "/complaints/settings", save_settings_from_form, kAdminForm},
    {"GET", "/complaints/{id}", show_complaint},
    {"GET", "/complaints/{id}/files/{file}", download_file},
    {"POST", "/complaints/{id}/verify", page_step<step_verify>, kForm},
    {"POST", "/complaints/{id}/ask", page_step<step_ask>, kForm},
    {"POST", "/complaints/{id}/forward", page_step<step_forward>, kForm},
    {"POST", "/complaints/{id}/forward-outside", page_step<step_forward_outside>, kForm},
    {"POST", "/complaints/{id}/merge", page_step<step_merge>, kForm},
    {"POST", "/complaints/{id}/assign", page_step<step_assign, kFollowUp>, kForm},
    {"POST", "/complaints/{id}/draft", page_step<step_draft, kFollowUp>, kForm},
    {"POST", "/complaints/{id}/return", page_step<step_return>, kForm},
    {"POST", "/complaints/{id}/answer", page_step<step_answer>, kForm},
    {"POST", "/complaints/{id}/neutrality", page_step<step_neutrality>, kForm},
    {"POST", "/complaints/{id}/reveal", reveal_page, kForm},
    {"GET", "/api/v1/complaints", api_list},
    {"GET", "/api/v1/complaints/settings", api_settings},
    {"PUT", "/api/v1/complaints/settings", api_save_settings, kForm},
    {"GET", "/api/v1/complaints/{id}", api_show},
    {"POST", "/api/v1/complaints/{id}/verify", api_step<step_verify>, kForm},
    {"POST", "/api/v1/complaints/{id}/ask", api_step<step_ask>, kForm},
    {"POST", "/api/v1/complaints/{id}/forward", api_step<step_forward>, kForm},
    {"POST", "/api/v1/complaints/{id}/forward-outside", api_step<step_forward_outside>, kForm},
    {"POST", "/api/v1/complaints/{id}/merge", api_step<step_merge>, kForm},
    {"POST", "/api/v1/complaints/{id}/assign", api_step<step_assign, kFollowUp>, kForm},
    {"POST", "/api/v1/complaints/{id}/draft", api_step<step_draft, kFollowUp>, kForm},
    {"POST", "/api/v1/complaints/{id}/return", api_step<step_return>, kForm},
    {"POST", "/api/v1/complaints/{id}/answer", api_step<step_answer>, kForm},
    {"POST", "/api/v1/complaints/{id}/neutrality", api_step<step_neutrality>, kForm},
    {"POST", "/api/v1/complaints/{id}/reveal", api_reveal, kForm},
};

}  // namespace

void register_routes(web::App& app) {
  using auth::Role;
  app.add_nav({50,
               "nav.complaints",
               "/complaints",
               std::nullopt,
               {Role::kCaseHandler, Role::kInstansiAdmin, Role::kUnitHead, Role::kOfficer,
                Role::kAuditor}});
  app.router().add(kRoutes);
  register_report_routes(app);
}

}  // namespace harmoni::complaints
