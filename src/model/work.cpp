// Effort, pay schemes, norms and stoppages (docs/ODD.md 7.6, "Work and pay").

#include "plansim/model/work.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"

#include <algorithm>
#include <cmath>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using streams::stream;

namespace {

constexpr std::size_t household_grain = 1024;

int headcount(const Enterprise& firm) {
  return firm.skilled_workers + firm.unskilled_workers;
}

} // namespace

double scheme_effort(PayScheme scheme, double pooled, int team, double norm,
                     const WorkParams& params) {
  if (scheme == PayScheme::time) {
    return 1.0;
  }
  const double eta = params.income_effect;
  const double piece = params.piece_effort * std::pow(norm, (eta - 1.0) / (eta + 1.0));
  if (pooled <= 0.0) {
    return piece;
  }
  const double own_share = 1.0 / std::max(1, team);
  const double counted =
      (1.0 - pooled) + pooled * (own_share + params.monitoring * (1.0 - own_share));
  return piece * std::pow(counted, 1.0 / (eta + 1.0));
}

double pooled_share(PayScheme scheme, bool committee, const WorkParams& params) {
  if (scheme == PayScheme::commune) {
    return 1.0;
  }
  return committee ? params.committee_levelling : 0.0;
}

double effort_of(double chosen, double discontent, const WorkParams& params) {
  return chosen * std::max(0.0, 1.0 - params.discontent_effort * discontent);
}

double ratcheted_norm(const Enterprise& firm, const WorkParams& params) {
  const double fulfilment = firm.effort / firm.norm;
  return fulfilment > 1.0 ? firm.norm * (1.0 + params.norm_ratchet * (fulfilment - 1.0))
                          : firm.norm;
}

namespace {

// A fixed draw per enterprise and purpose: a larger share keeps the members of a smaller one.
bool drawn_into(std::uint64_t seed, std::uint16_t purpose, std::uint32_t id, double share) {
  if (share <= 0.0) {
    return false;
  }
  if (share >= 1.0) {
    return true;
  }
  return stream(seed, streams::enterprise, purpose, id, 0).uniform() < share;
}

} // namespace

bool has_committee(std::uint64_t seed, std::uint32_t id, double share) {
  return drawn_into(seed, streams::committee, id, share);
}

bool is_commune(std::uint64_t seed, std::uint32_t id, double share) {
  return drawn_into(seed, streams::communing, id, share);
}

void Work::organise_enterprises() {
  const auto& wp = world_.params.work;
  auto& firms = world_.enterprises;
  const bool unchanged = organised_ == firms.size() && wp.pay_scheme == organised_for_.pay_scheme &&
                         wp.commune_share == organised_for_.commune_share &&
                         wp.committee_share == organised_for_.committee_share &&
                         wp.committee_honest == organised_for_.committee_honest &&
                         wp.committee_levelling == organised_for_.committee_levelling;
  if (unchanged && organised_ > 0) {
    return;
  }
  const auto seed = world_.params.seed;
  for (std::size_t e = 0; e < firms.size(); ++e) {
    auto& firm = firms[e];
    const auto id = static_cast<std::uint32_t>(e);
    firm.pay_scheme = is_commune(seed, id, wp.commune_share) ? PayScheme::commune : wp.pay_scheme;
    firm.committee = has_committee(seed, id, wp.committee_share);
    firm.honest_reports = firm.committee && wp.committee_honest;
    firm.pooled_pay = pooled_share(firm.pay_scheme, firm.committee, wp);
  }
  organised_for_ = wp;
  organised_ = firms.size();
}

void Work::choose_effort() {
  const auto& wp = world_.params.work;
  // Time wages everywhere and discontent without effect: everyone stays at effort 1, so the
  // pass over the households is needed only once after another scheme was in force.
  const bool customary =
      wp.pay_scheme == PayScheme::time && wp.commune_share <= 0.0 && wp.discontent_effort <= 0.0;
  if (customary && efforts_customary_) {
    return;
  }
  efforts_customary_ = customary;
  const auto& firms = world_.enterprises;
  auto workers = world_.households.agents();
  engine::parallel_for_chunks(Chunking(workers.size(), household_grain), [&](const Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      auto& worker = workers[i];
      if (worker.workplace != Workplace::state) {
        worker.effort = 1.0;
        continue;
      }
      const auto& firm = firms[worker.employer];
      const int team = std::min(wp.commune_size, std::max(1, headcount(firm)));
      worker.effort =
          effort_of(scheme_effort(firm.pay_scheme, firm.pooled_pay, team, firm.norm, wp),
                    worker.discontent, wp);
    }
  });
}

void Work::adjust_norms(int tick) {
  const auto& wp = world_.params.work;
  const bool ratchet = tick > 0 && world_.calendar.starts_year(tick) && wp.norm_ratchet > 0;
  for (auto& firm : world_.enterprises) {
    firm.norm_reference += norm_adaptation * (firm.norm - firm.norm_reference);
    if (ratchet && firm.pay_scheme == PayScheme::piece && headcount(firm) > 0 && !firm.committee) {
      firm.norm = ratcheted_norm(firm, wp);
    }
  }
}

void Work::decide_stoppages(int tick) {
  const auto& wp = world_.params.work;
  stoppages_ = 0;
  for (std::size_t e = 0; e < world_.enterprises.size(); ++e) {
    auto& firm = world_.enterprises[e];
    firm.stopped = false;
    if (wp.stoppage_probability <= 0 || firm.discontent <= wp.stoppage_threshold) {
      continue;
    }
    auto random = stream(world_.params.seed, streams::enterprise, streams::striking,
                         static_cast<std::uint32_t>(e), tick);
    if (random.bernoulli(wp.stoppage_probability)) {
      firm.stopped = true;
      firm.workers = 0.0;
      firm.norm = std::min(firm.norm, firm.norm_reference);
      ++stoppages_;
    }
  }
}

} // namespace plansim::model
