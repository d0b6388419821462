#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plansim::io {

/// The kinds of value a parameter can hold.
enum class ParamType { integer, real, boolean, text, choice, date };

std::string_view to_string(ParamType type);

/// One parameter of a scenario: where it lives, its type, default, range and documentation.
struct ParamSpec {
  std::string path; ///< dotted, e.g. "channels.report.latency"
  ParamType type = ParamType::real;
  std::string default_value; ///< as YAML scalar text, e.g. "3", "0.1", "1928-01"
  std::optional<double> min; ///< inclusive bounds for integers and reals
  std::optional<double> max;
  std::vector<std::string> choices; ///< for ParamType::choice
  std::string units;                ///< "months", "share", empty when unitless
  std::string description;          ///< one line
  std::string source;               ///< a citation, or "assumption"
};

/// A structural policy event ("war_destruction") and the arguments it takes.
struct EventSpec {
  std::string name;
  std::string description;
  std::vector<ParamSpec> arguments; ///< paths are the argument names
  /// Arguments that set a scenario parameter from the event's date: argument -> parameter
  /// (artel_restriction's hostility is artels.supply_hostility). A pinned parameter keeps its
  /// value over them, and an override they reset is warned about.
  std::vector<std::pair<std::string, std::string>> sets = {};
};

/// Every parameter a scenario file may set, with defaults, and the structural events its
/// policy timeline may name. The schema is the single source of truth for validation,
/// defaults, `--print-config` and the generated reference (docs/configuration.md).
class Schema {
public:
  void add(ParamSpec spec);
  void add_event(EventSpec spec);

  std::span<const ParamSpec> parameters() const { return parameters_; }
  std::span<const EventSpec> events() const { return events_; }
  const ParamSpec* find(std::string_view path) const;
  const EventSpec* find_event(std::string_view name) const;
  /// The parameter a key names: "scale" is short for "scale.preset" (a section with a preset);
  /// any other key is itself.
  std::string parameter_path(std::string_view key) const;
  /// Every parameter's path and every event's name, for "did you mean" hints.
  std::vector<std::string> parameter_paths() const;
  std::vector<std::string> event_names() const;
  /// True when `prefix` names a section or subsection ("channels", "channels.report").
  bool is_section(std::string_view prefix) const;
  /// The keys that may appear directly under `prefix` ("" for the top level).
  std::vector<std::string> children(std::string_view prefix) const;

  /// The scenario schema: every section of a scenario file and the structural events its
  /// policy timeline may name.
  static const Schema& scenario();

private:
  std::vector<ParamSpec> parameters_;
  std::vector<EventSpec> events_;
};

/// Checks `text` against `spec`: returns an error message, or nullopt when valid.
std::optional<std::string> check_value(const ParamSpec& spec, std::string_view text);

/// The closest candidate within a small edit distance, for "did you mean" hints.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for the closest candidate to `word`, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// The schema as a Markdown reference: one table per section.
std::string schema_markdown(const Schema& schema);

} // namespace plansim::io
