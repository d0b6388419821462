#pragma once

// Random streams of the economy's agents (private to src/model). Every draw is keyed by
// (seed, agent kind and purpose, agent id, tick), so no two decisions share numbers and runs
// are identical at any thread count.

#include "plansim/engine/random.hpp"

#include <cstdint>

namespace plansim::model::streams {

// Agent kinds.
inline constexpr std::uint16_t enterprise = 1;
inline constexpr std::uint16_t bureau = 2;
inline constexpr std::uint16_t household = 3;
inline constexpr std::uint16_t artel = 4;
inline constexpr std::uint16_t region = 5;
inline constexpr std::uint16_t planner = 6;

// Purposes.
inline constexpr std::uint16_t setup = 0;
inline constexpr std::uint16_t deciding = 1;
inline constexpr std::uint16_t auditing = 2;
inline constexpr std::uint16_t reporting = 3;
inline constexpr std::uint16_t promoting = 4;
inline constexpr std::uint16_t directing = 5;
inline constexpr std::uint16_t shopping = 6;
inline constexpr std::uint16_t moving = 7;
inline constexpr std::uint16_t founding = 8;
inline constexpr std::uint16_t seeing = 9;
inline constexpr std::uint16_t hiring = 10;
inline constexpr std::uint16_t war = 11;
inline constexpr std::uint16_t materials = 12;
inline constexpr std::uint16_t striking = 13;
inline constexpr std::uint16_t quitting = 14;
inline constexpr std::uint16_t committee = 15;
inline constexpr std::uint16_t communing = 16;
inline constexpr std::uint16_t inventing = 17;
inline constexpr std::uint16_t ordering = 18;
inline constexpr std::uint16_t judging = 19;
inline constexpr std::uint16_t serving = 20;

/// A bureau's purpose at one level of the hierarchy, so that nodes with the same index at
/// different levels draw different numbers.
constexpr std::uint16_t at_level(std::uint16_t purpose, std::size_t level) {
  return static_cast<std::uint16_t>(purpose + 256 * level);
}

inline engine::RandomStream stream(std::uint64_t seed, std::uint16_t kind, std::uint16_t purpose,
                                   std::uint32_t id, int tick) {
  return engine::RandomStream(seed, engine::StreamKey{engine::stream_kind(kind, purpose), id,
                                                      static_cast<std::uint32_t>(tick)});
}

} // namespace plansim::model::streams
