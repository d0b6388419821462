#include "plansim/io/hdf5.hpp"

#include <H5DSpublic.h>
#include <algorithm>
#include <filesystem>
#include <limits>
#include <utility>

namespace plansim::io::hdf5 {

namespace {

// Collects the innermost descriptions on the library's error stack.
std::string library_message() {
  std::string message;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned depth, const H5E_error2_t* error, void* data) -> herr_t {
        auto& text = *static_cast<std::string*>(data);
        if (error->desc == nullptr || error->desc[0] == '\0') {
          return 0;
        }
        const std::string desc = error->desc;
        // The system's reason (a full disk) sits deep in the stack as "error message = '...'".
        const std::string marker = "error message = '";
        const auto at = desc.find(marker);
        if (at != std::string::npos) {
          const auto start = at + marker.size();
          text += (text.empty() ? "" : "; ") + desc.substr(start, desc.find('\'', start) - start);
        } else if (depth < 2) {
          text += (text.empty() ? "" : "; ") + desc;
        }
        return 0;
      },
      &message);
  H5Eclear2(H5E_DEFAULT);
  return message;
}

[[noreturn]] void fail(std::string_view what) {
  const std::string detail = library_message();
  throw Error(std::string(what) + (detail.empty() ? "" : " (HDF5: " + detail + ")"));
}

Handle scalar_space() {
  return Handle(H5Screate(H5S_SCALAR), H5Sclose, "creating a dataspace");
}

template <class T>
void write_scalar_attribute(const Handle& object, const std::string& name, hid_t type, T value) {
  const auto space = scalar_space();
  const Handle attribute(
      H5Acreate2(object.id(), name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
      "creating attribute '" + name + "'");
  check(H5Awrite(attribute.id(), type, &value), "writing attribute '" + name + "'");
}

Handle open_attribute(const Handle& object, const std::string& name) {
  return Handle(H5Aopen(object.id(), name.c_str(), H5P_DEFAULT), H5Aclose,
                "opening attribute '" + name + "'");
}

} // namespace

Handle::Handle(hid_t id, Closer closer, std::string_view what) : id_(id), closer_(closer) {
  if (id < 0) {
    fail(what);
  }
}

Handle::Handle(Handle&& other) noexcept
    : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (valid()) {
      closer_(id_);
    }
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    closer_ = other.closer_;
  }
  return *this;
}

Handle::~Handle() {
  if (valid()) {
    closer_(id_);
  }
}

void Handle::close() {
  if (valid()) {
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    check(closer_(id), "closing an HDF5 object");
  }
}

void check(herr_t status, std::string_view what) {
  if (status < 0) {
    fail(what);
  }
}

void silence_library_errors() {
  // HDF5's own clean-up at exit closes files that are still open, and crashes on a file whose
  // close already failed (a full disk). plansim closes everything itself, so turn it off; this
  // only works before the library is first used, and is harmless after.
  static const bool exit_handler_off = [] { return H5dont_atexit() >= 0; }();
  (void)exit_handler_off;
  // Error stacks are per thread in thread-safe builds: every thread that calls HDF5 does this.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

long open_object_count() {
  return static_cast<long>(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL));
}

Handle create_file(const std::string& name, const std::string& shown_as, Locking locking) {
  silence_library_errors();
  const Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "creating file access properties");
  if (locking == Locking::by_caller) {
    check(H5Pset_file_locking(access.id(), false, true), "turning off the library's lock");
  }
  return Handle(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.id()), H5Fclose,
                "cannot create " + (shown_as.empty() ? name : shown_as));
}

Handle open_file_read(const std::string& path) {
  silence_library_errors();
  if (!std::filesystem::exists(path)) {
    throw Error(path + ": no such file");
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw Error(path + ": not an HDF5 file (or its header is damaged)");
  }
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                path + ": cannot open (truncated or damaged?)");
}

Handle create_group(const Handle& parent, const std::string& name) {
  return Handle(H5Gcreate2(parent.id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Gclose, "creating group '" + name + "'");
}

Handle open_group(const Handle& parent, const std::string& name) {
  return Handle(H5Gopen2(parent.id(), name.c_str(), H5P_DEFAULT), H5Gclose,
                "opening group '" + name + "'");
}

Handle open_dataset(const Handle& parent, const std::string& name) {
  return Handle(H5Dopen2(parent.id(), name.c_str(), H5P_DEFAULT), H5Dclose,
                "opening dataset '" + name + "'");
}

bool exists(const Handle& parent, const std::string& path) {
  // Check each level so a missing intermediate group is "no", not an error.
  std::string prefix;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (!prefix.empty()) {
      prefix += '/';
    }
    prefix.append(path, start, slash - start);
    const htri_t found = H5Lexists(parent.id(), prefix.c_str(), H5P_DEFAULT);
    if (found <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
    start = slash + 1;
  }
  return true;
}

std::vector<std::string> list_members(const Handle& group) {
  std::vector<std::string> names;
  check(H5Literate(
            group.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr,
            [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
              static_cast<std::vector<std::string>*>(data)->emplace_back(name);
              return 0;
            },
            &names),
        "listing a group");
  return names;
}

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "creating a string type");
  check(H5Tset_size(type.id(), H5T_VARIABLE), "sizing a string type");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "setting a string type's character set");
  return type;
}

namespace {

// The C strings of `values`, as HDF5 writes variable-length strings.
std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values) {
    pointers.push_back(v.c_str());
  }
  return pointers;
}

Handle list_space(hsize_t size) {
  return Handle(H5Screate_simple(1, &size, nullptr), H5Sclose, "creating a dataspace");
}

} // namespace

Handle write_string_dataset(const Handle& parent, const std::string& name,
                            const std::vector<std::string>& values) {
  const auto pointers = c_strings(values);
  const auto space = list_space(values.size());
  const auto type = string_type();
  Handle dataset(H5Dcreate2(parent.id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT),
                 H5Dclose, "creating dataset '" + name + "'");
  check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        "writing dataset '" + name + "'");
  return dataset;
}

void make_dimension_scale(const Handle& dataset, const std::string& name) {
  check(H5DSset_scale(dataset.id(), name.c_str()), "making '" + name + "' a dimension scale");
}

void attach_dimension_scale(const Handle& dataset, const Handle& scale, unsigned axis) {
  check(H5DSattach_scale(dataset.id(), scale.id(), axis), "attaching a dimension scale");
}

bool is_dimension_scale(const Handle& parent, const std::string& name) {
  H5O_info_t object{};
  check(H5Oget_info_by_name2(parent.id(), name.c_str(), &object, H5O_INFO_BASIC, H5P_DEFAULT),
        "inspecting '" + name + "'");
  if (object.type != H5O_TYPE_DATASET) {
    return false;
  }
  const auto dataset = open_dataset(parent, name);
  const htri_t scale = H5DSis_scale(dataset.id());
  check(scale, "inspecting '" + name + "'");
  return scale > 0;
}

void write_attribute(const Handle& object, const std::string& name, std::string_view value) {
  const std::string text(value);
  const char* pointer = text.c_str();
  const auto type = string_type();
  write_scalar_attribute(object, name, type.id(), pointer);
}

void write_attribute(const Handle& object, const std::string& name, std::int64_t value) {
  write_scalar_attribute(object, name, H5T_NATIVE_INT64, value);
}

void write_attribute(const Handle& object, const std::string& name, std::uint64_t value) {
  write_scalar_attribute(object, name, H5T_NATIVE_UINT64, value);
}

void write_attribute(const Handle& object, const std::string& name, double value) {
  write_scalar_attribute(object, name, H5T_NATIVE_DOUBLE, value);
}

void write_attribute(const Handle& object, const std::string& name,
                     const std::vector<std::string>& values) {
  const auto pointers = c_strings(values);
  const auto space = list_space(values.size());
  const auto type = string_type();
  const Handle attribute(
      H5Acreate2(object.id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
      H5Aclose, "creating attribute '" + name + "'");
  check(H5Awrite(attribute.id(), type.id(), pointers.data()), "writing attribute '" + name + "'");
}

bool has_attribute(const Handle& object, const std::string& name) {
  const htri_t found = H5Aexists(object.id(), name.c_str());
  check(found, "looking for attribute '" + name + "'");
  return found > 0;
}

std::vector<std::string> read_string_list_attribute(const Handle& object, const std::string& name) {
  const auto attribute = open_attribute(object, name);
  const Handle space(H5Aget_space(attribute.id()), H5Sclose, "reading a dataspace");
  const hssize_t count = H5Sget_simple_extent_npoints(space.id());
  check(static_cast<herr_t>(count < 0 ? -1 : 0), "sizing attribute '" + name + "'");
  const auto type = string_type();
  std::vector<char*> pointers(static_cast<std::size_t>(count), nullptr);
  check(H5Aread(attribute.id(), type.id(), pointers.data()), "reading attribute '" + name + "'");
  std::vector<std::string> values(pointers.begin(), pointers.end());
  H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
  return values;
}

std::string read_string_attribute(const Handle& object, const std::string& name) {
  const auto values = read_string_list_attribute(object, name);
  if (values.size() != 1) {
    throw Error("attribute '" + name + "' is not a single string");
  }
  return values.front();
}

std::int64_t read_int_attribute(const Handle& object, const std::string& name) {
  const auto attribute = open_attribute(object, name);
  std::int64_t value = 0;
  check(H5Aread(attribute.id(), H5T_NATIVE_INT64, &value), "reading attribute '" + name + "'");
  return value;
}

namespace {

// A chunked dataset of rank 1 or 2 that starts empty and may grow to `maximum`, with the
// storage options (shuffle before deflate: shuffled bytes compress better) and, when given,
// a fill value for the cells never written.
Handle create_chunked(const Handle& parent, const std::string& name, hid_t type, int rank,
                      const hsize_t* initial, const hsize_t* maximum, const hsize_t* chunk,
                      const StorageOptions& options, const double* fill = nullptr) {
  const Handle space(H5Screate_simple(rank, initial, maximum), H5Sclose, "creating a dataspace");
  const Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "creating properties");
  check(H5Pset_chunk(properties.id(), rank, chunk), "setting chunking of '" + name + "'");
  if (fill) {
    check(H5Pset_fill_value(properties.id(), H5T_NATIVE_DOUBLE, fill),
          "setting the fill value of '" + name + "'");
  }
  if (options.shuffle) {
    check(H5Pset_shuffle(properties.id()), "setting shuffle of '" + name + "'");
  }
  if (options.deflate_level > 0) {
    check(H5Pset_deflate(properties.id(), static_cast<unsigned>(options.deflate_level)),
          "setting compression of '" + name + "'");
  }
  return Handle(H5Dcreate2(parent.id(), name.c_str(), type, space.id(), H5P_DEFAULT,
                           properties.id(), H5P_DEFAULT),
                H5Dclose, "creating dataset '" + name + "'");
}

} // namespace

GrowingDataset::GrowingDataset(const Handle& parent, const std::string& name, hid_t type,
                               std::size_t columns, const StorageOptions& options)
    : type_(type), columns_(columns) {
  const hsize_t initial[2] = {0, columns};
  const hsize_t maximum[2] = {H5S_UNLIMITED, columns};
  const hsize_t chunk[2] = {std::max<hsize_t>(options.chunk_rows, 1),
                            std::max<hsize_t>(columns, 1)};
  dataset_ =
      create_chunked(parent, name, type, columns == 0 ? 1 : 2, initial, maximum, chunk, options);
}

GrowingDataset GrowingDataset::widening(const Handle& parent, const std::string& name,
                                        std::size_t chunk_columns, const StorageOptions& options) {
  GrowingDataset out;
  out.type_ = H5T_NATIVE_DOUBLE;
  out.widening_ = true;
  const hsize_t initial[2] = {0, 0};
  const hsize_t maximum[2] = {H5S_UNLIMITED, H5S_UNLIMITED};
  const hsize_t chunk[2] = {std::max<hsize_t>(options.chunk_rows, 1),
                            std::max<hsize_t>(chunk_columns, 1)};
  const double fill = std::numeric_limits<double>::quiet_NaN();
  out.dataset_ =
      create_chunked(parent, name, H5T_NATIVE_DOUBLE, 2, initial, maximum, chunk, options, &fill);
  return out;
}

void GrowingDataset::write_rows(const void* data, std::size_t rows, std::size_t width) {
  const int rank = columns_ == 0 ? 1 : 2;
  const hsize_t new_size[2] = {rows_ + rows, columns_};
  check(H5Dset_extent(dataset_.id(), new_size), "extending a dataset");
  if (rows > 0 && (rank == 1 || width > 0)) {
    const Handle file_space(H5Dget_space(dataset_.id()), H5Sclose, "reading a dataspace");
    const hsize_t start[2] = {rows_, 0};
    const hsize_t count[2] = {rows, width};
    check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr),
          "selecting rows");
    const Handle memory_space(H5Screate_simple(rank, count, nullptr), H5Sclose,
                              "creating a dataspace");
    check(H5Dwrite(dataset_.id(), type_, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
          "writing rows");
  }
  rows_ += rows;
}

void GrowingDataset::append_row(const double* data, std::size_t width) {
  if (!widening_) {
    throw Error("append_row needs a widening dataset");
  }
  columns_ = std::max(columns_, width);
  write_rows(data, 1, width);
}

void GrowingDataset::append(const void* data, std::size_t rows) {
  if (widening_) {
    throw Error("append needs a fixed-width dataset; widening ones take append_row");
  }
  if (rows > 0) {
    write_rows(data, rows, columns_);
  }
}

std::vector<std::size_t> shape_of(const Handle& dataset) {
  const Handle space(H5Dget_space(dataset.id()), H5Sclose, "reading a dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.id());
  check(rank, "reading a dataset's rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr), "reading dimensions");
  return {dims.begin(), dims.end()};
}

std::vector<double> read_doubles(const Handle& dataset, std::vector<std::size_t>* shape) {
  const auto dims = shape_of(dataset);
  std::size_t total = 1;
  for (auto d : dims) {
    total *= d;
  }
  std::vector<double> values(total);
  if (total > 0) {
    check(H5Dread(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "reading a dataset");
  }
  if (shape) {
    *shape = dims;
  }
  return values;
}

} // namespace plansim::io::hdf5
