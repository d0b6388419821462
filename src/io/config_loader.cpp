// Reads scenario YAML into a Config: follows includes, checks every key and value against the
// schema, and collects every problem with its file, line and column.

#include "plansim/io/comma_list.hpp"
#include "plansim/io/config.hpp"
#include "plansim/io/repeated_keys.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace plansim::io {

namespace fs = std::filesystem;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

class ScenarioLoader {
public:
  explicit ScenarioLoader(const Schema& schema) : schema_(schema), config_(schema) {}

  void load_file(const fs::path& path, const SourcePlace& included_from);
  void load_text(const std::string& text, const std::string& name, const fs::path& folder);
  void apply_override(const std::string& assignment);
  Config finish();

private:
  void apply_document(const YAML::Node& root, const std::string& name, const fs::path& folder);
  void apply_map(const YAML::Node& map, const std::string& prefix, const std::string& name);
  void apply_value(const std::string& path, const YAML::Node& value, const SourcePlace& place);
  void apply_policy(const YAML::Node& list, const std::string& name);
  void read_assignments(const YAML::Node& map, const std::string& prefix, const std::string& name,
                        Pairs& out, const std::vector<ParamSpec>* arguments);
  void check_dates();
  void leave_out_entries_outside_the_run();
  void apply_pins();
  void warn_of_overrides_the_timeline_resets();
  bool is_pinned(const std::string& path) const {
    return std::find(pinned_.begin(), pinned_.end(), path) != pinned_.end();
  }
  void error(SourcePlace place, std::string message) {
    diagnostics_.push_back(Diagnostic{std::move(place), std::move(message)});
  }
  static SourcePlace at(const std::string& name, const YAML::Node& node) {
    const auto mark = node.Mark();
    return SourcePlace{name, mark.line < 0 ? 0 : mark.line + 1,
                       mark.column < 0 ? 0 : mark.column + 1};
  }
  const Schema& schema_;
  Config config_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> rejected_; ///< paths whose given value was refused
  std::vector<fs::path> include_stack_;
  std::vector<std::string> pinned_; ///< run.pin's parameters, read by apply_pins
};

std::optional<std::string> read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void ScenarioLoader::load_file(const fs::path& path, const SourcePlace& included_from) {
  const fs::path canonical = fs::weakly_canonical(path);
  if (std::find(include_stack_.begin(), include_stack_.end(), canonical) != include_stack_.end()) {
    error(included_from, "include cycle: '" + path.string() + "' includes itself");
    return;
  }
  const auto text = read_text_file(path);
  if (!text || fs::is_directory(path)) {
    error(included_from.file.empty() ? SourcePlace{path.string(), 0, 0} : included_from,
          "cannot read '" + path.string() +
              "': " + (fs::exists(path) ? "not a readable file" : "no such file"));
    return;
  }
  include_stack_.push_back(canonical);
  load_text(*text, path.string(), path.parent_path());
  include_stack_.pop_back();
}

void ScenarioLoader::load_text(const std::string& text, const std::string& name,
                               const fs::path& folder) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    error(SourcePlace{name, e.mark.line + 1, e.mark.column + 1},
          "invalid YAML: nested more than " + std::to_string(e.depth()) + " levels deep");
    return;
  } catch (const YAML::Exception& e) {
    error(SourcePlace{name, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
    return;
  }
  apply_document(root, name, folder);
}

void ScenarioLoader::apply_document(const YAML::Node& root, const std::string& name,
                                    const fs::path& folder) {
  if (root.IsNull()) {
    return; // an empty file is a valid scenario: all defaults
  }
  if (!root.IsMap()) {
    error(at(name, root), "a scenario must be a mapping of sections (run:, calendar:, ...)");
    return;
  }
  // The base scenario comes first, so that this file's keys override it.
  if (const auto include = root["include"]) {
    if (!include.IsScalar()) {
      error(at(name, include), "'include' must be a file name");
    } else {
      load_file(folder / include.Scalar(), at(name, include));
    }
  }
  apply_map(root, "", name);
}

void ScenarioLoader::apply_map(const YAML::Node& map, const std::string& prefix,
                               const std::string& name) {
  std::vector<std::string> seen;
  for (const auto& item : map) {
    const YAML::Node& key_node = item.first;
    if (!key_node.IsScalar()) {
      error(at(name, key_node), "keys must be plain names");
      continue;
    }
    const std::string key = key_node.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(at(name, key_node), "duplicate key '" + key + "'");
      continue;
    }
    seen.push_back(key);
    if (prefix.empty() && key == "include") {
      continue;
    }
    if (prefix.empty() && key == "policy") {
      apply_policy(item.second, name);
      continue;
    }
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (schema_.find(path)) {
      // A missing value has no place of its own: point at its key.
      apply_value(path, item.second, at(name, item.second.IsNull() ? key_node : item.second));
    } else if (schema_.is_section(path)) {
      if (item.second.IsMap()) {
        apply_map(item.second, path, name);
      } else if (const auto parameter = schema_.parameter_path(path);
                 item.second.IsScalar() && parameter != path) {
        apply_value(parameter, item.second, at(name, item.second)); // scale: tiny
      } else {
        error(at(name, item.second), "'" + path + "' is a section: expected its keys below it");
      }
    } else {
      auto candidates = schema_.children(prefix);
      if (prefix.empty()) {
        candidates.push_back("include");
        candidates.push_back("policy");
      }
      error(at(name, key_node), "unknown key '" + key + "'" +
                                    (prefix.empty() ? "" : " in '" + prefix + "'") +
                                    did_you_mean(key, candidates));
    }
  }
}

void ScenarioLoader::apply_value(const std::string& path, const YAML::Node& value,
                                 const SourcePlace& place) {
  if (!value.IsScalar()) {
    error(place, "'" + path + "' needs a single value" +
                     (value.IsNull() ? ", got nothing" : ", got a list or mapping"));
    return;
  }
  if (auto problem = check_value(*schema_.find(path), value.Scalar())) {
    error(place, *problem);
    rejected_.push_back(path);
    return;
  }
  config_.set(path, value.Scalar(), place);
}

void ScenarioLoader::read_assignments(const YAML::Node& map, const std::string& prefix,
                                      const std::string& name, Pairs& out,
                                      const std::vector<ParamSpec>* arguments) {
  for_each_repeated_key(map, [&](const YAML::Node& key) {
    error(at(name, key), "duplicate key '" + key.Scalar() + "'");
  });
  for (const auto& item : map) {
    if (!item.first.IsScalar()) {
      error(at(name, item.first), "keys must be plain names");
      continue;
    }
    const std::string path =
        prefix.empty() ? item.first.Scalar() : prefix + "." + item.first.Scalar();
    if (!arguments && item.second.IsMap() && schema_.is_section(path)) {
      read_assignments(item.second, path, name, out, arguments); // nested form
      continue;
    }
    const ParamSpec* spec = nullptr;
    std::vector<std::string> candidates;
    if (arguments) {
      for (const auto& a : *arguments) {
        candidates.push_back(a.path);
        if (a.path == path) {
          spec = &a;
        }
      }
    } else {
      spec = schema_.find(path);
      candidates = schema_.parameter_paths();
    }
    if (!spec) {
      error(at(name, item.first),
            std::string(arguments ? "unknown argument '" : "unknown parameter '") + path + "'" +
                did_you_mean(path, candidates));
      continue;
    }
    if (!item.second.IsScalar()) {
      error(at(name, item.second), "'" + path + "' needs a single value");
      continue;
    }
    if (auto problem = check_value(*spec, item.second.Scalar())) {
      error(at(name, item.second), *problem);
      continue;
    }
    out.emplace_back(path, item.second.Scalar());
  }
}

void ScenarioLoader::apply_policy(const YAML::Node& list, const std::string& name) {
  if (list.IsNull()) {
    return;
  }
  if (!list.IsSequence()) {
    error(at(name, list), "'policy' must be a list of dated entries ({date: YYYY-MM, set: ...})");
    return;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      error(at(name, item), "a policy entry must be a mapping with 'date' and 'set' or 'event'");
      continue;
    }
    PolicyEntry entry;
    entry.place = at(name, item);
    bool valid = true;
    for_each_repeated_key(item, [&](const YAML::Node& key) {
      error(at(name, key), "duplicate key '" + key.Scalar() + "' in a policy entry");
      valid = false;
    });
    const auto date = item["date"];
    const auto parsed =
        date && date.IsScalar() ? engine::YearMonth::parse(date.Scalar()) : std::nullopt;
    if (!parsed) {
      error(date ? at(name, date) : entry.place,
            date ? "policy date must be YYYY-MM, got '" + (date.IsScalar() ? date.Scalar() : "?") +
                       "'"
                 : "policy entry needs a 'date'");
      valid = false;
    } else {
      entry.date = *parsed;
    }
    const EventSpec* event = nullptr;
    for (const auto& field : item) {
      const std::string key = field.first.IsScalar() ? field.first.Scalar() : "";
      if (key == "date") {
        continue;
      }
      if (key == "set") {
        if (field.second.IsMap()) {
          read_assignments(field.second, "", name, entry.set, nullptr);
        } else {
          error(at(name, field.second), "'set' must map parameters to values");
        }
      } else if (key == "event") {
        const std::string event_name = field.second.IsScalar() ? field.second.Scalar() : "";
        event = schema_.find_event(event_name);
        if (!event) {
          const auto names = schema_.event_names();
          error(at(name, field.second),
                "unknown event '" + event_name + "'" + did_you_mean(event_name, names) +
                    (names.empty() ? " (this version knows no structural events)" : ""));
          valid = false;
        } else {
          entry.event = event_name;
        }
      } else if (key != "args") {
        error(at(name, field.first), "unknown key '" + key + "' in a policy entry" +
                                         did_you_mean(key, {"date", "set", "event", "args"}));
      }
    }
    if (const auto args = item["args"]) {
      if (!event) {
        error(at(name, args), "'args' belongs to an 'event'");
      } else if (!args.IsMap()) {
        error(at(name, args), "'args' must map argument names to values");
      } else {
        read_assignments(args, "", name, entry.args, &event->arguments);
      }
    }
    if (!item["set"] && !item["event"] && valid) {
      error(entry.place, "policy entry sets nothing: give 'set' or 'event'");
      valid = false;
    }
    if (valid && (!entry.set.empty() || !entry.event.empty())) {
      config_.add_policy(std::move(entry));
    }
  }
}

void ScenarioLoader::apply_override(const std::string& assignment) {
  const std::size_t equals = assignment.find('=');
  const SourcePlace place{"--set " + assignment, 0, 0};
  if (equals == std::string::npos || equals == 0) {
    error(place, "expected key.path=value");
    return;
  }
  const std::string path = assignment.substr(0, equals);
  std::string value = assignment.substr(equals + 1);
  const std::string key = schema_.parameter_path(path); // --set scale=tiny
  const ParamSpec* spec = schema_.find(key);
  if (!spec) {
    error(place,
          "unknown parameter '" + path + "'" + did_you_mean(path, schema_.parameter_paths()));
    return;
  }
  if (auto problem = check_value(*spec, value)) {
    error(place, *problem);
    rejected_.push_back(key);
    return;
  }
  config_.set(key, std::move(value), SourcePlace{"--set", 0, 0});
}

// Runs even when other errors were found, so that all of a file's errors are reported; a
// calendar date that was itself refused is not compared.
void ScenarioLoader::check_dates() {
  const auto refused = [&](const char* path) {
    return std::find(rejected_.begin(), rejected_.end(), path) != rejected_.end();
  };
  if (!schema_.find("calendar.start") || !schema_.find("calendar.end") ||
      refused("calendar.start") || refused("calendar.end")) {
    return;
  }
  const auto start = config_.date("calendar.start");
  const auto end = config_.date("calendar.end");
  if (end < start) {
    error(config_.place("calendar.end"), "calendar.end (" + end.to_string() +
                                             ") is before calendar.start (" + start.to_string() +
                                             ")");
    return;
  }
}

// A shorter calendar (`--set calendar.end=1930-12` over a scenario to 1991) leaves out the
// timeline's later entries, with one warning: they are not errors of the scenario.
void ScenarioLoader::leave_out_entries_outside_the_run() {
  const auto start = config_.date("calendar.start");
  const auto end = config_.date("calendar.end");
  const auto outside = [&](const PolicyEntry& e) { return e.date < start || end < e.date; };
  std::vector<PolicyEntry> kept, left_out;
  for (const auto& entry : config_.policy()) {
    (outside(entry) ? left_out : kept).push_back(entry);
  }
  if (left_out.empty()) {
    return;
  }
  const PolicyEntry& first = left_out.front();
  const auto& place =
      first.date < start ? config_.place("calendar.start") : config_.place("calendar.end");
  const std::string where = place.file == "--set" ? "--set calendar." : "calendar.";
  config_.add_warning(Diagnostic{
      first.place, std::to_string(left_out.size()) + " policy " +
                       (left_out.size() == 1 ? "entry falls" : "entries fall") +
                       " outside the run (" + start.to_string() + " to " + end.to_string() + ", " +
                       where + (first.date < start ? "start" : "end") + ") and " +
                       (left_out.size() == 1 ? "is" : "are") +
                       " left out; the first: " + first.date.to_string() +
                       (first.event.empty() ? "" : " (event " + first.event + ")")});
  config_.set_policy(std::move(kept));
}

// Parameters in run.pin keep their value over the timeline: policy assignments to them are
// dropped, and event arguments that set them take their value.
void ScenarioLoader::apply_pins() {
  if (!schema_.find("run.pin")) {
    return;
  }
  pinned_ = names_in(config_.text("run.pin"));
  for (const auto& path : pinned_) {
    if (!schema_.find(path)) {
      error(config_.place("run.pin"), "run.pin: unknown parameter '" + path + "'" +
                                          did_you_mean(path, schema_.parameter_paths()));
    }
  }
  auto policy = config_.policy();
  for (auto& entry : policy) {
    std::erase_if(entry.set, [&](const auto& assignment) { return is_pinned(assignment.first); });
    if (const EventSpec* event = schema_.find_event(entry.event)) {
      for (const auto& [argument, parameter] : event->sets) {
        if (!is_pinned(parameter)) {
          continue;
        }
        std::erase_if(entry.args, [&](const auto& arg) { return arg.first == argument; });
        entry.args.emplace_back(argument, config_.text(parameter));
      }
    }
  }
  // An entry that only set pinned parameters sets nothing now.
  std::erase_if(policy, [](const PolicyEntry& e) { return e.set.empty() && e.event.empty(); });
  config_.set_policy(std::move(policy));
}

// A value given on the command line (or by a sweep's point or an experiment's arm, which are
// given the same way) that the timeline changes later holds only until then: say so.
void ScenarioLoader::warn_of_overrides_the_timeline_resets() {
  for (const auto& entry : config_.policy()) {
    std::vector<std::pair<std::string, std::string>> changes = entry.set;
    if (const EventSpec* event = schema_.find_event(entry.event)) {
      for (const auto& [argument, parameter] : event->sets) {
        changes.emplace_back(parameter, event_argument(entry, *event, argument));
      }
    }
    for (const auto& [path, value] : changes) {
      if (!schema_.find(path) || config_.place(path).file != "--set" || is_pinned(path)) {
        continue;
      }
      config_.add_warning(Diagnostic{
          SourcePlace{"--set " + path + "=" + config_.text(path), 0, 0},
          "the policy timeline changes it to " + value + " from " + entry.date.to_string() + " (" +
              (entry.event.empty() ? "policy entry" : "event " + entry.event) + " at " +
              entry.place.file + ":" + std::to_string(entry.place.line) + ":" +
              std::to_string(entry.place.column) +
              "); add it to run.pin to keep it for the whole run"});
    }
  }
}

Config ScenarioLoader::finish() {
  check_dates();
  if (!diagnostics_.empty()) {
    throw ConfigError(std::move(diagnostics_));
  }
  config_.sort_policy();
  leave_out_entries_outside_the_run();
  apply_pins();
  if (!diagnostics_.empty()) {
    throw ConfigError(std::move(diagnostics_));
  }
  warn_of_overrides_the_timeline_resets();
  return std::move(config_);
}

} // namespace

Config load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                     const Schema& schema) {
  ScenarioLoader loader(schema);
  loader.load_file(path, SourcePlace{});
  for (const auto& assignment : overrides) {
    loader.apply_override(assignment);
  }
  return loader.finish();
}

Config load_scenario_text(const std::string& text, const std::string& name,
                          const std::vector<std::string>& overrides, const Schema& schema) {
  ScenarioLoader loader(schema);
  loader.load_text(text, name, fs::current_path());
  for (const auto& assignment : overrides) {
    loader.apply_override(assignment);
  }
  return loader.finish();
}

} // namespace plansim::io
