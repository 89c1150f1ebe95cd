#include "support/seed.hpp"

#include "accounts/account_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"

namespace harmoni::test {

const Vault& test_vault() {
  static const Vault vault = Vault::from_key(std::string(Vault::kKeyBytes, 'k')).release_value();
  return vault;
}

int64_t CaseWorld::audited(std::string_view action) {
  return db()
      .read([&](db::Tx& tx) {
        return tx.scalar_i64("SELECT COUNT(*) FROM audit_log WHERE action = ?",
                             {std::string(action)});
      })
      .value();
}

Result<int64_t> insert_sambas(db::Tx& tx) {
  return org::insert_instansi(tx,
                              org::Instansi{.code = "KAB-SAMBAS",
                                            .name = "Pemerintah Kabupaten Sambas",
                                            .kind = "daerah",
                                            .region_code = "61.01"},
                              1);
}

Result<int64_t> insert_pontianak(db::Tx& tx) {
  return org::insert_instansi(tx,
                              org::Instansi{.code = "KOTA-PONTIANAK",
                                            .name = "Pemerintah Kota Pontianak",
                                            .kind = "daerah",
                                            .region_code = "61.71"},
                              1);
}

Result<ServiceUnits> insert_service_units(db::Tx& tx, int64_t instansi_id,
                                          const std::string& counter_name) {
  const int64_t top =
      TRY(org::insert_unit(tx, instansi_id, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
  const int64_t counter =
      TRY(org::insert_unit(tx, instansi_id, top, "DUKCAPIL.LOKET", counter_name, 1));
  const int64_t sibling =
      TRY(org::insert_unit(tx, instansi_id, std::nullopt, "DINKES", "Dinas Kesehatan", 1));
  TRY(insert_ktp_service(tx, counter, 60));
  ServiceUnits units;
  units.top = *TRY(org::find_unit_by_id(tx, top));
  units.counter = *TRY(org::find_unit_by_id(tx, counter));
  units.sibling = *TRY(org::find_unit_by_id(tx, sibling));
  return units;
}

Result<int64_t> insert_staff(db::Tx& tx, const std::string& email, const std::string& role,
                             const std::string& instansi_code, const std::string& unit_code,
                             const std::string& nip) {
  return accounts::insert_user(tx,
                               {.email = email,
                                .display_name = email.substr(0, email.find('@')),
                                .role = role,
                                .instansi_code = instansi_code,
                                .unit_code = unit_code,
                                .asn_nip = nip},
                               "x", 1);
}

auth::Principal staff_principal(int64_t user_id, auth::Role role, int64_t instansi_id,
                                const std::optional<org::Unit>& unit) {
  auth::Principal p{.user_id = user_id, .role = role, .instansi_id = instansi_id};
  if (unit) {
    p.unit_id = unit->id;
    p.unit_path = unit->path;
  }
  return p;
}

Result<desk::Service> insert_ktp_service(db::Tx& tx, int64_t unit_id, int standard_minutes) {
  desk::Service ktp{.unit_id = unit_id,
                    .code = "KTP-EL",
                    .name = "KTP elektronik",
                    .standard_minutes = standard_minutes,
                    .cost = "Gratis",
                    .product = "KTP-el"};
  ktp.id = TRY(desk::insert_service(tx, ktp, 1));
  return ktp;
}

}  // namespace harmoni::test
