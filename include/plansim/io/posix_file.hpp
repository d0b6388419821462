#pragma once

#include <filesystem>
#include <string>

namespace plansim::io {

/// The system's description of an errno value ("No space left on device").
std::string system_message(int error);

/// Whether `path` (not following a link) names the file open as `fd`.
bool names_open_file(const std::filesystem::path& path, int fd);

/// Forces the folder holding `file` onto the disk, so that a rename into it survives a crash;
/// best effort (some file systems cannot).
void sync_folder_of(const std::filesystem::path& file) noexcept;

} // namespace plansim::io
