#include "plansim/io/config_schema.hpp"

#include "plansim/engine/calendar.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace plansim::io {

std::string_view to_string(ParamType type) {
  switch (type) {
  case ParamType::integer:
    return "integer";
  case ParamType::real:
    return "number";
  case ParamType::boolean:
    return "true/false";
  case ParamType::text:
    return "text";
  case ParamType::choice:
    return "choice";
  case ParamType::date:
    return "date YYYY-MM";
  }
  return "?";
}

void Schema::add(ParamSpec spec) {
  if (find(spec.path)) {
    throw std::logic_error("parameter '" + spec.path + "' is declared twice");
  }
  if (auto problem = check_value(spec, spec.default_value)) {
    throw std::logic_error("default of '" + spec.path + "' is invalid: " + *problem);
  }
  parameters_.push_back(std::move(spec));
}

void Schema::add_event(EventSpec spec) {
  events_.push_back(std::move(spec));
}

const ParamSpec* Schema::find(std::string_view path) const {
  const auto it = std::find_if(parameters_.begin(), parameters_.end(),
                               [&](const ParamSpec& p) { return p.path == path; });
  return it == parameters_.end() ? nullptr : &*it;
}

const EventSpec* Schema::find_event(std::string_view name) const {
  const auto it = std::find_if(events_.begin(), events_.end(),
                               [&](const EventSpec& e) { return e.name == name; });
  return it == events_.end() ? nullptr : &*it;
}

bool Schema::is_section(std::string_view prefix) const {
  return std::any_of(parameters_.begin(), parameters_.end(), [&](const ParamSpec& p) {
    return p.path.size() > prefix.size() && p.path.compare(0, prefix.size(), prefix) == 0 &&
           p.path[prefix.size()] == '.';
  });
}

std::vector<std::string> Schema::children(std::string_view prefix) const {
  std::vector<std::string> keys;
  const std::size_t skip = prefix.empty() ? 0 : prefix.size() + 1;
  for (const auto& p : parameters_) {
    if (!prefix.empty() &&
        !(p.path.size() > skip && p.path.compare(0, prefix.size(), prefix) == 0 &&
          p.path[prefix.size()] == '.')) {
      continue;
    }
    const std::string rest = p.path.substr(skip);
    std::string key = rest.substr(0, rest.find('.'));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  }
  return keys;
}

namespace {

std::string format_bound(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::optional<std::string> check_range(const ParamSpec& spec, double value) {
  if ((spec.min && value < *spec.min) || (spec.max && value > *spec.max)) {
    std::string range = spec.min && spec.max ? "between " + format_bound(*spec.min) + " and " +
                                                   format_bound(*spec.max)
                        : spec.min ? "at least " + format_bound(*spec.min)
                                   : "at most " + format_bound(*spec.max);
    return "'" + spec.path + "' must be " + range + ", got " + format_bound(value);
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> check_value(const ParamSpec& spec, std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  switch (spec.type) {
  case ParamType::integer: {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range) {
      return "'" + spec.path + "' is out of range: " + quoted;
    }
    if (error != std::errc() || end != text.data() + text.size()) {
      return "'" + spec.path + "' must be an integer, got " + quoted;
    }
    return check_range(spec, static_cast<double>(value));
  }
  case ParamType::real: {
    const std::string copy(text);
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || std::isnan(value)) {
      return "'" + spec.path + "' must be a number, got " + quoted;
    }
    if (!std::isfinite(value) || errno == ERANGE) {
      return "'" + spec.path + "' is out of range: " + quoted;
    }
    return check_range(spec, value);
  }
  case ParamType::boolean:
    if (text == "true" || text == "false") {
      return std::nullopt;
    }
    return "'" + spec.path + "' must be true or false, got " + quoted;
  case ParamType::text:
    return std::nullopt;
  case ParamType::choice:
    if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) {
      return std::nullopt;
    } else {
      std::string list;
      for (const auto& c : spec.choices) {
        list += (list.empty() ? "" : ", ") + c;
      }
      return "'" + spec.path + "' must be one of " + list + ", got " + quoted;
    }
  case ParamType::date:
    if (engine::YearMonth::parse(text)) {
      return std::nullopt;
    }
    return "'" + spec.path + "' must be a date YYYY-MM (e.g. 1956-04), got " + quoted;
  }
  return std::nullopt;
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

} // namespace

std::string Schema::parameter_path(std::string_view key) const {
  std::string preset = std::string(key) + ".preset";
  return is_section(key) && find(preset) ? preset : std::string(key);
}

std::vector<std::string> Schema::parameter_paths() const {
  std::vector<std::string> paths;
  for (const auto& p : parameters_) {
    paths.push_back(p.path);
  }
  return paths;
}

std::vector<std::string> Schema::event_names() const {
  std::vector<std::string> names;
  for (const auto& e : events_) {
    names.push_back(e.name);
  }
  return names;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto match = closest_match(word, candidates);
  return match ? " (did you mean '" + *match + "'?)" : "";
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

namespace {

std::string range_of(const ParamSpec& p) {
  std::string range;
  if (p.type == ParamType::choice) {
    for (const auto& c : p.choices) {
      range += (range.empty() ? "" : ", ") + c;
    }
  } else if (p.min || p.max) {
    range = (p.min ? format_bound(*p.min) : "") + " .. " + (p.max ? format_bound(*p.max) : "");
  }
  return range;
}

constexpr const char* how_to_write = R"(
## Writing a scenario

A scenario is a YAML mapping of the sections below. Anything left out takes its default:

```yaml
include: baseline.yaml       # optional: start from another scenario (path relative to this
                             # file); what follows overrides it. Cycles are an error.
run: {name: my_run, seed: 7}
scale: tiny                  # short for scale: {preset: tiny}
channels:
  report: {latency: 6, noise: 0.2}
policy:                      # dated entries, applied at the start of their month
  - {date: 1956-04, set: {artels.supply_hostility: 0.5}}
  - {date: 1941-07, event: war_destruction, args: {regions: "0,1", capital_share: 0.3}}
```

A `policy` entry either sets parameters (`set:`, nested or dotted keys) or names a structural
event (`event:` with `args:`; arguments not given take their defaults), or both. Entries of an
included file come first; an including file adds to them. Parameters fixed when the world is
built (`scale`, `calendar`, `run`, `output`, `goods`, the channels, and a few others the
validator names) cannot be set by a policy entry.

On the command line, `--set key.path=value` (repeatable) overrides any parameter after the files
are read, checked like a value in a file: `plansim run s.yaml --set channels.report.latency=0`.
`plansim run s.yaml --print-config` prints the fully resolved scenario; `run` accepts that text
back unchanged.

The timeline never overrides what you asked for in silence:

- Policy entries dated outside the run (`--set calendar.end=1930-12` over a scenario to 1991)
  are left out, with one warning naming how many and the first.
- A value given with `--set`, by a sweep's design point or by an experiment's arm that a policy
  entry or an event (`artel_restriction` sets `artels.supply_hostility`) changes later is
  warned about: the value holds only until that date.
- `run.pin` (a comma-separated list of parameters) keeps their values for the whole run:
  policy assignments to them are dropped and event arguments that set them take their value
  (`--set artels.supply_hostility=0.1 --set run.pin=artels.supply_hostility`).

`plansim run` and `validate` print the warnings on standard error, `plansim sweep` and
`experiment` say each kind once, and every run file records its own in the `warnings`
attribute (`plansim info` shows them).
)";

} // namespace

std::string schema_markdown(const Schema& schema) {
  std::ostringstream out;
  out << "# Scenario configuration reference\n\n"
         "Generated by `plansim schema --markdown` from the schema in the code; do not edit.\n"
         "Every parameter has a default, so a scenario file sets only what it changes.\n"
         "Sources marked *assumption* are modelling choices, not measurements.\n"
      << how_to_write;
  std::string section;
  for (const auto& p : schema.parameters()) {
    const std::string top = p.path.substr(0, p.path.find('.'));
    if (top != section) {
      section = top;
      out << "\n## `" << section << "`\n\n"
          << "| parameter | type | default | range | units | description | source |\n"
          << "|---|---|---|---|---|---|---|\n";
    }
    out << "| `" << p.path << "` | " << to_string(p.type) << " | `" << p.default_value << "` | "
        << range_of(p) << " | " << p.units << " | " << p.description << " | "
        << (p.source == "assumption" ? "*assumption*" : p.source) << " |\n";
  }
  if (!schema.events().empty()) {
    out << "\n## Structural policy events\n";
    for (const auto& e : schema.events()) {
      out << "\n### `" << e.name << "`\n\n" << e.description << ".\n";
      if (e.arguments.empty()) {
        out << "\nNo arguments.\n";
        continue;
      }
      out << "\n| argument | type | default | range | description |\n|---|---|---|---|---|\n";
      for (const auto& a : e.arguments) {
        out << "| `" << a.path << "` | " << to_string(a.type) << " | `" << a.default_value << "` | "
            << range_of(a) << " | " << a.description << " |\n";
      }
    }
  }
  return out.str();
}

} // namespace plansim::io
