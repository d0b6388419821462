#pragma once

// Production (docs/ODD.md 7.2): every month each state enterprise computes its capacity,
// decides its output under the planning method in force, produces with the inputs it holds,
// writes its reports, requests inputs for next month and may be audited; reports go to its
// glavk when they are due. The rules of one enterprise are in enterprise.hpp.
//
// Reads: prices (under the market), targets, input stocks; enterprises.* parameters.
// Changes: enterprises (capacity, output, reports, requests, stocks, managers); the glavks'
// report channel.

#include "plansim/model/world.hpp"

namespace plansim::model {

class Planner;

class Production {
public:
  explicit Production(World& world) : world_(world) {}

  void produce_and_report(int tick, const Planner& planner);
  /// Managers caught falsifying and replaced this month.
  int managers_replaced() const { return managers_replaced_; }

private:
  World& world_;
  int managers_replaced_ = 0;
};

} // namespace plansim::model
