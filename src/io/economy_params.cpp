#include "plansim/io/economy_params.hpp"

#include "plansim/io/comma_list.hpp"
#include "plansim/io/matrix_file.hpp"
#include "plansim/io/scenario_checks.hpp"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

namespace plansim::io {

namespace {

using model::EconomyParams;
using Setter = std::function<void(EconomyParams&, const std::string&)>;

struct Binding {
  const char* path;
  Setter set;
};

double number(const std::string& text) {
  return std::strtod(text.c_str(), nullptr);
}
int whole(const std::string& text) {
  return static_cast<int>(std::strtol(text.c_str(), nullptr, 10));
}

template <class T>
Setter real_field(T EconomyParams::*section, double T::*field) {
  return [=](EconomyParams& p, const std::string& v) { (p.*section).*field = number(v); };
}

template <class T>
Setter int_field(T EconomyParams::*section, int T::*field) {
  return [=](EconomyParams& p, const std::string& v) { (p.*section).*field = whole(v); };
}

Setter sector_entry(std::array<double, model::sector_count> model::PlannerParams::*field,
                    model::Sector sector) {
  return [=](EconomyParams& p, const std::string& v) {
    (p.planner.*field)[static_cast<std::size_t>(sector)] = number(v);
  };
}

Setter channel_field(engine::ChannelParams EconomyParams::*channel, const char* what) {
  const std::string name = what;
  return [=](EconomyParams& p, const std::string& v) {
    auto& c = p.*channel;
    if (name == "latency") {
      c.latency = whole(v);
    } else if (name == "jitter") {
      c.jitter = whole(v);
    } else if (name == "noise") {
      c.noise_sigma = number(v);
    } else {
      c.bias = number(v);
    }
  };
}

// Parameters that can change during a run, by their scenario path. Scale, calendar, output
// and the input-output matrix are fixed when the world is built.
const std::vector<Binding>& bindings() {
  using model::ArtelParams;
  using model::BureaucracyParams;
  using model::EnterpriseParams;
  using model::HouseholdParams;
  using model::PlannerParams;
  using model::Sector;
  const auto household = [](const char* path, double HouseholdParams::*field) {
    return Binding{path, real_field(&EconomyParams::households, field)};
  };
  const auto work = [](const char* path, double model::WorkParams::*field) {
    return Binding{path, real_field(&EconomyParams::work, field)};
  };
  const auto technology = [](const char* path, double model::TechnologyParams::*field) {
    return Binding{path, real_field(&EconomyParams::technology, field)};
  };
  const auto artel = [](const char* path, double ArtelParams::*field) {
    return Binding{path, real_field(&EconomyParams::artels, field)};
  };
  static const std::vector<Binding> table = {
      {"enterprises.capital_elasticity",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::capital_elasticity)},
      {"enterprises.substitution_elasticity",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::substitution_elasticity)},
      {"enterprises.productivity_sigma",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::productivity_sigma)},
      {"enterprises.material_use_sigma",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::material_use_sigma)},
      {"enterprises.depreciation",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::depreciation)},
      {"enterprises.input_substitution",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::input_substitution)},
      {"enterprises.output_stock_months",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::output_stock_months)},
      {"enterprises.ratchet", real_field(&EconomyParams::enterprises, &EnterpriseParams::ratchet)},
      {"enterprises.bonus_scheme",
       [](EconomyParams& p, const std::string& v) {
         p.enterprises.bonus_scheme =
             v == "weitzman" ? model::BonusScheme::weitzman : model::BonusScheme::plain;
       }},
      {"enterprises.weitzman.alpha",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::weitzman_alpha)},
      {"enterprises.weitzman.beta",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::weitzman_beta)},
      {"enterprises.weitzman.gamma",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::weitzman_gamma)},
      {"enterprises.horizon_mean",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::horizon_mean)},
      {"enterprises.precautionary_stock",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::precautionary_stock)},
      {"enterprises.hoarding",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::hoarding)},
      {"enterprises.holding_cost",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::holding_cost)},
      {"enterprises.bailout_probability",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::bailout_probability)},
      {"enterprises.audit_probability",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::audit_probability)},
      {"enterprises.audit_penalty",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::audit_penalty)},
      {"enterprises.falsification_max",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::falsification_max)},
      {"enterprises.honesty_mean",
       real_field(&EconomyParams::enterprises, &EnterpriseParams::honesty_mean)},
      {"bureaucracy.messages_per_bureaucrat",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::messages_per_bureaucrat)},
      {"bureaucracy.hire_threshold",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::hire_threshold)},
      {"bureaucracy.hire_rate",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::hire_rate)},
      {"bureaucracy.competence_weight",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::competence_weight)},
      {"bureaucracy.career_inflation",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::career_inflation)},
      {"bureaucracy.competence_noise",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::competence_noise)},
      {"bureaucracy.loyalty_obedience",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::loyalty_obedience)},
      {"bureaucracy.competence_planning",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::competence_planning)},
      {"bureaucracy.control_response",
       real_field(&EconomyParams::bureaucracy, &BureaucracyParams::control_response)},
      {"planner.method",
       [](EconomyParams& p, const std::string& v) {
         p.planner.method = v == "market"        ? model::PlanningMethod::market
                            : v == "kantorovich" ? model::PlanningMethod::kantorovich
                            : v == "political"   ? model::PlanningMethod::political
                                                 : model::PlanningMethod::material_balances;
       }},
      {"planner.tautness", real_field(&EconomyParams::planner, &PlannerParams::tautness)},
      {"planner.balance_iterations",
       int_field(&EconomyParams::planner, &PlannerParams::balance_iterations)},
      {"planner.balanced_goods",
       int_field(&EconomyParams::planner, &PlannerParams::balanced_goods)},
      {"planner.cut_floor", real_field(&EconomyParams::planner, &PlannerParams::cut_floor)},
      {"planner.procurement_priority",
       real_field(&EconomyParams::planner, &PlannerParams::procurement_priority)},
      {"planner.accumulation_share",
       real_field(&EconomyParams::planner, &PlannerParams::accumulation_share)},
      {"planner.investment_split.military",
       sector_entry(&PlannerParams::investment_split, Sector::military)},
      {"planner.investment_split.heavy",
       sector_entry(&PlannerParams::investment_split, Sector::heavy)},
      {"planner.investment_split.materials",
       sector_entry(&PlannerParams::investment_split, Sector::materials)},
      {"planner.investment_split.consumer",
       sector_entry(&PlannerParams::investment_split, Sector::consumer)},
      {"planner.military_pressure",
       real_field(&EconomyParams::planner, &PlannerParams::military_pressure)},
      {"planner.consumer_demand",
       real_field(&EconomyParams::planner, &PlannerParams::consumer_demand)},
      {"planner.price_adjustment",
       real_field(&EconomyParams::planner, &PlannerParams::price_adjustment)},
      {"planner.wage_drift", real_field(&EconomyParams::planner, &PlannerParams::wage_drift)},
      household("households.skilled_share", &HouseholdParams::skilled_share),
      household("households.skill_weight", &HouseholdParams::skill_weight),
      household("households.skill_premium", &HouseholdParams::skill_premium),
      household("households.saving_rate", &HouseholdParams::saving_rate),
      household("households.overhang_spending", &HouseholdParams::overhang_spending),
      household("households.substitution", &HouseholdParams::substitution),
      household("households.mobility", &HouseholdParams::mobility),
      household("households.move_threshold", &HouseholdParams::move_threshold),
      household("households.expectation_memory", &HouseholdParams::expectation_memory),
      household("households.work_norm", &HouseholdParams::work_norm),
      household("households.workforce_growth", &HouseholdParams::workforce_growth),
      {"work.pay_scheme",
       [](EconomyParams& p, const std::string& v) {
         p.work.pay_scheme = v == "piece"     ? model::PayScheme::piece
                             : v == "commune" ? model::PayScheme::commune
                                              : model::PayScheme::time;
       }},
      work("work.commune_share", &model::WorkParams::commune_share),
      work("work.piece_effort", &model::WorkParams::piece_effort),
      work("work.income_effect", &model::WorkParams::income_effect),
      work("work.norm_ratchet", &model::WorkParams::norm_ratchet),
      {"work.commune_size", int_field(&EconomyParams::work, &model::WorkParams::commune_size)},
      work("work.monitoring", &model::WorkParams::monitoring),
      work("work.discontent_effort", &model::WorkParams::discontent_effort),
      work("work.discontent_quits", &model::WorkParams::discontent_quits),
      work("work.stoppage_threshold", &model::WorkParams::stoppage_threshold),
      work("work.stoppage_probability", &model::WorkParams::stoppage_probability),
      work("work.committee_share", &model::WorkParams::committee_share),
      {"work.committee_honest",
       [](EconomyParams& p, const std::string& v) { p.work.committee_honest = v == "true"; }},
      work("work.committee_noise", &model::WorkParams::committee_noise),
      work("work.committee_levelling", &model::WorkParams::committee_levelling),
      technology("technology.invention_rate", &model::TechnologyParams::invention_rate),
      technology("technology.invention_gain", &model::TechnologyParams::invention_gain),
      {"technology.retooling_months",
       int_field(&EconomyParams::technology, &model::TechnologyParams::retooling_months)},
      technology("technology.retooling_loss", &model::TechnologyParams::retooling_loss),
      technology("technology.retooling_capital", &model::TechnologyParams::retooling_capital),
      technology("technology.ratchet_exemption_years",
                 &model::TechnologyParams::ratchet_exemption_years),
      {"technology.order_gap",
       int_field(&EconomyParams::technology, &model::TechnologyParams::order_gap)},
      technology("technology.artel_horizon_years", &model::TechnologyParams::artel_horizon_years),
      artel("artels.price_band", &ArtelParams::price_band),
      artel("artels.price_adjustment", &ArtelParams::price_adjustment),
      {"artels.information_delay",
       int_field(&EconomyParams::artels, &ArtelParams::information_delay)},
      artel("artels.information_noise", &ArtelParams::information_noise),
      artel("artels.switch_threshold", &ArtelParams::switch_threshold),
      artel("artels.switch_probability", &ArtelParams::switch_probability),
      artel("artels.waste_share", &ArtelParams::waste_share),
      artel("artels.waste_price", &ArtelParams::waste_price),
      artel("artels.cooperative_allocation", &ArtelParams::cooperative_allocation),
      artel("artels.supply_hostility", &ArtelParams::supply_hostility),
      artel("artels.lobbying", &ArtelParams::lobbying),
      artel("artels.lobbying_speed", &ArtelParams::lobbying_speed),
      {"artels.separate_pools",
       [](EconomyParams& p, const std::string& v) {
         using model::SeparatePools;
         p.artels.separate_pools = v == "materials" ? SeparatePools::materials
                                   : v == "labour"  ? SeparatePools::labour
                                   : v == "both"    ? SeparatePools::both
                                                    : SeparatePools::none;
       }},
      artel("artels.reinvestment", &ArtelParams::reinvestment),
      artel("artels.min_pay", &ArtelParams::min_pay),
      {"artels.loss_months", int_field(&EconomyParams::artels, &ArtelParams::loss_months)},
      artel("artels.formation_rate", &ArtelParams::formation_rate),
      artel("artels.formation_threshold", &ArtelParams::formation_threshold),
      {"artels.founders", int_field(&EconomyParams::artels, &ArtelParams::founders)},
      {"planner.shadow_price_rationing",
       [](EconomyParams& p,
          const std::string& v) { p.planner.shadow_price_rationing = v == "true"; }},
      {"planner.stop_go",
       [](EconomyParams& p, const std::string& v) { p.planner.stop_go = v == "true"; }},
      {"planner.stop_go_threshold",
       real_field(&EconomyParams::planner, &PlannerParams::stop_go_threshold)},
      {"planner.stop_go_cut", real_field(&EconomyParams::planner, &PlannerParams::stop_go_cut)},
      {"planner.investment_to_bottlenecks",
       real_field(&EconomyParams::planner, &PlannerParams::investment_to_bottlenecks)},
      {"planner.investment_hunger",
       real_field(&EconomyParams::planner, &PlannerParams::investment_hunger)},
      {"planner.investment_overshoot",
       real_field(&EconomyParams::planner, &PlannerParams::investment_overshoot)},
      {"planner.capital_goods_priority",
       real_field(&EconomyParams::planner, &PlannerParams::capital_goods_priority)},
      {"planner.discontent_response",
       real_field(&EconomyParams::planner, &PlannerParams::discontent_response)},
      {"planner.plant_saturation",
       real_field(&EconomyParams::planner, &PlannerParams::plant_saturation)},
      {"planner.investment_from_surplus",
       real_field(&EconomyParams::planner, &PlannerParams::investment_from_surplus)},
      {"planner.investment_to_short_sectors",
       real_field(&EconomyParams::planner, &PlannerParams::investment_to_short_sectors)},
      {"channels.report.latency", channel_field(&EconomyParams::report_channel, "latency")},
      {"channels.report.jitter", channel_field(&EconomyParams::report_channel, "jitter")},
      {"channels.report.noise", channel_field(&EconomyParams::report_channel, "noise")},
      {"channels.report.bias", channel_field(&EconomyParams::report_channel, "bias")},
      {"channels.directive.latency", channel_field(&EconomyParams::directive_channel, "latency")},
      {"channels.directive.jitter", channel_field(&EconomyParams::directive_channel, "jitter")},
      {"channels.directive.noise", channel_field(&EconomyParams::directive_channel, "noise")},
      {"channels.directive.bias", channel_field(&EconomyParams::directive_channel, "bias")},
  };
  return table;
}

struct Preset {
  int goods, regions, enterprises, households, artels;
};

Preset preset_named(const std::string& name) {
  if (name == "tiny") {
    return {12, 2, 60, 2'000, 10};
  }
  if (name == "large") {
    return {500, 12, 12'000, 400'000, 2'000};
  }
  if (name == "full") {
    // Soviet industry at one agent per worker; the sources are in the schema's description.
    return {2'000, 12, 50'000, 4'650'000, 25'600};
  }
  return {60, 6, 600, 20'000, 100};
}

int count_or(const Config& config, const char* path, int preset) {
  const auto value = config.integer(path);
  return value > 0 ? static_cast<int>(value) : preset;
}

// "0, 2" -> {0, 2}; throws with a message for anything that is not a region number.
std::vector<std::uint32_t> region_list(const std::string& text, int regions) {
  std::vector<std::uint32_t> out;
  for (const auto& number : names_in(text)) {
    char* end = nullptr;
    const long value = std::strtol(number.c_str(), &end, 10);
    if (*end != '\0' || value < 0 || value >= regions) {
      throw std::invalid_argument("'" + number + "' is not a region (regions are numbered 0 to " +
                                  std::to_string(regions - 1) + ")");
    }
    out.push_back(static_cast<std::uint32_t>(value));
  }
  return out;
}

// The sector a choice argument names; none for "all".
std::optional<model::Sector> sector_named(const std::string& name) {
  for (std::size_t s = 0; s < model::sector_count; ++s) {
    if (name == model::sector_names[s]) {
      return static_cast<model::Sector>(s);
    }
  }
  return std::nullopt;
}

} // namespace

model::PolicyEvent policy_event_from(const PolicyEntry& entry, const Schema& schema, int regions,
                                     int consumer_goods) {
  using Kind = model::PolicyEvent::Kind;
  const EventSpec* spec = schema.find_event(entry.event);
  if (!spec) {
    throw ConfigError({Diagnostic{entry.place, "unknown event '" + entry.event + "'"}});
  }
  const auto arg = [&](const char* name) { return event_argument(entry, *spec, name); };
  model::PolicyEvent event;
  try {
    if (entry.event == "war_destruction") {
      event.kind = Kind::war_destruction;
      event.regions = region_list(arg("regions"), regions);
      event.capital_share = number(arg("capital_share"));
      event.workers_share = number(arg("workers_share"));
    } else if (entry.event == "capital_loss") {
      event.kind = Kind::capital_loss;
      event.capital_share = number(arg("share"));
      event.sector = sector_named(arg("sector"));
    } else if (entry.event == "mobilisation") {
      event.kind = Kind::mobilisation;
      event.regions = region_list(arg("regions"), regions);
      event.workers_share = number(arg("share"));
      event.killed_share = number(arg("killed"));
    } else if (entry.event == "demobilisation") {
      event.kind = Kind::demobilisation;
      event.workers_share = number(arg("share"));
    } else if (entry.event == "evacuation") {
      event.kind = Kind::evacuation;
      event.regions = region_list(arg("regions"), regions);
      event.to_regions = region_list(arg("to"), regions);
      event.capital_share = number(arg("share"));
      event.loss = number(arg("loss"));
      event.months = whole(arg("months"));
    } else if (entry.event == "conversion") {
      event.kind = Kind::conversion;
      event.sector = sector_named(arg("from"));
      event.to_sector = sector_named(arg("to"));
      if (event.sector == event.to_sector) {
        throw std::invalid_argument("'from' and 'to' name the same sector");
      }
      event.capital_share = number(arg("share"));
      event.loss = number(arg("loss"));
    } else if (entry.event == "labour_pool") {
      event.kind = Kind::labour_pool;
      event.pool_size = number(arg("size"));
      event.pool_growth = number(arg("growth"));
      event.pool_drain = number(arg("drain"));
    } else if (entry.event == "artel_restriction") {
      event.kind = Kind::artel_restriction;
      event.hostility = number(arg("hostility"));
    } else if (entry.event == "artel_nationalisation") {
      event.kind = Kind::artel_nationalisation;
    } else if (entry.event == "demand_shift") {
      event.kind = Kind::demand_shift;
      event.regions = region_list(arg("regions"), regions);
      event.factor = number(arg("factor"));
      const int good = whole(arg("good"));
      if (good >= consumer_goods) {
        throw std::invalid_argument("consumer good " + std::to_string(good) + " does not exist (" +
                                    std::to_string(consumer_goods) + " consumer goods, from 0)");
      }
      event.consumer_good = static_cast<std::uint32_t>(good);
    }
  } catch (const std::invalid_argument& error) {
    throw ConfigError({Diagnostic{entry.place, entry.event + ": " + error.what()}});
  }
  return event;
}

bool apply_parameter(EconomyParams& params, std::string_view path, const std::string& value) {
  for (const auto& binding : bindings()) {
    if (path == binding.path) {
      binding.set(params, value);
      return true;
    }
  }
  return false;
}

model::EconomyParams economy_params_from(const Config& config) {
  EconomyParams p;
  p.seed = static_cast<std::uint64_t>(config.integer("run.seed"));
  p.start = config.date("calendar.start");
  p.end = config.date("calendar.end");
  const Preset preset = preset_named(config.text("scale.preset"));
  p.goods.count = count_or(config, "scale.goods", preset.goods);
  p.regions = count_or(config, "scale.regions", preset.regions);
  p.enterprises.count = count_or(config, "scale.enterprises", preset.enterprises);
  p.enterprises.workers = count_or(config, "scale.households", preset.households);
  p.artels.count = count_or(config, "scale.artels", preset.artels);
  p.households.taste_sigma = config.real("households.taste_sigma");
  p.artels.employment_share = config.real("artels.employment_share");
  p.artels.relative_productivity = config.real("artels.relative_productivity");
  p.artels.capital_ratio = config.real("artels.capital_ratio");
  p.goods.inputs_per_good = static_cast<int>(config.integer("goods.inputs_per_good"));
  p.goods.input_coefficient_min = config.real("goods.input_coefficient_min");
  p.goods.input_coefficient_max = config.real("goods.input_coefficient_max");
  for (std::size_t s = 0; s < model::sector_count; ++s) {
    p.goods.sector_shares[s] =
        config.real(std::string("goods.sector_share.") + model::sector_names[s]);
  }
  if (const auto& file = config.text("goods.matrix_file"); !file.empty()) {
    // Relative to the scenario file that named it (or to the current folder for --set).
    const auto& place = config.place("goods.matrix_file");
    std::filesystem::path path(file);
    if (path.is_relative() && place.line > 0) {
      path = std::filesystem::path(place.file).parent_path() / path;
    }
    p.goods.matrix = read_matrix_csv(path.string());
  }
  p.bureaucracy.enterprises_per_glavk =
      static_cast<int>(config.integer("bureaucracy.enterprises_per_glavk"));
  p.bureaucracy.initial_staff = config.real("bureaucracy.initial_staff");
  p.planner.military_demand = config.real("planner.military_demand");
  p.planner.initial_accumulation_share = config.real("planner.initial_accumulation_share");
  p.panel_every = static_cast<int>(config.integer("output.panel.every"));
  p.panel = names_in(config.text("output.panel.fields"));
  p.panel_households = names_in(config.text("output.panel.households"));
  p.panel_artels = names_in(config.text("output.panel.artels"));
  p.planner.construction_lag = static_cast<int>(config.integer("planner.construction_lag"));
  for (const auto& binding : bindings()) {
    binding.set(p, config.text(binding.path));
  }

  if (auto problems = scenario_problems(config, p); !problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return p;
}

std::vector<std::string> events_left_out(const Config& config) {
  return names_in(config.text("run.without_events"));
}

} // namespace plansim::io
