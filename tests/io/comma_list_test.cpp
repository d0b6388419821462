#include "plansim/io/comma_list.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using plansim::io::join_names;
using plansim::io::names_in;
using plansim::io::split_commas;
using Items = std::vector<std::string>;

TEST_CASE("comma-separated items are trimmed, empty ones kept, as std::getline splits them") {
  CHECK(split_commas("good, input ,coefficient\r") == Items{"good", "input", "coefficient"});
  CHECK(split_commas("a,,\tb") == Items{"a", "", "b"});
  CHECK(split_commas("a,") == Items{"a"});
  CHECK(split_commas("a, ") == Items{"a", ""});
  CHECK(split_commas("").empty());
  CHECK(split_commas(" ") == Items{""});
}

TEST_CASE("a list of names drops the empty items") {
  CHECK(names_in("income, discontent") == Items{"income", "discontent"});
  CHECK(names_in(" artel_restriction ,, artel_nationalisation,") ==
        Items{"artel_restriction", "artel_nationalisation"});
  CHECK(names_in("").empty());
  CHECK(names_in(" , ").empty());
}

TEST_CASE("names are joined as a list of names reads them back") {
  CHECK(join_names({"income", "discontent"}) == "income, discontent");
  CHECK(join_names({}).empty());
  CHECK(names_in(join_names({"a", "b", "c"})) == Items{"a", "b", "c"});
}
