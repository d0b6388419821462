#pragma once

#include "plansim/engine/channel.hpp"
#include "plansim/model/enterprise.hpp"
#include "plansim/model/goods.hpp"
#include "plansim/model/params.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace plansim::model {

/// Levels of the administrative hierarchy, bottom up.
enum Level : std::uint8_t {
  enterprise_level = 0,
  glavk_level = 1,
  ministry_level = 2,
  planner_level = 3
};
inline constexpr std::size_t level_count = 4;

/// A report travelling up: what a unit (an enterprise, or a bureau for one good) says about
/// its output and capacity. Noise and bias apply to the numbers.
struct Report {
  std::uint32_t node = 0; ///< the reporting node, at the level below the receiver
  double output = 0.0;
  double capacity = 0.0;
  double target = 0.0;
  double origin_tick = 0.0; ///< when the enterprise data it summarises were first sent

  template <class F>
  void for_each_number(F&& f) {
    f(output);
    f(capacity);
  }
};

/// A directive travelling down: a monthly output target for one node.
struct Directive {
  std::uint32_t node = 0; ///< the node at the receiving level
  double target = 0.0;

  template <class F>
  void for_each_number(F&& f) {
    f(target);
  }
};

/// A bureau: a glavk, a ministry or Gosplan, with its officials.
struct Bureau {
  double staff = 2.0;
  double competence = 0.5; ///< 0..1, set by promotion; lowers the noise and bias it adds
  double handled = 0.0;    ///< reports handled last month
  std::uint32_t sector = 0;
  double loyalty = 0.5; ///< 0..1, set by promotion; speeds and steadies its directives
};

/// The tree the plan runs through. A node is one unit's responsibility for one good: an
/// enterprise (level 0), a glavk for one of its goods (1), a ministry for one good (2), the
/// planner for one good (3). Reports go from a node to its parent's bureau through the report
/// channel of the parent's level; directives go from a node to its children.
class Hierarchy {
public:
  /// Builds glavks (enterprises_per_glavk enterprises of one sector each), one ministry per
  /// sector and one planner, and the nodes linking them. Enterprises must be sorted by good.
  Hierarchy(const std::vector<Enterprise>& enterprises, const Goods& goods,
            const BureaucracyParams& params, const engine::ChannelParams& reports,
            const engine::ChannelParams& directives);

  struct Node {
    std::uint32_t bureau = 0; ///< the bureau holding this node (enterprise index at level 0)
    std::uint32_t good = 0;
    std::uint32_t parent = 0; ///< node at the level above (unused at the top)
  };

  std::vector<Node>& nodes(std::size_t level) { return nodes_[level]; }
  const std::vector<Node>& nodes(std::size_t level) const { return nodes_[level]; }
  std::vector<Bureau>& bureaus(std::size_t level) { return bureaus_[level]; }
  const std::vector<Bureau>& bureaus(std::size_t level) const { return bureaus_[level]; }
  /// Children of node n at `level` (nodes at level - 1).
  std::span<const std::uint32_t> children(std::size_t level, std::size_t n) const;
  /// The planner's node for each good.
  std::uint32_t planner_node(std::size_t good) const { return static_cast<std::uint32_t>(good); }

  /// The latest report from each node, as its parent's bureau has processed it.
  std::vector<Report>& known(std::size_t level) { return known_[level]; }
  const std::vector<Report>& known(std::size_t level) const { return known_[level]; }
  /// The monthly target each node has been given.
  std::vector<double>& targets(std::size_t level) { return targets_[level]; }

  /// Channel carrying reports to the bureaus of `level` (1..3).
  engine::Channel<Report>& report_channel(std::size_t level) { return report_channels_[level - 1]; }
  /// Channel carrying directives to the nodes of `level` (0..2).
  engine::Channel<Directive>& directive_channel(std::size_t level) {
    return directive_channels_[level];
  }

  /// Puts a newly founded enterprise (the next enterprise index) under a glavk of its sector,
  /// founding a glavk when the last one is full; its reports start empty.
  void add_enterprise(const Enterprise& firm, const Goods& goods, const BureaucracyParams& params);

  /// Officials in all bureaus.
  double bureaucrats() const;
  /// Reports waiting in all bureaus' queues.
  std::size_t backlog() const;
  /// Sets each bureau's processing capacity from its staff (staff * reports_per_official).
  void update_capacities(double messages_per_bureaucrat);
  /// Reports an official reads a month: messages_per_bureaucrat figures over the figures each
  /// report carries.
  double reports_per_official(double messages_per_bureaucrat) const {
    return messages_per_bureaucrat / indicators_;
  }
  /// Figures each report carries (the plan's indicators; 1 at the start): a report costs its
  /// bureau that many messages' work (Bureaucracy::tighten_controls).
  double indicators() const { return indicators_; }
  void set_indicators(double indicators) { indicators_ = indicators; }

private:
  void index_children();

  std::array<std::vector<Node>, level_count> nodes_;
  std::array<std::vector<Bureau>, level_count> bureaus_;
  std::array<std::vector<std::size_t>, level_count> child_offsets_;
  std::array<std::vector<std::uint32_t>, level_count> child_list_;
  std::array<std::vector<Report>, level_count> known_;
  std::array<std::vector<double>, level_count> targets_;
  std::vector<engine::Channel<Report>> report_channels_;
  std::vector<engine::Channel<Directive>> directive_channels_;
  double indicators_ = 1.0;
};

} // namespace plansim::model
