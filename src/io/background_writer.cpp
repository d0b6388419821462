#include "plansim/io/background_writer.hpp"

#include "plansim/io/hdf5.hpp"

#include <chrono>
#include <vector>

namespace plansim::io {

BackgroundWriter::BackgroundWriter(engine::Recorder& recorder, RunFileWriter& writer)
    : recorder_(recorder), writer_(writer), thread_([this] { drain_until_closed(); }) {}

BackgroundWriter::~BackgroundWriter() {
  if (thread_.joinable()) {
    recorder_.close();
    thread_.join();
  }
}

void BackgroundWriter::drain_until_closed() {
  hdf5::silence_library_errors();
  // Frames are written in batches: extending every dataset once per tick costs more than the
  // simulation of a small world.
  constexpr std::size_t batch = 64;
  std::vector<engine::Frame> frames;
  const auto write = [&] {
    if (!failed() && !frames.empty()) {
      const auto started = std::chrono::steady_clock::now();
      try {
        writer_.append(frames);
      } catch (...) {
        error_ = std::current_exception();
        failed_.store(true, std::memory_order_release);
      }
      busy_seconds_ +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    frames.clear();
  };
  while (recorder_.wait_and_drain(frames) > 0) {
    if (frames.size() >= batch) {
      write();
    }
  }
  write();
}

void BackgroundWriter::finish() {
  recorder_.close();
  if (thread_.joinable()) {
    thread_.join();
  }
  if (error_) {
    std::rethrow_exception(error_);
  }
}

} // namespace plansim::io
