// The economy's phases and wiring (economy.cpp): determinism and the policy timeline.

#include "tiny_runs.hpp"

#include "plansim/engine/parallel.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

// Piece rates with a norm ratchet, discontent acting on effort, quits and stoppages,
// inventions, a CES capacity and new enterprises.
void work_mechanisms_on(EconomyParams& p) {
  p.work.pay_scheme = PayScheme::piece;
  p.work.norm_ratchet = 0.5;
  p.work.discontent_effort = 0.5;
  p.work.discontent_quits = 0.1;
  p.work.stoppage_threshold = 0.02;
  p.work.stoppage_probability = 0.3;
  p.technology.invention_rate = 2.0; // and inventions to adopt
  p.enterprises.substitution_elasticity = 0.4;
  p.planner.plant_saturation = 1.0; // and new enterprises (from 1929)
  p.enterprises.depreciation = 0.002;
}

} // namespace

TEST_CASE("an economy's series are bitwise identical at 1, 2 and 4 threads") {
  const auto run = [](int threads, std::uint64_t seed) {
    engine::ThreadLimit limit(threads);
    auto params = tiny_world(seed, 1931);
    params.enterprises.count = 600; // several chunks per parallel loop
    params.artels.count = 600;      // the artels' decisions too (chunks of 256)
    if (seed == 7) {
      work_mechanisms_on(params);
    }
    Economy economy(params);
    economy.run();
    std::vector<double> flat;
    for (const auto& frame : economy.recorder().history()) {
      flat.insert(flat.end(), frame.values.begin(), frame.values.end());
    }
    return flat;
  };
  const auto identical = [](const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
  };
  const auto one = run(1, 5);
  const auto same = [&](const std::vector<double>& other) { return identical(one, other); };
  CHECK(same(run(2, 5)));
  CHECK(same(run(4, 5)));
  CHECK_FALSE(same(run(2, 6)));
  SUBCASE("with effort, norms, quits, stoppages, inventions, CES capacity, new plants") {
    const auto first = run(1, 7);
    CHECK(identical(first, run(2, 7)));
    CHECK(identical(first, run(4, 7)));
  }
}

TEST_CASE("policy changes apply at their tick and are logged") {
  auto params = tiny_world(1, 1931);
  Economy economy(params);
  economy.set_policy([](int tick, EconomyParams& p) {
    PolicyChanges changes;
    if (tick == 24) {
      p.enterprises.audit_probability = 1.0;
      changes.parameter_changes.push_back("enterprises.audit_probability = 1");
    }
    return changes;
  });
  economy.run();
  CHECK(economy.params().enterprises.audit_probability == 1.0);
  const auto events = economy.take_events();
  REQUIRE_FALSE(events.empty());
  CHECK(events.front().tick == 24);
  const auto falsified = economy.recorder().history_of("falsified_share");
  CHECK(falsified.back() == 0.0); // with certain audits nobody falsifies
}

TEST_CASE("each month runs the phases of docs/ODD.md section 3 in their order") {
  Economy economy(tiny_world(1, 1928));
  std::vector<std::string> names;
  for (const auto& phase : economy.pipeline().timings()) {
    names.push_back(phase.name);
  }
  CHECK(names == std::vector<std::string>{"policy", "deliver", "plan", "produce", "report",
                                          "allocate", "artels", "shop", "work", "invest",
                                          "record"});
}
