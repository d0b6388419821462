#include "plansim/model/hierarchy.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

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

  index_children();
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

// The children of each node as one list per level (compressed rows), from the parents.
void Hierarchy::index_children() {
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
}

// A new enterprise joins the last glavk of its sector while that glavk has fewer than
// enterprises_per_glavk enterprises, otherwise a new glavk; the glavk gets a node for the
// enterprise's good if it had none (under the ministry's node for that good).
void Hierarchy::add_enterprise(const Enterprise& firm, const Goods& goods,
                               const BureaucracyParams& params) {
  const auto sector = static_cast<std::uint32_t>(goods.sector(firm.good));
  auto& glavks = bureaus_[glavk_level];
  std::int64_t glavk = -1;
  for (std::size_t b = glavks.size(); b-- > 0;) {
    if (glavks[b].sector == sector) {
      glavk = static_cast<std::int64_t>(b);
      break;
    }
  }
  std::size_t members = 0;
  for (const auto& node : nodes_[enterprise_level]) {
    members += glavk >= 0 && nodes_[glavk_level][node.parent].bureau == glavk ? 1 : 0;
  }
  if (glavk < 0 || members >= static_cast<std::size_t>(std::max(1, params.enterprises_per_glavk))) {
    glavks.push_back(Bureau{params.initial_staff, 0.5, 0.0, sector});
    report_channels_[glavk_level - 1].add_receivers(1);
    glavk = static_cast<std::int64_t>(glavks.size() - 1);
  }
  const auto bureau = static_cast<std::uint32_t>(glavk);
  const auto find_node = [&](std::size_t level, std::uint32_t of_bureau) -> std::int64_t {
    const auto& nodes = nodes_[level];
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      if (nodes[n].bureau == of_bureau && nodes[n].good == firm.good) {
        return static_cast<std::int64_t>(n);
      }
    }
    return -1;
  };
  std::int64_t parent = find_node(glavk_level, bureau);
  if (parent < 0) {
    const std::int64_t ministry_node = find_node(ministry_level, sector);
    if (ministry_node < 0) {
      throw std::logic_error("a new enterprise's good has no ministry node");
    }
    nodes_[glavk_level].push_back(
        Node{bureau, firm.good, static_cast<std::uint32_t>(ministry_node)});
    known_[glavk_level].push_back(Report{});
    targets_[glavk_level].push_back(0.0);
    directive_channels_[glavk_level].add_receivers(1);
    parent = static_cast<std::int64_t>(nodes_[glavk_level].size() - 1);
  }
  const auto index = static_cast<std::uint32_t>(nodes_[enterprise_level].size());
  nodes_[enterprise_level].push_back(Node{index, firm.good, static_cast<std::uint32_t>(parent)});
  known_[enterprise_level].push_back(Report{index, 0.0, 0.0, 0.0, 0.0});
  targets_[enterprise_level].push_back(0.0);
  directive_channels_[enterprise_level].add_receivers(1);
  index_children();
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
                                               bureaus_[level][b].staff *
                                                   reports_per_official(messages_per_bureaucrat));
    }
  }
}

} // namespace plansim::model
