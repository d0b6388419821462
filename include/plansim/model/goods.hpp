#pragma once

#include "plansim/model/params.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace plansim::model {

/// One input of a good: `coefficient` units of good `input` per unit of output.
struct InputUse {
  std::uint32_t input;
  double coefficient;
};

/// Inputs per good at most (GoodsParams::inputs_per_good, or a matrix file).
inline constexpr std::size_t max_inputs = 4;

/// The product lines and the sparse input-output matrix that links them. Goods are numbered
/// by sector in priority order (military goods first, consumer goods last). Only heavy and
/// materials goods are inputs to production.
class Goods {
public:
  /// Draws the input-output matrix from the seed: each good uses `inputs_per_good` distinct
  /// heavy or materials goods with coefficients uniform in [min, max].
  static Goods generate(const GoodsParams& params, std::uint64_t seed);
  /// Takes the matrix as given (sectors still from the shares). Throws std::invalid_argument
  /// for entries beyond the goods, repeated pairs, more than max_inputs inputs per good, or a
  /// good needing a unit or more of inputs per unit of output.
  static Goods from_matrix(const GoodsParams& params, const std::vector<MatrixEntry>& entries);

  /// How many goods of `sector` an economy with these parameters has (no matrix is drawn).
  static std::size_t sector_size(const GoodsParams& params, Sector sector);

  std::size_t count() const { return sectors_.size(); }
  Sector sector(std::size_t good) const { return sectors_[good]; }
  std::span<const InputUse> inputs(std::size_t good) const {
    return std::span(uses_).subspan(offsets_[good], offsets_[good + 1] - offsets_[good]);
  }
  /// The goods that use `good` as an input, with their coefficients (the transposed matrix).
  std::span<const InputUse> users(std::size_t good) const {
    return std::span(users_).subspan(user_offsets_[good],
                                     user_offsets_[good + 1] - user_offsets_[good]);
  }
  /// Units of all inputs together per unit of `good` (the composite material artels use).
  double material_per_unit(std::size_t good) const { return material_per_unit_[good]; }

  /// Goods of one sector, as [first, last).
  std::pair<std::size_t, std::size_t> range(Sector sector) const {
    return ranges_[static_cast<std::size_t>(sector)];
  }

private:
  void assign_sectors(const GoodsParams& params);
  void index_users();

  std::vector<Sector> sectors_;
  std::vector<InputUse> uses_;
  std::vector<std::size_t> offsets_;
  std::vector<InputUse> users_; // InputUse::input holds the using good here
  std::vector<std::size_t> user_offsets_;
  std::vector<double> material_per_unit_;
  std::array<std::pair<std::size_t, std::size_t>, sector_count> ranges_{};
};

} // namespace plansim::model
