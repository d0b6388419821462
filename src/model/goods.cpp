#include "plansim/model/goods.hpp"

#include "plansim/engine/random.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace plansim::model {

namespace {

constexpr std::uint16_t goods_kind = 10;

// Splits `total` goods by the sector shares, every sector getting at least one when there are
// enough goods; rounding leftovers go to the largest shares first.
std::array<std::size_t, sector_count> sector_sizes(std::size_t total,
                                                   const std::array<double, sector_count>& shares) {
  std::array<std::size_t, sector_count> sizes{};
  double sum = 0.0;
  for (double s : shares) {
    sum += s;
  }
  std::size_t assigned = 0;
  for (std::size_t s = 0; s < sector_count; ++s) {
    sizes[s] = static_cast<std::size_t>(std::floor(total * shares[s] / sum));
    if (sizes[s] == 0 && total >= sector_count) {
      sizes[s] = 1;
    }
    assigned += sizes[s];
  }
  for (std::size_t s = 0; assigned < total; s = (s + 1) % sector_count) {
    ++sizes[s];
    ++assigned;
  }
  for (std::size_t s = sector_count; assigned > total && s-- > 0;) {
    while (sizes[s] > 1 && assigned > total) {
      --sizes[s];
      --assigned;
    }
  }
  return sizes;
}

} // namespace

Goods Goods::generate(const GoodsParams& params, std::uint64_t seed) {
  Goods goods;
  goods.assign_sectors(params);
  const std::size_t total = goods.count();
  // Inputs come from the heavy and materials goods, which are contiguous.
  const std::size_t pool_first = goods.ranges_[static_cast<std::size_t>(Sector::heavy)].first;
  const std::size_t pool_last = goods.ranges_[static_cast<std::size_t>(Sector::materials)].second;
  std::vector<std::uint32_t> chosen;
  goods.offsets_.push_back(0);
  for (std::size_t g = 0; g < total; ++g) {
    engine::RandomStream random(seed, engine::StreamKey{engine::stream_kind(goods_kind, 0),
                                                        static_cast<std::uint32_t>(g), 0});
    const bool in_pool = g >= pool_first && g < pool_last;
    const auto pool = static_cast<std::uint32_t>(pool_last - pool_first - (in_pool ? 1 : 0));
    const auto k =
        std::min<std::uint32_t>(static_cast<std::uint32_t>(params.inputs_per_good), pool);
    chosen.assign(k, 0);
    random.sample_indices(pool, chosen);
    for (std::uint32_t pick : chosen) {
      std::size_t input = pool_first + pick;
      if (in_pool && input >= g) {
        ++input; // skip the good itself
      }
      goods.uses_.push_back(
          InputUse{static_cast<std::uint32_t>(input),
                   random.uniform(params.input_coefficient_min, params.input_coefficient_max)});
    }
    goods.offsets_.push_back(goods.uses_.size());
  }
  goods.index_users();
  return goods;
}

Goods Goods::from_matrix(const GoodsParams& params, const std::vector<MatrixEntry>& entries) {
  Goods goods;
  goods.assign_sectors(params);
  const std::size_t total = goods.count();
  std::vector<std::vector<InputUse>> by_good(total);
  std::vector<double> column_sum(total, 0.0);
  for (const auto& entry : entries) {
    if (entry.good >= total || entry.input >= total) {
      throw std::invalid_argument("matrix entry (" + std::to_string(entry.good) + ", " +
                                  std::to_string(entry.input) + ") names a good beyond the " +
                                  std::to_string(total) + " goods");
    }
    if (entry.good == entry.input || !(entry.coefficient > 0.0)) {
      throw std::invalid_argument("matrix entry (" + std::to_string(entry.good) + ", " +
                                  std::to_string(entry.input) +
                                  ") must link two different goods with a positive coefficient");
    }
    auto& uses = by_good[entry.good];
    for (const auto& use : uses) {
      if (use.input == entry.input) {
        throw std::invalid_argument("matrix entry (" + std::to_string(entry.good) + ", " +
                                    std::to_string(entry.input) + ") is given twice");
      }
    }
    if (uses.size() == max_inputs) {
      throw std::invalid_argument("good " + std::to_string(entry.good) + " has more than " +
                                  std::to_string(max_inputs) + " inputs");
    }
    uses.push_back(InputUse{entry.input, entry.coefficient});
    column_sum[entry.good] += entry.coefficient;
  }
  for (std::size_t g = 0; g < total; ++g) {
    if (column_sum[g] >= 1.0) {
      throw std::invalid_argument("good " + std::to_string(g) +
                                  " needs a unit or more of inputs per unit of output: the "
                                  "economy would not be productive");
    }
  }
  goods.offsets_.push_back(0);
  for (const auto& uses : by_good) {
    goods.uses_.insert(goods.uses_.end(), uses.begin(), uses.end());
    goods.offsets_.push_back(goods.uses_.size());
  }
  goods.index_users();
  return goods;
}

std::size_t Goods::sector_size(const GoodsParams& params, Sector sector) {
  const auto total = static_cast<std::size_t>(std::max(params.count, 0));
  return sector_sizes(total, params.sector_shares)[static_cast<std::size_t>(sector)];
}

void Goods::assign_sectors(const GoodsParams& params) {
  if (params.count < 1) {
    throw std::invalid_argument("an economy needs at least one good");
  }
  const auto sizes = sector_sizes(static_cast<std::size_t>(params.count), params.sector_shares);
  std::size_t first = 0;
  for (std::size_t s = 0; s < sector_count; ++s) {
    ranges_[s] = {first, first + sizes[s]};
    sectors_.insert(sectors_.end(), sizes[s], static_cast<Sector>(s));
    first += sizes[s];
  }
}

void Goods::index_users() {
  const std::size_t total = count();
  user_offsets_.assign(total + 1, 0);
  for (const auto& use : uses_) {
    ++user_offsets_[use.input + 1];
  }
  for (std::size_t g = 0; g < total; ++g) {
    user_offsets_[g + 1] += user_offsets_[g];
  }
  users_.resize(uses_.size());
  auto cursor = user_offsets_;
  for (std::size_t g = 0; g < total; ++g) {
    for (const auto& use : inputs(g)) {
      users_[cursor[use.input]++] = InputUse{static_cast<std::uint32_t>(g), use.coefficient};
    }
  }
  material_per_unit_.assign(total, 0.0);
  for (std::size_t g = 0; g < total; ++g) {
    for (const auto& use : inputs(g)) {
      material_per_unit_[g] += use.coefficient;
    }
  }
}

} // namespace plansim::model
