// Inventions and their adoption (docs/ODD.md 7.8, "Technology").

#include "plansim/model/technology.hpp"

#include "streams.hpp"

#include <cmath>
#include <string>

namespace plansim::model {

using streams::stream;

namespace {

// Months of bonus the new technique brings over the horizon (see adoption_pays).
double bonus_months_gained(double gain, double horizon_years, double ratchet) {
  const double kept = 1.0 - ratchet;
  const double years = ratchet <= 0.0 ? horizon_years
                       : kept <= 0.0  ? 0.0
                                      : (1.0 - std::pow(kept, horizon_years)) / -std::log(kept);
  return 12.0 * (gain - 1.0) * years;
}

} // namespace

bool adoption_pays(double gain, double horizon_years, double ratchet,
                   const TechnologyParams& params) {
  const double months_lost = params.retooling_months * params.retooling_loss;
  return bonus_months_gained(gain, horizon_years, ratchet) > months_lost;
}

double retooling_factor(const Enterprise& firm, const TechnologyParams& params) {
  return firm.retooling_left > 0 ? 1.0 - params.retooling_loss : 1.0;
}

void Technology::invent(int tick) {
  inventions_ = 0;
  const auto& tp = world_.params.technology;
  if (tp.invention_rate <= 0.0) {
    return;
  }
  for (std::size_t s = 0; s < sector_count; ++s) {
    auto random = stream(world_.params.seed, streams::planner, streams::inventing,
                         static_cast<std::uint32_t>(s), tick);
    if (random.bernoulli(std::min(1.0, tp.invention_rate / 12.0))) {
      ++frontier_[s];
      ++inventions_;
      world_.log(tick, "invention",
                 std::string(sector_names[s]) + " technique " + std::to_string(frontier_[s]));
    }
  }
}

void Technology::adopt(int tick, bool targets_ratcheted) {
  adoptions_ = 0;
  const auto& tp = world_.params.technology;
  const double ratchet = targets_ratcheted ? world_.params.enterprises.ratchet : 0.0;
  const bool deciding = world_.calendar.starts_year(tick);
  for (auto& firm : world_.enterprises) {
    if (firm.retooling_left > 0) {
      if (--firm.retooling_left == 0) {
        firm.productivity *= std::pow(1.0 + tp.invention_gain, firm.retooling_to - firm.technique);
        firm.technique = firm.retooling_to;
        ++adoptions_;
      }
      continue;
    }
    const int newest = frontier(world_.goods.sector(firm.good));
    if (!deciding || newest <= firm.technique) {
      continue;
    }
    const double gain = std::pow(1.0 + tp.invention_gain, newest - firm.technique);
    if (adoption_pays(gain, firm.manager.horizon_years, ratchet, tp)) {
      firm.retooling_to = newest;
      firm.retooling_left = std::max(1, tp.retooling_months);
    }
  }
}

} // namespace plansim::model
