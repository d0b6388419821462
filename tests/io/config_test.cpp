#include "plansim/io/config.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace doctest {
// Shows both sides of a failed comparison of message lists.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string text = "\n";
    for (const auto& line : lines) {
      text += "  " + line + "\n";
    }
    return text.c_str();
  }
};
} // namespace doctest

namespace fs = std::filesystem;
using namespace plansim::io;

namespace {

fs::path folder() {
  const auto dir = fs::temp_directory_path() / "plansim_config_tests";
  fs::create_directories(dir / "base");
  return dir;
}

fs::path write(const std::string& name, const std::string& text) {
  const auto path = folder() / name;
  std::ofstream(path) << text;
  return path;
}

// The messages a text produces, or an empty list when it loads.
std::vector<std::string> errors_of(const std::string& text,
                                   const std::vector<std::string>& overrides = {},
                                   const Schema& schema = Schema::scenario()) {
  try {
    load_scenario_text(text, "x.yaml", overrides, schema);
  } catch (const ConfigError& error) {
    std::vector<std::string> messages;
    for (const auto& d : error.diagnostics()) {
      messages.push_back(d.to_string());
    }
    return messages;
  }
  return {};
}

// A schema with the kind of parameters and events the model will add, for policy tests.
Schema policy_schema() {
  Schema schema;
  schema.add(ParamSpec{"calendar.start", ParamType::date, "1928-01", {}, {}, {}, "", "start", ""});
  schema.add(ParamSpec{"calendar.end", ParamType::date, "1991-12", {}, {}, {}, "", "end", ""});
  schema.add(ParamSpec{"artels.supply_hostility",
                       ParamType::real,
                       "0",
                       0.0,
                       1.0,
                       {},
                       "share",
                       "squeeze of cooperative supply",
                       "assumption"});
  schema.add_event(EventSpec{
      "war_destruction",
      "destroys capital",
      {ParamSpec{
           "capital_share", ParamType::real, "0.25", 0.0, 1.0, {}, "share", "share destroyed", ""},
       ParamSpec{"regions", ParamType::text, "west", {}, {}, {}, "", "regions hit", ""}}});
  return schema;
}

} // namespace

TEST_CASE("a three-line file runs: everything else takes its default") {
  const auto config = load_scenario_text("scale: tiny\nrun:\n  seed: 3\n", "x.yaml");
  CHECK(config.text("scale.preset") == "tiny");
  CHECK(config.integer("run.seed") == 3);
  CHECK(config.integer("channels.report.latency") == 3);
  CHECK(config.real("channels.report.noise") == 0.1);
  CHECK_FALSE(config.flag("output.shuffle"));
  CHECK(config.date("calendar.start") == plansim::engine::YearMonth{1928, 1});
  CHECK(config.place("run.seed").line == 3);
  CHECK(config.place("run.seed").column == 9);
  CHECK(config.place("calendar.end").file == "default");
  CHECK(config.policy().empty());
  CHECK(errors_of("").empty());
}

TEST_CASE("unknown keys are named with their place and a did-you-mean hint") {
  CHECK(errors_of("calender:\n  start: 1950-01\n") ==
        std::vector<std::string>{"x.yaml:1:1: unknown key 'calender' (did you mean 'calendar'?)"});
  CHECK(errors_of("channels:\n  report:\n    latncy: 2\n") ==
        std::vector<std::string>{"x.yaml:3:5: unknown key 'latncy' in 'channels.report' (did you "
                                 "mean 'latency'?)"});
  CHECK(errors_of("zzz: 1\n") == std::vector<std::string>{"x.yaml:1:1: unknown key 'zzz'"});
}

TEST_CASE("wrong types, out-of-range values and bad dates are all reported, in order") {
  const auto errors = errors_of("channels:\n"
                                "  report:\n"
                                "    latency: -2\n"
                                "    noise: lots\n"
                                "  directive:\n"
                                "    jitter: 1.5\n"
                                "calendar:\n"
                                "  start: 1928-1\n"
                                "output:\n"
                                "  shuffle: maybe\n"
                                "run: 5\n");
  CHECK(errors == std::vector<std::string>{
                      "x.yaml:3:14: 'channels.report.latency' must be between 0 and 120, got -2",
                      "x.yaml:4:12: 'channels.report.noise' must be a number, got 'lots'",
                      "x.yaml:6:13: 'channels.directive.jitter' must be an integer, got '1.5'",
                      "x.yaml:8:10: 'calendar.start' must be a date YYYY-MM (e.g. 1956-04), got "
                      "'1928-1'",
                      "x.yaml:10:12: 'output.shuffle' must be true or false, got 'maybe'",
                      "x.yaml:11:6: 'run' is a section: expected its keys below it"});
}

TEST_CASE("an end before the start is refused at the end's place") {
  CHECK(errors_of("calendar:\n  start: 1960-01\n  end: 1950-06\n") ==
        std::vector<std::string>{
            "x.yaml:3:8: calendar.end (1950-06) is before calendar.start (1960-01)"});
}

TEST_CASE("malformed YAML, duplicate keys and missing values are clean errors") {
  const auto syntax = errors_of("run:\n  seed: [1, 2\n");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].rfind("x.yaml:", 0) == 0);
  CHECK(syntax[0].find("invalid YAML") != std::string::npos);
  CHECK(errors_of("run:\n  seed: 1\n  seed: 2\n") ==
        std::vector<std::string>{"x.yaml:3:3: duplicate key 'seed'"});
  CHECK(errors_of("run:\n  seed:\n") ==
        std::vector<std::string>{"x.yaml:2:3: 'run.seed' needs a single value, got nothing"});
  CHECK(errors_of("- a\n- b\n") ==
        std::vector<std::string>{
            "x.yaml:1:1: a scenario must be a mapping of sections (run:, calendar:, ...)"});
}

TEST_CASE("a key given twice in a policy entry is an error, not a silent choice") {
  CHECK(errors_of("policy:\n  - {date: 1950-01, date: 1960-01, set: {planner.tautness: 1.1}}\n") ==
        std::vector<std::string>{"x.yaml:2:21: duplicate key 'date' in a policy entry"});
  CHECK(errors_of("policy:\n  - date: 1950-01\n    event: artel_nationalisation\n"
                  "    event: artel_restriction\n") ==
        std::vector<std::string>{"x.yaml:4:5: duplicate key 'event' in a policy entry"});
  CHECK(errors_of("policy:\n  - date: 1950-01\n    set: {planner.tautness: 1.1, "
                  "planner.tautness: 1.2}\n") ==
        std::vector<std::string>{"x.yaml:3:34: duplicate key 'planner.tautness'"});
  CHECK(errors_of("policy:\n  - date: 1950-01\n    event: artel_restriction\n"
                  "    args: {hostility: 0.5, hostility: 0.9}\n") ==
        std::vector<std::string>{"x.yaml:4:28: duplicate key 'hostility'"});
}

TEST_CASE("include loads a base scenario relative to the including file, then overrides it") {
  write("base/base.yaml", "run:\n  seed: 11\n  name: base\nchannels:\n  report:\n    latency: 6\n"
                          "policy:\n  - {date: 1950-01, set: {channels.report.noise: 0.3}}\n");
  const auto top =
      write("top.yaml", "include: base/base.yaml\nrun:\n  seed: 12\n"
                        "policy:\n  - {date: 1940-01, set: {channels.report.noise: 0.2}}\n");
  const auto config = load_scenario(top.string());
  CHECK(config.integer("run.seed") == 12);
  CHECK(config.text("run.name") == "base");
  CHECK(config.integer("channels.report.latency") == 6);
  CHECK(config.place("channels.report.latency").file.find("base.yaml") != std::string::npos);
  REQUIRE(config.policy().size() == 2);
  CHECK(config.policy()[0].date.year == 1940); // sorted by date
  CHECK(config.policy()[1].set[0].second == "0.3");
}

TEST_CASE("a missing include and an include cycle are errors at the include line") {
  const auto missing = write("missing.yaml", "run:\n  seed: 1\ninclude: nowhere.yaml\n");
  try {
    load_scenario(missing.string());
    FAIL("expected an error");
  } catch (const ConfigError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].place.line == 3);
    CHECK(error.diagnostics()[0].place.column == 10);
    CHECK(error.diagnostics()[0].message.find("cannot read") != std::string::npos);
    CHECK(error.diagnostics()[0].message.find("no such file") != std::string::npos);
  }
  write("a.yaml", "include: b.yaml\n");
  const auto b = write("b.yaml", "include: a.yaml\n");
  CHECK_THROWS_WITH_AS(load_scenario(b.string()), doctest::Contains("include cycle"), ConfigError);
  CHECK_THROWS_WITH_AS(load_scenario((folder() / "absent.yaml").string()),
                       doctest::Contains("absent.yaml: cannot read"), ConfigError);
}

TEST_CASE("--set overrides are type-checked like the file") {
  const auto config = load_scenario_text("run:\n  seed: 1\n", "x.yaml",
                                         {"run.seed=99", "scale=tiny", "channels.report.noise=0"});
  CHECK(config.integer("run.seed") == 99);
  CHECK(config.text("scale.preset") == "tiny");
  CHECK(config.place("run.seed").file == "--set");
  CHECK(errors_of("", {"channels.report.latency=soon"}) ==
        std::vector<std::string>{"--set channels.report.latency=soon: 'channels.report.latency' "
                                 "must be an integer, got 'soon'"});
  CHECK(errors_of("", {"channels.reprt.latency=2"}) ==
        std::vector<std::string>{
            "--set channels.reprt.latency=2: unknown parameter "
            "'channels.reprt.latency' (did you mean 'channels.report.latency'?)"});
  CHECK(errors_of("", {"novalue"}) ==
        std::vector<std::string>{"--set novalue: expected key.path=value"});
}

TEST_CASE("the policy timeline is validated against the schema and the calendar") {
  const auto schema = policy_schema();
  const auto config =
      load_scenario_text("policy:\n"
                         "  - {date: 1960-07, event: war_destruction, args: {capital_share: 0.3}}\n"
                         "  - date: 1956-04\n"
                         "    set: {artels: {supply_hostility: 0.5}}\n",
                         "x.yaml", {}, schema);
  REQUIRE(config.policy().size() == 2);
  CHECK(config.policy()[0].date == plansim::engine::YearMonth{1956, 4});
  CHECK(config.policy()[0].set ==
        std::vector<std::pair<std::string, std::string>>{{"artels.supply_hostility", "0.5"}});
  CHECK(config.policy()[1].event == "war_destruction");
  CHECK(config.policy()[1].args[0].second == "0.3");

  CHECK(errors_of("policy:\n"
                  "  - {date: 1995-01, set: {artels.supply_hostility: 0.5}}\n"
                  "  - {date: 1956-04, set: {artels.supply_hostility: 1.5}}\n"
                  "  - {date: 1956-04, event: war_destructon}\n"
                  "  - {date: 1956-04, event: war_destruction, args: {share: 1}}\n"
                  "  - {date: 1956-04}\n"
                  "  - {set: {artels.supply_hostility: 0.1}}\n",
                  {}, schema) ==
        std::vector<std::string>{
            "x.yaml:3:52: 'artels.supply_hostility' must be between 0 and 1, got 1.5",
            "x.yaml:4:28: unknown event 'war_destructon' (did you mean 'war_destruction'?)",
            "x.yaml:5:52: unknown argument 'share'",
            "x.yaml:6:5: policy entry sets nothing: give 'set' or 'event'",
            "x.yaml:7:5: policy entry needs a 'date'"});
  // A refused date is not compared with the other (no second, spurious error).
  CHECK(errors_of("calendar: {end: 1927-12, start: 19x}\n", {}, schema) ==
        std::vector<std::string>{
            "x.yaml:1:33: 'calendar.start' must be a date YYYY-MM (e.g. 1956-04), got '19x'"});
}

TEST_CASE("a shorter calendar leaves out the timeline's later entries with one warning") {
  const auto schema = policy_schema();
  const std::string text = "policy:\n"
                           "  - {date: 1929-01, set: {artels.supply_hostility: 0.2}}\n"
                           "  - {date: 1941-07, event: war_destruction}\n"
                           "  - {date: 1956-04, set: {artels.supply_hostility: 0.5}}\n";
  const auto whole = load_scenario_text(text, "x.yaml", {}, schema);
  CHECK(whole.policy().size() == 3);
  CHECK(whole.warnings().empty());
  const auto short_run = load_scenario_text(text, "x.yaml", {"calendar.end=1940-12"}, schema);
  REQUIRE(short_run.policy().size() == 1);
  CHECK(short_run.policy()[0].date == plansim::engine::YearMonth{1929, 1});
  REQUIRE(short_run.warnings().size() == 1);
  CHECK(short_run.warnings()[0].to_string() ==
        "x.yaml:3:5: 2 policy entries fall outside the run (1928-01 to 1940-12, --set "
        "calendar.end) and are left out; the first: 1941-07 (event war_destruction)");
  // Entries before a later start are left out too; the stored scenario holds only the rest.
  const auto late = load_scenario_text(text, "x.yaml", {"calendar.start=1950-01"}, schema);
  CHECK(late.policy().size() == 1);
  CHECK(late.to_yaml().find("1929-01") == std::string::npos);
}

TEST_CASE("an override the timeline resets is warned about, and run.pin keeps it") {
  const std::string text =
      "policy:\n"
      "  - {date: 1950-01, set: {artels.supply_hostility: 0.2, planner.tautness: 1.2}}\n"
      "  - {date: 1956-04, event: artel_restriction, args: {hostility: 0.7}}\n";
  const auto config = load_scenario_text(text, "x.yaml", {"artels.supply_hostility=0.05"});
  REQUIRE(config.warnings().size() == 2);
  CHECK(config.warnings()[0].to_string() ==
        "--set artels.supply_hostility=0.05: the policy timeline changes it to 0.2 from 1950-01 "
        "(policy entry at x.yaml:2:5); add it to run.pin to keep it for the whole run");
  CHECK(config.warnings()[1].message.find("changes it to 0.7 from 1956-04 (event "
                                          "artel_restriction at x.yaml:3:5)") != std::string::npos);
  // A value the file itself gives is the scenario's own timeline: no warning.
  CHECK(
      load_scenario_text(text + "artels: {supply_hostility: 0.05}\n", "x.yaml").warnings().empty());

  const auto pinned = load_scenario_text(
      text, "x.yaml", {"artels.supply_hostility=0.05", "run.pin=artels.supply_hostility"});
  CHECK(pinned.warnings().empty());
  REQUIRE(pinned.policy().size() == 2);
  CHECK(pinned.policy()[0].set ==
        std::vector<std::pair<std::string, std::string>>{{"planner.tautness", "1.2"}});
  CHECK(pinned.policy()[1].args ==
        std::vector<std::pair<std::string, std::string>>{{"hostility", "0.05"}});
  // An entry left with nothing to set is dropped; the resolved scenario loads back the same.
  const auto only =
      load_scenario_text("policy:\n  - {date: 1950-01, set: {artels.supply_hostility: 0.2}}\n",
                         "x.yaml", {"run.pin=artels.supply_hostility"});
  CHECK(only.policy().empty());
  const auto again = load_scenario_text(pinned.to_yaml(), "again.yaml");
  CHECK(again.to_yaml() == pinned.to_yaml());
  CHECK(errors_of("run: {pin: 'artels.suply_hostility'}\n") ==
        std::vector<std::string>{"x.yaml:1:12: run.pin: unknown parameter "
                                 "'artels.suply_hostility' (did you mean "
                                 "'artels.supply_hostility'?)"});
}

TEST_CASE("--print-config output loads back to the same scenario") {
  const auto schema = policy_schema();
  const auto original = load_scenario_text(
      "calendar: {start: 1941-01, end: 1960-12}\n"
      "policy:\n"
      "  - {date: 1941-06, event: war_destruction, args: {capital_share: 0.25, regions: "
      "\"west: 1, true\"}}\n"
      "  - {date: 1956-04, set: {artels.supply_hostility: 0.50}}\n",
      "x.yaml", {}, schema);
  const std::string text = original.to_yaml();
  const auto again = load_scenario_text(text, "printed.yaml", {}, schema);
  CHECK(again.to_yaml() == text);
  CHECK(again.text("artels.supply_hostility") == original.text("artels.supply_hostility"));
  CHECK(again.policy()[0].args[1].second == "west: 1, true");
  CHECK(again.policy()[1].set[0].second == "0.50"); // exactly the text given

  const auto scenario = load_scenario_text("scale: tiny\nrun: {name: \"yes\"}\n", "x.yaml",
                                           {"channels.report.bias=0.05"});
  CHECK(load_scenario_text(scenario.to_yaml(), "p.yaml").to_yaml() == scenario.to_yaml());
}
