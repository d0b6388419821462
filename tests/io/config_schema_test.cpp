#include "plansim/io/config_schema.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace plansim::io;

TEST_CASE("values are checked against type and range") {
  const ParamSpec latency{
      "channels.report.latency", ParamType::integer, "3", 0, 120, {}, "months", "", "assumption"};
  CHECK_FALSE(check_value(latency, "0").has_value());
  CHECK_FALSE(check_value(latency, "120").has_value());
  CHECK(check_value(latency, "-1") ==
        "'channels.report.latency' must be between 0 and 120, got -1");
  CHECK(check_value(latency, "2.5") == "'channels.report.latency' must be an integer, got '2.5'");
  CHECK(check_value(latency, "99999999999999999999999") ==
        "'channels.report.latency' is out of range: '99999999999999999999999'");

  const ParamSpec share{"x.share", ParamType::real, "0.5", 0.0, 1.0, {}, "", "", ""};
  CHECK_FALSE(check_value(share, "1e-3").has_value());
  CHECK(check_value(share, "1.5") == "'x.share' must be between 0 and 1, got 1.5");
  CHECK(check_value(share, "nan") == "'x.share' must be a number, got 'nan'");
  CHECK(check_value(share, "1e999") == "'x.share' is out of range: '1e999'");
  CHECK(check_value(share, "") == "'x.share' must be a number, got ''");

  const ParamSpec flag{"x.flag", ParamType::boolean, "false", {}, {}, {}, "", "", ""};
  CHECK(check_value(flag, "yes") == "'x.flag' must be true or false, got 'yes'");
  const ParamSpec method{"planner.method",
                         ParamType::choice,
                         "market",
                         {},
                         {},
                         {"material_balances", "market"},
                         "",
                         "",
                         ""};
  CHECK(check_value(method, "kantorovich") ==
        "'planner.method' must be one of material_balances, market, got 'kantorovich'");
  const ParamSpec start{"calendar.start", ParamType::date, "1928-01", {}, {}, {}, "", "", ""};
  CHECK(check_value(start, "1928-1").has_value());
  CHECK_FALSE(check_value(start, "1941-06").has_value());
}

TEST_CASE("did-you-mean finds near misses only") {
  const std::vector<std::string> keys = {"artels", "calendar", "channels", "planner"};
  CHECK(closest_match("artles", keys) == "artels");
  CHECK(closest_match("calender", keys) == "calendar");
  CHECK(closest_match("chanels", keys) == "channels");
  CHECK_FALSE(closest_match("households", keys).has_value());
}

TEST_CASE("the scenario schema is consistent and documents every parameter") {
  const auto& schema = Schema::scenario();
  CHECK(schema.find("channels.report.latency") != nullptr);
  CHECK(schema.find("channels.report.noise") != nullptr);
  CHECK(schema.is_section("channels"));
  CHECK(schema.is_section("channels.report"));
  CHECK_FALSE(schema.is_section("channels.report.latency"));
  CHECK(schema.children("channels") == std::vector<std::string>{"report", "directive"});
  for (const auto& p : schema.parameters()) {
    CAPTURE(p.path);
    CHECK_FALSE(p.description.empty());
    CHECK_FALSE(check_value(p, p.default_value).has_value());
  }
  Schema copy;
  copy.add(ParamSpec{"a.b", ParamType::integer, "1", 0, 2, {}, "", "d", ""});
  CHECK_THROWS_AS(copy.add(ParamSpec{"a.b", ParamType::integer, "1", 0, 2, {}, "", "d", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(copy.add(ParamSpec{"a.c", ParamType::integer, "5", 0, 2, {}, "", "d", ""}),
                  std::logic_error);
}

TEST_CASE("the Markdown reference lists every parameter with its source") {
  const auto text = schema_markdown(Schema::scenario());
  for (const auto& p : Schema::scenario().parameters()) {
    CHECK(text.find("| `" + p.path + "` |") != std::string::npos);
  }
  CHECK(text.find("*assumption*") != std::string::npos);
}
