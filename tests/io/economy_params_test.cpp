#include "plansim/io/config.hpp"
#include "plansim/io/config_schema.hpp"
#include "plansim/io/economy_params.hpp"
#include "plansim/model/economy.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace plansim;
using namespace plansim::io;

namespace {

// The diagnostics economy_params_from gives for a scenario, one per line.
std::string problems_of(const std::string& text) {
  try {
    economy_params_from(load_scenario_text(text, "s.yaml"));
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST_CASE("a policy entry that breaks the Weitzman order is refused at the entry") {
  CHECK(problems_of("policy:\n  - {date: 1950-01, set: {enterprises.weitzman.beta: 0.2}}\n") ==
        "s.yaml:2:5: from 1950-01 Weitzman's scheme needs alpha < beta < gamma, got 0.3, 0.2, "
        "0.9");
  // Entries of one date are applied together; the order must hold after each date.
  CHECK(problems_of("policy:\n  - {date: 1950-01, set: {enterprises.weitzman.beta: 1.5}}\n"
                    "  - {date: 1950-01, set: {enterprises.weitzman.gamma: 2}}\n")
            .empty());
  CHECK(problems_of("policy:\n  - {date: 1950-01, set: {enterprises.weitzman.gamma: 2}}\n"
                    "  - {date: 1960-01, set: {enterprises.weitzman.alpha: 2.5}}\n") ==
        "s.yaml:3:5: from 1960-01 Weitzman's scheme needs alpha < beta < gamma, got 2.5, 0.6, 2");
}

TEST_CASE("a scale that does not fit is refused at the count the file gives, not a default") {
  CHECK(problems_of("scale:\n  preset: tiny\n  goods: 100000\n") ==
        "s.yaml:3:10: scale: 60 enterprises cannot make 100000 goods (every good needs at least "
        "one)");
  CHECK(problems_of("scale:\n  preset: tiny\n  enterprises: 10\n") ==
        "s.yaml:3:16: scale: 10 enterprises cannot make 12 goods (every good needs at least one)");
  CHECK(problems_of("scale:\n  preset: tiny\n  regions: 100\n") ==
        "s.yaml:3:12: scale: 100 regions need at least as many state enterprises, got 60");
  CHECK(problems_of("scale:\n  preset: tiny\n  enterprises: 3000\n") ==
        "s.yaml:3:16: scale: 2000 households cannot staff 3000 enterprises");
}

TEST_CASE("fewer goods than sectors are refused where they are set") {
  for (const char* goods : {"1", "2", "3"}) {
    CAPTURE(goods);
    CHECK(problems_of(std::string("scale:\n  preset: tiny\n  goods: ") + goods + "\n")
              .find("s.yaml:3:10: scale.goods must be at least 4: each of the four sectors "
                    "(military, heavy, materials, consumer) needs a good") != std::string::npos);
  }
  CHECK(problems_of("scale:\n  preset: tiny\n  goods: 4\n").empty());
}

TEST_CASE("scale presets and explicit counts reach the model") {
  const auto p = economy_params_from(load_scenario_text("scale: {preset: tiny, artels: 7}\n", "s"));
  CHECK(p.goods.count == 12);
  CHECK(p.regions == 2);
  CHECK(p.enterprises.count == 60);
  CHECK(p.enterprises.workers == 2000);
  CHECK(p.artels.count == 7);
  const auto full = economy_params_from(load_scenario_text("scale: full\n", "s"));
  CHECK(full.goods.count == 2000);
  CHECK(full.enterprises.count == 50'000);
  CHECK(full.enterprises.workers == 4'650'000);
  CHECK(full.artels.count == 25'600);
}

TEST_CASE("values that only make sense together are checked together") {
  CHECK(problems_of("enterprises:\n  weitzman: {alpha: 0.9, beta: 0.6}\n")
            .find("s.yaml:2:21: Weitzman's scheme needs alpha < beta < gamma") !=
        std::string::npos);
  CHECK(problems_of("goods:\n  sector_share: {military: 0.9}\n")
            .find("s.yaml:2:28: goods.sector_share.* must add up to 1, they add up to 1.8") !=
        std::string::npos);
  CHECK(problems_of("scale: {preset: tiny, regions: 100}\n")
            .find("100 regions need at least as many state enterprises") != std::string::npos);
  CHECK(problems_of("calendar: {months_per_tick: 3}\n")
            .find("s.yaml:1:29: calendar.months_per_tick must be 1") != std::string::npos);
  CHECK(problems_of("scale: {preset: tiny}\n").empty());
}

TEST_CASE("structural events get their arguments, or their defaults") {
  const auto config = load_scenario_text(
      "scale: tiny\n"
      "policy:\n"
      "  - {date: 1941-07, event: war_destruction, args: {regions: '0, 1', workers_share: 0.2}}\n"
      "  - {date: 1950-01, event: capital_loss, args: {sector: consumer}}\n"
      "  - {date: 1951-01, event: demand_shift, args: {good: 2, factor: 3}}\n"
      "  - {date: 1956-04, event: artel_restriction}\n",
      "s.yaml");
  const auto& policy = config.policy();
  REQUIRE(policy.size() == 4);
  const auto war = policy_event_from(policy[0], config.schema(), 2, 3);
  CHECK(war.kind == model::PolicyEvent::Kind::war_destruction);
  CHECK(war.regions == std::vector<std::uint32_t>{0, 1});
  CHECK(war.capital_share == 0.25); // the default
  CHECK(war.workers_share == 0.2);
  const auto loss = policy_event_from(policy[1], config.schema(), 2, 3);
  CHECK(loss.sector == model::Sector::consumer);
  CHECK(loss.capital_share == 0.2);
  const auto shift = policy_event_from(policy[2], config.schema(), 2, 3);
  CHECK(shift.regions.empty()); // every region
  CHECK(shift.consumer_good == 2);
  CHECK(shift.factor == 3.0);
  CHECK(policy_event_from(policy[3], config.schema(), 2, 3).hostility == 0.5);
  CHECK_THROWS_WITH_AS(policy_event_from(policy[2], config.schema(), 2, 2),
                       "s.yaml:5:5: demand_shift: consumer good 2 does not exist (2 consumer "
                       "goods, from 0)",
                       ConfigError);
}

TEST_CASE("the war economy's events read their regions, sectors and shares") {
  const auto config = load_scenario_text(
      "scale: tiny\n"
      "policy:\n"
      "  - {date: 1941-07, event: mobilisation, args: {share: 0.1, killed: 0.3}}\n"
      "  - {date: 1941-07, event: evacuation, args: {regions: '0', to: '1', loss: 0.2, months: "
      "4}}\n"
      "  - {date: 1941-07, event: conversion, args: {from: heavy, share: 0.4}}\n"
      "  - {date: 1946-03, event: demobilisation}\n"
      "  - {date: 1946-03, event: conversion, args: {from: military, to: military}}\n",
      "s.yaml");
  const auto& policy = config.policy();
  REQUIRE(policy.size() == 5);
  const auto call_up = policy_event_from(policy[0], config.schema(), 2, 3);
  CHECK(call_up.kind == model::PolicyEvent::Kind::mobilisation);
  CHECK(call_up.regions.empty());
  CHECK(call_up.workers_share == 0.1);
  CHECK(call_up.killed_share == 0.3);
  const auto evacuation = policy_event_from(policy[1], config.schema(), 2, 3);
  CHECK(evacuation.regions == std::vector<std::uint32_t>{0});
  CHECK(evacuation.to_regions == std::vector<std::uint32_t>{1});
  CHECK(evacuation.capital_share == 0.3); // the default
  CHECK(evacuation.loss == 0.2);
  CHECK(evacuation.months == 4);
  const auto conversion = policy_event_from(policy[2], config.schema(), 2, 3);
  CHECK(conversion.sector == model::Sector::heavy);
  CHECK(conversion.to_sector == model::Sector::military); // the default
  CHECK(conversion.capital_share == 0.4);
  CHECK(policy_event_from(policy[3], config.schema(), 2, 3).workers_share == 1.0);
  CHECK_THROWS_WITH_AS(policy_event_from(policy[4], config.schema(), 2, 3),
                       "s.yaml:7:5: conversion: 'from' and 'to' name the same sector", ConfigError);
}

TEST_CASE("a labour pool reads its size and growth; a pool smaller than the workforce is refused") {
  const auto config = load_scenario_text(
      "scale: tiny\n"
      "policy:\n"
      "  - {date: 1960-01, event: labour_pool, args: {size: 1.5, growth: 0.02}}\n",
      "s.yaml");
  const auto pool = policy_event_from(config.policy()[0], config.schema(), 2, 3);
  CHECK(pool.kind == model::PolicyEvent::Kind::labour_pool);
  CHECK(pool.pool_size == 1.5);
  CHECK(pool.pool_growth == 0.02);
  CHECK(pool.pool_drain == 1.0); // by default the whole reserve may come in a year
  const auto draining = load_scenario_text(
      "scale: tiny\n"
      "policy:\n"
      "  - {date: 1950-01, event: labour_pool, args: {size: 2, growth: 0.02, drain: 0.1}}\n",
      "s.yaml");
  CHECK(policy_event_from(draining.policy()[0], draining.schema(), 2, 3).pool_drain == 0.1);
  CHECK(problems_of("scale: tiny\npolicy:\n"
                    "  - {date: 1960-01, event: labour_pool, args: {drain: 2}}\n")
            .find("s.yaml:3:") != std::string::npos);
  CHECK(problems_of("scale: tiny\npolicy:\n"
                    "  - {date: 1960-01, event: labour_pool, args: {size: 0.5}}\n")
            .find("s.yaml:3:") != std::string::npos);
}

TEST_CASE("events naming regions the world lacks are refused at their place") {
  CHECK(problems_of("scale: tiny\npolicy:\n"
                    "  - {date: 1941-07, event: war_destruction, args: {regions: '0,x'}}\n")
            .find("s.yaml:3:5: war_destruction: 'x' is not a region (regions are numbered 0 to "
                  "1)") != std::string::npos);
}

TEST_CASE("counterfactual runs leave out named structural events, which must exist") {
  const auto config = load_scenario_text(
      "scale: tiny\nrun: {without_events: 'artel_restriction, artel_nationalisation'}\n", "s.yaml");
  CHECK(events_left_out(config) ==
        std::vector<std::string>{"artel_restriction", "artel_nationalisation"});
  CHECK(events_left_out(load_scenario_text("scale: tiny\n", "s.yaml")).empty());
  CHECK(problems_of("scale: tiny\nrun: {without_events: artel_restrction}\n")
            .find("unknown structural event 'artel_restrction' (did you mean "
                  "'artel_restriction'?)") != std::string::npos);
}

TEST_CASE("panel field lists reach the model and are checked") {
  const auto p = economy_params_from(load_scenario_text(
      "output: {panel: {every: 12, fields: '', households: ' income,discontent ', "
      "artels: output}}\n",
      "s"));
  CHECK(p.panel_every == 12);
  CHECK(p.panel.empty());
  CHECK(p.panel_households == std::vector<std::string>{"income", "discontent"});
  CHECK(p.panel_artels == std::vector<std::string>{"output"});
  CHECK(problems_of("output: {panel: {every: 1, households: 'incme'}}\n")
            .find("s.yaml:1:40: unknown household panel field 'incme' (did you mean "
                  "'income'?)") != std::string::npos);
  CHECK(problems_of("output: {panel: {artels: members}}\n")
            .find("s.yaml:1:26: output.panel.artels is set but output.panel.every is 0") !=
        std::string::npos);
  CHECK(problems_of("output: {panel: {every: 3, fields: ''}}\n")
            .find("output.panel.every is set but output.panel.fields, output.panel.households "
                  "and output.panel.artels are all empty") != std::string::npos);
  CHECK(problems_of("output: {panel: {every: 3, households: consumption}}\n").empty());
}

TEST_CASE("the schema lists every household and artel panel field") {
  for (const auto& [path, fields] :
       {std::pair{"output.panel.households", model::Economy::household_panel_fields()},
        std::pair{"output.panel.artels", model::Economy::artel_panel_fields()}}) {
    const auto* spec = Schema::scenario().find(path);
    REQUIRE(spec != nullptr);
    for (const auto& field : fields) {
      CAPTURE(field);
      CHECK(spec->description.find(field) != std::string::npos);
    }
  }
}
