#include "platform/cases/env.hpp"

namespace harmoni {

audit::Entry Actor::audit(std::string action, std::string object_type, std::string object_id,
                          std::optional<int64_t> instansi_id, std::string detail) const {
  audit::Entry e;
  if (principal) {
    e.actor_user_id = principal->user_id;
    e.actor = principal->email;
  } else {
    e.actor = "anonymous";
  }
  e.instansi_id = instansi_id;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.source = source;
  e.request_id = request_id;
  e.detail = std::move(detail);
  return e;
}

}  // namespace harmoni
