// Field checks shared by the services. Each check appends a FieldError instead of failing at
// once, so a form learns every problem in one answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace dadly {

class Validator {
 public:
  // Code points in [min, max]; with `no_blank`, not only whitespace.
  void Text(const std::string& field, const std::string& value, size_t min, size_t max,
            bool no_blank = false);
  // A real YYYY-MM-DD between `earliest` and `latest` inclusive; returns it when valid.
  std::optional<Date> Day(const std::string& field, const std::string& value, const Date& earliest,
                          const Date& latest);
  void Email(const std::string& field, const std::string& value);
  void Uuids(const std::string& field, const std::vector<std::string>& ids, size_t max);
  // A page size given as text (field "limit"): `fallback` when absent, else a whole number from
  // 1 to `max`; `fallback` too when it is not one.
  int Limit(const std::optional<std::string>& text, int fallback, int max);
  void Add(const std::string& field, const std::string& message);

  bool ok() const { return errors_.empty(); }
  // Success when no check failed; otherwise a kInvalidArgument error naming every field.
  Status Finish();

 private:
  std::vector<FieldError> errors_;
};

// An email as accounts store it: without surrounding whitespace, lower-cased.
std::string NormalizeEmail(const std::string& email);
// A whole decimal number and nothing else (query parameters, cursors).
std::optional<int64_t> ParseInt64(std::string_view s);

// A list's cursor: where the next page starts, as the last item's position (a day, a time) and
// seq, opaque to clients. DecodeCursor gives nullopt for anything EncodeCursor did not make.
std::string EncodeCursor(const std::string& position, int64_t seq);
std::optional<std::pair<std::string, int64_t>> DecodeCursor(const std::string& cursor);

// The earliest day Dadly accepts for a moment or a birthdate.
inline constexpr Date kEarliestDay{1900, 1, 1};

}  // namespace dadly
