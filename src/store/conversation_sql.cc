#include "store/conversation_sql.h"

namespace dadly {

std::vector<CitationRow> CitationRowsOf(const Message& m) {
  std::vector<CitationRow> rows;
  for (const Citation& c : m.citations) rows.push_back(CitationRow{0, c, true});
  for (const Citation& c : m.sources) rows.push_back(CitationRow{0, c, false});
  return rows;
}

void AttachCitations(std::vector<Message>& messages, const std::vector<int64_t>& seqs,
                     std::vector<CitationRow> rows) {
  size_t i = 0;  // both lists are in message order
  for (auto& row : rows) {
    while (i < seqs.size() && seqs[i] != row.message_seq) ++i;
    if (i == seqs.size()) break;
    (row.cited ? messages[i].citations : messages[i].sources).push_back(std::move(row.citation));
  }
}

}  // namespace dadly
