// Panel snapshots (panels.cpp).

#include "tiny_runs.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("panel snapshots: enterprises by index, households and artels by id") {
  auto params = tiny_world(5, 1929);
  params.households.workforce_growth = 0.1;
  params.panel_every = 6;
  params.panel = {};
  params.panel_households = {"income", "workplace", "employer"};
  params.panel_artels = {"members"};
  Economy economy(params);
  const auto panels = economy.panels();
  REQUIRE(panels.size() == 2); // no enterprise fields: no enterprise panel
  CHECK(panels[0].kind == "households");
  CHECK(panels[0].by_id);
  CHECK(panels[0].agents == 2000);
  CHECK(panels[1].kind == "artels");
  economy.run();
  std::vector<std::size_t> widths;
  for (const auto& frame : economy.recorder().history()) {
    if (frame.tick % 6 != 0) {
      CHECK(frame.panels.empty());
      continue;
    }
    REQUIRE(frame.panels.size() == 2);
    REQUIRE(frame.panels[0].size() % 3 == 0);
    widths.push_back(frame.panels[0].size() / 3);
  }
  CHECK(widths.size() == 4);
  CHECK(widths.front() == 2000);
  CHECK(widths.back() == economy.households().id_bound()); // grew in January 1929
  CHECK(widths.back() > widths.front());
  // The last snapshot (December 1929 is tick 23; the last one is tick 18) has each live
  // worker's workplace and employer in its id's column; the ids of the dead are NaN.
  const auto& last = economy.recorder().history()[18].panels[0];
  const std::size_t width = last.size() / 3;
  std::size_t alive = 0;
  for (std::size_t id = 0; id < width; ++id) {
    const double workplace = last[width + id];
    const double employer = last[2 * width + id];
    if (std::isnan(workplace)) {
      CHECK(std::isnan(employer));
      continue;
    }
    ++alive;
    CHECK((workplace == 0.0 || workplace == 1.0));
    if (workplace == 0.0) {
      CHECK(employer < double(economy.enterprises().size()));
    }
  }
  CHECK(alive > 2000);
  CHECK(Economy::household_panel_fields().front() == "region");
  CHECK(Economy::artel_panel_fields().size() > 5);
}

TEST_CASE("the enterprise panel widens when artels are nationalised into enterprises") {
  auto params = tiny_world(6, 1929);
  params.panel_every = 12;
  params.panel = {"capital", "good"};
  const auto nationalise = event_of_kind(PolicyEvent::Kind::artel_nationalisation);
  Economy economy(params);
  economy.set_policy([&](int tick, EconomyParams&) {
    PolicyChanges changes;
    if (tick == 6) {
      changes.events.push_back(nationalise);
    }
    return changes;
  });
  REQUIRE(economy.panels().front().by_id);
  economy.run();
  const auto& frames = economy.recorder().history();
  const std::size_t before = frames[0].panels[0].size() / 2;
  const std::size_t after = frames[12].panels[0].size() / 2;
  CHECK(before == 60);
  CHECK(after == economy.enterprises().size());
  CHECK(after > before);
}
