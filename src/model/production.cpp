// The monthly round of the state enterprises (docs/ODD.md 7.2).

#include "plansim/model/production.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/model/planning/planner.hpp"
#include "plansim/model/technology.hpp"
#include "plansim/model/work.hpp"

#include <numeric>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using streams::stream;

void Production::produce_and_report(int tick, const Planner& planner) {
  auto& enterprises = world_.enterprises;
  auto& hierarchy = world_.hierarchy;
  const auto seed = world_.params.seed;
  const Chunking chunking(enterprises.size(), 256);
  const bool report = planner.reports_due(world_.calendar, tick);
  auto& channel = hierarchy.report_channel(glavk_level);
  channel.open_outboxes(chunking.count());
  const auto& ep = world_.params.enterprises;
  const auto& wp = world_.params.work;
  const auto& tp = world_.params.technology;
  const auto& glavk_of = hierarchy.nodes(enterprise_level);
  std::vector<int> replaced(chunking.count(), 0);
  engine::parallel_for_chunks(chunking, [&](const Chunk& chunk) {
    for (std::size_t e = chunk.begin; e < chunk.end; ++e) {
      Enterprise& firm = enterprises[e];
      const auto id = static_cast<std::uint32_t>(e);
      auto random = stream(seed, streams::enterprise, streams::deciding, id, tick);
      const auto inputs = world_.goods.inputs(firm.good);
      firm.capacity = capacity_of(firm, ep) * retooling_factor(firm, tp);
      const OutputDecision decision = planner.decide_output(firm, inputs, world_, random);
      firm.chosen_output = decision.chosen;
      firm.hiding = decision.hiding;
      produce(firm, inputs, ep.input_substitution);
      write_report(firm, ep, decision.hiding);
      if (ep.bonus_scheme == BonusScheme::weitzman) {
        firm.proposal = firm.reported_capacity;
      }
      request_inputs(firm, inputs, decision.input_aim, ep);
      // Audits: a caught falsifier is replaced by a new manager.
      auto audit = stream(seed, streams::enterprise, streams::auditing, id, tick);
      firm.caught = audit.bernoulli(ep.audit_probability) && firm.falsified;
      if (firm.caught) {
        firm.manager = draw_manager(ep, audit);
        firm.reported_output = firm.output;
        ++replaced[chunk.index];
      }
      if (report) {
        auto send_random = stream(seed, streams::enterprise, streams::reporting, id, tick);
        channel.send(chunk.index, id, hierarchy.nodes(glavk_level)[glavk_of[e].parent].bureau, tick,
                     Report{id, firm.reported_output, firm.reported_capacity, firm.target,
                            static_cast<double>(tick)},
                     send_random, firm.committee ? wp.committee_noise : 1.0);
      }
    }
  });
  channel.post();
  managers_replaced_ = std::accumulate(replaced.begin(), replaced.end(), 0);
}

} // namespace plansim::model
