#include "service/validate.h"

#include <charconv>
#include <set>

#include "core/ids.h"
#include "core/text.h"
#include "core/utf8.h"

namespace dadly {

std::string NormalizeEmail(const std::string& email) {
  return AsciiLower(std::string(TrimSpace(email)));
}

void Validator::Add(const std::string& field, const std::string& message) {
  errors_.push_back({field, message});
}

void Validator::Text(const std::string& field, const std::string& value, size_t min, size_t max,
                     bool no_blank) {
  const size_t n = CodePointCount(value);
  if (n < min || (no_blank && IsBlank(value))) {
    Add(field,
        min <= 1 ? "must not be empty" : "must be at least " + std::to_string(min) + " characters");
  } else if (n > max) {
    Add(field, "must be at most " + std::to_string(max) + " characters");
  }
}

std::optional<Date> Validator::Day(const std::string& field, const std::string& value,
                                   const Date& earliest, const Date& latest) {
  auto d = ParseDate(value);
  if (!d) {
    Add(field, "must be a date written YYYY-MM-DD");
    return std::nullopt;
  }
  if (*d < earliest || *d > latest) {
    Add(field, "must be between " + FormatDate(earliest) + " and " + FormatDate(latest));
    return std::nullopt;
  }
  return d;
}

void Validator::Email(const std::string& field, const std::string& value) {
  const auto at = value.find('@');
  const bool shape = at != std::string::npos && at > 0 && at == value.rfind('@') &&
                     value.find('.', at) != std::string::npos && value.back() != '.' &&
                     value.find_first_of(" \t\r\n") == std::string::npos;
  if (value.size() > 254 || !shape) Add(field, "must be an email address");
}

void Validator::Uuids(const std::string& field, const std::vector<std::string>& ids, size_t max) {
  if (ids.size() > max) {
    Add(field, "must have at most " + std::to_string(max) + " items");
    return;
  }
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!IsUuid(id)) {
      Add(field, "must hold ids");
      return;
    }
    if (!seen.insert(id).second) {
      Add(field, "must not repeat an id");
      return;
    }
  }
}

int Validator::Limit(const std::optional<std::string>& text, int fallback, int max) {
  if (!text) return fallback;
  const auto n = ParseInt64(*text);
  if (!n || *n < 1 || *n > max) {
    Add("limit", "must be a whole number from 1 to " + std::to_string(max));
    return fallback;
  }
  return static_cast<int>(*n);
}

Status Validator::Finish() {
  if (errors_.empty()) return {};
  Error e{ErrorCode::kInvalidArgument, "the request is not valid", std::move(errors_), 0};
  errors_.clear();
  return tl::unexpected(std::move(e));
}

std::optional<int64_t> ParseInt64(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string EncodeCursor(const std::string& position, int64_t seq) {
  return Base64UrlEncode(position + "|" + std::to_string(seq));
}

// Splits a cursor into its position (a day or a deletion time) and seq.
std::optional<std::pair<std::string, int64_t>> DecodeCursor(const std::string& cursor) {
  std::string raw;
  if (cursor.size() > 200 || !Base64UrlDecode(cursor, &raw)) return std::nullopt;
  const auto bar = raw.find('|');
  if (bar == std::string::npos) return std::nullopt;
  auto seq = ParseInt64(std::string_view(raw).substr(bar + 1));
  if (!seq) return std::nullopt;
  return std::make_pair(raw.substr(0, bar), *seq);
}

}  // namespace dadly
