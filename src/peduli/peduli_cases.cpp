#include "peduli/peduli_cases.hpp"

#include <set>

#include "org/org_cases.hpp"
#include "org/org_store.hpp"

namespace harmoni::peduli {
namespace {

using nlohmann::json;

Status append(db::Tx& tx, const Env& env, const audit::Entry& entry) {
  return audit::append(tx, entry, env.now_ms());
}

std::string today(const Env& env) { return format_date(date_in_wib(env.now_ms())); }

}  // namespace

Result<ActivityRow> activity_of(const Env& env, const Actor& actor, std::optional<int64_t> id) {
  auto row = TRY(env.db.read([&](db::Tx& tx) { return activity_row(tx, id.value_or(0)); }));
  if (!row || row->activity.instansi_id != actor.user_instansi())
    return Error::not_found("peduli.activity_unknown");
  return *row;
}

Result<Overview> overview(const Env& env, const Actor& actor) {
  auto me = org::own_person(env, actor);
  return env.db.read([&](db::Tx& tx) -> Result<Overview> {
    Overview out;
    out.upcoming = TRY(list_activities(tx, actor.user_instansi(), today(env)));
    if (me.ok()) out.mine = TRY(activities_of(tx, me->id));
    return out;
  });
}

Result<std::vector<ActivityRow>> activities_from(const Env& env, const Actor& actor,
                                                 const std::string& from) {
  return env.db.read([&](db::Tx& tx) { return list_activities(tx, actor.user_instansi(), from); });
}

Result<int64_t> save_activity(const Env& env, const Actor& actor, Activity a,
                              std::string_view coordinator_nip, bool creating) {
  auto person = org::person_by_nip(env, coordinator_nip, actor.user_instansi());
  if (!person.ok()) return Error::field("coordinator", "asn.not_found");
  a.coordinator_asn_id = person->id;
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    if (!a.region_code.empty() && !TRY(org::find_region(tx, a.region_code))) {
      return Error::field("region", "region.unknown");
    }
    TRY(validate(a));
    const int64_t now = env.now_seconds();
    int64_t id = a.id;
    if (creating) {
      id = TRY(insert_activity(tx, a, actor.user().user_id, now));
    } else {
      TRY(update_activity(tx, a, now));
    }
    TRY(append(tx, env,
               actor.audit(creating ? "peduli.activity_create" : "peduli.activity_update",
                           "peduli_activity", std::to_string(id), a.instansi_id)));
    return id;
  });
}

Result<Attendees> attendees_of(const Env& env, const Actor& actor, const ActivityRow& row) {
  auto me = org::own_person(env, actor);
  return env.db.read([&](db::Tx& tx) -> Result<Attendees> {
    Attendees out{.linked = me.ok()};
    out.people = TRY(participants(tx, row.activity.id));
    if (me.ok()) out.mine = TRY(participant(tx, row.activity.id, me->id));
    return out;
  });
}

Status join(const Env& env, const Actor& actor, const ActivityRow& row, bool cancel) {
  org::Asn me = TRY(org::own_person(env, actor));
  if (row.activity.ends_on < today(env) && !cancel) return Error::conflict("peduli.not_open");
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    if (cancel) {
      TRY(cancel_sign_up(tx, row.activity.id, me.id, now));
    } else {
      TRY(sign_up(tx, row.activity, me.id, now));
    }
    return append(tx, env,
                  actor.audit(cancel ? "peduli.cancel" : "peduli.sign_up", "peduli_activity",
                              std::to_string(row.activity.id), me.instansi_id));
  });
}

Status may_coordinate(const Actor& actor, const Activity& activity) {
  if (!coordinates(actor.user(), activity)) return Error::forbidden("peduli.not_coordinator");
  return {};
}

Status confirm_attendance(const Env& env, const Actor& actor, const ActivityRow& row,
                          const std::vector<Mark>& marks) {
  TRY(may_coordinate(actor, row.activity));
  if (row.activity.status == ActivityStatus::kCancelled) return Error::conflict("peduli.not_open");
  if (marks.empty()) return Error::field("attendance", "peduli.nothing_confirmed");
  std::vector<std::pair<int64_t, const Mark*>> people;
  for (const auto& m : marks) {
    auto person = org::person_by_nip(env, m.nip, actor.user_instansi());
    Status checked =
        person.ok() ? check_confirmation(row.activity, m.attendance, m.minutes)
                    : Status(Error::field(m.from_form ? "attendance" : "nip", "asn.not_found"));
    if (!checked.ok()) {
      Error e = checked.release_error();
      if (m.from_form) {
        for (auto& f : e.fields) f.field += ":" + m.nip;
      }
      return e;
    }
    people.emplace_back(person->id, &m);
  }
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    for (const auto& [asn_id, m] : people) {
      TRY(confirm(tx, row.activity, asn_id, m->attendance, m->minutes, actor.user().user_id, now));
    }
    return append(tx, env,
                  actor.audit("peduli.confirm", "peduli_activity", std::to_string(row.activity.id),
                              actor.user_instansi(), json({{"people", people.size()}}).dump()));
  });
}

Status close_activity(const Env& env, const Actor& actor, const ActivityRow& row,
                      int beneficiaries) {
  TRY(may_coordinate(actor, row.activity));
  Activity a = row.activity;
  a.beneficiaries = beneficiaries;
  a.status = ActivityStatus::kDone;
  TRY(validate(a));
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(update_activity(tx, a, env.now_seconds()));
    return append(
        tx, env,
        actor.audit("peduli.activity_close", "peduli_activity", std::to_string(a.id),
                    actor.user_instansi(), json({{"beneficiaries", beneficiaries}}).dump()));
  });
}

Result<Reflecting> reflecting(const Env& env, const Actor& actor, std::optional<int64_t> id) {
  org::Asn me = TRY(org::own_person(env, actor));
  ActivityRow row = TRY(activity_of(env, actor, id));
  auto mine = TRY(env.db.read([&](db::Tx& tx) { return participant(tx, row.activity.id, me.id); }));
  if (!mine || mine->attendance != Attendance::kAttended)
    return Error::conflict("peduli.reflect_after_attending");
  return Reflecting{std::move(me), std::move(row)};
}

Result<std::pair<Reflection, std::string>> reflection_of(const Env& env, const Reflecting& r) {
  return env.db.read([&](db::Tx& tx) -> Result<std::pair<Reflection, std::string>> {
    auto existing = TRY(find_reflection(tx, r.row.activity.id, r.me.id));
    Reflection reflection =
        existing.value_or(Reflection{.activity_id = r.row.activity.id, .asn_id = r.me.id});
    std::string mentor_nip;
    if (reflection.mentor_asn_id) {
      if (auto m = TRY(org::find_asn_by_id(tx, *reflection.mentor_asn_id))) mentor_nip = m->nip;
    }
    return std::pair{std::move(reflection), std::move(mentor_nip)};
  });
}

Result<Reflection> save_reflection_of(const Env& env, const Actor& actor, const Reflecting& r,
                                      Reflection reflection, std::string_view mentor_nip) {
  reflection.activity_id = r.row.activity.id;
  reflection.asn_id = r.me.id;
  if (reflection.sharing == Sharing::kMentor && !mentor_nip.empty()) {
    auto person = org::person_by_nip(env, mentor_nip, r.me.instansi_id);
    if (!person.ok()) return Error::field("mentor", "asn.not_found");
    reflection.mentor_asn_id = person->id;
  }
  TRY(validate(reflection));
  TRY(env.db.write([&](db::Tx& tx) -> Status {
    int64_t id = TRY(save_reflection(tx, reflection, env.now_seconds()));
    return append(tx, env,
                  actor.audit("peduli.reflection", "peduli_reflection", std::to_string(id),
                              actor.user_instansi(),
                              json({{"sharing", enum_name(reflection.sharing)}}).dump()));
  }));
  return reflection;
}

Result<Shared> shared_with(const Env& env, const Actor& actor) {
  const auto& p = actor.user();
  Shared out = TRY(env.db.read([&](db::Tx& tx) -> Result<Shared> {
    Shared s;
    if (p.asn_id) s.to_mentor = TRY(reflections_shared_with_mentor(tx, *p.asn_id));
    if (p.role == auth::Role::kUnitHead && !p.unit_path.empty()) {
      s.to_superior = TRY(reflections_shared_under(tx, actor.user_instansi(), p.unit_path));
    }
    return s;
  }));
  // A head reads their own shared reflections as the writer, not as a superior.
  std::erase_if(out.to_superior, [&](const SharedReflection& s) {
    return p.asn_id && s.reflection.asn_id == *p.asn_id;
  });
  return out;
}

Result<EvaluationFacts> evaluation_of(const Env& env, const Actor& actor, std::string from,
                                      std::string to, const std::string& no_region_label) {
  auto prefix = evaluation_scope(actor.user());
  if (!prefix) return Error::forbidden();
  const Date now = date_in_wib(env.now_ms());
  if (from.empty()) from = format_date(Date{now.year, 1, 1});
  if (to.empty()) to = format_date(now);
  auto f = parse_date(from), t = parse_date(to);
  if (!f || !t || *t < *f) return Error::field("to", "learning.date_range");
  return env.db.read([&](db::Tx& tx) -> Result<EvaluationFacts> {
    EvaluationFacts out{.from = from, .to = to};
    auto rows = TRY(participation(tx, actor.user_instansi(), from, to, *prefix));
    auto everyone = TRY(people(tx, actor.user_instansi(), *prefix));
    out.units = TRY(org::list_units(tx, actor.user_instansi()));
    out.evaluation = evaluate(rows);
    std::set<int64_t> took_part;
    for (const auto& r : rows) took_part.insert(r.asn_id);
    out.shares = leader_shares(everyone, took_part);
    for (const auto& [code, n] : out.evaluation.people_by_region) {
      auto region = code.empty() ? std::nullopt : TRY(org::find_region(tx, code));
      out.region_names[code] = region ? region->name : no_region_label;
    }
    return out;
  });
}

}  // namespace harmoni::peduli
