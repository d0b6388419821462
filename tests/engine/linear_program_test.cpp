#include "plansim/engine/linear_program.hpp"

#include <doctest/doctest.h>

using namespace plansim::engine;

namespace {

// max x + y with x <= 2, y <= 3 (binding) and x + y <= 10 (slack).
LinearProgram two_binding_one_slack() {
  LinearProgram lp;
  const int x = lp.add_column(0, lp_infinity, 1.0);
  const int y = lp.add_column(0, lp_infinity, 1.0);
  lp.add_entry(lp.add_row(-lp_infinity, 2), x, 1.0);
  lp.add_entry(lp.add_row(-lp_infinity, 3), y, 1.0);
  const int both = lp.add_row(-lp_infinity, 10);
  lp.add_entry(both, x, 1.0);
  lp.add_entry(both, y, 1.0);
  return lp;
}

} // namespace

TEST_CASE("an LP is solved with its optimum and duals; a slack row has dual 0") {
  LpSolver solver;
  const auto solution = solver.solve(two_binding_one_slack());
  REQUIRE(solution.status == LpStatus::optimal);
  CHECK(solution.objective == doctest::Approx(5.0));
  CHECK(solution.columns[0] == doctest::Approx(2.0));
  CHECK(solution.columns[1] == doctest::Approx(3.0));
  CHECK(solution.duals[0] == doctest::Approx(1.0)); // one more unit of x's bound: +1
  CHECK(solution.duals[1] == doctest::Approx(1.0));
  CHECK(solution.duals[2] == doctest::Approx(0.0));
  CHECK_FALSE(solution.warm_started);
}

TEST_CASE("the next LP of the same shape starts from the last basis and gets the same answer") {
  LpSolver solver;
  solver.solve(two_binding_one_slack());
  auto changed = two_binding_one_slack();
  changed.row_upper[1] = 4; // y may now be 4
  const auto again = solver.solve(changed);
  REQUIRE(again.status == LpStatus::optimal);
  CHECK(again.warm_started);
  CHECK(again.objective == doctest::Approx(6.0));
  LpSolver cold;
  CHECK(cold.solve(changed).objective == doctest::Approx(6.0));
}

TEST_CASE("infeasible and unbounded programmes are reported, not solved") {
  LpSolver solver;
  LinearProgram infeasible;
  const int x = infeasible.add_column(0, lp_infinity, 1.0);
  infeasible.add_entry(infeasible.add_row(5, lp_infinity), x, 1.0);  // x >= 5
  infeasible.add_entry(infeasible.add_row(-lp_infinity, 2), x, 1.0); // x <= 2
  CHECK(solver.solve(infeasible).status == LpStatus::infeasible);
  LinearProgram unbounded;
  const int y = unbounded.add_column(0, lp_infinity, 1.0);
  unbounded.add_entry(unbounded.add_row(0, lp_infinity), y, 1.0); // y >= 0 only
  CHECK(solver.solve(unbounded).status == LpStatus::unbounded);
  CHECK(to_string(LpStatus::unbounded) == "unbounded");
}

TEST_CASE("a minimisation's duals rise with a tighter lower bound") {
  // min 2x + 3y with x + y >= 4: all on x, dual 2.
  LinearProgram lp;
  lp.maximise = false;
  const int x = lp.add_column(0, lp_infinity, 2.0);
  const int y = lp.add_column(0, lp_infinity, 3.0);
  const int row = lp.add_row(4, lp_infinity);
  lp.add_entry(row, x, 1.0);
  lp.add_entry(row, y, 1.0);
  LpSolver solver;
  const auto solution = solver.solve(lp);
  REQUIRE(solution.status == LpStatus::optimal);
  CHECK(solution.objective == doctest::Approx(8.0));
  CHECK(solution.duals[0] == doctest::Approx(2.0));
}
