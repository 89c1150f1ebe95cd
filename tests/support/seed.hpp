// The organisation storage and use-case tests start from, written once: Kabupaten
// Sambas and the KTP-el service as a real standard lists it.
#pragma once

#include <cstdint>

#include "desk/desk.hpp"
#include "platform/db/database.hpp"

namespace harmoni::test {

// Pemerintah Kabupaten Sambas (KAB-SAMBAS, an instansi daerah); returns its id.
Result<int64_t> insert_sambas(db::Tx& tx);

// The KTP-el service of that unit, stored; returns it with its id set.
Result<desk::Service> insert_ktp_service(db::Tx& tx, int64_t unit_id, int standard_minutes);

}  // namespace harmoni::test
