// The prompts of the OpenAI-compatible provider. The system prompts are Markdown files under
// prompts/<version>/ (analyse.md, answer.md, chat.md), compiled into the binary by CMake; a
// change of wording is a new version directory, so every AI run records which prompts it used.
// The user messages around them (the entry, the numbered passages, the question) are built here.
//
// Texts are clipped before they are sent (an entry's body to kMaxEntryChars code points, each
// passage to kMaxPassageChars, the conversation to its last kMaxChatTurns turns), which bounds
// what a call can cost.
//
// Pure functions; safe to call from many threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ai/ai_provider.h"
#include "ai/openai_wire.h"

namespace dadly::openai {

// The prompts this build sends: the name of their directory under prompts/.
inline constexpr const char* kPromptVersion = "v1";

inline constexpr size_t kMaxEntryChars = 12000;
inline constexpr size_t kMaxPassageChars = 2000;
inline constexpr size_t kMaxChatTurns = 20;
inline constexpr size_t kMaxTurnChars = 4000;

// The system prompt `name` (analyse, answer or chat) of `version`; empty when there is none.
std::string_view SystemPrompt(std::string_view version, std::string_view name);

// Messages asking for the analysis of an entry.
std::vector<Message> AnalyseMessages(std::string_view version, std::string_view title,
                                     std::string_view body);
// Messages asking for the answer to `question` from `passages`, numbered [1], [2], ...
std::vector<Message> AnswerMessages(std::string_view version, std::string_view question,
                                    const std::vector<Passage>& passages);
// Messages for the assistant's next chat turn: the system prompt with the numbered passages,
// then the conversation.
std::vector<Message> ChatMessages(std::string_view version, const std::vector<ChatTurn>& history,
                                  const std::vector<Passage>& passages);

// The messages as one text ("role:\ncontent", blank lines between), for content tracing.
std::string TraceText(const std::vector<Message>& messages);

}  // namespace dadly::openai
