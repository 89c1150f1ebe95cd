// A unit's public service desk, the service point the queue and the survey build on: its
// services with their published standard (UU 25/2009 art. 21, PermenPANRB 15/2014), its
// pledge (maklumat pelayanan) and its counters. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::desk {

struct Service {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string code;  // unique in the unit, e.g. "KTP-EL"
  std::string name;
  std::string requirements;   // persyaratan
  std::string procedure;      // sistem, mekanisme dan prosedur
  int standard_minutes = 60;  // jangka waktu penyelesaian: the promise speed is measured against
  std::string cost;           // biaya/tarif, e.g. "Gratis"
  std::string product;        // produk pelayanan
  std::string complaints;     // penanganan pengaduan, saran dan masukan
  std::string ticket_prefix = "A";  // letter before queue numbers, "A-012"
  bool active = true;
  int sort_order = 0;
};

// Normalises codes and prefix to upper case and checks every field; errors name the
// fields (code, name, standard_minutes, ticket_prefix, ...).
Status validate(Service& service);

// The unit as a service point. The queue and the survey keep their own settings.
struct Desk {
  int64_t unit_id = 0;
  std::string pledge;  // maklumat pelayanan, shown on the public page
  bool published = true;
  bool has_kiosk = false;
};

struct Counter {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string code;  // "LOKET-1"
  std::string name;
  bool active = true;
};
Status validate(Counter& counter);

}  // namespace harmoni::desk
