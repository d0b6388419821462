// Ministries' lobbying against artels (docs/ODD.md 7.7, "Lobbying").

#include "plansim/model/artel_lobbying.hpp"

#include <algorithm>

namespace plansim::model {

double CompetitionFelt::level(double skilled_state_workers) const {
  const double materials = material_use > 0 ? materials_taken / material_use : 0.0;
  const double labour = skilled_state_workers > 0 ? skilled_lost / skilled_state_workers : 0.0;
  return materials + labour;
}

double lobbied_hostility(double current, double felt, const ArtelParams& params) {
  const double pressed = std::min(1.0, params.lobbying * felt);
  return current + params.lobbying_speed * (pressed - current);
}

double combined_hostility(double policy, double lobbied) {
  // Without lobbying the policy's value exactly (1 - (1 - h) is not always h in floating point).
  return lobbied == 0 ? policy : 1.0 - (1.0 - policy) * (1.0 - lobbied);
}

bool separate_materials(const ArtelParams& params) {
  return params.separate_pools == SeparatePools::materials ||
         params.separate_pools == SeparatePools::both;
}

bool separate_labour(const ArtelParams& params) {
  return params.separate_pools == SeparatePools::labour ||
         params.separate_pools == SeparatePools::both;
}

} // namespace plansim::model
