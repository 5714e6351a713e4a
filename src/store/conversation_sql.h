// The SQL both backends use for conversations, with ?N placeholders (PostgreSQL turns them into
// $N with Dollars, in entry_sql.h). One text serves both databases.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/conversation.h"
#include "store/entry_sql.h"

namespace dadly {

inline constexpr const char* kConversationColumns =
    "SELECT id, family_id, user_id, title, created_at, updated_at, seq FROM conversations ";
// ?1 family, ?2 user, ?3 conversation.
inline constexpr const char* kFindConversation =
    "WHERE family_id = ?1 AND user_id = ?2 AND id = ?3";
// ?1 family, ?2 user, after (?3 updated_at, ?4 seq), ?5 limit.
inline constexpr const char* kListConversations =
    "WHERE family_id = ?1 AND user_id = ?2 AND (updated_at < ?3 OR (updated_at = ?3 AND seq < ?4)) "
    "ORDER BY updated_at DESC, seq DESC LIMIT ?5";
inline constexpr const char* kInsertConversation =
    "INSERT INTO conversations (id, family_id, user_id, title, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
// ?1 conversation seq.
inline constexpr const char* kListMessages =
    "SELECT seq, id, role, content, created_at FROM messages WHERE conversation_seq = ?1 "
    "ORDER BY seq";
// Every citation and source, also of an entry the reader may not see (under Row Level Security its
// id is empty): ChatService withholds the replies drawing on those.
inline constexpr const char* kListCitations =
    "SELECT c.message_seq, coalesce(CAST(e.id AS TEXT), ''), coalesce(e.occurred_at, ''), "
    "c.excerpt, c.entry_seq, c.cited "
    "FROM message_citations c JOIN messages m ON m.seq = c.message_seq "
    "LEFT JOIN entries e ON e.seq = c.entry_seq "
    "WHERE m.conversation_seq = ?1 ORDER BY c.message_seq, c.position";
// ?1 seq, ?2 updated_at, ?3 title.
inline constexpr const char* kTouchConversation =
    "UPDATE conversations SET updated_at = ?2, title = ?3 WHERE seq = ?1";
inline constexpr const char* kInsertMessage =
    "INSERT INTO messages (id, conversation_seq, role, content, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING seq";
// ?1 message seq, ?2 position, ?3 entry id, ?4 family, ?5 excerpt, ?6 cited (1) or a source (0).
inline constexpr const char* kInsertCitation =
    "INSERT INTO message_citations (message_seq, position, entry_seq, excerpt, cited) "
    "VALUES (?1, ?2, (SELECT seq FROM entries WHERE id = ?3 AND family_id = ?4), ?5, ?6)";

// A row of message_citations: a citation of the message, or one of its sources.
struct CitationRow {
  int64_t message_seq = 0;  // known once read
  Citation citation;
  bool cited = true;
};
// The rows to insert for a message, in position order: its citations, then its sources.
std::vector<CitationRow> CitationRowsOf(const Message& m);
// Joins rows read by kListCitations in (message seq, position) order to `messages`, read by
// kListMessages in seq order (`seqs` holding their seqs).
void AttachCitations(std::vector<Message>& messages, const std::vector<int64_t>& seqs,
                     std::vector<CitationRow> rows);

inline constexpr const char* kDeleteConversation =
    "DELETE FROM conversations WHERE family_id = ?1 AND user_id = ?2 AND id = ?3";

}  // namespace dadly
