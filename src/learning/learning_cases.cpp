#include "learning/learning_cases.hpp"

#include <fmt/format.h>

#include "competency/shipped_catalog.hpp"
#include "learning/lms_import.hpp"
#include "org/org_cases.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"

namespace harmoni::learning {
namespace {

using auth::Permission;
using nlohmann::json;

Status append(db::Tx& tx, const Env& env, const audit::Entry& entry) {
  return audit::append(tx, entry, env.now_ms());
}

Date today(const Env& env) { return date_in_wib(env.now_ms()); }

// The person of a request or claim, if the caller leads them.
Result<org::Asn> led_person(db::Tx& tx, const Actor& actor, int64_t asn_id) {
  auto person = TRY(org::find_asn_by_id(tx, asn_id));
  if (!person || !actor.user().leads(person->instansi_id, person->unit_path, person->id)) {
    return Error::forbidden("learning.not_superior");
  }
  return *person;
}

Result<std::string> scope(const Actor& actor, Detail detail) {
  auto prefix = follow_up_scope(actor.user(), detail);
  if (!prefix) return Error::forbidden();
  return *prefix;
}

}  // namespace

// ---- one's learning ----

Result<org::Asn> visible_person(const Env& env, const Actor& actor, std::string_view nip) {
  org::Asn person = TRY(org::person_by_nip(env, nip, actor.user_instansi()));
  if (relation_to(actor.user(), person) == Relation::kNone)
    return Error::not_found("asn.not_found");
  return person;
}

Result<YearOfLearning> learning_of(const Env& env, const org::Asn& person, int year) {
  return env.db.read([&](db::Tx& tx) -> Result<YearOfLearning> {
    YearOfLearning out{.person = person, .year = year};
    out.records = TRY(records_of(tx, person.id, year));
    out.jp_e2 = TRY(jp_of(tx, person.id, year));
    out.enrolments = TRY(enrolments_of(tx, person.id));
    out.claims = TRY(claims_of(tx, person.id));
    return out;
  });
}

Result<std::vector<LearningRecord>> records_for(const Env& env, const org::Asn& person, int year) {
  return env.db.read([&](db::Tx& tx) { return records_of(tx, person.id, year); });
}

Result<std::vector<ClassOffer>> offers_for(const Env& env, const org::Asn& me) {
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<ClassOffer>> {
    auto open = TRY(open_classes(tx, me.instansi_id, format_date(today(env))));
    auto plans = TRY(competency::plans_of_person(tx, me.id));
    std::vector<ClassOffer> out;
    for (auto& oc : open) {
      ClassOffer offer{.open = std::move(oc)};
      for (const auto& plan : plans) {
        for (const auto& a : plan.actions) {
          if (a.status == competency::ActionStatus::kDone ||
              a.status == competency::ActionStatus::kDropped)
            continue;
          if (meets(offer.open.programme, a.item_code, a.learning_kind)) offer.actions.push_back(a);
        }
      }
      out.push_back(std::move(offer));
    }
    return out;
  });
}

Status request_to_join(const Env& env, const Actor& actor, const org::Asn& me, int64_t class_id,
                       std::optional<int64_t> action_id) {
  return env.db.write([&](db::Tx& tx) -> Status {
    auto c = TRY(find_class(tx, class_id));
    auto p = c ? TRY(find_programme_by_id(tx, c->programme_id)) : std::nullopt;
    if (!c || !p || p->instansi_id != me.instansi_id)
      return Error::not_found("learning.class_unknown");
    if (!c->self_registration || c->status != ClassStatus::kPlanned)
      return Error::conflict("learning.class_not_open");
    const int64_t now = env.now_seconds();
    int64_t id = TRY(
        move_enrolment(tx, *c, me.id, EnrolmentStatus::kRequested, actor.user().user_id, "", now));
    if (action_id) TRY(link_action(tx, *action_id, me.id, id, now));
    return append(tx, env,
                  actor.audit("learning.request", "enrolment", std::to_string(id), me.instansi_id));
  });
}

Status decide_on_request(const Env& env, const Actor& actor, int64_t enrolment_id, bool approve,
                         const std::string& note) {
  return env.db.write([&](db::Tx& tx) -> Status {
    auto e = TRY(find_enrolment_by_id(tx, enrolment_id));
    if (!e) return Error::not_found("learning.enrolment_unknown");
    org::Asn person = TRY(led_person(tx, actor, e->asn_id));
    auto c = TRY(find_class(tx, e->class_id));
    TRY(move_enrolment(tx, *c, e->asn_id,
                       approve ? EnrolmentStatus::kEnrolled : EnrolmentStatus::kRejected,
                       actor.user().user_id, note, env.now_seconds()));
    return append(tx, env,
                  actor.audit(approve ? "learning.request_approve" : "learning.request_reject",
                              "enrolment", std::to_string(enrolment_id), person.instansi_id));
  });
}

Status decide_on_claim(const Env& env, const Actor& actor, int64_t claim_id, bool approve,
                       const std::string& note) {
  return env.db.write([&](db::Tx& tx) -> Status {
    auto c = TRY(find_claim(tx, claim_id));
    if (!c) return Error::not_found("learning.claim_unknown");
    org::Asn person = TRY(led_person(tx, actor, c->asn_id));
    const int64_t now = env.now_seconds();
    TRY(decide_claim(tx, claim_id, approve ? ClaimStatus::kApproved : ClaimStatus::kRejected,
                     actor.user().user_id, note, now));
    if (approve) {
      const LearningSettings settings = TRY(load_settings(tx, person.instansi_id));
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
    return append(tx, env,
                  actor.audit(approve ? "learning.claim_approve" : "learning.claim_reject",
                              "learning_claim", std::to_string(claim_id), person.instansi_id));
  });
}

Result<int64_t> submit_claim(const Env& env, const Actor& actor, const org::Asn& me,
                             const Claim& claim, const std::string& evidence) {
  TRY(validate(claim, today(env)));
  const std::string type = TRY(evidence_type(evidence));
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id =
        TRY(insert_claim(tx, claim, type, evidence, auth::sha256_hex(evidence), env.now_seconds()));
    TRY(append(tx, env,
               actor.audit("learning.claim_submit", "learning_claim", std::to_string(id),
                           me.instansi_id)));
    return id;
  });
}

Result<Approvals> approvals_of(const Env& env, const Actor& actor) {
  const auto& p = actor.user();
  if (p.role != auth::Role::kUnitHead) return Error::forbidden("learning.not_superior");
  Approvals out = TRY(env.db.read([&](db::Tx& tx) -> Result<Approvals> {
    Approvals a;
    a.requests = TRY(requests_under(tx, actor.user_instansi(), p.unit_path));
    a.claims = TRY(claims_under(tx, actor.user_instansi(), p.unit_path));
    return a;
  }));
  // A head does not approve their own requests.
  std::erase_if(out.requests,
                [&](const MyEnrolment& e) { return p.asn_id && e.enrolment.asn_id == *p.asn_id; });
  std::erase_if(out.claims,
                [&](const PendingClaim& c) { return p.asn_id && c.claim.asn_id == *p.asn_id; });
  return out;
}

Result<Evidence> read_evidence(const Env& env, const Actor& actor,
                               std::optional<int64_t> claim_id) {
  auto found = TRY(env.db.read([&](db::Tx& tx)
                                   -> Result<std::optional<std::pair<org::Asn, Evidence>>> {
    auto claim = TRY(find_claim(tx, claim_id.value_or(0)));
    if (!claim) return std::optional<std::pair<org::Asn, Evidence>>{};
    auto person = TRY(org::find_asn_by_id(tx, claim->asn_id));
    if (!person || person->instansi_id != actor.user_instansi() ||
        relation_to(actor.user(), *person) == Relation::kNone) {
      return std::optional<std::pair<org::Asn, Evidence>>{};
    }
    auto evidence = TRY(evidence_of(tx, claim->id));
    if (!evidence) return std::optional<std::pair<org::Asn, Evidence>>{};
    return std::optional<std::pair<org::Asn, Evidence>>{std::pair{*person, std::move(*evidence)}};
  }));
  if (!found) return Error::not_found("learning.claim_unknown");
  TRY(env.db.write([&](db::Tx& tx) {
    return append(tx, env,
                  actor.audit("learning.evidence_read", "learning_claim", std::to_string(*claim_id),
                              found->first.instansi_id));
  }));
  return std::move(found->second);
}

Result<Certificate> visible_certificate(const Env& env, const Actor& actor, std::string_view code) {
  auto cert = TRY(certificate_by_code(env, code));
  if (!cert) return Error::not_found("learning.certificate_unknown");
  auto holder = TRY(env.db.read([&](db::Tx& tx) { return org::find_asn_by_id(tx, cert->asn_id); }));
  if (!holder || relation_to(actor.user(), *holder) == Relation::kNone)
    return Error::not_found("learning.certificate_unknown");
  return *cert;
}

Result<std::optional<Certificate>> certificate_by_code(const Env& env, std::string_view code) {
  return env.db.read([&](db::Tx& tx) { return find_certificate(tx, std::string(code)); });
}

// ---- programmes and classes ----

Result<std::vector<Programme>> programmes_of(const Env& env, const Actor& actor) {
  return env.db.read([&](db::Tx& tx) { return list_programmes(tx, actor.user_instansi(), true); });
}

Result<Programme> programme_of(const Env& env, const Actor& actor, std::string_view code) {
  auto p = TRY(env.db.read([&](db::Tx& tx) {
    return find_programme(tx, actor.user_instansi(), org::upper_code(std::string(code)));
  }));
  if (!p) return Error::not_found("learning.programme_unknown");
  return *p;
}

Result<Programme> save_programme(const Env& env, const Actor& actor, Programme p, bool creating) {
  // Items must be known: the catalogue's, or (X.) the instansi's own.
  for (const auto& code : p.items) {
    if (!code.starts_with(competency::kCustomPrefix) && !competency::catalog().find(code, "2023")) {
      return Error::field("items", "competency.item_unknown", {{"code", code}});
    }
  }
  TRY(validate(p));
  TRY(env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    if (creating) {
      p.id = TRY(insert_programme(tx, p, now));
    } else {
      TRY(update_programme(tx, p, now));
    }
    return append(tx, env,
                  actor.audit(creating ? "learning.programme_create" : "learning.programme_update",
                              "programme", std::to_string(p.id), p.instansi_id));
  }));
  return p;
}

Result<std::vector<ClassRow>> classes_of(const Env& env, const Programme& programme) {
  return env.db.read([&](db::Tx& tx) { return list_classes(tx, programme.id); });
}

Result<ClassSession> create_class(const Env& env, const Actor& actor, const Programme& programme,
                                  ClassSession c) {
  c.programme_id = programme.id;
  TRY(validate(c));
  c.id = TRY(env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_class(tx, c, env.now_seconds()));
    TRY(append(
        tx, env,
        actor.audit("learning.class_create", "class", std::to_string(id), programme.instansi_id)));
    return id;
  }));
  return c;
}

Result<ClassAndProgramme> class_of(const Env& env, const Actor& actor, std::optional<int64_t> id) {
  if (!id) return Error::not_found("learning.class_unknown");
  auto found = TRY(env.db.read([&](db::Tx& tx) -> Result<std::optional<ClassAndProgramme>> {
    auto c = TRY(find_class(tx, *id));
    if (!c) return std::optional<ClassAndProgramme>();
    auto p = TRY(find_programme_by_id(tx, c->programme_id));
    if (!p) return std::optional<ClassAndProgramme>();
    return std::optional<ClassAndProgramme>(ClassAndProgramme{*c, *p});
  }));
  if (!found || found->programme.instansi_id != actor.user_instansi())
    return Error::not_found("learning.class_unknown");
  return *found;
}

Result<Roster> roster_of(const Env& env, const ClassAndProgramme& cp) {
  return env.db.read([&](db::Tx& tx) -> Result<Roster> {
    Roster out;
    out.people = TRY(class_enrolments(tx, cp.session.id));
    out.days = TRY(days_attended(tx, cp.session.id));
    return out;
  });
}

Result<int64_t> enrol(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                      std::string_view nip) {
  auto person = org::person_by_nip(env, nip, actor.user_instansi());
  if (!person.ok()) return Error::field("nip", "asn.not_found");
  if (cp.session.status != ClassStatus::kPlanned) return Error::conflict("learning.class_not_open");
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(move_enrolment(tx, cp.session, person->id, EnrolmentStatus::kEnrolled,
                                    actor.user().user_id, "", env.now_seconds()));
    TRY(append(
        tx, env,
        actor.audit("learning.enrol", "enrolment", std::to_string(id), actor.user_instansi())));
    return id;
  });
}

Status mark_attendance(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                       const std::string& day, const std::vector<std::pair<int64_t, bool>>& marks) {
  auto d = parse_date(day);
  auto start = parse_date(cp.session.starts_on), end = parse_date(cp.session.ends_on);
  if (!d || (start && *d < *start) || (end && *end < *d))
    return Error::field("day", "learning.day_outside_class");
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    for (const auto& [asn, present] : marks)
      TRY(record_attendance(tx, cp.session.id, asn, day, present, actor.user().user_id, now));
    return append(
        tx, env,
        actor.audit("learning.attendance", "class", std::to_string(cp.session.id),
                    actor.user_instansi(), json({{"day", day}, {"people", marks.size()}}).dump()));
  });
}

Status complete(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                const std::vector<ClassOutcome>& outcomes) {
  for (const auto& o : outcomes) {
    if (o.completed && o.passed && !*o.passed)
      return Error::field("passed", "learning.completed_not_passed");
  }
  const auto end = parse_date(cp.session.ends_on);
  if (!end || today(env) < *end)
    return Error::conflict("learning.class_not_ended", {{"date", cp.session.ends_on}});
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    for (const auto& o : outcomes) {
      TRY(record_outcome(tx, cp.session, cp.programme, o, env.random.token(12),
                         actor.user().user_id, now));
    }
    return append(tx, env,
                  actor.audit("learning.completion", "class", std::to_string(cp.session.id),
                              actor.user_instansi(), json({{"people", outcomes.size()}}).dump()));
  });
}

Status change_class_status(const Env& env, const Actor& actor, ClassAndProgramme cp,
                           ClassStatus status) {
  cp.session.status = status;
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(update_class(tx, cp.session, env.now_seconds()));
    return append(tx, env,
                  actor.audit("learning.class_status", "class", std::to_string(cp.session.id),
                              actor.user_instansi(), json({{"status", enum_name(status)}}).dump()));
  });
}

// ---- compliance, the LMS import, settings ----

Result<std::vector<UnitCompliance>> compliance_of(const Env& env, const Actor& actor, int year) {
  const std::string prefix = TRY(scope(actor, Detail::kCounts));
  return env.db.read(
      [&](db::Tx& tx) { return compliance(tx, actor.user_instansi(), year, prefix); });
}

Result<std::vector<PersonJp>> below_right(const Env& env, const Actor& actor, int year,
                                          std::optional<int64_t> unit_id, int limit,
                                          int64_t offset) {
  std::string prefix = TRY(scope(actor, Detail::kPeople));
  BelowQuery q{.instansi_id = actor.user_instansi(),
               .year = year,
               .unit_path_prefix = std::move(prefix),
               .unit_id = unit_id,
               .limit = limit,
               .offset = offset};
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<PersonJp>> {
    if (q.unit_id) {
      // A unit outside the caller's subtree shows nobody.
      auto unit = TRY(org::find_unit_by_id(tx, *q.unit_id));
      if (!unit || unit->instansi_id != q.instansi_id ||
          !unit->path.starts_with(q.unit_path_prefix)) {
        return std::vector<PersonJp>();
      }
    }
    return people_below(tx, q);
  });
}

Result<std::string> start_jp_export(const Env& env, const Actor& actor, int year) {
  const std::string prefix = TRY(scope(actor, Detail::kPeople));
  TRY(env.db.write([&](db::Tx& tx) {
    return append(tx, env,
                  actor.audit("learning.export", "instansi", std::to_string(actor.user_instansi()),
                              actor.user_instansi(), json({{"year", year}}).dump()));
  }));
  return prefix;
}

Result<csv::ImportReport> import_lms(const Env& env, const Actor& actor, const std::string& path,
                                     const std::string& provider, const std::string& mode) {
  if (mode != "all" && mode != "good_rows" && mode != "check") {
    return Error::field("mode", "input.not_allowed", {{"allowed", "all, good_rows, check"}});
  }
  return import_lms_csv(
      env.db, actor.user_instansi(), path, provider,
      csv::ImportOptions{.import_good_rows = mode == "good_rows", .dry_run = mode == "check"},
      env.now_seconds(),
      actor.audit("learning.lms_import", "instansi", std::to_string(actor.user_instansi()),
                  actor.user_instansi()),
      env.now_ms());
}

Result<LearningSettings> settings_of(const Env& env, const Actor& actor) {
  return env.db.read([&](db::Tx& tx) { return load_settings(tx, actor.user_instansi()); });
}

Status save_learning_settings(const Env& env, const Actor& actor, const LearningSettings& s) {
  TRY(validate(s));
  const json detail = {{"minutes_per_jp", s.minutes_per_jp},
                       {"peduli_jp_per_hour", jp_text(s.peduli_jp_per_hour_e2)},
                       {"peduli_max_jp", jp_text(s.peduli_max_jp_e2)}};
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(save_settings(tx, actor.user_instansi(), s, env.now_seconds()));
    return append(
        tx, env,
        actor.audit("learning.settings", "instansi", std::to_string(actor.user_instansi()),
                    actor.user_instansi(), detail.dump()));
  });
}

}  // namespace harmoni::learning
