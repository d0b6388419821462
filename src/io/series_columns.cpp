#include "plansim/io/series_columns.hpp"

#include "plansim/io/economy_params.hpp"
#include "plansim/model/economy.hpp"

#include <algorithm>

namespace plansim::io {

std::optional<std::vector<std::string>> series_columns(const Config& config,
                                                       const std::string& series) {
  auto params = economy_params_from(config);
  // The columns follow the goods and the regions; a world with the same goods and regions but
  // one enterprise per good (or region), two households each and one artel, over one month,
  // has them at a small part of the cost of the whole world.
  params.enterprises.count = std::max(params.goods.count, params.regions);
  params.enterprises.workers = 2 * params.enterprises.count;
  params.artels.count = 1;
  params.end = params.start;
  params.panel_every = 0;
  const model::Economy world(params, false);
  for (const auto& spec : world.registry().series()) {
    const std::string name = spec.is_scalar() ? spec.name : "by_" + spec.group + "/" + spec.name;
    if (name == series) {
      return spec.columns;
    }
  }
  return std::nullopt;
}

} // namespace plansim::io
