// Chat about the family's memories. A conversation is its user's alone; each turn retrieves
// entries with the conversation in mind (the new message and the one before it), hands the best
// few to the model as numbered passages with the recent history, and stores the question and the
// reply — with the entries the reply cites — once the reply is complete. Nothing is stored for a
// turn that fails. Citations pass through Cite, so a reply never points at an entry that was not
// retrieved for this caller.
//
// A turn is prepared first (validation, the conversation, retrieval), so that every error a
// client can fix comes back before a streamed reply starts, then answered.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "model/conversation.h"
#include "service/ai_gateway.h"
#include "service/family_service.h"
#include "service/search_service.h"
#include "store/store.h"

namespace dadly {

struct ConversationPage {
  std::vector<Conversation> items;
  std::optional<std::string> next_cursor;
};

struct ConversationView {
  Conversation conversation;
  std::vector<Message> messages;
};

// A turn ready to be answered.
struct PreparedTurn {
  std::string caller;
  Conversation conversation;
  std::vector<ChatTurn> history;  // recent messages, ending with the new question
  std::vector<SearchHit> passages;
  Message question;
};

// The question and the reply, as stored.
struct ChatExchange {
  Message question;
  Message reply;
};

class ChatService {
 public:
  ChatService(Store& store, SearchService& search, AiGateway& ai, const Clock& clock)
      : store_(store), search_(search), ai_(ai), clock_(clock) {}

  Result<Conversation> Create(const std::string& caller, const std::string& family_id,
                              const std::optional<std::string>& title);
  Result<ConversationPage> List(const std::string& caller, const std::string& family_id,
                                const std::optional<std::string>& limit,
                                const std::optional<std::string>& cursor);
  Result<ConversationView> Get(const std::string& caller, const std::string& family_id,
                               const std::string& conversation_id);
  Status Delete(const std::string& caller, const std::string& family_id,
                const std::string& conversation_id);

  Result<PreparedTurn> Prepare(const std::string& caller, const std::string& family_id,
                               const std::string& conversation_id, const std::string& content);
  // Writes the reply (`on_delta` sees it as it comes) and stores the exchange.
  Result<ChatExchange> Answer(const PreparedTurn& turn, const OnDelta& on_delta);

 private:
  // The reader's conversation with its messages, through `store` acting for the reader. A reply
  // that quotes an entry the reader can no longer see (made private by its author, moved to the
  // trash, out of a child's reach) is withheld, also from the model's history: its text may
  // repeat that entry. It comes back if the entry does.
  static Result<ConversationView> Load(Store& store, const Reader& reader,
                                       const std::string& conversation_id);

  Store& store_;
  SearchService& search_;
  AiGateway& ai_;
  const Clock& clock_;
};

}  // namespace dadly
