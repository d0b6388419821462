// The artel sector (artel_sector.cpp): local information, materials, nationalisation.

#include "consumer_world.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = consumer_seeds;

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

// Months after the shock until a region's shortage has come down by half of its jump (24 at
// most): the baseline is the six months before the shock, the peak the worst of three after.
int months_to_halve(const std::vector<double>& shortage, int shock) {
  const auto at = static_cast<std::size_t>(shock);
  const double before = mean(shortage, at - 6, at);
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
    with_artels += months_to_halve(
        run_consumer_world(seed, keep_as_is, events, "shortage_consumer", 0, "region"), shock);
    state_alone += months_to_halve(
        run_consumer_world(seed, no_artels, events, "shortage_consumer", 0, "region"), shock);
  }
  with_artels /= double(std::size(seeds));
  state_alone /= double(std::size(seeds));
  MESSAGE("months to halve the shock: with artels " << with_artels << ", state shops alone "
                                                    << state_alone);
  CHECK(with_artels + 1.0 < state_alone);
}

TEST_CASE("nationalising the artels raises shortage, far more when the state's information is "
          "late and noisy than when it is instant and exact") {
  const int shock = 36;
  const Events keep = {{shock, demand_shift(0, 0, 3.0)}};
  const Events nationalise = {{24, event_of_kind(PolicyEvent::Kind::artel_nationalisation)},
                              {shock, demand_shift(0, 0, 3.0)}};
  const auto effect = [&](const Change& information) {
    double total = 0.0;
    for (auto seed : seeds) {
      const auto kept =
          run_consumer_world(seed, information, keep, "shortage_consumer", 0, "region");
      const auto taken =
          run_consumer_world(seed, information, nationalise, "shortage_consumer", 0, "region");
      total += mean(taken, shock, shock + 12) - mean(kept, shock, shock + 12);
    }
    return total / double(std::size(seeds));
  };
  const double late = effect(late_noisy_reports);
  const double instant = effect(instant_exact_reports);
  MESSAGE("shortage after the shock, nationalised - kept: late reports " << late << ", instant "
                                                                         << instant);
  // The nationalised artels become planned state enterprises: even with instant, exact
  // reports the yearly plan answers the shock later than the artels did.
  CHECK(late > 0.03);
  CHECK(instant < late / 2.0);
  CHECK(late > instant + 0.03);
}

TEST_CASE("bureaus' hostility to artels lowers artel output") {
  for (auto seed : seeds) {
    const auto friendly = run_consumer_world(seed, keep_as_is, {}, "artel_output");
    const auto hostile = run_consumer_world(
        seed, [](EconomyParams& p) { p.artels.supply_hostility = 0.8; }, {}, "artel_output");
    CHECK(mean(hostile, 12, 72) < 0.9 * mean(friendly, 12, 72));
  }
}

TEST_CASE("after a restriction no artel forms") {
  // A demand shock makes the queues that artels form in.
  const Events shock = {{12, demand_shift(0, 0, 3.0)}, {12, demand_shift(1, 1, 3.0)}};
  Events restricted = shock;
  restricted.push_back({0, event_of_kind(PolicyEvent::Kind::artel_restriction)});
  double formed_freely = 0.0;
  for (auto seed : seeds) {
    const auto free = run_consumer_world(seed, keep_as_is, shock, "artels_formed");
    const auto formed = run_consumer_world(seed, keep_as_is, restricted, "artels_formed");
    CHECK(std::count(formed.begin(), formed.end(), 0.0) == std::ssize(formed));
    formed_freely += mean(free, 0, free.size());
  }
  CHECK(formed_freely > 0.0); // without the restriction, artels do form
}
