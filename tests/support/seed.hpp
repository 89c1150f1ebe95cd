// What storage and use-case tests start from, written once: Kabupaten Sambas, the KTP-el
// service as a real standard lists it, and a world for use cases (a fresh database of
// the backend, a clock and randomness the test controls, the audit log to look into).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "desk/desk.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"
#include "platform/db/database.hpp"
#include "support/backends.hpp"

namespace harmoni::test {

// A vault with a fixed key, for tests only.
const Vault& test_vault();

struct CaseWorld {
  CaseWorld(const std::string& backend, int64_t start_ms)
      : database(open_backend(backend)), clock(start_ms) {}

  db::Database& db() { return *database.db; }
  Env env() { return Env{db(), clock, random, test_vault()}; }
  static Actor as(const auth::Principal& p) { return Actor{.principal = &p, .source = "10.0.0.1"}; }
  // How many audit entries of this action there are.
  int64_t audited(std::string_view action);

  TestDatabase database;
  ManualClock clock;
  SeededRandom random{42};
};

// Pemerintah Kabupaten Sambas (KAB-SAMBAS, an instansi daerah); returns its id.
Result<int64_t> insert_sambas(db::Tx& tx);

// Pemerintah Kota Pontianak (KOTA-PONTIANAK), the other instansi of scope tests; its id.
Result<int64_t> insert_pontianak(db::Tx& tx);

// Dukcapil (a top-level unit) with its counter unit below it (named `counter_name`, the
// KTP-el service on it), and Dinas Kesehatan beside it, in that instansi.
struct ServiceUnits {
  org::Unit top, counter, sibling;
};
Result<ServiceUnits> insert_service_units(db::Tx& tx, int64_t instansi_id,
                                          const std::string& counter_name);

// A staff account of a test (password "x"): its id. Unit by code, ASN by NIP, optional.
Result<int64_t> insert_staff(db::Tx& tx, const std::string& email, const std::string& role,
                             const std::string& instansi_code, const std::string& unit_code = "",
                             const std::string& nip = "");
// Who that account is to the use cases; a unit-scoped role carries its unit.
auth::Principal staff_principal(int64_t user_id, auth::Role role, int64_t instansi_id,
                                const std::optional<org::Unit>& unit = std::nullopt);

// The KTP-el service of that unit, stored; returns it with its id set.
Result<desk::Service> insert_ktp_service(db::Tx& tx, int64_t unit_id, int standard_minutes);

}  // namespace harmoni::test
