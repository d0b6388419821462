#include "plansim/io/isolated_read.hpp"

#include "plansim/engine/stop_signal.hpp"
#include "plansim/io/run_file_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <new>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace plansim::io {

namespace {

constexpr std::size_t mebibyte = std::size_t{1} << 20;

// Writes all of `text` to the pipe; the child's only way to report.
void write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      return;
    }
    written += static_cast<std::size_t>(n);
  }
}

// The address space the process maps now. The child's memory limit is counted on top of it:
// a sanitizer's shadow memory alone maps terabytes.
std::size_t mapped_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// In the child: its limits, and its end when the parent ends (nobody would wait for it).
void limit_child(const ReadLimits& limits, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {
    ::_exit(1);
  }
  const rlim_t bytes = mapped_bytes() + limits.bytes;
  const rlimit memory{bytes, bytes};
  ::setrlimit(RLIMIT_AS, &memory);
  const auto seconds = static_cast<rlim_t>(std::ceil(limits.seconds));
  const rlimit cpu{seconds, seconds + 1}; // SIGXCPU, then SIGKILL
  ::setrlimit(RLIMIT_CPU, &cpu);
}

enum class Ending { reported, too_long, stopped };

// Collects the child's report until it closes the pipe, its time is up or a stop is requested;
// looks at the stop request every tenth of a second.
Ending collect_report(int fd, double seconds, std::string& text) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                           std::chrono::duration<double>(seconds));
  char buffer[65536];
  for (;;) {
    if (engine::stop_requested()) {
      return Ending::stopped;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    if (left <= 0) {
      return Ending::too_long;
    }
    pollfd wait{fd, POLLIN, 0};
    const int ready = ::poll(&wait, 1, static_cast<int>(std::min<long long>(left, 100)));
    if (ready < 0 && errno != EINTR) {
      return Ending::reported; // cannot wait: whatever came is the report
    }
    if (ready <= 0) {
      continue;
    }
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return Ending::reported;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string whole_seconds(double seconds) {
  return std::to_string(static_cast<long long>(std::ceil(seconds)));
}

// Runs in the child: `read`'s text after "+", or "-" and why it failed.
std::string child_report(const std::string& path, const ReadLimits& limits,
                         const std::function<std::string()>& read) {
  try {
    return "+" + read();
  } catch (const std::bad_alloc&) {
    return "-" + path + ": damaged run file (reading it needed more than " +
           std::to_string(limits.bytes / mebibyte) + " MiB of memory)";
  } catch (const std::exception& error) {
    return std::string("-") + error.what();
  }
}

} // namespace

ReadLimits read_limits_for(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const std::size_t bytes = error ? 0 : static_cast<std::size_t>(size);
  return ReadLimits{10.0 + static_cast<double>(bytes) / static_cast<double>(mebibyte),
                    (std::size_t{1} << 30) + 4 * bytes};
}

std::string read_isolated(const std::string& path, const std::function<std::string()>& read) {
  const ReadLimits limits = read_limits_for(path);
  int channel[2];
  if (::pipe2(channel, O_CLOEXEC) != 0) {
    return read(); // no pipe: read in this process
  }
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(channel[0]);
    ::close(channel[1]);
    return read();
  }
  if (child == 0) {
    ::close(channel[0]);
    limit_child(limits, parent);
    const std::string text = child_report(path, limits, read);
    write_all(channel[1], text);
    ::close(channel[1]);
    ::_exit(text[0] == '+' ? 0 : 1); // no destructors, no atexit handlers of the parent's
  }
  ::close(channel[1]);
  std::string text;
  const Ending ending = collect_report(channel[0], limits.seconds, text);
  ::close(channel[0]);
  if (ending != Ending::reported) {
    ::kill(child, SIGKILL);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (ending == Ending::stopped) {
    throw RunFileError(path + ": reading it was stopped by a signal");
  }
  if (ending == Ending::too_long || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)) {
    throw RunFileError(path + ": damaged run file (reading it took longer than " +
                       whole_seconds(limits.seconds) + " s)");
  }
  if (WIFSIGNALED(status)) {
    throw RunFileError(path + ": damaged run file (reading it crashed the HDF5 library: " +
                       ::strsignal(WTERMSIG(status)) + ")");
  }
  if (text.empty() || text[0] != '+') {
    throw RunFileError(text.size() > 1 ? text.substr(1) : path + ": damaged run file");
  }
  return text.substr(1);
}

} // namespace plansim::io
