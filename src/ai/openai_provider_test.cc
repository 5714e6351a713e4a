// The OpenAI-compatible provider against an in-process fake server: what it sends, and how it
// reads analyses, embeddings, answers and streamed chats. Failures: openai_errors_test.cc.
#include "ai/openai_provider.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ai/fake_openai_server.h"
#include "ai/openai_prompts.h"

namespace dadly {
namespace {

using nlohmann::json;
using testing::FakeOpenAi;

constexpr const char* kKey = "sk-test-0123456789";

class OpenAiProviderTest : public ::testing::Test {
 protected:
  std::unique_ptr<AiProvider> Provider(int dimensions = 4, size_t batch = 96) {
    OpenAiOptions o;
    o.base_url = fake_.base_url() + "/";  // a trailing slash is ignored
    o.api_key = kKey;
    o.dimensions = dimensions;
    o.embed_batch_size = batch;
    o.timeout = std::chrono::seconds(5);
    o.sleep = [](std::chrono::milliseconds) {};
    return NewOpenAiProvider(o);
  }

  static std::string AnalysisJson(const std::string& language = "ko") {
    return json{{"summary", "서윤이가 처음으로 두발자전거를 탔다."},
                {"topics", {"milestone", "bike", "no-such-topic", "milestone"}},
                {"emotions",
                 {{{"id", "pride"}, {"score", 0.5}},
                  {{"id", "joy"}, {"score", 0.9}},
                  {{"id", "smugness"}, {"score", 0.7}},
                  {{"id", "fear"}, {"score", 0}}}},
                {"language", language}}
        .dump();
  }

  FakeOpenAi fake_;
};

TEST_F(OpenAiProviderTest, AnalyseAsksForStructuredOutputAndReadsIt) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Completion(AnalysisJson(), 1000, 200);
  });
  auto ai = Provider();
  AiCall call;
  call.trace_content = true;
  auto a = ai->Analyse(call, "자전거", "서윤이가 오늘 처음으로 두발자전거를 탔다. 너무 기뻤다!");
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->summary, "서윤이가 처음으로 두발자전거를 탔다.");
  EXPECT_EQ(a->topics, (std::vector<std::string>{"milestone", "bike"}));
  ASSERT_EQ(a->emotions.size(), 2u);
  EXPECT_EQ(a->emotions[0].name, "joy");
  EXPECT_EQ(a->emotions[0].label_ko, "기쁨");
  EXPECT_DOUBLE_EQ(a->emotions[0].score, 0.9);
  EXPECT_EQ(a->emotions[1].label_ko, "자부심");
  EXPECT_EQ(a->language, "ko");

  const auto seen = fake_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].authorization, std::string("Bearer ") + kKey);
  const json& body = seen[0].body;
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["strict"], true);
  const json& schema = body["response_format"]["json_schema"]["schema"];
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], json({"summary", "topics", "emotions", "language"}));
  const json& topic_ids = schema["properties"]["topics"]["items"]["enum"];
  EXPECT_NE(std::find(topic_ids.begin(), topic_ids.end(), "bike"), topic_ids.end());
  EXPECT_EQ(schema["properties"]["emotions"]["items"]["properties"]["id"]["enum"].size(), 13u);
  EXPECT_EQ(schema["properties"]["language"]["enum"], json({"ko", "en", "mixed"}));
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][0]["content"], std::string(openai::SystemPrompt("v1", "analyse")));
  EXPECT_NE(body["messages"][1]["content"].get<std::string>().find("두발자전거"),
            std::string::npos);

  EXPECT_EQ(call.tokens_in, 1000);
  EXPECT_EQ(call.tokens_out, 200);
  EXPECT_EQ(call.cost_micro_usd, 270);  // 1000 × 0.15 + 200 × 0.60
  EXPECT_NE(call.sent.find("두발자전거"), std::string::npos);
  EXPECT_NE(call.sent.find("system:"), std::string::npos);
  EXPECT_EQ(call.received, AnalysisJson());
}

TEST_F(OpenAiProviderTest, NamesItselfAndItsPrompts) {
  auto ai = Provider(64);
  EXPECT_EQ(ai->Name(), "openai");
  EXPECT_EQ(ai->Model(), "gpt-4o-mini");
  EXPECT_EQ(ai->Dimensions(), 64);
  EXPECT_EQ(ai->PromptVersion(), "v1");
  for (const char* name : {"analyse", "answer", "chat"}) {
    EXPECT_FALSE(openai::SystemPrompt(openai::kPromptVersion, name).empty()) << name;
  }
  EXPECT_TRUE(openai::SystemPrompt("v0", "answer").empty());
}

TEST_F(OpenAiProviderTest, WithoutTracingNothingIsCopied) {
  fake_.On("/chat/completions",
           [](const http::Request&, int) { return FakeOpenAi::Completion(AnalysisJson(), 5, 5); });
  AiCall call;
  ASSERT_TRUE(Provider()->Analyse(call, "", "오늘은 바다에 갔다.").has_value());
  EXPECT_TRUE(call.sent.empty());
  EXPECT_TRUE(call.received.empty());
  EXPECT_EQ(call.tokens_in, 5);
}

TEST_F(OpenAiProviderTest, AnalyseRejectsAReplyThatIsNotJsonButChargesIt) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Completion("Sure! Here is a summary of the entry.", 40, 9);
  });
  AiCall call;
  auto a = Provider()->Analyse(call, "", "오늘은 바다에 갔다.");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(call.tokens_in, 40);
  EXPECT_EQ(call.tokens_out, 9);
}

TEST_F(OpenAiProviderTest, AnalyseRejectsAReplyThatBreaksTheSchema) {
  const std::vector<std::string> broken = {
      AnalysisJson("fr"),
      R"({"summary":"x","topics":[],"emotions":[{"id":"joy","score":1.5}],"language":"ko"})",
      R"({"summary":"x","topics":"bike","emotions":[],"language":"ko"})",
      R"({"topics":[],"emotions":[],"language":"ko"})",
      R"([1, 2, 3])",
  };
  for (const std::string& content : broken) {
    fake_.On("/chat/completions",
             [content](const http::Request&, int) { return FakeOpenAi::Completion(content); });
    AiCall call;
    auto a = Provider()->Analyse(call, "", "본문");
    ASSERT_FALSE(a.has_value()) << content;
    EXPECT_EQ(a.error().code, ErrorCode::kUnavailable) << content;
  }
  // A body that is no chat completion at all.
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Json(200, {{"choices", json::array()}});
  });
  AiCall call;
  EXPECT_FALSE(Provider()->Analyse(call, "", "본문").has_value());
}

// Vector i of a request points along axis (input number % dimensions), three units long.
http::Response Vectors(const http::Request& request, int dimensions, int length) {
  const json body = json::parse(request.body);
  json data = json::array();
  const size_t n = body["input"].size();
  for (size_t k = n; k-- > 0;) {  // backwards: the client must order by index
    const std::string text = body["input"][k];
    std::vector<double> v(static_cast<size_t>(length), 0.0);
    v[static_cast<size_t>(text.back() - '0') % static_cast<size_t>(dimensions)] = 3.0;
    data.push_back({{"object", "embedding"}, {"index", k}, {"embedding", v}});
  }
  return FakeOpenAi::Json(200, {{"object", "list"},
                                {"data", data},
                                {"model", "text-embedding-3-large"},
                                {"usage", {{"prompt_tokens", 10 * n}, {"total_tokens", 10 * n}}}});
}

TEST_F(OpenAiProviderTest, EmbedSendsDimensionsInBatchesAndOrdersByIndex) {
  fake_.On("/embeddings", [](const http::Request& r, int) { return Vectors(r, 4, 4); });
  auto ai = Provider(4, /*batch=*/2);
  AiCall call;
  call.trace_content = true;
  auto v = ai->Embed(call, {"text 0", "text 1", "text 2"});
  ASSERT_TRUE(v.has_value()) << v.error().message;
  ASSERT_EQ(v->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_EQ((*v)[i].size(), 4u);
    EXPECT_FLOAT_EQ((*v)[i][i], 1.0f) << "vector " << i << " is normalised and in input order";
  }
  const auto seen = fake_.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].body["model"], "text-embedding-3-large");
  EXPECT_EQ(seen[0].body["dimensions"], 4);
  EXPECT_EQ(seen[0].body["input"], json({"text 0", "text 1"}));
  EXPECT_EQ(seen[1].body["input"], json({"text 2"}));
  EXPECT_EQ(seen[1].authorization, std::string("Bearer ") + kKey);
  EXPECT_EQ(call.tokens_in, 30);
  EXPECT_EQ(call.tokens_out, 0);
  EXPECT_EQ(call.cost_micro_usd, 4);  // 20 × 0.13 rounds to 3, 10 × 0.13 to 1
  EXPECT_EQ(call.sent, "text 0\ntext 1\ntext 2");
}

TEST_F(OpenAiProviderTest, EmbedRejectsVectorsOfTheWrongLength) {
  fake_.On("/embeddings", [](const http::Request& r, int) { return Vectors(r, 4, 3); });
  AiCall call;
  auto v = Provider(4)->Embed(call, {"text 0"});
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(v.error().message.find("dimensions"), std::string::npos);
}

TEST_F(OpenAiProviderTest, AnswerNumbersThePassagesAndReturnsTheCitingReply) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Completion("2025-05-05에 처음 탔어요 [1].", 300, 20);
  });
  AiCall call;
  auto answer =
      Provider()->Answer(call, "언제 처음 자전거를 탔지?",
                         {{"2025-05-05", "두발자전거를 탔다."}, {"2024-01-10", "첫눈이 왔다."}});
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(*answer, "2025-05-05에 처음 탔어요 [1].");
  const json body = fake_.requests().at(0).body;
  EXPECT_FALSE(body.contains("stream"));
  EXPECT_FALSE(body.contains("response_format"));
  const std::string user = body["messages"][1]["content"];
  EXPECT_NE(user.find("[1] 2025-05-05\n두발자전거를 탔다."), std::string::npos) << user;
  EXPECT_NE(user.find("[2] 2024-01-10\n첫눈이 왔다."), std::string::npos) << user;
  EXPECT_NE(user.find("Question: 언제 처음 자전거를 탔지?"), std::string::npos) << user;
  EXPECT_EQ(call.tokens_in, 300);
  EXPECT_EQ(call.cost_micro_usd, 57);  // 300 × 0.15 + 20 × 0.60
}

std::string Event(const json& chunk) { return "data: " + chunk.dump() + "\n\n"; }
json Delta(const std::string& text) {
  return {{"object", "chat.completion.chunk"},
          {"choices", {{{"index", 0}, {"delta", {{"content", text}}}, {"finish_reason", nullptr}}}},
          {"usage", nullptr}};
}

TEST_F(OpenAiProviderTest, ChatStreamsThePiecesAndReadsTheUsageChunk) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    const std::string second = Event(Delta("탔어요 "));
    return FakeOpenAi::Stream(
        {": keep-alive\n\n", Event(Delta("서윤이는 자전거를 ")), second.substr(0, 9),
         second.substr(9),  // split mid-event
         "data: " + Delta("[1].").dump() + "\r\n\r\n",
         Event({{"choices", json::array()},
                {"usage", {{"prompt_tokens", 120}, {"completion_tokens", 8}}}}),
         "data: [DONE]\n\n"});
  });
  AiCall call;
  call.trace_content = true;
  std::vector<std::string> pieces;
  auto reply = Provider()->Chat(call, {{"user", "자전거 언제 탔지?"}},
                                {{"2025-05-05", "두발자전거를 탔다."}},
                                [&](std::string_view p) { pieces.emplace_back(p); });
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(*reply, "서윤이는 자전거를 탔어요 [1].");
  EXPECT_EQ(pieces, (std::vector<std::string>{"서윤이는 자전거를 ", "탔어요 ", "[1]."}));
  EXPECT_EQ(call.tokens_in, 120);
  EXPECT_EQ(call.tokens_out, 8);
  EXPECT_GT(call.cost_micro_usd, 0);
  EXPECT_EQ(call.received, *reply);
  const json body = fake_.requests().at(0).body;
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_NE(body["messages"][0]["content"].get<std::string>().find("[1] 2025-05-05"),
            std::string::npos);
  EXPECT_EQ(body["messages"][1], json({{"role", "user"}, {"content", "자전거 언제 탔지?"}}));
}

TEST_F(OpenAiProviderTest, ChatUnderstandsAServerThatDoesNotStream) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Completion("기록에서 찾지 못했어요.", 50, 7);
  });
  AiCall call;
  std::vector<std::string> pieces;
  auto reply = Provider()->Chat(call, {{"user", "안녕"}}, {},
                                [&](std::string_view p) { pieces.emplace_back(p); });
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(pieces, std::vector<std::string>{"기록에서 찾지 못했어요."});
  EXPECT_EQ(call.tokens_in, 50);
  EXPECT_EQ(call.tokens_out, 7);
}

TEST_F(OpenAiProviderTest, ChatStopsAtAnErrorEvent) {
  fake_.On("/chat/completions", [](const http::Request&, int) {
    return FakeOpenAi::Stream({Event(Delta("반쯤 ")),
                               Event({{"error", {{"code", "server_error"}, {"message", "x"}}}}),
                               Event(Delta("never seen"))});
  });
  AiCall call;
  std::string seen;
  auto reply =
      Provider()->Chat(call, {{"user", "안녕"}}, {}, [&](std::string_view p) { seen += p; });
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(seen, "반쯤 ");
}

TEST(OpenAiOptionsTest, ComeFromTheConfiguration) {
  Config c;
  c.ai_provider = "openai";
  c.embedding_dimensions = 256;
  c.ai_timeout_seconds = 7;
  c.openai_chat_model = "gpt-4o";
  OpenAiOptions o = OpenAiOptionsFrom(c);
  EXPECT_EQ(o.base_url, "https://api.openai.com/v1");
  EXPECT_EQ(o.api_key, "");
  EXPECT_EQ(o.chat_model, "gpt-4o");
  EXPECT_EQ(o.embedding_model, "text-embedding-3-large");
  EXPECT_EQ(o.dimensions, 256);
  EXPECT_EQ(o.timeout, std::chrono::seconds(7));
  c.cloud["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1";
  c.cloud["OPENAI_API_KEY"] = "sk-x";
  o = OpenAiOptionsFrom(c);
  EXPECT_EQ(o.base_url, "http://127.0.0.1:11434/v1");
  EXPECT_EQ(o.api_key, "sk-x");
}

}  // namespace
}  // namespace dadly
