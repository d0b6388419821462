// The series the economy records each month (docs/ODD.md 7.11).

#include "plansim/model/metrics.hpp"

#include "metric_series.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/prefetch.hpp"
#include "plansim/model/artel_sector.hpp"
#include "plansim/model/investment.hpp"
#include "plansim/model/labour_market.hpp"
#include "plansim/model/panels.hpp"
#include "plansim/model/production.hpp"
#include "plansim/model/retail.hpp"
#include "plansim/model/technology.hpp"
#include "plansim/model/work.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

namespace plansim::model {

namespace {

using namespace metric_series;

// Sums over households, reduced in one pass.
struct HouseholdTotals {
  double consumption = 0.0, income = 0.0, forced_savings = 0.0, budget = 0.0, discontent = 0.0,
         in_artels = 0.0, artel_pay = 0.0, state_effort = 0.0;

  static HouseholdTotals of(const Household& h) {
    const bool artel = h.workplace == Workplace::artel;
    return {h.consumption, h.income,          h.forced_savings,       h.budget,
            h.discontent,  artel ? 1.0 : 0.0, artel ? h.income : 0.0, artel ? 0.0 : h.effort};
  }
  HouseholdTotals operator+(const HouseholdTotals& o) const {
    return {consumption + o.consumption,       income + o.income,
            forced_savings + o.forced_savings, budget + o.budget,
            discontent + o.discontent,         in_artels + o.in_artels,
            artel_pay + o.artel_pay,           state_effort + o.state_effort};
  }
};

} // namespace

Metrics::Metrics(const World& world, engine::MetricsRegistry& registry, MonthlyCounts counts)
    : world_(world), counts_(counts) {
  const auto& markets = world.markets;
  std::vector<std::string> sectors(sector_names.begin(), sector_names.end());
  auto scalar = [&](const char* name, const char* units, const char* description) {
    ids_.push_back(registry.add_scalar(name, units, description));
  };
  auto grouped = [&](const char* name, const char* units, const char* description,
                     const char* group, const std::vector<std::string>& columns) {
    ids_.push_back(registry.add_grouped(name, units, description, group, columns));
  };
  scalar("output_true", "base units/month", "true output of all goods at base prices");
  scalar("output_reported", "base units/month", "output as enterprises report it");
  grouped("output_true", "base units/month", "true output by sector", "sector", sectors);
  scalar("capacity_true", "base units/month", "what enterprises could make at full use");
  scalar("capital_stock", "base units", "capital of all enterprises");
  scalar("investment_share", "share", "investment goods delivered / true output");
  scalar("investment", "base units/month", "investment goods delivered to construction");
  scalar("plan_fulfilment_100_105", "share",
         "share of enterprises reporting 100-105 % of their target");
  scalar("plan_fulfilment_below_100", "share", "share of enterprises reporting under target");
  scalar("report_inflation", "ratio", "reported output / true output");
  scalar("hidden_capacity_share", "share",
         "capacity managers held back from the ratchet / capacity (idle capacity for want of "
         "buyers or inputs is not counted)");
  scalar("hoarding_ratio", "months", "input stocks / monthly output");
  scalar("output_stock_ratio", "months",
         "finished goods enterprises could not ship / monthly output (Kornai's output stocks)");
  scalar("shortage_inputs", "share", "input requests not delivered / requested");
  scalar("buffer_request_share", "share",
         "input requests beyond next month's need / requested (hoarding requests, Kornai)");
  const auto [c_first, c_last] = world.goods.range(Sector::consumer);
  std::vector<std::string> regions, consumer_goods;
  for (std::size_t r = 0; r < markets.regions(); ++r) {
    regions.push_back("region_" + std::to_string(r));
  }
  for (std::size_t g = c_first; g < c_last; ++g) {
    consumer_goods.push_back("good_" + std::to_string(g));
  }
  scalar("shortage_consumer", "share",
         "consumer demand nobody could serve / demanded (first choice, at state prices)");
  grouped("shortage_consumer", "share", "shortage by region", "region", regions);
  grouped("shortage_consumer", "share", "shortage by consumer good", "consumer_good",
          consumer_goods);
  scalar("queue_length", "share",
         "households turned away before they had all they wanted, per household and good");
  grouped("queue_length", "share", "queue length by region", "region", regions);
  grouped("queue_length", "share", "queue length by consumer good", "consumer_good",
          consumer_goods);
  scalar("consumption_per_capita", "base units/month",
         "consumer goods bought per household, at base prices (real consumption)");
  scalar("monetary_overhang", "months of income",
         "forced savings (money households could not spend) / monthly income");
  scalar("forced_substitution", "share", "spending on second-choice goods / budgets");
  scalar("discontent", "index 0-1", "mean discontent of households");
  scalar("wage_state", "rubles/month", "mean pay of state workers");
  scalar("wage_artel", "rubles/month", "mean pay of artel members");
  scalar("job_moves", "workers", "workers who changed jobs this month");
  scalar("artel_count", "artels", "artels in operation");
  scalar("artel_employment", "workers", "members of artels");
  scalar("artel_employment_share", "share", "artel members / all workers");
  scalar("artel_share_consumer", "share", "consumer goods sold by artels / all sold");
  scalar("artel_output", "base units/month", "output of artels");
  scalar("artel_input_shortage", "share", "materials artels asked for and did not get / asked");
  scalar("artels_formed", "artels", "artels founded this month");
  scalar("artels_closed", "artels", "artels closed this month (hard budget)");
  scalar("workers", "workers", "all workers (one per household)");
  scalar("planner_information_error", "share",
         "|capacity the planner believes - true capacity| / true capacity, over goods");
  scalar("planner_information_age", "months", "mean age of the enterprise data the planner holds");
  scalar("misallocation", "share", "|sum of targets - true capacity| / true capacity, over goods");
  scalar("bureaucrats", "officials", "staff of glavks, ministries and the planner");
  scalar("bureaucrats_per_1000_workers", "officials per 1000 workers", "size of the bureaucracy");
  scalar("message_backlog", "messages", "reports waiting for an official");
  scalar("plan_indicators", "figures/report",
         "figures each report carries (1 at the start; bureaucracy.control_response)");
  scalar("tension_index", "index", "unmet input share + unfinished construction / capital");
  scalar("falsified_share", "share", "enterprises that inflated their output report");
  scalar("managers_replaced", "managers", "managers caught falsifying and replaced this month");
  scalar("price_index", "index", "mean price (1 = base prices; moves only under the market)");
  scalar("manager_bonus", "share of target",
         "mean manager bonus under enterprises.bonus_scheme (plain or Weitzman's)");
  std::vector<std::string> all_goods;
  for (std::size_t g = 0; g < world.goods.count(); ++g) {
    all_goods.push_back("good_" + std::to_string(g));
  }
  grouped("shadow_price", "plan-ray units per unit",
          "each good's shadow price in the last optimal plan (kantorovich; 0 otherwise)", "good",
          all_goods);
  scalar("effort", "index (1 = customary)", "mean work effort of state workers");
  scalar("norm_index", "index (1 = the first norm)",
         "mean norm of state enterprises: the effort piece rates ask for full pay");
  scalar("quits", "share/month", "state workers who quit their enterprise out of discontent");
  scalar("stoppages", "share", "state enterprises whose workers stopped work this month");
  scalar("committee_share", "share", "state enterprises run with a workers' committee");
  scalar("inventions", "techniques/month", "new techniques invented, all sectors");
  scalar("adoptions", "enterprises/month", "state enterprises that finished retooling");
  scalar("technique_gap", "techniques",
         "inventions of its sector a state enterprise has not adopted, capacity-weighted");
  scalar("artel_technique_gap", "techniques",
         "consumer-goods inventions an artel has not adopted, capacity-weighted");
  scalar("half_adoption_lag", "years",
         "mean years from invention until half of its sector's capacity used it, over the "
         "inventions that got that far, averaged over the sectors where one has (0 before)");
  scalar("enterprises", "enterprises", "state enterprises");
  scalar("enterprises_founded", "enterprises/month",
         "state enterprises founded with capital the existing plants could not absorb");
  scalar("value_added", "base units/month",
         "true output less the inputs it used, state enterprises and artels, at base prices "
         "(the GDP-like measure of industry)");
  scalar("consumption", "base units/month",
         "consumer goods households bought, at base prices (state shops and artels)");
  scalar("investment_share_final", "share",
         "investment goods delivered / final uses (consumption, investment and military "
         "deliveries)");
  scalar("defence_share", "share", "military deliveries / final uses");
  scalar("officials_share", "share",
         "officials / (workers + officials): the bureaucracy's "
         "share of employment");
  scalar("artel_hostility", "share",
         "share of their cooperative allocation bureaus withhold from artels (policy and "
         "ministries' lobbying)");
  scalar("materials_to_artels", "share",
         "materials artels took from state enterprises' stocks / state material use (computed "
         "only under artels.lobbying; 0 otherwise)");
  scalar("skilled_to_artels", "workers/month",
         "skilled state workers who left to join or found an artel and were not replaced");
  scalar("serving", "people", "workers called up into the army and not yet demobilised");
  scalar("labour_reserve", "people",
         "the labour pool less the workforce and those serving: who could still take a job "
         "(0 while no labour_pool event has set a pool)");
  scalar("consumer_weight", "factor",
         "what the consumer sector's share of new capital is multiplied by this year: 1 + "
         "planner.discontent_response x mean discontent");
}

void Metrics::record(int tick, engine::Recorder& recorder) const {
  const auto& markets = world_.markets;
  const auto& hierarchy = world_.hierarchy;
  const auto& params = world_.params;
  const auto& flows = world_.flows;
  const std::size_t n = world_.goods.count();
  const auto& firms = world_.enterprises;
  const auto sum = [&](auto value) { return engine::deterministic_sum(firms.size(), value, 256); };
  const double output = sum([&](std::size_t e) { return firms[e].output; });
  const double reported = sum([&](std::size_t e) { return firms[e].reported_output; });
  const double capacity = sum([&](std::size_t e) { return firms[e].capacity; });
  // Only what managers hold back from the ratchet is hidden; a market firm idle for want of
  // buyers hides nothing.
  const double hidden = sum([&](std::size_t e) {
    return firms[e].hiding ? std::max(0.0, firms[e].capacity - firms[e].chosen_output) : 0.0;
  });
  const double capital = sum([&](std::size_t e) { return firms[e].capital; });
  const double stocks = sum([&](std::size_t e) { return total_of(firms[e].stock); });
  const double output_stocks = sum([&](std::size_t e) { return firms[e].output_stock; });
  const double bunched = sum([&](std::size_t e) {
    const double f = firms[e].target > 0 ? firms[e].reported_output / firms[e].target : 0.0;
    return f >= 1.0 && f < 1.05 ? 1.0 : 0.0;
  });
  const double under = sum([&](std::size_t e) {
    return firms[e].target > 0 && firms[e].reported_output < firms[e].target ? 1.0 : 0.0;
  });
  const double falsified = sum([&](std::size_t e) { return firms[e].falsified ? 1.0 : 0.0; });
  const double norms = sum([&](std::size_t e) { return firms[e].norm; });
  const double committees = sum([&](std::size_t e) { return firms[e].committee ? 1.0 : 0.0; });
  const double lagging_capacity = sum([&](std::size_t e) {
    const auto& firm = firms[e];
    const int behind = counts_.technology.frontier(world_.goods.sector(firm.good)) - firm.technique;
    return firm.capacity * behind;
  });
  const double bonuses = sum([&](std::size_t e) { return bonus_of(firms[e], params.enterprises); });
  const double requested = sum([&](std::size_t e) { return total_of(firms[e].requested); });
  const double received = sum([&](std::size_t e) { return total_of(firms[e].received); });
  const double needed = sum([&](std::size_t e) { return total_of(firms[e].needed); });
  std::vector<double> by_sector(sector_count, 0.0);
  for (const auto& firm : firms) {
    by_sector[static_cast<std::size_t>(world_.goods.sector(firm.good))] += firm.output;
  }

  // What the planner believes, good by good, against the truth.
  const auto& known = hierarchy.known(ministry_level);
  std::vector<double> believed(n, 0.0);
  double age = 0.0;
  for (std::size_t m = 0; m < known.size(); ++m) {
    believed[hierarchy.nodes(ministry_level)[m].good] += known[m].capacity;
    age += tick - known[m].origin_tick;
  }
  double information_error = 0.0, misallocated = 0.0;
  for (std::size_t g = 0; g < n; ++g) {
    double truth = 0.0, targets = 0.0;
    for (auto e : world_.enterprises_of_good[g]) {
      truth += firms[e].capacity;
      targets += firms[e].target;
    }
    information_error += std::fabs(believed[g] - truth);
    misallocated += std::fabs(targets - truth);
  }
  double investment = 0.0, prices = 0.0, military = 0.0;
  for (std::size_t g = 0; g < n; ++g) {
    investment += flows.investment_delivered[g];
    military += flows.military_delivered[g];
    prices += flows.price[g];
  }
  // Value added: each plant's output less the inputs it used (at base prices every unit is 1).
  const double state_value_added = sum([&](std::size_t e) {
    const auto& firm = firms[e];
    return firm.output * (1.0 - world_.goods.material_per_unit(firm.good) * firm.material_use);
  });
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };

  // The consumer side.
  const std::size_t regions = markets.regions(), consumer_goods = markets.goods();
  std::vector<double> region_shortage(regions, 0.0), region_queue(regions, 0.0);
  std::vector<double> good_shortage(consumer_goods, 0.0), good_queue(consumer_goods, 0.0);
  double wanted = 0.0, unmet = 0.0, queued = 0.0, from_state = 0.0, from_artels = 0.0;
  {
    std::vector<double> good_wanted(consumer_goods, 0.0);
    for (std::size_t r = 0; r < regions; ++r) {
      double region_wanted = 0.0;
      for (std::size_t k = 0; k < consumer_goods; ++k) {
        const auto& tally = markets.tally()[markets.cell(r, k)];
        region_wanted += tally.wanted;
        region_shortage[r] += tally.unmet;
        region_queue[r] += tally.queued;
        good_wanted[k] += tally.wanted;
        good_shortage[k] += tally.unmet;
        good_queue[k] += tally.queued;
        from_state += tally.from_state;
        from_artels += tally.from_artels;
      }
      wanted += region_wanted;
      unmet += region_shortage[r];
      queued += region_queue[r];
      region_shortage[r] = ratio(region_shortage[r], region_wanted);
      region_queue[r] = ratio(region_queue[r], double(world_.households_in_region[r].size()) *
                                                   double(consumer_goods));
    }
    for (std::size_t k = 0; k < consumer_goods; ++k) {
      good_shortage[k] = ratio(good_shortage[k], good_wanted[k]);
      good_queue[k] = ratio(good_queue[k], double(world_.households.size()));
    }
  }
  // One pass over the households for all their totals.
  const auto people = world_.households.agents();
  const auto totals = engine::deterministic_reduce(
      people.size(), 4096, HouseholdTotals{},
      [&](std::size_t i) {
        engine::prefetch_ahead(people.data(), i, people.size());
        return HouseholdTotals::of(people[i]);
      },
      [](const HouseholdTotals& a, const HouseholdTotals& b) { return a + b; });
  const double consumption = totals.consumption, income = totals.income;
  const double forced = totals.forced_savings, budgets = totals.budget;
  const double unhappy = totals.discontent, in_artels = totals.in_artels;
  const double artel_pay = totals.artel_pay, state_effort = totals.state_effort;
  const auto& substituted = counts_.retail.substituted();
  const double second_choice = std::accumulate(substituted.begin(), substituted.end(), 0.0);
  double artel_made = 0.0, artel_needed = 0.0, artel_got = 0.0;
  double artel_capacity = 0.0, artel_lagging_capacity = 0.0, artel_value_added = 0.0;
  double half_lag_years = 0.0;
  int sectors_halfway = 0;
  for (std::size_t s = 0; s < sector_count; ++s) {
    const double lag = counts_.technology.half_adoption_lag(static_cast<Sector>(s));
    if (lag >= 0.0) {
      half_lag_years += lag;
      ++sectors_halfway;
    }
  }
  half_lag_years = sectors_halfway > 0 ? half_lag_years / sectors_halfway : 0.0;
  const int consumer_newest = counts_.technology.frontier(Sector::consumer);
  const double alpha = params.enterprises.capital_elasticity;
  for (const auto& artel : world_.artels.agents()) {
    if (consumer_newest > 0) { // no capacity weights needed while nothing is invented
      const double artel_can = capacity_of(artel, alpha);
      artel_capacity += artel_can;
      artel_lagging_capacity += artel_can * (consumer_newest - artel.technique);
    }
    artel_made += artel.output;
    artel_value_added += artel.output * (1.0 - world_.goods.material_per_unit(artel.good));
    artel_needed += artel.aim * world_.goods.material_per_unit(artel.good);
    artel_got += artel.materials;
  }
  const double workers = double(people.size());
  const double staff = hierarchy.bureaucrats();
  const double count = static_cast<double>(firms.size());

  const double values[] = {
      output,
      reported,
      0.0, // by sector, set below
      capacity,
      capital,
      ratio(investment, output),
      investment,
      bunched / count,
      under / count,
      ratio(reported, output),
      ratio(hidden, capacity),
      ratio(stocks, output),
      ratio(output_stocks, output),
      ratio(requested - received, requested),
      ratio(requested - needed, requested),
      ratio(unmet, wanted),
      0.0, // by region, set below
      0.0, // by good, set below
      ratio(queued, workers * double(consumer_goods)),
      0.0, // by region, set below
      0.0, // by good, set below
      ratio(consumption, workers),
      ratio(forced, income),
      ratio(second_choice, budgets),
      ratio(unhappy, workers),
      ratio(income - artel_pay, workers - in_artels),
      ratio(artel_pay, in_artels),
      static_cast<double>(counts_.labour.job_moves()),
      static_cast<double>(world_.artels.size()),
      in_artels,
      ratio(in_artels, workers),
      ratio(from_artels, from_state + from_artels),
      artel_made,
      ratio(artel_needed - artel_got, artel_needed),
      static_cast<double>(counts_.artels.formed()),
      static_cast<double>(counts_.artels.closed()),
      workers,
      ratio(information_error, capacity),
      known.empty() ? 0.0 : age / static_cast<double>(known.size()),
      ratio(misallocated, capacity),
      staff,
      ratio(1000.0 * staff, workers),
      static_cast<double>(hierarchy.backlog()),
      hierarchy.indicators(),
      counts_.investment.tension(),
      falsified / count,
      static_cast<double>(counts_.production.managers_replaced()),
      prices / static_cast<double>(n),
      bonuses / count,
      0.0, // shadow prices by good, set below
      ratio(state_effort, workers - in_artels),
      norms / count,
      ratio(static_cast<double>(counts_.labour.quits()), workers - in_artels),
      static_cast<double>(counts_.work.stoppages()) / count,
      committees / count,
      static_cast<double>(counts_.technology.inventions()),
      static_cast<double>(counts_.technology.adoptions()),
      ratio(lagging_capacity, capacity),
      ratio(artel_lagging_capacity, artel_capacity),
      half_lag_years,
      count,
      static_cast<double>(counts_.investment.founded()),
      state_value_added + artel_value_added,
      consumption,
      ratio(investment, consumption + investment + military),
      ratio(military, consumption + investment + military),
      ratio(staff, workers + staff),
      counts_.artels.hostility(),
      counts_.artels.materials_taken_share(),
      static_cast<double>(counts_.artels.skilled_lost()),
      static_cast<double>(world_.serving.size()),
      world_.labour_reserve(),
      counts_.investment.consumer_weight(),
  };
  recorder.begin_tick(tick);
  for (std::size_t s = 0; s < ids_.size(); ++s) {
    if (s == output_true_by_sector) {
      recorder.set(ids_[s], by_sector);
    } else if (s == shortage_consumer_by_region) {
      recorder.set(ids_[s], region_shortage);
    } else if (s == shortage_consumer_by_good) {
      recorder.set(ids_[s], good_shortage);
    } else if (s == queue_length_by_region) {
      recorder.set(ids_[s], region_queue);
    } else if (s == queue_length_by_good) {
      recorder.set(ids_[s], good_queue);
    } else if (s == shadow_price_by_good) {
      recorder.set(ids_[s], world_.plan.shadow_price);
    } else {
      recorder.set(ids_[s], values[s]);
    }
  }
  if (params.panel_every > 0 && tick % params.panel_every == 0) {
    recorder.set_panels(panel_snapshots(world_));
  }
  recorder.end_tick();
}

} // namespace plansim::model
