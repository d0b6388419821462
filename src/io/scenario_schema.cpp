#include "plansim/io/config_schema.hpp"

namespace plansim::io {

namespace {

// Shorthands that keep the table below readable.
ParamSpec integer(std::string path, std::string value, std::optional<double> min,
                  std::optional<double> max, std::string units, std::string description,
                  std::string source = "") {
  return ParamSpec{std::move(path),  ParamType::integer,     std::move(value), min, max, {},
                   std::move(units), std::move(description), std::move(source)};
}

ParamSpec real(std::string path, std::string value, std::optional<double> min,
               std::optional<double> max, std::string units, std::string description,
               std::string source = "") {
  return ParamSpec{std::move(path),  ParamType::real,        std::move(value), min, max, {},
                   std::move(units), std::move(description), std::move(source)};
}

ParamSpec choice(std::string path, std::string value, std::vector<std::string> choices,
                 std::string description, std::string source = "") {
  return ParamSpec{std::move(path),
                   ParamType::choice,
                   std::move(value),
                   std::nullopt,
                   std::nullopt,
                   std::move(choices),
                   "",
                   std::move(description),
                   std::move(source)};
}

ParamSpec typed(std::string path, ParamType type, std::string value, std::string description) {
  return ParamSpec{
      std::move(path),        type, std::move(value), std::nullopt, std::nullopt, {}, "",
      std::move(description), ""};
}

void add_channel(Schema& schema, const std::string& name, const std::string& what,
                 const std::string& latency) {
  const std::string prefix = "channels." + name + ".";
  schema.add(integer(prefix + "latency", latency, 0, 120, "months",
                     "minimum time a " + what + " takes to arrive", "assumption"));
  schema.add(integer(prefix + "jitter", "1", 0, 24, "months",
                     "extra delay, drawn uniformly from 0 to this, per message", "assumption"));
  schema.add(real(prefix + "noise", "0.1", 0.0, 3.0, "lognormal sigma",
                  "multiplicative noise on the numbers in a " + what + " (mean 1)", "assumption"));
  schema.add(real(prefix + "bias", "0", -0.9, 10.0, "share",
                  "systematic inflation of the numbers in a " + what + " (0.05 = +5 %)",
                  "assumption"));
}

Schema build_scenario_schema() {
  Schema s;
  s.add(typed("run.name", ParamType::text, "scenario", "a name for the run, stored in its file"));
  s.add(integer("run.seed", "1", 0, 9e18, "", "run seed: every random draw derives from it"));
  s.add(integer("run.threads", "0", 0, 4096, "threads",
                "worker threads; 0 = all cores (results do not depend on it)"));

  s.add(typed("calendar.start", ParamType::date, "1928-01", "first simulated month"));
  s.add(typed("calendar.end", ParamType::date, "1991-12", "last simulated month"));
  s.add(integer("calendar.months_per_tick", "1", 1, 12, "months", "length of one tick"));

  s.add(choice("scale.preset", "small", {"tiny", "small", "large"},
               "world size; `scale: tiny` is short for `scale: {preset: tiny}`. tiny: tests; "
               "small: laptop runs in seconds; large: cluster runs"));
  s.add(integer("scale.goods", "0", 0, 100000, "goods", "product lines; 0 = from the preset"));
  s.add(integer("scale.regions", "0", 0, 1000, "regions", "regions; 0 = from the preset"));
  s.add(integer("scale.enterprises", "0", 0, 10000000, "enterprises",
                "state enterprises at the start; 0 = from the preset"));
  s.add(integer("scale.households", "0", 0, 100000000, "households",
                "households (one worker each) at the start; 0 = from the preset"));

  add_channel(s, "report", "report from an enterprise or bureau to its superior", "3");
  add_channel(s, "directive", "directive from a superior to its subordinates", "1");

  s.add(typed("output.file", ParamType::text, "out/run.h5",
              "run file, unless --out is given; written as FILE.partial, renamed when complete"));
  s.add(integer("output.chunk_ticks", "256", 1, 1000000, "ticks", "HDF5 chunk length along time"));
  s.add(integer("output.compression", "0", 0, 9, "gzip level", "0 = uncompressed"));
  s.add(typed("output.shuffle", ParamType::boolean, "false",
              "byte shuffle before compression (helps gzip on floats)"));
  return s;
}

} // namespace

const Schema& Schema::scenario() {
  static const Schema schema = build_scenario_schema();
  return schema;
}

} // namespace plansim::io
