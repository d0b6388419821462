#pragma once

// Technology (docs/ODD.md 7.8, "Technology"): inventions arrive in each sector as new
// techniques, each technology.invention_gain more productive than the one before. Each January
// an enterprise behind its sector's newest technique decides whether retooling for it pays its
// manager; if so it retools for technology.retooling_months at technology.retooling_loss of its
// capacity, and then works with the new technique.
//
// Reads: technology.* and enterprises.ratchet; whether a plan sets targets; managers' horizons.
// Changes: enterprises' technique, retooling and productivity; the run's event log
// (inventions).

#include "plansim/model/world.hpp"

#include <array>

namespace plansim::model {

/// Whether retooling for a technique `gain` more productive (1.1: 10 % more) pays a manager with
/// a horizon of `horizon_years`. Each month the target lags the new capacity his bonus rises
/// by the gain; where a plan sets targets the ratchet moves `ratchet` of the gap into the target
/// each year, so what he gains over his horizon H is 12 (gain - 1) integral_0^H (1 - ratchet)^t
/// dt months of bonus (without targets, or without a ratchet, 12 (gain - 1) H). Retooling
/// costs retooling_months x retooling_loss months of output below target, which earn no bonus.
bool adoption_pays(double gain, double horizon_years, double ratchet,
                   const TechnologyParams& params);

/// The share of its capacity an enterprise keeps this month: 1 - retooling_loss while it
/// retools.
double retooling_factor(const Enterprise& firm, const TechnologyParams& params);

class Technology {
public:
  explicit Technology(World& world) : world_(world) {}

  /// New techniques arrive this month: in each sector with probability invention_rate / 12.
  void invent(int tick);
  /// Enterprises whose retooling ends this month take up the technique they retooled for;
  /// each January every other enterprise behind its sector's newest technique retools for it
  /// when that pays its manager (adoption_pays), the ratchet counting only when the plan ratchets targets (`targets_ratcheted`).
  void adopt(int tick, bool targets_ratcheted);

  /// Inventions this month.
  int inventions() const { return inventions_; }
  /// Enterprises that finished retooling this month.
  int adoptions() const { return adoptions_; }
  /// Techniques invented so far in `sector`.
  int frontier(Sector sector) const { return frontier_[static_cast<std::size_t>(sector)]; }

private:
  World& world_;
  std::array<int, sector_count> frontier_{};
  int inventions_ = 0;
  int adoptions_ = 0;
};

} // namespace plansim::model
