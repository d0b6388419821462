#include "plansim/io/isolated_read.hpp"

#include "plansim/io/run_file_reader.hpp"

#include <csignal>
#include <cstring>
#include <exception>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace plansim::io {

namespace {

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

std::string read_all(int fd) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      return text;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

} // namespace

std::string read_isolated(const std::string& path, const std::function<std::string()>& read) {
  int channel[2];
  if (::pipe(channel) != 0) {
    return read(); // no pipe: read in this process
  }
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(channel[0]);
    ::close(channel[1]);
    return read();
  }
  if (child == 0) {
    ::close(channel[0]);
    int status = 0;
    std::string text;
    try {
      text = "+" + read();
    } catch (const std::exception& error) {
      text = std::string("-") + error.what();
      status = 1;
    }
    write_all(channel[1], text);
    ::close(channel[1]);
    ::_exit(status); // no destructors, no atexit handlers of the parent's libraries
  }
  ::close(channel[1]);
  const std::string text = read_all(channel[0]);
  ::close(channel[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
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
