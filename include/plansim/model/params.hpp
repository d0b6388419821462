#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/channel.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace plansim::model {

/// The four sectors goods belong to, in the planner's priority order (highest first).
enum class Sector : std::uint8_t { military = 0, heavy = 1, materials = 2, consumer = 3 };
inline constexpr std::size_t sector_count = 4;
inline constexpr std::array<const char*, sector_count> sector_names = {"military", "heavy",
                                                                       "materials", "consumer"};

/// How the planner coordinates production.
enum class PlanningMethod : std::uint8_t { material_balances, market, kantorovich, political };

/// How managers are paid for plan fulfilment.
enum class BonusScheme : std::uint8_t {
  plain,    ///< bonus for meeting and overfulfilling the plan; targets ratchet on reports
  weitzman, ///< Weitzman (1976): managers propose their own target; alpha < beta < gamma
};

/// One nonzero of the input-output matrix, as read from a file.
struct MatrixEntry {
  std::uint32_t good;  ///< the good made
  std::uint32_t input; ///< the good used
  double coefficient;  ///< units of input per unit of output
};

struct GoodsParams {
  int count = 60;
  int inputs_per_good = 3;             ///< k: nonzero input coefficients per good
  double input_coefficient_min = 0.05; ///< a_ij drawn uniformly in [min, max]
  double input_coefficient_max = 0.20;
  std::array<double, sector_count> sector_shares = {0.10, 0.25, 0.35, 0.30};
  std::vector<MatrixEntry> matrix; ///< given input-output matrix; empty: drawn from the seed
};

struct EnterpriseParams {
  int count = 600;
  int workers = 20'000;             ///< workers in state industry, spread over enterprises
  double capital_elasticity = 0.35; ///< alpha in Q = theta K^alpha L^(1-alpha)
  /// sigma: elasticity of substitution between capital and labour (1: Cobb-Douglas).
  double substitution_elasticity = 1.0;
  double productivity_sigma = 0.3;  ///< lognormal sigma of theta across enterprises
  double material_use_sigma = 0.0;  ///< lognormal sigma of inputs per unit across enterprises
  double depreciation = 0.004;      ///< monthly share of capital lost
  double input_substitution = 0.5;  ///< output falls by (input shortfall ratio)^this
  double output_stock_months = 1.0; ///< market: finished stock kept, months of recent sales
  double ratchet = 0.5;             ///< lambda: next target = q + lambda (reported - q)
  BonusScheme bonus_scheme = BonusScheme::plain;
  double weitzman_alpha = 0.3;      ///< bonus per unit produced above the proposal
  double weitzman_beta = 0.6;       ///< bonus per unit of proposed target
  double weitzman_gamma = 0.9;      ///< penalty per unit short of the proposal
  double horizon_mean = 2.0;        ///< years a manager expects to stay (exponential)
  double precautionary_stock = 0.5; ///< months of inputs a manager keeps when stocks are free
  double hoarding = 1.0;     ///< kappa: extra months of inputs per unit of experienced shortage
  double holding_cost = 2.0; ///< cost of stocks the manager bears when budgets are hard
  double bailout_probability = 0.9; ///< p_b: chance losses are covered (soft budget)
  double audit_probability = 0.05;  ///< p_a: monthly chance an enterprise is audited
  double audit_penalty = 3.0;       ///< weight a manager puts on being caught and replaced
  double falsification_max = 0.2;   ///< largest inflation of reported output
  double honesty_mean = 0.7; ///< mean honesty: each manager U(mean - 0.5, mean + 0.5), in [0, 1]
};

struct BureaucracyParams {
  int enterprises_per_glavk = 25;      ///< span of control at the bottom
  double messages_per_bureaucrat = 40; ///< c: messages one official handles per month
  double initial_staff = 1;            ///< officials per bureau at the start
  double hire_threshold = 1.0;         ///< hire when backlog exceeds this many months of capacity
  double hire_rate = 0.1;              ///< share of the missing staff hired per month
  double competence_weight = 0.5;      ///< promotion: 1 = competence only, 0 = loyalty only
  double career_inflation = 0.05;      ///< bias a bureau adds when subordinates fall short
  double competence_noise = 0.1;       ///< extra report noise added by an incompetent bureau
  /// Share of a directive's noise and delay that an entirely loyal bureau removes: loyal
  /// officials pass orders on faster and more faithfully (an assumption; 0 = no effect).
  double loyalty_obedience = 0.0;
  /// Lognormal sigma on the shares in which an entirely incompetent bureau splits a target
  /// among its units: competent officials plan better (an assumption; 0 = no effect).
  double competence_planning = 0.0;
  /// The centre answers the cheating its audits uncover with more indicators: each January the
  /// figures every report carries grow by this times the managers caught falsifying over the
  /// past year per enterprise (an assumption; 0 = the reporting forms never change).
  double control_response = 0.0;
};

struct PlannerParams {
  PlanningMethod method = PlanningMethod::material_balances;
  double tautness = 1.05;     ///< targets this far above reported capacity
  int balance_iterations = 3; ///< rounds of material balancing
  int balanced_goods = 277;   ///< P: goods balanced one by one; the rest as aggregates
  double cut_floor = 0.7;     ///< balancing never cuts a target below this share of its start
  /// Procurement priority at delivery: this share of the military plants' input needs is met
  /// before anyone else's (material balances; 0: everyone gets the same share).
  double procurement_priority = 0.0;
  double accumulation_share = 0.25; ///< s: share of output value invested
  /// The share invested before the run: part of the first state's final demand, so that runs
  /// differing only in accumulation_share start from the same economy.
  double initial_accumulation_share = 0.25;
  std::array<double, sector_count> investment_split = {0.05, 0.45, 0.30, 0.20};
  double military_pressure = 0.0;     ///< 0..1: raises the military share of investment and output
  double military_demand = 0.1;       ///< share of military goods' output the state buys
  double consumer_demand = 1.0;       ///< consumer goods bought per worker per month at the start
  double wage_drift = 0.0;            ///< state wage fund above planned consumer supply (share)
  double price_adjustment = 0.05;     ///< market: price change per unit of excess demand
  bool shadow_price_rationing = true; ///< kantorovich: ration scarce inputs by shadow value
  bool stop_go = false;               ///< cut investment when tension passes the threshold
  double stop_go_threshold = 0.3;
  double stop_go_cut = 0.5;               ///< investment multiplied by this for a year
  int construction_lag = 12;              ///< months from investment to new capital
  double investment_to_bottlenecks = 5.0; ///< extra weight of short goods in new capital
  double investment_hunger = 0.0;         ///< share of unsold investment goods construction takes
  double investment_overshoot = 0.2;      ///< hunger's starts at most this share of the plan
  double investment_from_surplus = 0.0;   ///< how far sectors whose goods pile up lose new capital
  double investment_to_short_sectors = 0.0; ///< how far sectors whose goods are short gain it
  double capital_goods_priority = 0.0; ///< heavy share x (programme / what balancing fitted)^this
  /// The leadership heeds discontent: each January the consumer sector's share of new capital
  /// is multiplied by 1 + this x the households' mean discontent (0: it ignores discontent).
  double discontent_response = 0.0;
  /// A plant takes new capital up to this x its design intensity per unit of labour; the rest
  /// founds new plants (0: plants absorb everything, none is founded).
  double plant_saturation = 0.0;
};

/// Workers and their households (docs/ODD.md 7.6).
struct HouseholdParams {
  double skilled_share = 0.2;      ///< share of workers who are skilled
  double skill_weight = 2.0;       ///< a skilled worker counts as this many unskilled at work
  double skill_premium = 1.5;      ///< state wage of a skilled worker / an unskilled one
  double saving_rate = 0.05;       ///< share of income saved by choice
  double overhang_spending = 0.1;  ///< share of forced savings households try to spend a month
  double substitution = 0.5;       ///< share of unmet spending tried on other goods
  double mobility = 0.05;          ///< mu: monthly chance a worker looks for better pay
  double move_threshold = 0.1;     ///< pay elsewhere must be this much better to move
  double expectation_memory = 0.9; ///< weight of the past in expected consumption
  double work_norm = 1.0;          ///< output asked per worker; rises add to discontent
  double taste_sigma = 0.2;        ///< spread of regional tastes across consumer goods
  double workforce_growth = 0.0;   ///< yearly growth of the workforce (new workers each January)
};

/// How state workers are paid (docs/ODD.md 7.6, "Work and pay").
enum class PayScheme : std::uint8_t {
  time,    ///< a wage for the hours, by skill; foremen hold effort at the customary level
  piece,   ///< pay in proportion to output against a norm; norms ratchet up when exceeded
  commune, ///< production communes: a team shares its piece earnings equally, sets its own norm
};

/// Effort, pay schemes, norms, quits and stoppages (docs/ODD.md 7.6). The defaults leave
/// effort at the customary level and discontent without effect on work.
struct WorkParams {
  PayScheme pay_scheme = PayScheme::time; ///< the scheme of every enterprise not a commune
  double commune_share = 0.0;             ///< share of state enterprises run as communes
  double piece_effort = 1.2;       ///< effort chosen by the piece at the first norm (1: customary)
  double income_effect = 2.0;      ///< eta: curvature of the utility of pay (1: log)
  double norm_ratchet = 0.0;       ///< share of norm overfulfilment added to the norm each January
  int commune_size = 10;           ///< workers who share their earnings in a commune
  double monitoring = 0.5;         ///< 0..1: how far members' watching offsets free riding
  double discontent_effort = 0.0;  ///< effort withdrawn per unit of discontent
  double discontent_quits = 0.0;   ///< monthly chance of quitting per unit of discontent
  double stoppage_threshold = 1.0; ///< mean discontent above which an enterprise may stop work
  double stoppage_probability = 0.0; ///< monthly chance it does, once above the threshold
  double committee_share = 0.0;      ///< share of state enterprises run with a workers' committee
  bool committee_honest = true;      ///< committees neither hide capacity nor inflate reports
  double committee_noise = 0.5;      ///< noise of a committee's reports / the channel's noise
  double committee_levelling = 0.0;  ///< share of its workers' pay a committee shares equally
};

/// Inventions and their adoption (docs/ODD.md 7.8, "Technology").
struct TechnologyParams {
  double invention_rate = 0.0;          ///< new techniques per sector per year (0: none)
  double invention_gain = 0.1;          ///< productivity of each technique over the one before
  int retooling_months = 6;             ///< months an enterprise retools for a new technique
  double retooling_loss = 0.5;          ///< share of capacity lost while it retools
  double retooling_capital = 0.0;       ///< share of its capital a unit scraps to retool
  double ratchet_exemption_years = 0.0; ///< years a retooled enterprise's target is not ratcheted
  double artel_horizon_years = 5.0;     ///< how far ahead an artel's members weigh a retooling
  /// Under a plan, ministries order every plant this many inventions behind to retool (0: none).
  int order_gap = 0;
};

/// Which of state industry's pools artels draw on: shared (the default), or a pool of their own
/// for materials, for labour, or both (the knock-out of C05's competition).
enum class SeparatePools { none, materials, labour, both };

/// Artels: worker-owned producers' cooperatives making consumer goods (docs/ODD.md 7.7).
struct ArtelParams {
  int count = 100;                     ///< artels at the start
  double employment_share = 0.1;       ///< share of workers in artels at the start
  double relative_productivity = 1.0;  ///< output per worker / state consumer industry's, at start
  double capital_ratio = 0.3;          ///< capital per worker / state consumer industry's
  double price_band = 0.3;             ///< prices stay within state price x (1 +- band)
  double price_adjustment = 0.1;       ///< price change per unit of seen excess demand a month
  int information_delay = 0;           ///< extra months before an artel sees local queues
  double information_noise = 0.05;     ///< lognormal sigma of what an artel sees
  double switch_threshold = 0.1;       ///< shortage gap that makes an artel change product
  double switch_probability = 0.2;     ///< monthly chance an artel acts on that gap
  double waste_share = 0.05;           ///< w: share of state material use left as waste
  double waste_price = 0.3;            ///< price of waste materials, state price = 1
  double cooperative_allocation = 0.5; ///< share of unsold state materials offered to artels
  double supply_hostility = 0.0;       ///< h: share of that allocation bureaus withhold
  /// Ministries press for a squeeze of this many times the competition they felt (0: none).
  double lobbying = 0.0;
  double lobbying_speed = 0.5; ///< share of the way to that squeeze hostility moves each January
  SeparatePools separate_pools = SeparatePools::none;
  double reinvestment = 0.1;        ///< share of net income put into capital
  double min_pay = 0.5;             ///< pay per member below this x state wage is a loss
  int loss_months = 6;              ///< T: an artel with losses this long closes
  double formation_rate = 0.05;     ///< monthly chance per region that an artel forms
  double formation_threshold = 0.1; ///< regional shortage above which artels form
  int founders = 5;                 ///< skilled workers who start an artel
};

/// Everything the economy needs; the io layer fills it from the scenario.
struct EconomyParams {
  std::uint64_t seed = 1;
  engine::YearMonth start{1928, 1};
  engine::YearMonth end{1991, 12};
  int regions = 6;
  GoodsParams goods;
  EnterpriseParams enterprises;
  BureaucracyParams bureaucracy;
  PlannerParams planner;
  HouseholdParams households;
  WorkParams work;
  TechnologyParams technology;
  ArtelParams artels;
  engine::ChannelParams report_channel{3, 1, 0.1, 0.0};
  engine::ChannelParams directive_channel{1, 1, 0.1, 0.0};
  /// Snapshot these enterprise fields (Economy::panel_fields), household fields
  /// (Economy::household_panel_fields) and artel fields (Economy::artel_panel_fields) every
  /// panel_every ticks (0: never); a kind with no fields is not snapshotted.
  int panel_every = 0;
  std::vector<std::string> panel;
  std::vector<std::string> panel_households;
  std::vector<std::string> panel_artels;
};

} // namespace plansim::model
