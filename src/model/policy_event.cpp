#include "plansim/model/policy_event.hpp"

#include <sstream>

namespace plansim::model {

namespace {

std::string regions_text(const std::vector<std::uint32_t>& regions) {
  if (regions.empty()) {
    return "every region";
  }
  std::ostringstream out;
  out << (regions.size() == 1 ? "region " : "regions ");
  for (std::size_t i = 0; i < regions.size(); ++i) {
    out << (i > 0 ? "," : "") << regions[i];
  }
  return out.str();
}

} // namespace

const char* name_of(PolicyEvent::Kind kind) {
  switch (kind) {
  case PolicyEvent::Kind::war_destruction:
    return "war_destruction";
  case PolicyEvent::Kind::capital_loss:
    return "capital_loss";
  case PolicyEvent::Kind::artel_restriction:
    return "artel_restriction";
  case PolicyEvent::Kind::artel_nationalisation:
    return "artel_nationalisation";
  case PolicyEvent::Kind::demand_shift:
    return "demand_shift";
  case PolicyEvent::Kind::mobilisation:
    return "mobilisation";
  case PolicyEvent::Kind::demobilisation:
    return "demobilisation";
  case PolicyEvent::Kind::evacuation:
    return "evacuation";
  case PolicyEvent::Kind::conversion:
    return "conversion";
  case PolicyEvent::Kind::labour_pool:
    return "labour_pool";
  }
  return "?";
}

std::string describe(const PolicyEvent& event) {
  std::ostringstream out;
  switch (event.kind) {
  case PolicyEvent::Kind::war_destruction:
    out << "war destruction in " << regions_text(event.regions) << ": " << event.capital_share
        << " of capital and " << event.workers_share << " of workers lost";
    break;
  case PolicyEvent::Kind::capital_loss:
    out << "capital loss: " << event.capital_share << " of "
        << (event.sector ? sector_names[static_cast<std::size_t>(*event.sector)] : "all")
        << " capital";
    break;
  case PolicyEvent::Kind::artel_restriction:
    out << "artel restriction: no new artels, supply hostility " << event.hostility;
    break;
  case PolicyEvent::Kind::artel_nationalisation:
    out << "artel nationalisation: artels become state enterprises";
    break;
  case PolicyEvent::Kind::demand_shift:
    out << "demand shift in " << regions_text(event.regions) << ": consumer good "
        << event.consumer_good << " wanted " << event.factor << " times as much";
    break;
  case PolicyEvent::Kind::mobilisation:
    out << "mobilisation in " << regions_text(event.regions) << ": " << event.workers_share
        << " of workers called up, " << event.killed_share << " of them never to return";
    break;
  case PolicyEvent::Kind::demobilisation:
    out << "demobilisation: " << event.workers_share << " of those serving come home";
    break;
  case PolicyEvent::Kind::evacuation:
    out << "evacuation from " << regions_text(event.regions) << " to "
        << regions_text(event.to_regions) << ": " << event.capital_share << " of capital moved, "
        << event.loss << " of it lost on the way";
    if (event.months > 0) {
      out << ", at work again after " << event.months << " months";
    }
    break;
  case PolicyEvent::Kind::conversion:
    out << "conversion: " << event.capital_share << " of "
        << sector_names[static_cast<std::size_t>(event.sector.value_or(Sector::consumer))]
        << " capital to "
        << sector_names[static_cast<std::size_t>(event.to_sector.value_or(Sector::military))]
        << ", " << event.loss << " of it lost";
    break;
  case PolicyEvent::Kind::labour_pool:
    out << "labour pool: " << event.pool_size << " times the workforce, growing "
        << event.pool_growth << " a year";
    if (event.pool_drain < 1.0) {
      out << ", " << event.pool_drain << " of the reserve a year at most";
    }
    break;
  }
  return out.str();
}

} // namespace plansim::model
