#include "http/json_body.h"

#include <algorithm>

#include "core/text.h"
#include "core/utf8.h"

namespace dadly::http {
namespace {

bool IsJsonContentType(const std::optional<std::string>& value) {
  if (!value) return false;
  const std::string v = AsciiLower(*value);
  return TrimSpace(std::string_view(v).substr(0, v.find(';'))) == "application/json";
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  if (!IsJsonContentType(request.Header("content-type"))) {
    return Fail(ErrorCode::kUnsupportedMediaType, "send the body as application/json");
  }
  if (request.body.size() > kMaxJsonBody) {
    return Fail(ErrorCode::kPayloadTooLarge, "the body must be at most 1 MiB");
  }
  if (!IsValidUtf8(request.body)) return Invalid("", "the body is not valid UTF-8");
  bool too_deep = false;
  auto depth_guard = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth) {
      too_deep = true;
    }
    return !too_deep;
  };
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(request.body, depth_guard, true, false);
  } catch (const nlohmann::json::exception&) {
    if (too_deep) return Invalid("", "the body is nested too deeply");
    return Invalid("", "the body is not valid JSON");
  }
  if (too_deep) return Invalid("", "the body is nested too deeply");
  if (!parsed.is_object()) return Invalid("", "the body must be a JSON object");
  return parsed;
}

const nlohmann::json* BodyReader::Get(const std::string& field) {
  known_.insert(field);
  auto it = object_.find(field);
  return it == object_.end() ? nullptr : &*it;
}

std::optional<std::string> BodyReader::String(const std::string& field, bool required) {
  const auto* v = Get(field);
  if (!v) {
    if (required) errors_.push_back({field, "is required"});
    return std::nullopt;
  }
  if (!v->is_string()) {
    errors_.push_back({field, "must be a string"});
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<int64_t> BodyReader::Integer(const std::string& field) {
  const auto* v = Get(field);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    errors_.push_back({field, "must be a whole number"});
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<std::optional<std::string>> BodyReader::NullableString(const std::string& field) {
  const auto* v = Get(field);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    errors_.push_back({field, "must be a string or null"});
    return std::nullopt;
  }
  return std::optional<std::string>(v->get<std::string>());
}

std::optional<std::vector<std::string>> BodyReader::StringArray(const std::string& field,
                                                                size_t max_items) {
  const auto* v = Get(field);
  if (!v) return std::nullopt;
  if (!v->is_array() ||
      !std::all_of(v->begin(), v->end(), [](const auto& x) { return x.is_string(); })) {
    errors_.push_back({field, "must be an array of strings"});
    return std::nullopt;
  }
  if (v->size() > max_items) {
    errors_.push_back({field, "must have at most " + std::to_string(max_items) + " items"});
    return std::nullopt;
  }
  return v->get<std::vector<std::string>>();
}

Status BodyReader::Finish() {
  for (const auto& [key, value] : object_.items()) {
    if (!known_.contains(key)) errors_.push_back({key, "is not a known field"});
  }
  if (errors_.empty()) return {};
  Error e{ErrorCode::kInvalidArgument, "the request is not valid", std::move(errors_), 0};
  errors_.clear();
  return tl::unexpected(std::move(e));
}

}  // namespace dadly::http
