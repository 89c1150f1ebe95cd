// Finding the person a route is about, for capabilities that work on people: by NIP
// within an instansi, or the caller's own record. Someone outside the instansi is
// "not found", so their existence does not leak.
#pragma once

#include <string_view>

#include "org/org.hpp"
#include "platform/web/app.hpp"

namespace harmoni::org {

// A person of `instansi_id` by NIP (spaces allowed); "asn.not_found" otherwise.
Result<Asn> person_by_nip(const web::Context& ctx, std::string_view nip_text, int64_t instansi_id);

// The caller's own civil-servant record ("competency.no_asn" when the account has none).
Result<Asn> own_person(const web::Context& ctx);

}  // namespace harmoni::org
