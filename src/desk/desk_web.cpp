#include "desk/desk_web.hpp"

namespace harmoni::desk {

nlohmann::json service_json(const Service& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"requirements", s.requirements},
          {"procedure", s.procedure},
          {"standard_minutes", s.standard_minutes},
          {"cost", s.cost},
          {"product", s.product},
          {"complaints", s.complaints},
          {"ticket_prefix", s.ticket_prefix},
          {"active", s.active},
          {"sort_order", s.sort_order}};
}

}  // namespace harmoni::desk
