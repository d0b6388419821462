#include "plansim/engine/calendar.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>

using plansim::engine::Calendar;
using plansim::engine::Schedule;
using plansim::engine::YearMonth;

TEST_CASE("YearMonth parses YYYY-MM and rejects anything else") {
  CHECK(YearMonth::parse("1956-04") == YearMonth{1956, 4});
  CHECK(YearMonth::parse("1991-12") == YearMonth{1991, 12});
  for (const char* bad :
       {"1956-4", "1956-13", "1956-00", "56-04", "1956/04", "", "abcd-ef", "1956-04-01"}) {
    CAPTURE(bad);
    CHECK_FALSE(YearMonth::parse(bad).has_value());
  }
  CHECK(YearMonth{1941, 6}.to_string() == "1941-06");
  CHECK(YearMonth::from_serial(YearMonth{1960, 7}.serial()) == YearMonth{1960, 7});
}

TEST_CASE("a monthly calendar from 1928 to 1991 has 768 ticks") {
  const Calendar calendar(YearMonth{1928, 1}, YearMonth{1991, 12});
  CHECK(calendar.tick_count() == 768);
  CHECK(calendar.ticks_per_year() == 12);
  CHECK(calendar.date_of(0) == YearMonth{1928, 1});
  CHECK(calendar.date_of(13) == YearMonth{1929, 2});
  CHECK(calendar.date_of(767) == YearMonth{1991, 12});
  CHECK(calendar.decimal_year(0) == 1928.0);
  CHECK(calendar.decimal_year(3) == doctest::Approx(1928.25));
  CHECK(calendar.tick_of(YearMonth{1941, 6}) == (1941 - 1928) * 12 + 5);
  CHECK_FALSE(calendar.tick_of(YearMonth{1927, 12}).has_value());
  CHECK_FALSE(calendar.tick_of(YearMonth{1992, 1}).has_value());
  CHECK(calendar.starts_year(0));
  CHECK(calendar.starts_year(12));
  CHECK_FALSE(calendar.starts_year(5));
}

TEST_CASE("decimal years map back to their tick") {
  const Calendar calendar(YearMonth{1928, 3}, YearMonth{1991, 12});
  CHECK(calendar.tick_at(1928.25) == 1); // April 1928
  CHECK(calendar.tick_at(1956.25) == *calendar.tick_of(YearMonth{1956, 4}));
  CHECK(calendar.tick_at(1991.99) == calendar.tick_count() - 1);
  for (int tick = 0; tick < calendar.tick_count(); tick += 37) {
    CHECK(calendar.tick_at(calendar.decimal_year(tick)) == tick);
  }
  CHECK_FALSE(calendar.tick_at(1928.1).has_value()); // February, before the start
  CHECK_FALSE(calendar.tick_at(1992.0).has_value());
  CHECK_FALSE(calendar.tick_at(std::nan("")).has_value());
}

TEST_CASE("quarterly ticks cover three months each") {
  const Calendar calendar(YearMonth{1950, 2}, YearMonth{1951, 1}, 3);
  CHECK(calendar.tick_count() == 4);
  CHECK(calendar.date_of(1) == YearMonth{1950, 5});
  CHECK(calendar.tick_of(YearMonth{1950, 7}) == 1);
  CHECK(calendar.tick_of(YearMonth{1951, 1}) == 3);
  CHECK(calendar.starts_year(3)); // Nov, Dec, Jan
  CHECK_FALSE(calendar.starts_year(0));
}

TEST_CASE("a calendar that ends before it starts is refused") {
  CHECK_THROWS_WITH_AS(Calendar(YearMonth{1960, 1}, YearMonth{1959, 12}),
                       "calendar ends (1959-12) before it starts (1960-01)", std::invalid_argument);
  CHECK_THROWS_AS(Calendar(YearMonth{1960, 1}, YearMonth{1961, 1}, 0), std::invalid_argument);
}

TEST_CASE("a schedule returns the events due at a tick in the order they were added") {
  Schedule<std::string> schedule;
  schedule.add(5, "b");
  schedule.add(2, "a");
  schedule.add(5, "c");
  schedule.add(9, "d");
  const auto due = schedule.due(5);
  REQUIRE(due.size() == 2);
  CHECK(due[0].second == "b");
  CHECK(due[1].second == "c");
  CHECK(schedule.due(3).empty());
  CHECK(schedule.due(2).size() == 1);
  CHECK(schedule.size() == 4);
}
