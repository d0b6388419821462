// Structural events of the policy timeline (structural_events.cpp).

#include "consumer_world.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("war destruction takes capital and workers in the regions hit only") {
  PolicyEvent war = event_of_kind(PolicyEvent::Kind::war_destruction);
  war.regions = {1};
  war.capital_share = 0.5;
  war.workers_share = 0.2;
  Economy economy(consumer_world(32));
  std::vector<double> capital_before(economy.enterprises().size());
  for (std::size_t e = 0; e < capital_before.size(); ++e) {
    capital_before[e] = economy.enterprises()[e].capital;
  }
  const auto workers_before = economy.households().size();
  economy.apply(war, 0);
  for (std::size_t e = 0; e < capital_before.size(); ++e) {
    const auto& firm = economy.enterprises()[e];
    CHECK(firm.capital == doctest::Approx(capital_before[e] * (firm.region == 1 ? 0.5 : 1.0)));
  }
  const double lost = double(workers_before - economy.households().size());
  CHECK(lost == doctest::Approx(0.2 * double(workers_before) / 2).epsilon(0.25));
  for (const auto& worker : economy.households().agents()) {
    CHECK(worker.region < 2);
  }
  const auto events = economy.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "war_destruction");
}

TEST_CASE("a capital loss hits one sector's enterprises (and artels, for consumer goods)") {
  PolicyEvent loss = event_of_kind(PolicyEvent::Kind::capital_loss);
  loss.sector = Sector::consumer;
  loss.capital_share = 0.3;
  Economy economy(consumer_world(36));
  std::vector<double> before;
  for (const auto& firm : economy.enterprises()) {
    before.push_back(firm.capital);
  }
  std::vector<double> artels_before;
  for (const auto& artel : economy.artels().agents()) {
    artels_before.push_back(artel.capital);
  }
  economy.apply(loss, 0);
  for (std::size_t e = 0; e < before.size(); ++e) {
    const auto& firm = economy.enterprises()[e];
    const bool hit = economy.goods().sector(firm.good) == Sector::consumer;
    CHECK(firm.capital == doctest::Approx(before[e] * (hit ? 0.7 : 1.0)));
  }
  for (std::size_t a = 0; a < artels_before.size(); ++a) {
    CHECK(economy.artels()[a].capital == doctest::Approx(artels_before[a] * 0.7));
  }
}

TEST_CASE("a demand shift raises one good's share of a region's spending; shares still sum to 1") {
  Economy economy(consumer_world(37));
  const auto& markets = economy.markets();
  const double before = markets.taste()[markets.cell(0, 1)];
  const double elsewhere = markets.taste()[markets.cell(1, 1)];
  economy.apply(demand_shift(0, 1, 3.0), 0);
  CHECK(markets.taste()[markets.cell(0, 1)] > before * 1.5);
  CHECK(markets.taste()[markets.cell(1, 1)] == elsewhere); // other regions keep their tastes
  double total = 0.0;
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    total += markets.taste()[markets.cell(0, k)];
  }
  CHECK(total == doctest::Approx(1.0));
}

TEST_CASE("restriction sets the hostility bureaus show to artels") {
  Economy economy(consumer_world(38));
  PolicyEvent restriction = event_of_kind(PolicyEvent::Kind::artel_restriction);
  restriction.hostility = 0.4;
  economy.apply(restriction, 0);
  CHECK(economy.params().artels.supply_hostility == 0.4);
}

TEST_CASE("nationalisation turns every artel into a state enterprise with its members") {
  Economy economy(consumer_world(38));
  for (int tick = 0; tick < 24; ++tick) {
    economy.pipeline().run_tick(tick);
  }
  const std::size_t enterprises_before = economy.enterprises().size();
  const std::size_t artels_before = economy.artels().size();
  REQUIRE(artels_before > 0);
  std::size_t members = 0;
  double artel_capital = 0.0;
  for (const auto& artel : economy.artels().agents()) {
    members += static_cast<std::size_t>(artel.members);
    artel_capital += artel.capital;
  }
  std::size_t state_workers_before = 0;
  for (const auto& worker : economy.households().agents()) {
    state_workers_before += worker.workplace == Workplace::state ? 1 : 0;
  }
  economy.apply(event_of_kind(PolicyEvent::Kind::artel_nationalisation), 24);
  CHECK(economy.artels().size() == 0);
  REQUIRE(economy.enterprises().size() == enterprises_before + artels_before);
  const auto& hierarchy = economy.hierarchy();
  CHECK(hierarchy.nodes(enterprise_level).size() == economy.enterprises().size());
  double new_capital = 0.0;
  for (std::size_t e = enterprises_before; e < economy.enterprises().size(); ++e) {
    const auto& firm = economy.enterprises()[e];
    CHECK(economy.goods().sector(firm.good) == Sector::consumer);
    CHECK(firm.workers > 0.0);
    CHECK(firm.target > 0.0);
    new_capital += firm.capital;
    // It sits under a glavk of the consumer sector, in a node for its good.
    const auto& node = hierarchy.nodes(glavk_level)[hierarchy.nodes(enterprise_level)[e].parent];
    CHECK(node.good == firm.good);
    CHECK(hierarchy.bureaus(glavk_level)[node.bureau].sector ==
          static_cast<std::uint32_t>(Sector::consumer));
  }
  CHECK(new_capital == doctest::Approx(artel_capital));
  std::size_t state_workers = 0;
  for (const auto& worker : economy.households().agents()) {
    CHECK(worker.workplace == Workplace::state);
    CHECK(worker.employer < economy.enterprises().size());
    CHECK(economy.enterprises()[worker.employer].region == worker.region);
    ++state_workers;
  }
  CHECK(state_workers == state_workers_before + members);
  // From now on they are planned and invested in like the others: they get targets from the
  // plan and capital from investment, and no artel forms again.
  for (int tick = 25; tick < 60; ++tick) {
    economy.pipeline().run_tick(tick);
  }
  CHECK(economy.artels().size() == 0);
  for (std::size_t e = enterprises_before; e < economy.enterprises().size(); ++e) {
    CHECK(economy.enterprises()[e].output > 0.0);
  }
  const auto formed = economy.recorder().history_of("artels_formed");
  for (std::size_t t = 25; t < formed.size(); ++t) {
    CHECK(formed[t] == 0.0);
  }
}
