#include "plansim/model/household.hpp"

#include <doctest/doctest.h>

using namespace plansim::model;

TEST_CASE("a household budgets its income less savings plus a share of forced savings") {
  HouseholdParams params;
  params.saving_rate = 0.1;
  params.overhang_spending = 0.2;
  Household h;
  h.income = 100.0;
  h.forced_savings = 50.0;
  CHECK(monthly_budget(h, params) == doctest::Approx(90.0 + 10.0));
}

TEST_CASE("money shops could not take becomes forced savings, spent down when goods appear") {
  HouseholdParams params;
  params.overhang_spending = 0.1;
  Household h;
  h.income = 100.0;
  h.budget = 95.0;
  h.spent = 45.0; // empty shelves
  settle_month(h, params);
  CHECK(h.forced_savings == doctest::Approx(50.0));
  CHECK(h.money == doctest::Approx(55.0));
  h.budget = 95.0 + 5.0;
  h.spent = 100.0; // everything found
  settle_month(h, params);
  CHECK(h.forced_savings == doctest::Approx(45.0));
  CHECK(h.money == doctest::Approx(55.0));
}

TEST_CASE("discontent rises when consumption falls below expectations or norms rise") {
  HouseholdParams params;
  params.expectation_memory = 0.5;
  Household content, short_of_goods, pressed;
  for (auto* h : {&content, &short_of_goods, &pressed}) {
    h->expected_consumption = 1.0;
    h->consumption = 1.0;
  }
  short_of_goods.consumption = 0.6;
  update_discontent(content, params, 0.0);
  update_discontent(short_of_goods, params, 0.0);
  update_discontent(pressed, params, 0.2);
  CHECK(content.discontent == 0.0);
  CHECK(short_of_goods.discontent == doctest::Approx(0.5 * 0.4));
  CHECK(pressed.discontent == doctest::Approx(0.5 * 0.2));
  CHECK(short_of_goods.expected_consumption == doctest::Approx(0.8)); // expectations adapt
}

TEST_CASE("a worker moves only for pay better by the threshold") {
  HouseholdParams params;
  params.move_threshold = 0.1;
  CHECK_FALSE(takes_job(100.0, 105.0, params));
  CHECK(takes_job(100.0, 111.0, params));
}

TEST_CASE("skilled workers bring skill_weight units of labour") {
  HouseholdParams params;
  params.skill_weight = 2.5;
  Household h;
  CHECK(labour_of(h, params) == 1.0);
  h.skilled = true;
  CHECK(labour_of(h, params) == 2.5);
}
