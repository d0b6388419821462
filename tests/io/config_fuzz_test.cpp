#include "plansim/engine/random.hpp"
#include "plansim/io/config.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace plansim;

namespace {

const std::string valid_scenario =
    ""
    "run:\n  seed: 42\n  name: \"fuzz\"\n"
    "scale: tiny\n"
    "calendar:\n  start: 1928-01\n  end: 1960-12\n"
    "channels:\n  report: {latency: 3, jitter: 1, noise: 0.2}\n"
    "policy:\n  - {date: 1956-04, set: {channels.report.noise: 0.5}}\n"
    "output:\n  compression: 4\n  shuffle: true\n";

std::string mutate(const std::string& text, engine::RandomStream& random) {
  std::string out = text;
  switch (random.uniform_int(6)) {
  case 0: // truncate
    out.resize(random.uniform_int(static_cast<std::uint32_t>(out.size())));
    break;
  case 1: // random bytes, including control characters and invalid UTF-8
    for (int i = 0; i < 8; ++i) {
      out[random.uniform_int(static_cast<std::uint32_t>(out.size()))] =
          static_cast<char>(random.uniform_int(256));
    }
    break;
  case 2: // deep nesting
    out += "deep: " + std::string(5'000 + random.uniform_int(50'000), '[') + "\n";
    break;
  case 3: // huge and odd numbers where numbers belong
    out += "run:\n  seed: 1" + std::string(random.uniform_int(400), '9') + "\n";
    out.insert(out.find("0.2"), random.bernoulli(0.5) ? "1e308" : "-.inf  ");
    break;
  case 4: // delete a range
  {
    const auto start = random.uniform_int(static_cast<std::uint32_t>(out.size()));
    out.erase(start, random.uniform_int(40));
    break;
  }
  default: // duplicate a random slice somewhere else
  {
    const auto start = random.uniform_int(static_cast<std::uint32_t>(out.size()));
    const std::string slice = out.substr(start, random.uniform_int(60));
    out.insert(random.uniform_int(static_cast<std::uint32_t>(out.size())), slice);
  }
  }
  return out;
}

} // namespace

TEST_CASE("mutated scenarios give a clean error or a valid config, never a crash") {
  int accepted = 0;
  int rejected = 0;
  for (std::uint32_t trial = 0; trial < 1500; ++trial) {
    engine::RandomStream random(2026, engine::StreamKey{1, trial, 0});
    const std::string text = mutate(valid_scenario, random);
    try {
      const auto config = io::load_scenario_text(text, "fuzz.yaml");
      // What survived mutation must be a real scenario: its resolved text loads back to the
      // same scenario.
      const std::string resolved = config.to_yaml();
      REQUIRE(io::load_scenario_text(resolved, "resolved.yaml").to_yaml() == resolved);
      ++accepted;
    } catch (const io::ConfigError& error) {
      REQUIRE_FALSE(error.diagnostics().empty());
      for (const auto& d : error.diagnostics()) {
        REQUIRE(d.to_string().rfind("fuzz.yaml", 0) == 0);
        REQUIRE_FALSE(d.message.empty());
      }
      ++rejected;
    }
  }
  // Both outcomes occur: the mutations are neither all harmless nor all fatal. (Any other
  // exception, or a crash, fails the test on its own.)
  CHECK(rejected > 100);
  CHECK(accepted > 20);
}
