#include "plansim/sweep/design.hpp"

#include "plansim/engine/random.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <stdexcept>

namespace plansim::sweep {

namespace {

constexpr std::uint16_t sweep_kind = 100;
constexpr std::uint16_t seed_purpose = 0, random_purpose = 1, lhs_purpose = 2, jitter_purpose = 3,
                        paired_seed_purpose = 4, morris_purpose = 5;

std::size_t grid_points(const Axis& axis) {
  return axis.values.empty() ? static_cast<std::size_t>(axis.samples) : axis.values.size();
}

std::string number_text(double value, io::ParamType type) {
  char buffer[40];
  if (type == io::ParamType::integer) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(std::llround(value)));
  } else {
    // The shortest text that reads back as the same double: 0.2, not 0.20000000000000001.
    for (int digits = 15; digits <= 17; ++digits) {
      std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
      if (std::strtod(buffer, nullptr) == value) {
        break;
      }
    }
  }
  return buffer;
}

// A position u in [0, 1] on the axis: a value of the list, or a point of the range.
std::string value_at(const Axis& axis, double u) {
  if (!axis.values.empty()) {
    const auto n = axis.values.size();
    return axis.values[std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
  }
  const double value = axis.log ? axis.low * std::pow(axis.high / axis.low, u)
                                : axis.low + u * (axis.high - axis.low);
  return number_text(value, axis.type);
}

// The k-th of n evenly spaced grid points of a range (both ends included).
std::string grid_value(const Axis& axis, std::size_t k) {
  if (!axis.values.empty()) {
    return axis.values[k];
  }
  const std::size_t n = grid_points(axis);
  const double u = n > 1 ? static_cast<double>(k) / static_cast<double>(n - 1) : 0.0;
  return value_at(axis, u);
}

// Point `index` of Sobol's sequence in [0, 1)^d (the first point, all zeros, skipped).
std::vector<double> sobol_point(std::size_t d, std::size_t index) {
  std::vector<double> u(d, 0.0);
  if (d == 0) {
    return u;
  }
  boost::random::sobol engine(d);
  engine.discard((index + 1) * d);
  for (std::size_t j = 0; j < d; ++j) {
    u[j] = std::ldexp(static_cast<double>(engine()), -64); // a 64-bit engine
    u[j] = std::min(u[j], 1.0 - 0x1p-53);                  // rounding must not reach 1
  }
  return u;
}

// Saltelli's sampling (Saltelli 2002; Saltelli et al. 2010): base point k is a Sobol point of
// 2d dimensions, its first half row k of matrix A and its second half row k of B. Its block of
// d + 2 runs is A_k, B_k, then for each axis i the row A_k with column i taken from B_k.
std::vector<double> saltelli_point(std::size_t d, std::size_t sample) {
  const std::size_t k = sample / (d + 2), role = sample % (d + 2);
  const auto ab = sobol_point(2 * d, k);
  std::vector<double> u(ab.begin(), ab.begin() + static_cast<std::ptrdiff_t>(d));
  if (role == 1) {
    std::copy(ab.begin() + static_cast<std::ptrdiff_t>(d), ab.end(), u.begin());
  } else if (role >= 2) {
    u[role - 2] = ab[d + role - 2];
  }
  return u;
}

// Morris's trajectories (Morris 1991): trajectory t starts at a level of the p-level grid on
// every axis, then moves one axis at a time, in an order drawn for it, by the step
// p / (2 (p - 1)): up from the lower half of the levels, down from the upper half, so that every
// level is a start and every step stays in [0, 1]. Its d + 1 runs are the points on the way.
std::vector<double> morris_point(const SweepSpec& spec, std::size_t sample) {
  const std::size_t d = spec.axes.size();
  const std::size_t t = sample / (d + 1), steps = sample % (d + 1);
  const auto p = static_cast<std::uint32_t>(spec.levels);
  const double step = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  engine::RandomStream draws(spec.seed,
                             engine::StreamKey{engine::stream_kind(sweep_kind, morris_purpose),
                                               static_cast<std::uint32_t>(t), 0});
  std::vector<double> u(d);
  std::vector<double> direction(d);
  for (std::size_t j = 0; j < d; ++j) {
    const std::uint32_t level = draws.uniform_int(p);
    u[j] = static_cast<double>(level) / static_cast<double>(p - 1);
    direction[j] = level < p / 2 ? 1.0 : -1.0;
  }
  std::vector<std::uint32_t> order(d);
  std::iota(order.begin(), order.end(), 0u);
  draws.shuffle(std::span(order));
  for (std::size_t k = 0; k < steps; ++k) {
    const auto j = order[k];
    // Snapped to the level it lands on, so the step is the same on every trajectory.
    const double level = std::round((u[j] + direction[j] * step) * static_cast<double>(p - 1));
    u[j] = level / static_cast<double>(p - 1);
  }
  return u;
}

} // namespace

std::size_t sample_count(const SweepSpec& spec) {
  switch (spec.design) {
  case Design::grid: {
    std::size_t total = 1;
    for (const auto& axis : spec.axes) {
      total *= grid_points(axis);
    }
    return total;
  }
  case Design::list:
    return spec.axes.empty() ? 1 : grid_points(spec.axes.front());
  case Design::saltelli:
    return static_cast<std::size_t>(spec.samples) * (spec.axes.size() + 2);
  case Design::morris:
    return static_cast<std::size_t>(spec.samples) * (spec.axes.size() + 1);
  default:
    return static_cast<std::size_t>(spec.samples);
  }
}

std::optional<std::size_t> sample_count_up_to(const SweepSpec& spec, std::size_t limit) {
  std::size_t total = spec.design == Design::grid ? 1 : sample_count(spec);
  if (spec.design == Design::grid) {
    for (const auto& axis : spec.axes) {
      const std::size_t n = grid_points(axis);
      if (n > 0 && total > limit / n) {
        return std::nullopt;
      }
      total *= n;
    }
  }
  return total <= limit ? std::optional(total) : std::nullopt;
}

std::size_t run_count(const SweepSpec& spec) {
  return sample_count(spec) * static_cast<std::size_t>(spec.replicates);
}

RunList::RunList(const SweepSpec& spec) : spec_(spec), size_(run_count(spec)) {
  if (spec.design != Design::lhs) {
    return;
  }
  // Axis j is cut into n strata; a permutation fixed by the seed and the axis gives each
  // sample its own stratum.
  const auto n = static_cast<std::uint32_t>(spec.samples);
  strata_.resize(spec.axes.size());
  for (std::size_t j = 0; j < spec.axes.size(); ++j) {
    auto& strata = strata_[j];
    strata.resize(n);
    std::iota(strata.begin(), strata.end(), 0u);
    engine::RandomStream shuffle(spec.seed,
                                 engine::StreamKey{engine::stream_kind(sweep_kind, lhs_purpose), 0,
                                                   static_cast<std::uint32_t>(j)});
    shuffle.shuffle(std::span(strata));
  }
}

std::vector<double> RunList::unit_point(std::size_t sample) const {
  const auto& spec = spec_;
  const std::size_t d = spec.axes.size();
  std::vector<double> u(d, 0.0);
  if (spec.design == Design::random) {
    for (std::size_t j = 0; j < d; ++j) {
      engine::RandomStream random(spec.seed,
                                  engine::StreamKey{engine::stream_kind(sweep_kind, random_purpose),
                                                    static_cast<std::uint32_t>(sample),
                                                    static_cast<std::uint32_t>(j)});
      u[j] = random.uniform();
    }
  } else if (spec.design == Design::lhs) {
    // The sample's stratum on each axis, and a uniform draw for its place inside it.
    const auto n = static_cast<double>(spec.samples);
    for (std::size_t j = 0; j < d; ++j) {
      engine::RandomStream jitter(spec.seed,
                                  engine::StreamKey{engine::stream_kind(sweep_kind, jitter_purpose),
                                                    static_cast<std::uint32_t>(sample),
                                                    static_cast<std::uint32_t>(j)});
      u[j] = (strata_[j].at(sample) + jitter.uniform()) / n;
    }
  } else if (spec.design == Design::sobol) {
    u = sobol_point(d, sample);
  } else if (spec.design == Design::saltelli) {
    u = saltelli_point(d, sample);
  } else if (spec.design == Design::morris) {
    u = morris_point(spec, sample);
  }
  return u;
}

RunPoint RunList::at(std::size_t index) const {
  const auto& spec = spec_;
  if (index >= size_) {
    throw std::out_of_range("run index " + std::to_string(index) + " is beyond the " +
                            std::to_string(size_) + " runs of the sweep");
  }
  RunPoint point;
  point.index = index;
  point.sample = index / static_cast<std::size_t>(spec.replicates);
  point.replicate = static_cast<int>(index % static_cast<std::size_t>(spec.replicates));
  const auto key =
      spec.paired > 0 ? engine::StreamKey{engine::stream_kind(sweep_kind, paired_seed_purpose),
                                          static_cast<std::uint32_t>(
                                              point.sample / static_cast<std::size_t>(spec.paired)),
                                          static_cast<std::uint32_t>(point.replicate)}
                      : engine::StreamKey{engine::stream_kind(sweep_kind, seed_purpose),
                                          static_cast<std::uint32_t>(index),
                                          static_cast<std::uint32_t>(index >> 32)};
  engine::RandomStream seed(spec.seed, key);
  point.seed = seed.next_u64() >> 2; // stays below the schema's bound on run.seed
  switch (spec.design) {
  case Design::grid: {
    // Mixed radix, the last parameter changing fastest.
    std::size_t rest = point.sample;
    std::vector<std::size_t> digits(spec.axes.size());
    for (std::size_t j = spec.axes.size(); j-- > 0;) {
      const std::size_t n = grid_points(spec.axes[j]);
      digits[j] = rest % n;
      rest /= n;
    }
    for (std::size_t j = 0; j < spec.axes.size(); ++j) {
      point.values.emplace_back(spec.axes[j].path, grid_value(spec.axes[j], digits[j]));
    }
    break;
  }
  case Design::list:
    for (const auto& axis : spec.axes) {
      point.values.emplace_back(axis.path, grid_value(axis, point.sample));
    }
    break;
  default: {
    const auto u = unit_point(point.sample);
    for (std::size_t j = 0; j < spec.axes.size(); ++j) {
      point.values.emplace_back(spec.axes[j].path, value_at(spec.axes[j], u[j]));
    }
  }
  }
  return point;
}

RunPoint run_point(const SweepSpec& spec, std::size_t index) {
  return RunList(spec).at(index);
}

std::vector<double> unit_point(const SweepSpec& spec, std::size_t sample) {
  return RunList(spec).unit_point(sample);
}

std::vector<std::size_t> shard_indices(std::size_t runs, std::size_t shard, std::size_t shards) {
  std::vector<std::size_t> indices;
  for (std::size_t i = shard; i < runs; i += shards) {
    indices.push_back(i);
  }
  return indices;
}

} // namespace plansim::sweep
