#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <stdexcept>
#include <utility>

namespace plansim::engine {

/// Numbers a stream of draws is keyed by. Together with the run seed they name every draw
/// of a run, so a draw is a pure function of who draws, when and for what, never of which
/// thread computes it or in which order.
struct StreamKey {
  std::uint32_t kind = 0;  ///< agent kind and purpose, see stream_kind()
  std::uint32_t agent = 0; ///< agent id (stable across births and deaths)
  std::uint32_t tick = 0;
};

/// Packs an agent kind and a purpose ("shopping", "sending a report") into StreamKey::kind so
/// that different decisions of the same agent in the same tick draw independent numbers.
constexpr std::uint32_t stream_kind(std::uint16_t agent_kind, std::uint16_t purpose) {
  return (std::uint32_t{agent_kind} << 16) | purpose;
}

/// Block `block` of Philox4x32-10 for (seed, key): four independent 32-bit words.
inline r123::Philox4x32::ctr_type philox_block(std::uint64_t seed, StreamKey key,
                                               std::uint32_t block) {
  const r123::Philox4x32::key_type k = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type c = {{key.kind, key.agent, key.tick, block}};
  return r123::Philox4x32{}(c, k);
}

/// A stream of random draws for one (seed, kind, agent, tick). Cheap to create on the stack
/// inside a parallel loop; holds no shared state. Every distribution is written here from
/// uniform draws because std:: distributions differ between standard libraries.
class RandomStream {
public:
  RandomStream(std::uint64_t seed, StreamKey key) : seed_(seed), key_(key) {}

  /// A raw 32-bit word.
  std::uint32_t next_u32() {
    if (used_ == 4) {
      words_ = philox_block(seed_, key_, block_++);
      used_ = 0;
    }
    return words_.v[used_++];
  }

  std::uint64_t next_u64() {
    const std::uint64_t high = next_u32();
    return (high << 32) | next_u32();
  }

  /// Uniform on the open interval (0, 1), 53 bits of resolution; never 0, so log() is safe.
  double uniform() {
    const std::uint32_t high = next_u32();
    return uniform_of(high, next_u32());
  }

  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  /// Uniform integer in [0, n) without modulo bias (Lemire 2019). n must be > 0.
  std::uint32_t uniform_int(std::uint32_t n) {
    std::uint64_t product = std::uint64_t{next_u32()} * n;
    auto low = static_cast<std::uint32_t>(product);
    if (low < n) {
      const std::uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        product = std::uint64_t{next_u32()} * n;
        low = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }

  /// Standard normal by the Box-Muller transform; the second value of each pair is kept.
  double normal() {
    if (has_spare_normal_) {
      has_spare_normal_ = false;
      return spare_normal_;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_normal_ = radius * std::sin(angle);
    has_spare_normal_ = true;
    return radius * std::cos(angle);
  }

  double normal(double mean, double sd) { return mean + sd * normal(); }

  /// What the `index`-th call of normal() on a fresh stream returns, drawn on its own: a pair
  /// of normals takes one Philox block, so draw `index` needs block index / 2 only. Lets an
  /// agent that needs one of many draws skip the rest and still see the same numbers.
  double normal_at(std::uint32_t index) const {
    const auto words = philox_block(seed_, key_, index / 2);
    const double radius = std::sqrt(-2.0 * std::log(uniform_of(words.v[0], words.v[1])));
    const double angle = 2.0 * std::numbers::pi * uniform_of(words.v[2], words.v[3]);
    return index % 2 == 0 ? radius * std::cos(angle) : radius * std::sin(angle);
  }

  /// Puts a fresh stream where `count` calls of normal() would leave it, without drawing them.
  /// Throws std::logic_error on a stream that has drawn already.
  void skip_normals(std::uint32_t count) {
    if (block_ != 0 || used_ != 4 || has_spare_normal_) {
      throw std::logic_error("RandomStream::skip_normals needs a fresh stream");
    }
    block_ = (count + 1) / 2;
    if (count % 2 == 1) {
      spare_normal_ = normal_at(count);
      has_spare_normal_ = true;
    }
  }

  /// exp(N(mu, sigma^2)).
  double lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

  /// A multiplicative noise factor with mean 1: exp(sigma z - sigma^2 / 2).
  double lognormal_factor(double sigma) {
    return sigma == 0.0 ? 1.0 : std::exp(sigma * normal() - 0.5 * sigma * sigma);
  }

  double exponential(double rate) { return -std::log(uniform()) / rate; }

  bool bernoulli(double p) { return uniform() < p; }

  /// Poisson(mean): inversion for small means, Hormann's PTRS rejection for large ones.
  std::uint64_t poisson(double mean);

  /// Fisher-Yates shuffle.
  template <class T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const std::size_t j = uniform_int(static_cast<std::uint32_t>(i));
      std::swap(items[i - 1], items[j]);
    }
  }

  /// Chooses k of the indices 0..n-1 without replacement, written to `out` (size k) in
  /// increasing order (Knuth's selection sampling, algorithm S). Requires k <= n.
  void sample_indices(std::uint32_t n, std::span<std::uint32_t> out);

private:
  static double uniform_of(std::uint32_t high, std::uint32_t low) {
    const std::uint64_t bits = (std::uint64_t{high} << 32) | low;
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
  }

  std::uint64_t seed_;
  StreamKey key_;
  std::uint32_t block_ = 0;
  std::uint32_t used_ = 4;
  r123::Philox4x32::ctr_type words_{};
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

} // namespace plansim::engine
