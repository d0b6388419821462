#pragma once

#include <filesystem>
#include <string>

namespace plansim::io {

/// Writes a text file under a temporary name of this process's own and renames it into place,
/// so readers never see half of it and processes writing the same file at once do not write
/// into each other's. Throws io::OutputError when the file cannot be written.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

} // namespace plansim::io
