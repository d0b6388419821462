#include "plansim/io/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace plansim::io {

std::string Diagnostic::to_string() const {
  if (place.line > 0) {
    return place.file + ":" + std::to_string(place.line) + ":" + std::to_string(place.column) +
           ": " + message;
  }
  return place.file + ": " + message;
}

namespace {
std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    text += (text.empty() ? "" : "\n") + d.to_string();
  }
  return text;
}
} // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

Config::Config(const Schema& schema) : schema_(&schema) {
  for (const auto& p : schema.parameters()) {
    values_.emplace(p.path, Entry{p.default_value, SourcePlace{"default", 0, 0}});
  }
}

const Config::Entry& Config::entry(std::string_view path) const {
  const auto it = values_.find(path);
  if (it == values_.end()) {
    throw std::out_of_range("no parameter '" + std::string(path) + "'");
  }
  return it->second;
}

const std::string& Config::text(std::string_view path) const {
  return entry(path).value;
}

long long Config::integer(std::string_view path) const {
  return std::strtoll(text(path).c_str(), nullptr, 10);
}

double Config::real(std::string_view path) const {
  return std::strtod(text(path).c_str(), nullptr);
}

bool Config::flag(std::string_view path) const {
  return text(path) == "true";
}

std::string event_argument(const PolicyEntry& entry, const EventSpec& spec,
                           const std::string& name) {
  for (const auto& [key, value] : entry.args) {
    if (key == name) {
      return value;
    }
  }
  for (const auto& argument : spec.arguments) {
    if (argument.path == name) {
      return argument.default_value;
    }
  }
  return "";
}

engine::YearMonth Config::date(std::string_view path) const {
  return *engine::YearMonth::parse(text(path));
}

const SourcePlace& Config::place(std::string_view path) const {
  return entry(path).place;
}

void Config::set(const std::string& path, std::string value, SourcePlace place) {
  values_.at(path) = Entry{std::move(value), std::move(place)};
}

void Config::add_policy(PolicyEntry entry) {
  policy_.push_back(std::move(entry));
}

void Config::sort_policy() {
  std::stable_sort(policy_.begin(), policy_.end(),
                   [](const PolicyEntry& a, const PolicyEntry& b) { return a.date < b.date; });
}

namespace {

// Numbers and booleans are written plain; text and dates quoted so that they read back as
// the same text whatever they contain.
void emit_value(YAML::Emitter& out, const ParamSpec& spec, const std::string& value) {
  if (spec.type == ParamType::text || spec.type == ParamType::date ||
      spec.type == ParamType::choice) {
    out << YAML::DoubleQuoted << value;
  } else {
    out << value;
  }
}

void emit_pairs(YAML::Emitter& out, const Schema& schema,
                const std::vector<std::pair<std::string, std::string>>& pairs,
                const std::vector<ParamSpec>* arguments) {
  out << YAML::BeginMap;
  for (const auto& [key, value] : pairs) {
    const ParamSpec* spec = schema.find(key);
    if (arguments) {
      const auto it = std::find_if(arguments->begin(), arguments->end(),
                                   [&](const ParamSpec& a) { return a.path == key; });
      spec = it == arguments->end() ? nullptr : &*it;
    }
    out << YAML::Key << key << YAML::Value;
    if (spec) {
      emit_value(out, *spec, value);
    } else {
      out << YAML::DoubleQuoted << value;
    }
  }
  out << YAML::EndMap;
}

} // namespace

std::string Config::to_yaml() const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  // Parameters are emitted section by section in schema order; nested sections open and close
  // as the dotted paths change.
  std::vector<std::string> open;
  for (const auto& spec : schema_->parameters()) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = spec.path.find('.', start);
      parts.push_back(spec.path.substr(start, dot - start));
      if (dot == std::string::npos) {
        break;
      }
      start = dot + 1;
    }
    const std::vector<std::string> sections(parts.begin(), parts.end() - 1);
    std::size_t common = 0;
    while (common < open.size() && common < sections.size() && open[common] == sections[common]) {
      ++common;
    }
    while (open.size() > common) {
      out << YAML::EndMap;
      open.pop_back();
    }
    for (std::size_t i = common; i < sections.size(); ++i) {
      out << YAML::Key << sections[i] << YAML::Value << YAML::BeginMap;
      open.push_back(sections[i]);
    }
    out << YAML::Key << parts.back() << YAML::Value;
    emit_value(out, spec, text(spec.path));
  }
  while (!open.empty()) {
    out << YAML::EndMap;
    open.pop_back();
  }
  out << YAML::Key << "policy" << YAML::Value << YAML::BeginSeq;
  for (const auto& entry : policy_) {
    out << YAML::BeginMap << YAML::Key << "date" << YAML::Value << YAML::DoubleQuoted
        << entry.date.to_string();
    if (!entry.set.empty()) {
      out << YAML::Key << "set" << YAML::Value;
      emit_pairs(out, *schema_, entry.set, nullptr);
    }
    if (!entry.event.empty()) {
      out << YAML::Key << "event" << YAML::Value << entry.event;
      if (!entry.args.empty()) {
        const EventSpec* event = schema_->find_event(entry.event);
        out << YAML::Key << "args" << YAML::Value;
        emit_pairs(out, *schema_, entry.args, event ? &event->arguments : nullptr);
      }
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

} // namespace plansim::io
