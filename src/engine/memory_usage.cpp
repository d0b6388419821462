#include "plansim/engine/memory_usage.hpp"

#include <fstream>
#include <string>

namespace plansim::engine {

namespace {

std::size_t status_field_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stoull(line.substr(field.size() + 1)) * 1024; // reported in kB
    }
  }
  return 0;
}

} // namespace

std::size_t peak_resident_bytes() {
  return status_field_bytes("VmHWM");
}

std::size_t resident_bytes() {
  return status_field_bytes("VmRSS");
}

} // namespace plansim::engine
