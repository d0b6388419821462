// Work and pay (work.cpp): effort under each pay scheme, pay for work, norm ratchets,
// quits and stoppages.

#include "consumer_world.hpp"

#include "plansim/model/work.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = consumer_seeds;

WorkParams work_params() {
  WorkParams p;
  p.piece_effort = 1.2;
  p.income_effect = 2.0;
  p.monitoring = 0.5;
  return p;
}

// The consumer world with every state worker paid under `scheme` and discontent acting on
// work.
EconomyParams paid_by(std::uint64_t seed, PayScheme scheme) {
  auto p = consumer_world(seed);
  p.work.pay_scheme = scheme;
  p.work.discontent_effort = 0.5;
  return p;
}

double mean_of(const EconomyParams& params, const char* series) {
  const auto values = run_series(params, {}, series);
  return mean(values, values.size() / 2, values.size());
}

} // namespace

TEST_CASE("time wages hold the customary effort whatever the norm") {
  const auto p = work_params();
  CHECK(scheme_effort(PayScheme::time, 0.0, 10, 1.0, p) == 1.0);
  CHECK(scheme_effort(PayScheme::time, 0.0, 10, 1.5, p) == 1.0);
}

TEST_CASE("by the piece a worker works harder, and harder still as norms rise when eta > 1") {
  auto p = work_params();
  CHECK(scheme_effort(PayScheme::piece, 0.0, 10, 1.0, p) == doctest::Approx(1.2));
  CHECK(scheme_effort(PayScheme::piece, 0.0, 10, 1.331, p) == doctest::Approx(1.2 * 1.1));
  p.income_effect = 1.0; // log utility: a norm rise is a pure pay cut
  CHECK(scheme_effort(PayScheme::piece, 0.0, 10, 1.5, p) == doctest::Approx(1.2));
}

TEST_CASE("a commune's members free ride unless their fellows' watching stops them") {
  auto p = work_params();
  const double alone = scheme_effort(PayScheme::piece, 0.0, 1, 1.0, p);
  CHECK(scheme_effort(PayScheme::commune, 1.0, 1, 1.0, p) == doctest::Approx(alone));
  // s = 1/10 + 0.5 * 9/10 = 0.55; effort = 1.2 * 0.55^(1/3).
  CHECK(scheme_effort(PayScheme::commune, 1.0, 10, 1.0, p) ==
        doctest::Approx(1.2 * std::cbrt(0.55)));
  p.monitoring = 1.0;
  CHECK(scheme_effort(PayScheme::commune, 1.0, 10, 1.0, p) == doctest::Approx(alone));
  p.monitoring = 0.0;
  CHECK(scheme_effort(PayScheme::commune, 1.0, 50, 1.0, p) <
        scheme_effort(PayScheme::commune, 1.0, 10, 1.0, p));
}

TEST_CASE("a committee that levels pay weakens the piece rate's pull by the share it pools") {
  const auto p = work_params();
  CHECK(pooled_share(PayScheme::commune, false, p) == 1.0);
  CHECK(pooled_share(PayScheme::piece, true, p) == 0.0);
  auto levelling = p;
  levelling.committee_levelling = 0.5;
  CHECK(pooled_share(PayScheme::piece, true, levelling) == 0.5);
  CHECK(pooled_share(PayScheme::time, false, levelling) == 0.0);
  // s = 0.5 + 0.5 * 0.55 = 0.775; effort = 1.2 * 0.775^(1/3).
  CHECK(scheme_effort(PayScheme::piece, 0.5, 10, 1.0, p) ==
        doctest::Approx(1.2 * std::cbrt(0.775)));
  CHECK(scheme_effort(PayScheme::piece, 1.0, 10, 1.0, p) ==
        doctest::Approx(scheme_effort(PayScheme::commune, 1.0, 10, 1.0, p)));
  CHECK(scheme_effort(PayScheme::time, 0.5, 10, 1.0, p) == 1.0);
}

TEST_CASE("discontent withdraws effort") {
  auto p = work_params();
  p.discontent_effort = 0.5;
  CHECK(effort_of(1.2, 0.0, p) == doctest::Approx(1.2));
  CHECK(effort_of(1.2, 0.4, p) == doctest::Approx(1.2 * 0.8));
  p.discontent_effort = 1.0;
  CHECK(effort_of(1.2, 1.0, p) == 0.0);
}

TEST_CASE("pay follows the scheme: the hours, the piece against the norm, or equal shares") {
  Household worker;
  worker.effort = 1.3;
  Enterprise firm;
  firm.norm = 1.1;
  firm.effort = 1.0;
  firm.pay_factor = 1.2;
  const auto pay_under = [&](PayScheme scheme) {
    firm.pay_scheme = scheme;
    firm.pooled_pay = scheme == PayScheme::commune ? 1.0 : 0.0;
    return pay_for_work(1.5, 1.0, worker, pay_terms(firm));
  };
  CHECK(pay_under(PayScheme::time) == 1.5);
  CHECK(pay_under(PayScheme::piece) == doctest::Approx(1.5 * 1.3 / 1.1));
  // Every member gets the team's mean base pay times its mean effort over the norm.
  CHECK(pay_under(PayScheme::commune) == doctest::Approx(1.2 * 1.0 / 1.1));
  firm.stopped = true;
  CHECK(pay_under(PayScheme::time) == 0.0);
}

TEST_CASE("a levelling committee pays part of the enterprise's mean pay instead of one's own") {
  Household worker;
  worker.effort = 1.3;
  Enterprise firm;
  firm.norm = 1.1;
  firm.effort = 1.0;
  firm.pay_factor = 1.2; // the enterprise's mean base pay, the unskilled wage being 1
  firm.pooled_pay = 0.25;
  firm.pay_scheme = PayScheme::time;
  // A skilled worker's 1.5 moves a quarter of the way to the mean 1.2.
  CHECK(pay_for_work(1.5, 1.0, worker, pay_terms(firm)) ==
        doctest::Approx(0.75 * 1.5 + 0.25 * 1.2));
  CHECK(pay_for_work(1.0, 1.0, worker, pay_terms(firm)) ==
        doctest::Approx(0.75 * 1.0 + 0.25 * 1.2));
  firm.pay_scheme = PayScheme::piece;
  CHECK(pay_for_work(1.5, 1.0, worker, pay_terms(firm)) ==
        doctest::Approx(0.75 * 1.5 * 1.3 / 1.1 + 0.25 * 1.2 * 1.0 / 1.1));
}

TEST_CASE("the norm ratchets up only where it was exceeded") {
  auto p = work_params();
  p.norm_ratchet = 0.5;
  Enterprise firm;
  firm.norm = 1.0;
  firm.effort = 1.2;
  CHECK(ratcheted_norm(firm, p) == doctest::Approx(1.1));
  firm.effort = 0.9;
  CHECK(ratcheted_norm(firm, p) == 1.0);
  firm.norm = 1.2;
  firm.norm_reference = 1.0;
  CHECK(norm_rise(firm) == doctest::Approx(0.2));
}

TEST_CASE("by default effort stays customary and nobody quits or stops work") {
  const auto params = consumer_world(21);
  for (const char* series : {"effort"}) {
    for (double v : run_series(params, {}, series)) {
      CHECK(v == 1.0);
    }
  }
  for (const char* series : {"quits", "stoppages"}) {
    for (double v : run_series(params, {}, series)) {
      CHECK(v == 0.0);
    }
  }
}

TEST_CASE("piece rates raise effort and output over time wages") {
  for (auto seed : seeds) {
    CHECK(mean_of(paid_by(seed, PayScheme::piece), "effort") >
          mean_of(paid_by(seed, PayScheme::time), "effort") + 0.1);
    CHECK(mean_of(paid_by(seed, PayScheme::piece), "output_true") >
          mean_of(paid_by(seed, PayScheme::time), "output_true"));
  }
}

TEST_CASE("a norm ratchet raises norms, effort and discontent under piece rates") {
  for (auto seed : seeds) {
    auto steady = paid_by(seed, PayScheme::piece);
    auto ratcheted = steady;
    ratcheted.work.norm_ratchet = 0.5;
    CHECK(mean_of(steady, "norm_index") == 1.0);
    CHECK(mean_of(ratcheted, "norm_index") > 1.05);
    CHECK(mean_of(ratcheted, "effort") > mean_of(steady, "effort"));
    CHECK(mean_of(ratcheted, "discontent") > mean_of(steady, "discontent"));
  }
}

TEST_CASE("communes without mutual monitoring free ride") {
  for (auto seed : seeds) {
    auto watched = paid_by(seed, PayScheme::commune);
    auto unwatched = watched;
    unwatched.work.monitoring = 0.0;
    CHECK(mean_of(unwatched, "effort") < mean_of(watched, "effort") - 0.1);
    CHECK(mean_of(unwatched, "output_true") < mean_of(watched, "output_true"));
  }
}

TEST_CASE("discontented workers quit, and past the threshold they stop work") {
  int stopped_runs = 0;
  for (auto seed : seeds) {
    auto params = paid_by(seed, PayScheme::piece);
    params.work.norm_ratchet = 1.0;
    params.work.discontent_quits = 0.2;
    params.work.stoppage_threshold = 0.02;
    params.work.stoppage_probability = 0.5;
    CHECK(mean_of(params, "quits") > 0.0);
    stopped_runs += mean_of(params, "stoppages") > 0.0 ? 1 : 0;
    auto calm = params;
    calm.work.stoppage_probability = 0.0;
    CHECK(mean_of(calm, "stoppages") == 0.0);
  }
  CHECK(stopped_runs >= 4);
}

TEST_CASE("committees that level pay by the piece lower effort, less so when workers watch") {
  for (auto seed : seeds) {
    auto committees = paid_by(seed, PayScheme::piece);
    committees.work.committee_share = 1.0;
    auto levelling = committees;
    levelling.work.committee_levelling = 1.0;
    const double unlevelled = mean_of(committees, "effort");
    const double levelled = mean_of(levelling, "effort");
    CHECK(levelled < unlevelled - 0.05);
    CHECK(mean_of(levelling, "output_true") < mean_of(committees, "output_true"));
    auto watched = levelling;
    watched.work.monitoring = 1.0;
    CHECK(mean_of(watched, "effort") == doctest::Approx(unlevelled).epsilon(0.02));
  }
}

TEST_CASE("committees are a fixed draw per enterprise: a larger share keeps the smaller one's") {
  int at_third = 0, at_two_thirds = 0;
  for (std::uint32_t id = 0; id < 3000; ++id) {
    CHECK_FALSE(has_committee(5, id, 0.0));
    CHECK(has_committee(5, id, 1.0));
    const bool third = has_committee(5, id, 1.0 / 3.0);
    const bool two_thirds = has_committee(5, id, 2.0 / 3.0);
    CHECK((!third || two_thirds));
    at_third += third ? 1 : 0;
    at_two_thirds += two_thirds ? 1 : 0;
  }
  CHECK(at_third == doctest::Approx(1000).epsilon(0.1));
  CHECK(at_two_thirds == doctest::Approx(2000).epsilon(0.1));
}

TEST_CASE("a share of enterprises can be communes while the rest are paid by the piece") {
  int communes = 0;
  for (std::uint32_t id = 0; id < 3000; ++id) {
    communes += is_commune(5, id, 0.25) ? 1 : 0;
  }
  CHECK(communes == doctest::Approx(750).epsilon(0.1));
  for (auto seed : seeds) {
    const auto piece = paid_by(seed, PayScheme::piece);
    auto mixed = piece;
    mixed.work.commune_share = 0.5;
    auto all_communes = piece;
    all_communes.work.commune_share = 1.0;
    const double all_piece_effort = mean_of(piece, "effort");
    const double mixed_effort = mean_of(mixed, "effort");
    CHECK(mean_of(all_communes, "effort") < mixed_effort - 0.02);
    CHECK(mixed_effort < all_piece_effort - 0.02);
    // A commune share of 1 is the commune scheme.
    CHECK(mean_of(all_communes, "output_true") ==
          mean_of(paid_by(seed, PayScheme::commune), "output_true"));
  }
}

TEST_CASE("workers' committees report honestly and better, and keep norms from ratcheting") {
  for (auto seed : seeds) {
    auto managers = tiny_world(seed, 1933); // the ratchet makes managers hide capacity
    managers.work.pay_scheme = PayScheme::piece;
    managers.work.norm_ratchet = 0.5;
    auto committees = managers;
    committees.work.committee_share = 1.0;
    CHECK(mean_of(managers, "hidden_capacity_share") > 0.0);
    for (const char* series : {"hidden_capacity_share", "falsified_share"}) {
      for (double v : run_series(committees, {}, series)) {
        CHECK(v == 0.0);
      }
    }
    CHECK(mean_of(committees, "planner_information_error") <
          mean_of(managers, "planner_information_error"));
    CHECK(mean_of(managers, "norm_index") > 1.05);
    CHECK(mean_of(committees, "norm_index") == 1.0);
    // Honest but as noisy as managers: the information error still falls (no hiding).
    auto noisy = committees;
    noisy.work.committee_noise = 1.0;
    CHECK(mean_of(noisy, "planner_information_error") >
          mean_of(committees, "planner_information_error"));
  }
}
