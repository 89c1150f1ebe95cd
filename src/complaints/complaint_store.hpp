// Storage of reports, their history, evidence, settings and counts. Functions take a
// transaction so a step, its counts, its notifications and its audit entry commit
// together. SQL stays in this file's .cpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "complaints/complaint.hpp"
#include "platform/db/database.hpp"

namespace harmoni::complaints {

struct Settings {
  Rules rules;
  TimeZone time_zone = TimeZone::kWib;
  std::optional<int64_t> coordinator_user_id;
  bool mail_staff = false;  // staff notices also by mail (reporters are mailed regardless)
};
// The instansi's settings; the defaults when it never saved any.
Result<Settings> load_settings(db::Tx& tx, int64_t instansi_id);
Status save_settings(db::Tx& tx, int64_t instansi_id, const Settings& s, int64_t now);

// A new report with its sealed identity (none when anonymous) and the keyed hash of its
// tracking code; its counts are added. Returns the id.
Result<int64_t> insert_complaint(db::Tx& tx, const Complaint& c, std::string_view tracking_hash,
                                 const std::optional<std::string>& identity_sealed, int64_t now);
// Writes what a step changed, moving the counts from `before` to `after`.
Status update_complaint(db::Tx& tx, const Complaint& before, const Complaint& after, int64_t now);
Result<std::optional<Complaint>> find_complaint(db::Tx& tx, int64_t id);
Result<std::optional<Complaint>> find_by_tracking_hash(db::Tx& tx, std::string_view hash);
Result<std::optional<std::string>> identity_sealed_of(db::Tx& tx, int64_t id);

struct StepRecord {
  int64_t id = 0;
  int64_t at_ms = 0;
  Step step = Step::kSubmitted;
  bool is_public = true;
  bool by_reporter = false;
  std::optional<int64_t> actor_user_id;
  std::string note;
  std::string actor_name;  // joined when read, for staff
};
Result<int64_t> add_step(db::Tx& tx, int64_t complaint_id, const StepRecord& s);
Result<std::vector<StepRecord>> steps_of(db::Tx& tx, int64_t complaint_id);

struct StoredFile {
  int64_t id = 0;
  std::optional<int64_t> step_id;
  std::string content_type;
  int64_t size = 0;
  int64_t at_ms = 0;
};
// `sealed` is the file's bytes (metadata already removed) sealed in the vault.
Result<int64_t> add_file(db::Tx& tx, int64_t complaint_id, std::optional<int64_t> step_id,
                         std::string_view content_type, int64_t size, std::string_view sealed,
                         int64_t now_ms);
Result<std::vector<StoredFile>> files_of(db::Tx& tx, int64_t complaint_id);
// The content type and sealed bytes of one file of that report.
Result<std::optional<std::pair<std::string, std::string>>> file_data(db::Tx& tx,
                                                                     int64_t complaint_id,
                                                                     int64_t file_id);

// A page of a staff list. Which reports the viewer may see is part of the query (and
// checked again by the caller on each row).
enum class ListKind { kAll, kVerify, kDueSoon, kOverdue, kMine };
inline constexpr EnumName<ListKind> kListKindNames[] = {{ListKind::kAll, "all"},
                                                        {ListKind::kVerify, "verify"},
                                                        {ListKind::kDueSoon, "due_soon"},
                                                        {ListKind::kOverdue, "overdue"},
                                                        {ListKind::kMine, "mine"}};
constexpr std::span<const EnumName<ListKind>> enum_names(ListKind) { return kListKindNames; }

struct ListQuery {
  int64_t instansi_id = 0;
  ListKind kind = ListKind::kAll;
  Date today;
  Date soon;  // due-soon lists reach to this day
  // Narrowing by who looks: a unit subtree (unit heads), reports assigned to a user
  // (officers), neutrality reports only or none of them, never those about this ASN.
  std::string unit_path;
  std::optional<int64_t> assignee_user_id;
  std::optional<bool> neutrality;
  std::optional<int64_t> not_about_asn;
  std::optional<int64_t> mine_user_id;  // kMine: handled, assigned or drafted by
  std::optional<State> status;
  int limit = 50;
  std::optional<int64_t> after_id;  // the page after this report (the list's order is by id)
  std::optional<Date> received_from, received_to;
};
Result<std::vector<Complaint>> list_complaints(db::Tx& tx, const ListQuery& q);
// Every report the query selects, oldest first, without a limit (exports); `each` returns
// false to stop.
Status each_complaint(db::Tx& tx, const ListQuery& q,
                      const std::function<bool(const Complaint&)>& each);

// Reports whose reporter's time ran out before `today` (a question unanswered, an answer
// neither confirmed nor reopened), and reports overdue with staff whose coordinator was not
// told of that deadline yet.
Result<std::vector<Complaint>> reporter_time_passed(db::Tx& tx, const Date& today, int limit);
Result<std::vector<Complaint>> overdue_unescalated(db::Tx& tx, const Date& today, int limit);

// Counts summed over [from_month, to_month] ('YYYY-MM') of an instansi, one unit or all.
struct CountRow {
  std::string dimension;
  std::string value;
  int64_t n = 0;
};
Result<std::vector<CountRow>> sum_counts(db::Tx& tx, int64_t instansi_id,
                                         std::optional<int64_t> unit_id,
                                         const std::string& from_month,
                                         const std::string& to_month);

// Neutrality report details.
struct Neutrality {
  std::string reported_nip;
  std::optional<int64_t> reported_asn_id;
  std::string links;
  std::optional<std::string> violation_class;  // "ethics" | "discipline"
  std::optional<std::string> violation_type;
  std::optional<std::string> recommended_sanction;
  std::string decision;
  std::string decision_ref;
  std::optional<Date> decided_on;
  std::string enforcement = "none";  // none | in_progress | done
  std::string enforcement_note;
};
Status save_neutrality(db::Tx& tx, int64_t complaint_id, const Neutrality& n);
Result<std::optional<Neutrality>> find_neutrality(db::Tx& tx, int64_t complaint_id);

// The active users of the instansi with this role (who is told of new work), and the
// heads nearest above a unit (its own, else its parent's, ...).
Result<std::vector<int64_t>> users_with_role(db::Tx& tx, int64_t instansi_id,
                                             std::string_view role);
Result<std::vector<int64_t>> unit_heads_of(db::Tx& tx, int64_t unit_id);

// A staff member a report may be given to.
struct StaffMember {
  int64_t user_id = 0;
  std::optional<int64_t> instansi_id;
  std::string role;
  std::string unit_path;
  std::optional<int64_t> asn_id;
  std::string display_name;
  std::string email;
};
Result<std::optional<StaffMember>> find_staff_member(db::Tx& tx, int64_t user_id);
// The officers (and heads) of a unit subtree, by name: whom a head may assign.
Result<std::vector<StaffMember>> staff_of_subtree(db::Tx& tx, int64_t instansi_id,
                                                  const std::string& unit_path);

}  // namespace harmoni::complaints
