#include "plansim/engine/linear_program.hpp"

#include <ClpSimplex.hpp>
#include <algorithm>
#include <numeric>

namespace plansim::engine {

int LinearProgram::add_column(double lower, double upper, double objective_coefficient) {
  column_lower.push_back(lower);
  column_upper.push_back(upper);
  objective.push_back(objective_coefficient);
  return columns() - 1;
}

int LinearProgram::add_row(double lower, double upper) {
  row_lower.push_back(lower);
  row_upper.push_back(upper);
  return rows() - 1;
}

std::string to_string(LpStatus status) {
  switch (status) {
  case LpStatus::optimal:
    return "optimal";
  case LpStatus::infeasible:
    return "infeasible";
  case LpStatus::unbounded:
    return "unbounded";
  case LpStatus::failed:
    break;
  }
  return "failed";
}

struct LpSolver::Impl {
  ClpSimplex simplex;
  std::vector<unsigned char> basis; // the last optimal basis, columns then rows
  int columns = -1, rows = -1;
};

LpSolver::LpSolver() : impl_(std::make_unique<Impl>()) {
  impl_->simplex.setLogLevel(0);
}
LpSolver::~LpSolver() = default;
LpSolver::LpSolver(LpSolver&&) noexcept = default;
LpSolver& LpSolver::operator=(LpSolver&&) noexcept = default;

namespace {

// A in compressed columns, as Clp's loadProblem takes it.
struct ColumnMajor {
  std::vector<CoinBigIndex> start;
  std::vector<int> index;
  std::vector<double> value;
};

ColumnMajor column_major(const LinearProgram& lp) {
  std::vector<LinearProgram::Entry> entries = lp.entries;
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.column != b.column ? a.column < b.column : a.row < b.row;
  });
  ColumnMajor m;
  m.start.assign(static_cast<std::size_t>(lp.columns()) + 1, 0);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (!m.index.empty() && i > 0 && entries[i - 1].column == e.column &&
        entries[i - 1].row == e.row) {
      m.value.back() += e.value; // repeats add up
      continue;
    }
    m.index.push_back(e.row);
    m.value.push_back(e.value);
    ++m.start[static_cast<std::size_t>(e.column) + 1];
  }
  std::partial_sum(m.start.begin(), m.start.end(), m.start.begin());
  return m;
}

} // namespace

LpSolution LpSolver::solve(const LinearProgram& lp) {
  auto& simplex = impl_->simplex;
  const auto m = column_major(lp);
  simplex.loadProblem(lp.columns(), lp.rows(), m.start.data(), m.index.data(), m.value.data(),
                      lp.column_lower.data(), lp.column_upper.data(), lp.objective.data(),
                      lp.row_lower.data(), lp.row_upper.data());
  simplex.setOptimizationDirection(lp.maximise ? -1.0 : 1.0);
  LpSolution solution;
  if (impl_->columns == lp.columns() && impl_->rows == lp.rows() && !impl_->basis.empty()) {
    simplex.copyinStatus(impl_->basis.data());
    solution.warm_started = true;
    simplex.dual(); // from the basis given: bounds moved, the basis stays dual feasible
  } else {
    simplex.initialSolve();
  }
  solution.iterations = simplex.numberIterations();
  if (simplex.isProvenOptimal()) {
    solution.status = LpStatus::optimal;
  } else if (simplex.isProvenPrimalInfeasible()) {
    solution.status = LpStatus::infeasible;
  } else if (simplex.isProvenDualInfeasible()) {
    solution.status = LpStatus::unbounded;
  }
  if (solution.status != LpStatus::optimal) {
    impl_->basis.clear();
    return solution;
  }
  solution.objective = simplex.objectiveValue();
  const double* x = simplex.primalColumnSolution();
  const double* y = simplex.dualRowSolution();
  solution.columns.assign(x, x + lp.columns());
  solution.duals.assign(y, y + lp.rows());
  impl_->basis.assign(simplex.statusArray(), simplex.statusArray() + lp.columns() + lp.rows());
  impl_->columns = lp.columns();
  impl_->rows = lp.rows();
  return solution;
}

} // namespace plansim::engine
