// The war economy's movements of people and plant (war_mobilisation.cpp).

#include "consumer_world.hpp"

#include "plansim/model/war_mobilisation.hpp"

#include <doctest/doctest.h>

#include <numeric>
#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

std::vector<double> capital_of(const Economy& economy) {
  std::vector<double> capital;
  for (const auto& firm : economy.enterprises()) {
    capital.push_back(firm.capital);
  }
  return capital;
}

double total(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

std::size_t workers_in(const Economy& economy, std::uint32_t region) {
  std::size_t n = 0;
  for (const auto& worker : economy.households().agents()) {
    n += worker.region == region ? 1 : 0;
  }
  return n;
}

// Half of region 0's plant to region 1, a fifth of it lost on the way.
PolicyEvent half_of_region_0_to_region_1() {
  PolicyEvent evacuation = event_of_kind(PolicyEvent::Kind::evacuation);
  evacuation.regions = {0};
  evacuation.to_regions = {1};
  evacuation.capital_share = 0.5;
  evacuation.loss = 0.2;
  return evacuation;
}

} // namespace

TEST_CASE("mobilisation calls up workers of the regions named; demobilisation sends them home") {
  Economy economy(consumer_world(41));
  const auto before = economy.households().size();
  const auto east_before = workers_in(economy, 1);
  PolicyEvent call_up = event_of_kind(PolicyEvent::Kind::mobilisation);
  call_up.regions = {0};
  call_up.workers_share = 0.4;
  call_up.killed_share = 0.25;
  economy.apply(call_up, 0);
  CHECK(workers_in(economy, 1) == east_before); // region 1 was not called up
  const double gone = double(before - economy.households().size());
  const double region_0 = double(before - east_before);
  CHECK(gone == doctest::Approx(0.4 * region_0).epsilon(0.2));
  const double serving = double(economy.serving().size());
  CHECK(serving == doctest::Approx(0.75 * gone).epsilon(0.2)); // the rest were killed
  for (const auto& soldier : economy.serving()) {
    CHECK(soldier.household.region == 0);
  }
  // Half come home at the first demobilisation, the rest at the second.
  PolicyEvent home = event_of_kind(PolicyEvent::Kind::demobilisation);
  home.workers_share = 0.5;
  economy.apply(home, 1);
  const double returned = double(economy.households().size()) - double(before) + gone;
  CHECK(returned == doctest::Approx(0.5 * serving).epsilon(0.3));
  CHECK(double(economy.serving().size()) == doctest::Approx(serving - returned));
  std::size_t skilled_serving = 0;
  for (const auto& soldier : economy.serving()) {
    skilled_serving += soldier.household.skilled ? 1 : 0;
  }
  const auto skilled_home = [&] {
    std::size_t n = 0;
    for (const auto& worker : economy.households().agents()) {
      n += worker.region == 0 && worker.skilled ? 1 : 0;
    }
    return n;
  };
  const auto skilled_before_last = skilled_home();
  const auto state_workers_before = economy.households().size();
  home.workers_share = 1.0;
  economy.apply(home, 2);
  CHECK(economy.serving().empty());
  CHECK(double(economy.households().size()) == doctest::Approx(double(before) - gone + serving));
  CHECK(skilled_home() == skilled_before_last + skilled_serving); // they keep their skill
  // The newcomers (added last) work for state enterprises of their own region.
  const auto& workers = economy.households().agents();
  for (std::size_t i = state_workers_before; i < workers.size(); ++i) {
    CHECK(workers[i].workplace == Workplace::state);
    CHECK(economy.enterprises()[workers[i].employer].region == 0);
  }
  const auto events = economy.take_events();
  REQUIRE(events.size() == 3);
  CHECK(events[0].name == "mobilisation");
  CHECK(events[2].name == "demobilisation");
}

TEST_CASE("who comes home is a soldier's own draw, whoever else was called up") {
  // Calling up region 1 as well puts its soldiers between region 0's in the list; region 0's
  // soldiers (the same ones: call-up draws are keyed by household id) must come home alike.
  const auto staying_from_region_0 = [](std::vector<std::uint32_t> regions) {
    Economy economy(consumer_world(44));
    PolicyEvent call_up = event_of_kind(PolicyEvent::Kind::mobilisation);
    call_up.regions = std::move(regions);
    call_up.workers_share = 0.5;
    economy.apply(call_up, 0);
    PolicyEvent home = event_of_kind(PolicyEvent::Kind::demobilisation);
    home.workers_share = 0.5;
    economy.apply(home, 1);
    std::vector<engine::AgentId> staying;
    for (const auto& soldier : economy.serving()) {
      if (soldier.household.region == 0) {
        staying.push_back(soldier.id);
      }
    }
    return staying;
  };
  const auto alone = staying_from_region_0({0});
  REQUIRE(alone.size() > 10);
  CHECK(staying_from_region_0({0, 1}) == alone);
}

TEST_CASE("an evacuation moves the same good's plant east, less what is lost on the way") {
  Economy economy(consumer_world(42));
  const auto before = capital_of(economy);
  PolicyEvent evacuation = half_of_region_0_to_region_1();
  economy.apply(evacuation, 0);
  const auto after = capital_of(economy);
  const auto& firms = economy.enterprises();
  double moved = 0.0;
  for (std::size_t g = 0; g < economy.goods().count(); ++g) {
    double west_before = 0.0, west_after = 0.0, east_before = 0.0, east_after = 0.0;
    for (std::size_t e = 0; e < firms.size(); ++e) {
      if (firms[e].good != g) {
        continue;
      }
      (firms[e].region == 0 ? west_before : east_before) += before[e];
      (firms[e].region == 0 ? west_after : east_after) += after[e];
    }
    if (east_before > 0.0) {
      CHECK(west_after == doctest::Approx(0.5 * west_before));
      CHECK(east_after == doctest::Approx(east_before + 0.8 * 0.5 * west_before));
      moved += 0.5 * west_before;
    } else {
      CHECK(west_after == doctest::Approx(west_before)); // nowhere to go: it stays
    }
  }
  CHECK(moved > 0.0);
  CHECK(total(after) == doctest::Approx(total(before) - 0.2 * moved));
}

TEST_CASE("evacuated plant that must be rebuilt joins its plants only months later") {
  Economy economy(consumer_world(45));
  const auto before = capital_of(economy);
  PolicyEvent evacuation = half_of_region_0_to_region_1();
  evacuation.months = 2;
  economy.apply(evacuation, 3);
  const auto& firms = economy.enterprises();
  double west_before = 0.0, east_before = 0.0, east_after = 0.0, travelling = 0.0;
  for (std::size_t e = 0; e < firms.size(); ++e) {
    (firms[e].region == 0 ? west_before : east_before) += before[e];
    east_after += firms[e].region == 1 ? firms[e].capital : 0.0;
  }
  for (const auto& shipment : economy.world().in_transit) {
    CHECK(shipment.due == 5);
    CHECK(firms[shipment.enterprise].region == 1);
    travelling += shipment.capital;
  }
  CHECK(east_after == east_before); // nothing has arrived yet
  CHECK(travelling > 0.0);
  World world = economy.world();
  restart_evacuated_plant(world, 4);
  CHECK(world.in_transit.size() == economy.world().in_transit.size()); // not yet due
  restart_evacuated_plant(world, 5);
  CHECK(world.in_transit.empty());
  double east_now = 0.0;
  for (const auto& firm : world.enterprises) {
    east_now += firm.region == 1 ? firm.capital : 0.0;
  }
  CHECK(east_now == doctest::Approx(east_before + travelling));
  CHECK(travelling <= 0.8 * 0.5 * west_before + 1e-9);
}

TEST_CASE("a conversion turns one sector's capital over to another in the same region") {
  Economy economy(consumer_world(43));
  const auto before = capital_of(economy);
  PolicyEvent conversion = event_of_kind(PolicyEvent::Kind::conversion);
  conversion.sector = Sector::consumer;
  conversion.to_sector = Sector::military;
  conversion.capital_share = 0.3;
  economy.apply(conversion, 0);
  const auto after = capital_of(economy);
  const auto& firms = economy.enterprises();
  for (std::uint32_t r = 0; r < 2; ++r) {
    double consumer = 0.0, military = 0.0, consumer_after = 0.0, military_after = 0.0;
    for (std::size_t e = 0; e < firms.size(); ++e) {
      const auto sector = economy.goods().sector(firms[e].good);
      if (firms[e].region != r) {
        continue;
      }
      if (sector == Sector::consumer) {
        consumer += before[e];
        consumer_after += after[e];
      } else if (sector == Sector::military) {
        military += before[e];
        military_after += after[e];
      } else {
        CHECK(after[e] == before[e]);
      }
    }
    REQUIRE(military > 0.0);
    CHECK(consumer_after == doctest::Approx(0.7 * consumer));
    CHECK(military_after == doctest::Approx(military + 0.3 * consumer));
  }
}
