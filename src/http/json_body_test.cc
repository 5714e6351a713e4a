#include "http/json_body.h"

#include <gtest/gtest.h>

namespace dadly::http {
namespace {

Request JsonRequest(std::string body, std::string type = "application/json") {
  Request r;
  r.headers.emplace_back("content-type", std::move(type));
  r.body = std::move(body);
  return r;
}

ErrorCode CodeOf(const Result<nlohmann::json>& r) { return r.error().code; }

TEST(ParseJsonObject, AcceptsAnObject) {
  EXPECT_TRUE(ParseJsonObject(JsonRequest(R"({"a":1})")));
  EXPECT_TRUE(ParseJsonObject(JsonRequest(R"({"a":1})", "Application/JSON; charset=utf-8")));
}

TEST(ParseJsonObject, RejectsWhatIsNotAJsonObject) {
  EXPECT_EQ(CodeOf(ParseJsonObject(JsonRequest("{", "application/json"))),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(ParseJsonObject(JsonRequest("[1,2]"))), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(ParseJsonObject(JsonRequest("{\"a\":\"\xff\"}"))), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(ParseJsonObject(JsonRequest("{}", "text/plain"))),
            ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(CodeOf(ParseJsonObject(JsonRequest("{}", "application/jsonx"))),
            ErrorCode::kUnsupportedMediaType);
  Request no_type;
  no_type.body = "{}";
  EXPECT_EQ(CodeOf(ParseJsonObject(no_type)), ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(
      CodeOf(ParseJsonObject(JsonRequest("{\"a\":\"" + std::string(kMaxJsonBody, 'x') + "\"}"))),
      ErrorCode::kPayloadTooLarge);
}

TEST(ParseJsonObject, LimitsNesting) {
  auto nested = [](int depth) {
    std::string s = "{\"a\":";
    for (int i = 0; i < depth; ++i) s += "[";
    for (int i = 0; i < depth; ++i) s += "]";
    return s + "}";
  };
  EXPECT_TRUE(ParseJsonObject(JsonRequest(nested(kMaxJsonDepth - 1))));
  auto deep = ParseJsonObject(JsonRequest(nested(kMaxJsonDepth + 5)));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ParseJsonObject(JsonRequest(nested(100000))));
}

TEST(BodyReader, ReportsWrongTypesMissingAndUnknownFields) {
  const auto body = nlohmann::json::parse(R"({"name": 5, "extra": true, "tags": ["a", 1]})");
  BodyReader r(body);
  EXPECT_FALSE(r.String("name"));
  EXPECT_FALSE(r.String("email", true));
  EXPECT_FALSE(r.StringArray("tags", 10));
  auto done = r.Finish();
  ASSERT_FALSE(done);
  std::vector<std::string> fields;
  for (const auto& f : done.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "email", "tags", "extra"}));
}

TEST(BodyReader, TellsNullFromAbsent) {
  const auto body = nlohmann::json::parse(R"({"title": null})");
  BodyReader r(body);
  auto title = r.NullableString("title");
  ASSERT_TRUE(title);
  EXPECT_FALSE(*title);
  EXPECT_FALSE(r.NullableString("relation"));
  EXPECT_TRUE(r.Finish());
}

}  // namespace
}  // namespace dadly::http
