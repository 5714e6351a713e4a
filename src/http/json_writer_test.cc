#include "http/json_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace dadly::http {
namespace {

TEST(JsonWriter, SeparatesValuesInNestedObjectsAndArrays) {
  JsonWriter w;
  w.StartObject()
      .Field("a", 1)
      .Key("b")
      .StartArray()
      .StartObject()
      .EndObject()
      .StartArray()
      .EndArray()
      .Null()
      .Bool(true)
      .EndArray()
      .Field("c", std::optional<std::string>())
      .Field("d", std::optional<std::string>("x"))
      .EndObject();
  EXPECT_EQ(w.Take(), R"({"a":1,"b":[{},[],null,true],"c":null,"d":"x"})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharactersOnly) {
  JsonWriter w;
  w.String("\"\\/\b\f\n\r\t\x01\x1f\x7f 서윤 é");
  EXPECT_EQ(w.Take(), "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001F\x7f 서윤 é\"");
}

TEST(JsonWriter, FindsASpecialByteAtAnyPositionOfALongString) {
  // Long strings are scanned 16 bytes at a time: put the byte to escape everywhere.
  for (size_t at = 0; at < 40; ++at) {
    std::string text(40, 'x');
    text[at] = '"';
    JsonWriter w;
    w.String(text);
    EXPECT_EQ(nlohmann::json::parse(w.Take()).get<std::string>(), text) << at;
  }
}

TEST(JsonWriter, RandomBytesReadBackUnchanged) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 0x7f);
  for (int round = 0; round < 200; ++round) {
    std::string text(static_cast<size_t>(round), '\0');
    for (auto& c : text) c = static_cast<char>(byte(random));
    text += "서윤이가 처음 두발자전거를 탔다";
    JsonWriter w;
    w.StartArray().String(text).String(text).EndArray();
    const auto back = nlohmann::json::parse(w.Take());
    EXPECT_EQ(back[0].get<std::string>(), text);
    EXPECT_EQ(back[1].get<std::string>(), text);
  }
}

TEST(JsonWriter, NumbersReadBackAndWholeDoublesKeepAFraction) {
  JsonWriter w;
  w.StartArray()
      .Int(std::numeric_limits<int64_t>::min())
      .Int(0)
      .Double(0.8)
      .Double(1.0)
      .Double(0.1 + 0.2)
      .Double(1e-7)
      .Double(std::numeric_limits<double>::quiet_NaN())
      .Double(std::numeric_limits<double>::infinity())
      .EndArray();
  const std::string text = w.Take();
  EXPECT_EQ(text, "[-9223372036854775808,0,0.8,1.0,0.30000000000000004,1e-07,null,null]");
  const auto back = nlohmann::json::parse(text);
  EXPECT_TRUE(back[3].is_number_float());
  EXPECT_EQ(back[4].get<double>(), 0.1 + 0.2);
}

}  // namespace
}  // namespace dadly::http
