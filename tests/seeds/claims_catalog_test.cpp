#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path source_dir = PLANSIM_SOURCE_DIR;

void check_source(const YAML::Node& source, const std::string& id) {
  CAPTURE(id);
  REQUIRE(source.IsMap());
  const auto file = source["seed_file"].as<std::string>("");
  CHECK(std::regex_match(file, std::regex(R"(00[0-4]_[0-9a-f]{16}\.txt)")));
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
    CHECK(std::regex_match(id, std::regex(R"(C\d\d)")));
    CHECK(ids.insert(id).second); // unique
    CHECK(claim["claim"].as<std::string>("").size() > 30);
    CHECK_FALSE(claim["mechanism"].as<std::string>("").empty());
    const auto experiment = claim["experiment"].as<std::string>("");
    CHECK(std::regex_match(experiment, std::regex(R"(c\d\d_[a-z0-9_]+)")));
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
