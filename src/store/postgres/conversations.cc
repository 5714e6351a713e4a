// Conversations and AI token sums on PostgreSQL (SQL shared with SQLite in conversation_sql.h).
// Row Level Security lets a user see and change only their own conversations.
#include "store/conversation_sql.h"
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {
namespace {

Conversation ConversationAt(const Rows& r, int i) {
  return Conversation{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3),
                      r.Int(i, 4),  r.Int(i, 5),  r.Int(i, 6)};
}

}  // namespace

Result<int64_t> PostgresStore::AiTokensSince(const std::string& family_id, int64_t since) {
  auto r = Read("ai_tokens_since", "SELECT dadly_ai_tokens_since($1, $2)", family_id, since);
  if (!r) return tl::unexpected(r.error());
  return r->Int(0, 0);
}

Status PostgresStore::CreateConversation(const Conversation& c) {
  return InTransaction("create_conversation", [&](Connection& conn) -> Status {
    conn.Exec(Dollars(kInsertConversation), c.id, c.family_id, c.user_id, c.title, c.created_at,
              c.updated_at);
    return {};
  });
}

Result<Conversation> PostgresStore::FindConversation(const std::string& family_id,
                                                     const std::string& user_id,
                                                     const std::string& conversation_id) {
  auto r = Read("find_conversation", Dollars(std::string(kConversationColumns) + kFindConversation),
                family_id, user_id, conversation_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("conversation");
  return ConversationAt(*r, 0);
}

Result<std::vector<Conversation>> PostgresStore::ListConversations(
    const std::string& family_id, const std::string& user_id,
    std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  const auto [updated_at, seq] = after.value_or(std::make_pair(INT64_MAX, INT64_MAX));
  auto r =
      Read("list_conversations", Dollars(std::string(kConversationColumns) + kListConversations),
           family_id, user_id, updated_at, seq, static_cast<int64_t>(limit));
  if (!r) return tl::unexpected(r.error());
  std::vector<Conversation> out;
  for (int i = 0; i < r->size(); ++i) out.push_back(ConversationAt(*r, i));
  return out;
}

Result<std::vector<Message>> PostgresStore::ListMessages(const Conversation& c) {
  return InTransaction("list_messages", [&](Connection& conn) -> Result<std::vector<Message>> {
    const Rows rows = conn.Exec(Dollars(kListMessages), c.seq);
    const Rows cites = conn.Exec(Dollars(kListCitations), c.seq);
    std::vector<Message> out;
    std::vector<int64_t> seqs;
    for (int i = 0; i < rows.size(); ++i) {
      seqs.push_back(rows.Int(i, 0));
      out.push_back(
          Message{rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3), {}, rows.Int(i, 4), {}});
    }
    std::vector<CitationRow> citations;
    for (int k = 0; k < cites.size(); ++k) {
      citations.push_back(CitationRow{
          cites.Int(k, 0),
          Citation{cites.Text(k, 1), cites.Text(k, 2), cites.Text(k, 3), cites.Int(k, 4)},
          cites.Int(k, 5) == 1});
    }
    AttachCitations(out, seqs, std::move(citations));
    return out;
  });
}

Status PostgresStore::AppendMessages(const Conversation& c, const std::vector<Message>& messages,
                                     int64_t now) {
  return InTransaction("append_messages", [&](Connection& conn) -> Status {
    if (conn.Exec(Dollars(kTouchConversation), c.seq, now, c.title).affected() != 1) {
      return NotFound("conversation");
    }
    for (const Message& m : messages) {
      const Rows inserted =
          conn.Exec(Dollars(kInsertMessage), m.id, c.seq, m.role, m.content, m.created_at);
      const int64_t seq = inserted.Int(0, 0);
      const auto rows = CitationRowsOf(m);
      for (size_t p = 0; p < rows.size(); ++p) {
        conn.Exec(Dollars(kInsertCitation), seq, static_cast<int64_t>(p + 1),
                  rows[p].citation.entry_id, c.family_id, rows[p].citation.excerpt,
                  int64_t{rows[p].cited});
      }
    }
    return {};
  });
}

Status PostgresStore::DeleteConversation(const std::string& family_id, const std::string& user_id,
                                         const std::string& conversation_id) {
  return InTransaction("delete_conversation", [&](Connection& conn) -> Status {
    if (conn.Exec(Dollars(kDeleteConversation), family_id, user_id, conversation_id).affected() !=
        1) {
      return NotFound("conversation");
    }
    return {};
  });
}

}  // namespace dadly::postgres
