#include "complaints/complaint_cases.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "calendar/calendar_store.hpp"
#include "complaints/tracking_code.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/files/strip_metadata.hpp"
#include "platform/inbox/inbox_store.hpp"
#include "platform/limits/rate_limit_store.hpp"
#include "platform/mail/outbox_store.hpp"
#include "platform/util/utf8.hpp"
#include "queue/visits_store.hpp"

namespace harmoni::complaints {
namespace {

constexpr std::string_view kIdentityPurpose = "complaint.identity";
constexpr std::string_view kTrackingPurpose = "complaint.tracking";
constexpr std::string_view kFilePurpose = "complaint.file";
// A source may send a few reports an hour (a family, an office's shared address) and
// miss a tracking code a few times (typos); far more is a flood or a guessing run.
constexpr limits::RateLimit kSubmitLimit{"complaint.submit", 30, 60 * 60 * 1000};
constexpr limits::RateLimit kTrackMissLimit{"complaint.track_miss", 10, 60 * 60 * 1000};
constexpr size_t kNoteMax = 4000;

// Citizens' acts are audited without their address: it would tie a report to its maker.
Actor as_reporter(const Actor& a) { return Actor{.source = "-", .request_id = a.request_id}; }

// The instansi's rules, its calendar and its today, read inside the step's transaction.
struct Frame {
  Settings settings;
  calendar::WorkingCalendar calendar;
  Date today;
};

Result<Frame> frame_of(db::Tx& tx, int64_t instansi_id, int64_t now_ms) {
  Frame f;
  f.settings = TRY(load_settings(tx, instansi_id));
  f.today = date_in_zone(now_ms, f.settings.time_zone);
  // The longest deadline (60 working days) reaches into the next year.
  f.calendar = TRY(calendar::load_calendar(tx, f.today.year, f.today.year + 1));
  return f;
}

Status check_text(std::string_view field, const std::string& text, size_t min = 1) {
  const size_t n = utf8_length(text);
  if (n < min || n > kNoteMax)
    return Error::field(std::string(field), "complaint.note_length",
                        {{"min", std::to_string(min)}, {"max", std::to_string(kNoteMax)}});
  return {};
}

// Evidence checked by content and size, its metadata removed, sealed for storage.
struct SealedFile {
  std::string content_type;
  int64_t size = 0;
  std::string sealed;
};
Result<SealedFile> prepare_evidence(const Env& env, const std::string& bytes) {
  if (bytes.size() > kMaxEvidenceBytes)
    return Error::field("evidence", "complaint.file_too_large",
                        {{"mb", std::to_string(kMaxEvidenceBytes / (1024 * 1024))}});
  auto kind = sniff_file(bytes);
  if (!kind) return Error::field("evidence", "complaint.file_kind");
  auto clean = strip_metadata(*kind, bytes);
  if (!clean.ok()) return Error::field("evidence", clean.error().key);
  return SealedFile{std::string(content_type(*kind)), static_cast<int64_t>(clean->size()),
                    env.vault.seal(kFilePurpose, *clean, env.random)};
}

std::string identity_json(const Report& r) {
  return nlohmann::json{{"name", r.name}, {"contact", r.contact}}.dump();
}

Result<ReporterIdentity> open_identity(const Env& env, db::Tx& tx, int64_t id) {
  auto sealed = TRY(identity_sealed_of(tx, id));
  if (!sealed) return Error::not_found();
  const std::string plain = TRY(env.vault.open(kIdentityPurpose, *sealed));
  auto j = nlohmann::json::parse(plain, nullptr, false);
  if (!j.is_object()) return Error::internal("sealed identity is not JSON");
  return ReporterIdentity{j.value("name", ""), j.value("contact", "")};
}

// Mail to a reporter who gave an e-mail address: queued in the step's transaction (so it
// exists only if the step commits) and sent by the delivery job; never the report's text.
Status mail_reporter(const Env& env, db::Tx& tx, const Complaint& c, std::string_view subject,
                     std::string_view body) {
  if (c.identity == Identity::kAnonymous) return {};
  auto who = TRY(open_identity(env, tx, c.id));
  if (!is_email(who.contact)) return {};
  return mail::enqueue(tx, env.vault, env.random,
                       {who.contact, std::string(subject),
                        fmt::format("Yth. {},\n\n{}\n\n-- Harmoni", who.name, body)},
                       env.now_ms());
}

// What the reporter is told of each step that concerns them (Indonesian first).
Status tell_reporter(const Env& env, db::Tx& tx, const Complaint& c, Step step) {
  std::string_view what;
  switch (step) {
    case Step::kAskedReporter:
      what =
          "Petugas meminta keterangan tambahan atas laporan Anda. / The handler asks you for "
          "more information.";
      break;
    case Step::kVerified:
      what =
          "Laporan Anda telah diverifikasi dan diteruskan ke unit yang bertanggung jawab. / "
          "Your report was verified and passed to the responsible unit.";
      break;
    case Step::kForwardedInstansi:
    case Step::kForwardedOutside:
      what =
          "Laporan Anda diteruskan ke instansi yang berwenang. / Your report was passed to the "
          "body responsible.";
      break;
    case Step::kAnswered:
      what =
          "Laporan Anda telah dijawab. Mohon konfirmasi atau buka kembali bila belum "
          "selesai. / Your report was answered: please confirm it, or reopen it.";
      break;
    case Step::kLapsed:
    case Step::kNoReply:
      what = "Laporan Anda telah ditutup. / Your report was closed.";
      break;
    default:
      return {};
  }
  return mail_reporter(
      env, tx, c, fmt::format("Perkembangan laporan #{} / Report #{} update", c.id, c.id),
      fmt::format("{}\n\nBuka halaman lacak dengan kode pelacakan Anda untuk melihat rinciannya. / "
                  "Open the tracking page with your tracking code for the details.",
                  what));
}

// Staff are told in their inbox and, where the instansi chose it, by mail that points there
// (never the report's content).
Status notify_all(const Env& env, db::Tx& tx, const std::vector<int64_t>& users,
                  std::string_view key, const Complaint& c) {
  const std::string link = "/complaints/" + std::to_string(c.id);
  const bool mail_staff = !users.empty() && TRY(load_settings(tx, c.instansi_id)).mail_staff;
  for (int64_t user : users) {
    TRY(inbox::notify(tx, user, key, {{"id", std::to_string(c.id)}}, link, env.now_ms()));
    if (!mail_staff) continue;
    auto member = TRY(find_staff_member(tx, user));
    if (!member || !is_email(member->email)) continue;
    TRY(mail::enqueue(
        tx, env.vault, env.random,
        {member->email, fmt::format("Harmoni: laporan #{} / report #{}", c.id, c.id),
         fmt::format("Ada pemberitahuan baru tentang laporan #{} di kotak masuk Harmoni Anda "
                     "({}). / A new notice about report #{} is in your Harmoni inbox.\n\n-- "
                     "Harmoni",
                     c.id, link, c.id)},
        env.now_ms()));
  }
  return {};
}

// The handlers of the report: the one who took it, else every case handler of the instansi.
Result<std::vector<int64_t>> handlers_of(db::Tx& tx, const Complaint& c) {
  if (c.handler_user_id) return std::vector<int64_t>{*c.handler_user_id};
  return users_with_role(tx, c.instansi_id, "case_handler");
}

std::string audit_detail(const Complaint& before, const Complaint& after) {
  nlohmann::json d = {{"from", enum_name(before.status)}, {"to", enum_name(after.status)}};
  if (before.instansi_id != after.instansi_id) d["instansi"] = after.instansi_id;
  if (before.unit_id != after.unit_id && after.unit_id) d["unit"] = *after.unit_id;
  return d.dump();
}

// One step of a report: loaded, checked against the actor's rights, changed by `change`
// (which may refuse), moved through the state machine, stored with its history entry,
// counts and audit entry, and `after` run for notices; all in one transaction.
struct StepSpec {
  Step step;
  bool (*allowed)(const Rights&);
  std::string note;
  std::function<Status(db::Tx&, Complaint&, const Frame&)> change = {};
  std::function<Status(db::Tx&, const Complaint&)> after = {};
};

bool may_handle(const Rights& r) { return r.handle; }
bool may_follow_up(const Rights& r) { return r.follow_up; }

Status staff_step(const Env& env, const Actor& actor, int64_t id, StepSpec spec) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.write([&](db::Tx& tx) -> Status {
    auto found = TRY(find_complaint(tx, id));
    if (!found) return Error::not_found("complaint.unknown");
    const Rights rights = rights_of(actor.user(), *found);
    if (!rights.read) return Error::not_found("complaint.unknown");
    if (!spec.allowed(rights)) return Error::forbidden();
    const Frame frame = TRY(frame_of(tx, found->instansi_id, env.now_ms()));
    Complaint c = *found;
    if (rights.handle && !c.handler_user_id) c.handler_user_id = actor.user().user_id;
    if (spec.change) TRY(spec.change(tx, c, frame));
    TRY(take_step(c, spec.step, frame.today, frame.settings.rules, frame.calendar));
    TRY(update_complaint(tx, *found, c, env.now_seconds()));
    TRY(add_step(tx, c.id,
                 {.at_ms = env.now_ms(),
                  .step = spec.step,
                  .is_public = step_is_public(spec.step),
                  .actor_user_id = actor.user().user_id,
                  .note = spec.note}));
    TRY(tell_reporter(env, tx, c, spec.step));
    if (spec.after) TRY(spec.after(tx, c));
    return audit::append(
        tx,
        actor.audit("complaint." + std::string(enum_name(spec.step)), "complaint",
                    std::to_string(c.id), found->instansi_id, audit_detail(*found, c)),
        env.now_ms());
  });
}

// ---- the reporter's side ----

Result<std::string> tracking_hash_of(const Env& env, std::string_view typed) {
  auto code = normalise_tracking_code(typed);
  if (!code) return Error::field("code", "complaint.code_malformed");
  return env.vault.keyed_hash(kTrackingPurpose, *code);
}

// Finds the report of a code; a miss counts towards the source's limit, and a source over
// it is refused before looking (so guessing learns nothing more).
Result<Complaint> tracked(const Env& env, const Actor& actor, db::Tx& tx, std::string_view typed) {
  TRY(limits::check(tx, env.vault, kTrackMissLimit, actor.source, env.now_ms(),
                    "complaint.track_too_many"));
  const std::string hash = TRY(tracking_hash_of(env, typed));
  auto found = TRY(find_by_tracking_hash(tx, hash));
  if (!found) return Error::not_found("complaint.track_unknown");
  return *found;
}

// A miss is counted in a transaction of its own, as the lookup's answer is "not found".
void count_miss(const Env& env, const Actor& actor) {
  (void)env.db.write([&](db::Tx& tx) {
    return limits::take(tx, env.vault, kTrackMissLimit, actor.source, env.now_ms(),
                        "complaint.track_too_many");
  });
}

// The step follows from the report's status when `step_for` is given one (a reply answers
// the open question, or adds to a report in hand).
using StepFor = Step (*)(const Complaint&);

Status reporter_step(const Env& env, const Actor& actor, std::string_view code, StepFor step_for,
                     const std::string& note, const std::optional<std::string>& evidence,
                     std::optional<int> rating) {
  std::optional<SealedFile> file;
  if (evidence) file = TRY(prepare_evidence(env, *evidence));
  bool missed = false;
  Status done = env.db.write([&](db::Tx& tx) -> Status {
    auto found = tracked(env, actor, tx, code);
    if (!found.ok()) {
      missed = found.error().key == "complaint.track_unknown";
      return found.status();
    }
    const Step step = step_for(*found);
    const Frame frame = TRY(frame_of(tx, found->instansi_id, env.now_ms()));
    Complaint c = *found;
    TRY(take_step(c, step, frame.today, frame.settings.rules, frame.calendar));
    if (rating) c.rating = *rating;
    TRY(update_complaint(tx, *found, c, env.now_seconds()));
    const int64_t step_id = TRY(add_step(tx, c.id,
                                         {.at_ms = env.now_ms(),
                                          .step = step,
                                          .is_public = true,
                                          .by_reporter = true,
                                          .note = note}));
    if (file)
      TRY(add_file(tx, c.id, step_id, file->content_type, file->size, file->sealed, env.now_ms()));
    if (step != Step::kConfirmed && step != Step::kRated) {
      TRY(notify_all(env, tx, TRY(handlers_of(tx, c)),
                     "inbox.complaint_" + std::string(enum_name(step)), c));
    }
    return audit::append(
        tx,
        as_reporter(actor).audit("complaint." + std::string(enum_name(step)), "complaint",
                                 std::to_string(c.id), c.instansi_id, audit_detail(*found, c)),
        env.now_ms());
  });
  if (missed) count_miss(env, actor);
  return done;
}

}  // namespace

// ---- reporting ----

Result<Receipt> submit_report(const Env& env, const Actor& actor, const Submission& s) {
  std::optional<SealedFile> file;
  if (s.evidence) file = TRY(prepare_evidence(env, *s.evidence));
  if (s.neutrality && !s.neutrality->links.empty()) TRY(check_text("links", s.neutrality->links));
  const std::string code = new_tracking_code(env.random);
  const std::string hash = env.vault.keyed_hash(kTrackingPurpose, code);
  std::optional<std::string> sealed;
  if (s.report.identity != Identity::kAnonymous)
    sealed = env.vault.seal(kIdentityPurpose, identity_json(s.report), env.random);
  return env.db.write([&](db::Tx& tx) -> Result<Receipt> {
    // Where it goes: the ticket's visit, else the unit, else the instansi named.
    std::optional<queue::Visit> visit;
    std::optional<org::Unit> unit;
    if (!s.ticket_token.empty()) {
      visit = TRY(queue::find_visit(tx, s.ticket_token));
      if (!visit) return Error::field("ticket", "complaint.ticket_unknown");
      unit = TRY(org::find_unit_by_id(tx, visit->unit_id));
    } else if (s.unit_id) {
      unit = TRY(org::find_unit_by_id(tx, *s.unit_id));
      if (!unit || !unit->active) return Error::field("unit", "complaint.unit_unknown");
    }
    std::optional<org::Instansi> instansi;
    if (unit) {
      instansi = TRY(org::find_instansi(tx, unit->instansi_id));
    } else {
      instansi = TRY(org::find_instansi_by_code(tx, org::upper_code(s.instansi_code)));
    }
    if (!instansi || !instansi->active)
      return Error::field("instansi", "complaint.instansi_unknown");
    const int64_t instansi_id = instansi->id;
    std::optional<int64_t> service_id;
    if (visit) {
      service_id = visit->service_id;
    } else if (unit && !s.service_code.empty()) {
      auto service = TRY(desk::find_service(tx, unit->id, s.service_code));
      if (!service || !service->active) return Error::field("service", "complaint.service_unknown");
      service_id = service->id;
    }
    std::optional<org::Asn> reported;
    if (s.neutrality) {
      reported = TRY(org::find_asn_by_nip(tx, s.neutrality->reported_nip));
      if (reported && reported->instansi_id != instansi_id) reported.reset();
    }
    const Frame frame = TRY(frame_of(tx, instansi_id, env.now_ms()));
    TRY(validate(s.report, frame.today));
    TRY(limits::take(tx, env.vault, kSubmitLimit, actor.source, env.now_ms(),
                     "complaint.too_many"));
    Complaint c =
        new_complaint(frame.settings.rules, frame.calendar, s.report, env.now_ms(), frame.today);
    c.instansi_id = instansi_id;
    c.unit_id = unit ? std::optional(unit->id) : std::nullopt;
    c.service_id = service_id;
    c.ticket_id = visit ? std::optional(visit->ticket_id) : std::nullopt;
    c.officer_asn_id = visit ? visit->officer_asn_id : std::nullopt;
    if (s.neutrality) {
      c.category = Category::kNeutrality;
      c.officer_asn_id = reported ? std::optional(reported->id) : std::nullopt;
    }
    c.id = TRY(insert_complaint(tx, c, hash, sealed, env.now_seconds()));
    const int64_t step_id = TRY(
        add_step(tx, c.id, {.at_ms = env.now_ms(), .step = Step::kSubmitted, .by_reporter = true}));
    if (file)
      TRY(add_file(tx, c.id, step_id, file->content_type, file->size, file->sealed, env.now_ms()));
    if (s.neutrality) {
      TRY(save_neutrality(tx, c.id,
                          {.reported_nip = s.neutrality->reported_nip,
                           .reported_asn_id = c.officer_asn_id,
                           .links = s.neutrality->links}));
    }
    TRY(mail_reporter(
        env, tx, c, fmt::format("Laporan #{} diterima / Report #{} received", c.id, c.id),
        fmt::format("Laporan Anda telah kami terima. Kode pelacakan: {}\nVerifikasi paling lambat "
                    "{}. / Your report was received. Tracking code: {}; verified by {}.",
                    display_tracking_code(code), format_date(c.verify_due),
                    display_tracking_code(code), format_date(c.verify_due))));
    // The audit names the report, never the reporter or the source.
    TRY(audit::append(
        tx,
        as_reporter(actor).audit(
            "complaint.submit", "complaint", std::to_string(c.id), instansi_id,
            nlohmann::json{{"kind", enum_name(c.kind)}, {"identity", enum_name(c.identity)}}
                .dump()),
        env.now_ms()));
    return Receipt{c.id, code, c.verify_due, instansi->name};
  });
}

Result<Choices> report_choices(const Env& env, std::string_view instansi_code,
                               std::optional<int64_t> unit_id, std::string_view ticket_token) {
  return env.db.read([&](db::Tx& tx) -> Result<Choices> {
    Choices ch;
    if (!ticket_token.empty()) {
      auto visit = TRY(queue::find_visit(tx, ticket_token));
      if (!visit) return Error::not_found("complaint.ticket_unknown");
      unit_id = visit->unit_id;
      ch.ticket_label = visit->ticket_label + " · " + visit->service_name;
    }
    if (unit_id) {
      auto unit = TRY(org::find_unit_by_id(tx, *unit_id));
      if (unit && unit->active) {
        ch.chosen_unit = unit;
        ch.chosen_instansi = TRY(org::find_instansi(tx, unit->instansi_id));
      }
    }
    if (!ch.chosen_instansi && !instansi_code.empty())
      ch.chosen_instansi = TRY(org::find_instansi_by_code(tx, org::upper_code(instansi_code)));
    if (ch.chosen_instansi && !ch.chosen_instansi->active) ch.chosen_instansi.reset();
    for (auto& i : TRY(org::list_instansi(tx, std::nullopt)))
      if (i.active) ch.instansi.push_back(std::move(i));
    if (ch.chosen_instansi) {
      for (auto& u : TRY(org::list_units(tx, ch.chosen_instansi->id)))
        if (u.active) ch.units.push_back(std::move(u));
    }
    if (ch.chosen_unit) ch.services = TRY(desk::list_services(tx, ch.chosen_unit->id, false));
    if (ch.chosen_instansi)
      ch.verify_days = TRY(load_settings(tx, ch.chosen_instansi->id)).rules.verify_days;
    return ch;
  });
}

Result<Tracked> track_report(const Env& env, const Actor& actor, std::string_view code) {
  bool missed = false;
  auto out = env.db.read([&](db::Tx& tx) -> Result<Tracked> {
    auto found = tracked(env, actor, tx, code);
    if (!found.ok()) {
      missed = found.error().key == "complaint.track_unknown";
      return found.release_error();
    }
    Tracked t{.complaint = *found};
    auto instansi = TRY(org::find_instansi(tx, found->instansi_id));
    t.instansi_name = instansi ? instansi->name : "";
    for (StepRecord& s : TRY(steps_of(tx, found->id))) {
      if (!s.is_public) continue;
      if (s.step == Step::kAskedReporter) t.question = s.note;
      t.steps.push_back({s.at_ms, s.step, s.by_reporter, std::move(s.note)});
    }
    const Settings settings = TRY(load_settings(tx, found->instansi_id));
    const State st = found->status;
    t.can_reply = st == State::kWaitingReporter || st == State::kReceived ||
                  st == State::kDisposed || st == State::kDrafted;
    t.can_respond = st == State::kAnswered;
    t.can_rate = !found->rating && (st == State::kAnswered || st == State::kClosed);
    t.reopens_left = std::max(0, settings.rules.reopen_limit - found->reopen_count);
    if (st != State::kWaitingReporter) t.question.clear();
    return t;
  });
  if (missed) count_miss(env, actor);
  return out;
}

Status reporter_reply(const Env& env, const Actor& actor, std::string_view code,
                      const std::string& text, const std::optional<std::string>& evidence) {
  TRY(check_text("text", text));
  return reporter_step(
      env, actor, code,
      [](const Complaint& c) {
        return c.status == State::kWaitingReporter ? Step::kReporterReplied : Step::kReporterAdded;
      },
      text, evidence, std::nullopt);
}

Status reporter_confirm(const Env& env, const Actor& actor, std::string_view code) {
  return reporter_step(
      env, actor, code, [](const Complaint&) { return Step::kConfirmed; }, "", std::nullopt,
      std::nullopt);
}

Status reporter_reopen(const Env& env, const Actor& actor, std::string_view code,
                       const std::string& reason) {
  TRY(check_text("reason", reason, 10));
  return reporter_step(
      env, actor, code, [](const Complaint&) { return Step::kReopened; }, reason, std::nullopt,
      std::nullopt);
}

Status reporter_rate(const Env& env, const Actor& actor, std::string_view code, int rating) {
  if (rating < 1 || rating > 4) return Error::field("rating", "complaint.rating_range");
  return reporter_step(
      env, actor, code, [](const Complaint&) { return Step::kRated; }, "", std::nullopt, rating);
}

// ---- staff: reading ----

namespace {

// The reports a staff member's lists and exports hold: their instansi, narrowed by role as
// rights_of() rules (each row is checked again against it).
Result<ListQuery> viewer_query(const Actor& actor) {
  if (!actor.signed_in()) return Error::unauthorized();
  const auth::Principal& p = actor.user();
  ListQuery q{
      .instansi_id = actor.user_instansi(), .not_about_asn = p.asn_id, .mine_user_id = p.user_id};
  switch (p.role) {
    case auth::Role::kCaseHandler:
      break;
    case auth::Role::kInstansiAdmin:
    case auth::Role::kAuditor:
      q.neutrality = false;
      break;
    case auth::Role::kUnitHead:
      q.unit_path = p.unit_path;
      q.neutrality = false;
      break;
    case auth::Role::kOfficer:
      q.assignee_user_id = p.user_id;
      break;
    default:
      return Error::forbidden();
  }
  return q;
}

}  // namespace

Result<Page> staff_list(const Env& env, const Actor& actor, const ListRequest& r) {
  ListQuery q = TRY(viewer_query(actor));
  const auth::Principal& p = actor.user();
  q.kind = r.kind;
  q.status = r.status;
  q.limit = r.limit + 1;
  q.after_id = r.after_id;
  return env.db.read([&](db::Tx& tx) -> Result<Page> {
    const Frame frame = TRY(frame_of(tx, q.instansi_id, env.now_ms()));
    q.today = frame.today;
    q.soon = frame.calendar.add_working_days(frame.today, 2);
    Page page;
    for (Complaint& c : TRY(list_complaints(tx, q))) {
      if (!rights_of(p, c).read) continue;
      if (static_cast<int>(page.items.size()) == r.limit) {
        page.next_after = page.items.back().id;
        break;
      }
      page.items.push_back(std::move(c));
    }
    if (r.kind == ListKind::kDueSoon || r.kind == ListKind::kOverdue) {
      std::stable_sort(
          page.items.begin(), page.items.end(),
          [](const Complaint& a, const Complaint& b) { return a.staff_due < b.staff_due; });
    }
    return page;
  });
}

Result<StaffOptions> staff_options(const Env& env, const Actor& actor, const Complaint& c) {
  if (!actor.signed_in()) return Error::unauthorized();
  const Rights rights = rights_of(actor.user(), c);
  return env.db.read([&](db::Tx& tx) -> Result<StaffOptions> {
    StaffOptions o;
    if (rights.handle) {
      for (auto& u : TRY(org::list_units(tx, c.instansi_id)))
        if (u.active) o.units.push_back(std::move(u));
      for (auto& i : TRY(org::list_instansi(tx, std::nullopt)))
        if (i.active && i.id != c.instansi_id) o.other_instansi.push_back(std::move(i));
    }
    if (rights.follow_up && actor.user().role == auth::Role::kUnitHead && !c.unit_path.empty()) {
      for (auto& m : TRY(staff_of_subtree(tx, c.instansi_id, c.unit_path)))
        if (!(c.officer_asn_id && m.asn_id == c.officer_asn_id))
          o.assignees.push_back(std::move(m));
    }
    return o;
  });
}

Result<StaffView> open_complaint(const Env& env, const Actor& actor, int64_t id) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.write([&](db::Tx& tx) -> Result<StaffView> {
    auto found = TRY(find_complaint(tx, id));
    if (!found) return Error::not_found("complaint.unknown");
    StaffView v{.complaint = *found, .rights = rights_of(actor.user(), *found)};
    if (!v.rights.read) return Error::not_found("complaint.unknown");
    auto instansi = TRY(org::find_instansi(tx, found->instansi_id));
    v.instansi_name = instansi ? instansi->name : "";
    v.steps = TRY(steps_of(tx, id));
    v.files = TRY(files_of(tx, id));
    if (may_see_identity(actor.user(), *found)) v.identity = TRY(open_identity(env, tx, id));
    v.may_reveal = may_reveal_identity(actor.user(), *found);
    if (found->category == Category::kNeutrality) v.neutrality = TRY(find_neutrality(tx, id));
    if (v.rights.handle && found->officer_asn_id) {
      auto officer = TRY(org::find_asn_by_id(tx, *found->officer_asn_id));
      if (officer) v.officer_name = officer->name + " (" + officer->nip + ")";
    }
    TRY(audit::append(tx,
                      actor.audit(v.identity ? "complaint.read_identified" : "complaint.read",
                                  "complaint", std::to_string(id), found->instansi_id),
                      env.now_ms()));
    return v;
  });
}

Result<ReporterIdentity> reveal_identity(const Env& env, const Actor& actor, int64_t id,
                                         const std::string& reason) {
  if (!actor.signed_in()) return Error::unauthorized();
  TRY(check_text("reason", reason, 10));
  return env.db.write([&](db::Tx& tx) -> Result<ReporterIdentity> {
    auto found = TRY(find_complaint(tx, id));
    if (!found || !rights_of(actor.user(), *found).read)
      return Error::not_found("complaint.unknown");
    if (!may_reveal_identity(actor.user(), *found))
      return Error::forbidden("complaint.reveal_not_allowed");
    ReporterIdentity who = TRY(open_identity(env, tx, id));
    TRY(audit::append(tx,
                      actor.audit("complaint.reveal_identity", "complaint", std::to_string(id),
                                  found->instansi_id, nlohmann::json{{"reason", reason}}.dump()),
                      env.now_ms()));
    return who;
  });
}

Result<std::pair<std::string, std::string>> evidence_file(const Env& env, const Actor& actor,
                                                          int64_t id, int64_t file_id) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.write([&](db::Tx& tx) -> Result<std::pair<std::string, std::string>> {
    auto found = TRY(find_complaint(tx, id));
    if (!found || !rights_of(actor.user(), *found).read)
      return Error::not_found("complaint.unknown");
    auto data = TRY(file_data(tx, id, file_id));
    if (!data) return Error::not_found();
    std::string bytes = TRY(env.vault.open(kFilePurpose, data->second));
    TRY(audit::append(tx,
                      actor.audit("complaint.file_read", "complaint", std::to_string(id),
                                  found->instansi_id, nlohmann::json{{"file", file_id}}.dump()),
                      env.now_ms()));
    return std::pair(data->first, std::move(bytes));
  });
}

Result<ListQuery> start_complaint_export(const Env& env, const Actor& actor, int year) {
  ListQuery q = TRY(viewer_query(actor));
  q.received_from = Date{year, 1, 1};
  q.received_to = Date{year, 12, 31};
  TRY(env.db.write([&](db::Tx& tx) {
    return audit::append(
        tx,
        actor.audit("complaint.export", "instansi", std::to_string(actor.user_instansi()),
                    actor.user_instansi(), nlohmann::json{{"year", year}}.dump()),
        env.now_ms());
  }));
  return q;
}

// ---- staff: steps ----

Status may_take_step(const Env& env, const Actor& actor, int64_t id, Need need) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.read([&](db::Tx& tx) -> Status {
    auto found = TRY(find_complaint(tx, id));
    if (!found) return Error::not_found("complaint.unknown");
    const Rights rights = rights_of(actor.user(), *found);
    if (!rights.read) return Error::not_found("complaint.unknown");
    if (!(need == Need::kHandle ? rights.handle : rights.follow_up)) return Error::forbidden();
    return {};
  });
}

Status verify(const Env& env, const Actor& actor, int64_t id, const Verification& v) {
  TRY(check_text("note", v.note, 0));
  return staff_step(
      env, actor, id,
      {.step = Step::kVerified,
       .allowed = may_handle,
       .note = v.note,
       .change = [&](db::Tx& tx, Complaint& c, const Frame&) -> Status {
         auto unit = TRY(org::find_unit_by_id(tx, v.unit_id));
         if (!unit || unit->instansi_id != c.instansi_id || !unit->active)
           return Error::field("unit", "complaint.unit_unknown");
         if (c.category == Category::kNeutrality && v.category != Category::kNeutrality)
           return Error::field("category", "complaint.neutrality_stays");
         c.unit_id = unit->id;
         c.unit_path = unit->path;
         c.category = v.category;
         c.grade = v.grade;
         if (!v.service_code.empty()) {
           auto service = TRY(desk::find_service(tx, unit->id, v.service_code));
           if (!service) return Error::field("service", "complaint.service_unknown");
           c.service_id = service->id;
         }
         if (!v.officer_nip.empty()) {
           auto officer = TRY(org::find_asn_by_nip(tx, v.officer_nip));
           if (!officer || officer->instansi_id != c.instansi_id)
             return Error::field("officer", "complaint.officer_unknown");
           c.officer_asn_id = officer->id;
         }
         return {};
       },
       .after = [&](db::Tx& tx, const Complaint& c) -> Status {
         return notify_all(env, tx, TRY(unit_heads_of(tx, *c.unit_id)), "inbox.complaint_disposed",
                           c);
       }});
}

Status ask_reporter(const Env& env, const Actor& actor, int64_t id, const std::string& question) {
  TRY(check_text("question", question, 10));
  return staff_step(env, actor, id,
                    {.step = Step::kAskedReporter, .allowed = may_handle, .note = question});
}

Status forward_to_instansi(const Env& env, const Actor& actor, int64_t id,
                           std::string_view instansi_code, const std::string& note) {
  TRY(check_text("note", note, 0));
  return staff_step(
      env, actor, id,
      {.step = Step::kForwardedInstansi,
       .allowed = may_handle,
       .note = note,
       .change = [&](db::Tx& tx, Complaint& c, const Frame&) -> Status {
         auto target = TRY(org::find_instansi_by_code(tx, org::upper_code(instansi_code)));
         if (!target || !target->active || target->id == c.instansi_id)
           return Error::field("instansi", "complaint.instansi_unknown");
         const int64_t instansi_id = target->id;
         // The new owner starts afresh: its handlers verify and route it.
         c.forwarded_from = c.instansi_id;
         c.instansi_id = instansi_id;
         c.unit_id.reset();
         c.unit_path.clear();
         c.service_id.reset();
         c.ticket_id.reset();
         c.officer_asn_id.reset();
         c.handler_user_id.reset();
         c.assignee_user_id.reset();
         c.category.reset();
         c.grade.reset();
         return {};
       },
       .after = [&](db::Tx& tx, const Complaint& c) -> Status {
         return notify_all(env, tx, TRY(users_with_role(tx, c.instansi_id, "case_handler")),
                           "inbox.complaint_forwarded_in", c);
       }});
}

Status forward_outside(const Env& env, const Actor& actor, int64_t id, const std::string& body,
                       const std::string& reference) {
  TRY(check_text("body", body, 3));
  if (utf8_length(reference) > 200) return Error::field("reference", "complaint.reference_long");
  return staff_step(env, actor, id,
                    {.step = Step::kForwardedOutside,
                     .allowed = may_handle,
                     .note = body,
                     .change = [&](db::Tx&, Complaint& c, const Frame&) -> Status {
                       c.outside_body = body;
                       c.outside_ref = reference;
                       return {};
                     }});
}

Status merge_into(const Env& env, const Actor& actor, int64_t id, int64_t other_id) {
  return staff_step(env, actor, id,
                    {.step = Step::kMerged,
                     .allowed = may_handle,
                     .change = [&](db::Tx& tx, Complaint& c, const Frame&) -> Status {
                       auto other = TRY(find_complaint(tx, other_id));
                       if (!other || other->id == c.id || other->instansi_id != c.instansi_id ||
                           other->status == State::kMerged)
                         return Error::field("into", "complaint.merge_target");
                       c.merged_into = other->id;
                       return {};
                     }});
}

Status assign_officer(const Env& env, const Actor& actor, int64_t id, int64_t user_id) {
  return staff_step(
      env, actor, id,
      {.step = Step::kAssigned,
       .allowed = may_follow_up,
       .change = [&](db::Tx& tx, Complaint& c, const Frame&) -> Status {
         // Heads give the follow-up to someone of the report's unit subtree, never to
         // the officer it is about; an assigned officer does not pass it on.
         if (actor.user().role != auth::Role::kUnitHead) return Error::forbidden();
         auto member = TRY(find_staff_member(tx, user_id));
         if (!member || member->instansi_id != c.instansi_id || member->unit_path.empty() ||
             !member->unit_path.starts_with(c.unit_path) ||
             (c.officer_asn_id && member->asn_id == c.officer_asn_id))
           return Error::field("officer", "complaint.assignee_invalid");
         c.assignee_user_id = member->user_id;
         return {};
       },
       .after = [&](db::Tx& tx, const Complaint& c) -> Status {
         return notify_all(env, tx, {*c.assignee_user_id}, "inbox.complaint_assigned", c);
       }});
}

Status save_draft(const Env& env, const Actor& actor, int64_t id, const std::string& text) {
  TRY(check_text("draft", text, 10));
  return staff_step(env, actor, id,
                    {.step = Step::kDrafted,
                     .allowed = may_follow_up,
                     .change = [&](db::Tx&, Complaint& c, const Frame&) -> Status {
                       c.draft = text;
                       return {};
                     },
                     .after = [&](db::Tx& tx, const Complaint& c) -> Status {
                       return notify_all(env, tx, TRY(handlers_of(tx, c)),
                                         "inbox.complaint_drafted", c);
                     }});
}

Status return_draft(const Env& env, const Actor& actor, int64_t id, const std::string& note) {
  TRY(check_text("note", note, 10));
  return staff_step(env, actor, id,
                    {.step = Step::kDraftReturned,
                     .allowed = may_handle,
                     .note = note,
                     .after = [&](db::Tx& tx, const Complaint& c) -> Status {
                       std::vector<int64_t> to = TRY(unit_heads_of(tx, *c.unit_id));
                       if (c.assignee_user_id) to.push_back(*c.assignee_user_id);
                       return notify_all(env, tx, to, "inbox.complaint_draft_returned", c);
                     }});
}

Status answer_report(const Env& env, const Actor& actor, int64_t id, const std::string& text) {
  TRY(check_text("answer", text, 10));
  return staff_step(env, actor, id,
                    {.step = Step::kAnswered,
                     .allowed = may_handle,
                     .note = text,
                     .change = [&](db::Tx&, Complaint& c, const Frame&) -> Status {
                       c.answer = text;
                       return {};
                     }});
}

Status save_neutrality_details(const Env& env, const Actor& actor, int64_t id,
                               const Neutrality& n) {
  if (!actor.signed_in()) return Error::unauthorized();
  if (n.recommended_sanction && std::find(std::begin(kSanctions), std::end(kSanctions),
                                          *n.recommended_sanction) == std::end(kSanctions))
    return Error::field("recommended_sanction", "complaint.sanction_unknown");
  if (n.violation_class && *n.violation_class != "ethics" && *n.violation_class != "discipline")
    return Error::field("violation_class", "complaint.violation_unknown");
  return env.db.write([&](db::Tx& tx) -> Status {
    auto found = TRY(find_complaint(tx, id));
    if (!found || !rights_of(actor.user(), *found).read)
      return Error::not_found("complaint.unknown");
    if (found->category != Category::kNeutrality) return Error::not_found("complaint.unknown");
    if (!rights_of(actor.user(), *found).handle) return Error::forbidden();
    auto before = TRY(find_neutrality(tx, id)).value_or(Neutrality{});
    Neutrality next = n;
    next.reported_nip = before.reported_nip;
    next.reported_asn_id = before.reported_asn_id;
    next.links = before.links;
    TRY(save_neutrality(tx, id, next));
    return audit::append(
        tx,
        actor.audit("complaint.neutrality", "complaint", std::to_string(id), found->instansi_id,
                    nlohmann::json{{"enforcement", next.enforcement}}.dump()),
        env.now_ms());
  });
}

// ---- settings ----

Result<Settings> settings_of(const Env& env, const Actor& actor) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.read([&](db::Tx& tx) { return load_settings(tx, actor.user_instansi()); });
}

namespace {

Status require_instansi_admin(const Actor& actor) {
  if (!actor.signed_in() || actor.user().role != auth::Role::kInstansiAdmin)
    return Error::forbidden();
  return {};
}

}  // namespace

Result<Settings> settings_to_edit(const Env& env, const Actor& actor) {
  TRY(require_instansi_admin(actor));
  return settings_of(env, actor);
}

Status save_complaint_settings(const Env& env, const Actor& actor, const Settings& s) {
  TRY(require_instansi_admin(actor));
  TRY(validate(s.rules));
  return env.db.write([&](db::Tx& tx) -> Status {
    if (s.coordinator_user_id) {
      auto member = TRY(find_staff_member(tx, *s.coordinator_user_id));
      if (!member || member->instansi_id != actor.user_instansi())
        return Error::field("coordinator", "complaint.coordinator_unknown");
    }
    TRY(save_settings(tx, actor.user_instansi(), s, env.now_seconds()));
    return audit::append(tx,
                         actor.audit("complaint.settings", "instansi",
                                     std::to_string(actor.user_instansi()), actor.user_instansi()),
                         env.now_ms());
  });
}

Result<std::vector<StaffMember>> coordinator_choices(const Env& env, const Actor& actor) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<StaffMember>> {
    std::vector<StaffMember> out;
    for (const char* role : {"case_handler", "instansi_admin"}) {
      for (int64_t id : TRY(users_with_role(tx, actor.user_instansi(), role))) {
        if (auto m = TRY(find_staff_member(tx, id))) out.push_back(std::move(*m));
      }
    }
    return out;
  });
}

// ---- jobs ----

namespace {

constexpr int kSweepBatch = 200;

// The step the system takes on a report now, if one is still due when it is read again
// in the step's transaction (a person may have acted since the candidates were listed).
using DueStep = std::optional<Step> (*)(const Complaint&, const Frame&);

std::optional<Step> reporter_time_out(const Complaint& c, const Frame& f) {
  if (!c.reporter_due || *c.reporter_due >= f.today) return std::nullopt;
  if (c.status == State::kWaitingReporter) return Step::kNoReply;
  if (c.status == State::kAnswered) return Step::kLapsed;
  return std::nullopt;
}

std::optional<Step> staff_time_out(const Complaint& c, const Frame& f) {
  if (!c.staff_due || *c.staff_due >= f.today || c.escalated_due == c.staff_due)
    return std::nullopt;
  return Step::kEscalated;
}

// Takes the due step on one report in its own transaction; whether one was taken.
Result<bool> system_step(const Env& env, int64_t id, DueStep due) {
  const Actor system{.source = "job"};
  return env.db.write([&](db::Tx& tx) -> Result<bool> {
    auto found = TRY(find_complaint(tx, id));
    if (!found) return false;
    const Frame frame = TRY(frame_of(tx, found->instansi_id, env.now_ms()));
    const auto step = due(*found, frame);
    if (!step) return false;
    Complaint c = *found;
    TRY(take_step(c, *step, frame.today, frame.settings.rules, frame.calendar));
    TRY(update_complaint(tx, *found, c, env.now_seconds()));
    TRY(add_step(tx, c.id,
                 {.at_ms = env.now_ms(), .step = *step, .is_public = step_is_public(*step)}));
    if (*step == Step::kEscalated) {
      std::vector<int64_t> to;
      if (frame.settings.coordinator_user_id) {
        to.push_back(*frame.settings.coordinator_user_id);
      } else {
        to = TRY(users_with_role(tx, c.instansi_id, "instansi_admin"));
      }
      TRY(notify_all(env, tx, to, "inbox.complaint_overdue", c));
    } else {
      TRY(tell_reporter(env, tx, c, *step));
    }
    TRY(audit::append(tx,
                      system.audit("complaint." + std::string(enum_name(*step)), "complaint",
                                   std::to_string(c.id), c.instansi_id, audit_detail(*found, c)),
                      env.now_ms()));
    return true;
  });
}

// Takes the due step on every report `candidates` lists, batch after batch; how many.
using Candidates = Result<std::vector<Complaint>> (*)(db::Tx&, const Date&, int);

Result<int> sweep(const Env& env, const Date& before, Candidates candidates, DueStep due) {
  int total = 0;
  for (;;) {
    const auto batch =
        TRY(env.db.read([&](db::Tx& tx) { return candidates(tx, before, kSweepBatch); }));
    int done = 0;
    for (const Complaint& c : batch) done += TRY(system_step(env, c.id, due)) ? 1 : 0;
    total += done;
    if (static_cast<int>(batch.size()) < kSweepBatch || done == 0) return total;
  }
}

}  // namespace

Result<DeadlineRun> run_deadlines(const Env& env) {
  // Whole days pass in every time zone by the latest (WIT) one: candidates are listed up to
  // its day, and each report is judged by its own instansi's today.
  const Date before = add_days(date_in_zone(env.now_ms(), TimeZone::kWit), 1);
  DeadlineRun run;
  run.closed = TRY(sweep(env, before, reporter_time_passed, reporter_time_out));
  run.escalated = TRY(sweep(env, before, overdue_unescalated, staff_time_out));
  return run;
}

// ---- statistics ----

namespace {

// The median of a histogram of whole days (`total` values in it).
std::optional<double> median_days(const std::map<int, int64_t>& histogram, int64_t total) {
  if (total == 0) return std::nullopt;
  // The values at the two middle places (the same one for an odd total), 0-based.
  const int64_t lower_at = (total - 1) / 2, upper_at = total / 2;
  std::optional<int> lower, upper;
  int64_t seen = 0;
  for (const auto& [days, n] : histogram) {
    seen += n;
    if (!lower && seen > lower_at) lower = days;
    if (!upper && seen > upper_at) upper = days;
    if (upper) break;
  }
  if (!lower || !upper) return std::nullopt;
  return (*lower + *upper) / 2.0;
}

}  // namespace

Result<Statistics> public_statistics(const Env& env, int64_t instansi_id,
                                     std::optional<int64_t> unit_id, const Date& from,
                                     const Date& to) {
  return env.db.read([&](db::Tx& tx) -> Result<Statistics> {
    auto instansi = TRY(org::find_instansi(tx, instansi_id));
    if (!instansi || !instansi->active) return Error::not_found("complaint.instansi_unknown");
    Statistics st{.instansi_name = instansi->name};
    if (unit_id) {
      auto unit = TRY(org::find_unit_by_id(tx, *unit_id));
      if (!unit || unit->instansi_id != instansi_id) return Error::not_found();
      st.unit_name = unit->name;
    }
    const Settings settings = TRY(load_settings(tx, instansi_id));
    st.min_cell = settings.rules.min_cell;
    std::map<int, int64_t> first, answer;
    int64_t first_n = 0, answer_n = 0, within_yes = 0, rating_sum = 0;
    for (const CountRow& r :
         TRY(sum_counts(tx, instansi_id, unit_id, format_month(from), format_month(to)))) {
      if (r.dimension == "kind") {
        st.by_kind.emplace_back(r.value, r.n);
        st.total += r.n;
      } else if (r.dimension == "category") {
        st.by_category.emplace_back(r.value, r.n);
      } else if (r.dimension == "status") {
        st.by_status.emplace_back(r.value, r.n);
      } else if (r.dimension == "within") {
        st.answered += r.n;
        if (r.value == "yes") within_yes += r.n;
      } else if (r.dimension == "rating") {
        st.rated += r.n;
        rating_sum += r.n * std::stoi(r.value);
      } else if (r.dimension == "first_response_days") {
        first[std::stoi(r.value)] += r.n;
        first_n += r.n;
      } else if (r.dimension == "answer_days") {
        answer[std::stoi(r.value)] += r.n;
        answer_n += r.n;
      }
    }
    // Small groups could point at a person: their counts are withheld (-1), and a measure
    // over fewer reports than the minimum is not given.
    const int64_t min = st.min_cell;
    for (auto* group : {&st.by_kind, &st.by_category, &st.by_status}) {
      for (auto& [value, n] : *group)
        if (n < min) n = -1;
    }
    if (first_n >= min) st.median_first_response_days = median_days(first, first_n);
    if (answer_n >= min) st.median_answer_days = median_days(answer, answer_n);
    if (st.answered >= min) st.within_share = static_cast<double>(within_yes) / st.answered;
    if (st.rated >= min) st.mean_rating = static_cast<double>(rating_sum) / st.rated;
    if (st.total < min) st.total = -1;
    return st;
  });
}

}  // namespace harmoni::complaints
