// The pure parts of the OpenAI-compatible provider: parsing, the event-stream reader, prices and
// the server's wait requests.
#include "ai/openai_wire.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ai/openai_http.h"
#include "ai/openai_pricing.h"

namespace dadly::openai {
namespace {

using std::chrono::milliseconds;

TEST(OpenAiWireTest, AnalysisReadsInsideACodeFenceAndDropsRepeats) {
  auto a = ParseAnalysis(
      "```json\n"
      R"({"summary":"Beach day.","topics":["beach","beach","travel"],)"
      R"("emotions":[{"id":"joy","score":0.4},{"id":"joy","score":0.8},{"id":"calm","score":0.6}],)"
      R"("language":"en"})"
      "\n```");
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->topics, (std::vector<std::string>{"beach", "travel"}));
  ASSERT_EQ(a->emotions.size(), 2u);
  EXPECT_EQ(a->emotions[0].name, "joy");
  EXPECT_DOUBLE_EQ(a->emotions[0].score, 0.8);
  EXPECT_EQ(a->emotions[1].label_ko, "평온");
}

TEST(OpenAiWireTest, AnalysisClipsALongSummary) {
  const std::string summary(2000, 'a');
  auto a = ParseAnalysis(nlohmann::json{
      {"summary", summary},
      {"topics", nlohmann::json::array()},
      {"emotions", nlohmann::json::array()},
      {"language", "en"}}.dump());
  ASSERT_TRUE(a.has_value());
  EXPECT_LE(a->summary.size(), kMaxSummaryChars + 3);
}

TEST(OpenAiWireTest, TheSchemaIsStrict) {
  const auto schema = nlohmann::json::parse(AnalysisSchema());
  EXPECT_EQ(schema["additionalProperties"], false);
  const auto& emotion = schema["properties"]["emotions"]["items"];
  EXPECT_EQ(emotion["additionalProperties"], false);
  EXPECT_EQ(emotion["required"], nlohmann::json({"id", "score"}));
}

TEST(OpenAiWireTest, EmbeddingsWithAMissingOrRepeatedIndexAreRejected) {
  const std::string repeated =
      R"({"data":[{"index":0,"embedding":[1,0]},{"index":0,"embedding":[0,1]}]})";
  EXPECT_FALSE(ParseEmbeddings(repeated, 2, 2).has_value());
  EXPECT_FALSE(ParseEmbeddings(R"({"data":[{"index":0,"embedding":[1,0]}]})", 2, 2));
  EXPECT_FALSE(ParseEmbeddings(R"({"data":[{"index":0,"embedding":[0,0]}]})", 1, 2));
  EXPECT_FALSE(ParseEmbeddings("<html>", 1, 2));
  auto ok = ParseEmbeddings(
      R"({"data":[{"index":0,"embedding":[3,4]}],"usage":{"prompt_tokens":2}})", 1, 2);
  ASSERT_TRUE(ok.has_value());
  EXPECT_FLOAT_EQ(ok->vectors[0][0], 0.6f);
  EXPECT_FLOAT_EQ(ok->vectors[0][1], 0.8f);
  EXPECT_EQ(ok->usage.prompt_tokens, 2);
}

TEST(OpenAiWireTest, TheEventReaderJoinsPiecesAndLines) {
  SseReader reader;
  std::vector<std::string> events;
  auto on = [&](std::string_view d) { events.emplace_back(d); };
  reader.Feed(": comment\n\nda", on);
  reader.Feed("ta: one\r\n", on);
  reader.Feed("\r\nevent: x\ndata:two\ndata: lines\n\ndata: [DONE]", on);
  EXPECT_EQ(events, (std::vector<std::string>{"one", "two\nlines"}));
  reader.Finish(on);
  EXPECT_EQ(events.back(), "[DONE]");
}

TEST(OpenAiWireTest, StreamChunks) {
  auto delta = ParseStreamChunk(R"({"choices":[{"delta":{"content":"안녕"}}],"usage":null})");
  ASSERT_TRUE(delta.has_value());
  EXPECT_EQ(delta->content, "안녕");
  EXPECT_FALSE(delta->usage.has_value());
  auto role_only = ParseStreamChunk(R"({"choices":[{"delta":{"role":"assistant"}}]})");
  ASSERT_TRUE(role_only.has_value());
  EXPECT_EQ(role_only->content, "");
  auto usage =
      ParseStreamChunk(R"({"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}})");
  ASSERT_TRUE(usage.has_value() && usage->usage.has_value());
  EXPECT_EQ(usage->usage->completion_tokens, 4);
  EXPECT_TRUE(ParseStreamChunk("[DONE]")->done);
  EXPECT_FALSE(ParseStreamChunk("{not json").has_value());
}

TEST(OpenAiWireTest, ErrorBodies) {
  const ApiError e =
      ParseApiError(R"({"error":{"message":"m","type":"insufficient_quota","code":null}})");
  EXPECT_EQ(e.type, "insufficient_quota");
  EXPECT_EQ(e.code, "");
  EXPECT_EQ(ParseApiError("Bad Gateway").type, "");
}

TEST(OpenAiWireTest, PricesPerModel) {
  EXPECT_EQ(CostMicroUsd("gpt-4o-mini", 1'000'000, 1'000'000), 750'000);
  EXPECT_EQ(CostMicroUsd("gpt-4o-mini-2024-07-18", 1000, 0), 150);
  EXPECT_EQ(CostMicroUsd("gpt-4o", 1000, 1000), 12'500);
  EXPECT_EQ(CostMicroUsd("text-embedding-3-large", 1'000'000, 0), 130'000);
  EXPECT_EQ(CostMicroUsd("text-embedding-3-small", 1'000'000, 0), 20'000);
  EXPECT_EQ(CostMicroUsd("llama3.1:8b", 1'000'000, 1'000'000), 0);
  EXPECT_FALSE(PriceOf("gpt-4oo").has_value());
}

TEST(OpenAiWireTest, RetryAfterHeaders) {
  EXPECT_EQ(ParseRetryAfter("", "2"), milliseconds(2000));
  EXPECT_EQ(ParseRetryAfter("1500", "9"), milliseconds(1500));
  EXPECT_EQ(ParseRetryAfter("", "0.5"), milliseconds(500));
  EXPECT_EQ(ParseRetryAfter("", "Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-1", ""), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", ""), std::nullopt);
}

}  // namespace
}  // namespace dadly::openai
