// One's own learning (the year's JP, records, classes, certificates, self-learning
// claims), what a superior approves (requests to join a class, claims), certificates
// and their public check; the helpers the learning routes share.
#include "learning/learning_routes.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>

#include "competency/competency_store.hpp"
#include "learning/certificate_pdf.hpp"
#include "learning/learning_web.hpp"
#include "org/org_cases.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/http/multipart.hpp"
#include "platform/util/base64.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::learning {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// ---- shared helpers ----

Date today_wib(const Context& ctx) { return date_in_wib(ctx.now_ms()); }

Result<int> year_param(const Context& ctx) {
  auto text = ctx.request.query_param("year");
  if (!text || text->empty()) return today_wib(ctx).year;
  int year = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (ec != std::errc() || end != text->data() + text->size() || year < 2000 || year > 2100) {
    return Error::field("year", "input.out_of_range", {{"min", "2000"}, {"max", "2100"}});
  }
  return year;
}

int form_status(const Error* error) {
  if (!error) return 200;
  return error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
}

Relation relation_to(const auth::Principal& p, const org::Asn& person) {
  if (p.asn_id && *p.asn_id == person.id) return Relation::kSelf;
  if (p.can(Permission::kDevelopmentOversee) && p.in_instansi(person.instansi_id))
    return Relation::kHr;
  if (p.leads(person.instansi_id, person.unit_path, person.id)) return Relation::kSuperior;
  return Relation::kNone;
}

Result<org::Asn> visible_person(const Context& ctx, std::string_view nip_text) {
  org::Asn person = TRY(org::person_by_nip(ctx.env(), nip_text, ctx.user_instansi()));
  if (relation_to(ctx.user(), person) == Relation::kNone) return Error::not_found("asn.not_found");
  return person;
}

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

namespace {

// ---- one's own learning ----

json claim_json(const Context& ctx, const Claim& c) {
  return {{"id", c.id},
          {"kind", enum_name(c.kind)},
          {"kind_label", ctx.t("learning.claim_kind." + std::string(enum_name(c.kind)))},
          {"title", c.title},
          {"provider", c.provider},
          {"completed_on", c.completed_on},
          {"minutes", c.minutes},
          {"status", enum_name(c.status)},
          {"status_label", ctx.t("learning.claim_status." + std::string(enum_name(c.status)))},
          {"decision_note", c.decision_note}};
}

json my_enrolment_json(const Context& ctx, const MyEnrolment& m) {
  return {
      {"id", m.enrolment.id},
      {"class", class_json(ctx, m.session)},
      {"programme", m.programme_title},
      {"status", enum_name(m.enrolment.status)},
      {"status_label", ctx.t("learning.enrolment." + std::string(enum_name(m.enrolment.status)))},
      {"certificate", m.certificate_code ? json(*m.certificate_code) : json()},
      {"person",
       {{"nip", m.enrolment.nip}, {"name", m.enrolment.name}, {"unit", m.enrolment.unit_name}}}};
}

// A person's year: standing, records, enrolments and certificates, claims.
Result<json> learning_of(const Context& ctx, const org::Asn& person, int year) {
  auto [records, total, enrolments, claims] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::tuple<std::vector<LearningRecord>, int64_t,
                                           std::vector<MyEnrolment>, std::vector<Claim>>> {
        auto r = TRY(records_of(tx, person.id, year));
        auto t = TRY(jp_of(tx, person.id, year));
        auto e = TRY(enrolments_of(tx, person.id));
        return std::tuple{std::move(r), t, std::move(e), TRY(claims_of(tx, person.id))};
      }));
  json record_list = json::array(), enrolment_list = json::array(), claim_list = json::array();
  for (const auto& r : records) record_list.push_back(record_json(ctx, r));
  for (const auto& e : enrolments) enrolment_list.push_back(my_enrolment_json(ctx, e));
  for (const auto& c : claims) claim_list.push_back(claim_json(ctx, c));
  return json{{"person", {{"nip", person.nip}, {"name", person.name}, {"unit", person.unit_name}}},
              {"year", year},
              {"standing", standing_json(ctx, total)},
              {"records", record_list},
              {"enrolments", enrolment_list},
              {"claims", claim_list}};
}

// Open classes the person may ask to join, each with the plan actions it would meet.
Result<json> open_classes_for(const Context& ctx, const org::Asn& me) {
  auto [open, plans] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<OpenClass>, std::vector<competency::Plan>>> {
        auto o = TRY(open_classes(tx, me.instansi_id, format_date(today_wib(ctx))));
        return std::pair{std::move(o), TRY(competency::plans_of_person(tx, me.id))};
      }));
  json out = json::array();
  for (const auto& oc : open) {
    json actions = json::array();
    for (const auto& plan : plans) {
      for (const auto& a : plan.actions) {
        if (a.status == competency::ActionStatus::kDone ||
            a.status == competency::ActionStatus::kDropped)
          continue;
        if (meets(oc.programme, a.item_code, a.learning_kind))
          actions.push_back({{"id", a.id}, {"title", a.title}});
      }
    }
    json c = class_json(ctx, oc.row.session);
    c["programme"] = programme_json(ctx, oc.programme);
    c["seats_left"] = std::max(0, oc.row.session.capacity - oc.row.seats_taken);
    c["actions"] = actions;
    c["has_actions"] = !actions.empty();
    out.push_back(c);
  }
  return out;
}

// Asking to join a class (one's superior decides), optionally for a plan action.
Status request_action(Context& ctx, const org::Asn& me, int64_t class_id,
                      std::optional<int64_t> action_id) {
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    auto c = TRY(find_class(tx, class_id));
    auto p = c ? TRY(find_programme_by_id(tx, c->programme_id)) : std::nullopt;
    if (!c || !p || p->instansi_id != me.instansi_id)
      return Error::not_found("learning.class_unknown");
    if (!c->self_registration || c->status != ClassStatus::kPlanned)
      return Error::conflict("learning.class_not_open");
    const int64_t now = ctx.services.clock.now_seconds();
    int64_t id = TRY(
        move_enrolment(tx, *c, me.id, EnrolmentStatus::kRequested, ctx.user().user_id, "", now));
    if (action_id) TRY(link_action(tx, *action_id, me.id, id, now));
    return audit::append(
        tx, ctx.audit("learning.request", "enrolment", std::to_string(id), me.instansi_id),
        ctx.now_ms());
  });
}

// A superior decides a request: the person must be theirs.
Status decide_request(Context& ctx, int64_t enrolment_id, bool approve, const std::string& note) {
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    auto e = TRY(find_enrolment_by_id(tx, enrolment_id));
    if (!e) return Error::not_found("learning.enrolment_unknown");
    auto person = TRY(org::find_asn_by_id(tx, e->asn_id));
    if (!person || !ctx.user().leads(person->instansi_id, person->unit_path, person->id)) {
      return Error::forbidden("learning.not_superior");
    }
    auto c = TRY(find_class(tx, e->class_id));
    TRY(move_enrolment(tx, *c, e->asn_id,
                       approve ? EnrolmentStatus::kEnrolled : EnrolmentStatus::kRejected,
                       ctx.user().user_id, note, ctx.services.clock.now_seconds()));
    return audit::append(tx,
                         ctx.audit(approve ? "learning.request_approve" : "learning.request_reject",
                                   "enrolment", std::to_string(enrolment_id), person->instansi_id),
                         ctx.now_ms());
  });
}

// A claim read from a form (with the file on disk) or JSON (evidence_base64).
struct ClaimInput {
  Claim claim;
  std::string evidence;
};

Result<Claim> read_claim_fields(web::Input& in, int64_t asn_id) {
  Claim c{.asn_id = asn_id};
  std::vector<std::string> kinds;
  for (ClaimKind k : enum_values<ClaimKind>()) kinds.emplace_back(enum_name(k));
  if (auto v = in.choice("kind", kinds)) c.kind = *parse_enum<ClaimKind>(*v);
  if (auto v = in.text("title", {.min_chars = 3, .max_chars = 300})) c.title = *v;
  c.provider = in.text("provider", {.required = false, .max_chars = 200}).value_or("");
  if (auto v = in.text("completed_on", {.max_chars = 10})) c.completed_on = *v;
  if (auto v = in.integer("minutes", {.min = 15, .max = kMaxRecordMinutes})) c.minutes = *v;
  TRY(in.finish());
  return c;
}

Result<int64_t> submit_claim(Context& ctx, const org::Asn& me, const ClaimInput& input) {
  TRY(validate(input.claim, today_wib(ctx)));
  const std::string type = TRY(evidence_type(input.evidence));
  return ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id =
        TRY(insert_claim(tx, input.claim, type, input.evidence, auth::sha256_hex(input.evidence),
                         ctx.services.clock.now_seconds()));
    TRY(audit::append(
        tx,
        ctx.audit("learning.claim_submit", "learning_claim", std::to_string(id), me.instansi_id),
        ctx.now_ms()));
    return id;
  });
}

// A superior approves (the ledger gets it) or rejects a claim.
Status decide_claim_action(Context& ctx, int64_t claim_id, bool approve, const std::string& note) {
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    auto c = TRY(find_claim(tx, claim_id));
    if (!c) return Error::not_found("learning.claim_unknown");
    auto person = TRY(org::find_asn_by_id(tx, c->asn_id));
    if (!person || !ctx.user().leads(person->instansi_id, person->unit_path, person->id)) {
      return Error::forbidden("learning.not_superior");
    }
    const int64_t now = ctx.services.clock.now_seconds();
    TRY(decide_claim(tx, claim_id, approve ? ClaimStatus::kApproved : ClaimStatus::kRejected,
                     ctx.user().user_id, note, now));
    if (approve) {
      const LearningSettings settings = TRY(load_settings(tx, person->instansi_id));
      LearningRecord r{.asn_id = c->asn_id,
                       .source = Source::kClaim,
                       .source_ref = fmt::format("claim:{}", c->id),
                       .title = c->title,
                       .activity_type = std::string(enum_name(c->kind)),
                       .completed_on = *parse_date(c->completed_on),
                       .minutes = c->minutes,
                       .jp_e2 = minutes_to_jp_e2(c->minutes, settings.minutes_per_jp)};
      TRY(record_learning(tx, {r}, now));
    }
    return audit::append(tx,
                         ctx.audit(approve ? "learning.claim_approve" : "learning.claim_reject",
                                   "learning_claim", std::to_string(claim_id), person->instansi_id),
                         ctx.now_ms());
  });
}

Reply learning_page(Context& ctx, const Error* error, const web::Input* sent) {
  auto me = org::own_person(ctx.env(), ctx.actor());
  const bool can_approve = ctx.user().role == auth::Role::kUnitHead;
  if (!me.ok())
    return ctx.page("learning_me", {{"linked", false}, {"can_approve", can_approve}},
                    "learning.me_title");
  const int year = TRY(year_param(ctx));
  json data = TRY(learning_of(ctx, *me, year));
  data["linked"] = true;
  data["can_approve"] = can_approve;
  data["open_classes"] = TRY(open_classes_for(ctx, *me));
  data["has_open_classes"] = !data["open_classes"].empty();
  data["has_records"] = !data["records"].empty();
  data["has_enrolments"] = !data["enrolments"].empty();
  data["has_claims"] = !data["claims"].empty();
  data["previous_year"] = year - 1;
  data["next_year"] = year + 1;
  json kinds = json::array();
  for (ClaimKind k : enum_values<ClaimKind>()) {
    kinds.push_back({{"value", enum_name(k)},
                     {"label", ctx.t("learning.claim_kind." + std::string(enum_name(k)))},
                     {"selected", sent && sent->raw("kind") == enum_name(k)}});
  }
  data["claim_kinds"] = kinds;
  data["sent"] = {{"title", sent ? sent->raw("title") : ""},
                  {"provider", sent ? sent->raw("provider") : ""},
                  {"completed_on", sent ? sent->raw("completed_on") : ""},
                  {"minutes", sent ? sent->raw("minutes") : ""}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("learning_me", data, "learning.me_title", form_status(error));
}

json approvals_json(const Context& ctx, const std::vector<MyEnrolment>& requests,
                    const std::vector<PendingClaim>& claims) {
  json r = json::array(), c = json::array();
  for (const auto& e : requests) r.push_back(my_enrolment_json(ctx, e));
  for (const auto& p : claims) {
    json j = claim_json(ctx, p.claim);
    j["person"] = {{"nip", p.nip}, {"name", p.name}, {"unit", p.unit_name}};
    c.push_back(j);
  }
  return {{"requests", r}, {"claims", c}};
}

Result<json> approvals_of(const Context& ctx) {
  const auto& p = ctx.user();
  if (p.role != auth::Role::kUnitHead) return Error::forbidden("learning.not_superior");
  auto [requests, claims] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<MyEnrolment>, std::vector<PendingClaim>>> {
        auto r = TRY(requests_under(tx, ctx.user_instansi(), p.unit_path));
        return std::pair{std::move(r), TRY(claims_under(tx, ctx.user_instansi(), p.unit_path))};
      }));
  // A head does not approve their own requests.
  std::erase_if(requests,
                [&](const MyEnrolment& e) { return p.asn_id && e.enrolment.asn_id == *p.asn_id; });
  std::erase_if(claims,
                [&](const PendingClaim& c) { return p.asn_id && c.claim.asn_id == *p.asn_id; });
  return approvals_json(ctx, requests, claims);
}

// The certificate a caller may see: the holder, their superiors, HR.
Result<Certificate> visible_certificate(const Context& ctx) {
  auto cert = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return find_certificate(tx, ctx.param("code")); }));
  if (!cert) return Error::not_found("learning.certificate_unknown");
  auto holder =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return org::find_asn_by_id(tx, cert->asn_id); }));
  if (!holder || relation_to(ctx.user(), *holder) == Relation::kNone)
    return Error::not_found("learning.certificate_unknown");
  return *cert;
}

json verification_json(const Certificate& c) {
  return {{"valid", !c.revoked},
          {"holder", c.holder_name},
          {"programme", c.programme_title},
          {"completed_on", c.completed_on}};
}

struct Decision {
  Status (*decide)(Context&, int64_t, bool, const std::string&);
  const char* approved_status;
};
constexpr Decision kEnrolmentDecision{decide_request, "enrolled"};
constexpr Decision kClaimDecision{decide_claim_action, "approved"};

// approve: "yes" in a form, true in JSON.
template <const Decision& kDecision, bool kApi>
Reply decide_on(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  const bool approve = in.is_json() ? in.flag("approve") : in.raw("approve") == "yes";
  in.ignore("approve");
  std::string note = in.text("note", {.required = false, .max_chars = 500}).value_or("");
  TRY(in.finish());
  TRY(kDecision.decide(ctx, id.value_or(0), approve, note));
  if (kApi) return ctx.json(200, {{"status", approve ? kDecision.approved_status : "rejected"}});
  return ctx.redirect("/learning/approvals", "saved");
}

}  // namespace

void register_person_routes(web::App& app) {
  auto& r = app.router();

  r.add({"GET", "/learning",
         [](Context& ctx) -> Reply { return learning_page(ctx, nullptr, nullptr); }});

  r.add(
      {"POST",
       "/learning/classes/{id}/request",
       [](Context& ctx) -> Reply {
         org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
         auto id = web::id_param(ctx, "id");
         if (!id) return Error::not_found("learning.class_unknown");
         auto in = TRY(ctx.input());
         in.ignore("_csrf");
         auto action = in.integer("action", {.required = false, .min = 1});
         TRY(in.finish());
         TRY(request_action(ctx, me, *id, action ? std::optional<int64_t>(*action) : std::nullopt));
         return ctx.redirect("/learning", "learning.requested");
       },
       {.body_limit = 4 * 1024}});

  // A claim with its evidence file (a page form: multipart). A file somewhat over the
  // limit still arrives, to be refused with the form's own message.
  constexpr size_t kLeeway = 1024 * 1024;
  const size_t upload_limit = kMaxEvidenceBytes + kLeeway;
  r.add({"POST",
         "/learning/claims",
         [](Context& ctx) -> Reply {
           org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
           std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
           if (boundary.empty()) return Error::invalid("error.content_type");
           web::TempFile file{ctx.request.body_file + ".evidence"};
           auto parts = http::read_multipart(ctx.request.body_file, boundary, file.path);
           if (!parts.ok()) return learning_page(ctx, &parts.error(), nullptr);
           nlohmann::json fields = nlohmann::json::object();
           for (const auto& [k, v] : parts->fields) fields[k] = v;
           web::Input in = web::Input::from_object(fields, false);
           in.ignore("_csrf");
           auto claim = read_claim_fields(in, me.id);
           if (!claim.ok()) return learning_page(ctx, &claim.error(), &in);
           std::ifstream stream(file.path, std::ios::binary);
           std::string evidence((std::istreambuf_iterator<char>(stream)),
                                std::istreambuf_iterator<char>());
           auto id = submit_claim(ctx, me, ClaimInput{*claim, std::move(evidence)});
           if (!id.ok()) return learning_page(ctx, &id.error(), &in);
           return ctx.redirect("/learning", "learning.claim_sent");
         },
         {.body_limit = upload_limit, .upload_to_file = true}});

  r.add({"GET", "/learning/claims/{id}/evidence", [](Context& ctx) -> Reply {
           auto id = web::id_param(ctx, "id");
           auto claim = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return find_claim(tx, id.value_or(0)); }));
           if (!claim) return Error::not_found("learning.claim_unknown");
           auto person = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return org::find_asn_by_id(tx, claim->asn_id); }));
           if (!person || person->instansi_id != ctx.user_instansi() ||
               relation_to(ctx.user(), *person) == Relation::kNone) {
             return Error::not_found("learning.claim_unknown");
           }
           auto evidence =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return evidence_of(tx, claim->id); }));
           if (!evidence) return Error::not_found("learning.claim_unknown");
           TRY(web::record_audit(ctx, ctx.audit("learning.evidence_read", "learning_claim",
                                                std::to_string(claim->id), person->instansi_id)));
           http::Response res;
           res.set_header("Content-Type", evidence->content_type);
           const std::string ext = evidence->content_type == "application/pdf" ? "pdf"
                                   : evidence->content_type == "image/png"     ? "png"
                                                                               : "jpg";
           res.set_header("Content-Disposition",
                          fmt::format("attachment; filename=\"bukti-{}.{}\"", claim->id, ext));
           res.set_header("Cache-Control", "private, no-store");
           res.body = std::move(evidence->data);
           return res;
         }});

  r.add({"GET", "/learning/people/{nip}", [](Context& ctx) -> Reply {
           org::Asn person = TRY(visible_person(ctx, ctx.param("nip")));
           const int year = TRY(year_param(ctx));
           json data = TRY(learning_of(ctx, person, year));
           data["has_records"] = !data["records"].empty();
           data["has_claims"] = !data["claims"].empty();
           data["previous_year"] = year - 1;
           data["next_year"] = year + 1;
           return ctx.page("learning_person", data, "learning.person_title");
         }});

  r.add({"GET", "/learning/approvals", [](Context& ctx) -> Reply {
           json data = TRY(approvals_of(ctx));
           data["has_requests"] = !data["requests"].empty();
           data["has_claims"] = !data["claims"].empty();
           return ctx.page("learning_approvals", data, "learning.approvals_title");
         }});

  // A superior's decisions on enrolment requests and claims: pages and API alike.
  r.add({"POST",
         "/learning/enrolments/{id}/decision",
         decide_on<kEnrolmentDecision, false>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/learning/enrolments/{id}/decision",
         decide_on<kEnrolmentDecision, true>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/learning/claims/{id}/decision",
         decide_on<kClaimDecision, false>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/learning/claims/{id}/decision",
         decide_on<kClaimDecision, true>,
         {.body_limit = 4 * 1024}});

  // ---- certificates ----
  r.add({"GET", "/certificates/{code}/pdf", [](Context& ctx) -> Reply {
           Certificate cert = TRY(visible_certificate(ctx));
           CertificateText t{
               .heading = ctx.t("learning.certificate"),
               .given_to = ctx.t("learning.given_to"),
               .holder = cert.holder_name,
               .for_completing = ctx.t("learning.for_completing"),
               .programme = cert.programme_title,
               .details = ctx.t("learning.certificate_details",
                                {{"jp", jp_text(cert.jp_e2)}, {"date", cert.completed_on}}),
               .organiser = ctx.t("learning.certificate_issuer"),
               .verify_hint = ctx.t("learning.verify_hint"),
               .verify_url = ctx.public_origin() + "/v/" + cert.code,
               .code = cert.code};
           return web::temp_file_download(
               ctx, "application/pdf", "sertifikat-" + cert.code + ".pdf", ".pdf",
               [t](const std::string& path) { return write_certificate_pdf(t, path); });
         }});

  // The public check behind the certificate's QR code: nothing beyond name, programme and date.
  r.add({"GET",
         "/v/{code}",
         [](Context& ctx) -> Reply {
           auto cert = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_certificate(tx, ctx.param("code")); }));
           json data = {{"found", cert.has_value()}, {"code", ctx.param("code")}};
           if (cert) data["certificate"] = verification_json(*cert);
           return ctx.page("certificate_check", data, "learning.verify_title", cert ? 200 : 404);
         },
         {.access = web::Access::kPublic}});

  r.add({"GET",
         "/api/v1/certificates/{code}",
         [](Context& ctx) -> Reply {
           auto cert = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_certificate(tx, ctx.param("code")); }));
           if (!cert) return Error::not_found("learning.certificate_unknown");
           return ctx.json(200, verification_json(*cert));
         },
         {.access = web::Access::kPublic}});

  // ---- API: one's own and a person's learning ----
  r.add({"GET", "/api/v1/learning/me", [](Context& ctx) -> Reply {
           org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
           return ctx.json(200, TRY(learning_of(ctx, me, TRY(year_param(ctx)))));
         }});

  r.add({"GET", "/api/v1/learning/people/{nip}", [](Context& ctx) -> Reply {
           org::Asn person = TRY(visible_person(ctx, ctx.param("nip")));
           return ctx.json(200, TRY(learning_of(ctx, person, TRY(year_param(ctx)))));
         }});

  r.add({"GET", "/api/v1/learning/people/{nip}/xapi", [](Context& ctx) -> Reply {
           org::Asn person = TRY(visible_person(ctx, ctx.param("nip")));
           const int year = TRY(year_param(ctx));
           auto records = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return records_of(tx, person.id, year); }));
           json statements = json::array();
           for (const auto& rec : records)
             statements.push_back(xapi_statement(rec, person.nip, ctx.public_origin()));
           return ctx.json(200, {{"statements", statements}});
         }});

  r.add({"GET", "/api/v1/learning/approvals",
         [](Context& ctx) -> Reply { return ctx.json(200, TRY(approvals_of(ctx))); }});

  r.add({"GET", "/api/v1/learning/open-classes", [](Context& ctx) -> Reply {
           org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
           json items = TRY(open_classes_for(ctx, me));
           return ctx.json(200, {{"items", items}});
         }});

  // Enrolments: HR enrols a person ({"nip"}); anyone asks for themselves ({} or {"action"}).
  r.add({"POST",
         "/api/v1/learning/classes/{id}/enrolments",
         [](Context& ctx) -> Reply {
           auto id = web::id_param(ctx, "id");
           auto in = TRY(ctx.input());
           auto nip = in.text("nip", {.required = false, .max_chars = 32});
           auto action = in.integer("action", {.required = false, .min = 1});
           TRY(in.finish());
           if (nip) {
             if (!ctx.user().can(Permission::kLearningManage)) return Error::forbidden();
             auto person = org::person_by_nip(ctx.env(), *nip, ctx.user_instansi());
             if (!person.ok()) return Error::field("nip", "asn.not_found");
             int64_t enrolment = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
               auto c = TRY(find_class(tx, id.value_or(0)));
               auto p = c ? TRY(find_programme_by_id(tx, c->programme_id)) : std::nullopt;
               if (!c || !p || p->instansi_id != ctx.user_instansi())
                 return Error::not_found("learning.class_unknown");
               if (c->status != ClassStatus::kPlanned)
                 return Error::conflict("learning.class_not_open");
               int64_t e =
                   TRY(move_enrolment(tx, *c, person->id, EnrolmentStatus::kEnrolled,
                                      ctx.user().user_id, "", ctx.services.clock.now_seconds()));
               TRY(audit::append(
                   tx,
                   ctx.audit("learning.enrol", "enrolment", std::to_string(e), ctx.user_instansi()),
                   ctx.now_ms()));
               return e;
             }));
             return ctx.json(201, {{"id", enrolment}, {"status", "enrolled"}});
           }
           org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
           TRY(request_action(ctx, me, id.value_or(0),
                              action ? std::optional<int64_t>(*action) : std::nullopt));
           return ctx.json(201, {{"status", "requested"}});
         },
         {.body_limit = 4 * 1024}});

  r.add({"POST",
         "/api/v1/learning/claims",
         [](Context& ctx) -> Reply {
           org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
           auto in = TRY(ctx.input());
           auto evidence_text =
               in.text("evidence_base64", {.max_chars = (kMaxEvidenceBytes + kLeeway) * 4 / 3 + 8});
           in.ignore("evidence_base64");
           Claim claim = TRY(read_claim_fields(in, me.id));
           auto evidence = evidence_text ? base64_decode(*evidence_text) : std::nullopt;
           if (!evidence) return Error::field("evidence_base64", "learning.evidence_base64");
           int64_t id = TRY(submit_claim(ctx, me, ClaimInput{claim, std::move(*evidence)}));
           return ctx.json(201, {{"id", id}, {"status", "submitted"}});
         },
         {.body_limit = kMaxEvidenceBytes * 2}});
}

}  // namespace harmoni::learning
