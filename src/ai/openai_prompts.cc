#include "ai/openai_prompts.h"

#include "ai/sentences.h"
#include "core/embedded.h"

namespace dadly::openai {
namespace {

// "[1] 2025-05-05\ntext" for each passage, blank lines between; a plain "(none)" without any.
std::string NumberedPassages(const std::vector<Passage>& passages) {
  if (passages.empty()) return "(none)";
  std::string out;
  for (size_t i = 0; i < passages.size(); ++i) {
    if (i > 0) out += "\n\n";
    out += "[" + std::to_string(i + 1) + "] " + passages[i].occurred_at + "\n" +
           ClipText(passages[i].text, kMaxPassageChars);
  }
  return out;
}

}  // namespace

std::string_view SystemPrompt(std::string_view version, std::string_view name) {
  const std::string path = "prompts/" + std::string(version) + "/" + std::string(name) + ".md";
  return embedded::Find(path).value_or(std::string_view());
}

std::vector<Message> AnalyseMessages(std::string_view version, std::string_view title,
                                     std::string_view body) {
  std::string entry;
  if (!title.empty()) entry = "Title: " + ClipText(title, kMaxPassageChars) + "\n\n";
  entry += ClipText(body, kMaxEntryChars);
  return {{"system", std::string(SystemPrompt(version, "analyse"))}, {"user", std::move(entry)}};
}

std::vector<Message> AnswerMessages(std::string_view version, std::string_view question,
                                    const std::vector<Passage>& passages) {
  std::string user = "Passages:\n\n" + NumberedPassages(passages) +
                     "\n\nQuestion: " + ClipText(question, kMaxTurnChars);
  return {{"system", std::string(SystemPrompt(version, "answer"))}, {"user", std::move(user)}};
}

std::vector<Message> ChatMessages(std::string_view version, const std::vector<ChatTurn>& history,
                                  const std::vector<Passage>& passages) {
  // One system message at the start: some compatible servers refuse a system message later on.
  std::vector<Message> out = {{"system", std::string(SystemPrompt(version, "chat")) +
                                             "\n\n## Passages\n\n" + NumberedPassages(passages)}};
  const size_t first = history.size() > kMaxChatTurns ? history.size() - kMaxChatTurns : 0;
  for (size_t i = first; i < history.size(); ++i) {
    const std::string role = history[i].role == "assistant" ? "assistant" : "user";
    out.push_back({role, ClipText(history[i].content, kMaxTurnChars)});
  }
  return out;
}

std::string TraceText(const std::vector<Message>& messages) {
  std::string out;
  for (const Message& m : messages) {
    if (!out.empty()) out += "\n\n";
    out += m.role + ":\n" + m.content;
  }
  return out;
}

}  // namespace dadly::openai
