// Where workers find state jobs (docs/ODD.md 7.6).

#include "plansim/model/state_hiring.hpp"

#include <algorithm>

namespace plansim::model {

void StateHiring::update(const World& world) {
  world_ = &world;
  cumulative_capital_.resize(world.enterprises_in_region.size());
  for (std::size_t r = 0; r < cumulative_capital_.size(); ++r) {
    auto& cumulative = cumulative_capital_[r];
    cumulative.clear();
    double total = 0.0;
    for (auto e : world.enterprises_in_region[r]) {
      total += world.enterprises[e].capital;
      cumulative.push_back(total);
    }
  }
}

std::uint32_t StateHiring::hire(std::uint32_t region, engine::RandomStream& random) const {
  const auto& cumulative = cumulative_capital_[region];
  const auto& firms = world_->enterprises_in_region[region];
  const double pick = random.uniform() * cumulative.back();
  // The first enterprise whose capital, with the capital before it, reaches the pick.
  const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), pick);
  const auto index = at == cumulative.end() ? cumulative.size() - 1
                                            : static_cast<std::size_t>(at - cumulative.begin());
  return static_cast<std::uint32_t>(firms[index]);
}

} // namespace plansim::model
