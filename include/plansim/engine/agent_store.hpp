#pragma once

#include "plansim/engine/chunk_buffers.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace plansim::engine {

/// A stable name for an agent: assigned once, never reused, unchanged when other agents are
/// born or die (unlike its index in the store).
using AgentId = std::uint32_t;

/// Contiguous storage for one kind of agent. Agents are plain structs kept in one vector, so a
/// parallel loop over the store walks memory in order. Births and deaths requested from
/// parallel loops are staged per chunk and applied by commit(), between phases: deaths first
/// (the survivors keep their relative order), then births in chunk order with new ids in that
/// order. The result never depends on the number of threads.
template <class Agent>
class AgentStore {
public:
  /// Adds an agent at once (setup code, serial) and returns its id.
  AgentId add(Agent agent) {
    const AgentId id = next_id_++;
    index_of_.push_back(static_cast<std::uint32_t>(agents_.size()));
    agents_.push_back(std::move(agent));
    ids_.push_back(id);
    return id;
  }

  std::size_t size() const { return agents_.size(); }
  bool empty() const { return agents_.empty(); }

  Agent& operator[](std::size_t index) { return agents_[index]; }
  const Agent& operator[](std::size_t index) const { return agents_[index]; }
  std::span<Agent> agents() { return agents_; }
  std::span<const Agent> agents() const { return agents_; }

  AgentId id_at(std::size_t index) const { return ids_[index]; }
  std::span<const AgentId> ids() const { return ids_; }

  /// The current index of a living agent; nullopt when it died or never existed.
  std::optional<std::size_t> index_of(AgentId id) const {
    if (id >= index_of_.size() || index_of_[id] == dead) {
      return std::nullopt;
    }
    return index_of_[id];
  }

  bool alive(AgentId id) const { return index_of(id).has_value(); }

  /// The number of ids handed out so far (living and dead): the bound for arrays by id.
  AgentId id_bound() const { return next_id_; }

  /// Prepares the staging buffers for a parallel loop of `chunk_count` chunks.
  void begin_staging(std::size_t chunk_count) {
    births_.reset(chunk_count);
    deaths_.reset(chunk_count);
  }

  void stage_birth(std::size_t chunk, Agent agent) { births_[chunk].push_back(std::move(agent)); }
  void stage_death(std::size_t chunk, AgentId id) { deaths_[chunk].push_back(id); }

  /// Applies staged deaths, then staged births; returns the ids born, in order.
  std::vector<AgentId> commit() {
    remove_staged_deaths();
    std::vector<AgentId> born;
    born.reserve(births_.total_size());
    births_.for_each_in_order([&](const Agent& agent) { born.push_back(add(agent)); });
    births_.reset(0);
    return born;
  }

private:
  static constexpr std::uint32_t dead = std::numeric_limits<std::uint32_t>::max();

  void remove_staged_deaths() {
    bool any = false;
    deaths_.for_each_in_order([&](AgentId id) {
      if (id < index_of_.size() && index_of_[id] != dead) {
        index_of_[id] = dead;
        any = true;
      }
    });
    deaths_.reset(0);
    if (!any) {
      return;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < agents_.size(); ++i) {
      const AgentId id = ids_[i];
      if (index_of_[id] == dead) {
        continue;
      }
      if (kept != i) {
        agents_[kept] = std::move(agents_[i]);
        ids_[kept] = id;
      }
      index_of_[id] = static_cast<std::uint32_t>(kept);
      ++kept;
    }
    agents_.erase(agents_.begin() + static_cast<std::ptrdiff_t>(kept), agents_.end());
    ids_.resize(kept);
  }

  std::vector<Agent> agents_;
  std::vector<AgentId> ids_;
  std::vector<std::uint32_t> index_of_; // by id; `dead` once the agent has died
  AgentId next_id_ = 0;
  ChunkBuffers<Agent> births_;
  ChunkBuffers<AgentId> deaths_;
};

} // namespace plansim::engine
