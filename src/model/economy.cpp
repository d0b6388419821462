#include "plansim/model/economy.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using engine::RandomStream;
using engine::StreamKey;

namespace {

using streams::auditing;
using streams::deciding;
using streams::directing;
using streams::promoting;
using streams::reporting;
using streams::setup;
using streams::stream;
constexpr std::uint16_t enterprise_kind = streams::enterprise;
constexpr std::uint16_t bureau_kind = streams::bureau;

constexpr double initial_reserve = 0.05;     // capacity above the first plan (assumption)
constexpr double capital_output_months = 36; // initial capital / monthly output (assumption)
constexpr double shortage_memory = 0.7;      // weight of past experienced shortage
constexpr double labour_cost_share = 0.5;    // market: labour cost per unit at base prices
constexpr int max_information_delay = 24;    // months of market history artels can look back
constexpr double initial_shop_months = 0.5;  // state shop stocks at the start (assumption)

engine::Calendar make_calendar(const EconomyParams& p) {
  return engine::Calendar(p.start, p.end);
}

std::vector<Enterprise> draw_enterprises(const EconomyParams& params, const Goods& goods) {
  // Enterprises are stored sorted by good, so by sector priority; every good has at least one.
  const auto count = static_cast<std::size_t>(std::max(params.enterprises.count, 1));
  if (count < goods.count()) {
    throw std::invalid_argument("fewer enterprises (" + std::to_string(count) + ") than goods (" +
                                std::to_string(goods.count()) + ")");
  }
  std::vector<Enterprise> enterprises;
  for (std::size_t e = 0; e < count; ++e) {
    auto random = stream(params.seed, enterprise_kind, setup, static_cast<std::uint32_t>(e), 0);
    Enterprise firm;
    firm.good = static_cast<std::uint32_t>(e * goods.count() / count);
    firm.region =
        static_cast<std::uint32_t>(e % static_cast<std::size_t>(std::max(params.regions, 1)));
    firm.capital = random.lognormal(0.0, 0.5);
    firm.productivity = random.lognormal(0.0, params.enterprises.productivity_sigma);
    firm.manager = draw_manager(params.enterprises, random);
    enterprises.push_back(firm);
  }
  return enterprises;
}

} // namespace

Economy::Economy(EconomyParams params, bool keep_history)
    : params_(std::move(params)), calendar_(make_calendar(params_)),
      goods_(params_.goods.matrix.empty()
                 ? Goods::generate(params_.goods, params_.seed)
                 : Goods::from_matrix(params_.goods, params_.goods.matrix)),
      enterprises_(draw_enterprises(params_, goods_)),
      hierarchy_(enterprises_, goods_, params_.bureaucracy, params_.report_channel,
                 params_.directive_channel),
      markets_(static_cast<std::size_t>(std::max(params_.regions, 1)),
               goods_.range(Sector::consumer).second - goods_.range(Sector::consumer).first,
               max_information_delay),
      retail_reports_(params_.report_channel, 1), recorder_(registry_, keep_history) {
  if (params_.goods.inputs_per_good > static_cast<int>(max_inputs)) {
    throw std::invalid_argument("goods.inputs_per_good must be at most " +
                                std::to_string(max_inputs));
  }
  const std::size_t g = goods_.count();
  enterprise_offsets_.assign(g + 1, 0);
  for (const auto& e : enterprises_) {
    ++enterprise_offsets_[e.good + 1];
  }
  std::partial_sum(enterprise_offsets_.begin(), enterprise_offsets_.end(),
                   enterprise_offsets_.begin());
  planned_output_.assign(g, 0.0);
  planned_investment_.assign(g, 0.0);
  price_.assign(g, 1.0);
  demand_.assign(g, 0.0);
  supply_.assign(g, 0.0);
  consumer_demand_.assign(g, 0.0);
  consumer_wanted_.assign(g, 0.0);
  consumer_delivered_.assign(g, 0.0);
  investment_delivered_.assign(g, 0.0);
  military_delivered_.assign(g, 0.0);
  construction_.assign(static_cast<std::size_t>(std::max(params_.planner.construction_lag, 1)),
                       0.0);
  material_per_unit_.assign(g, 0.0);
  for (std::size_t good = 0; good < g; ++good) {
    for (const auto& use : goods_.inputs(good)) {
      material_per_unit_[good] += use.coefficient;
    }
  }
  build_households();
  build_artels();
  calibrate_capacity();
  build_metrics();

  pipeline_.add_phase("policy", [this](int t) { apply_policy(t); });
  pipeline_.add_phase("deliver", [this](int t) { deliver_directives(t); });
  pipeline_.add_phase("plan", [this](int t) { plan(t); });
  pipeline_.add_phase("produce", [this](int t) { produce_and_report(t); });
  pipeline_.add_phase("report", [this](int t) { pass_reports_up(t); });
  pipeline_.add_phase("allocate", [this](int t) { allocate_goods(t); });
  pipeline_.add_phase("artels", [this](int t) { run_artels(t); });
  pipeline_.add_phase("shop", [this](int t) { shop(t); });
  pipeline_.add_phase("work", [this](int t) { work(t); });
  pipeline_.add_phase("invest", [this](int t) { invest(t); });
  pipeline_.add_phase("record", [this](int t) { record(t); });
}

// The first year is balanced: gross outputs solve x = A x + f for the final demand f of
// consumers (what households spend less what artels make), investment and the military, and
// each good's enterprises get capacity 5 % above it (their productivities are scaled; their
// spread stays). Artels get the same output per worker as state consumer industry, times
// artels.relative_productivity.
void Economy::calibrate_capacity() {
  const std::size_t n = goods_.count();
  const auto [c_first, c_last] = goods_.range(Sector::consumer);
  const auto [h_first, h_last] = goods_.range(Sector::heavy);
  const auto [m_first, m_last] = goods_.range(Sector::military);
  count_labour();
  const double spending = params_.planner.consumer_demand * double(households_.size());
  double state_consumer_labour = 0.0, artel_labour = 0.0;
  for (std::size_t e = enterprise_offsets_[c_first]; e < enterprise_offsets_[c_last]; ++e) {
    state_consumer_labour += enterprises_[e].workers;
  }
  for (const auto& artel : artels_.agents()) {
    artel_labour += artel.labour;
  }
  const double relative = params_.artels.relative_productivity;
  const double labour = state_consumer_labour + relative * artel_labour;
  const double output_per_labour = labour > 0 ? spending / labour : 0.0;
  std::vector<double> wanted(markets_.goods(), 0.0), made_by_artels(markets_.goods(), 0.0);
  for (std::size_t r = 0; r < markets_.regions(); ++r) {
    const double people = double(households_in_region_[r].size());
    for (std::size_t k = 0; k < markets_.goods(); ++k) {
      const double cell_wanted =
          params_.planner.consumer_demand * people * markets_.taste()[markets_.cell(r, k)];
      wanted[k] += cell_wanted;
      markets_.believed_wanted()[markets_.cell(r, k)] = cell_wanted;
    }
  }
  // Materials for artels are part of the first year's final demand: their cooperative
  // allocation exists at the start (what bureaus later do with it is another matter).
  std::vector<double> for_artels(n, 0.0);
  for (const auto& artel : artels_.agents()) {
    const double made = relative * output_per_labour * artel.labour;
    made_by_artels[artel.good - c_first] += made;
    for (const auto& use : goods_.inputs(artel.good)) {
      for_artels[use.input] += use.coefficient * made;
    }
  }
  for (std::size_t g = c_first; g < c_last; ++g) {
    consumer_demand_[g] = std::max(0.0, wanted[g - c_first] - made_by_artels[g - c_first]);
  }
  std::vector<double> x(n, 0.0), next(n, 0.0);
  for (int round = 0; round < 200; ++round) {
    const double total = std::accumulate(x.begin(), x.end(), 0.0);
    std::fill(next.begin(), next.end(), 0.0);
    for (std::size_t g = 0; g < n; ++g) {
      for (const auto& use : goods_.inputs(g)) {
        next[use.input] += use.coefficient * x[g];
      }
      next[g] += consumer_demand_[g] + for_artels[g];
    }
    for (std::size_t h = h_first; h < h_last; ++h) {
      next[h] += params_.planner.initial_accumulation_share * total / double(h_last - h_first);
    }
    for (std::size_t m = m_first; m < m_last; ++m) {
      next[m] += params_.planner.military_demand * total / double(m_last - m_first);
    }
    x.swap(next);
  }
  const double total_capital_weight =
      std::accumulate(enterprises_.begin(), enterprises_.end(), 0.0,
                      [](double s, const Enterprise& e) { return s + e.capital; });
  const double total_output = std::accumulate(x.begin(), x.end(), 0.0);
  for (auto& e : enterprises_) {
    e.capital = capital_output_months * total_output * e.capital / total_capital_weight;
  }
  for (std::size_t g = 0; g < n; ++g) {
    double capacity = 0.0;
    for (std::size_t e = enterprise_offsets_[g]; e < enterprise_offsets_[g + 1]; ++e) {
      capacity += capacity_of(enterprises_[e], params_.enterprises);
    }
    const double scale = capacity > 0 ? x[g] * (1.0 + initial_reserve) / capacity : 0.0;
    for (std::size_t e = enterprise_offsets_[g]; e < enterprise_offsets_[g + 1]; ++e) {
      auto& firm = enterprises_[e];
      firm.productivity *= scale;
      firm.capacity = capacity_of(firm, params_.enterprises);
      firm.target = firm.capacity / (1.0 + initial_reserve);
      firm.reported_output = firm.target;
      firm.recent_output = firm.target;
      firm.recent_sales = firm.target;
      const auto inputs = goods_.inputs(g);
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        firm.stock[i] = inputs[i].coefficient * firm.capacity; // one month of inputs
      }
    }
    planned_output_[g] = x[g];
    if (g >= c_first && g < c_last) {
      consumer_wanted_[g] = wanted[g - c_first];
      consumer_goods_sold_ += consumer_demand_[g];
    }
    if (g >= h_first && g < h_last) {
      planned_investment_[g] =
          params_.planner.accumulation_share * total_output / double(h_last - h_first);
    }
  }
  calibrate_artels(relative * output_per_labour);
  // The planner starts from a census: it knows the true figures of the first year.
  auto& planner_known = hierarchy_.known(ministry_level);
  for (std::size_t m = 0; m < planner_known.size(); ++m) {
    const auto good = hierarchy_.nodes(ministry_level)[m].good;
    planner_known[m] =
        Report{static_cast<std::uint32_t>(m), x[good], true_capacity_of_good(good), x[good], 0.0};
  }
  for (std::size_t e = 0; e < enterprises_.size(); ++e) {
    hierarchy_.known(enterprise_level)[e] =
        Report{static_cast<std::uint32_t>(e), enterprises_[e].target, enterprises_[e].capacity,
               enterprises_[e].target, 0.0};
  }
  auto& glavk_known = hierarchy_.known(glavk_level);
  for (std::size_t node = 0; node < glavk_known.size(); ++node) {
    glavk_known[node] = Report{static_cast<std::uint32_t>(node), 0.0, 0.0, 0.0, 0.0};
    for (auto child : hierarchy_.children(glavk_level, node)) {
      glavk_known[node].output += enterprises_[child].target;
      glavk_known[node].capacity += enterprises_[child].capacity;
      glavk_known[node].target += enterprises_[child].target;
    }
  }
}

// Artels get capital per worker artels.capital_ratio times state consumer industry's, and the
// productivity that makes their capacity 5 % above relative_productivity times state consumer
// industry's output per worker. State shops start with half a month of state consumer goods.
void Economy::calibrate_artels(double output_per_labour) {
  const auto [c_first, c_last] = goods_.range(Sector::consumer);
  double capital = 0.0, labour = 0.0;
  for (std::size_t e = enterprise_offsets_[c_first]; e < enterprise_offsets_[c_last]; ++e) {
    capital += enterprises_[e].capital;
    labour += enterprises_[e].workers;
  }
  artel_capital_per_labour_ = labour > 0 ? params_.artels.capital_ratio * capital / labour : 1.0;
  artel_productivity_ = output_per_labour * (1.0 + initial_reserve) /
                        std::pow(artel_capital_per_labour_, params_.enterprises.capital_elasticity);
  // The state taxes artel sales so that, at the start, members earn what state workers with
  // their skills earn (materials counted at the state price).
  double revenue = 0.0, materials = 0.0, state_pay_of_members = 0.0;
  for (auto& artel : artels_.agents()) {
    artel.capital = artel_capital_per_labour_ * artel.labour;
    artel.productivity *= artel_productivity_; // the spread drawn at the start stays
    artel.recent_sales = output_per_labour * artel.labour;
    artel.pay = wage_unskilled_;
    revenue += artel.recent_sales;
    materials += artel.recent_sales * material_per_unit_[artel.good];
  }
  for (const auto& worker : households_.agents()) {
    state_pay_of_members += worker.workplace == Workplace::artel ? state_pay(worker) : 0.0;
  }
  if (revenue > 0) {
    const double kept = state_pay_of_members / (1.0 - params_.artels.reinvestment);
    artel_tax_ = std::clamp(1.0 - (kept + materials) / revenue, 0.0, 0.95);
  }
  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    markets_.stock_shops(k, initial_shop_months * consumer_demand_[c_first + k]);
  }
}

double Economy::true_capacity_of_good(std::size_t good) const {
  double capacity = 0.0;
  for (std::size_t e = enterprise_offsets_[good]; e < enterprise_offsets_[good + 1]; ++e) {
    capacity += capacity_of(enterprises_[e], params_.enterprises);
  }
  return capacity;
}

std::vector<Economy::Event> Economy::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

void Economy::run() {
  for (int tick = 0; tick < calendar_.tick_count(); ++tick) {
    pipeline_.run_tick(tick);
  }
}

// --- policy ---------------------------------------------------------------------------------

void Economy::apply_policy(int tick) {
  if (!policy_) {
    return;
  }
  auto changes = policy_(tick, params_);
  for (auto& description : changes.parameter_changes) {
    events_.push_back(Event{tick, "policy", std::move(description)});
  }
  for (const auto& event : changes.events) {
    apply(event, tick);
  }
}

// --- directives down ------------------------------------------------------------------------

bool Economy::reports_due(int tick) const {
  // Under the market, enterprises report once a year (statistics); under a plan, monthly.
  return params_.planner.method != PlanningMethod::market || calendar_.date_of(tick).month == 12;
}

void Economy::deliver_directives(int tick) {
  for (int down = ministry_level; down >= enterprise_level; --down) {
    const auto level = static_cast<std::size_t>(down);
    auto& channel = hierarchy_.directive_channel(level);
    channel.deliver(tick);
    const auto& nodes = hierarchy_.nodes(level);
    if (level > enterprise_level) {
      hierarchy_.directive_channel(level - 1).open_outboxes(1);
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      for (const auto& message : channel.inbox(static_cast<engine::AgentId>(n))) {
        split_directive(level, message.payload.node, message.payload.target, tick);
      }
    }
    if (level > enterprise_level) {
      hierarchy_.directive_channel(level - 1).post();
    }
  }
}

// A bureau receiving a target for one good splits it among the units below: a ministry by the
// capacity its glavks report, a glavk by each enterprise's ratchet base (last target moved
// towards reported output by lambda) or, under Weitzman's scheme, by the managers' proposals.
void Economy::split_directive(std::size_t level, std::uint32_t node, double target, int tick) {
  hierarchy_.targets(level)[node] = target;
  if (level == enterprise_level) {
    enterprises_[node].target = target;
    return;
  }
  const auto children = hierarchy_.children(level, node);
  const auto& known = hierarchy_.known(level - 1);
  const double lambda = params_.enterprises.ratchet;
  std::vector<double> weights;
  weights.reserve(children.size());
  for (auto child : children) {
    double w = known[child].capacity;
    if (level - 1 == enterprise_level) {
      const auto& firm = enterprises_[child];
      w = params_.enterprises.bonus_scheme == BonusScheme::weitzman
              ? known[child].capacity
              : firm.target + lambda * (known[child].output - firm.target);
    }
    weights.push_back(std::max(w, 0.0));
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  auto& channel = hierarchy_.directive_channel(level - 1);
  const auto* bureau_node = &hierarchy_.nodes(level)[node];
  for (std::size_t c = 0; c < children.size(); ++c) {
    const double share = total > 0 ? weights[c] / total : 1.0 / double(children.size());
    auto random =
        stream(params_.seed, bureau_kind, streams::at_level(directing, level), children[c], tick);
    channel.send(0, bureau_node->bureau, children[c], tick, Directive{children[c], target * share},
                 random);
  }
}

// --- the plan -------------------------------------------------------------------------------

void Economy::plan(int tick) {
  if (!calendar_.starts_year(tick) && tick != 0) {
    return;
  }
  // Promotion: each year bureaus are staffed by officials chosen by competence or loyalty.
  const double w = params_.bureaucracy.competence_weight;
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& bureaus = hierarchy_.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      auto random = stream(params_.seed, bureau_kind, streams::at_level(promoting, level),
                           static_cast<std::uint32_t>(b), tick);
      bureaus[b].competence = w * random.uniform(0.6, 1.0) + (1.0 - w) * random.uniform(0.0, 0.6);
    }
  }
  if (params_.planner.method != PlanningMethod::market) {
    material_balances(tick); // under the market: no output targets
    send_targets_down(tick);
  }
  set_wages();
}

// Gosplan's method: targets a tautness above reported capacity; for the P largest goods, a few
// rounds of checking that planned uses fit planned output and cutting the users of short goods
// in reverse priority (consumer goods first, military last). The other goods are planned in
// aggregate: their targets are set, but their balances are never checked.
void Economy::material_balances(int /*tick*/) {
  const std::size_t n = goods_.count();
  const auto& known = hierarchy_.known(ministry_level);
  std::vector<double> capacity(n, 0.0);
  for (std::size_t m = 0; m < known.size(); ++m) {
    capacity[hierarchy_.nodes(ministry_level)[m].good] += known[m].capacity;
  }
  std::vector<double>& x = planned_output_;
  plan_floor_.resize(n);
  for (std::size_t g = 0; g < n; ++g) {
    x[g] = params_.planner.tautness * capacity[g];
    plan_floor_[g] = params_.planner.cut_floor * x[g];
  }
  // Investment goods are what heavy industry makes beyond the inputs the plan needs: the
  // investment programme (s of planned output) is spread over heavy goods by that spare output.
  const double total = std::accumulate(x.begin(), x.end(), 0.0);
  const auto [h_first, h_last] = goods_.range(Sector::heavy);
  std::vector<double> spare(n, 0.0);
  double total_spare = 0.0;
  for (std::size_t h = h_first; h < h_last; ++h) {
    double intermediate = 0.0;
    for (const auto& user : goods_.users(h)) {
      intermediate += user.coefficient * x[user.input];
    }
    spare[h] = std::max(0.0, x[h] - intermediate);
    total_spare += spare[h];
  }
  for (std::size_t g = 0; g < n; ++g) {
    planned_investment_[g] =
        total_spare > 0 ? params_.planner.accumulation_share * total * spare[g] / total_spare : 0.0;
  }
  // The goods balanced one by one: the largest by reported capacity.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return capacity[a] > capacity[b]; });
  order.resize(std::min<std::size_t>(
      n, static_cast<std::size_t>(std::max(params_.planner.balanced_goods, 0))));
  for (int round = 0; round < params_.planner.balance_iterations; ++round) {
    for (std::size_t g : order) {
      cut_users_to_fit(g);
    }
  }
}

// When the planned uses of good g exceed its planned output, the users are cut in reverse
// priority: consumer-goods producers first, then materials, then heavy industry together with
// investment, the military last. Households' demand counts as a use but is not cut: consumers
// get what the shops receive, so their excess stays in the plan as tautness.
void Economy::cut_users_to_fit(std::size_t g) {
  std::vector<double>& x = planned_output_;
  std::array<double, sector_count> use{};
  for (const auto& user : goods_.users(g)) {
    use[static_cast<std::size_t>(goods_.sector(user.input))] += user.coefficient * x[user.input];
  }
  use[static_cast<std::size_t>(Sector::heavy)] += planned_investment_[g];
  use[static_cast<std::size_t>(Sector::consumer)] += consumer_demand_[g];
  double excess = std::accumulate(use.begin(), use.end(), 0.0) - x[g];
  for (std::size_t s = sector_count; s-- > 0 && excess > 0;) {
    if (use[s] <= 0) {
      continue;
    }
    const double keep = std::max(0.0, (use[s] - excess) / use[s]);
    double cut = 0.0;
    for (const auto& user : goods_.users(g)) {
      if (static_cast<std::size_t>(goods_.sector(user.input)) == s) {
        const double before = x[user.input];
        x[user.input] = std::max(before * keep, plan_floor_[user.input]);
        cut += user.coefficient * (before - x[user.input]);
      }
    }
    if (s == static_cast<std::size_t>(Sector::heavy)) {
      const double before = planned_investment_[g];
      planned_investment_[g] *= std::max(keep, params_.planner.cut_floor);
      cut += before - planned_investment_[g];
    }
    excess -= cut; // what is left over stays in the plan: it is taut, not balanced
  }
}

void Economy::send_targets_down(int tick) {
  auto& channel = hierarchy_.directive_channel(ministry_level);
  channel.open_outboxes(1);
  for (std::size_t m = 0; m < hierarchy_.nodes(ministry_level).size(); ++m) {
    const auto good = hierarchy_.nodes(ministry_level)[m].good;
    auto random = stream(params_.seed, bureau_kind, streams::at_level(directing, planner_level),
                         static_cast<std::uint32_t>(m), tick);
    channel.send(0, 0, static_cast<engine::AgentId>(m), tick,
                 Directive{static_cast<std::uint32_t>(m), planned_output_[good]}, random);
  }
  channel.post();
}

// --- enterprises ----------------------------------------------------------------------------

void Economy::produce_and_report(int tick) {
  const Chunking chunking(enterprises_.size(), 256);
  const bool market = params_.planner.method == PlanningMethod::market;
  const bool report = reports_due(tick);
  auto& channel = hierarchy_.report_channel(glavk_level);
  channel.open_outboxes(chunking.count());
  const auto& ep = params_.enterprises;
  const auto& glavk_of = hierarchy_.nodes(enterprise_level);
  std::vector<int> replaced(chunking.count(), 0);
  engine::parallel_for_chunks(chunking, [&](const Chunk& chunk) {
    for (std::size_t e = chunk.begin; e < chunk.end; ++e) {
      Enterprise& firm = enterprises_[e];
      const auto id = static_cast<std::uint32_t>(e);
      auto random = stream(params_.seed, enterprise_kind, deciding, id, tick);
      const auto inputs = goods_.inputs(firm.good);
      firm.capacity = capacity_of(firm, ep);
      bool hiding = false;
      if (market) {
        double input_cost = 0.0;
        for (const auto& use : inputs) {
          input_cost += use.coefficient * price_[use.input];
        }
        firm.chosen_output =
            choose_market_output(firm, price_[firm.good], input_cost, labour_cost_share, ep);
        random.uniform(); // keep the stream's use the same under both methods
      } else {
        hiding = hides_capacity(firm, ep);
        firm.chosen_output = choose_planned_output(firm, ep, random);
      }
      produce(firm, inputs, ep.input_substitution);
      write_report(firm, ep, hiding);
      if (ep.bonus_scheme == BonusScheme::weitzman) {
        firm.proposal = firm.reported_capacity;
      }
      request_inputs(firm, inputs, market ? firm.chosen_output : firm.target, ep);
      // Audits: a caught falsifier is replaced by a new manager.
      auto audit = stream(params_.seed, enterprise_kind, auditing, id, tick);
      firm.caught = audit.bernoulli(ep.audit_probability) && firm.falsified;
      if (firm.caught) {
        firm.manager = draw_manager(ep, audit);
        firm.reported_output = firm.output;
        ++replaced[chunk.index];
      }
      if (report) {
        auto send_random = stream(params_.seed, enterprise_kind, reporting, id, tick);
        channel.send(chunk.index, id, hierarchy_.nodes(glavk_level)[glavk_of[e].parent].bureau,
                     tick,
                     Report{id, firm.reported_output, firm.reported_capacity, firm.target,
                            static_cast<double>(tick)},
                     send_random);
      }
    }
  });
  channel.post();
  managers_replaced_ = std::accumulate(replaced.begin(), replaced.end(), 0);
}

// --- reports up -----------------------------------------------------------------------------

// Each level processes the reports that reach it (as far as its staff can), then each node
// sends the sum over its children upward, with the noise and career bias its bureau adds.
void Economy::pass_reports_up(int tick) {
  const auto& bp = params_.bureaucracy;
  const bool report = reports_due(tick);
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& inbox = hierarchy_.report_channel(level);
    inbox.deliver(tick);
    auto& known = hierarchy_.known(level - 1);
    auto& bureaus = hierarchy_.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      const auto delivered = inbox.inbox(static_cast<engine::AgentId>(b));
      bureaus[b].handled = static_cast<double>(delivered.size());
      for (const auto& message : delivered) {
        known[message.payload.node] = message.payload;
      }
    }
    if (level == planner_level || !report) {
      continue;
    }
    auto& up = hierarchy_.report_channel(level + 1);
    up.open_outboxes(1);
    const auto& nodes = hierarchy_.nodes(level);
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      Report sum{static_cast<std::uint32_t>(n), 0.0, 0.0, 0.0, 0.0};
      const auto children = hierarchy_.children(level, n);
      for (auto child : children) {
        sum.output += known[child].output;
        sum.capacity += known[child].capacity;
        sum.target += known[child].target;
        sum.origin_tick += known[child].origin_tick / double(children.size());
      }
      const Bureau& bureau = bureaus[nodes[n].bureau];
      auto random = stream(params_.seed, bureau_kind, streams::at_level(reporting, level),
                           static_cast<std::uint32_t>(n), tick);
      const double slack = 1.0 - bureau.competence;
      const double noise = random.lognormal_factor(bp.competence_noise * slack);
      const double career = sum.output < sum.target ? 1.0 + bp.career_inflation * slack : 1.0;
      sum.output *= noise * career;
      sum.capacity *= noise * career;
      up.send(0, static_cast<engine::AgentId>(n),
              hierarchy_.nodes(level + 1)[nodes[n].parent].bureau, tick, sum, random);
    }
    up.post();
  }
  adjust_staff();
}

// Bureaus hire when reports pile up beyond what their staff can handle, and shed staff slowly
// when they are idle (Parkinson's law works only one way quickly).
void Economy::adjust_staff() {
  const auto& bp = params_.bureaucracy;
  for (std::size_t level = glavk_level; level < level_count; ++level) {
    auto& inbox = hierarchy_.report_channel(level);
    auto& bureaus = hierarchy_.bureaus(level);
    for (std::size_t b = 0; b < bureaus.size(); ++b) {
      auto& bureau = bureaus[b];
      const double capacity = bureau.staff * bp.messages_per_bureaucrat;
      const double backlog = static_cast<double>(inbox.backlog(static_cast<engine::AgentId>(b)));
      if (backlog > bp.hire_threshold * capacity) {
        bureau.staff += bp.hire_rate * backlog / bp.messages_per_bureaucrat;
      } else if (backlog == 0 && bureau.handled < 0.5 * capacity) {
        bureau.staff = std::max(1.0, bureau.staff * 0.99);
      }
    }
  }
  hierarchy_.update_capacities(bp.messages_per_bureaucrat);
}

// --- deliveries -----------------------------------------------------------------------------

// Each good's supply (this month's output plus its producers' output stocks) goes to its users in
// priority classes: the military, then every enterprise's need for next month, then the
// enterprises' buffer stocks, then investment, then consumers, then (investment goods only)
// construction's hunger for what is left; within a class, everyone gets
// the same share of what they asked for. Sector priorities act through the plan (balancing
// cuts low-priority users first), not at delivery. Under the market there is one class and
// prices move with excess demand.
void Economy::allocate_goods(int tick) {
  const std::size_t n = goods_.count();
  const bool market = params_.planner.method == PlanningMethod::market;
  // Group the input requests by the good requested, keeping enterprise order.
  request_offsets_.assign(n + 1, 0);
  for (const auto& firm : enterprises_) {
    for (const auto& use : goods_.inputs(firm.good)) {
      ++request_offsets_[use.input + 1];
    }
  }
  std::partial_sum(request_offsets_.begin(), request_offsets_.end(), request_offsets_.begin());
  requests_.resize(request_offsets_.back());
  {
    auto cursor = request_offsets_;
    for (std::size_t e = 0; e < enterprises_.size(); ++e) {
      const auto inputs = goods_.inputs(enterprises_[e].good);
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        requests_[cursor[inputs[i].input]++] = {static_cast<std::uint32_t>(e),
                                                static_cast<std::uint32_t>(i)};
      }
    }
  }
  const double stop_go_factor = stop_go_months_left_ > 0 ? params_.planner.stop_go_cut : 1.0;
  double total_output = 0.0;
  for (const auto& firm : enterprises_) {
    total_output += firm.output;
  }
  const auto [h_first, h_last] = goods_.range(Sector::heavy);
  double heavy_output = 0.0;
  for (std::size_t e = enterprise_offsets_[h_first]; e < enterprise_offsets_[h_last]; ++e) {
    heavy_output += enterprises_[e].output;
  }

  engine::parallel_for_chunks(Chunking(n, 4), [&](const Chunk& chunk) {
    for (std::size_t g = chunk.begin; g < chunk.end; ++g) {
      double supply = 0.0;
      for (std::size_t e = enterprise_offsets_[g]; e < enterprise_offsets_[g + 1]; ++e) {
        supply += enterprises_[e].output + enterprises_[e].output_stock;
      }
      supply_[g] = supply;
      const Sector sector = goods_.sector(g);
      // The state's orders of final goods.
      const double military = sector == Sector::military ? supply : 0.0;
      double investment = 0.0;
      if (sector == Sector::heavy) {
        investment = market ? (heavy_output > 0 ? params_.planner.accumulation_share *
                                                      total_output * supply / heavy_output
                                                : 0.0)
                            : planned_investment_[g];
        investment *= stop_go_factor;
      }
      // State trade takes all consumer goods into its shops; demand is what households wanted
      // last month.
      const bool consumer_good = sector == Sector::consumer;
      const double consumers = consumer_good ? supply : 0.0;
      const auto requests = std::span(requests_).subspan(
          request_offsets_[g], request_offsets_[g + 1] - request_offsets_[g]);
      double requested = 0.0;
      for (const auto& [e, i] : requests) {
        requested += enterprises_[e].requested[i];
      }
      demand_[g] = requested + military + investment + (consumer_good ? consumer_wanted_[g] : 0.0);
      double remaining = supply;
      const auto give_share = [&](double wanted) {
        const double ratio = wanted > 0 ? std::min(1.0, remaining / wanted) : 1.0;
        remaining -= wanted * ratio;
        return ratio;
      };
      if (market) {
        const double ratio = give_share(requested + military + investment + consumers);
        for (const auto& [e, i] : requests) {
          enterprises_[e].received[i] = enterprises_[e].requested[i] * ratio;
        }
        military_delivered_[g] = military * ratio;
        investment_delivered_[g] = investment * ratio;
        consumer_delivered_[g] = consumers * ratio;
      } else {
        military_delivered_[g] = military * give_share(military);
        // First every user's need for next month, shared in proportion (the plan, not the
        // queue, favours priority sectors); then the buffers, in proportion too.
        double needs = 0.0;
        for (const auto& [e, i] : requests) {
          needs += enterprises_[e].needed[i];
        }
        const double need_ratio = give_share(needs);
        for (const auto& [e, i] : requests) {
          enterprises_[e].received[i] = enterprises_[e].needed[i] * need_ratio;
        }
        double buffers = 0.0;
        for (const auto& [e, i] : requests) {
          buffers += enterprises_[e].requested[i] - enterprises_[e].needed[i];
        }
        const double buffer_ratio = give_share(buffers);
        for (const auto& [e, i] : requests) {
          auto& firm = enterprises_[e];
          firm.received[i] += (firm.requested[i] - firm.needed[i]) * buffer_ratio;
        }
        investment_delivered_[g] = investment * give_share(investment);
        consumer_delivered_[g] = consumers * give_share(consumers);
        if (sector == Sector::heavy) {
          // Investment hunger (Kornai): under soft budgets ministries always have projects
          // waiting, so construction also takes investment goods nobody else took; a stop
          // phase halts these starts too.
          const double hungry = remaining * params_.planner.investment_hunger * stop_go_factor;
          investment_delivered_[g] += hungry;
          demand_[g] += hungry;
          remaining -= hungry;
        }
      }
      // Every producer of the good ships the same share of what it has; the rest stays in its
      // output stock.
      const double shipped_share = supply > 0 ? 1.0 - remaining / supply : 0.0;
      for (std::size_t e = enterprise_offsets_[g]; e < enterprise_offsets_[g + 1]; ++e) {
        ship(enterprises_[e], shipped_share);
      }
      if (market) {
        const double excess = (demand_[g] - supply) / std::max(supply, 1e-9);
        price_[g] = std::clamp(
            price_[g] * (1.0 + params_.planner.price_adjustment * std::clamp(excess, -1.0, 1.0)),
            0.1, 10.0);
      }
    }
  });

  // Deliveries become stocks; the share not delivered is the shortage the manager remembers.
  engine::parallel_for_chunks(Chunking(enterprises_.size(), 256), [&](const Chunk& chunk) {
    for (std::size_t e = chunk.begin; e < chunk.end; ++e) {
      auto& firm = enterprises_[e];
      double wanted = 0.0, got = 0.0;
      for (std::size_t i = 0; i < goods_.inputs(firm.good).size(); ++i) {
        firm.stock[i] += firm.received[i];
        wanted += firm.requested[i];
        got += firm.received[i];
      }
      const double shortage = wanted > 0 ? 1.0 - got / wanted : 0.0;
      firm.experienced_shortage =
          shortage_memory * firm.experienced_shortage + (1.0 - shortage_memory) * shortage;
    }
  });
  deliver_to_shops(tick);
}

// --- investment -----------------------------------------------------------------------------

// (demand - supply) / supply of a good at last month's delivery (0 when nothing was supplied).
double Economy::excess_demand(std::size_t good) const {
  const double supply = supply_[good];
  return supply > 0 ? (demand_[good] - supply) / supply : 0.0;
}

// The planner's split of new capital over sectors: planner.investment_split, the military's
// share raised by military pressure, and each sector's share lowered where its goods pile up
// unsold (capacity the plan cannot use is not expanded): multiplied by usable / capital, its
// capital weighted by max(0, 1 + b * excess demand) for goods in excess supply over all its
// capital (b = planner.investment_from_surplus). If every sector piles up, the split stands.
std::array<double, sector_count>
Economy::placed_split(const std::array<double, sector_count>& capital,
                      const std::array<double, sector_count>& usable) const {
  const auto& pp = params_.planner;
  std::array<double, sector_count> split = pp.investment_split;
  split[static_cast<std::size_t>(Sector::military)] *= 1.0 + 4.0 * pp.military_pressure;
  auto placed = split;
  for (std::size_t s = 0; s < sector_count; ++s) {
    placed[s] *= capital[s] > 0 ? usable[s] / capital[s] : 1.0;
  }
  return std::accumulate(placed.begin(), placed.end(), 0.0) > 0 ? placed : split;
}

// Investment goods delivered this month start construction; what was started
// construction_lag months ago is finished and added to the capital of each sector by the
// investment split (military pressure shifts it towards the military), within a sector in
// proportion to capital weighted towards goods in short supply. Capital depreciates. The stop-go
// rule cuts investment for a year when tension (unmet input requests plus unfinished construction)
// passes its threshold.
void Economy::invest(int tick) {
  const auto& pp = params_.planner;
  const std::size_t lag = construction_.size();
  const double started =
      std::accumulate(investment_delivered_.begin(), investment_delivered_.end(), 0.0);
  const double finished = construction_[static_cast<std::size_t>(tick) % lag];
  construction_[static_cast<std::size_t>(tick) % lag] = started;

  // Within a sector, new capacity goes where goods are short: capital weighted up by the excess
  // demand the supply system saw for each enterprise's good.
  const auto weight_of = [&](const Enterprise& firm) {
    const double shortage = std::clamp(excess_demand(firm.good), 0.0, 1.0);
    return firm.capital * (1.0 + pp.investment_to_bottlenecks * shortage);
  };
  // One pass for each sector's capital, the part of it not piling up (for the split) and its
  // weight (within the sector).
  std::array<double, sector_count> sector_capital{}, sector_usable{}, sector_weight{};
  for (const auto& firm : enterprises_) {
    const auto s = static_cast<std::size_t>(goods_.sector(firm.good));
    const double surplus = std::clamp(excess_demand(firm.good), -1.0, 0.0);
    sector_capital[s] += firm.capital;
    sector_usable[s] += firm.capital * std::max(0.0, 1.0 + pp.investment_from_surplus * surplus);
    sector_weight[s] += weight_of(firm);
  }
  const std::array<double, sector_count> split = placed_split(sector_capital, sector_usable);
  const double split_total = std::accumulate(split.begin(), split.end(), 0.0);
  const double keep = 1.0 - params_.enterprises.depreciation;
  for (auto& firm : enterprises_) {
    const auto s = static_cast<std::size_t>(goods_.sector(firm.good));
    const double added = sector_weight[s] > 0 ? finished * split[s] / split_total *
                                                    weight_of(firm) / sector_weight[s]
                                              : 0.0;
    firm.capital = firm.capital * keep + added;
  }

  double requested = 0.0, received = 0.0, capital = 0.0;
  for (const auto& firm : enterprises_) {
    for (std::size_t i = 0; i < goods_.inputs(firm.good).size(); ++i) {
      requested += firm.requested[i];
      received += firm.received[i];
    }
    capital += firm.capital;
  }
  const double unfinished = std::accumulate(construction_.begin(), construction_.end(), 0.0);
  tension_ = (requested > 0 ? 1.0 - received / requested : 0.0) +
             (capital > 0 ? unfinished / capital : 0.0);
  if (stop_go_months_left_ > 0) {
    --stop_go_months_left_;
  } else if (pp.stop_go && tension_ > pp.stop_go_threshold) {
    stop_go_months_left_ = 12;
    events_.push_back(
        Event{tick, "stop_go", "investment cut for a year: tension " + std::to_string(tension_)});
  }
}

} // namespace plansim::model
