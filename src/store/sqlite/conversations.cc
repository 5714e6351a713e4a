// Conversations and AI token sums on SQLite (SQL shared with PostgreSQL in conversation_sql.h).
#include "store/conversation_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

Conversation ConversationAt(const Stmt& q) {
  return Conversation{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5), q.Int(6)};
}

}  // namespace

Result<int64_t> SqliteStore::AiTokensSince(const std::string& family_id, int64_t since) {
  return Guard("ai_tokens_since", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(
        "SELECT coalesce(sum(tokens_in + tokens_out), 0) FROM ai_runs "
        "WHERE family_id = ?1 AND created_at >= ?2");
    q.Bind(1, family_id).Bind(2, since);
    q.Step();
    return q.Int(0);
  });
}

Status SqliteStore::CreateConversation(const Conversation& c) {
  return Guard("create_conversation", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(kInsertConversation)
        .Bind(1, c.id)
        .Bind(2, c.family_id)
        .Bind(3, c.user_id)
        .Bind(4, c.title)
        .Bind(5, c.created_at)
        .Bind(6, c.updated_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<Conversation> SqliteStore::FindConversation(const std::string& family_id,
                                                   const std::string& user_id,
                                                   const std::string& conversation_id) {
  return Guard("find_conversation", [&]() -> Result<Conversation> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kConversationColumns) + kFindConversation);
    q.Bind(1, family_id).Bind(2, user_id).Bind(3, conversation_id);
    if (!q.Step()) return NotFound("conversation");
    return ConversationAt(q);
  });
}

Result<std::vector<Conversation>> SqliteStore::ListConversations(
    const std::string& family_id, const std::string& user_id,
    std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  return Guard("list_conversations", [&]() -> Result<std::vector<Conversation>> {
    const auto [updated_at, seq] = after.value_or(std::make_pair(INT64_MAX, INT64_MAX));
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kConversationColumns) + kListConversations);
    q.Bind(1, family_id).Bind(2, user_id).Bind(3, updated_at).Bind(4, seq).Bind(5, limit);
    std::vector<Conversation> out;
    while (q.Step()) out.push_back(ConversationAt(q));
    return out;
  });
}

Result<std::vector<Message>> SqliteStore::ListMessages(const Conversation& c) {
  return Guard("list_messages", [&]() -> Result<std::vector<Message>> {
    auto conn = pool_->Acquire();
    std::vector<Message> out;
    std::vector<int64_t> seqs;
    auto q = conn->Prepare(kListMessages);
    q.Bind(1, c.seq);
    while (q.Step()) {
      seqs.push_back(q.Int(0));
      out.push_back(Message{q.Text(1), q.Text(2), q.Text(3), {}, q.Int(4), {}});
    }
    auto cites = conn->Prepare(kListCitations);
    cites.Bind(1, c.seq);
    std::vector<CitationRow> citations;
    while (cites.Step()) {
      citations.push_back(CitationRow{
          cites.Int(0), Citation{cites.Text(1), cites.Text(2), cites.Text(3), cites.Int(4)},
          cites.Int(5) == 1});
    }
    AttachCitations(out, seqs, std::move(citations));
    return out;
  });
}

Status SqliteStore::AppendMessages(const Conversation& c, const std::vector<Message>& messages,
                                   int64_t now) {
  return Guard("append_messages", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(kTouchConversation).Bind(1, c.seq).Bind(2, now).Bind(3, c.title).Run();
    if (conn->Changes() != 1) return NotFound("conversation");
    for (const Message& m : messages) {
      auto insert = conn->Prepare(kInsertMessage);
      insert.Bind(1, m.id).Bind(2, c.seq).Bind(3, m.role).Bind(4, m.content).Bind(5, m.created_at);
      insert.Step();
      const int64_t seq = insert.Int(0);
      insert.Run();  // finishes the statement
      const auto rows = CitationRowsOf(m);
      for (size_t p = 0; p < rows.size(); ++p) {
        conn->Prepare(kInsertCitation)
            .Bind(1, seq)
            .Bind(2, static_cast<int64_t>(p + 1))
            .Bind(3, rows[p].citation.entry_id)
            .Bind(4, c.family_id)
            .Bind(5, rows[p].citation.excerpt)
            .Bind(6, int64_t{rows[p].cited})
            .Run();
      }
    }
    tx.Commit();
    return {};
  });
}

Status SqliteStore::DeleteConversation(const std::string& family_id, const std::string& user_id,
                                       const std::string& conversation_id) {
  return Guard("delete_conversation", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(kDeleteConversation)
        .Bind(1, family_id)
        .Bind(2, user_id)
        .Bind(3, conversation_id)
        .Run();
    if (conn->Changes() != 1) return NotFound("conversation");
    tx.Commit();
    return {};
  });
}

}  // namespace dadly::sqlite
