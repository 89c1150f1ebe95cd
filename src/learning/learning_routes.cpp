// One's own learning (the year's JP, records, classes, certificates, self-learning
// claims), what a superior approves (requests to join a class, claims), certificates and
// their public check; and the registration of the capability's routes.
#include "learning/learning_routes.hpp"

#include <fmt/format.h>

#include <fstream>

#include "learning/certificate_pdf.hpp"
#include "learning/learning_cases.hpp"
#include "learning/learning_web.hpp"
#include "org/org_cases.hpp"
#include "platform/http/multipart.hpp"
#include "platform/util/base64.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::learning {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

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
json year_json(const Context& ctx, const YearOfLearning& y) {
  json record_list = json::array(), enrolment_list = json::array(), claim_list = json::array();
  for (const auto& r : y.records) record_list.push_back(record_json(ctx, r));
  for (const auto& e : y.enrolments) enrolment_list.push_back(my_enrolment_json(ctx, e));
  for (const auto& c : y.claims) claim_list.push_back(claim_json(ctx, c));
  return json{
      {"person", {{"nip", y.person.nip}, {"name", y.person.name}, {"unit", y.person.unit_name}}},
      {"year", y.year},
      {"standing", standing_json(ctx, y.jp_e2)},
      {"records", record_list},
      {"enrolments", enrolment_list},
      {"claims", claim_list}};
}

Result<json> learning_json(const Context& ctx, const org::Asn& person) {
  const int year = TRY(web::year_param(ctx));
  return year_json(ctx, TRY(learning_of(ctx.env(), person, year)));
}

json offers_json(const Context& ctx, const std::vector<ClassOffer>& offers) {
  json out = json::array();
  for (const auto& offer : offers) {
    json actions = json::array();
    for (const auto& a : offer.actions) actions.push_back({{"id", a.id}, {"title", a.title}});
    json c = class_json(ctx, offer.open.row.session);
    c["programme"] = programme_json(ctx, offer.open.programme);
    c["seats_left"] = std::max(0, offer.open.row.session.capacity - offer.open.row.seats_taken);
    c["actions"] = actions;
    c["has_actions"] = !actions.empty();
    out.push_back(c);
  }
  return out;
}

// A claim's fields from a form or JSON.
Result<Claim> read_claim_fields(web::Input& in, int64_t asn_id) {
  Claim c{.asn_id = asn_id};
  if (auto v = in.choice("kind", enum_name_list<ClaimKind>())) c.kind = *parse_enum<ClaimKind>(*v);
  if (auto v = in.text("title", {.min_chars = 3, .max_chars = 300})) c.title = *v;
  c.provider = in.text("provider", {.required = false, .max_chars = 200}).value_or("");
  if (auto v = in.text("completed_on", {.max_chars = 10})) c.completed_on = *v;
  if (auto v = in.integer("minutes", {.min = 15, .max = kMaxRecordMinutes})) c.minutes = *v;
  TRY(in.finish());
  return c;
}

Reply learning_page(Context& ctx, const Error* error, const web::Input* sent) {
  auto me = org::own_person(ctx.env(), ctx.actor());
  const bool can_approve = ctx.user().role == auth::Role::kUnitHead;
  if (!me.ok())
    return ctx.page("learning_me", {{"linked", false}, {"can_approve", can_approve}},
                    "learning.me_title");
  const int year = TRY(web::year_param(ctx));
  json data = year_json(ctx, TRY(learning_of(ctx.env(), *me, year)));
  data["linked"] = true;
  data["can_approve"] = can_approve;
  data["open_classes"] = offers_json(ctx, TRY(offers_for(ctx.env(), *me)));
  data["has_open_classes"] = !data["open_classes"].empty();
  data["has_records"] = !data["records"].empty();
  data["has_enrolments"] = !data["enrolments"].empty();
  data["has_claims"] = !data["claims"].empty();
  data["previous_year"] = year - 1;
  data["next_year"] = year + 1;
  json kinds = json::array();
  for (const auto& [k, name] : kClaimKindNames) {
    kinds.push_back({{"value", name},
                     {"label", ctx.t("learning.claim_kind." + std::string(name))},
                     {"selected", sent && sent->raw("kind") == name}});
  }
  data["claim_kinds"] = kinds;
  auto sent_text = [&](const char* name) { return sent ? sent->raw(name) : ""; };
  data["sent"] = {{"title", sent_text("title")},
                  {"provider", sent_text("provider")},
                  {"completed_on", sent_text("completed_on")},
                  {"minutes", sent_text("minutes")}};
  return ctx.form_page("learning_me", data, "learning.me_title", error);
}

json approvals_json(const Context& ctx, const Approvals& a) {
  json r = json::array(), c = json::array();
  for (const auto& e : a.requests) r.push_back(my_enrolment_json(ctx, e));
  for (const auto& p : a.claims) {
    json j = claim_json(ctx, p.claim);
    j["person"] = {{"nip", p.nip}, {"name", p.name}, {"unit", p.unit_name}};
    c.push_back(j);
  }
  return {{"requests", r}, {"claims", c}};
}

json verification_json(const Certificate& c) {
  return {{"valid", !c.revoked},
          {"holder", c.holder_name},
          {"programme", c.programme_title},
          {"completed_on", c.completed_on}};
}

// A claim's evidence may be somewhat over the limit and still arrive, to be refused with
// the form's own message.
constexpr size_t kLeeway = 1024 * 1024;

// ---- handlers ----

Reply show_learning(Context& ctx) { return learning_page(ctx, nullptr, nullptr); }

Reply request_class(Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("learning.class_unknown");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto action = in.integer("action", {.required = false, .min = 1});
  TRY(in.finish());
  TRY(request_to_join(ctx.env(), ctx.actor(), me, *id, action));
  return ctx.redirect("/learning", "learning.requested");
}

// A claim with its evidence file (a page form: multipart).
Reply submit_claim_from_form(Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  if (http::multipart_boundary(ctx.request.header("content-type")).empty())
    return Error::invalid("error.content_type");
  auto form = web::read_form_with_file(ctx);
  if (!form.ok()) return learning_page(ctx, &form.error(), nullptr);
  web::Input& in = form->fields;
  in.ignore("_csrf");
  auto claim = read_claim_fields(in, me.id);
  if (!claim.ok()) return learning_page(ctx, &claim.error(), &in);
  const std::string evidence = form->file.value_or("");
  auto id = submit_claim(ctx.env(), ctx.actor(), me, *claim, evidence);
  if (!id.ok()) return learning_page(ctx, &id.error(), &in);
  return ctx.redirect("/learning", "learning.claim_sent");
}

Reply download_evidence(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  Evidence evidence = TRY(read_evidence(ctx.env(), ctx.actor(), id));
  return web::stored_file_download(evidence.content_type, fmt::format("bukti-{}", *id),
                                   std::move(evidence.data));
}

Result<org::Asn> path_person(const Context& ctx) {
  return visible_person(ctx.env(), ctx.actor(), ctx.param("nip"));
}

Reply show_person_learning(Context& ctx) {
  json data = TRY(learning_json(ctx, TRY(path_person(ctx))));
  const int year = data["year"];
  data["has_records"] = !data["records"].empty();
  data["has_claims"] = !data["claims"].empty();
  data["previous_year"] = year - 1;
  data["next_year"] = year + 1;
  return ctx.page("learning_person", data, "learning.person_title");
}

Reply show_approvals(Context& ctx) {
  json data = approvals_json(ctx, TRY(approvals_of(ctx.env(), ctx.actor())));
  data["has_requests"] = !data["requests"].empty();
  data["has_claims"] = !data["claims"].empty();
  return ctx.page("learning_approvals", data, "learning.approvals_title");
}

// A superior's decision on an enrolment request or a claim: pages and API alike
// (approve: "yes" in a form, true in JSON).
struct Decision {
  Status (*decide)(const Env&, const Actor&, int64_t, bool, const std::string&);
  const char* approved_status;
};
constexpr Decision kEnrolmentDecision{decide_on_request, "enrolled"};
constexpr Decision kClaimDecision{decide_on_claim, "approved"};

template <const Decision& kDecision, bool kApi>
Reply decide_on(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  const bool approve = in.is_json() ? in.flag("approve") : in.raw("approve") == "yes";
  in.ignore("approve");
  std::string note = in.text("note", {.required = false, .max_chars = 500}).value_or("");
  TRY(in.finish());
  TRY(kDecision.decide(ctx.env(), ctx.actor(), id.value_or(0), approve, note));
  if (kApi) return ctx.json(200, {{"status", approve ? kDecision.approved_status : "rejected"}});
  return ctx.redirect("/learning/approvals", "saved");
}

Reply certificate_pdf(Context& ctx) {
  Certificate cert = TRY(visible_certificate(ctx.env(), ctx.actor(), ctx.param("code")));
  CertificateText t{.heading = ctx.t("learning.certificate"),
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
}

// The public check behind the certificate's QR code: nothing beyond name, programme and date.
Reply check_certificate(Context& ctx) {
  auto cert = TRY(certificate_by_code(ctx.env(), ctx.param("code")));
  json data = {{"found", cert.has_value()}, {"code", ctx.param("code")}};
  if (cert) data["certificate"] = verification_json(*cert);
  return ctx.page("certificate_check", data, "learning.verify_title", cert ? 200 : 404);
}

Reply api_certificate(Context& ctx) {
  auto cert = TRY(certificate_by_code(ctx.env(), ctx.param("code")));
  if (!cert) return Error::not_found("learning.certificate_unknown");
  return ctx.json(200, verification_json(*cert));
}

Reply api_my_learning(Context& ctx) {
  return ctx.json(200, TRY(learning_json(ctx, TRY(org::own_person(ctx.env(), ctx.actor())))));
}

Reply api_person_learning(Context& ctx) {
  return ctx.json(200, TRY(learning_json(ctx, TRY(path_person(ctx)))));
}

Reply api_person_xapi(Context& ctx) {
  org::Asn person = TRY(path_person(ctx));
  const int year = TRY(web::year_param(ctx));
  json statements = json::array();
  for (const auto& rec : TRY(records_for(ctx.env(), person, year))) {
    statements.push_back(xapi_statement(rec, person.nip, ctx.public_origin()));
  }
  return ctx.json(200, {{"statements", statements}});
}

Reply api_approvals(Context& ctx) {
  return ctx.json(200, approvals_json(ctx, TRY(approvals_of(ctx.env(), ctx.actor()))));
}

Reply api_open_classes(Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  return ctx.json(200, {{"items", offers_json(ctx, TRY(offers_for(ctx.env(), me)))}});
}

// Enrolments: HR enrols a person ({"nip"}); anyone asks for themselves ({} or {"action"}).
Reply api_enrol(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  auto in = TRY(ctx.input());
  auto nip = in.text("nip", {.required = false, .max_chars = 32});
  auto action = in.integer("action", {.required = false, .min = 1});
  TRY(in.finish());
  if (nip) {
    if (!ctx.user().can(Permission::kLearningManage)) return Error::forbidden();
    ClassAndProgramme cp = TRY(class_of(ctx.env(), ctx.actor(), id));
    int64_t enrolment = TRY(enrol(ctx.env(), ctx.actor(), cp, *nip));
    return ctx.json(201, {{"id", enrolment}, {"status", "enrolled"}});
  }
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  TRY(request_to_join(ctx.env(), ctx.actor(), me, id.value_or(0), action));
  return ctx.json(201, {{"status", "requested"}});
}

Reply api_submit_claim(Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  auto in = TRY(ctx.input());
  auto evidence_text =
      in.text("evidence_base64", {.max_chars = (kMaxEvidenceBytes + kLeeway) * 4 / 3 + 8});
  in.ignore("evidence_base64");
  Claim claim = TRY(read_claim_fields(in, me.id));
  auto evidence = evidence_text ? base64_decode(*evidence_text) : std::nullopt;
  if (!evidence) return Error::field("evidence_base64", "learning.evidence_base64");
  int64_t id = TRY(submit_claim(ctx.env(), ctx.actor(), me, claim, *evidence));
  return ctx.json(201, {{"id", id}, {"status", "submitted"}});
}

const web::RouteOptions kSmall{.body_limit = 4 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/learning", show_learning},
    {"POST", "/learning/classes/{id}/request", request_class, kSmall},
    {"POST",
     "/learning/claims",
     submit_claim_from_form,
     {.body_limit = kMaxEvidenceBytes + kLeeway, .upload_to_file = true}},
    {"GET", "/learning/claims/{id}/evidence", download_evidence},
    {"GET", "/learning/people/{nip}", show_person_learning},
    {"GET", "/learning/approvals", show_approvals},
    {"POST", "/learning/enrolments/{id}/decision", decide_on<kEnrolmentDecision, false>, kSmall},
    {"POST", "/api/v1/learning/enrolments/{id}/decision", decide_on<kEnrolmentDecision, true>,
     kSmall},
    {"POST", "/learning/claims/{id}/decision", decide_on<kClaimDecision, false>, kSmall},
    {"POST", "/api/v1/learning/claims/{id}/decision", decide_on<kClaimDecision, true>, kSmall},
    {"GET", "/certificates/{code}/pdf", certificate_pdf},
    {"GET", "/v/{code}", check_certificate, {.access = web::Access::kPublic}},
    {"GET", "/api/v1/certificates/{code}", api_certificate, {.access = web::Access::kPublic}},
    {"GET", "/api/v1/learning/me", api_my_learning},
    {"GET", "/api/v1/learning/people/{nip}", api_person_learning},
    {"GET", "/api/v1/learning/people/{nip}/xapi", api_person_xapi},
    {"GET", "/api/v1/learning/approvals", api_approvals},
    {"GET", "/api/v1/learning/open-classes", api_open_classes},
    {"POST", "/api/v1/learning/classes/{id}/enrolments", api_enrol, kSmall},
    {"POST", "/api/v1/learning/claims", api_submit_claim, {.body_limit = kMaxEvidenceBytes * 2}},
};

}  // namespace

std::span<const web::RouteDef> person_routes() { return kRoutes; }

void register_routes(web::App& app) {
  using auth::Role;
  app.router().add(programme_routes());
  app.router().add(oversight_routes());
  app.router().add(person_routes());
  app.add_nav({62,
               "nav.learning",
               "/learning",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kOfficer, Role::kHrDeveloper,
                Role::kCaseHandler, Role::kAuditor}});
  app.add_nav({64, "nav.programmes", "/learning/programmes", Permission::kLearningManage, {}});
  app.add_nav({66,
               "nav.compliance",
               "/learning/compliance",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kHrDeveloper}});
}

}  // namespace harmoni::learning
