// Writing response bodies: a thin layer over RapidJSON's streaming Writer (no tree is built,
// which is where the time of a list response used to go). Not thread-safe; one per response.
#pragma once

// Entry bodies are long: let RapidJSON skip plain bytes 16 at a time when escaping strings.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace dadly::http {

class JsonWriter {
 public:
  // 16 KiB up front, enough for a page of 20 entries without growing the buffer (each growth
  // copies it); the allocation is temporary and cheap for small responses too.
  JsonWriter() : buffer_(nullptr, 16 * 1024), writer_(buffer_) {}

  JsonWriter& StartObject() { return Did(writer_.StartObject()); }
  JsonWriter& EndObject() { return Did(writer_.EndObject()); }
  JsonWriter& StartArray() { return Did(writer_.StartArray()); }
  JsonWriter& EndArray() { return Did(writer_.EndArray()); }
  JsonWriter& Key(std::string_view key) {
    return Did(writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size())));
  }
  JsonWriter& String(std::string_view value) {
    return Did(writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size())));
  }
  JsonWriter& String(const std::string& value) { return String(std::string_view(value)); }
  JsonWriter& String(const char* value) { return String(std::string_view(value)); }
  // null when absent.
  JsonWriter& String(const std::optional<std::string>& value) {
    return value ? String(std::string_view(*value)) : Null();
  }
  JsonWriter& Int(int64_t value) { return Did(writer_.Int64(value)); }
  JsonWriter& Double(double value) { return Did(writer_.Double(value)); }
  JsonWriter& Null() { return Did(writer_.Null()); }
  JsonWriter& Bool(bool value) { return Did(writer_.Bool(value)); }

  // `key: value` pairs in one call each.
  template <typename T>
  JsonWriter& Field(std::string_view key, const T& value) {
    Key(key);
    if constexpr (std::is_integral_v<T>) {
      return Int(value);
    } else if constexpr (std::is_floating_point_v<T>) {
      return Double(value);
    } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
      return String(value);
    } else {
      return String(std::string_view(value));
    }
  }

  // The finished text.
  std::string Take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  JsonWriter& Did(bool) { return *this; }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace dadly::http
