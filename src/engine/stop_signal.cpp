#include "plansim/engine/stop_signal.hpp"

#include <atomic>
#include <csignal>

namespace plansim::engine {

namespace {

// Signal handlers can only talk to the program through lock-free atomics with static storage;
// this is the one mutable global the project allows, and it is private to this file.
std::atomic<int> pending_stop{-1}; // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) {
  pending_stop.store(signal, std::memory_order_relaxed);
  std::signal(signal, SIG_DFL); // a second Ctrl-C ends the process at once
}

} // namespace

void install_stop_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

bool stop_requested() {
  return pending_stop.load(std::memory_order_relaxed) >= 0;
}

int stop_signal() {
  const int signal = pending_stop.load(std::memory_order_relaxed);
  return signal > 0 ? signal : 0;
}

void request_stop() {
  pending_stop.store(0, std::memory_order_relaxed);
}

void clear_stop_request() {
  pending_stop.store(-1, std::memory_order_relaxed);
}

} // namespace plansim::engine
