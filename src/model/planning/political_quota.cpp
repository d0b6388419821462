// Political allocation by equal quotas (seed 001).

#include "plansim/model/planning/political_quota.hpp"

#include <algorithm>
#include <vector>

namespace plansim::model {

void PoliticalQuota::share_needs(World& world, GoodDelivery& d) const {
  auto& enterprises = world.enterprises;
  std::vector<InputRequest> order(d.requests.begin(), d.requests.end());
  // Smallest needs first: each gets the equal quota of what is left, or its need if less.
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return enterprises[a.first].needed[a.second] < enterprises[b.first].needed[b.second];
  });
  std::size_t left = order.size();
  for (const auto& [e, i] : order) {
    auto& firm = enterprises[e];
    const double quota = d.remaining / double(left--);
    const double given = std::min(firm.needed[i], quota);
    firm.received[i] = given;
    d.remaining -= given;
  }
}

} // namespace plansim::model
