#include "harmony/harmony_cases.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "complaints/complaint_store.hpp"
#include "harmony/kb_store.hpp"
#include "org/nip.hpp"
#include "org/org_store.hpp"
#include "platform/inbox/inbox_store.hpp"

namespace harmoni::harmony {
namespace {

constexpr int kMediatorLevel = 3;

std::string case_link(int64_t id) { return "/harmony/cases/" + std::to_string(id); }

// The case with its parties and what the actor may do; not found when they may see
// nothing of it.
struct Loaded {
  Case c;
  std::vector<Party> parties;
  Rights rights;
};
Result<Loaded> load(db::Tx& tx, const Actor& actor, int64_t id) {
  auto c = TRY(find_case(tx, id));
  if (!c || !actor.signed_in()) return Error::not_found("harmony.case_unknown");
  auto parties = TRY(parties_of(tx, id));
  Rights r = rights_of(actor.user(), *c, parties);
  if (!r.read && !r.handle) return Error::not_found("harmony.case_unknown");
  return Loaded{std::move(*c), std::move(parties), r};
}

Result<Loaded> load_to_handle(db::Tx& tx, const Actor& actor, int64_t id) {
  Loaded l = TRY(load(tx, actor, id));
  if (!l.rights.handle) return Error::forbidden("harmony.not_handler");
  return l;
}

// A step on a handled case: the machine's move, the history, the audit entry.
Status take(const Env& env, const Actor& actor, db::Tx& tx, Case& c, Step step,
            const std::string& note, std::string detail = "{}") {
  c.status = TRY(status_after(c.status, step));
  if (!c.handler_user_id) c.handler_user_id = actor.user().user_id;
  TRY(update_case(tx, c, env.now_seconds()));
  TRY(add_step(
      tx, c.id,
      {.at_ms = env.now_ms(), .step = step, .actor_user_id = actor.user().user_id, .note = note}));
  return audit::append(tx,
                       actor.audit("harmony.case_" + std::string(enum_name(step)), "harmony_case",
                                   std::to_string(c.id), c.instansi_id, std::move(detail)),
                       env.now_ms());
}

using Change = std::function<Status(db::Tx&, Loaded&)>;
Status handled_step(const Env& env, const Actor& actor, int64_t id, Step step,
                    const std::string& note, const Change& change = nullptr) {
  return env.db.run_write([&](db::Tx& tx) -> Status {
    Loaded l = TRY(load_to_handle(tx, actor, id));
    TRY(status_after(l.c.status, step));  // refused before anything is written
    if (change) TRY(change(tx, l));
    return take(env, actor, tx, l.c, step, note);
  });
}

Result<org::Asn> asn_of_instansi(db::Tx& tx, int64_t instansi_id, const std::string& nip,
                                 std::string_view field) {
  auto asn = TRY(org::find_asn_by_nip(tx, org::normalize_nip(nip)));
  if (!asn || asn->instansi_id != instansi_id || !asn->active)
    return Error::field(std::string(field), "harmony.asn_unknown");
  return *asn;
}

Status check_unit(db::Tx& tx, Case& c) {
  auto unit = TRY(org::find_unit_by_id(tx, c.unit_id));
  if (!unit || unit->instansi_id != c.instansi_id)
    return Error::field("unit", "harmony.unit_unknown");
  c.unit_path = unit->path;
  c.unit_name = unit->name;
  return {};
}

Status check_region(db::Tx& tx, const std::string& code) {
  if (code.empty()) return {};
  if (!TRY(org::find_region(tx, code))) return Error::field("region", "harmony.region_unknown");
  return {};
}

Result<int64_t> insert_new(const Env& env, const Actor& actor, db::Tx& tx, Case& c) {
  c.id = TRY(insert_case(tx, c, env.now_seconds()));
  TRY(add_step(tx, c.id,
               {.at_ms = env.now_ms(),
                .step = Step::kOpened,
                .actor_user_id = actor.user().user_id,
                .note = ""}));
  TRY(audit::append(
      tx,
      actor.audit(
          "harmony.case_open", "harmony_case", std::to_string(c.id), c.instansi_id,
          fmt::format(R"({{"kind":"{}","origin":"{}"}})", enum_name(c.kind), enum_name(c.origin))),
      env.now_ms()));
  return c.id;
}

bool is_handler(const Actor& actor) {
  return actor.signed_in() && actor.user().role == auth::Role::kCaseHandler &&
         actor.user().instansi_id;
}

}  // namespace

Result<int64_t> open_case(const Env& env, const Actor& actor, Case c) {
  if (!is_handler(actor)) return Error::forbidden("harmony.not_handler");
  c.instansi_id = *actor.user().instansi_id;
  c.status = State::kOpen;
  c.handler_user_id = actor.user().user_id;
  c.opened_on = date_in_wib(env.now_ms());
  if (c.origin == Origin::kComplaint) return Error::field("origin", "harmony.complaint_origin");
  TRY(validate_new(c));
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    TRY(check_unit(tx, c));
    TRY(check_region(tx, c.region_code));
    return insert_new(env, actor, tx, c);
  });
}

Result<int64_t> open_case_from_complaint(const Env& env, const Actor& actor, int64_t complaint_id,
                                         Kind kind, std::optional<Dimension> dimension) {
  if (!is_handler(actor)) return Error::forbidden("harmony.not_handler");
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    auto complaint = TRY(complaints::find_complaint(tx, complaint_id));
    if (!complaint || complaint->instansi_id != *actor.user().instansi_id)
      return Error::not_found("complaint.unknown");
    using complaints::Category;
    if (complaint->category != Category::kDiscrimination &&
        complaint->category != Category::kOfficerConduct)
      return Error::conflict("harmony.complaint_category");
    if (!complaint->unit_id) return Error::conflict("harmony.complaint_unrouted");
    if (TRY(case_of_complaint(tx, complaint_id)))
      return Error::conflict("harmony.complaint_has_case");
    auto instansi = TRY(org::find_instansi(tx, complaint->instansi_id));
    Case c{.instansi_id = complaint->instansi_id,
           .unit_id = *complaint->unit_id,
           .setting = Setting::kCommunity,
           .region_code = instansi ? instansi->region_code : "",
           .kind = kind,
           .dimension = dimension,
           .origin = Origin::kComplaint,
           .complaint_id = complaint_id,
           .title = fmt::format("Pengaduan #{}", complaint_id),
           .summary = complaint->description,
           .handler_user_id = actor.user().user_id,
           .opened_on = date_in_wib(env.now_ms())};
    TRY(validate_new(c));
    TRY(check_unit(tx, c));
    const int64_t id = TRY(insert_new(env, actor, tx, c));
    // The citizen who reported, and the officer it is about when the verifier named one.
    TRY(insert_party(tx, id, {.kind = PartyKind::kCitizen, .side = 1}, env.now_seconds()));
    if (complaint->officer_asn_id)
      TRY(insert_party(tx, id,
                       {.kind = PartyKind::kAsn, .asn_id = complaint->officer_asn_id, .side = 2},
                       env.now_seconds()));
    return id;
  });
}

Result<FromComplaint> prefill_from_complaint(const Env& env, const Actor& actor,
                                             int64_t complaint_id) {
  if (!is_handler(actor)) return Error::forbidden("harmony.not_handler");
  return env.db.read([&](db::Tx& tx) -> Result<FromComplaint> {
    auto complaint = TRY(complaints::find_complaint(tx, complaint_id));
    if (!complaint || complaint->instansi_id != *actor.user().instansi_id)
      return Error::not_found("complaint.unknown");
    auto existing = TRY(case_of_complaint(tx, complaint_id));
    FromComplaint out{.existing_case = existing};
    out.draft = {.unit_id = complaint->unit_id.value_or(0),
                 .setting = Setting::kCommunity,
                 .kind = complaint->category == complaints::Category::kDiscrimination
                             ? Kind::kDiscrimination
                             : Kind::kPrejudice,
                 .origin = Origin::kComplaint,
                 .complaint_id = complaint_id,
                 .title = fmt::format("Pengaduan #{}", complaint_id)};
    return out;
  });
}

Result<std::vector<org::Unit>> units_for(const Env& env, const Actor& actor) {
  if (!actor.signed_in() || !actor.user().instansi_id) return Error::forbidden();
  const auth::Principal& p = actor.user();
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<org::Unit>> {
    auto units = TRY(org::list_units(tx, *p.instansi_id));
    if (p.role == auth::Role::kUnitHead)
      std::erase_if(units, [&](const org::Unit& u) { return !u.path.starts_with(p.unit_path); });
    return units;
  });
}

Result<CaseView> read_case(const Env& env, const Actor& actor, int64_t id) {
  return env.db.write([&](db::Tx& tx) -> Result<CaseView> {
    Loaded l = TRY(load(tx, actor, id));
    CaseView v{.c = l.c, .rights = l.rights, .parties = l.parties};
    if (auto i = TRY(org::find_instansi(tx, l.c.instansi_id))) v.instansi_name = i->name;
    v.findings = TRY(findings_of(tx, id));
    v.causes = TRY(causes_of(tx, id));
    v.sessions = TRY(sessions_of(tx, id));
    v.agreements = TRY(agreements_of(tx, id));
    v.steps = TRY(steps_of(tx, id));
    v.article_id = TRY(article_of_case(tx, id));
    if (l.rights.handle) {
      for (Case& other : TRY(closed_cases_like(tx, l.c, 30))) {
        const int score = similarity(l.c, other);
        if (score > 0) v.similar.push_back({std::move(other), score});
      }
      std::stable_sort(
          v.similar.begin(), v.similar.end(),
          [](const SimilarCase& a, const SimilarCase& b) { return a.score > b.score; });
      if (v.similar.size() > 5) v.similar.resize(5);
      for (auto& m : TRY(competency::people_at_level(tx, l.c.instansi_id, kMediatorLevel, 12))) {
        const bool is_party = std::any_of(l.parties.begin(), l.parties.end(),
                                          [&](const Party& p) { return p.asn_id == m.asn_id; });
        if (!is_party && v.mediators.size() < 5)
          v.mediators.push_back({m.asn_id, m.name, m.unit_name, m.level});
      }
    }
    TRY(audit::append(
        tx, actor.audit("harmony.case_read", "harmony_case", std::to_string(id), l.c.instansi_id),
        env.now_ms()));
    return v;
  });
}

Result<std::vector<PartyCase>> my_cases(const Env& env, const Actor& actor) {
  if (!actor.signed_in() || !actor.user().asn_id) return std::vector<PartyCase>{};
  const int64_t me = *actor.user().asn_id;
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<PartyCase>> {
    std::vector<PartyCase> out;
    for (const Case& c : TRY(cases_of_party(tx, me))) {
      PartyCase p{.id = c.id, .title = c.title, .status = c.status, .outcome = c.outcome};
      for (Agreement& a : TRY(agreements_of(tx, c.id)))
        if (a.owner_asn_id == me) p.my_agreements.push_back(std::move(a));
      out.push_back(std::move(p));
    }
    return out;
  });
}

Result<CasePage> list_cases_for(const Env& env, const Actor& actor, std::optional<State> status,
                                bool open_only, std::optional<int64_t> before_id, int limit) {
  if (!actor.signed_in() || !actor.user().instansi_id) return Error::forbidden();
  const auth::Principal& p = actor.user();
  std::string prefix;
  if (p.role == auth::Role::kUnitHead) {
    prefix = p.unit_path;
  } else if (p.role != auth::Role::kCaseHandler) {
    return Error::forbidden("harmony.not_handler");
  }
  return env.db.read([&](db::Tx& tx) -> Result<CasePage> {
    CasePage page;
    page.items = TRY(list_cases(tx, {.instansi_id = *p.instansi_id,
                                     .unit_path_prefix = prefix,
                                     .status = status,
                                     .open_only = open_only,
                                     .before_id = before_id,
                                     .limit = limit + 1}));
    // A head who is a party to a case sees it in their own list only.
    std::erase_if(page.items, [&](const Case& c) {
      auto parties = parties_of(tx, c.id);
      return !parties.ok() || rights_of(p, c, *parties).party;
    });
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(static_cast<size_t>(limit));
      page.next_before = page.items.back().id;
    }
    return page;
  });
}

Status may_handle(const Env& env, const Actor& actor, int64_t case_id) {
  return env.db.run_read([&](db::Tx& tx) -> Status {
    TRY(load_to_handle(tx, actor, case_id));
    return {};
  });
}

Status start_analysis(const Env& env, const Actor& actor, int64_t id) {
  return handled_step(env, actor, id, Step::kAnalysisStarted, "");
}

Status add_party(const Env& env, const Actor& actor, int64_t id, PartyKind kind,
                 const std::string& nip, int side) {
  return handled_step(env, actor, id, Step::kPartyAdded, "", [&](db::Tx& tx, Loaded& l) -> Status {
    Party p{.kind = kind, .side = side};
    if (kind == PartyKind::kAsn && !nip.empty())
      p.asn_id = TRY(asn_of_instansi(tx, l.c.instansi_id, nip, "nip")).id;
    if (kind != PartyKind::kAsn && !nip.empty()) return Error::field("nip", "harmony.nip_only_asn");
    TRY(validate(p));
    if (p.asn_id && std::any_of(l.parties.begin(), l.parties.end(),
                                [&](const Party& x) { return x.asn_id == p.asn_id; }))
      return Error::field("nip", "harmony.party_twice");
    TRY(insert_party(tx, l.c.id, p, env.now_seconds()));
    return {};
  });
}

Status add_finding(const Env& env, const Actor& actor, int64_t id, Finding f) {
  TRY(validate(f));
  f.at_ms = env.now_ms();
  return handled_step(env, actor, id, Step::kFactAdded, "", [&](db::Tx& tx, Loaded& l) -> Status {
    TRY(insert_finding(tx, l.c.id, f, actor.user().user_id));
    return {};
  });
}

Status add_cause(const Env& env, const Actor& actor, int64_t id, Cause c) {
  TRY(validate(c));
  c.at_ms = env.now_ms();
  return handled_step(env, actor, id, Step::kCauseAdded, "", [&](db::Tx& tx, Loaded& l) -> Status {
    TRY(insert_cause(tx, l.c.id, c, actor.user().user_id));
    return {};
  });
}

Status set_rule(const Env& env, const Actor& actor, int64_t id, const std::string& rule) {
  std::vector<FieldError> errors;
  if (rule.size() < 3) errors.push_back({"rule", "input.too_short", {{"min", "3"}}});
  if (rule.size() > 500) errors.push_back({"rule", "input.too_long", {{"max", "500"}}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return handled_step(env, actor, id, Step::kRuleSet, rule, [&](db::Tx&, Loaded& l) -> Status {
    l.c.rule = rule;
    return {};
  });
}

Status record_session(const Env& env, const Actor& actor, int64_t id, Session s,
                      const std::string& facilitator_nip) {
  TRY(validate(s, date_in_wib(env.now_ms())));
  return handled_step(env, actor, id, Step::kSessionHeld, "", [&](db::Tx& tx, Loaded& l) -> Status {
    if (!facilitator_nip.empty())
      s.facilitator_asn_id =
          TRY(asn_of_instansi(tx, l.c.instansi_id, facilitator_nip, "facilitator")).id;
    TRY(insert_session(tx, l.c.id, s, actor.user().user_id, env.now_ms()));
    return {};
  });
}

Status add_agreement(const Env& env, const Actor& actor, int64_t id, Agreement a,
                     const std::string& owner_nip) {
  const Date today = date_in_wib(env.now_ms());
  return handled_step(
      env, actor, id, Step::kAgreementMade, a.text, [&](db::Tx& tx, Loaded& l) -> Status {
        if (owner_nip.empty()) return Error::field("owner", "input.required");
        const org::Asn owner = TRY(asn_of_instansi(tx, l.c.instansi_id, owner_nip, "owner"));
        a.owner_asn_id = owner.id;
        a.state = AgreementState::kOpen;
        TRY(validate(a, today));
        if (a.session_id) {
          auto sessions = TRY(sessions_of(tx, l.c.id));
          if (std::none_of(sessions.begin(), sessions.end(),
                           [&](const Session& s) { return s.id == a.session_id; }))
            return Error::field("session", "harmony.session_unknown");
        }
        TRY(insert_agreement(tx, l.c.id, a, env.now_ms()));
        if (auto user = TRY(user_of_asn(tx, owner.id)))
          TRY(inbox::notify(tx, *user, "inbox.harmony_agreement", {{"due", format_date(a.due_on)}},
                            "/harmony/mine", env.now_ms()));
        return {};
      });
}

Status check_agreement(const Env& env, const Actor& actor, int64_t id, int64_t agreement_id,
                       const Check& check) {
  TRY(validate(check));
  const Date today = date_in_wib(env.now_ms());
  return handled_step(env, actor, id, Step::kAgreementChecked, check.note,
                      [&](db::Tx& tx, Loaded& l) -> Status {
                        auto found = TRY(find_agreement(tx, agreement_id));
                        if (!found || found->first != l.c.id)
                          return Error::not_found("harmony.agreement_unknown");
                        Agreement a = found->second;
                        a.state = check.kept ? AgreementState::kKept : AgreementState::kNotKept;
                        a.checked_on = today;
                        a.check_note = check.note;
                        return update_agreement(tx, a);
                      });
}

Status start_monitoring(const Env& env, const Actor& actor, int64_t id) {
  return handled_step(env, actor, id, Step::kMonitoringStarted, "",
                      [&](db::Tx& tx, Loaded& l) -> Status {
                        if (TRY(agreements_of(tx, l.c.id)).empty())
                          return Error::conflict("harmony.monitoring_needs_agreement");
                        return {};
                      });
}

Status close_case(const Env& env, const Actor& actor, int64_t id, const Closing& closing) {
  return handled_step(env, actor, id, Step::kClosed, closing.reason,
                      [&](db::Tx& tx, Loaded& l) -> Status {
                        const auto sessions = TRY(sessions_of(tx, l.c.id));
                        TRY(validate_closing(closing, static_cast<int>(sessions.size())));
                        l.c.outcome = closing.outcome;
                        l.c.referral = closing.referral;
                        l.c.outcome_reason = closing.reason;
                        l.c.closed_on = date_in_wib(env.now_ms());
                        return {};
                      });
}

Status reopen_case(const Env& env, const Actor& actor, int64_t id, const std::string& reason) {
  if (reason.size() < 10) return Error::field("reason", "input.too_short", {{"min", "10"}});
  return handled_step(env, actor, id, Step::kReopened, reason, [&](db::Tx&, Loaded& l) -> Status {
    l.c.outcome.reset();
    l.c.referral.reset();
    l.c.closed_on.reset();
    return {};
  });
}

Result<int64_t> add_watch_note(const Env& env, const Actor& actor, WatchNote note) {
  if (!actor.signed_in() || !actor.user().instansi_id) return Error::forbidden();
  const auth::Principal& p = actor.user();
  if (p.role != auth::Role::kCaseHandler && p.role != auth::Role::kUnitHead)
    return Error::forbidden("harmony.not_handler");
  note.instansi_id = *p.instansi_id;
  note.author_user_id = p.user_id;
  note.created_on = date_in_wib(env.now_ms());
  TRY(validate(note, note.created_on));
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    if (note.unit_id) {
      auto unit = TRY(org::find_unit_by_id(tx, *note.unit_id));
      if (!unit || unit->instansi_id != note.instansi_id ||
          (p.role == auth::Role::kUnitHead && !unit->path.starts_with(p.unit_path)))
        return Error::field("unit", "harmony.unit_unknown");
    } else if (p.role == auth::Role::kUnitHead) {
      return Error::field("unit", "input.required");
    }
    TRY(check_region(tx, note.region_code));
    const int64_t id = TRY(insert_watch_note(tx, note, env.now_seconds()));
    TRY(audit::append(
        tx, actor.audit("harmony.watch_add", "harmony_watch", std::to_string(id), note.instansi_id),
        env.now_ms()));
    return id;
  });
}

Status close_watch_note(const Env& env, const Actor& actor, int64_t id) {
  if (!actor.signed_in()) return Error::forbidden();
  const auth::Principal& p = actor.user();
  return env.db.run_write([&](db::Tx& tx) -> Status {
    auto note = TRY(find_watch_note(tx, id));
    if (!note || !p.instansi_id || note->instansi_id != *p.instansi_id)
      return Error::not_found("harmony.watch_unknown");
    const bool may = p.role == auth::Role::kCaseHandler ||
                     (p.role == auth::Role::kUnitHead && note->author_user_id == p.user_id);
    if (!may) return Error::forbidden("harmony.not_handler");
    TRY(harmony::close_watch_note(tx, id, env.now_seconds()));
    return audit::append(
        tx,
        actor.audit("harmony.watch_close", "harmony_watch", std::to_string(id), note->instansi_id),
        env.now_ms());
  });
}

Result<OverviewView> harmony_overview(const Env& env, const Actor& actor) {
  if (!actor.signed_in() || !actor.user().instansi_id) return Error::forbidden();
  const auth::Principal& p = actor.user();
  std::string prefix;
  if (p.role == auth::Role::kUnitHead) {
    prefix = p.unit_path;
  } else if (p.role != auth::Role::kCaseHandler) {
    return Error::forbidden("harmony.not_handler");
  }
  const Date today = date_in_wib(env.now_ms());
  return env.db.read([&](db::Tx& tx) -> Result<OverviewView> {
    OverviewView v;
    v.min_group = TRY(load_settings(tx, *p.instansi_id)).min_group;
    v.counts = TRY(overview(tx, *p.instansi_id, prefix, today));
    // A dimension of fewer cases than the minimum could point at the people: withheld.
    for (auto& [dimension, n] : v.counts.by_dimension)
      if (n < v.min_group) n = -1;
    v.watch_notes = TRY(open_watch_notes(tx, *p.instansi_id, prefix));
    auto open = TRY(list_cases(tx, {.instansi_id = *p.instansi_id,
                                    .unit_path_prefix = prefix,
                                    .open_only = true,
                                    .limit = 200}));
    std::reverse(open.begin(), open.end());
    if (open.size() > 20) open.resize(20);
    v.open_cases = std::move(open);
    return v;
  });
}

Result<Settings> harmony_settings_of(const Env& env, const Actor& actor) {
  if (!actor.signed_in() || !actor.user().instansi_id) return Error::forbidden();
  return env.db.read([&](db::Tx& tx) { return load_settings(tx, *actor.user().instansi_id); });
}

Status save_harmony_settings(const Env& env, const Actor& actor, const Settings& s) {
  if (!actor.signed_in() || actor.user().role != auth::Role::kInstansiAdmin ||
      !actor.user().instansi_id)
    return Error::forbidden();
  TRY(validate(s));
  const int64_t instansi = *actor.user().instansi_id;
  return env.db.run_write([&](db::Tx& tx) -> Status {
    TRY(save_settings(tx, instansi, s, env.now_seconds()));
    return audit::append(
        tx,
        actor.audit(
            "harmony.settings", "instansi", std::to_string(instansi), instansi,
            fmt::format(R"({{"min_group":{},"study_minutes":{}}})", s.min_group, s.study_minutes)),
        env.now_ms());
  });
}

Result<ReminderRun> run_harmony_reminders(const Env& env) {
  const Date today = date_in_wib(env.now_ms());
  return env.db.write([&](db::Tx& tx) -> Result<ReminderRun> {
    ReminderRun run;
    for (const OverdueAgreement& o : TRY(overdue_untold(tx, today))) {
      std::vector<int64_t> to = TRY(complaints::unit_heads_of(tx, o.unit_id));
      if (o.handler_user_id) {
        to.push_back(*o.handler_user_id);
      } else {
        for (int64_t h : TRY(complaints::users_with_role(tx, o.instansi_id, "case_handler")))
          to.push_back(h);
      }
      std::sort(to.begin(), to.end());
      to.erase(std::unique(to.begin(), to.end()), to.end());
      for (int64_t user : to)
        TRY(inbox::notify(
            tx, user, "inbox.harmony_agreement_overdue",
            {{"case", std::to_string(o.case_id)}, {"due", format_date(o.agreement.due_on)}},
            case_link(o.case_id), env.now_ms()));
      TRY(mark_agreement_told(tx, o.agreement.id, today));
      ++run.agreements;
    }
    for (const WatchNote& w : TRY(reviews_untold(tx, today))) {
      std::vector<int64_t> to;
      if (w.author_user_id) to.push_back(*w.author_user_id);
      if (w.unit_id)
        for (int64_t h : TRY(complaints::unit_heads_of(tx, *w.unit_id))) to.push_back(h);
      std::sort(to.begin(), to.end());
      to.erase(std::unique(to.begin(), to.end()), to.end());
      for (int64_t user : to)
        TRY(inbox::notify(tx, user, "inbox.harmony_watch_review",
                          {{"review", format_date(w.review_on)}}, "/harmony", env.now_ms()));
      TRY(mark_review_told(tx, w.id, today));
      ++run.reviews;
    }
    return run;
  });
}

}  // namespace harmoni::harmony
