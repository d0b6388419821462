// Reading an experiment's hypotheses with their controls (experiments/README.md).

#include "plansim/experiment/hypothesis_reader.hpp"

#include "plansim/io/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace plansim::experiment {

using io::Diagnostic;
using io::SourcePlace;

std::string text_of(sweep::FieldReader& reader, const YAML::Node& node, const char* what) {
  if (!node || !node.IsScalar() || node.Scalar().empty()) {
    if (node) {
      reader.error(node, std::string("'") + what + "' must be a text");
    } else {
      reader.error(Diagnostic{SourcePlace{reader.path(), 0, 0},
                              std::string("an experiment needs '") + what + "'"});
    }
    return "";
  }
  return node.Scalar();
}

namespace {

std::vector<std::string> arm_names(const ExperimentSpec& spec) {
  std::vector<std::string> names;
  for (const auto& arm : spec.arms) {
    names.push_back(arm.name);
  }
  return names;
}

// "a - b" -> the two names, which must be arms of the file (or `groups`, when given: the
// scaling's groups or the decomposition's factors, listed at `groups_where`).
std::pair<std::string, std::string> read_compare(sweep::FieldReader& reader, const YAML::Node& node,
                                                 const ExperimentSpec& spec,
                                                 const std::string& what,
                                                 const std::vector<std::string>& groups = {},
                                                 const std::string& groups_where = "") {
  const std::string text = node && node.IsScalar() ? node.Scalar() : "";
  const auto minus = text.find(" - ");
  const auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    return s;
  };
  if (minus == std::string::npos) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "'" + what + "' must be 'ARM_A - ARM_B'");
    return {};
  }
  std::pair<std::string, std::string> arms{trim(text.substr(0, minus)),
                                           trim(text.substr(minus + 3))};
  const auto names = groups.empty() ? arm_names(spec) : groups;
  for (const auto* name : {&arms.first, &arms.second}) {
    if (!names.empty() && std::find(names.begin(), names.end(), *name) == names.end()) {
      reader.error(node, "no " + std::string(groups.empty() ? "arm" : "name") + " '" + *name +
                             "' in '" + (groups.empty() ? "arms" : groups_where) + "'" +
                             io::did_you_mean(*name, names));
    }
  }
  if (arms.first == arms.second) {
    reader.error(node, "'" + what + "' must compare two different arms");
  }
  return arms;
}

void read_knockout(sweep::FieldReader& reader, const YAML::Node& node, const std::string& where,
                   Hypothesis& h) {
  if (!node || !node.IsMap()) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "'" + where +
                     "' needs 'knockout: {mechanism: ..., set: {...}}': the same "
                     "comparison with the mechanism that should carry the effect switched off");
    return;
  }
  reader.only_keys(node, {"mechanism", "set"}, "'" + where + ".knockout'");
  h.knockout.mechanism =
      text_of(reader, node["mechanism"], (where + ".knockout.mechanism").c_str());
  const auto set = node["set"];
  if (set && set.IsMap() && set.size() > 0) {
    reader.read_set(set, "", h.knockout.set);
  } else {
    reader.error(set ? reader.at(set) : reader.at(node),
                 "'" + where +
                     ".knockout.set' must set the parameters that switch the "
                     "mechanism off");
  }
}

void read_placebo(sweep::FieldReader& reader, const YAML::Node& node, const std::string& where,
                  const ExperimentSpec& spec, Hypothesis& h) {
  if (!node || !node.IsMap()) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "'" + where +
                     "' needs 'placebo: {window: [FROM, TO]}' or 'placebo: {compare: "
                     "ARM_A - ARM_B}': where no effect is expected");
    return;
  }
  reader.only_keys(node, {"window", "compare"}, "'" + where + ".placebo'");
  if (node["window"] && node["compare"]) {
    reader.error(node, "'" + where + ".placebo' takes a window or a compare, not both");
  }
  if (const auto window = node["window"]) {
    sweep::MetricSpec metric = h.metric;
    metric.from.reset();
    metric.to.reset();
    metric.name = h.name + "_placebo";
    reader.read_window(window, metric);
    reader.check_metric(node, metric);
    h.placebo.metric = metric;
  } else if (const auto compare = node["compare"]) {
    std::tie(h.placebo.arm_a, h.placebo.arm_b) =
        read_compare(reader, compare, spec, where + ".placebo.compare");
  } else {
    reader.error(node, "'" + where + ".placebo' needs a window or a compare");
  }
}

void read_interaction(sweep::FieldReader& reader, const YAML::Node& node, const std::string& where,
                      const ExperimentSpec& spec, Hypothesis& h) {
  if (!node.IsMap()) {
    reader.error(node, "'" + where + ".interaction' must be {compare: ARM_C - ARM_D, when: ...}");
    return;
  }
  reader.only_keys(node, {"compare", "when"}, "'" + where + ".interaction'");
  Interaction interaction;
  std::tie(interaction.arm_a, interaction.arm_b) =
      read_compare(reader, node["compare"], spec, where + ".interaction.compare");
  interaction.when = text_of(reader, node["when"], (where + ".interaction.when").c_str());
  h.interaction = std::move(interaction);
}

// scaling: {parameter: PATH, groups: {NAME: [ARM, ...], ...}}: each group's arms set the
// parameter to positive numbers, at least three of them.
void read_scaling(sweep::FieldReader& reader, const YAML::Node& node, const std::string& where,
                  const ExperimentSpec& spec, Hypothesis& h) {
  if (!node.IsMap()) {
    reader.error(node, "'" + where +
                           ".scaling' must be {parameter: PATH, groups: {NAME: [ARM, "
                           "...]}}");
    return;
  }
  reader.only_keys(node, {"parameter", "groups"}, "'" + where + ".scaling'");
  Scaling scaling;
  scaling.parameter = text_of(reader, node["parameter"], (where + ".scaling.parameter").c_str());
  const auto groups = node["groups"];
  if (!groups || !groups.IsMap() || groups.size() < 2) {
    reader.error(groups ? reader.at(groups) : reader.at(node),
                 "'" + where +
                     ".scaling.groups' must map two or more group names to lists of "
                     "arms");
    return;
  }
  const auto names = arm_names(spec);
  for (const auto& group : groups) {
    std::vector<std::string> arms;
    if (group.second.IsSequence()) {
      for (const auto& arm : group.second) {
        const std::string name = arm.IsScalar() ? arm.Scalar() : "";
        const auto found = std::find_if(spec.arms.begin(), spec.arms.end(),
                                        [&](const Arm& a) { return a.name == name; });
        if (found == spec.arms.end()) {
          reader.error(arm, "no arm '" + name + "' in 'arms'" + io::did_you_mean(name, names));
          continue;
        }
        const auto value = std::find_if(found->set.begin(), found->set.end(), [&](const auto& s) {
          return s.first == scaling.parameter;
        });
        char* end = nullptr;
        const double number =
            value == found->set.end() ? 0.0 : std::strtod(value->second.c_str(), &end);
        if (value == found->set.end() || number <= 0 || !end || *end != '\0') {
          reader.error(arm, "arm '" + name + "' must set '" + scaling.parameter +
                                "' to a positive number (the scaling's x)");
        }
        arms.push_back(name);
      }
    }
    if (arms.size() < 3) {
      reader.error(group.second, "a scaling group needs at least three arms (values of '" +
                                     scaling.parameter + "')");
    }
    scaling.groups.emplace_back(group.first.Scalar(), std::move(arms));
  }
  h.scaling = std::move(scaling);
}

// decomposition: {factors: [A, B], cells: [[ARM, ARM], [ARM, ARM]]}: four different arms, rows
// the levels of A, columns those of B.
void read_decomposition(sweep::FieldReader& reader, const YAML::Node& node,
                        const std::string& where, const ExperimentSpec& spec, Hypothesis& h) {
  const std::string shape = "'" + where +
                            ".decomposition' must be {factors: [FACTOR_A, FACTOR_B], cells: "
                            "[[ARM, ARM], [ARM, ARM]]} (rows: levels of FACTOR_A)";
  if (!node.IsMap()) {
    reader.error(node, shape);
    return;
  }
  reader.only_keys(node, {"factors", "cells"}, "'" + where + ".decomposition'");
  const auto factors = node["factors"];
  const auto cells = node["cells"];
  const auto pair_of_texts = [](const YAML::Node& n) {
    return n && n.IsSequence() && n.size() == 2 && n[0].IsScalar() && n[1].IsScalar();
  };
  if (!pair_of_texts(factors) || !cells || !cells.IsSequence() || cells.size() != 2 ||
      !pair_of_texts(cells[0]) || !pair_of_texts(cells[1])) {
    reader.error(node, shape);
    return;
  }
  Decomposition d;
  d.factors = {factors[0].Scalar(), factors[1].Scalar()};
  if (d.factors[0] == d.factors[1]) {
    reader.error(factors, "the two factors need different names");
  }
  const auto names = arm_names(spec);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t j = 0; j < 2; ++j) {
      const auto cell = cells[i][j];
      d.cells[i][j] = cell.Scalar();
      if (std::find(names.begin(), names.end(), d.cells[i][j]) == names.end()) {
        reader.error(cell, "no arm '" + d.cells[i][j] + "' in 'arms'" +
                               io::did_you_mean(d.cells[i][j], names));
      }
    }
  }
  auto arms = d.arms();
  std::sort(arms.begin(), arms.end());
  if (std::adjacent_find(arms.begin(), arms.end()) != arms.end()) {
    reader.error(cells, "the four cells of a decomposition must be four different arms");
  }
  h.decomposition = std::move(d);
}

Hypothesis read_hypothesis(sweep::FieldReader& reader, const YAML::Node& node,
                           const std::string& name, const std::string& where,
                           const ExperimentSpec& spec) {
  Hypothesis h;
  h.name = name;
  if (!node || !node.IsMap()) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "'" + where +
                     "' must be a mapping (metric, window, statistic, compare, expect, "
                     "alpha, knockout, placebo)");
    return h;
  }
  reader.only_keys(node,
                   {"metric", "column", "window", "statistic", "compare", "expect", "alpha",
                    "knockout", "placebo", "interaction", "scaling", "decomposition"},
                   "'" + where + "'");
  if (const auto metric = node["metric"]; metric && reader.check_series(metric)) {
    h.metric.series = metric.Scalar();
  } else if (!metric) {
    reader.error(node, "'" + where + "' needs 'metric: SERIES'");
  }
  if (const auto column = node["column"]) {
    h.metric.column = column.IsScalar() ? column.Scalar() : "";
  }
  if (const auto statistic = node["statistic"]; statistic && reader.check_statistic(statistic)) {
    h.metric.statistic = statistic.Scalar();
  } else if (!statistic) {
    reader.error(node, "'" + where + "' needs 'statistic:' (" + sweep::statistic_names + ")");
  }
  if (const auto window = node["window"]) {
    reader.read_window(window, h.metric);
  }
  reader.check_metric(node, h.metric);
  h.metric.name = name == "main" ? "" : name;
  std::vector<std::string> groups;
  if (const auto scaling = node["scaling"]) {
    read_scaling(reader, scaling, where, spec, h);
    for (const auto& [name, arms] : h.scaling ? h.scaling->groups : decltype(h.scaling->groups){}) {
      groups.push_back(name);
    }
    if (node["interaction"] || (node["placebo"] && node["placebo"]["compare"])) {
      reader.error(scaling, "a scaling hypothesis takes a placebo window, and no interaction");
    }
  }
  if (const auto decomposition = node["decomposition"]) {
    if (node["scaling"]) {
      reader.error(decomposition, "a hypothesis is a scaling or a decomposition, not both");
    }
    read_decomposition(reader, decomposition, where, spec, h);
    if (h.decomposition) {
      groups.assign(h.decomposition->factors.begin(), h.decomposition->factors.end());
    }
    if (node["interaction"] || (node["placebo"] && node["placebo"]["compare"])) {
      reader.error(decomposition,
                   "a decomposition hypothesis takes a placebo window, and no interaction (the "
                   "interaction is part of the decomposition)");
    }
  }
  std::tie(h.arm_a, h.arm_b) =
      read_compare(reader, node["compare"], spec, where + ".compare", groups,
                   h.decomposition ? "decomposition.factors" : "scaling.groups");
  const auto expect = node["expect"];
  if (expect && expect.IsScalar() && (expect.Scalar() == "greater" || expect.Scalar() == "less")) {
    h.expect = expect.Scalar() == "greater" ? Expect::greater : Expect::less;
  } else {
    reader.error(expect ? reader.at(expect) : reader.at(node),
                 "'" + where + ".expect' must be greater or less");
  }
  if (const auto alpha = node["alpha"]) {
    h.alpha = reader.real(alpha, (where + ".alpha").c_str(), 0.0, 0.5).value_or(h.alpha);
  }
  read_knockout(reader, node["knockout"], where, h);
  read_placebo(reader, node["placebo"], where, spec, h);
  if (const auto interaction = node["interaction"]) {
    read_interaction(reader, interaction, where, spec, h);
  }
  return h;
}

} // namespace

void read_hypotheses(sweep::FieldReader& reader, const YAML::Node& root, ExperimentSpec& spec) {
  const auto one = root["hypothesis"];
  const auto many = root["hypotheses"];
  if (one && many) {
    reader.error(many, "give 'hypothesis' or 'hypotheses', not both");
  }
  if (one) {
    spec.hypotheses.push_back(read_hypothesis(reader, one, "main", "hypothesis", spec));
  } else if (many && many.IsMap() && many.size() > 0) {
    for (const auto& item : many) {
      const std::string name = item.first.Scalar();
      spec.hypotheses.push_back(
          read_hypothesis(reader, item.second, name, "hypotheses." + name, spec));
    }
  } else {
    reader.error(many ? reader.at(many) : SourcePlace{reader.path(), 0, 0},
                 "an experiment needs 'hypothesis:' (or 'hypotheses:', a mapping of names to "
                 "hypotheses)");
  }
}

void add_knockout_arms(ExperimentSpec& spec) {
  const bool one = spec.hypotheses.size() == 1;
  std::vector<Arm> added;
  std::vector<std::string> based_on; // the arm each added one knocks out
  for (auto& h : spec.hypotheses) {
    const auto knockout_of = [&](const std::string& arm_name) {
      const auto found = std::find_if(spec.arms.begin(), spec.arms.end(),
                                      [&](const Arm& a) { return a.name == arm_name; });
      Arm arm;
      arm.name = arm_name + (one ? "/knockout" : "/knockout-" + h.name);
      arm.knockout = true;
      if (found != spec.arms.end()) {
        arm.set = found->set;
      }
      for (const auto& [path, value] : h.knockout.set) {
        const auto own = std::find_if(arm.set.begin(), arm.set.end(),
                                      [&](const auto& s) { return s.first == path; });
        if (own != arm.set.end()) {
          own->second = value;
        } else {
          arm.set.emplace_back(path, value);
        }
      }
      // Hypotheses whose knock-outs change an arm the same way share its runs.
      // (Compared as sets: the order the settings are applied in stays the arm's own.)
      const auto sorted = [](auto settings) {
        std::sort(settings.begin(), settings.end());
        return settings;
      };
      for (std::size_t k = 0; k < added.size(); ++k) {
        if (based_on[k] == arm_name && sorted(added[k].set) == sorted(arm.set)) {
          return added[k].name;
        }
      }
      based_on.push_back(arm_name);
      added.push_back(arm);
      return arm.name;
    };
    if (h.scaling) {
      for (const auto& name : h.scaling->arms_of(h.arm_a)) {
        h.knockout_group_a.push_back(knockout_of(name));
      }
      for (const auto& name : h.scaling->arms_of(h.arm_b)) {
        h.knockout_group_b.push_back(knockout_of(name));
      }
    } else if (h.decomposition) {
      for (const auto& name : h.decomposition->arms()) {
        h.knockout_cells.push_back(knockout_of(name));
      }
    } else {
      h.knockout_a = knockout_of(h.arm_a);
      h.knockout_b = knockout_of(h.arm_b);
    }
  }
  spec.arms.insert(spec.arms.end(), added.begin(), added.end());
}

void index_metrics(ExperimentSpec& spec) {
  std::size_t next = 0;
  for (auto& h : spec.hypotheses) {
    h.metric_index = next++;
  }
  for (auto& h : spec.hypotheses) {
    if (h.placebo.metric) {
      h.placebo_metric_index = next++;
    }
  }
}

} // namespace plansim::experiment
