// Inventions and their adoption (docs/ODD.md 7.8, "Technology").

#include "plansim/model/technology.hpp"

#include "streams.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace plansim::model {

using streams::stream;

namespace {

// Years of a gain kept over `years` when the ratchet takes `ratchet` of it into the target each
// year: integral_0^years (1 - ratchet)^t dt.
double years_kept(double years, double ratchet) {
  const double kept = 1.0 - ratchet;
  if (years <= 0.0) {
    return 0.0;
  }
  if (ratchet <= 0.0) {
    return years;
  }
  return kept <= 0.0 ? 0.0 : (1.0 - std::pow(kept, years)) / -std::log(kept);
}

// One month of an enterprise's or an artel's retooling; true when it ends this month, the unit
// then working with the technique it retooled for.
template <class Unit>
bool retool(Unit& unit, double invention_gain) {
  if (--unit.retooling_left > 0) {
    return false;
  }
  unit.productivity *= std::pow(1.0 + invention_gain, unit.retooling_to - unit.technique);
  unit.technique = unit.retooling_to;
  return true;
}

// Retooling scraps technology.retooling_capital of the unit's capital (old equipment).
template <class Unit>
void start_retooling(Unit& unit, int technique, const TechnologyParams& p) {
  unit.retooling_to = technique;
  unit.retooling_left = std::max(1, p.retooling_months);
  if (p.retooling_capital > 0.0) {
    unit.capital *= 1.0 - p.retooling_capital;
  }
}

} // namespace

bool adoption_pays(double gain, double horizon_years, double ratchet,
                   const TechnologyParams& params) {
  // Spared the ratchet for the exemption's years, then ratcheted as any plant.
  const double exempt = std::min(horizon_years, params.ratchet_exemption_years);
  const double years = exempt + years_kept(horizon_years - exempt, ratchet);
  const double months_lost = params.retooling_months * params.retooling_loss;
  return 12.0 * (gain - 1.0) * years > months_lost;
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
      invented_at_[s].push_back(tick);
      world_.log(tick, "invention",
                 std::string(sector_names[s]) + " technique " + std::to_string(frontier_[s]));
    }
  }
}

// The months a ministry's order takes to reach an enterprise: down the directive channel from
// the ministry through its glavk, each hop its latency and a uniform jitter.
int Technology::order_delay(std::uint32_t enterprise, int tick) const {
  const auto& channel = world_.params.directive_channel;
  auto random =
      stream(world_.params.seed, streams::enterprise, streams::ordering, enterprise, tick);
  int delay = 0;
  for (std::size_t hop = enterprise_level; hop < ministry_level; ++hop) {
    delay += channel.latency +
             (channel.jitter > 0 ? static_cast<int>(random.uniform() * (channel.jitter + 1)) : 0);
  }
  return std::max(delay, 1);
}

void Technology::track_diffusion(int tick) {
  for (std::size_t s = 0; s < sector_count; ++s) {
    if (halfway_[s] >= frontier_[s]) {
      continue;
    }
    const auto [first, last] = world_.goods.range(static_cast<Sector>(s));
    // Capacity by technique reached, so that each invention's share is a suffix sum.
    std::vector<double> at_technique(static_cast<std::size_t>(frontier_[s]) + 1, 0.0);
    double total = 0.0;
    world_.for_each_producer(first, last, [&](const Enterprise& firm) {
      at_technique[static_cast<std::size_t>(firm.technique)] += firm.capacity;
      total += firm.capacity;
    });
    double reached = 0.0; // capacity at the techniques above the one being checked
    for (int k = frontier_[s]; k > halfway_[s]; --k) {
      reached += at_technique[static_cast<std::size_t>(k)];
    }
    // Walk up from the next invention to check: a technique is in half the capacity when the
    // capacity at it or any later one is.
    while (halfway_[s] < frontier_[s] && total > 0.0 && reached >= 0.5 * total) {
      const int k = ++halfway_[s];
      const int months = tick - invented_at_[s][static_cast<std::size_t>(k - 1)];
      half_lag_months_[s] += months;
      world_.log(tick, "diffusion",
                 std::string(sector_names[s]) + " technique " + std::to_string(k) +
                     " in half of the capacity after " + std::to_string(months) + " months");
      reached -= at_technique[static_cast<std::size_t>(k)];
    }
  }
}

void Technology::adopt(int tick, bool targets_ratcheted) {
  adoptions_ = 0;
  // Nothing invented yet: nobody can be behind, retooling or ordered to retool.
  if (std::all_of(frontier_.begin(), frontier_.end(), [](int n) { return n == 0; })) {
    return;
  }
  const auto& tp = world_.params.technology;
  const double ratchet = targets_ratcheted ? world_.params.enterprises.ratchet : 0.0;
  const bool deciding = world_.calendar.starts_year(tick);
  // The new technique's productivity, less the capacity the scrapped capital takes with it
  // (at capital's share alpha).
  const double scrapping =
      tp.retooling_capital > 0.0
          ? std::pow(1.0 - tp.retooling_capital, world_.params.enterprises.capital_elasticity)
          : 1.0;
  const auto gain_for = [&](int newest, int technique) {
    return std::pow(1.0 + tp.invention_gain, newest - technique) * scrapping;
  };
  const bool ordering = targets_ratcheted && tp.order_gap > 0 && deciding;
  for (std::size_t e = 0; e < world_.enterprises.size(); ++e) {
    auto& firm = world_.enterprises[e];
    if (firm.retooling_left > 0) {
      if (retool(firm, tp.invention_gain)) {
        firm.ratchet_exempt_until =
            tick + static_cast<int>(std::lround(12.0 * tp.ratchet_exemption_years));
        ++adoptions_;
      }
      continue;
    }
    const int newest = frontier(world_.goods.sector(firm.good));
    if (firm.retooling_ordered_at >= 0 && tick >= firm.retooling_ordered_at) {
      firm.retooling_ordered_at = -1; // the manager obeys, whatever it costs him
      if (newest > firm.technique) {
        start_retooling(firm, newest, tp);
        continue;
      }
    }
    if (deciding && newest > firm.technique &&
        adoption_pays(gain_for(newest, firm.technique), firm.manager.horizon_years, ratchet, tp)) {
      start_retooling(firm, newest, tp);
    } else if (ordering && firm.retooling_ordered_at < 0 &&
               newest - firm.technique >= tp.order_gap) {
      firm.retooling_ordered_at = tick + order_delay(static_cast<std::uint32_t>(e), tick);
    }
  }
  // Artels (consumer goods) weigh the gain over their members' horizon; no target to ratchet.
  const int consumer_newest = frontier(Sector::consumer);
  for (auto& artel : world_.artels.agents()) {
    if (artel.retooling_left > 0) {
      if (retool(artel, tp.invention_gain)) {
        artel.retooling_loss = 0.0;
      }
      continue;
    }
    if (deciding && consumer_newest > artel.technique &&
        adoption_pays(gain_for(consumer_newest, artel.technique), tp.artel_horizon_years, 0.0,
                      tp)) {
      start_retooling(artel, consumer_newest, tp);
      artel.retooling_loss = tp.retooling_loss;
    }
  }
  track_diffusion(tick);
}

} // namespace plansim::model
