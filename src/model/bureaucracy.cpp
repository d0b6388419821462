// Reports up, directives down, staffing and promotion (docs/ODD.md 7.3).

#include "plansim/model/bureaucracy.hpp"

#include "streams.hpp"

#include <algorithm>
#include <numeric>

namespace plansim::model {

using streams::stream;

void Bureaucracy::pass_directives_down(int tick) {
  auto& hierarchy = world_.hierarchy;
  for (int down = ministry_level; down >= enterprise_level; --down) {
    const auto level = static_cast<std::size_t>(down);
    auto& channel = hierarchy.directive_channel(level);
    channel.deliver(tick);
    const auto& nodes = hierarchy.nodes(level);
    if (level > enterprise_level) {
      hierarchy.directive_channel(level - 1).open_outboxes(1);
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      for (const auto& message : channel.inbox(static_cast<engine::AgentId>(n))) {
        split_directive(level, message.payload.node, message.payload.target, tick);
      }
    }
    if (level > enterprise_level) {
      hierarchy.directive_channel(level - 1).post();
    }
  }
}

// A bureau receiving a target for one good splits it among the units below: a ministry by the
// capacity its glavks report, a glavk by each enterprise's ratchet base (last target moved
// towards reported output by lambda, not at all while a retooled plant is exempt) or, under
// Weitzman's scheme, by the managers' proposals. An incompetent bureau errs in the shares; a
// loyal one passes the orders on promptly and faithfully.
void Bureaucracy::split_directive(std::size_t level, std::uint32_t node, double target, int tick) {
  auto& hierarchy = world_.hierarchy;
  hierarchy.targets(level)[node] = target;
  if (level == enterprise_level) {
    world_.enterprises[node].target = target;
    return;
  }
  const auto& ep = world_.params.enterprises;
  const auto children = hierarchy.children(level, node);
  const auto& known = hierarchy.known(level - 1);
  // An optimal plan says what each enterprise is to make; otherwise the bureau's own rules.
  const auto& optimal = world_.plan.enterprise_output;
  const auto optimal_of = [&](std::size_t e) { return e < optimal.size() ? optimal[e] : 0.0; };
  std::vector<double> weights;
  weights.reserve(children.size());
  for (auto child : children) {
    double w = known[child].capacity;
    if (level - 1 == enterprise_level) {
      const auto& firm = world_.enterprises[child];
      // A plant just retooled may be spared the ratchet (technology.ratchet_exemption_years).
      const double ratchet = tick < firm.ratchet_exempt_until ? 0.0 : ep.ratchet;
      w = !optimal.empty() ? optimal_of(child)
          : ep.bonus_scheme == BonusScheme::weitzman
              ? known[child].capacity
              : firm.target + ratchet * (known[child].output - firm.target);
    } else if (!optimal.empty()) {
      w = 0.0;
      for (auto e : hierarchy.children(level - 1, child)) {
        w += optimal_of(e);
      }
    }
    weights.push_back(std::max(w, 0.0));
  }
  const auto& bp = world_.params.bureaucracy;
  const auto* bureau_node = &hierarchy.nodes(level)[node];
  const Bureau& bureau = hierarchy.bureaus(level)[bureau_node->bureau];
  // The bureau's own judgement draws from a stream of its own, so that switching it on leaves
  // every other draw as it was.
  auto judgement = stream(world_.params.seed, streams::bureau,
                          streams::at_level(streams::judging, level), node, tick);
  if (bp.competence_planning > 0.0) {
    const double sigma = bp.competence_planning * (1.0 - bureau.competence);
    for (auto& w : weights) {
      w *= judgement.lognormal_factor(sigma);
    }
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  const double obedience = bp.loyalty_obedience * bureau.loyalty;
  auto& channel = hierarchy.directive_channel(level - 1);
  for (std::size_t c = 0; c < children.size(); ++c) {
    const double share = total > 0 ? weights[c] / total : 1.0 / double(children.size());
    const bool prompt = obedience > 0.0 && judgement.uniform() < obedience;
    auto random = stream(world_.params.seed, streams::bureau,
                         streams::at_level(streams::directing, level), children[c], tick);
    channel.send(0, bureau_node->bureau, children[c], tick, Directive{children[c], target * share},
                 random, 1.0 - obedience, prompt);
  }
}

void Bureaucracy::promote(int tick) {
  const double w = world_.params.bureaucracy.competence_weight;
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& bureaus = world_.hierarchy.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      auto random =
          stream(world_.params.seed, streams::bureau, streams::at_level(streams::promoting, level),
                 static_cast<std::uint32_t>(b), tick);
      bureaus[b].competence = w * random.uniform(0.6, 1.0) + (1.0 - w) * random.uniform(0.0, 0.6);
      // Drawn after competence so that competence is the same whether or not loyalty is read.
      bureaus[b].loyalty = w * random.uniform(0.0, 0.6) + (1.0 - w) * random.uniform(0.6, 1.0);
    }
  }
}

void Bureaucracy::pass_reports_up(int tick, bool reports_due) {
  const auto& bp = world_.params.bureaucracy;
  auto& hierarchy = world_.hierarchy;
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& inbox = hierarchy.report_channel(level);
    inbox.deliver(tick);
    auto& known = hierarchy.known(level - 1);
    auto& bureaus = hierarchy.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      const auto delivered = inbox.inbox(static_cast<engine::AgentId>(b));
      bureaus[b].handled = static_cast<double>(delivered.size());
      for (const auto& message : delivered) {
        known[message.payload.node] = message.payload;
      }
    }
    if (level == planner_level || !reports_due) {
      continue;
    }
    auto& up = hierarchy.report_channel(level + 1);
    up.open_outboxes(1);
    const auto& nodes = hierarchy.nodes(level);
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      Report sum{static_cast<std::uint32_t>(n), 0.0, 0.0, 0.0, 0.0};
      const auto children = hierarchy.children(level, n);
      for (auto child : children) {
        sum.output += known[child].output;
        sum.capacity += known[child].capacity;
        sum.target += known[child].target;
        sum.origin_tick += known[child].origin_tick / double(children.size());
      }
      const Bureau& bureau = bureaus[nodes[n].bureau];
      auto random =
          stream(world_.params.seed, streams::bureau, streams::at_level(streams::reporting, level),
                 static_cast<std::uint32_t>(n), tick);
      const double slack = 1.0 - bureau.competence;
      const double noise = random.lognormal_factor(bp.competence_noise * slack);
      const double career = sum.output < sum.target ? 1.0 + bp.career_inflation * slack : 1.0;
      sum.output *= noise * career;
      sum.capacity *= noise * career;
      up.send(0, static_cast<engine::AgentId>(n),
              hierarchy.nodes(level + 1)[nodes[n].parent].bureau, tick, sum, random);
    }
    up.post();
  }
  adjust_staff();
}

// The centre answers cheating with controls (Berliner 1957; Nove 1977): after a year in which
// audits caught falsifiers, every report must carry more figures, in proportion to the catches
// per enterprise. Forms are never simplified, so the indicators only grow.
void Bureaucracy::tighten_controls() {
  const auto& bp = world_.params.bureaucracy;
  const auto enterprises = world_.enterprises.size();
  if (bp.control_response > 0.0 && caught_this_year_ > 0 && enterprises > 0) {
    auto& hierarchy = world_.hierarchy;
    const double catches = double(caught_this_year_) / double(enterprises);
    hierarchy.set_indicators(hierarchy.indicators() * (1.0 + bp.control_response * catches));
    hierarchy.update_capacities(bp.messages_per_bureaucrat);
  }
  caught_this_year_ = 0;
}

// Bureaus hire when reports pile up beyond what their staff can handle, and shed staff slowly
// when they are idle (Parkinson's law works only one way quickly).
void Bureaucracy::adjust_staff() {
  const auto& bp = world_.params.bureaucracy;
  auto& hierarchy = world_.hierarchy;
  const double reports_per_official = hierarchy.reports_per_official(bp.messages_per_bureaucrat);
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& inbox = hierarchy.report_channel(level);
    auto& bureaus = hierarchy.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      auto& bureau = bureaus[b];
      const double capacity = bureau.staff * reports_per_official;
      const double backlog = static_cast<double>(inbox.backlog(static_cast<engine::AgentId>(b)));
      if (backlog > bp.hire_threshold * capacity) {
        bureau.staff += bp.hire_rate * backlog / reports_per_official;
      } else if (backlog == 0 && bureau.handled < 0.5 * capacity) {
        bureau.staff = std::max(1.0, bureau.staff * 0.99);
      }
    }
  }
  hierarchy.update_capacities(bp.messages_per_bureaucrat);
}

void send_targets_down(World& world, int tick) {
  auto& hierarchy = world.hierarchy;
  auto& channel = hierarchy.directive_channel(ministry_level);
  channel.open_outboxes(1);
  for (std::size_t m = 0; m < hierarchy.nodes(ministry_level).size(); ++m) {
    const auto good = hierarchy.nodes(ministry_level)[m].good;
    auto random = stream(world.params.seed, streams::bureau,
                         streams::at_level(streams::directing, planner_level),
                         static_cast<std::uint32_t>(m), tick);
    channel.send(0, 0, static_cast<engine::AgentId>(m), tick,
                 Directive{static_cast<std::uint32_t>(m), world.plan.output[good]}, random);
  }
  channel.post();
}

} // namespace plansim::model
