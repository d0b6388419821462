#pragma once

// Linear programmes and their solver (COIN-OR Clp behind a small RAII wrapper). The engine
// knows nothing of what the rows and columns mean.

#include <memory>
#include <string>
#include <vector>

namespace plansim::engine {

/// Maximise (or minimise) objective . x subject to row_lower <= A x <= row_upper and
/// column_lower <= x <= column_upper. Use lp_infinity for a missing bound.
struct LinearProgram {
  struct Entry {
    int row = 0;
    int column = 0;
    double value = 0.0;
  };

  bool maximise = true;
  std::vector<double> objective, column_lower, column_upper;
  std::vector<double> row_lower, row_upper;
  std::vector<Entry> entries; ///< the nonzeros of A, in any order (repeats add up)

  /// Adds a variable; returns its column.
  int add_column(double lower, double upper, double objective_coefficient);
  /// Adds a constraint lower <= (row) <= upper; returns its row.
  int add_row(double lower, double upper);
  void add_entry(int row, int column, double value) { entries.push_back({row, column, value}); }
  int columns() const { return static_cast<int>(objective.size()); }
  int rows() const { return static_cast<int>(row_lower.size()); }
};

inline constexpr double lp_infinity = 1e30;

enum class LpStatus { optimal, infeasible, unbounded, failed };
std::string to_string(LpStatus status);

struct LpSolution {
  LpStatus status = LpStatus::failed;
  double objective = 0.0;
  std::vector<double> columns; ///< the optimal x
  /// The dual value of each row: how much the objective rises per unit the row's bound is
  /// relaxed (0 for a row with slack). Positive for a binding upper bound when maximising.
  std::vector<double> duals;
  int iterations = 0;
  bool warm_started = false; ///< solved from the last solution's basis
};

/// Solves linear programmes with Clp's simplex method, one at a time. It keeps the basis of the
/// last optimal solution and starts from it when the next programme has the same shape (a
/// planner re-solving each year's plan). Not copyable; not for use from several threads.
class LpSolver {
public:
  LpSolver();
  ~LpSolver();
  LpSolver(const LpSolver&) = delete;
  LpSolver& operator=(const LpSolver&) = delete;
  LpSolver(LpSolver&&) noexcept;
  LpSolver& operator=(LpSolver&&) noexcept;

  LpSolution solve(const LinearProgram& lp);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace plansim::engine
