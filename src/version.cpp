#include "plansim/version.hpp"

namespace plansim {

std::string_view version() {
  return PLANSIM_VERSION;
}

} // namespace plansim
