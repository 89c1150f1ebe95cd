#include "harmony/access.hpp"

#include <algorithm>

namespace harmoni::harmony {

Rights rights_of(const auth::Principal& p, const Case& c, const std::vector<Party>& parties) {
  Rights r;
  if (!p.instansi_id || *p.instansi_id != c.instansi_id) return r;
  const bool is_party =
      p.asn_id && std::any_of(parties.begin(), parties.end(),
                              [&](const Party& x) { return x.asn_id == p.asn_id; });
  if (is_party) {
    r.party = true;
    return r;
  }
  if (p.role == auth::Role::kCaseHandler) {
    r.read = r.handle = true;
  } else if (p.role == auth::Role::kUnitHead && p.sees_unit(c.instansi_id, c.unit_path)) {
    r.read = true;
  }
  return r;
}

bool may_write_articles(const auth::Principal& p) {
  return p.instansi_id &&
         (p.role == auth::Role::kCaseHandler || p.role == auth::Role::kHrDeveloper);
}

bool may_approve_articles(const auth::Principal& p) {
  return p.instansi_id && p.role == auth::Role::kCaseHandler;
}

}  // namespace harmoni::harmony
