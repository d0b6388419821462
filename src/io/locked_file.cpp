#include "plansim/io/locked_file.hpp"

#include "plansim/io/output_error.hpp"
#include "plansim/io/posix_file.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace plansim::io {

namespace fs = std::filesystem;

namespace {

// Opens (creating) a plain file for writing without truncating it: it may be another
// writer's until its lock is taken.
int open_plain_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int error = errno;
    if (error == ELOOP) {
      throw OutputError(path.string() +
                        " is a symbolic link: plansim does not write through links (remove it "
                        "if nobody needs it)");
    }
    throw OutputError("cannot create " + path.string() + ": " + system_message(error));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw OutputError("cannot create " + path.string() +
                      ": something that is not a plain file "
                      "is in its place");
  }
  return fd;
}

} // namespace

LockedFile::LockedFile(fs::path path) : path_(std::move(path)) {
  // Between opening and locking, the path may be renamed (its writer finishing) or replaced:
  // the lock only counts when the path still names the locked file afterwards.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = open_plain_file(path_);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) {
        throw OutputBusy("another process is writing " + path_.string() +
                         " (it holds the file's lock): let it finish, or write elsewhere");
      }
      throw OutputError("cannot lock " + path_.string() + ": " + system_message(error));
    }
    if (names_open_file(path_, fd)) {
      fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw OutputError("cannot take hold of " + path_.string() + ": it keeps being replaced");
}

LockedFile::~LockedFile() {
  ::close(fd_); // releases the lock
}

std::string LockedFile::stable_name() const {
  return "/proc/self/fd/" + std::to_string(fd_);
}

bool LockedFile::is_at(const fs::path& path) const {
  return names_open_file(path, fd_);
}

void LockedFile::sync() const {
  if (::fsync(fd_) != 0) {
    throw OutputError("cannot write " + path_.string() + ": " + system_message(errno));
  }
}

void LockedFile::rename_to(const fs::path& target) {
  if (!is_at(path_)) {
    throw OutputError(path_.string() + " was replaced while plansim wrote it");
  }
  if (std::rename(path_.c_str(), target.c_str()) != 0) {
    throw OutputError("cannot rename " + path_.string() + " to " + target.string() + ": " +
                      system_message(errno));
  }
  path_ = target;
  sync_folder_of(target);
}

void LockedFile::remove() noexcept {
  if (is_at(path_)) {
    ::unlink(path_.c_str());
  }
}

} // namespace plansim::io
