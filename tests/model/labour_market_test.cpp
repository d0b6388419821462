// The labour market (labour_market.cpp): jobs, pay, the wage fund and workforce growth.

#include "consumer_world.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = consumer_seeds;

// Mean pay of skilled workers at the end of a run, relative to the skilled state wage. Artels
// are made twice as productive so that pay differs between workplaces (in both arms).
double skilled_pay(std::uint64_t seed, double mobility) {
  auto params = consumer_world(seed);
  params.households.mobility = mobility;
  params.artels.relative_productivity = 2.0;
  Economy economy(params);
  economy.run();
  double pay = 0.0, skilled = 0.0;
  for (const auto& worker : economy.households().agents()) {
    if (worker.skilled) {
      pay += worker.income;
      skilled += 1.0;
    }
  }
  return pay / skilled / (economy.state_wage() * params.households.skill_premium);
}

} // namespace

TEST_CASE("higher mobility moves skilled workers to better pay") {
  double settled = 0.0, mobile = 0.0;
  for (auto seed : seeds) {
    const double low = skilled_pay(seed, 0.01);
    CHECK(skilled_pay(seed, 0.5) > low);
    settled += low;
    mobile += skilled_pay(seed, 0.2);
  }
  CHECK(mobile / double(std::size(seeds)) > settled / double(std::size(seeds)) + 0.01);
}

TEST_CASE("every worker has a job and every artel member an artel") {
  Economy economy(consumer_world(31));
  economy.run();
  const auto& artels = economy.artels();
  int members = 0;
  for (const auto& worker : economy.households().agents()) {
    if (worker.workplace == Workplace::artel) {
      CHECK(artels.alive(worker.employer));
      ++members;
    } else {
      CHECK(worker.employer < economy.enterprises().size());
      CHECK(economy.enterprises()[worker.employer].region == worker.region);
    }
  }
  int counted = 0;
  for (const auto& artel : artels.agents()) {
    counted += artel.members;
  }
  CHECK(counted == members);
}

TEST_CASE("an enterprise's labour is its skilled and unskilled workers, skill weighted") {
  auto params = consumer_world(33);
  params.households.skill_weight = 3.0;
  Economy economy(params);
  economy.run();
  const auto& firms = economy.enterprises();
  std::vector<int> skilled(firms.size(), 0), unskilled(firms.size(), 0);
  for (const auto& worker : economy.households().agents()) {
    if (worker.workplace == Workplace::state) {
      ++(worker.skilled ? skilled : unskilled)[worker.employer];
    }
  }
  int skilled_total = 0;
  for (std::size_t e = 0; e < firms.size(); ++e) {
    CHECK(firms[e].skilled_workers == skilled[e]);
    CHECK(firms[e].unskilled_workers == unskilled[e]);
    CHECK(firms[e].workers == doctest::Approx(3.0 * skilled[e] + unskilled[e]));
    skilled_total += skilled[e];
  }
  CHECK(skilled_total > 0);
}

TEST_CASE("the workforce grows each January by households.workforce_growth, into state jobs") {
  auto params = consumer_world(34);
  params.households.workforce_growth = 0.1;
  params.artels.formation_rate = 0.0;
  const auto workers = run_series(params, {}, "workers");
  CHECK(workers[11] == workers[0]);                                        // no newcomers in 1928
  CHECK(workers[12] == doctest::Approx(1.1 * workers[11]).epsilon(0.001)); // January 1929
  CHECK(workers[23] == workers[12]);
}

TEST_CASE("the state wage is sticky: within -5 % and +15 % a year") {
  for (double drift : {-0.5, 0.0, 0.5}) {
    auto params = consumer_world(35);
    params.planner.wage_drift = drift;
    Economy economy(params);
    double wage = economy.state_wage();
    for (int tick = 0; tick < economy.calendar().tick_count(); ++tick) {
      economy.pipeline().run_tick(tick);
      CHECK(economy.state_wage() >= wage * 0.95 - 1e-12);
      CHECK(economy.state_wage() <= wage * 1.15 + 1e-12);
      wage = economy.state_wage();
    }
  }
}

namespace {

// A world whose industry wants 10 % more workers each January and whose artels never form
// (so every newcomer is a state worker), and a labour pool of `size` times its workforce.
struct PoolWorld {
  EconomyParams params = consumer_world(36);
  PolicyEvent pool = event_of_kind(PolicyEvent::Kind::labour_pool);

  explicit PoolWorld(double size) {
    params.households.workforce_growth = 0.1;
    params.artels.formation_rate = 0.0;
    pool.pool_size = size;
  }
  std::vector<double> run(const char* series) const {
    return run_series(params, {{1, pool}}, series);
  }
};

} // namespace

TEST_CASE("a labour pool caps the newcomers at the pool less the workforce; the pool grows") {
  PoolWorld world(1.15);
  auto& pool = world.pool;
  const auto run = [&](double growth, const char* series) {
    pool.pool_growth = growth;
    return world.run(series);
  };
  const auto workers = run(0.0, "workers");
  const auto reserve = run(0.0, "labour_reserve");
  const double start = workers[0];
  CHECK(reserve[0] == 0.0); // no pool before the event
  CHECK(reserve[1] == doctest::Approx(0.15 * start).epsilon(0.01));
  CHECK(workers[12] == doctest::Approx(1.1 * start).epsilon(0.001));  // wanted: 10 % come
  CHECK(workers[24] == doctest::Approx(1.15 * start).epsilon(0.001)); // only 5 % were left
  CHECK(workers[36] == workers[24]);                                  // none left
  CHECK(reserve[36] < 1.0);
  // A growing pool lets in its growth each year once the reserve is used up.
  const auto growing = run(0.02, "workers");
  CHECK(growing[36] == doctest::Approx(1.02 * growing[24]).epsilon(0.002));
  CHECK(growing[48] == doctest::Approx(1.02 * growing[36]).epsilon(0.002));
}

TEST_CASE("a draining labour pool lets in only its drain's share of the reserve each year") {
  PoolWorld world(1.2);
  world.pool.pool_drain = 0.25;
  const auto workers = world.run("workers");
  const auto reserve = world.run("labour_reserve");
  const double start = workers[0];
  // A quarter of the reserve of 0.2 comes in the first January (0.05, under the 0.1 wanted),
  // a quarter of what is left the next: the flow thins as the reserve empties.
  CHECK(workers[12] == doctest::Approx(1.05 * start).epsilon(0.001));
  CHECK(workers[24] == doctest::Approx(1.0875 * start).epsilon(0.001));
  CHECK(reserve[24] == doctest::Approx(0.1125 * start).epsilon(0.01));
  CHECK(workers[24] - workers[12] < workers[12] - workers[0]);
  world.pool.pool_drain = 0.0; // nobody may come
  const auto closed = world.run("workers");
  CHECK(closed[24] == closed[0]);
}
