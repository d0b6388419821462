// Deliveries (supply.cpp): output stocks, shipments and the shortage managers remember.

#include "tiny_runs.hpp"

#include <doctest/doctest.h>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

constexpr std::uint64_t seeds[] = {11, 12, 13};

} // namespace

TEST_CASE("unsold output stays in its producers' stocks; the military and the shops take all") {
  for (auto seed : seeds) {
    auto params = tiny_world(seed, 1931);
    params.enterprises.ratchet = 0.3; // configs/calibrated.yaml: heavy goods beyond planned uses
    Economy economy(params);
    economy.run();
    double stocks = 0.0, made = 0.0;
    for (const auto& firm : economy.enterprises()) {
      const Sector sector = economy.goods().sector(firm.good);
      if (sector == Sector::military || sector == Sector::consumer) {
        CHECK(firm.output_stock == doctest::Approx(0.0));
      }
      CHECK(firm.output_stock >= 0.0);
      stocks += firm.output_stock;
      made += firm.output;
    }
    CHECK(stocks > 0.0);
    CHECK(economy.recorder().history_of("output_stock_ratio").back() ==
          doctest::Approx(stocks / made));
  }
}

TEST_CASE("every producer of a good ships the same share of what it has") {
  auto params = tiny_world(12, 1929);
  params.enterprises.ratchet = 0.3;
  Economy economy(params);
  economy.run();
  const auto& world = economy.world();
  for (std::size_t g = 0; g < world.goods.count(); ++g) {
    const auto share_of = [](const Enterprise& firm) {
      return firm.shipped / (firm.shipped + firm.output_stock);
    };
    const double first = share_of(world.enterprises[world.enterprises_of_good[g].front()]);
    world.for_each_producer(g, g + 1, [&](const Enterprise& firm) {
      if (firm.shipped + firm.output_stock > 0) {
        CHECK(share_of(firm) == doctest::Approx(first));
      }
    });
  }
}

TEST_CASE("an enterprise remembers the share of its requests that was not delivered") {
  auto params = tiny_world(13, 1930);
  params.planner.tautness = 1.3; // plans that do not fit: inputs run short
  Economy economy(params);
  economy.run();
  double remembered = 0.0;
  for (const auto& firm : economy.enterprises()) {
    CHECK(firm.experienced_shortage >= 0.0);
    CHECK(firm.experienced_shortage <= 1.0);
    remembered += firm.experienced_shortage;
  }
  CHECK(remembered > 0.0);
  const auto shortage = economy.recorder().history_of("shortage_inputs");
  CHECK(mean(shortage, 0, shortage.size()) > 0.0);
}
