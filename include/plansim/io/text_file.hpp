#pragma once

#include <filesystem>
#include <string>

namespace plansim::io {

/// Whether a text file is a script to run.
enum class FileMode { plain, executable };

/// Writes a text file under a temporary name nobody can guess next to it (created afresh, so a
/// link planted there is never followed), forces it onto the disk and renames it into place:
/// readers never see half of it, processes writing the same file at once do not write into
/// each other's, and a write that fails (a full disk) leaves nothing under the final name.
/// Throws io::OutputError when the file cannot be written.
void write_text_atomically(const std::filesystem::path& path, const std::string& text,
                           FileMode mode = FileMode::plain);

} // namespace plansim::io
