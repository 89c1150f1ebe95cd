#include "support/seed.hpp"

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
