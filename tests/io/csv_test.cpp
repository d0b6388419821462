#include "plansim/io/csv.hpp"

#include <doctest/doctest.h>

using namespace plansim;

TEST_CASE("CSV fields are quoted only when they must be, with quotes doubled") {
  CHECK(io::csv_field("late_noisy") == "late_noisy");
  CHECK(io::csv_field("late, noisy") == "\"late, noisy\"");
  CHECK(io::csv_field("the \"exact\" arm") == "\"the \"\"exact\"\" arm\"");
  CHECK(io::csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("CSV numbers keep twelve significant digits") {
  CHECK(io::csv_number(0.1) == "0.1");
  CHECK(io::csv_number(1.0 / 3.0) == "0.333333333333");
  CHECK(io::csv_number(12345.678901234) == "12345.6789012");
}
