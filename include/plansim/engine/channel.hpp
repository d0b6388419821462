#pragma once

#include "plansim/engine/agent_store.hpp"
#include "plansim/engine/chunk_buffers.hpp"
#include "plansim/engine/random.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace plansim::engine {

/// How a channel delays and distorts what passes through it.
struct ChannelParams {
  int latency = 0;          ///< ticks every message takes at least
  int jitter = 0;           ///< up to this many extra ticks, uniformly drawn per message
  double noise_sigma = 0.0; ///< multiplicative lognormal noise (mean 1) on numeric payloads
  double bias = 0.0;        ///< systematic inflation: numbers are multiplied by (1 + bias)
};

/// Applies a channel's noise and bias to one number.
inline double distort(double value, const ChannelParams& params, RandomStream& random) {
  return value * random.lognormal_factor(params.noise_sigma) * (1.0 + params.bias);
}

/// A payload whose numbers a channel distorts: arithmetic types, or structs that expose
/// `for_each_number(f)` calling f(double&) on each number that should carry noise.
/// Payloads are small values, default-constructible and copyable.
template <class Payload>
concept NoisyPayload = std::is_default_constructible_v<Payload> &&
    (std::is_arithmetic_v<Payload> || requires(Payload p) { p.for_each_number([](double&) {}); });

template <class Payload>
struct Message {
  AgentId sender;
  AgentId receiver;
  int sent_tick;
  int arrival_tick; ///< when it reached the receiver's queue (before any backlog wait)
  Payload payload;
};

/// A typed, delayed, noisy message queue from senders to `receiver_count` receivers
/// (receivers are numbered 0..n-1).
///
/// Each tick: senders call send() from parallel loops into per-chunk outboxes; post() merges
/// the outboxes in chunk order into delivery buckets by arrival tick; deliver(tick) moves the
/// messages that have arrived into each receiver's queue and hands each receiver at most its
/// processing capacity of them (FIFO); the rest wait, so a busy receiver builds a backlog that
/// delays everything behind it. This is ABIDES' latency model (minimum latency + jitter +
/// computation delay) on a tick clock.
template <NoisyPayload Payload>
class Channel {
public:
  Channel(ChannelParams params, std::size_t receiver_count)
      : params_(params), buckets_(static_cast<std::size_t>(params.latency + params.jitter + 2)),
        capacity_(receiver_count, unlimited), credit_(receiver_count, 0.0),
        backlog_(receiver_count, 0), inbox_offsets_(receiver_count + 1, 0) {
    if (params.latency < 0 || params.jitter < 0) {
      throw std::invalid_argument("channel latency and jitter must not be negative");
    }
  }

  const ChannelParams& params() const { return params_; }
  std::size_t receiver_count() const { return capacity_.size(); }

  /// Adds `count` receivers numbered after the existing ones, unlimited until set_capacity().
  void add_receivers(std::size_t count) {
    const std::size_t n = receiver_count() + count;
    capacity_.resize(n, unlimited);
    credit_.resize(n, 0.0);
    backlog_.resize(n, 0);
    inbox_offsets_.resize(n + 1, inbox_offsets_.back());
  }

  /// Messages the receiver can process per tick (fractions carry over between ticks);
  /// receivers are unlimited until this is called.
  void set_capacity(AgentId receiver, double per_tick) { capacity_[receiver] = per_tick; }

  /// Prepares one outbox per chunk of the coming parallel loop.
  void open_outboxes(std::size_t chunk_count) { outboxes_.reset(chunk_count); }

  /// Sends from chunk `chunk` at `tick`: draws the delay and distorts the payload's numbers
  /// with the sender's random stream, with `noise_scale` times the channel's noise. A
  /// `prompt` message skips the jitter (the draw is still made, so that the noise drawn after
  /// it is the same either way).
  void send(std::size_t chunk, AgentId sender, AgentId receiver, int tick, Payload payload,
            RandomStream& random, double noise_scale = 1.0, bool prompt = false) {
    assert(receiver < receiver_count());
    const int drawn =
        params_.jitter > 0
            ? static_cast<int>(random.uniform_int(static_cast<std::uint32_t>(params_.jitter) + 1))
            : 0;
    const int extra = prompt ? 0 : drawn;
    distort_numbers(payload, random, noise_scale);
    outboxes_[chunk].push_back(
        Message<Payload>{sender, receiver, tick, tick + params_.latency + extra, payload});
  }

  /// Merges the outboxes, in chunk order, into the delivery buckets.
  void post() {
    outboxes_.for_each_in_order([&](const Message<Payload>& message) {
      if (message.arrival_tick < first_open_tick_) {
        throw std::logic_error("message sent into a tick already delivered");
      }
      bucket(message.arrival_tick).push_back(message);
    });
    outboxes_.reset(0);
  }

  /// Delivers what has arrived by `tick` (replacing the previous inboxes).
  void deliver(int tick) {
    for (int t = first_open_tick_; t <= tick; ++t) {
      auto& due = bucket(t);
      waiting_.insert(waiting_.end(), due.begin(), due.end());
      due.clear();
    }
    first_open_tick_ = tick; // a later deliver() in the same tick picks up late posts
    hand_out_within_capacity();
  }

  /// The messages handed to `receiver` by the last deliver(), oldest first.
  std::span<const Message<Payload>> inbox(AgentId receiver) const {
    return std::span(inbox_).subspan(inbox_offsets_[receiver],
                                     inbox_offsets_[receiver + 1] - inbox_offsets_[receiver]);
  }

  /// Messages that have arrived for `receiver` but wait for processing capacity.
  std::size_t backlog(AgentId receiver) const { return backlog_[receiver]; }
  std::size_t total_backlog() const { return waiting_.size(); }

  /// Messages posted but not yet arrived.
  std::size_t in_flight() const {
    std::size_t total = 0;
    for (const auto& b : buckets_) {
      total += b.size();
    }
    return total;
  }

private:
  static constexpr double unlimited = std::numeric_limits<double>::infinity();

  std::vector<Message<Payload>>& bucket(int tick) {
    return buckets_[static_cast<std::size_t>(tick) % buckets_.size()];
  }

  void distort_numbers(Payload& payload, RandomStream& random, double noise_scale) const {
    if (params_.noise_sigma == 0.0 && params_.bias == 0.0) {
      return;
    }
    ChannelParams params = params_;
    params.noise_sigma *= noise_scale;
    if constexpr (std::is_arithmetic_v<Payload>) {
      payload = static_cast<Payload>(distort(static_cast<double>(payload), params, random));
    } else {
      payload.for_each_number([&](double& x) { x = distort(x, params, random); });
    }
  }

  // Walks the queue in FIFO order, giving each receiver up to its capacity; what is left
  // stays queued in the same order. Then groups the handed-out messages by receiver
  // (a stable counting sort) so inbox() is a span.
  void hand_out_within_capacity() {
    const std::size_t n = receiver_count();
    for (std::size_t r = 0; r < n; ++r) {
      if (std::isfinite(capacity_[r])) {
        credit_[r] = credit_[r] + capacity_[r];
      }
      backlog_[r] = 0;
    }
    handed_.clear();
    still_waiting_.clear();
    for (const auto& message : waiting_) {
      double& credit = credit_[message.receiver];
      const bool has_room = !std::isfinite(capacity_[message.receiver]) || credit >= 1.0;
      if (has_room) {
        if (std::isfinite(capacity_[message.receiver])) {
          credit -= 1.0;
        }
        handed_.push_back(message);
      } else {
        still_waiting_.push_back(message);
        ++backlog_[message.receiver];
      }
    }
    waiting_.swap(still_waiting_);
    for (std::size_t r = 0; r < n; ++r) {
      if (backlog_[r] == 0) {
        credit_[r] -= std::floor(credit_[r]); // idle capacity is not banked
      }
    }
    group_by_receiver();
  }

  void group_by_receiver() {
    std::fill(inbox_offsets_.begin(), inbox_offsets_.end(), 0);
    for (const auto& message : handed_) {
      ++inbox_offsets_[message.receiver + 1];
    }
    for (std::size_t r = 0; r < receiver_count(); ++r) {
      inbox_offsets_[r + 1] += inbox_offsets_[r];
    }
    inbox_.resize(handed_.size());
    cursor_.assign(inbox_offsets_.begin(), inbox_offsets_.end() - 1);
    for (const auto& message : handed_) {
      inbox_[cursor_[message.receiver]++] = message;
    }
  }

  ChannelParams params_;
  ChunkBuffers<Message<Payload>> outboxes_;
  std::vector<std::vector<Message<Payload>>> buckets_; // ring, indexed by arrival tick
  int first_open_tick_ = 0;
  std::vector<Message<Payload>> waiting_;
  std::vector<Message<Payload>> still_waiting_;
  std::vector<Message<Payload>> handed_;
  std::vector<Message<Payload>> inbox_;
  std::vector<double> capacity_;
  std::vector<double> credit_;
  std::vector<std::size_t> backlog_;
  std::vector<std::size_t> inbox_offsets_;
  std::vector<std::size_t> cursor_;
};

} // namespace plansim::engine
