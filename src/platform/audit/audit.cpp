#include "platform/audit/audit.hpp"

#include <fmt/format.h>

#include "platform/auth/password.hpp"

namespace harmoni::audit {
namespace {

std::string chain_hash(const std::string& prev_hash, int64_t seq, int64_t at_ms,
                       const std::optional<int64_t>& actor_user_id, const std::string& actor,
                       const std::optional<int64_t>& instansi_id, const std::string& action,
                       const std::string& object_type, const std::string& object_id,
                       const std::string& source, const std::string& request_id,
                       const std::string& detail) {
  auto opt = [](const std::optional<int64_t>& v) {
    return v ? std::to_string(*v) : std::string("-");
  };
  // Fields separated by the ASCII unit separator so no field can imitate another.
  std::string canonical =
      fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", prev_hash,
                  seq, at_ms, opt(actor_user_id), actor, opt(instansi_id), action, object_type,
                  object_id, source, request_id, detail);
  return auth::sha256_hex(canonical);
}

}  // namespace

Status append(db::Tx& tx, const Entry& e, int64_t at_ms) {
  // Taking the head row first serialises appenders (a row lock in PostgreSQL).
  auto head =
      TRY(tx.query_one("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"));
  if (!head) return Error::internal("audit_head row missing");
  int64_t seq = head->i64(0);
  std::string prev = head->text(1);
  std::string hash = chain_hash(prev, seq, at_ms, e.actor_user_id, e.actor, e.instansi_id, e.action,
                                e.object_type, e.object_id, e.source, e.request_id, e.detail);
  TRY(tx.exec(
      "INSERT INTO audit_log (seq, at_ms, actor_user_id, actor, instansi_id, action, object_type, "
      "object_id, source, request_id, detail, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {seq, at_ms, e.actor_user_id, e.actor, e.instansi_id, e.action, e.object_type, e.object_id,
       e.source, e.request_id, e.detail, prev, hash}));
  TRY(tx.exec("UPDATE audit_head SET hash = ? WHERE id = 1", {hash}));
  return {};
}

Result<VerifyReport> verify(db::Database& db) {
  return db.read([](db::Tx& tx) -> Result<VerifyReport> {
    VerifyReport report;
    std::string prev(64, '0');
    int64_t expected = 1;
    TRY(tx.each(
        "SELECT seq, at_ms, actor_user_id, actor, instansi_id, action, object_type, object_id, "
        "source, request_id, detail, prev_hash, hash FROM audit_log ORDER BY seq",
        {}, [&](const db::Row& r) {
          int64_t seq = r.i64(0);
          auto fail = [&](std::string problem) {
            report.ok = false;
            report.bad_seq = seq;
            report.problem = std::move(problem);
            return false;
          };
          if (seq != expected) {
            return fail(fmt::format("entry {} is missing (next entry is {})", expected, seq));
          }
          if (r.text(11) != prev) return fail("prev_hash does not match the previous entry");
          std::string hash =
              chain_hash(prev, seq, r.i64(1), r.opt_i64(2), r.text(3), r.opt_i64(4), r.text(5),
                         r.text(6), r.text(7), r.text(8), r.text(9), r.text(10));
          if (hash != r.text(12)) return fail("the entry was changed after it was written");
          prev = hash;
          ++expected;
          ++report.entries;
          return true;
        }));
    if (!report.ok) return report;
    auto head = TRY(tx.query_one("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (!head || head->i64(0) != report.entries || head->text(1) != prev) {
      report.ok = false;
      report.bad_seq = report.entries;
      report.problem = "the newest entries were removed (chain head does not match)";
    }
    report.head_hash = prev;
    return report;
  });
}

}  // namespace harmoni::audit
