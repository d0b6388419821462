#include "plansim/io/text_file.hpp"

#include "plansim/io/output_error.hpp"

#include <fstream>
#include <unistd.h>

namespace plansim::io {

void write_text_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".partial." + std::to_string(::getpid());
  {
    std::ofstream out(temporary);
    out << text;
    if (!out) {
      throw OutputError("cannot write " + temporary.string());
    }
  }
  std::filesystem::rename(temporary, path);
}

} // namespace plansim::io
