// The catalogue shipped in the binary (data/competency/catalog.json), parsed once.
// `harmoni serve` loads it at start and refuses to run when it is broken.
#pragma once

#include "competency/catalog.hpp"

namespace harmoni::competency {

Result<const Catalog*> shipped_catalog();
// The same once checked at start (never fails after).
const Catalog& catalog();

}  // namespace harmoni::competency
