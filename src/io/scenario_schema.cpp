#include "plansim/io/config_schema.hpp"

namespace plansim::io {

namespace {

// Shorthands that keep the table below readable.
ParamSpec integer(std::string path, std::string value, std::optional<double> min,
                  std::optional<double> max, std::string units, std::string description,
                  std::string source = "") {
  return ParamSpec{std::move(path),  ParamType::integer,     std::move(value), min, max, {},
                   std::move(units), std::move(description), std::move(source)};
}

ParamSpec real(std::string path, std::string value, std::optional<double> min,
               std::optional<double> max, std::string units, std::string description,
               std::string source = "") {
  return ParamSpec{std::move(path),  ParamType::real,        std::move(value), min, max, {},
                   std::move(units), std::move(description), std::move(source)};
}

ParamSpec choice(std::string path, std::string value, std::vector<std::string> choices,
                 std::string description, std::string source = "") {
  return ParamSpec{std::move(path),
                   ParamType::choice,
                   std::move(value),
                   std::nullopt,
                   std::nullopt,
                   std::move(choices),
                   "",
                   std::move(description),
                   std::move(source)};
}

ParamSpec typed(std::string path, ParamType type, std::string value, std::string description) {
  return ParamSpec{
      std::move(path),        type, std::move(value), std::nullopt, std::nullopt, {}, "",
      std::move(description), ""};
}

void add_channel(Schema& schema, const std::string& name, const std::string& what,
                 const std::string& latency) {
  const std::string prefix = "channels." + name + ".";
  schema.add(integer(prefix + "latency", latency, 0, 120, "months",
                     "minimum time a " + what + " takes to arrive", "assumption"));
  schema.add(integer(prefix + "jitter", "1", 0, 24, "months",
                     "extra delay, drawn uniformly from 0 to this, per message", "assumption"));
  schema.add(real(prefix + "noise", "0.1", 0.0, 3.0, "lognormal sigma",
                  "multiplicative noise on the numbers in a " + what + " (mean 1)", "assumption"));
  schema.add(real(prefix + "bias", "0", -0.9, 10.0, "share",
                  "systematic inflation of the numbers in a " + what + " (0.05 = +5 %)",
                  "assumption"));
}

ParamSpec flag(std::string path, std::string value, std::string description,
               std::string source = "") {
  return ParamSpec{std::move(path),
                   ParamType::boolean,
                   std::move(value),
                   std::nullopt,
                   std::nullopt,
                   {},
                   "",
                   std::move(description),
                   std::move(source)};
}

constexpr const char* assumption = "assumption";

void add_goods(Schema& s) {
  s.add(typed("goods.matrix_file", ParamType::text, "",
              "CSV input-output matrix (good,input,coefficient; goods from 0 in sector order), "
              "relative to the scenario file; empty: drawn from the seed"));
  s.add(integer("goods.inputs_per_good", "3", 1, 4, "goods",
                "inputs each good needs (nonzero entries per column of the input-output matrix)",
                assumption));
  s.add(real("goods.input_coefficient_min", "0.05", 0.0, 0.3, "units per unit",
             "smallest input coefficient a_ij (drawn uniformly)", assumption));
  s.add(real("goods.input_coefficient_max", "0.2", 0.0, 0.3, "units per unit",
             "largest input coefficient a_ij", assumption));
  for (const auto& [sector, share] :
       {std::pair{"military", "0.1"}, std::pair{"heavy", "0.25"}, std::pair{"materials", "0.35"},
        std::pair{"consumer", "0.3"}}) {
    s.add(real(std::string("goods.sector_share.") + sector, share, 0.0, 1.0, "share",
               std::string("share of goods in the ") + sector + " sector", assumption));
  }
}

void add_enterprises(Schema& s) {
  s.add(real("enterprises.capital_elasticity", "0.35", 0.05, 0.95, "",
             "alpha in capacity = theta K^alpha L^(1 - alpha)", assumption));
  s.add(real("enterprises.substitution_elasticity", "1", 0.05, 5.0, "",
             "sigma, the elasticity of substitution between capital and labour in a CES "
             "capacity normalised at each enterprise's design intensity (1: Cobb-Douglas)",
             "Weitzman (1970), 'Soviet postwar economic growth and capital-labor "
             "substitution', American Economic Review 60(4), estimated about 0.4 for Soviet "
             "industry 1950-69; Easterly and Fischer (1995), 'The Soviet economic decline', "
             "World Bank Economic Review 9(3), explain the slowdown with it; a literature "
             "prior, never fitted"));
  s.add(real("enterprises.productivity_sigma", "0.3", 0.0, 2.0, "lognormal sigma",
             "spread of productivity theta across enterprises", assumption));
  s.add(real("enterprises.material_use_sigma", "0", 0.0, 2.0, "",
             "lognormal sigma of each enterprise's inputs per unit of output around its good's "
             "input-output coefficients (0: every plant uses the norm)",
             "the dialogue of seed 001 (mills 3 % apart, bolt plants with 2 % and 6 % material "
             "loss); value an assumption"));
  s.add(real("enterprises.depreciation", "0.004", 0.0, 0.1, "share/month",
             "capital lost each month", assumption));
  s.add(real("enterprises.input_substitution", "0.5", 0.0, 1.0, "",
             "output falls by (input shortfall ratio)^this; 1 = strict Leontief", assumption));
  s.add(real("enterprises.output_stock_months", "1", 0.0, 24.0, "months of sales",
             "finished goods a firm keeps under the market; it makes no more than expected sales "
             "plus this, less its stock",
             assumption));
  s.add(real("enterprises.ratchet", "0.5", 0.0, 1.0, "lambda",
             "next target = target + lambda (reported output - target)",
             "mechanism: Weitzman (1980), The 'ratchet principle' and performance incentives; "
             "value an assumption"));
  s.add(choice("enterprises.bonus_scheme", "plain", {"plain", "weitzman"},
               "plain Soviet bonus, or Weitzman's (1976) new Soviet incentive model",
               "Weitzman (1976), The new Soviet incentive model, Bell Journal of Economics"));
  s.add(real("enterprises.weitzman.alpha", "0.3", 0.0, 10.0, "bonus per unit",
             "bonus per unit produced above the proposed target", assumption));
  s.add(real("enterprises.weitzman.beta", "0.6", 0.0, 10.0, "bonus per unit",
             "bonus per unit of proposed target (beta > alpha)", assumption));
  s.add(real("enterprises.weitzman.gamma", "0.9", 0.0, 10.0, "bonus per unit",
             "penalty per unit short of the proposal (gamma > beta)", assumption));
  s.add(real("enterprises.horizon_mean", "2", 0.1, 50.0, "years",
             "mean horizon over which managers weigh future targets (exponential)", assumption));
  s.add(real("enterprises.precautionary_stock", "0.5", 0.0, 12.0, "months",
             "input stock a manager keeps when stocks cost nothing", assumption));
  s.add(real("enterprises.hoarding", "1", 0.0, 20.0, "months per shortage",
             "kappa: extra months of inputs per unit of experienced shortage",
             "mechanism: Kornai (1980), Economics of Shortage; value an assumption"));
  s.add(real("enterprises.holding_cost", "2", 0.0, 100.0, "",
             "cost of stocks to a manager whose losses are not covered", assumption));
  s.add(real("enterprises.bailout_probability", "0.9", 0.0, 1.0, "probability",
             "p_b: chance losses are covered (soft budget constraint)",
             "mechanism: Kornai (1986), The soft budget constraint, Kyklos; value an assumption"));
  s.add(real("enterprises.audit_probability", "0.05", 0.0, 1.0, "probability/month",
             "p_a: chance an enterprise is audited in a month", assumption));
  s.add(real("enterprises.audit_penalty", "3", 0.0, 100.0, "",
             "weight a manager puts on being caught and replaced", assumption));
  s.add(real("enterprises.falsification_max", "0.2", 0.0, 1.0, "share",
             "largest inflation of reported output (pripiski)", assumption));
  s.add(real("enterprises.honesty_mean", "0.7", 0.0, 1.0, "", "mean honesty of managers",
             assumption));
}

void add_bureaucracy(Schema& s) {
  s.add(integer("bureaucracy.enterprises_per_glavk", "25", 1, 100000, "enterprises",
                "enterprises under one glavk", assumption));
  s.add(real("bureaucracy.messages_per_bureaucrat", "40", 0.1, 100000, "messages/month",
             "c: reports one official processes a month", assumption));
  s.add(real("bureaucracy.initial_staff", "1", 1, 100000, "officials",
             "officials per bureau at the start", assumption));
  s.add(real("bureaucracy.hire_threshold", "1", 0.0, 100.0, "months of capacity",
             "a bureau hires when its backlog exceeds this", assumption));
  s.add(real("bureaucracy.hire_rate", "0.1", 0.0, 1.0, "share/month",
             "share of the missing staff hired each month", assumption));
  s.add(real("bureaucracy.competence_weight", "0.5", 0.0, 1.0, "",
             "promotion by competence (1) or loyalty (0)", assumption));
  s.add(real("bureaucracy.career_inflation", "0.05", 0.0, 1.0, "share",
             "inflation a bureau adds to reports when its units fall short", assumption));
  s.add(real("bureaucracy.competence_noise", "0.1", 0.0, 3.0, "lognormal sigma",
             "noise an entirely incompetent bureau adds to the reports it passes on", assumption));
  s.add(real("bureaucracy.loyalty_obedience", "0", 0.0, 1.0, "share",
             "share of a directive's noise (and chance of its extra delay) that an entirely "
             "loyal bureau removes when passing it on",
             assumption));
  s.add(real("bureaucracy.competence_planning", "0", 0.0, 3.0, "lognormal sigma",
             "error an entirely incompetent bureau makes in the shares by which it splits a "
             "target among its units",
             assumption));
  s.add(real("bureaucracy.control_response", "0", 0.0, 100.0, "per catch per enterprise",
             "each January the figures every report carries grow by this times the managers "
             "caught falsifying over the past year per enterprise (the centre answers cheating "
             "with controls)",
             assumption));
}

void add_planner(Schema& s) {
  s.add(choice("planner.method", "material_balances",
               {"material_balances", "market", "kantorovich", "political"},
               "how production is coordinated: material balances; the market; Kantorovich's "
               "optimal plan (a linear programme over reported capacities, inputs rationed by "
               "shadow prices); or material balances with inputs shared by equal quotas "
               "(political allocation)"));
  s.add(real("planner.tautness", "1.05", 0.5, 2.0, "ratio",
             "targets this far above reported capacity", assumption));
  s.add(integer("planner.balance_iterations", "3", 0, 100, "rounds", "rounds of material balancing",
                assumption));
  s.add(integer("planner.balanced_goods", "277", 0, 1000000, "goods",
                "P: goods balanced one by one; the rest are planned in aggregate",
                "about 277 product groups balanced centrally in 1928 (Gregory & Stuart)"));
  s.add(real("planner.cut_floor", "0.7", 0.0, 1.0, "share",
             "balancing never cuts a target below this share of its first value", assumption));
  s.add(real("planner.procurement_priority", "0", 0.0, 1.0, "share",
             "material balances: this share of the military plants' input needs is delivered "
             "before anyone else's, the rest shared with every user alike (0: no priority)",
             "the war economy's priority for defence industry (Harrison 1985, Soviet Planning in "
             "Peace and War); value an assumption"));
  s.add(real("planner.accumulation_share", "0.25", 0.0, 0.9, "share",
             "s: share of planned output invested", assumption));
  s.add(real("planner.initial_accumulation_share", "0.25", 0.0, 0.9, "share",
             "share invested before the run starts: it shapes the first state (capital, output), "
             "so runs that differ only in planner.accumulation_share start alike",
             assumption));
  for (const auto& [sector, share] :
       {std::pair{"military", "0.05"}, std::pair{"heavy", "0.45"}, std::pair{"materials", "0.3"},
        std::pair{"consumer", "0.2"}}) {
    s.add(real(std::string("planner.investment_split.") + sector, share, 0.0, 1.0, "share",
               std::string("share of investment going to the ") + sector + " sector", assumption));
  }
  s.add(real("planner.military_pressure", "0", 0.0, 1.0, "",
             "external threat: shifts investment towards the military sector", assumption));
  s.add(real("planner.military_demand", "0.1", 0.0, 1.0, "share",
             "military goods' share of final demand in the first year", assumption));
  s.add(real("planner.consumer_demand", "1", 0.01, 1000.0, "units/worker/month",
             "consumer goods a worker buys a month at the start (sets the first wage)",
             assumption));
  s.add(real("planner.wage_drift", "0", -0.5, 1.0, "share",
             "state wage fund above the consumer goods planned (money chasing goods)", assumption));
  s.add(real("planner.price_adjustment", "0.05", 0.0, 1.0, "",
             "market method: price change per unit of excess demand a month", assumption));
  s.add(flag("planner.shadow_price_rationing", "true",
             "kantorovich: a scarce input goes first where it makes most at the shadow prices "
             "(false: in proportion to needs, the optimal plan's duals ignored)"));
  s.add(flag("planner.stop_go", "false", "cut investment when the tension index is too high"));
  s.add(real("planner.stop_go_threshold", "0.3", 0.0, 10.0, "index",
             "tension index at which investment is cut", assumption));
  s.add(real("planner.stop_go_cut", "0.5", 0.0, 1.0, "ratio",
             "investment is multiplied by this for a year", assumption));
  s.add(integer("planner.construction_lag", "12", 1, 120, "months",
                "from investment to new capital", assumption));
  s.add(real("planner.investment_to_bottlenecks", "5", 0.0, 100.0, "",
             "extra weight of goods in short supply when new capital is placed", assumption));
  s.add(real("planner.investment_hunger", "0", 0.0, 1.0, "share/month",
             "share of the investment goods left unsold each month that construction takes",
             "mechanism: Kornai (1980), Economics of Shortage (investment hunger); value an "
             "assumption"));
  s.add(real("planner.investment_overshoot", "0.2", 0.0, 10.0, "share",
             "construction's hunger starts at most this share of the planned investment beyond "
             "it: construction capacity is finite, so the plan's accumulation share governs "
             "what is invested",
             "mechanism: Kornai (1980), Economics of Shortage (investment tension: starts "
             "overshoot the plan); value an assumption"));
  s.add(real("planner.discontent_response", "0", 0.0, 100.0, "",
             "the leadership heeds discontent: each January the consumer sector's share of new "
             "capital is multiplied by 1 + this x the households' mean discontent (their "
             "consumption's shortfall below what they expect); 0: discontent is ignored",
             "mechanism: the post-1953 turn to consumption as a response to popular discontent "
             "(Hanson 2003, The Rise and Fall of the Soviet Economy); value an "
             "assumption"));
  s.add(real("planner.capital_goods_priority", "0", 0.0, 10.0, "",
             "when balancing cuts the accumulation programme to what heavy industry can supply, "
             "heavy industry's share of new capital is multiplied by (programme / fitted "
             "investment)^this (0: the split stands)",
             "mechanism: Feldman (1928), as in Domar (1957), Essays in the Theory of Economic "
             "Growth, ch. 9; value an assumption"));
  s.add(real("planner.plant_saturation", "0", 0.0, 100.0, "x design intensity",
             "a plant takes new capital only up to this many times its design capital per unit "
             "of labour; the rest goes to new plants the plan founds each January (0: plants "
             "absorb all new capital, none is founded)",
             "new plants rather than deepening: the extensive growth of seed 003; value an "
             "assumption"));
  s.add(real("planner.investment_from_surplus", "0", 0.0, 100.0, "",
             "b: a sector's share of new capital is multiplied by the capital-weighted mean of "
             "max(0, 1 + b * excess demand) over its goods in excess supply (0: the split stands)",
             assumption));
  s.add(real("planner.investment_to_short_sectors", "0", 0.0, 100.0, "",
             "k: the same mean counts 1 + k * excess demand for its goods in excess demand "
             "(excess demand counted up to 1), so sectors whose goods are short get more new "
             "capital (0: only surplus counts)",
             assumption));
}

void add_households(Schema& s) {
  s.add(real("households.skilled_share", "0.2", 0.0, 1.0, "share",
             "share of workers who are skilled", assumption));
  s.add(real("households.skill_weight", "2", 1.0, 10.0, "",
             "a skilled worker counts as this many unskilled ones in production", assumption));
  s.add(real("households.skill_premium", "1.5", 1.0, 10.0, "ratio",
             "state wage of a skilled worker / an unskilled one", assumption));
  s.add(real("households.saving_rate", "0.05", 0.0, 0.9, "share", "share of income saved by choice",
             assumption));
  s.add(real("households.overhang_spending", "0.1", 0.0, 1.0, "share/month",
             "share of forced savings households try to spend each month", assumption));
  s.add(real("households.substitution", "0.5", 0.0, 1.0, "share",
             "share of unmet spending tried on other goods (forced substitution)",
             "mechanism: Kornai (1980), Economics of Shortage; value an assumption"));
  s.add(real("households.mobility", "0.05", 0.0, 1.0, "probability/month",
             "mu: chance a worker looks for better-paid work in a month (internal passports, "
             "from December 1932, lower it)",
             assumption));
  s.add(real("households.move_threshold", "0.1", 0.0, 10.0, "share",
             "pay elsewhere must be this much higher for a worker to move", assumption));
  s.add(real("households.expectation_memory", "0.9", 0.0, 0.999, "",
             "weight of the past in the consumption households expect", assumption));
  s.add(real("households.work_norm", "1", 0.1, 10.0, "ratio",
             "output asked of a worker; raising it raises output and discontent", assumption));
  s.add(real("households.taste_sigma", "0.2", 0.0, 3.0, "lognormal sigma",
             "spread of regional tastes across consumer goods", assumption));
  s.add(real("households.workforce_growth", "0", 0.0, 0.3, "share/year",
             "new workers each January (migration from the countryside) / workers", assumption));
}

void add_work(Schema& s) {
  s.add(choice("work.pay_scheme", "time", {"time", "piece", "commune"},
               "how state workers are paid: time wages, piece rates against a norm, or "
               "production communes sharing their earnings equally",
               "piece rates and rising norms: Tengely-Evans, 'Stalinism's long shadow' (seed "
               "003); production communes: 'Stalin from the Left' (seed 002); the effort model "
               "is an assumption"));
  s.add(real("work.commune_share", "0", 0.0, 1.0, "share",
             "share of state enterprises run as production communes whatever work.pay_scheme "
             "says for the rest (a fixed draw per enterprise)",
             "production communes from 1929: 'Stalin from the Left' (seed 002); the share is a "
             "policy choice"));
  s.add(real("work.piece_effort", "1.2", 0.1, 5.0, "effort (1 = customary)",
             "effort a worker paid by the piece chooses at the first norm (the utility of pay "
             "against a quadratic cost of effort)",
             assumption));
  s.add(real("work.income_effect", "2", 0.1, 10.0, "eta",
             "curvature of the utility of pay (CRRA; 1 = log, where a norm rise cuts pay and "
             "leaves effort alone; above 1 workers work harder to make up the pay a norm rise "
             "cuts)",
             "assumption (values of 1-2 are common in the literature)"));
  s.add(real("work.norm_ratchet", "0", 0.0, 1.0, "share",
             "piece rates: each January a norm rises by this share of its overfulfilment "
             "(Stakhanovite norm rises)",
             "mechanism: Tengely-Evans, 'Stalinism's long shadow' (seed 003); value an "
             "assumption"));
  s.add(integer("work.commune_size", "10", 1, 10000, "workers",
                "members of a production commune sharing their earnings (capped by the "
                "enterprise's workforce)",
                assumption));
  s.add(real("work.monitoring", "0.5", 0.0, 1.0, "",
             "how far commune members' watching of each other offsets free riding (1: as "
             "under individual piece rates, 0: none)",
             assumption));
  s.add(real("work.discontent_effort", "0", 0.0, 1.0, "effort per unit of discontent",
             "effort discontented workers withdraw (go-slows, absence)", assumption));
  s.add(real("work.discontent_quits", "0", 0.0, 1.0, "probability/month per unit",
             "chance a discontented state worker quits his enterprise for another in a month",
             assumption));
  s.add(real("work.stoppage_threshold", "1", 0.0, 1.0, "index 0-1",
             "mean discontent of an enterprise's workers above which they may stop work",
             assumption));
  s.add(real("work.stoppage_probability", "0", 0.0, 1.0, "probability/month",
             "chance an enterprise past the threshold stops work for a month; the norm rise "
             "is taken back",
             "stoppages: Berlin 1953, Novocherkassk 1962 (seed 003 lists 1953, 1956, 1968, "
             "1980-81); value an assumption"));
  s.add(real("work.committee_share", "0", 0.0, 1.0, "share",
             "share of state enterprises run with a workers' committee, which reports to the "
             "planner and has a say over norms (no ratchet) and pay (work.committee_levelling)",
             "the workers' control debate of seeds 001 and 004 (factory committees); the "
             "share is a policy choice"));
  s.add(flag("work.committee_honest", "true",
             "a committee's reports hide no capacity and inflate no output",
             "the case for workers' control in seed 001 (honest reports from below)"));
  s.add(real("work.committee_noise", "0.5", 0.0, 1.0, "share of the channel's noise",
             "noise of a committee's reports relative to a manager's (they still pass through "
             "the same delayed channels and bureaus)",
             assumption));
  s.add(real("work.committee_levelling", "0", 0.0, 1.0, "share of pay",
             "a committee's say over pay: the share of its workers' pay it shares equally "
             "(the enterprise's mean pay), narrowing skill and piece-rate differentials and "
             "with them the pay a worker earns by his own effort",
             "factory committees of 1917-18 pressed for narrower wage differentials (S. A. "
             "Smith, Red Petrograd, 1983, cited in seed 004); levelling (uravnilovka) was what "
             "Stalin's speech of 23 June 1931 attacked; the share is an assumption"));
}

void add_technology(Schema& s) {
  s.add(real("technology.invention_rate", "0", 0.0, 12.0, "techniques/sector/year",
             "new techniques invented in each sector a year (0: productivity never changes)",
             "seed 000 says the USSR invented as much as the West but was slow to put "
             "inventions into production; the rate is an assumption"));
  s.add(real("technology.invention_gain", "0.1", 0.0, 2.0, "ratio - 1",
             "productivity of each new technique over the one before it", assumption));
  s.add(integer("technology.retooling_months", "6", 1, 60, "months",
                "months an enterprise retools to take up a new technique", assumption));
  s.add(real("technology.retooling_loss", "0.5", 0.0, 1.0, "share of capacity",
             "capacity lost while an enterprise retools",
             "the cost that, with the ratchet, keeps Soviet managers from adopting: J. S. "
             "Berliner (1976), The Innovation Decision in Soviet Industry; value an "
             "assumption"));
  s.add(real("technology.retooling_capital", "0", 0.0, 0.99, "share of capital",
             "capital an enterprise or artel scraps when it starts retooling (old equipment); "
             "the decision counts the capacity it takes, at capital's share",
             assumption));
  s.add(real("technology.ratchet_exemption_years", "0", 0.0, 50.0, "years",
             "years after retooling during which a plant's target is not ratcheted (a policy "
             "that would take the ratchet's penalty off adoption)",
             "Berliner (1976) on the ratchet as the obstacle to innovation; a policy choice"));
  s.add(integer("technology.order_gap", "0", 0, 1000, "inventions",
                "under a plan, each January ministries order every plant that lags this many "
                "inventions of its sector (or more) and will not retool of its own accord to "
                "retool; the order takes the directive channel's delay down two levels "
                "(0: no orders)",
                "campaigns for new technique ordered from above (Berliner 1976); a policy "
                "choice"));
  s.add(real("technology.artel_horizon_years", "5", 0.0, 50.0, "years",
             "how far ahead an artel's members weigh the gain of a new technique (they own the "
             "artel and stay in it)",
             assumption));
}

void add_artels(Schema& s) {
  s.add(real("artels.employment_share", "0.1", 0.0, 0.9, "share",
             "share of workers in artels at the start",
             "order of magnitude: 2.6 million members of 25,600 producers' cooperatives on "
             "1 January 1941 (Great Soviet Encyclopedia, 'Producers' cooperation'); the share "
             "is an assumption"));
  s.add(real("artels.relative_productivity", "1", 0.1, 10.0, "ratio",
             "artel output per worker / state consumer industry's, at the start (1: neither is "
             "favoured)",
             assumption));
  s.add(real("artels.capital_ratio", "0.3", 0.01, 10.0, "ratio",
             "artel capital per worker / state consumer industry's", assumption));
  s.add(real("artels.price_band", "0.3", 0.0, 0.9, "share",
             "artel prices stay within the state price x (1 +- band)", assumption));
  s.add(real("artels.price_adjustment", "0.1", 0.0, 1.0, "",
             "artel price change per unit of excess demand it sees, a month", assumption));
  s.add(integer("artels.information_delay", "0", 0, 24, "months",
                "extra delay before an artel sees its region's queues (0: last month's)",
                assumption));
  s.add(real("artels.information_noise", "0.05", 0.0, 3.0, "lognormal sigma",
             "noise in what an artel sees of its region's unmet demand", assumption));
  s.add(real("artels.switch_threshold", "0.1", 0.0, 1.0, "share",
             "shortage gap that makes an artel switch to another consumer good", assumption));
  s.add(real("artels.switch_probability", "0.2", 0.0, 1.0, "probability/month",
             "chance an artel acts on such a gap in a month", assumption));
  s.add(real("artels.waste_share", "0.05", 0.0, 1.0, "share",
             "w: share of state industry's material use left as waste and by-products for "
             "artels",
             assumption));
  s.add(real("artels.waste_price", "0.3", 0.0, 10.0, "ratio",
             "price of waste materials / state price of materials", assumption));
  s.add(real("artels.cooperative_allocation", "0.5", 0.0, 1.0, "share",
             "share of state industry's unsold materials offered to cooperatives", assumption));
  s.add(real("artels.supply_hostility", "0", 0.0, 1.0, "share",
             "h: share of the cooperative allocation that bureaus withhold", assumption));
  s.add(real("artels.lobbying", "0", 0.0, 100.0, "share per unit of competition",
             "each January ministries press for a squeeze on artels' supplies of this many "
             "times the competition they felt over the year (materials artels took from state "
             "stocks / state material use, plus skilled state workers lost to artels / skilled "
             "state workers); it adds to artels.supply_hostility (0: no lobbying)",
             "the hypothesis of 'Capitalists panicking' (seed 000) that managers resisted the "
             "artels as competitors; its strength is an assumption"));
  s.add(real("artels.lobbying_speed", "0.5", 0.0, 1.0, "share",
             "share of the way from the lobbied squeeze in force to the one pressed for that "
             "each January's review goes",
             assumption));
  s.add(choice("artels.separate_pools", "none", {"none", "materials", "labour", "both"},
               "pools artels draw on apart from state industry's: their cooperative allocation "
               "of materials leaves state stocks untouched (materials), and every skilled state "
               "worker who joins or founds an artel is replaced at once by a skilled newcomer "
               "(labour)",
               "a counterfactual (the knock-out of experiments/c05_artel_competition)"));
  s.add(real("artels.reinvestment", "0.1", 0.0, 1.0, "share",
             "share of net income an artel puts into capital", assumption));
  s.add(real("artels.min_pay", "0.5", 0.0, 10.0, "ratio",
             "a month with pay per member below this x the unskilled state wage is a loss",
             assumption));
  s.add(integer("artels.loss_months", "6", 1, 1200, "months",
                "T: an artel with losses this many months in a row closes (hard budget)",
                assumption));
  s.add(real("artels.formation_rate", "0.05", 0.0, 1.0, "probability/month",
             "chance a new artel forms in a region with persistent shortage", assumption));
  s.add(real("artels.formation_threshold", "0.1", 0.0, 1.0, "share",
             "regional consumer shortage above which artels form", assumption));
  s.add(integer("artels.founders", "5", 1, 1000, "workers",
                "skilled workers who leave state jobs to start an artel", assumption));
}

ParamSpec argument(std::string name, ParamType type, std::string value, std::optional<double> min,
                   std::optional<double> max, std::string description,
                   std::vector<std::string> choices = {}) {
  return ParamSpec{std::move(name),    type, std::move(value),       min, max,
                   std::move(choices), "",   std::move(description), ""};
}

void add_events(Schema& s) {
  const auto regions = [](const char* what) {
    return argument("regions", ParamType::text, "", std::nullopt, std::nullopt,
                    std::string("regions ") + what +
                        ", comma-separated numbers from 0; empty: all");
  };
  s.add_event(
      EventSpec{"war_destruction",
                "capital destroyed and workers lost (mobilised, killed, occupied) in some regions",
                {regions("hit"),
                 argument("capital_share", ParamType::real, "0.25", 0.0, 1.0,
                          "share of the regions' capital destroyed"),
                 argument("workers_share", ParamType::real, "0", 0.0, 1.0,
                          "share of the regions' workers lost")}});
  s.add_event(EventSpec{
      "capital_loss",
      "a share of one sector's capital lost in every region (e.g. livestock in collectivisation)",
      {argument("sector", ParamType::choice, "all", std::nullopt, std::nullopt, "the sector hit",
                {"all", "military", "heavy", "materials", "consumer"}),
       argument("share", ParamType::real, "0.2", 0.0, 1.0, "share of its capital lost")}});
  const auto sector = [](const char* name, const char* value, const char* what) {
    return argument(name, ParamType::choice, value, std::nullopt, std::nullopt, what,
                    {"military", "heavy", "materials", "consumer"});
  };
  s.add_event(EventSpec{"mobilisation",
                        "workers called up into the army: out of the workforce until demobilised",
                        {regions("called up"),
                         argument("share", ParamType::real, "0.2", 0.0, 1.0,
                                  "share of the regions' workers called up"),
                         argument("killed", ParamType::real, "0", 0.0, 1.0,
                                  "share of those called up who never come back")}});
  s.add_event(EventSpec{"demobilisation",
                        "soldiers come home to state jobs in their regions, skills kept",
                        {argument("share", ParamType::real, "1", 0.0, 1.0,
                                  "share of those still serving who come home")}});
  s.add_event(EventSpec{
      "evacuation",
      "plants moved from some regions to the same goods' plants in others (east in 1941)",
      {regions("evacuated"),
       argument("to", ParamType::text, "", std::nullopt, std::nullopt,
                "regions receiving the plant, comma-separated numbers from 0; empty: all others"),
       argument("share", ParamType::real, "0.3", 0.0, 1.0, "share of the regions' capital moved"),
       argument("loss", ParamType::real, "0", 0.0, 1.0, "share of the moved capital lost"),
       argument("months", ParamType::integer, "0", 0.0, 36.0,
                "months the moved plant travels and is rebuilt before it works again")}});
  s.add_event(EventSpec{
      "conversion",
      "capital of one sector's plants turned over to another sector's plants in the same region "
      "(civilian plants to war production in 1941, back after 1945)",
      {sector("from", "consumer", "the sector giving up capital"),
       sector("to", "military", "the sector receiving it"),
       argument("share", ParamType::real, "0.2", 0.0, 1.0, "share of the sector's capital moved"),
       argument("loss", ParamType::real, "0", 0.0, 1.0, "share of the moved capital lost")}});
  s.add_event(EventSpec{
      "labour_pool",
      "from now on the workforce grows only within a pool of people able to take its jobs (the "
      "rural labour reserve running out); newcomers each January are at most `drain` times the "
      "pool less the workforce",
      {argument("size", ParamType::real, "1.5", 1.0, 100.0,
                "the pool (workforce and reserve together), times today's workforce"),
       argument("growth", ParamType::real, "0", 0.0, 0.1, "the pool's yearly growth"),
       argument("drain", ParamType::real, "1", 0.0, 1.0,
                "share of the reserve (pool less workforce) that can take jobs in a year")}});
  s.add_event(EventSpec{"artel_restriction",
                        "no new artels may form and bureaus squeeze their supplies (1956)",
                        {argument("hostility", ParamType::real, "0.5", 0.0, 1.0,
                                  "artels.supply_hostility from this date")},
                        {{"hostility", "artels.supply_hostility"}}});
  s.add_event(EventSpec{"artel_nationalisation",
                        "artels become state enterprises run through bureaus: state prices and "
                        "wages, decisions from the state's reports (1960)",
                        {}});
  s.add_event(EventSpec{
      "demand_shift",
      "households of some regions want more of one consumer good (and less of the others)",
      {regions("affected"),
       argument("good", ParamType::integer, "0", 0.0, 100000.0,
                "the consumer good, counted from 0 among consumer goods"),
       argument("factor", ParamType::real, "2", 0.0, 100.0,
                "its share of spending is multiplied by this, then shares are renormalised")}});
}

Schema build_scenario_schema() {
  Schema s;
  s.add(typed("run.name", ParamType::text, "scenario", "a name for the run, stored in its file"));
  s.add(integer("run.seed", "1", 0, 9e18, "", "run seed: every random draw derives from it"));
  s.add(integer("run.threads", "0", 0, 4096, "threads",
                "worker threads; 0 = all cores (results do not depend on it)"));
  s.add(typed("run.without_events", ParamType::text, "",
              "structural events to leave out of the policy timeline, comma-separated (e.g. "
              "`artel_restriction,artel_nationalisation`): counterfactual runs"));

  s.add(typed("run.pin", ParamType::text, "",
              "parameters the policy timeline may not change, comma-separated (e.g. "
              "`artels.supply_hostility`): their value holds for the whole run, over policy "
              "entries and event arguments that would set them"));

  s.add(typed("calendar.start", ParamType::date, "1928-01", "first simulated month"));
  s.add(typed("calendar.end", ParamType::date, "1991-12", "last simulated month"));
  s.add(integer("calendar.months_per_tick", "1", 1, 12, "months",
                "length of one tick; the economy model needs 1 (its rates are monthly)"));

  s.add(choice("scale.preset", "small", {"tiny", "small", "large", "full"},
               "world size; `scale: tiny` is short for `scale: {preset: tiny}`. tiny: tests; "
               "small: laptop runs in seconds; large: cluster runs; full: Soviet industry at one "
               "agent per worker (docs/performance.md)",
               "full: 4.65 million households in 1928, so that configs/ussr.yaml's workforce "
               "growth (2.81 times by 1940 at the small scale) reaches the 13.08 million "
               "industrial production personnel of 1940 (Narodnoe khozyaistvo SSSR za 60 let, "
               "data/history/narkhoz_industrial_personnel.csv); 25,600 artels, the producers' "
               "cooperatives of 1 January 1941 (Great Soviet Encyclopedia, 'Producers' "
               "cooperation'); 50,000 enterprises and 2,000 goods are assumptions of the order of "
               "Soviet industry's enterprises and of the material balances Gosplan drew up"));
  s.add(integer("scale.goods", "0", 0, 100000, "goods",
                "product lines; 0 = from the preset (tiny 12, small 60, large 500, full 2000)"));
  s.add(integer("scale.regions", "0", 0, 1000, "regions",
                "regions; 0 = from the preset (tiny 2, small 6, large 12, full 12)"));
  s.add(integer("scale.enterprises", "0", 0, 10000000, "enterprises",
                "state enterprises; 0 = from the preset (tiny 60, small 600, large 12000, full "
                "50000)"));
  s.add(integer("scale.households", "0", 0, 100000000, "households",
                "households, one worker each; 0 = from the preset (tiny 2000, small 20000, "
                "large 400000, full 4650000)"));

  s.add(integer("scale.artels", "0", 0, 10000000, "artels",
                "artels at the start; 0 = from the preset (tiny 10, small 100, large 2000, full "
                "25600)"));

  add_goods(s);
  add_enterprises(s);
  add_bureaucracy(s);
  add_planner(s);
  add_households(s);
  add_work(s);
  add_technology(s);
  add_artels(s);
  add_events(s);

  add_channel(s, "report", "report from an enterprise or bureau to its superior", "3");
  add_channel(s, "directive", "directive from a superior to its subordinates", "1");

  s.add(typed("output.file", ParamType::text, "out/run.h5",
              "run file, unless --out is given; written as FILE.partial, renamed when complete"));
  s.add(integer("output.chunk_ticks", "256", 1, 1000000, "ticks", "HDF5 chunk length along time"));
  s.add(integer("output.compression", "0", 0, 9, "gzip level", "0 = uncompressed"));
  s.add(typed("output.shuffle", ParamType::boolean, "false",
              "byte shuffle before compression (helps gzip on floats)"));
  s.add(integer("output.panel.every", "0", 0, 1000000, "ticks",
                "write a snapshot of agents' fields (enterprises; households and artels when "
                "their fields are given) every this many ticks (0: never)"));
  s.add(typed("output.panel.fields", ParamType::text,
              "good,capital,capacity,target,output,reported_output,honesty,experienced_shortage",
              "enterprise fields in each snapshot, comma-separated (empty: no enterprise panel): "
              "good, capital, workers (effective labour), skilled_workers, unskilled_workers, "
              "capacity, target, output, reported_output, honesty, experienced_shortage, "
              "input_stock, output_stock, shipped, effort, discontent (its workers' means), "
              "norm, stopped, committee"));
  s.add(typed("output.panel.households", ParamType::text, "",
              "household fields in each snapshot, comma-separated, one column per household id "
              "(empty: none): region, skilled, workplace (0 state, 1 artel), employer, income, "
              "money, forced_savings, budget, spent, consumption, expected_consumption, "
              "discontent, effort"));
  s.add(typed("output.panel.artels", ParamType::text, "",
              "artel fields in each snapshot, comma-separated, one column per artel id (empty: "
              "none): region, good, capital, productivity, price, labour, members, "
              "skilled_members, aim, materials, output, stock, sold, revenue, pay, "
              "months_in_loss"));
  return s;
}

} // namespace

const Schema& Schema::scenario() {
  static const Schema schema = build_scenario_schema();
  return schema;
}

} // namespace plansim::io
