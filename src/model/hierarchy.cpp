#include "plansim/model/hierarchy.hpp"

#include <algorithm>
#include <map>

namespace plansim::model {

namespace {

// Groups nodes of one level by (bureau, good) into parent nodes at the next level.
template <class BureauOf>
std::vector<Hierarchy::Node> group_into_parents(std::vector<Hierarchy::Node>& children,
                                                const BureauOf& parent_bureau_of) {
  std::vector<Hierarchy::Node> parents;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> index;
  for (auto& child : children) {
    const std::uint32_t bureau = parent_bureau_of(child);
    const auto key = std::make_pair(bureau, child.good);
    auto [it, inserted] = index.emplace(key, static_cast<std::uint32_t>(parents.size()));
    if (inserted) {
      parents.push_back(Hierarchy::Node{bureau, child.good, 0});
    }
    child.parent = it->second;
  }
  return parents;
}

} // namespace

Hierarchy::Hierarchy(const std::vector<Enterprise>& enterprises, const Goods& goods,
                     const BureaucracyParams& params, const engine::ChannelParams& reports,
                     const engine::ChannelParams& directives) {
  // Glavks: consecutive enterprises of one sector, enterprises_per_glavk at a time.
  std::vector<std::uint32_t> glavk_of(enterprises.size());
  std::size_t in_current = 0;
  int current_sector = -1;
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    const auto sector = static_cast<int>(goods.sector(enterprises[e].good));
    if (sector != current_sector ||
        in_current == static_cast<std::size_t>(std::max(1, params.enterprises_per_glavk))) {
      bureaus_[glavk_level].push_back(
          Bureau{params.initial_staff, 0.5, 0.0, static_cast<std::uint32_t>(sector)});
      current_sector = sector;
      in_current = 0;
    }
    glavk_of[e] = static_cast<std::uint32_t>(bureaus_[glavk_level].size() - 1);
    ++in_current;
  }
  for (std::size_t s = 0; s < sector_count; ++s) {
    bureaus_[ministry_level].push_back(
        Bureau{params.initial_staff, 0.5, 0.0, static_cast<std::uint32_t>(s)});
  }
  bureaus_[planner_level].push_back(Bureau{params.initial_staff, 0.5, 0.0, 0});

  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    nodes_[enterprise_level].push_back(Node{static_cast<std::uint32_t>(e), enterprises[e].good, 0});
  }
  nodes_[glavk_level] = group_into_parents(nodes_[enterprise_level],
                                           [&](const Node& n) { return glavk_of[n.bureau]; });
  nodes_[ministry_level] = group_into_parents(
      nodes_[glavk_level], [&](const Node& n) { return bureaus_[glavk_level][n.bureau].sector; });
  // The planner holds one node per good, numbered by good.
  for (std::size_t g = 0; g < goods.count(); ++g) {
    nodes_[planner_level].push_back(Node{0, static_cast<std::uint32_t>(g), 0});
  }
  for (auto& n : nodes_[ministry_level]) {
    n.parent = n.good;
  }

  for (std::size_t level = 1; level < level_count; ++level) {
    auto& offsets = child_offsets_[level];
    offsets.assign(nodes_[level].size() + 1, 0);
    for (const auto& child : nodes_[level - 1]) {
      ++offsets[child.parent + 1];
    }
    for (std::size_t n = 0; n < nodes_[level].size(); ++n) {
      offsets[n + 1] += offsets[n];
    }
    child_list_[level].assign(nodes_[level - 1].size(), 0);
    auto cursor = offsets;
    for (std::size_t c = 0; c < nodes_[level - 1].size(); ++c) {
      child_list_[level][cursor[nodes_[level - 1][c].parent]++] = static_cast<std::uint32_t>(c);
    }
  }
  for (std::size_t level = 0; level < level_count; ++level) {
    known_[level].assign(nodes_[level].size(), Report{});
    targets_[level].assign(nodes_[level].size(), 0.0);
  }
  for (std::size_t level = 1; level < level_count; ++level) {
    report_channels_.emplace_back(reports, bureaus_[level].size());
  }
  for (std::size_t level = 0; level + 1 < level_count; ++level) {
    directive_channels_.emplace_back(directives, nodes_[level].size());
  }
  update_capacities(params.messages_per_bureaucrat);
}

std::span<const std::uint32_t> Hierarchy::children(std::size_t level, std::size_t n) const {
  const auto& offsets = child_offsets_[level];
  return std::span(child_list_[level]).subspan(offsets[n], offsets[n + 1] - offsets[n]);
}

double Hierarchy::bureaucrats() const {
  double total = 0.0;
  for (std::size_t level = 1; level < level_count; ++level) {
    for (const auto& b : bureaus_[level]) {
      total += b.staff;
    }
  }
  return total;
}

std::size_t Hierarchy::backlog() const {
  std::size_t total = 0;
  for (const auto& channel : report_channels_) {
    total += channel.total_backlog();
  }
  return total;
}

void Hierarchy::update_capacities(double messages_per_bureaucrat) {
  for (std::size_t level = 1; level < level_count; ++level) {
    for (std::size_t b = 0; b < bureaus_[level].size(); ++b) {
      report_channels_[level - 1].set_capacity(static_cast<engine::AgentId>(b),
                                               bureaus_[level][b].staff * messages_per_bureaucrat);
    }
  }
}

} // namespace plansim::model
