#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace {

const fs::path source_dir = PLANSIM_SOURCE_DIR;

bool all_of_chars(std::string_view text, std::string_view allowed) {
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return allowed.find(c) != std::string_view::npos; });
}

constexpr std::string_view digits = "0123456789";
constexpr std::string_view hex = "0123456789abcdef";

// "000_c2da5cf2c2d3da1e.txt": three digits, '_', 16 hex digits, ".txt".
bool is_seed_file_name(const std::string& name) {
  return name.size() == 24 && all_of_chars(name.substr(0, 3), digits) && name[3] == '_' &&
         all_of_chars(name.substr(4, 16), hex) && name.substr(20) == ".txt";
}

// "C07"
bool is_claim_id(const std::string& id) {
  return id.size() == 3 && id[0] == 'C' && all_of_chars(id.substr(1), digits);
}

// "c07_bureaucracy_scaling": the claim's id in lower case, '_', a short name.
bool is_experiment_id(const std::string& name) {
  return name.size() > 4 && name[0] == 'c' && all_of_chars(name.substr(1, 2), digits) &&
         name[3] == '_' && all_of_chars(name.substr(4), "abcdefghijklmnopqrstuvwxyz0123456789_");
}

void check_source(const YAML::Node& source, const std::string& id) {
  CAPTURE(id);
  REQUIRE(source.IsMap());
  const auto file = source["seed_file"].as<std::string>("");
  CHECK(is_seed_file_name(file));
  CHECK_FALSE(source["title"].as<std::string>("").empty());
  CHECK_FALSE(source["author"].as<std::string>("").empty());
  // CI and developers have the essays beside the repository; check the name is real there.
  const fs::path seeds = source_dir.parent_path() / "shared" / "seeds";
  if (fs::exists(seeds)) {
    CHECK(fs::exists(seeds / file));
  }
}

} // namespace

TEST_CASE("every claim in seeds/claims.yaml has the required fields") {
  const auto catalog = YAML::LoadFile((source_dir / "seeds" / "claims.yaml").string());
  const auto claims = catalog["claims"];
  REQUIRE(claims.IsSequence());
  CHECK(claims.size() >= 16);
  std::set<std::string> ids;
  const std::set<std::string> statuses = {"planned", "experiment", "tested"};
  for (const auto& claim : claims) {
    const auto id = claim["id"].as<std::string>("");
    CAPTURE(id);
    CHECK(is_claim_id(id));
    CHECK(ids.insert(id).second); // unique
    CHECK(claim["claim"].as<std::string>("").size() > 30);
    CHECK_FALSE(claim["mechanism"].as<std::string>("").empty());
    const auto experiment = claim["experiment"].as<std::string>("");
    CHECK(is_experiment_id(experiment));
    CHECK(experiment.substr(1, 2) == id.substr(1, 2));
    const auto status = claim["status"].as<std::string>("");
    CHECK(statuses.count(status) == 1);
    if (status != "planned") {
      CHECK(fs::exists(source_dir / "experiments" / experiment / "experiment.yaml"));
    }
    if (status == "tested") {
      CHECK(claim["verdict"].IsDefined());
    }
    check_source(claim["source"], id);
    for (const auto& other : claim["also"]) {
      check_source(other, id);
    }
  }
}

TEST_CASE("every experiment folder belongs to a claim of the catalogue and cites its source") {
  const auto claims = YAML::LoadFile((source_dir / "seeds" / "claims.yaml").string())["claims"];
  std::size_t experiments = 0;
  for (const auto& entry : fs::directory_iterator(source_dir / "experiments")) {
    if (!entry.is_directory()) {
      continue;
    }
    ++experiments;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    CHECK(fs::exists(entry.path() / "README.md"));
    const auto experiment = YAML::LoadFile((entry.path() / "experiment.yaml").string());
    const auto claim = std::find_if(claims.begin(), claims.end(), [&](const YAML::Node& c) {
      return c["experiment"].as<std::string>("") == name;
    });
    REQUIRE(claim != claims.end());
    CHECK((*claim)["status"].as<std::string>() != "planned");
    // The experiment tests the catalogue's claim, in the catalogue's words.
    CHECK(experiment["claim"].as<std::string>("") == (*claim)["claim"].as<std::string>());
    const auto seed_file = experiment["source"]["seed_file"].as<std::string>("");
    bool cited = (*claim)["source"]["seed_file"].as<std::string>("") == seed_file;
    for (const auto& other : (*claim)["also"]) {
      cited = cited || other["seed_file"].as<std::string>("") == seed_file;
    }
    CHECK(cited);
  }
  CHECK(experiments >= 6);
}
