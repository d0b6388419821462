#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace plansim::io::hdf5 {

/// Any failure of the HDF5 library, with the library's own description of what went wrong.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Owns one HDF5 identifier and closes it with the matching H5?close function. Move-only.
class Handle {
public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  /// Takes ownership of `id`; throws Error (with `what` and the library's message) if the id
  /// is invalid, so every C call that returns an id can be wrapped directly.
  Handle(hid_t id, Closer closer, std::string_view what);
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();

  hid_t id() const { return id_; }
  bool valid() const { return id_ >= 0; }
  /// Closes now (reporting a failure, which a destructor cannot).
  void close();

private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Throws Error with `what` and the library's message when `status` is negative.
void check(herr_t status, std::string_view what);

/// Turns off the library's printing of its error stack on stderr (plansim reports errors
/// itself, once, with context) and its clean-up at exit. Call it in every thread that uses
/// HDF5; safe to call repeatedly.
void silence_library_errors();

/// The number of HDF5 objects (files, groups, datasets, types, attributes) open in the
/// process: 0 when nothing leaked.
long open_object_count();

// Files and groups ------------------------------------------------------------------------

/// Who locks a file the library writes: the library itself, or the caller, who holds a lock
/// of its own (see io::LockedFile) that the library's would conflict with.
enum class Locking { by_library, by_caller };

/// Creates (truncating) a file for writing. `name` is what the library opens; messages name
/// `shown_as` (by default `name`).
Handle create_file(const std::string& name, const std::string& shown_as = "",
                   Locking locking = Locking::by_library);
/// Opens an existing file read-only; Error says whether it is missing or not HDF5.
Handle open_file_read(const std::string& path);
Handle create_group(const Handle& parent, const std::string& name);
Handle open_group(const Handle& parent, const std::string& name);
Handle open_dataset(const Handle& parent, const std::string& name);
bool exists(const Handle& parent, const std::string& path);
/// Names of the links in a group, in name order.
std::vector<std::string> list_members(const Handle& group);

// Attributes -----------------------------------------------------------------------------

void write_attribute(const Handle& object, const std::string& name, std::string_view value);
void write_attribute(const Handle& object, const std::string& name, std::int64_t value);
void write_attribute(const Handle& object, const std::string& name, std::uint64_t value);
void write_attribute(const Handle& object, const std::string& name, double value);
void write_attribute(const Handle& object, const std::string& name,
                     const std::vector<std::string>& values);
bool has_attribute(const Handle& object, const std::string& name);
std::string read_string_attribute(const Handle& object, const std::string& name);
std::vector<std::string> read_string_list_attribute(const Handle& object, const std::string& name);
std::int64_t read_int_attribute(const Handle& object, const std::string& name);

// Datasets -------------------------------------------------------------------------------

/// How a growing dataset is stored.
struct StorageOptions {
  std::size_t chunk_rows = 256; ///< rows per chunk along time
  int deflate_level = 0;        ///< 0 = no compression, 1..9 = gzip level
  bool shuffle = false;         ///< byte shuffle before compression
};

/// A dataset of `columns` values per row (columns == 0: one-dimensional) that grows by rows
/// as the run goes. `type` is a native HDF5 type such as H5T_NATIVE_DOUBLE.
class GrowingDataset {
public:
  GrowingDataset(const Handle& parent, const std::string& name, hid_t type, std::size_t columns,
                 const StorageOptions& options);

  /// A two-dimensional float64 dataset that grows by rows and widens as rows get wider
  /// (agents by id, as ids are handed out): unlimited in both dimensions, fill value NaN, so
  /// earlier rows read NaN in columns added later. Chunks are `options.chunk_rows` rows by
  /// `chunk_columns` columns.
  static GrowingDataset widening(const Handle& parent, const std::string& name,
                                 std::size_t chunk_columns, const StorageOptions& options);

  /// Appends `rows` rows from `data` (rows x max(columns, 1) values, row-major) to a dataset of
  /// fixed width.
  void append(const void* data, std::size_t rows);
  /// Appends one row of `width` doubles to a widening dataset, widening it first when `width`
  /// is above columns(); a narrower row leaves the columns after it NaN.
  void append_row(const double* data, std::size_t width);

  std::size_t rows() const { return rows_; }
  std::size_t columns() const { return columns_; }
  const Handle& handle() const { return dataset_; }

private:
  GrowingDataset() = default;
  // Extends the dataset by `rows` rows (to the current columns) and writes `width` values of
  // each from `data`, from column 0.
  void write_rows(const void* data, std::size_t rows, std::size_t width);

  Handle dataset_;
  hid_t type_ = H5I_INVALID_HID;
  std::size_t columns_ = 0;
  std::size_t rows_ = 0;
  bool widening_ = false;
};

/// A dataset's dimensions, without reading its data.
std::vector<std::size_t> shape_of(const Handle& dataset);

/// Reads a whole numeric dataset as doubles (converted by HDF5), row-major; `shape` gets the
/// dimensions.
std::vector<double> read_doubles(const Handle& dataset, std::vector<std::size_t>* shape = nullptr);

/// A variable-length UTF-8 string type (for attributes and table columns).
Handle string_type();

/// A one-dimensional dataset of variable-length UTF-8 strings (a coordinate of names).
Handle write_string_dataset(const Handle& parent, const std::string& name,
                            const std::vector<std::string>& values);

/// Makes `dataset` an HDF5 dimension scale (H5DS) named `name`: netCDF-4 readers (netCDF-C,
/// h5netcdf, xarray) take it as the dimension `name` and its coordinate.
void make_dimension_scale(const Handle& dataset, const std::string& name);
/// Attaches the dimension scale `scale` to axis `axis` of `dataset`.
void attach_dimension_scale(const Handle& dataset, const Handle& scale, unsigned axis);
/// Whether `parent/name` is a dimension scale (a coordinate rather than data).
bool is_dimension_scale(const Handle& parent, const std::string& name);

} // namespace plansim::io::hdf5
