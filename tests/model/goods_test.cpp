#include "plansim/model/goods.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <vector>

using namespace plansim::model;

TEST_CASE("goods are split by sector in priority order") {
  GoodsParams params;
  params.count = 20;
  const auto goods = Goods::generate(params, 1);
  REQUIRE(goods.count() == 20);
  for (std::size_t g = 1; g < goods.count(); ++g) {
    CHECK(goods.sector(g - 1) <= goods.sector(g));
  }
  for (std::size_t s = 0; s < sector_count; ++s) {
    const auto [first, last] = goods.range(static_cast<Sector>(s));
    CHECK(last > first); // every sector has goods
  }
}

TEST_CASE("each good uses k distinct heavy or materials goods, never itself") {
  GoodsParams params;
  params.count = 30;
  params.inputs_per_good = 3;
  const auto goods = Goods::generate(params, 7);
  std::size_t uses = 0;
  for (std::size_t g = 0; g < goods.count(); ++g) {
    std::set<std::uint32_t> seen;
    for (const auto& use : goods.inputs(g)) {
      CHECK(use.input != g);
      CHECK(seen.insert(use.input).second);
      const auto sector = goods.sector(use.input);
      CHECK((sector == Sector::heavy || sector == Sector::materials));
      CHECK(use.coefficient >= params.input_coefficient_min);
      CHECK(use.coefficient <= params.input_coefficient_max);
    }
    CHECK(goods.inputs(g).size() == 3);
    uses += goods.inputs(g).size();
  }
  // The users table is the transpose of the inputs table.
  std::size_t user_entries = 0;
  for (std::size_t g = 0; g < goods.count(); ++g) {
    for (const auto& user : goods.users(g)) {
      bool found = false;
      for (const auto& use : goods.inputs(user.input)) {
        found = found || (use.input == g && use.coefficient == user.coefficient);
      }
      CHECK(found);
      ++user_entries;
    }
  }
  CHECK(user_entries == uses);
}

TEST_CASE("the matrix is a function of the seed") {
  GoodsParams params;
  params.count = 25;
  const auto a = Goods::generate(params, 3);
  const auto b = Goods::generate(params, 3);
  const auto c = Goods::generate(params, 4);
  bool differs = false;
  for (std::size_t g = 0; g < a.count(); ++g) {
    for (std::size_t i = 0; i < a.inputs(g).size(); ++i) {
      CHECK(a.inputs(g)[i].input == b.inputs(g)[i].input);
      CHECK(a.inputs(g)[i].coefficient == b.inputs(g)[i].coefficient);
      differs = differs || a.inputs(g)[i].coefficient != c.inputs(g)[i].coefficient;
    }
  }
  CHECK(differs);
}

TEST_CASE("a given matrix is taken as it is, and checked") {
  GoodsParams params;
  params.count = 8;
  const std::vector<MatrixEntry> entries = {{0, 3, 0.2}, {0, 4, 0.1}, {7, 3, 0.5}, {3, 4, 0.3}};
  const auto goods = Goods::from_matrix(params, entries);
  REQUIRE(goods.inputs(0).size() == 2);
  CHECK(goods.inputs(0)[1].input == 4);
  CHECK(goods.inputs(7)[0].coefficient == 0.5);
  CHECK(goods.inputs(1).empty());
  CHECK(goods.users(3).size() == 2);

  const auto refused = [&](std::vector<MatrixEntry> bad) {
    CHECK_THROWS_AS(Goods::from_matrix(params, bad), std::invalid_argument);
  };
  refused({{8, 1, 0.1}});                                                     // beyond the goods
  refused({{1, 1, 0.1}});                                                     // a good using itself
  refused({{1, 2, 0.1}, {1, 2, 0.2}});                                        // a repeated pair
  refused({{1, 2, 0.6}, {1, 3, 0.5}});                                        // not productive
  refused({{1, 0, 0.1}, {1, 2, 0.1}, {1, 3, 0.1}, {1, 4, 0.1}, {1, 5, 0.1}}); // too many inputs
  refused({{1, 2, -0.1}});
}
