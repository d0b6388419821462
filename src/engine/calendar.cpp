#include "plansim/engine/calendar.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace plansim::engine {

namespace {

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

int floor_div(int a, int b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

std::optional<YearMonth> YearMonth::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return std::nullopt;
  }
  const auto year_text = text.substr(0, 4);
  const auto month_text = text.substr(5, 2);
  if (!is_digits(year_text) || !is_digits(month_text)) {
    return std::nullopt;
  }
  const int month = to_int(month_text);
  if (month < 1 || month > 12) {
    return std::nullopt;
  }
  return YearMonth{to_int(year_text), month};
}

std::string YearMonth::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

YearMonth YearMonth::from_serial(int serial) {
  const int year = floor_div(serial, 12);
  return YearMonth{year, serial - year * 12 + 1};
}

Calendar::Calendar(YearMonth start, YearMonth last, int months_per_tick)
    : start_(start), last_(last), months_per_tick_(months_per_tick) {
  if (months_per_tick < 1) {
    throw std::invalid_argument("months per tick must be at least 1");
  }
  if (last < start) {
    throw std::invalid_argument("calendar ends (" + last.to_string() + ") before it starts (" +
                                start.to_string() + ")");
  }
  const int months = last.serial() - start.serial() + 1;
  tick_count_ = (months + months_per_tick - 1) / months_per_tick;
}

YearMonth Calendar::date_of(int tick) const {
  return YearMonth::from_serial(start_.serial() + tick * months_per_tick_);
}

double Calendar::decimal_year(int tick) const {
  return date_of(tick).decimal();
}

std::optional<int> Calendar::tick_of(YearMonth date) const {
  if (date < start_ || last_ < date) {
    return std::nullopt;
  }
  return (date.serial() - start_.serial()) / months_per_tick_;
}

std::optional<int> Calendar::tick_at(double decimal_year) const {
  if (!std::isfinite(decimal_year)) {
    return std::nullopt;
  }
  // A small tolerance so that 1956.25, printed and read back, is still April.
  const double months = std::floor((decimal_year - start_.year) * 12.0 + 1e-9) - (start_.month - 1);
  if (months < 0 || months > 1e7) {
    return std::nullopt;
  }
  return tick_of(YearMonth::from_serial(start_.serial() + static_cast<int>(months)));
}

bool Calendar::starts_year(int tick) const {
  const int first = start_.serial() + tick * months_per_tick_;
  for (int serial = first; serial < first + months_per_tick_; ++serial) {
    if (YearMonth::from_serial(serial).month == 1) {
      return true;
    }
  }
  return false;
}

} // namespace plansim::engine
