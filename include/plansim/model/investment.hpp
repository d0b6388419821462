#pragma once

// Investment (docs/ODD.md 7.8): investment goods delivered this month start construction;
// what was started planner.construction_lag months ago becomes capital, split over sectors by
// the investment split (military pressure shifts it, sectors whose goods pile up get less and,
// with planner.investment_to_short_sectors, those whose goods are short more) and within a
// sector towards goods in short supply. Capital depreciates. The stop-go rule
// cuts investment for a year when tension passes its threshold. With planner.plant_saturation
// capital a plant cannot absorb founds new plants each January (founding.hpp). With
// planner.discontent_response the leadership shifts new capital towards consumer goods each
// January in proportion to the households' discontent.
//
// Reads: investment goods delivered, excess demand by good (world.flows), input requests and
// deliveries; planner.* and enterprises.depreciation.
// Changes: enterprises' capital; new enterprises; the run's event log (stop-go cuts).

#include "plansim/model/params.hpp"
#include "plansim/model/world.hpp"

#include <array>
#include <vector>

namespace plansim::model {

class Investment {
public:
  explicit Investment(World& world);

  void invest(int tick);
  /// What construction's orders are multiplied by this month: planner.stop_go_cut in a stop
  /// phase, 1 otherwise.
  double stop_go_factor() const {
    return stop_go_months_left_ > 0 ? world_.params.planner.stop_go_cut : 1.0;
  }
  /// Unmet input share + unfinished construction / capital, as of the last investment.
  double tension() const { return tension_; }
  /// Enterprises founded this month with capital the existing plants could not absorb.
  int founded() const { return founded_; }
  /// What the consumer sector's share of new capital is multiplied by this year
  /// (planner.discontent_response; 1 while the leadership ignores discontent).
  double consumer_weight() const { return consumer_weight_; }

private:
  double mean_discontent() const;
  std::array<double, sector_count>
  placed_split(const std::array<double, sector_count>& capital,
               const std::array<double, sector_count>& called) const;

  World& world_;
  /// Construction under way: investment of month t completes construction_lag months later.
  std::vector<double> construction_;
  int stop_go_months_left_ = 0;
  double tension_ = 0.0;
  /// Each sector's new capital that its plants could not absorb, waiting to found plants.
  std::array<double, sector_count> founding_fund_{};
  int founded_ = 0;
  double consumer_weight_ = 1.0;
};

} // namespace plansim::model
