#include "service/chat_service.h"

#include <algorithm>
#include <unordered_set>

#include "ai/sentences.h"
#include "core/ids.h"
#include "search/snippet.h"
#include "service/citations.h"
#include "service/family_service.h"
#include "service/validate.h"

namespace dadly {
namespace {

constexpr size_t kMaxContentChars = 2000;
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kTitleFromMessageChars = 60;
constexpr size_t kHistoryMessages = 12;  // six exchanges
constexpr size_t kRetrieved = 5;
constexpr size_t kPassages = 3;

// Replaces each reply that cites, or was given to answer from, an entry outside `filter` (what
// the reader may see now) with a notice, and drops its citations. A reply may quote a passage
// without citing it.
Status WithholdUnseen(Store& store, const EntryFilter& filter, std::vector<Message>& messages) {
  std::vector<int64_t> cited;
  for (const Message& m : messages) {
    for (const Citation& c : m.citations) cited.push_back(c.entry_seq);
    for (const Citation& c : m.sources) cited.push_back(c.entry_seq);
  }
  if (cited.empty()) return {};
  EntryFilter seen_filter = filter;
  seen_filter.seqs = std::move(cited);
  auto seen = store.ListAllEntries(seen_filter);
  if (!seen) return tl::unexpected(seen.error());
  std::unordered_set<int64_t> visible;
  for (const Entry& e : *seen) visible.insert(e.seq);
  for (Message& m : messages) {
    const auto unseen = [&](const Citation& c) { return !visible.contains(c.entry_seq); };
    const bool hidden = std::any_of(m.citations.begin(), m.citations.end(), unseen) ||
                        std::any_of(m.sources.begin(), m.sources.end(), unseen);
    if (!hidden) continue;
    m.content = WithheldReplyNotice(m.content);
    m.citations.clear();
    m.sources.clear();
  }
  return {};
}

}  // namespace

Result<Conversation> ChatService::Create(const std::string& caller, const std::string& family_id,
                                         const std::optional<std::string>& title) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  Validator v;
  if (title) v.Text("title", *title, 0, kMaxTitleChars);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  const int64_t now = clock_.NowSeconds();
  Conversation c{NewUuid(), family_id, caller, title.value_or(""), now, now, 0};
  if (auto ok = store->CreateConversation(c); !ok) return tl::unexpected(ok.error());
  return store->FindConversation(family_id, caller, c.id);
}

Result<ConversationPage> ChatService::List(const std::string& caller, const std::string& family_id,
                                           const std::optional<std::string>& limit,
                                           const std::optional<std::string>& cursor) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  Validator v;
  const int page_size = v.Limit(limit, 20, 100);
  std::optional<std::pair<int64_t, int64_t>> after;
  if (cursor) {
    auto c = DecodeCursor(*cursor);
    auto updated_at = c ? ParseInt64(c->first) : std::nullopt;
    if (!updated_at) {
      v.Add("cursor", "is not a cursor this list gave out");
    } else {
      after = std::make_pair(*updated_at, c->second);
    }
  }
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  auto rows = store->ListConversations(family_id, caller, after, page_size + 1);
  if (!rows) return tl::unexpected(rows.error());
  ConversationPage page;
  if (static_cast<int>(rows->size()) > page_size) {
    rows->resize(static_cast<size_t>(page_size));
    page.next_cursor = EncodeCursor(std::to_string(rows->back().updated_at), rows->back().seq);
  }
  page.items = std::move(*rows);
  return page;
}

Result<ConversationView> ChatService::Get(const std::string& caller, const std::string& family_id,
                                          const std::string& conversation_id) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  return Load(*store, *reader, conversation_id);
}

Result<ConversationView> ChatService::Load(Store& store, const Reader& reader,
                                           const std::string& conversation_id) {
  auto c =
      store.FindConversation(reader.filter.family_id, reader.membership.user_id, conversation_id);
  if (!c) return tl::unexpected(c.error());
  auto messages = store.ListMessages(*c);
  if (!messages) return tl::unexpected(messages.error());
  if (auto ok = WithholdUnseen(store, reader.filter, *messages); !ok) {
    return tl::unexpected(ok.error());
  }
  return ConversationView{std::move(*c), std::move(*messages)};
}

Status ChatService::Delete(const std::string& caller, const std::string& family_id,
                           const std::string& conversation_id) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  return store->DeleteConversation(family_id, caller, conversation_id);
}

Result<PreparedTurn> ChatService::Prepare(const std::string& caller, const std::string& family_id,
                                          const std::string& conversation_id,
                                          const std::string& content) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  auto view = Load(*store, *reader, conversation_id);
  if (!view) return tl::unexpected(view.error());
  Validator v;
  v.Text("content", content, 1, kMaxContentChars, true);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());

  PreparedTurn turn;
  turn.caller = caller;
  turn.conversation = std::move(view->conversation);
  const auto& messages = view->messages;
  for (size_t i = messages.size() > kHistoryMessages ? messages.size() - kHistoryMessages : 0;
       i < messages.size(); ++i) {
    turn.history.push_back(ChatTurn{messages[i].role, messages[i].content});
  }
  turn.history.push_back(ChatTurn{"user", content});
  turn.question = Message{NewUuid(), "user", content, {}, clock_.NowSeconds(), {}};

  // The conversation in mind: a follow-up ("그때 몇 살이었지?") leans on the question before it.
  SearchQuery query;
  query.query = content;
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") {
      query.query = it->content + "\n" + content;
      break;
    }
  }
  query.limit = static_cast<int64_t>(kRetrieved);
  AiRun about;
  about.family_id = family_id;
  about.conversation_id = turn.conversation.id;
  auto hits = search_.Retrieve(*store, reader->filter, about, query);
  if (!hits) return tl::unexpected(hits.error());
  if (hits->size() > kPassages) hits->resize(kPassages);
  turn.passages = std::move(*hits);
  return turn;
}

Result<ChatExchange> ChatService::Answer(const PreparedTurn& turn, const OnDelta& on_delta) {
  auto store = store_.ActingFor(turn.caller);
  AiRun about;
  about.family_id = turn.conversation.family_id;
  about.conversation_id = turn.conversation.id;
  auto reply =
      ai_.Chat(*store, about, turn.history, PassagesOf(turn.passages, kPassages), on_delta);
  if (!reply) return tl::unexpected(reply.error());
  CitedText cited = Cite(*reply, turn.passages.size());
  ChatExchange out;
  out.question = turn.question;
  out.reply = Message{NewUuid(), "assistant", std::move(cited.text), {}, clock_.NowSeconds(), {}};
  for (size_t i : cited.cited) {
    const SearchHit& hit = turn.passages[i];
    out.reply.citations.push_back(
        Citation{hit.entry_id, hit.occurred_at, search::PlainText(hit.snippet)});
  }
  for (size_t i = 0; i < turn.passages.size(); ++i) {
    if (std::find(cited.cited.begin(), cited.cited.end(), i) == cited.cited.end()) {
      out.reply.sources.push_back(Citation{turn.passages[i].entry_id, "", "", 0});
    }
  }
  Conversation conversation = turn.conversation;
  if (conversation.title.empty()) {
    std::string line = turn.question.content;
    for (char& ch : line) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    }
    conversation.title = ClipText(line, kTitleFromMessageChars);
  }
  if (auto ok =
          store->AppendMessages(conversation, {out.question, out.reply}, out.reply.created_at);
      !ok) {
    return tl::unexpected(ok.error());
  }
  return out;
}

}  // namespace dadly
