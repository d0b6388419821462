#pragma once

#include <filesystem>

namespace plansim::io {

/// A file this process alone writes, such as a run file's NAME.h5.partial: opened without
/// following a symbolic link (created when missing) and held under an exclusive lock (flock)
/// until destroyed. A second writer is refused before it changes anything; a file left by a
/// writer that died holds no lock, and is taken over.
class LockedFile {
public:
  /// Throws OutputBusy when another process holds the file, OutputError when it cannot be
  /// opened or is not a plain file (a link, a folder).
  explicit LockedFile(std::filesystem::path path);
  ~LockedFile();
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// A name that opens this very file even if its path is replaced meanwhile
  /// (/proc/self/fd/N), for libraries that open files by name.
  std::string stable_name() const;
  /// Whether `path` still names this file (not a file put in its place).
  bool is_at(const std::filesystem::path& path) const;
  /// Forces what was written to the file (through any descriptor) onto the disk; throws
  /// OutputError.
  void sync() const;
  /// Renames the file to `target`, after checking that its path still names it; throws
  /// OutputError.
  void rename_to(const std::filesystem::path& target);
  /// Removes the file when its path still names it (never a file someone put there since).
  void remove() noexcept;

private:
  std::filesystem::path path_;
  int fd_ = -1;
};

} // namespace plansim::io
