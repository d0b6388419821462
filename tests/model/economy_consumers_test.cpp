// Acceptance checks of the consumer side (issue: households, artels, shops and labour), each
// on a tiny world over several seeds, comparing arms that differ in one mechanism only.

#include "tiny_world.hpp"

#include "plansim/model/economy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <vector>

using namespace plansim;
using namespace plansim::model;

namespace {

constexpr std::uint64_t seeds[] = {21, 22, 23, 24, 25, 26};

// The tiny world, 1928-1933, with the planning side kept calm (no capacity hiding) so that the
// consumer side is what moves.
EconomyParams tiny(std::uint64_t seed) {
  auto p = testing::tiny_world(seed, 1933);
  p.enterprises.ratchet = 0.0;
  return p;
}

using Change = std::function<void(EconomyParams&)>;
using Events = std::vector<std::pair<int, PolicyEvent>>;

// Runs the tiny world with a change and dated structural events; returns a series.
std::vector<double> run(std::uint64_t seed, const Change& change, const Events& events,
                        const char* series, std::size_t column = 0, const char* group = "") {
  auto params = tiny(seed);
  change(params);
  Economy economy(params);
  economy.set_policy([&](int tick, EconomyParams&) {
    PolicyChanges changes;
    for (const auto& [at, event] : events) {
      if (at == tick) {
        changes.events.push_back(event);
      }
    }
    return changes;
  });
  economy.run();
  return economy.recorder().history_of(series, column, group);
}

double mean(const std::vector<double>& values, int from, int to) {
  return std::accumulate(values.begin() + from, values.begin() + to, 0.0) / double(to - from);
}

PolicyEvent demand_shift(std::uint32_t region, std::uint32_t good, double factor) {
  PolicyEvent event;
  event.kind = PolicyEvent::Kind::demand_shift;
  event.regions = {region};
  event.consumer_good = good;
  event.factor = factor;
  return event;
}

PolicyEvent of_kind(PolicyEvent::Kind kind) {
  PolicyEvent event;
  event.kind = kind;
  return event;
}

void no_artels(EconomyParams& p) {
  p.artels.employment_share = 0.0;
  p.artels.formation_rate = 0.0;
}

void information_only(EconomyParams& p) {
  // Nationalisation changes prices, supplies, pay and the budget constraint too; hold those
  // fixed so that only who decides, with what information, differs between the arms.
  p.artels.price_band = 0.0;
  p.artels.supply_hostility = 0.0;
  p.artels.formation_rate = 0.0;
  p.artels.loss_months = 1200;
  p.households.mobility = 0.0;
}

void late_noisy_reports(EconomyParams& p) {
  information_only(p);
  p.report_channel = {12, 2, 0.5, 0.0};
}

void instant_exact_reports(EconomyParams& p) {
  information_only(p);
  p.report_channel = {0, 0, 0.0, 0.0};
  p.artels.information_delay = 0;
  p.artels.information_noise = 0.0;
}

// Mean pay of skilled workers at the end of a run, relative to the skilled state wage. Artels
// are made twice as productive so that pay differs between workplaces (in both arms).
double skilled_pay(std::uint64_t seed, double mobility) {
  auto params = tiny(seed);
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

// Months after the shock until a region's shortage has come down by half of its jump (24 at
// most): the baseline is the six months before the shock, the peak the worst of three after.
int months_to_halve(const std::vector<double>& shortage, int shock) {
  const double before = mean(shortage, shock - 6, shock);
  const auto peak_at = std::max_element(shortage.begin() + shock, shortage.begin() + shock + 3);
  const double half = before + 0.5 * (*peak_at - before);
  const int peak = static_cast<int>(peak_at - shortage.begin());
  for (int month = peak; month < peak + 24; ++month) {
    if (shortage[static_cast<std::size_t>(month)] <= half) {
      return month - shock;
    }
  }
  return 24;
}

} // namespace

TEST_CASE("artels bring a region's shortage down after a demand shock faster than state shops "
          "alone") {
  const int shock = 24;
  const Events events = {{shock, demand_shift(0, 0, 3.0)}};
  double with_artels = 0.0, state_alone = 0.0;
  for (auto seed : seeds) {
    const auto keep = [](EconomyParams&) {};
    with_artels +=
        months_to_halve(run(seed, keep, events, "shortage_consumer", 0, "region"), shock);
    state_alone +=
        months_to_halve(run(seed, no_artels, events, "shortage_consumer", 0, "region"), shock);
  }
  with_artels /= double(std::size(seeds));
  state_alone /= double(std::size(seeds));
  MESSAGE("months to halve the shock: with artels " << with_artels << ", state shops alone "
                                                    << state_alone);
  CHECK(with_artels + 1.0 < state_alone);
}

TEST_CASE("nationalising the artels raises shortage when the state's information is late and "
          "noisy, not when it is instant and exact") {
  const int shock = 36;
  const Events keep = {{shock, demand_shift(0, 0, 3.0)}};
  const Events nationalise = {{24, of_kind(PolicyEvent::Kind::artel_nationalisation)},
                              {shock, demand_shift(0, 0, 3.0)}};
  const auto effect = [&](const Change& information) {
    double total = 0.0;
    for (auto seed : seeds) {
      const auto kept = run(seed, information, keep, "shortage_consumer", 0, "region");
      const auto taken = run(seed, information, nationalise, "shortage_consumer", 0, "region");
      total += mean(taken, shock, shock + 12) - mean(kept, shock, shock + 12);
    }
    return total / double(std::size(seeds));
  };
  const double late = effect(late_noisy_reports);
  const double instant = effect(instant_exact_reports);
  MESSAGE("shortage after the shock, nationalised - kept: late reports " << late << ", instant "
                                                                         << instant);
  CHECK(late > 0.03);
  CHECK(instant < 0.02);
  CHECK(late > instant + 0.03);
}

TEST_CASE("bureaus' hostility to artels lowers artel output") {
  for (auto seed : seeds) {
    const auto friendly = run(
        seed, [](EconomyParams&) {}, {}, "artel_output");
    const auto hostile = run(
        seed, [](EconomyParams& p) { p.artels.supply_hostility = 0.8; }, {}, "artel_output");
    CHECK(mean(hostile, 12, 72) < 0.9 * mean(friendly, 12, 72));
  }
}

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
  auto params = tiny(31);
  Economy economy(params);
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
  auto params = tiny(33);
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

TEST_CASE("war destruction takes capital and workers in the regions hit only") {
  auto params = tiny(32);
  PolicyEvent war;
  war.kind = PolicyEvent::Kind::war_destruction;
  war.regions = {1};
  war.capital_share = 0.5;
  war.workers_share = 0.2;
  Economy economy(params);
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
  const auto events = economy.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "war_destruction");
}
