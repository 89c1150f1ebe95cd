#include "office/office_cases.hpp"

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "queue/queue_cases.hpp"
#include "queue/visits_store.hpp"

namespace harmoni::office {

using auth::Permission;

Result<std::vector<ServiceUnit>> service_units(const Env& env, const Actor& actor) {
  const auto& p = actor.user();
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<ServiceUnit>> {
    std::vector<ServiceUnit> out;
    auto scope = p.role == auth::Role::kSystemAdmin ? std::nullopt : p.instansi_id;
    for (const auto& i : TRY(org::list_instansi(tx, scope))) {
      for (const auto& u : TRY(org::list_units(tx, i.id))) {
        if (TRY(desk::list_services(tx, u.id, true)).empty()) continue;
        out.push_back({u.id, u.name, i.name});
      }
    }
    return out;
  });
}

Result<DeskSettings> desk_settings(const Env& env, const org::Unit& unit) {
  return env.db.read([&](db::Tx& tx) -> Result<DeskSettings> {
    desk::Desk d = TRY(desk::load_desk(tx, unit.id));
    queue::QueuePolicy policy = TRY(queue::load_policy(tx, unit.id));
    survey::FormOrder order = TRY(survey::load_form_order(tx, unit.id));
    return DeskSettings{
        .pledge = d.pledge, .published = d.published, .policy = policy, .form_order = order};
  });
}

Status save_desk_settings(const Env& env, const Actor& actor, const org::Unit& unit,
                          const DeskSettings& s) {
  TRY(queue::validate(s.policy));
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    desk::Desk d = TRY(desk::load_desk(tx, unit.id));
    d.pledge = s.pledge;
    d.published = s.published;
    TRY(desk::save_desk(tx, d, now));
    TRY(queue::save_policy(tx, unit.id, s.policy, now));
    TRY(survey::save_form_order(tx, unit.id, s.form_order, now));
    return audit::append(
        tx, actor.audit("desk.settings", "unit", std::to_string(unit.id), unit.instansi_id),
        env.now_ms());
  });
}

Result<DeskOverview> desk_overview(const Env& env, const Actor& actor, const org::Unit& unit) {
  const auto& p = actor.user();
  if (!p.can(Permission::kDeskManage) && !p.can(Permission::kQueueOperate)) {
    return Error::forbidden();
  }
  DeskOverview out;
  out.settings = TRY(desk_settings(env, unit));
  TRY(env.db.read([&](db::Tx& tx) -> Status {
    out.has_kiosk = TRY(desk::load_desk(tx, unit.id)).has_kiosk;
    out.services = TRY(desk::list_services(tx, unit.id, true));
    out.counters = TRY(desk::list_counters(tx, unit.id));
    out.waiting = TRY(queue::queue_view(tx, unit.id, queue::office_day(env))).waiting.size();
    return {};
  }));
  return out;
}

Result<PublicUnitView> public_unit_view(const Env& env, const org::Unit& unit) {
  PublicUnitView out;
  TRY(env.db.read([&](db::Tx& tx) -> Status {
    out.desk = TRY(desk::load_desk(tx, unit.id));
    out.services = TRY(desk::list_services(tx, unit.id, false));
    out.queue = TRY(queue::queue_view(tx, unit.id, queue::office_day(env)));
    return {};
  }));
  // The public page shows nothing rather than fail when the index cannot be read.
  auto index = survey::latest_quarter_index(env, unit.id);
  if (index.ok()) out.index = index.release_value();
  return out;
}

Result<UnitResults> unit_results(const Env& env, const Actor& actor, const org::Unit& unit,
                                 const Date& from, const Date& to) {
  survey::CountsQuery q{.unit_id = unit.id};
  q.period = TRY(survey::plan_period(from, to));
  const std::string f = format_date(from), t = format_date(to);
  UnitResults out;
  out.officers_shown = survey::may_read_officer_table(actor.user(), unit.instansi_id, unit.path);
  // Results per named officer are personal data: the head's view is audited.
  if (out.officers_shown) {
    TRY(env.db.write([&](db::Tx& tx) {
      return audit::append(
          tx, actor.audit("ikm.officers_read", "unit", std::to_string(unit.id), unit.instansi_id),
          env.now_ms());
    }));
  }
  TRY(env.db.read([&](db::Tx& tx) -> Status {
    out.index = survey::compute_index(TRY(survey::load_counts(tx, q)), survey::Weight::kExact);
    out.population = TRY(queue::count_served_visits(tx, {.unit_id = unit.id, .from = f, .to = t}));
    out.times = TRY(queue::time_stats(tx, unit.id, f, t, queue::StatsBy::kServiceAndClass));
    for (const auto& s : TRY(desk::list_services(tx, unit.id, true))) {
      out.service_names[s.id] = s.name;
    }
    if (!out.officers_shown) return {};
    // Everyone with results or served tickets in the period.
    std::map<int64_t, OfficerRow> rows;
    for (const auto& [id, counts] : TRY(survey::load_counts_by_officer(tx, unit.id, q.period))) {
      rows[id].index = survey::compute_index(counts, survey::Weight::kExact);
    }
    for (const auto& st : TRY(queue::time_stats(tx, unit.id, f, t, queue::StatsBy::kOfficer))) {
      rows[st.officer_asn_id].served = st.served;
      rows[st.officer_asn_id].avg_service_ms = st.avg_service_ms;
    }
    for (auto& [id, row] : rows) {
      auto asn = TRY(org::find_asn_by_id(tx, id));
      if (!asn) continue;
      row.officer = *asn;
      out.officers.push_back(std::move(row));
    }
    return {};
  }));
  out.complaints = TRY(complaints::public_statistics(env, unit.instansi_id, unit.id, from, to));
  return out;
}

}  // namespace harmoni::office
