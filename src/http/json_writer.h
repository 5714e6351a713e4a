// Writing response bodies straight into a string, with no tree built first (building one is
// where the time of a list response used to go). Strings are escaped as JSON requires and no
// more: `"`, `\` and control characters; UTF-8 passes through as it is (bodies are validated
// on the way in). Not thread-safe; one per response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace dadly::http {

class JsonWriter {
 public:
  // `capacity`: the expected size; a list of entries that says so is written without the
  // buffer growing (each growth copies it).
  explicit JsonWriter(size_t capacity = 512) { out_.reserve(capacity); }

  JsonWriter& StartObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& StartArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // Keys are Dadly's own field names, written as they are: they never need escaping.
  JsonWriter& Key(std::string_view key) {
    Separate();
    out_ += '"';
    out_ += key;
    out_ += "\":";
    comma_ = false;
    return *this;
  }
  JsonWriter& String(std::string_view value);
  JsonWriter& String(const std::string& value) { return String(std::string_view(value)); }
  JsonWriter& String(const char* value) { return String(std::string_view(value)); }
  // null when absent.
  JsonWriter& String(const std::optional<std::string>& value) {
    return value ? String(std::string_view(*value)) : Null();
  }
  JsonWriter& Int(int64_t value);
  // The shortest text that reads back as `value`; null for NaN and infinities, which JSON lacks.
  JsonWriter& Double(double value);
  JsonWriter& Null() { return Literal("null"); }
  JsonWriter& Bool(bool value) { return Literal(value ? "true" : "false"); }

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

  // The finished text; the writer is empty afterwards.
  std::string Take() { return std::move(out_); }

 private:
  // A value other than the first in its object or array gets a comma before it.
  void Separate() {
    if (comma_) out_ += ',';
    comma_ = true;
  }
  JsonWriter& Open(char c) {
    Separate();
    out_ += c;
    comma_ = false;
    return *this;
  }
  JsonWriter& Close(char c) {
    out_ += c;
    comma_ = true;
    return *this;
  }
  JsonWriter& Literal(std::string_view text) {
    Separate();
    out_ += text;
    return *this;
  }

  std::string out_;
  bool comma_ = false;
};

}  // namespace dadly::http
