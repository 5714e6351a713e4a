// Conversations, messages and the events of a streamed reply on the wire.
#include "core/time.h"
#include "http/views.h"

namespace dadly::http {
namespace {

void WriteConversationHead(JsonWriter& w, const Conversation& c) {
  w.Field("id", c.id)
      .Field("title", c.title)
      .Field("created_at", FormatTimestamp(c.created_at))
      .Field("updated_at", FormatTimestamp(c.updated_at));
}

void WriteMessage(JsonWriter& w, const Message& m) {
  w.StartObject()
      .Field("id", m.id)
      .Field("role", m.role)
      .Field("content", m.content)
      .Key("citations")
      .StartArray();
  for (const Citation& c : m.citations) {
    w.StartObject()
        .Field("entry_id", c.entry_id)
        .Field("occurred_at", c.occurred_at)
        .Field("excerpt", c.excerpt)
        .EndObject();
  }
  w.EndArray().Field("created_at", FormatTimestamp(m.created_at)).EndObject();
}

}  // namespace

std::string ConversationJson(const ConversationView& view) {
  JsonWriter w;
  w.StartObject();
  WriteConversationHead(w, view.conversation);
  w.Key("messages").StartArray();
  for (const Message& m : view.messages) WriteMessage(w, m);
  w.EndArray().EndObject();
  return w.Take();
}

std::string ConversationPageJson(const ConversationPage& page) {
  return Items(page.items, page.next_cursor, [](JsonWriter& w, const Conversation& c) {
    w.StartObject();
    WriteConversationHead(w, c);
    w.EndObject();
  });
}

std::string ChatExchangeJson(const ChatExchange& exchange) {
  JsonWriter w;
  w.StartObject().Key("user_message");
  WriteMessage(w, exchange.question);
  w.Key("reply");
  WriteMessage(w, exchange.reply);
  w.EndObject();
  return w.Take();
}

std::string ChatDeltaJson(std::string_view text) {
  JsonWriter w;
  w.StartObject().Field("text", text).EndObject();
  return w.Take();
}

}  // namespace dadly::http
