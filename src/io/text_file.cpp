#include "plansim/io/text_file.hpp"

#include "plansim/io/output_error.hpp"
#include "plansim/io/posix_file.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace plansim::io {

namespace fs = std::filesystem;

namespace {

// A file descriptor closed when it goes out of scope; close() reports what a destructor
// cannot (on some file systems a failed write shows only there).
class Descriptor {
public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;

  int fd() const { return fd_; }
  /// 0, or the errno of the failed close.
  int close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

private:
  int fd_;
};

// FILE.partial.RANDOM, created here and now (O_EXCL): nothing another process planted under
// a name it could guess (a link) is ever opened.
Descriptor create_temporary(const fs::path& path, FileMode mode, fs::path& temporary) {
  std::random_device entropy;
  const mode_t permissions = mode == FileMode::executable ? 0777 : 0666; // less the umask
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".partial.%08x%08x", entropy(), entropy());
    temporary = path.string() + suffix;
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          permissions);
    if (fd >= 0) {
      return Descriptor(fd);
    }
    if (errno != EEXIST) {
      throw OutputError("cannot write " + path.string() + ": " + system_message(errno));
    }
  }
  throw OutputError("cannot write " + path.string() + ": no free temporary name next to it");
}

// 0, or the errno of the failed write.
int write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return n < 0 ? errno : ENOSPC;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

} // namespace

void write_text_atomically(const fs::path& path, const std::string& text, FileMode mode) {
  fs::path temporary;
  Descriptor file = create_temporary(path, mode, temporary);
  // Every step is checked before the rename: a full disk may show only at the sync or close.
  int error = write_all(file.fd(), text);
  if (error == 0 && ::fsync(file.fd()) != 0) {
    error = errno;
  }
  if (const int closing = file.close(); error == 0) {
    error = closing;
  }
  if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = errno;
  }
  if (error != 0) {
    ::unlink(temporary.c_str());
    throw OutputError("cannot write " + path.string() + ": " + system_message(error));
  }
  sync_folder_of(path);
}

} // namespace plansim::io
