#pragma once

#include <algorithm>
#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plansim::engine {

/// A calendar month, the finest date the simulation knows.
struct YearMonth {
  int year = 1928;
  int month = 1; ///< 1..12

  /// Parses "YYYY-MM"; nullopt for anything else (including month 13 or "1956-4").
  static std::optional<YearMonth> parse(std::string_view text);

  /// "YYYY-MM".
  std::string to_string() const;

  /// Months since January of year 0; lets dates be compared and subtracted.
  int serial() const { return year * 12 + (month - 1); }
  /// The decimal year of the month's start: 1956-04 is 1956.25.
  double decimal() const { return year + (month - 1) / 12.0; }
  static YearMonth from_serial(int serial);

  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

/// Maps ticks to dates. Tick t covers the months [start + t*m, start + (t+1)*m) where m is
/// the number of months per tick; the run ends after the tick that contains `last`.
class Calendar {
public:
  /// Throws std::invalid_argument when last < start or months_per_tick < 1.
  Calendar(YearMonth start, YearMonth last, int months_per_tick = 1);

  YearMonth start() const { return start_; }
  YearMonth last() const { return last_; }
  int months_per_tick() const { return months_per_tick_; }
  int tick_count() const { return tick_count_; }
  /// Ticks per year, rounded down (12 for monthly ticks); at least 1.
  int ticks_per_year() const { return std::max(1, 12 / months_per_tick_); }

  /// The first month of tick t.
  YearMonth date_of(int tick) const;
  /// Decimal year of the start of tick t: 1956-04 is 1956.25.
  double decimal_year(int tick) const;
  /// The tick whose months include `date`; nullopt when the date is outside the run.
  std::optional<int> tick_of(YearMonth date) const;
  /// The tick containing a decimal year (1956.25 is April 1956); nullopt outside the run.
  std::optional<int> tick_at(double decimal_year) const;
  /// True when tick t contains a January: where yearly activities (plans) happen.
  bool starts_year(int tick) const;

private:
  YearMonth start_;
  YearMonth last_;
  int months_per_tick_;
  int tick_count_;
};

/// Events due at given ticks, kept in tick order; events at the same tick stay in the order
/// they were added, so processing them is deterministic.
template <class Event>
class Schedule {
public:
  using Entry = std::pair<int, Event>;

  void add(int tick, Event event) {
    auto at = std::upper_bound(entries_.begin(), entries_.end(), tick,
                               [](int t, const Entry& e) { return t < e.first; });
    entries_.insert(at, Entry{tick, std::move(event)});
  }

  /// The (tick, event) entries due at `tick`, in insertion order.
  std::span<const Entry> due(int tick) const {
    auto first = std::lower_bound(entries_.begin(), entries_.end(), tick,
                                  [](const Entry& e, int t) { return e.first < t; });
    auto last = std::upper_bound(first, entries_.end(), tick,
                                 [](int t, const Entry& e) { return t < e.first; });
    return {first, last};
  }

  std::size_t size() const { return entries_.size(); }

private:
  std::vector<Entry> entries_;
};

} // namespace plansim::engine
