#pragma once

// The artel sector (docs/ODD.md 7.7): artels see their region's queues, choose product,
// price and output, get materials from state industry's waste and a cooperative allocation
// bureaus can squeeze, settle their accounts, close under a hard budget and form where
// shortage persists. The rules of one artel are in artel.hpp.
//
// Reads: the remembered queues; state
// enterprises' output and unshipped stocks (materials); prices; the state wage; artels.*
// parameters.
// Changes: artels (product, price, aim, materials, output, accounts, members through
// closures and formations), enterprises' output stocks (the cooperative allocation), the
// enterprises and the hierarchy (nationalisation turns artels into enterprises), shop
// stocks (what closing or switching artels leave), households whose artel closed or who
// found one.

#include "plansim/model/artel_lobbying.hpp"
#include "plansim/model/initialisation.hpp"
#include "plansim/model/world.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace plansim::model {

class ArtelSector {
public:
  ArtelSector(World& world, const StartingValues& start);

  /// Each artel chooses product, price and output from what it sees (in parallel: each reads
  /// last month's markets only), gets materials and produces.
  void decide_and_produce(int tick);
  /// Artels pay the state's tax and their materials, reinvest, and share the rest.
  void settle_accounts(double unskilled_wage);
  /// Hard budget: failed artels close; their stock goes to the state shop, their members to
  /// state jobs.
  void close_failed(int tick);
  /// Where queues stay long, new artels form, if skilled state workers are there to found them.
  void form(int tick, double unskilled_wage);

  /// Policy: no new artels from now on, and bureaus withhold `hostility` of their allocation.
  void restrict(double hostility);
  /// Policy: every artel becomes a state enterprise under a glavk of the consumer sector (its
  /// members state workers); no artel forms afterwards.
  void nationalise(int tick);

  /// Each January (after the first): ministries review the competition they felt from artels
  /// over the year and press for a squeeze in proportion (artels.lobbying; artel_lobbying.hpp).
  void review_hostility(int tick);
  /// Skilled state workers who left to join artels this month (the labour market's count).
  void note_skilled_losses(int workers);

  /// The share of the cooperative allocation bureaus withhold now: policy and lobbying.
  double hostility() const;
  int formed() const { return formed_; }
  int closed() const { return closed_; }
  /// Materials artels took from state enterprises' stocks this month / state material use.
  double materials_taken_share() const { return materials_taken_share_; }
  /// Skilled state workers lost to artels this month (joined or founded one, not replaced).
  int skilled_lost() const { return skilled_lost_; }

private:
  static constexpr std::size_t all_goods = static_cast<std::size_t>(-1);
  static constexpr std::size_t no_cell = static_cast<std::size_t>(-1);
  static constexpr std::size_t artel_grain = 256;

  /// The stock an artel switching goods hands to the state shop of its old good's cell.
  struct LeftOver {
    std::size_t cell; ///< no_cell: it kept its good
    double stock;
  };

  /// One artel's monthly decision (decide_and_produce); `seen_unmet` is scratch space.
  LeftOver decide(Artel& artel, std::uint32_t id, int tick, std::span<const double> cell_capacity,
                  std::span<double> seen_unmet) const;
  bool looks_around(std::uint32_t id, int tick) const;
  /// Fills `seen` for `good` (all_goods: every good) with the artel's noise on `view`.
  void see_unmet(const MarketView& view, std::uint32_t id, int tick, std::size_t good,
                 std::span<double> seen) const;
  void supply_materials();
  /// State enterprises' use of materials this month.
  double state_material_use() const;

  World& world_;
  double capital_per_labour_; ///< for new artels
  double productivity_;       ///< for new artels
  double tax_;                ///< share of artel sales taken by the state
  bool restricted_ = false;
  bool nationalised_ = false;
  int formed_ = 0;
  int closed_ = 0;
  double lobbied_hostility_ = 0.0;
  CompetitionFelt felt_;               ///< since the last review
  double materials_taken_share_ = 0.0; ///< this month
  int skilled_lost_ = 0;               ///< this month
  std::vector<double> waste_pool_;     ///< by region: state industry's waste
  std::vector<double> seen_unmet_;     ///< scratch: what the artels of each chunk see
  std::vector<LeftOver> left_over_;    ///< scratch: by artel, this month
};

} // namespace plansim::model
