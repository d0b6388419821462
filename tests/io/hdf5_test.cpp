#include "plansim/io/hdf5.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace h5 = plansim::io::hdf5;

namespace {
fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "plansim_io_tests";
  fs::create_directories(dir);
  return dir / name;
}
} // namespace

TEST_CASE("attributes and growing datasets round-trip, and no handle leaks") {
  const auto path = scratch("roundtrip.h5").string();
  const long open_before = h5::open_object_count();
  {
    const auto file = h5::create_file(path);
    h5::write_attribute(file, "schema", "test/1");
    h5::write_attribute(file, "seed", std::uint64_t{1234567890123});
    h5::write_attribute(file, "threads", std::int64_t{4});
    h5::write_attribute(file, "columns", std::vector<std::string>{"heavy", "consumer"});
    const auto group = h5::create_group(file, "series");
    h5::GrowingDataset scalar(group, "x", H5T_NATIVE_DOUBLE, 0, h5::StorageOptions{4, 0, false});
    h5::GrowingDataset table(group, "y", H5T_NATIVE_DOUBLE, 2, h5::StorageOptions{4, 6, true});
    for (int batch = 0; batch < 3; ++batch) {
      const std::vector<double> xs = {batch * 1.0, batch + 0.5};
      const std::vector<double> ys = {1.0 * batch, -1.0 * batch, 2.0 * batch, -2.0 * batch};
      scalar.append(xs.data(), 2);
      table.append(ys.data(), 2);
    }
    CHECK(scalar.rows() == 6);
    CHECK(h5::open_object_count() > open_before);
  }
  CHECK(h5::open_object_count() == open_before);
  {
    const auto file = h5::open_file_read(path);
    CHECK(h5::read_string_attribute(file, "schema") == "test/1");
    CHECK(h5::read_int_attribute(file, "seed") == 1234567890123);
    CHECK(h5::read_int_attribute(file, "threads") == 4);
    CHECK(h5::read_string_list_attribute(file, "columns") ==
          std::vector<std::string>{"heavy", "consumer"});
    CHECK(h5::has_attribute(file, "schema"));
    CHECK_FALSE(h5::has_attribute(file, "nothing"));
    CHECK(h5::exists(file, "series/x"));
    CHECK_FALSE(h5::exists(file, "series/z"));
    CHECK_FALSE(h5::exists(file, "nothing/x"));
    CHECK(h5::list_members(h5::open_group(file, "series")) == std::vector<std::string>{"x", "y"});
    std::vector<std::size_t> shape;
    const auto ys = h5::read_doubles(h5::open_dataset(file, "series/y"), &shape);
    CHECK(shape == std::vector<std::size_t>{6, 2});
    CHECK(ys[4] == 1.0);
    CHECK(ys[5] == -1.0);
    CHECK(h5::read_doubles(h5::open_dataset(file, "series/x"))[5] == 2.5);
  }
  CHECK(h5::open_object_count() == open_before);
}

TEST_CASE("opening what is not an HDF5 file says so") {
  CHECK_THROWS_WITH_AS(h5::open_file_read(scratch("missing.h5").string()),
                       doctest::Contains("no such file"), h5::Error);
  const auto text = scratch("text.h5");
  std::ofstream(text) << "just text\n";
  CHECK_THROWS_WITH_AS(h5::open_file_read(text.string()), doctest::Contains("not an HDF5 file"),
                       h5::Error);
}

TEST_CASE("a failing library call becomes an Error that names what was attempted") {
  const auto file = h5::create_file(scratch("errors.h5").string());
  CHECK_THROWS_WITH_AS(h5::open_group(file, "absent"), doctest::Contains("opening group 'absent'"),
                       h5::Error);
  CHECK_THROWS_AS(h5::create_file("/nonexistent-folder/x.h5"), h5::Error);
}

TEST_CASE("a widening dataset grows by rows and columns; old rows read NaN in new columns") {
  const auto path = scratch("widening.h5").string();
  const long open_before = h5::open_object_count();
  {
    const auto file = h5::create_file(path);
    auto wide = h5::GrowingDataset::widening(file, "w", 4, h5::StorageOptions{2, 0, false});
    auto packed = h5::GrowingDataset::widening(file, "z", 3, h5::StorageOptions{2, 4, true});
    const std::vector<double> first = {1, 2};
    const std::vector<double> second = {3, 4, 5, 6, 7, 8, 9}; // wider than a chunk
    const std::vector<double> third = {10, 11, 12};           // narrower than the dataset
    for (auto* d : {&wide, &packed}) {
      d->append_row(first.data(), first.size());
      CHECK(d->columns() == 2);
      d->append_row(second.data(), second.size());
      d->append_row(third.data(), third.size());
      d->append_row(nullptr, 0);
      CHECK(d->rows() == 4);
      CHECK(d->columns() == 7);
    }
    CHECK(h5::open_object_count() > open_before);
  }
  CHECK(h5::open_object_count() == open_before);
  {
    const auto file = h5::open_file_read(path);
    for (const char* name : {"w", "z"}) {
      CAPTURE(name);
      std::vector<std::size_t> shape;
      const auto values = h5::read_doubles(h5::open_dataset(file, name), &shape);
      REQUIRE(shape == std::vector<std::size_t>{4, 7});
      CHECK(values[0] == 1);
      CHECK(values[1] == 2);
      for (std::size_t c = 2; c < 7; ++c) {
        CHECK(std::isnan(values[c])); // columns added after the first row
      }
      for (std::size_t c = 0; c < 7; ++c) {
        CHECK(values[7 + c] == 3.0 + double(c));
        CHECK(std::isnan(values[21 + c])); // an empty row
      }
      CHECK(values[14] == 10);
      CHECK(values[16] == 12);
      CHECK(std::isnan(values[17]));
      CHECK(std::isnan(values[20]));
    }
  }
  CHECK(h5::open_object_count() == open_before);
}

TEST_CASE("rows are only appended one by one to a widening dataset") {
  const auto file = h5::create_file(scratch("not_widening.h5").string());
  h5::GrowingDataset fixed(file, "f", H5T_NATIVE_DOUBLE, 2, h5::StorageOptions{4, 0, false});
  const double row[2] = {1, 2};
  CHECK_THROWS_AS(fixed.append_row(row, 2), h5::Error);
}
