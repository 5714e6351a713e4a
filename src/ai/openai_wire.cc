#include "ai/openai_wire.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "ai/ai_provider.h"
#include "ai/local_lexicon.h"
#include "ai/sentences.h"

namespace dadly::openai {
namespace {

using nlohmann::json;

constexpr size_t kMaxTopics = 8;

// Dumped with invalid UTF-8 replaced rather than thrown over; Dadly's own text is valid anyway.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::optional<json> ParseJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// The member `name` of `j` when `j` is an object that has it, else nullptr.
const json* Member(const json& j, const char* name) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

int64_t IntMember(const json* obj, const char* name) {
  if (obj == nullptr) return 0;
  const json* v = Member(*obj, name);
  return v != nullptr && v->is_number_integer() ? v->get<int64_t>() : 0;
}

Usage UsageOf(const json& body) {
  const json* u = Member(body, "usage");
  return Usage{IntMember(u, "prompt_tokens"), IntMember(u, "completion_tokens")};
}

tl::unexpected<Error> Broken(std::string what) {
  return Fail(ErrorCode::kUnavailable, "the AI provider's answer is not usable: " + what);
}

json MessagesJson(const std::vector<Message>& messages) {
  json out = json::array();
  for (const Message& m : messages) out.push_back({{"role", m.role}, {"content", m.content}});
  return out;
}

json SchemaJson() {
  json topics = json::array();
  for (const local_ai::LexiconRow& row : local_ai::TopicRows()) topics.push_back(row.id);
  json emotions = json::array();
  for (const EmotionName& e : Emotions()) emotions.push_back(e.name);
  const json emotion = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "string"}, {"enum", emotions}}},
        {"score", {{"type", "number"}, {"description", "How strongly it is felt, from 0 to 1."}}}}},
      {"required", {"id", "score"}},
      {"additionalProperties", false}};
  return {{"type", "object"},
          {"properties",
           {{"summary",
             {{"type", "string"},
              {"description", "One or two sentences in the entry's own language."}}},
            {"topics",
             {{"type", "array"},
              {"description", "The family-life topics the entry is about, most relevant first."},
              {"items", {{"type", "string"}, {"enum", topics}}}}},
            {"emotions",
             {{"type", "array"},
              {"description", "The feelings the entry expresses, strongest first."},
              {"items", emotion}}},
            {"language", {{"type", "string"}, {"enum", {"ko", "en", "mixed"}}}}}},
          {"required", {"summary", "topics", "emotions", "language"}},
          {"additionalProperties", false}};
}

// The text inside a Markdown code fence (```json ... ```), or `text` when it has none.
std::string_view Unfenced(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text.substr(first, 3) != "```") return text;
  const size_t body = text.find('\n', first);
  const size_t close = text.rfind("```");
  if (body == std::string_view::npos || close <= body) return text;
  return text.substr(body + 1, close - body - 1);
}

}  // namespace

std::string ChatRequestBody(const std::string& model, const std::vector<Message>& messages,
                            bool stream) {
  json body = {{"model", model}, {"messages", MessagesJson(messages)}};
  if (stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  return Dump(body);
}

std::string AnalysisRequestBody(const std::string& model, const std::vector<Message>& messages) {
  const json body = {
      {"model", model},
      {"messages", MessagesJson(messages)},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema",
         {{"name", "entry_analysis"}, {"strict", true}, {"schema", SchemaJson()}}}}}};
  return Dump(body);
}

std::string AnalysisSchema() { return Dump(SchemaJson()); }

std::string EmbeddingRequestBody(const std::string& model, const std::vector<std::string>& inputs,
                                 int dimensions) {
  const json body = {{"model", model},
                     {"input", inputs},
                     {"dimensions", dimensions},
                     {"encoding_format", "float"}};
  return Dump(body);
}

Result<Completion> ParseCompletion(std::string_view text) {
  auto body = ParseJson(text);
  if (!body) return Broken("not JSON");
  const json* choices = Member(*body, "choices");
  if (choices == nullptr || !choices->is_array() || choices->empty()) return Broken("no choices");
  const json* message = Member(choices->front(), "message");
  const json* content = message == nullptr ? nullptr : Member(*message, "content");
  if (content == nullptr || !content->is_string()) {
    const json* refusal = message == nullptr ? nullptr : Member(*message, "refusal");
    if (refusal != nullptr && refusal->is_string()) {
      return Fail(ErrorCode::kUnavailable, "the model declined to answer");
    }
    return Broken("no message content");
  }
  return Completion{content->get<std::string>(), UsageOf(*body)};
}

Result<Analysis> ParseAnalysis(std::string_view content) {
  auto reply = ParseJson(Unfenced(content));
  if (!reply || !reply->is_object()) return Broken("the analysis is not a JSON object");
  const json* summary = Member(*reply, "summary");
  const json* topics = Member(*reply, "topics");
  const json* emotions = Member(*reply, "emotions");
  const json* language = Member(*reply, "language");
  if (summary == nullptr || !summary->is_string()) return Broken("the summary is missing");
  if (topics == nullptr || !topics->is_array()) return Broken("the topics are missing");
  if (emotions == nullptr || !emotions->is_array()) return Broken("the emotions are missing");
  if (language == nullptr || !language->is_string()) return Broken("the language is missing");

  Analysis a;
  a.language = language->get<std::string>();
  if (a.language != "ko" && a.language != "en" && a.language != "mixed") {
    return Broken("the language is not ko, en or mixed");
  }
  a.summary = ClipText(summary->get<std::string>(), kMaxSummaryChars);
  for (const json& t : *topics) {
    if (!t.is_string()) return Broken("a topic is not a string");
    const std::string id = t.get<std::string>();
    if (!IsTopic(id) || std::find(a.topics.begin(), a.topics.end(), id) != a.topics.end()) {
      continue;
    }
    if (a.topics.size() < kMaxTopics) a.topics.push_back(id);
  }
  for (const json& e : *emotions) {
    const json* id = Member(e, "id");
    const json* score = Member(e, "score");
    if (id == nullptr || !id->is_string() || score == nullptr || !score->is_number()) {
      return Broken("an emotion lacks its id or score");
    }
    const double s = score->get<double>();
    if (!(s >= 0 && s <= 1)) return Broken("an emotion's score is outside 0..1");
    const EmotionName* known = FindEmotion(id->get<std::string>());
    const double rounded = std::round(s * 1000) / 1000;
    if (known == nullptr || rounded <= 0) continue;
    auto same = std::find_if(a.emotions.begin(), a.emotions.end(),
                             [&](const EmotionScore& x) { return x.name == known->name; });
    if (same != a.emotions.end()) {
      same->score = std::max(same->score, rounded);
    } else {
      a.emotions.push_back(EmotionScore{known->name, known->label_ko, rounded});
    }
  }
  std::stable_sort(a.emotions.begin(), a.emotions.end(),
                   [](const EmotionScore& x, const EmotionScore& y) { return x.score > y.score; });
  return a;
}

Result<Embeddings> ParseEmbeddings(std::string_view text, size_t count, int dimensions) {
  auto body = ParseJson(text);
  if (!body) return Broken("not JSON");
  const json* data = Member(*body, "data");
  if (data == nullptr || !data->is_array()) return Broken("no data");
  if (data->size() != count) {
    return Broken(std::to_string(data->size()) + " vectors for " + std::to_string(count) +
                  " texts");
  }
  Embeddings out;
  out.vectors.resize(count);
  std::set<size_t> seen;
  for (const json& item : *data) {
    const json* index = Member(item, "index");
    const json* embedding = Member(item, "embedding");
    if (index == nullptr || !index->is_number_unsigned() || embedding == nullptr ||
        !embedding->is_array()) {
      return Broken("a vector lacks its index or numbers");
    }
    const auto i = index->get<size_t>();
    if (i >= count || !seen.insert(i).second) return Broken("vector indexes do not match");
    if (embedding->size() != static_cast<size_t>(dimensions)) {
      return Broken("a vector has " + std::to_string(embedding->size()) + " dimensions, not " +
                    std::to_string(dimensions));
    }
    std::vector<float>& v = out.vectors[i];
    v.reserve(embedding->size());
    double norm = 0;
    for (const json& x : *embedding) {
      if (!x.is_number()) return Broken("a vector holds something other than numbers");
      const double d = x.get<double>();
      if (!std::isfinite(d)) return Broken("a vector holds a number that is not finite");
      v.push_back(static_cast<float>(d));
      norm += d * d;
    }
    if (!(norm > 0)) return Broken("a vector is all zeros");
    const double scale = 1 / std::sqrt(norm);
    for (float& f : v) f = static_cast<float>(f * scale);
  }
  out.usage = UsageOf(*body);
  return out;
}

Result<StreamChunk> ParseStreamChunk(std::string_view data) {
  StreamChunk chunk;
  if (data == "[DONE]") {
    chunk.done = true;
    return chunk;
  }
  auto body = ParseJson(data);
  if (!body || !body->is_object()) return Broken("a streamed event is not JSON");
  if (Member(*body, "error") != nullptr) {
    const ApiError e = ParseApiError(data);
    return Fail(ErrorCode::kUnavailable, "the AI provider broke off its reply" +
                                             (e.code.empty() ? "" : " (" + e.code + ")"));
  }
  if (const json* choices = Member(*body, "choices");
      choices != nullptr && choices->is_array() && !choices->empty()) {
    const json* delta = Member(choices->front(), "delta");
    const json* content = delta == nullptr ? nullptr : Member(*delta, "content");
    if (content != nullptr && content->is_string()) chunk.content = content->get<std::string>();
  }
  if (const json* usage = Member(*body, "usage"); usage != nullptr && usage->is_object()) {
    chunk.usage = UsageOf(*body);
  }
  return chunk;
}

void SseReader::Feed(std::string_view bytes, const OnData& on_data) {
  while (!bytes.empty()) {
    const size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      pending_.append(bytes);
      return;
    }
    pending_.append(bytes.substr(0, nl));
    bytes.remove_prefix(nl + 1);
    std::string line = std::move(pending_);
    pending_.clear();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Line(line, on_data);
  }
}

void SseReader::Finish(const OnData& on_data) {
  if (!pending_.empty()) {
    std::string line = std::move(pending_);
    pending_.clear();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Line(line, on_data);
  }
  Line("", on_data);
}

void SseReader::Line(std::string_view line, const OnData& on_data) {
  if (line.empty()) {  // the end of an event
    if (has_data_) on_data(data_);
    data_.clear();
    has_data_ = false;
    return;
  }
  if (!line.starts_with("data:")) return;  // comments, event:, id:, retry:
  line.remove_prefix(5);
  if (line.starts_with(' ')) line.remove_prefix(1);
  if (has_data_) data_ += '\n';
  data_.append(line);
  has_data_ = true;
}

ApiError ParseApiError(std::string_view text) {
  ApiError out;
  auto body = ParseJson(text);
  if (!body) return out;
  const json* error = Member(*body, "error");
  if (error == nullptr) return out;
  auto text_of = [&](const char* name) {
    const json* v = Member(*error, name);
    return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
  };
  out.code = text_of("code");
  out.type = text_of("type");
  return out;
}

}  // namespace dadly::openai
