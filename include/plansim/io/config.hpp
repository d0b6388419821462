#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/io/config_schema.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plansim::io {

/// Where a value or a problem comes from. Line and column count from 1; 0 when they do not
/// apply (a default, a --set override, a missing file).
struct SourcePlace {
  std::string file; ///< a path, "--set", or "default"
  int line = 0;
  int column = 0;
};

/// One problem found in a configuration.
struct Diagnostic {
  SourcePlace place;
  std::string message;

  /// "configs/x.yaml:12:5: unknown key 'artles' (did you mean 'artels'?)"
  std::string to_string() const;
};

/// All problems found while loading, in the order found; what() lists them one per line.
class ConfigError : public std::runtime_error {
public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

/// A dated entry of the policy timeline: parameters to set and/or a structural event.
struct PolicyEntry {
  engine::YearMonth date;
  std::vector<std::pair<std::string, std::string>> set;  ///< parameter path -> value text
  std::string event;                                     ///< structural event name, or empty
  std::vector<std::pair<std::string, std::string>> args; ///< event argument -> value text
  SourcePlace place;
};

/// The value of an event's argument `name`: as the entry gives it, else its default (`spec` is
/// the entry's event).
std::string event_argument(const PolicyEntry& entry, const EventSpec& spec,
                           const std::string& name);

/// A fully resolved scenario: every parameter of the schema has a value (from the file, an
/// included file, a --set override or its default), checked against its type and range.
class Config {
public:
  explicit Config(const Schema& schema);

  const Schema& schema() const { return *schema_; }

  /// The value's text; throws std::out_of_range for a path the schema does not have.
  const std::string& text(std::string_view path) const;
  long long integer(std::string_view path) const;
  double real(std::string_view path) const;
  bool flag(std::string_view path) const;
  engine::YearMonth date(std::string_view path) const;
  const SourcePlace& place(std::string_view path) const;

  const std::vector<PolicyEntry>& policy() const { return policy_; }

  /// What the loader changed or would have the user know: policy entries left out because
  /// they fall outside the run, overrides the timeline resets later. Not errors: the scenario
  /// runs; `run`, `validate` and `sweep` print them and run files record them.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

  /// The resolved scenario as YAML, every parameter written out. Loading it back gives the
  /// same Config; it is the text stored in each run file.
  std::string to_yaml() const;

  // Used by the loader.
  void set(const std::string& path, std::string value, SourcePlace place);
  void add_policy(PolicyEntry entry);
  void sort_policy();
  void set_policy(std::vector<PolicyEntry> policy) { policy_ = std::move(policy); }
  void add_warning(Diagnostic warning) { warnings_.push_back(std::move(warning)); }

private:
  struct Entry {
    std::string value;
    SourcePlace place;
  };
  const Entry& entry(std::string_view path) const;

  const Schema* schema_;
  std::map<std::string, Entry, std::less<>> values_;
  std::vector<PolicyEntry> policy_;
  std::vector<Diagnostic> warnings_;
};

/// Loads a scenario file (following `include:`), applies `--set key.path=value` overrides and
/// checks everything. Throws ConfigError listing every problem with its place.
Config load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                     const Schema& schema = Schema::scenario());

/// Loads scenario text that did not come from a file; `name` stands in for the file name in
/// messages, and includes are resolved relative to the current folder.
Config load_scenario_text(const std::string& text, const std::string& name,
                          const std::vector<std::string>& overrides = {},
                          const Schema& schema = Schema::scenario());

} // namespace plansim::io
