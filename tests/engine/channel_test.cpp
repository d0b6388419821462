#include "plansim/engine/channel.hpp"
#include "plansim/engine/parallel.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <vector>

using namespace plansim::engine;

namespace {

RandomStream stream_for(AgentId sender, int tick) {
  return RandomStream(77, StreamKey{5, sender, static_cast<std::uint32_t>(tick)});
}

// Sends one message per sender at `tick` from a single chunk and posts them.
template <class Payload>
void send_all(Channel<Payload>& channel, int tick,
              const std::vector<std::pair<AgentId, Payload>>& to) {
  channel.open_outboxes(1);
  AgentId sender = 0;
  for (const auto& [receiver, payload] : to) {
    auto random = stream_for(sender, tick);
    channel.send(0, sender++, receiver, tick, payload, random);
  }
  channel.post();
}

struct Report {
  double output = 0.0;
  double capacity = 0.0;
  int enterprise = 0; // not a number that carries noise
  template <class F>
  void for_each_number(F&& f) {
    f(output);
    f(capacity);
  }
};

} // namespace

TEST_CASE("a message arrives after exactly the channel's latency") {
  Channel<double> channel(ChannelParams{3, 0, 0.0, 0.0}, 2);
  send_all<double>(channel, 0, {{1, 5.0}});
  for (int tick = 0; tick < 3; ++tick) {
    channel.deliver(tick);
    CHECK(channel.inbox(1).empty());
    CHECK(channel.in_flight() == 1);
  }
  channel.deliver(3);
  REQUIRE(channel.inbox(1).size() == 1);
  CHECK(channel.inbox(1)[0].payload == 5.0);
  CHECK(channel.inbox(1)[0].sent_tick == 0);
  CHECK(channel.inbox(1)[0].arrival_tick == 3);
  CHECK(channel.inbox(0).empty());
  channel.deliver(4);
  CHECK(channel.inbox(1).empty()); // delivered once only
}

TEST_CASE("jitter spreads arrivals uniformly over latency .. latency + jitter") {
  Channel<double> channel(ChannelParams{2, 3, 0.0, 0.0}, 1);
  channel.open_outboxes(1);
  for (AgentId sender = 0; sender < 4000; ++sender) {
    auto random = stream_for(sender, 10);
    channel.send(0, sender, 0, 10, 1.0, random);
  }
  channel.post();
  std::map<int, int> arrivals;
  for (int tick = 10; tick <= 16; ++tick) {
    channel.deliver(tick);
    for (const auto& m : channel.inbox(0)) {
      ++arrivals[m.arrival_tick - m.sent_tick];
    }
  }
  REQUIRE(arrivals.size() == 4);
  for (int delay = 2; delay <= 5; ++delay) {
    CAPTURE(delay);
    CHECK(arrivals[delay] == doctest::Approx(1000).epsilon(0.1));
  }
}

TEST_CASE("a prompt message skips the jitter but carries the same noise") {
  Channel<double> channel(ChannelParams{2, 3, 0.3, 0.0}, 2);
  channel.open_outboxes(1);
  for (AgentId sender = 0; sender < 200; ++sender) {
    auto usual = stream_for(sender, 10);
    auto prompt = stream_for(sender, 10);
    channel.send(0, sender, 0, 10, 1.0, usual);
    channel.send(0, sender, 1, 10, 1.0, prompt, 1.0, true);
  }
  channel.post();
  std::map<AgentId, double> usual_payload;
  std::map<AgentId, double> prompt_payload;
  int late_usual = 0;
  for (int tick = 10; tick <= 16; ++tick) {
    channel.deliver(tick);
    for (const auto& m : channel.inbox(0)) {
      usual_payload[m.sender] = m.payload;
      late_usual += m.arrival_tick - m.sent_tick > 2 ? 1 : 0;
    }
    for (const auto& m : channel.inbox(1)) {
      CHECK(m.arrival_tick - m.sent_tick == 2);
      prompt_payload[m.sender] = m.payload;
    }
  }
  CHECK(late_usual > 100);
  REQUIRE(prompt_payload.size() == 200);
  CHECK(prompt_payload == usual_payload);
}

TEST_CASE("a receiver with limited capacity builds a backlog and serves it in order") {
  Channel<double> channel(ChannelParams{1, 0, 0.0, 0.0}, 2);
  channel.set_capacity(0, 2.0);
  std::vector<std::pair<AgentId, double>> messages;
  for (int i = 0; i < 10; ++i) {
    messages.emplace_back(0, static_cast<double>(i));
  }
  messages.emplace_back(1, 100.0); // the other receiver is unlimited
  send_all(channel, 0, messages);

  channel.deliver(0);
  CHECK(channel.inbox(0).empty());
  std::vector<double> served;
  const std::vector<std::size_t> expected_backlog = {8, 6, 4, 2, 0};
  for (int tick = 1; tick <= 5; ++tick) {
    channel.deliver(tick);
    CHECK(channel.inbox(0).size() == 2);
    CHECK(channel.backlog(0) == expected_backlog[tick - 1]);
    for (const auto& m : channel.inbox(0)) {
      served.push_back(m.payload);
    }
    CHECK(channel.inbox(1).size() == (tick == 1 ? 1u : 0u));
  }
  CHECK(served == std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(channel.total_backlog() == 0);
}

TEST_CASE("fractional capacity carries over: half a message per tick serves one every two ticks") {
  Channel<double> channel(ChannelParams{0, 0, 0.0, 0.0}, 1);
  channel.set_capacity(0, 0.5);
  send_all<double>(channel, 0, {{0, 1.0}, {0, 2.0}, {0, 3.0}});
  std::vector<int> served_at;
  for (int tick = 0; tick < 8; ++tick) {
    channel.deliver(tick);
    for (std::size_t i = 0; i < channel.inbox(0).size(); ++i) {
      served_at.push_back(tick);
    }
  }
  CHECK(served_at == std::vector<int>{1, 3, 5});
}

TEST_CASE("noise is mean-preserving lognormal with the channel's sigma; bias inflates") {
  const double sigma = 0.2;
  Channel<double> channel(ChannelParams{0, 0, sigma, 0.0}, 1);
  Channel<double> biased(ChannelParams{0, 0, 0.0, 0.1}, 1);
  channel.open_outboxes(1);
  biased.open_outboxes(1);
  for (AgentId sender = 0; sender < 50'000; ++sender) {
    auto random = stream_for(sender, 0);
    channel.send(0, sender, 0, 0, 100.0, random);
    biased.send(0, sender, 0, 0, 100.0, random);
  }
  channel.post();
  biased.post();
  channel.deliver(0);
  biased.deliver(0);
  double sum = 0.0, sum_log = 0.0, sum_log2 = 0.0;
  for (const auto& m : channel.inbox(0)) {
    sum += m.payload;
    sum_log += std::log(m.payload / 100.0);
    sum_log2 += std::log(m.payload / 100.0) * std::log(m.payload / 100.0);
  }
  const double n = 50'000.0;
  CHECK(sum / n == doctest::Approx(100.0).epsilon(0.005));
  const double log_mean = sum_log / n;
  CHECK(log_mean == doctest::Approx(-sigma * sigma / 2).epsilon(0.1));
  CHECK(std::sqrt(sum_log2 / n - log_mean * log_mean) == doctest::Approx(sigma).epsilon(0.02));
  for (const auto& m : biased.inbox(0)) {
    REQUIRE(m.payload == doctest::Approx(110.0));
  }
}

TEST_CASE("a sender may carry a share of the channel's noise") {
  Channel<double> channel(ChannelParams{0, 0, 0.4, 0.0}, 1);
  channel.open_outboxes(1);
  for (AgentId sender = 0; sender < 20'000; ++sender) {
    auto random = stream_for(sender, 0);
    channel.send(0, sender, 0, 0, 100.0, random, sender % 2 == 0 ? 0.5 : 0.0);
  }
  channel.post();
  channel.deliver(0);
  double sum_log2 = 0.0;
  for (const auto& m : channel.inbox(0)) {
    if (m.sender % 2 == 1) {
      REQUIRE(m.payload == 100.0); // no noise at all
    } else {
      sum_log2 += std::log(m.payload / 100.0) * std::log(m.payload / 100.0);
    }
  }
  CHECK(std::sqrt(sum_log2 / 10'000.0) == doctest::Approx(0.2).epsilon(0.05));
}

TEST_CASE("struct payloads get noise on the numbers they expose and nothing else") {
  Channel<Report> channel(ChannelParams{0, 0, 0.0, 0.5}, 1);
  send_all<Report>(channel, 0, {{0, Report{10.0, 20.0, 7}}});
  channel.deliver(0);
  REQUIRE(channel.inbox(0).size() == 1);
  const auto& report = channel.inbox(0)[0].payload;
  CHECK(report.output == doctest::Approx(15.0));
  CHECK(report.capacity == doctest::Approx(30.0));
  CHECK(report.enterprise == 7);
}

TEST_CASE("what receivers get does not depend on the number of threads sending") {
  const auto run = [](int threads) {
    ThreadLimit limit(threads);
    Channel<double> channel(ChannelParams{1, 2, 0.1, 0.0}, 16);
    for (AgentId r = 0; r < 16; ++r) {
      channel.set_capacity(r, 40.0);
    }
    std::vector<double> received;
    for (int tick = 0; tick < 6; ++tick) {
      channel.deliver(tick);
      for (AgentId r = 0; r < 16; ++r) {
        for (const auto& m : channel.inbox(r)) {
          received.push_back(m.payload + 1000.0 * m.sender + 1e7 * r);
        }
      }
      const Chunking chunking(3000, 64);
      channel.open_outboxes(chunking.count());
      parallel_for_chunks(chunking, [&](const Chunk& chunk) {
        for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
          auto random = stream_for(static_cast<AgentId>(i), tick);
          channel.send(chunk.index, static_cast<AgentId>(i), random.uniform_int(16), tick,
                       static_cast<double>(i), random);
        }
      });
      channel.post();
    }
    return received;
  };
  const auto one = run(1);
  CHECK(one.size() == 16 * 40 * 5); // every receiver works at capacity from tick 1
  CHECK(run(2) == one);
  CHECK(run(4) == one);
}

TEST_CASE("negative latency or jitter is refused") {
  CHECK_THROWS_AS(Channel<double>(ChannelParams{-1, 0, 0.0, 0.0}, 1), std::invalid_argument);
  CHECK_THROWS_AS(Channel<double>(ChannelParams{0, -2, 0.0, 0.0}, 1), std::invalid_argument);
}

TEST_CASE("receivers added later get their own messages and capacity; the others keep theirs") {
  Channel<double> channel(ChannelParams{1, 0, 0.0, 0.0}, 2);
  channel.set_capacity(0, 1.0);
  send_all<double>(channel, 0, {{0, 1.0}, {0, 2.0}, {1, 3.0}});
  channel.add_receivers(1);
  CHECK(channel.receiver_count() == 3);
  send_all<double>(channel, 0, {{2, 4.0}});
  channel.deliver(1);
  CHECK(channel.inbox(0).size() == 1); // capacity 1: one waits
  CHECK(channel.backlog(0) == 1);
  CHECK(channel.inbox(1).size() == 1);
  REQUIRE(channel.inbox(2).size() == 1); // the new receiver is unlimited
  CHECK(channel.inbox(2)[0].payload == 4.0);
  channel.add_receivers(2);
  CHECK(channel.inbox(3).empty());
  CHECK(channel.inbox(4).empty());
}
