// Reading JSON request bodies strictly: content type, size, UTF-8, nesting depth, then typed
// fields with unknown fields rejected. Every problem becomes a kInvalidArgument FieldError (or
// 413/415), so a handler never sees a malformed body.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/request.h"

namespace dadly::http {

inline constexpr size_t kMaxJsonBody = 1024 * 1024;
inline constexpr int kMaxJsonDepth = 16;

// Checks Content-Type and size, then parses `request.body` as a JSON object.
Result<nlohmann::json> ParseJsonObject(const Request& request);

// Typed access to the fields of a parsed object. Wrong types are collected as field errors;
// Finish() also reports every field no getter asked about.
class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& object) : object_(object) {}

  std::optional<std::string> String(const std::string& field, bool required = false);
  // Absent → nullopt; null → inner nullopt; a string → its value.
  std::optional<std::optional<std::string>> NullableString(const std::string& field);
  std::optional<std::vector<std::string>> StringArray(const std::string& field, size_t max_items);
  // A whole number (not a string of digits, not a fraction).
  std::optional<int64_t> Integer(const std::string& field);
  Status Finish();

 private:
  const nlohmann::json* Get(const std::string& field);

  const nlohmann::json& object_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

}  // namespace dadly::http
