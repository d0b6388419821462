// plansim bench --lp (docs/performance.md).

#include "plansim/cli/lp_bench.hpp"

#include "plansim/cli/exit_codes.hpp"
#include "plansim/engine/random.hpp"
#include "plansim/model/planning/plan_ray.hpp"

#include <chrono>
#include <cstdio>
#include <vector>

namespace plansim::cli {

namespace {

struct Size {
  int enterprises;
  int goods;
};

// A world's plants as the planner sees them: goods in equal numbers, capacities and material
// use drawn from the seed.
std::vector<model::LpProducer> producers_for(const Size& size, std::uint64_t seed, double scale) {
  std::vector<model::LpProducer> producers;
  for (int e = 0; e < size.enterprises; ++e) {
    engine::RandomStream random(seed, engine::StreamKey{1, static_cast<std::uint32_t>(e), 0});
    model::LpProducer p;
    p.good = static_cast<std::uint32_t>(static_cast<long long>(e) * size.goods / size.enterprises);
    p.capacity = scale * random.lognormal(0.0, 0.5);
    p.material_use = random.lognormal(0.0, 0.2);
    producers.push_back(p);
  }
  return producers;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int run_lp_bench(std::ostream& out) {
  const Size sizes[] = {{60, 12}, {600, 60}, {12000, 500}, {50000, 2000}, {100000, 2000}};
  out << "plan-ray LP (plansim's Kantorovich planner): columns = plants + 1 (+ surplus), rows = "
         "goods\n";
  char line[256];
  std::snprintf(line, sizeof line, "%12s %8s %10s %10s %12s %12s %10s\n", "enterprises", "goods",
                "nonzeros", "iterations", "cold (s)", "warm (s)", "theta");
  out << line;
  for (const auto& size : sizes) {
    model::GoodsParams params;
    params.count = size.goods;
    const auto goods = model::Goods::generate(params, 7);
    const auto producers = producers_for(size, 7, 1.0);
    std::vector<double> demand(goods.count(), 0.0);
    std::vector<bool> free_use(goods.count(), false);
    for (std::size_t g = 0; g < goods.count(); ++g) {
      const auto sector = goods.sector(g);
      demand[g] =
          sector == model::Sector::consumer || sector == model::Sector::military ? 1.0 : 0.0;
      free_use[g] = demand[g] > 0 || sector == model::Sector::heavy;
    }
    std::size_t nonzeros = 0;
    for (const auto& p : producers) {
      nonzeros += 1 + goods.inputs(p.good).size();
    }
    engine::LpSolver ray, surplus;
    auto start = std::chrono::steady_clock::now();
    const auto cold = model::solve_plan_ray(goods, producers, demand, free_use, ray, surplus);
    const double cold_seconds = seconds_since(start);
    // Next year: capacities a little different, the same shape.
    const auto next = producers_for(size, 8, 1.0);
    std::vector<model::LpProducer> moved = producers;
    for (std::size_t e = 0; e < moved.size(); ++e) {
      moved[e].capacity = 0.95 * producers[e].capacity + 0.05 * next[e].capacity;
    }
    start = std::chrono::steady_clock::now();
    const auto warm = model::solve_plan_ray(goods, moved, demand, free_use, ray, surplus);
    const double warm_seconds = seconds_since(start);
    std::snprintf(
        line, sizeof line, "%12d %8d %10zu %10d %12.4f %12.4f %10.4g%s\n", size.enterprises,
        size.goods, nonzeros, cold.iterations, cold_seconds, warm_seconds, cold.scale,
        cold.status == engine::LpStatus::optimal && warm.warm_started ? "" : " (not optimal)");
    out << line;
  }
  return exit_ok;
}

} // namespace plansim::cli
