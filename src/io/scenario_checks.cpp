#include "plansim/io/scenario_checks.hpp"

#include "plansim/io/economy_params.hpp"
#include "plansim/model/economy.hpp"
#include "plansim/model/goods.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace plansim::io {

namespace {

using model::EconomyParams;

// "alpha < beta < gamma, got A, B, C" when the Weitzman parameters are out of order.
std::optional<std::string> weitzman_disorder(const model::EnterpriseParams& e) {
  if (e.weitzman_alpha < e.weitzman_beta && e.weitzman_beta < e.weitzman_gamma) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << "alpha < beta < gamma, got " << e.weitzman_alpha << ", " << e.weitzman_beta << ", "
       << e.weitzman_gamma;
  return text.str();
}

// The Weitzman order must hold after every date of the policy timeline, whose entries of one
// date take effect together; a date that breaks it is reported at its last entry.
void check_policy_weitzman(const Config& config, model::EconomyParams params,
                           std::vector<Diagnostic>& problems) {
  const auto& policy = config.policy(); // sorted by date
  const bool ordered_at_start = !weitzman_disorder(params.enterprises);
  for (std::size_t i = 0; i < policy.size();) {
    const auto date = policy[i].date;
    const PolicyEntry* last = nullptr;
    for (; i < policy.size() && policy[i].date == date; ++i) {
      for (const auto& [path, value] : policy[i].set) {
        apply_parameter(params, path, value);
      }
      last = &policy[i];
    }
    const auto order = weitzman_disorder(params.enterprises);
    if (order && ordered_at_start) {
      problems.push_back(Diagnostic{last->place, "from " + date.to_string() +
                                                     " Weitzman's scheme needs " + *order});
      return; // one report: later dates follow from it
    }
  }
}

} // namespace

std::vector<Diagnostic> scenario_problems(const Config& config, const EconomyParams& p) {
  std::vector<Diagnostic> problems;
  const auto problem = [&](std::string_view path, std::string message) {
    problems.push_back(Diagnostic{config.place(path), std::move(message)});
  };
  if (config.integer("calendar.months_per_tick") != 1) {
    problem("calendar.months_per_tick",
            "calendar.months_per_tick must be 1: the economy's rates are monthly");
  }
  // Two counts that do not fit: the one the scenario gives is the one to change (the other
  // may be a preset's, whose place is only "default").
  const auto given = [&](std::string_view first, std::string_view second) {
    return config.place(first).file == "default" ? second : first;
  };
  if (p.regions > p.enterprises.count) {
    problem(given("scale.regions", "scale.enterprises"),
            "scale: " + std::to_string(p.regions) +
                " regions need at least as many state enterprises, got " +
                std::to_string(p.enterprises.count));
  }
  if (p.enterprises.workers < p.enterprises.count) {
    problem(given("scale.households", "scale.enterprises"),
            "scale: " + std::to_string(p.enterprises.workers) + " households cannot staff " +
                std::to_string(p.enterprises.count) + " enterprises");
  }
  for (std::size_t s = 0; s < model::sector_count; ++s) {
    if (model::Goods::sector_size(p.goods, static_cast<model::Sector>(s)) == 0) {
      problem("scale.goods",
              "scale.goods must be at least " + std::to_string(model::sector_count) +
                  ": each of the " +
                  "four sectors (military, heavy, materials, consumer) needs a good");
      break;
    }
  }
  if (p.enterprises.count < p.goods.count) {
    problem(given("scale.enterprises", "scale.goods"),
            "scale: " + std::to_string(p.enterprises.count) + " enterprises cannot make " +
                std::to_string(p.goods.count) + " goods (every good needs at least one)");
  }
  for (const auto& name : events_left_out(config)) {
    if (!config.schema().find_event(name)) {
      problem("run.without_events", "unknown structural event '" + name + "'" +
                                        did_you_mean(name, config.schema().event_names()));
    }
  }
  const auto check_fields = [&](std::string_view path, const std::vector<std::string>& fields,
                                const std::vector<std::string>& known, std::string_view kind) {
    for (const auto& field : fields) {
      if (std::find(known.begin(), known.end(), field) == known.end()) {
        problem(path, "unknown " + std::string(kind) + "panel field '" + field + "'" +
                          did_you_mean(field, known));
      }
    }
  };
  check_fields("output.panel.fields", p.panel, model::Economy::panel_fields(), "");
  check_fields("output.panel.households", p.panel_households,
               model::Economy::household_panel_fields(), "household ");
  check_fields("output.panel.artels", p.panel_artels, model::Economy::artel_panel_fields(),
               "artel ");
  if (p.panel_every > 0 && p.panel.empty() && p.panel_households.empty() &&
      p.panel_artels.empty()) {
    problem("output.panel.fields",
            "output.panel.every is set but output.panel.fields, output.panel.households and "
            "output.panel.artels are all empty");
  }
  if (p.panel_every == 0) {
    for (const auto& [path, fields] : {std::pair{"output.panel.households", &p.panel_households},
                                       std::pair{"output.panel.artels", &p.panel_artels}}) {
      if (!fields->empty()) {
        problem(path, std::string(path) + " is set but output.panel.every is 0");
      }
    }
  }
  if (!p.goods.matrix.empty()) {
    try {
      model::Goods::from_matrix(p.goods, p.goods.matrix);
    } catch (const std::invalid_argument& error) {
      problem("goods.matrix_file", std::string("the input-output matrix: ") + error.what());
    }
  }
  if (p.goods.input_coefficient_max < p.goods.input_coefficient_min) {
    problem("goods.input_coefficient_max",
            "goods.input_coefficient_max is below goods.input_coefficient_min");
  }
  if (const auto order = weitzman_disorder(p.enterprises)) {
    problem("enterprises.weitzman.alpha", "Weitzman's scheme needs " + *order);
  }
  check_policy_weitzman(config, p, problems);
  double shares = 0.0;
  for (double share : p.goods.sector_shares) {
    shares += share;
  }
  if (std::abs(shares - 1.0) > 0.01) {
    std::ostringstream total;
    total << shares;
    problem("goods.sector_share.military",
            "goods.sector_share.* must add up to 1, they add up to " + total.str());
  }
  const auto consumer_goods =
      static_cast<int>(model::Goods::sector_size(p.goods, model::Sector::consumer));
  for (const auto& entry : config.policy()) {
    if (!entry.event.empty()) {
      try {
        policy_event_from(entry, config.schema(), p.regions, consumer_goods);
      } catch (const ConfigError& error) {
        problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
      }
    }
    for (const auto& [path, value] : entry.set) {
      EconomyParams scratch = p;
      if (!apply_parameter(scratch, path, value)) {
        problems.push_back(
            Diagnostic{entry.place, "'" + path +
                                        "' is fixed when the world is built and cannot "
                                        "be changed by a policy entry"});
      }
    }
  }
  return problems;
}

} // namespace plansim::io
